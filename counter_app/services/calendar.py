"""The office calendar: due times, the holiday list, and the editable overrides table."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from contract import events, payloads
from counter_app.domain.calendar import LOCAL, MAKE_UP_WORK, official_days
from counter_app.domain.text import clean_text
from counter_app.errors import ValidationError
from counter_app.services import journal, meta
from db.models import CalendarOverride

if TYPE_CHECKING:
    from counter_app.services.context import AppContext


class CalendarService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def due(self, start: datetime, days: int) -> datetime:
        return self.ctx.calendar.due(start, days)

    def holidays(self, year: int) -> list[dict[str, Any]]:
        """Days off and make-up working days of `year`: the official days (resources/calendar/, else the
        `holidays` package) merged with the office's and the city's overrides, which win."""
        with self.ctx.db.read() as s:
            # Plain tuples: the session's objects expire when the read snapshot ends.
            overrides = {
                o.day: (o.working, o.note)
                for o in s.scalars(
                    select(CalendarOverride).where(
                        CalendarOverride.day >= date(year, 1, 1), CalendarOverride.day <= date(year, 12, 31)
                    )
                )
            }
        rows: dict[date, dict[str, Any]] = {}
        for day, o in official_days(year).items():
            rows[day] = {
                "date": day.isoformat(),
                "name": o.name,
                "working": o.working,
                "kind": o.kind,
                "source": o.source,
                "origin": "official",
            }
        for day, (working, note) in overrides.items():
            rows[day] = {
                "date": day.isoformat(),
                "name": note or rows.get(day, {}).get("name", ""),
                "working": working,
                "kind": MAKE_UP_WORK if working else LOCAL,
                "source": note or "Điều chỉnh của cơ quan (calendar set-day)",
                "origin": "override",
            }
        return [rows[d] for d in sorted(rows)]

    def overrides(self) -> list[dict[str, Any]]:
        with self.ctx.db.read() as s:
            return [
                {"date": o.day.isoformat(), "working": o.working, "note": o.note}
                for o in s.scalars(select(CalendarOverride).order_by(CalendarOverride.day))
            ]

    def set_day(self, day: date, working: bool, note: str = "", *, actor: str) -> None:
        """Mark `day` as a day off or a (make-up) working day, overriding weekends and the package."""
        note = clean_text(note, field="note", label="Ghi chú", max_len=200, required=False)
        with self.ctx.db.write() as s:
            row = s.get(CalendarOverride, day)
            if row is None:
                row = CalendarOverride(day=day)
                s.add(row)
            row.working, row.note, row.updated_at = working, note.strip(), self.ctx.now()
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.CALENDAR_DAY_SET,
                entity="calendar",
                entity_id=day.isoformat(),
                payload=payloads.CalendarDaySet(
                    {"date": day.isoformat(), "working": working, "note": note.strip()}
                ),
            )
        self.ctx.invalidate_calendar()

    def clear_day(self, day: date, *, actor: str) -> bool:
        with self.ctx.db.write() as s:
            row = s.get(CalendarOverride, day)
            if row is None:
                return False
            s.delete(row)
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.CALENDAR_DAY_CLEARED,
                entity="calendar",
                entity_id=day.isoformat(),
                payload=payloads.CalendarDayCleared({"date": day.isoformat()}),
            )
        self.ctx.invalidate_calendar()
        return True

    def apply_city_days(self, days: list[dict[str, Any]], *, version: int, actor: str = "city") -> int:
        """The city's days off / make-up days (server wins over the office's own entry for the same day),
        all in one transaction with the revision reached (meta "sync.calendar_version"); returns how many
        changed. Audited but not sent back: the city already knows them."""
        parsed: list[tuple[date, bool | None, str]] = []
        for d in days:
            try:
                day = date.fromisoformat(str(d["date"]))
            except (KeyError, ValueError):
                raise ValidationError(
                    "ngày từ máy chủ không hợp lệ", field="calendar.date", label="Lịch thành phố"
                ) from None
            working = d.get("working")
            if working is not None and not isinstance(working, bool):
                raise ValidationError(
                    "giá trị 'working' không hợp lệ", field="calendar.working", label="Lịch thành phố"
                )
            parsed.append((day, working, str(d.get("note") or "").strip()[:300]))
        changed = 0
        with self.ctx.db.write() as s:
            for day, working, note in parsed:
                row = s.get(CalendarOverride, day)
                if working is None:
                    if row is None:
                        continue
                    s.delete(row)
                else:
                    if row is None:
                        row = CalendarOverride(day=day)
                        s.add(row)
                    row.working, row.note, row.updated_at = working, note, self.ctx.now()
                changed += 1
                journal.record(
                    s,
                    self.ctx,
                    actor=actor,
                    event_type=events.CALENDAR_DAY_CLEARED if working is None else events.CALENDAR_DAY_SET,
                    entity="calendar",
                    entity_id=day.isoformat(),
                    payload={"date": day.isoformat(), "working": working, "note": note, "source": "city"},
                    sync=False,
                )
            meta.put(s, meta.CALENDAR_VERSION, str(version))
        self.ctx.invalidate_calendar()
        return changed
