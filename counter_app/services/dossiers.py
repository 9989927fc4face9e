"""Dossier lifecycle (status changes, supplement clock, apology once) and lookups (show, list, find)."""

from __future__ import annotations

import builtins
import re
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from contract import events
from counter_app.domain import lifecycle as lc
from counter_app.domain.dossier_code import extract_code
from counter_app.domain.text import bad_chars_message, collapse_spaces, fold, has_bad_chars, nfc
from counter_app.errors import ConflictError, NotFoundError, ValidationError
from counter_app.services import journal, name_search
from counter_app.services.dossier_view import DossierView, build_view, view_of
from counter_app.services.sequences import next_value
from counter_app.timeutil import day_start, iso, local
from db.models import Apology, Dossier, DossierComponent, DossierHistory

if TYPE_CHECKING:
    from counter_app.services.context import AppContext


@cache
def _load() -> tuple[Any, ...]:
    """The dossier's parts, loaded with it. Built on first use: a loader option configures every mapper
    (~10 ms), which a search, reading plain rows (load_views, _find_ids), never needs."""
    return (selectinload(Dossier.components), selectinload(Dossier.history), selectinload(Dossier.apology))


def _not_found(code: str) -> NotFoundError:
    return NotFoundError(f"không tìm thấy hồ sơ '{code}'", field="code", label="Mã hồ sơ")


def _reason(note: str | None, label: str) -> str:
    value = collapse_spaces(nfc(note or ""))
    if not value:
        raise ValidationError("cần ghi rõ lý do", field="note", label=label)
    if len(value) > 1000:
        raise ValidationError("không được dài quá 1000 ký tự", field="note", label=label)
    bad = bad_chars_message(value)
    if bad:
        raise ValidationError(bad, field="note", label=label)
    return value


def load_views(s: Session, ids: list[int]) -> list[DossierView]:
    """Full views of many dossiers in `ids` order, read as plain rows: in four queries on SQLite, in one
    statement on PostgreSQL (counter_app/services/dossier_views_pg.py).

    The ORM would build an object per dossier, component and history line, then expire them all:
    for fifty search hits that was most of the time of a search.
    """
    if not ids:
        return []
    if s.get_bind().dialect.name == "postgresql":  # one statement, the parts as JSON built by the server
        # Imported here: it loads SQLAlchemy's PostgreSQL dialect, which a start on SQLite never needs
        # (tests/test_startup_imports.py).
        from counter_app.services import dossier_views_pg

        return dossier_views_pg.load_views(s, ids)
    t_d, t_c, t_h, t_a = (m.__table__ for m in (Dossier, DossierComponent, DossierHistory, Apology))
    comps: dict[int, list[Any]] = defaultdict(list)
    hist: dict[int, list[Any]] = defaultdict(list)
    apologies: dict[int, Any] = {}
    dossiers: dict[int, Any] = {}
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):  # SQLite's bound-parameter limit
        dossiers.update((r.id, r) for r in s.execute(select(t_d).where(t_d.c.id.in_(chunk))))
        for r in s.execute(
            select(t_c).where(t_c.c.dossier_id.in_(chunk)).order_by(t_c.c.dossier_id, t_c.c.position)
        ):
            comps[r.dossier_id].append(r)
        for r in s.execute(select(t_h).where(t_h.c.dossier_id.in_(chunk)).order_by(t_h.c.id)):
            hist[r.dossier_id].append(r)
        apologies.update((r.dossier_id, r) for r in s.execute(select(t_a).where(t_a.c.dossier_id.in_(chunk))))
    return [build_view(dossiers[i], comps[i], hist[i], apologies.get(i)) for i in ids if i in dossiers]


class DossierService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # --- reading ----------------------------------------------------------------------------------

    def get(self, code: str) -> DossierView:
        with self.ctx.db.read() as s:
            d = s.scalar(select(Dossier).where(Dossier.code == code.strip()).options(*_load()))
            if d is None:
                raise _not_found(code)
            return view_of(d)

    def list(
        self,
        *,
        overdue: bool = False,
        due_within_days: int | None = None,
        on_date: date | None = None,
        status: str | None = None,
        limit: int = 1000,
    ) -> list[DossierView]:
        """Dossiers filtered like the board: overdue, due within N working days, received on a day."""
        now = self.ctx.now()
        q = select(Dossier.id).order_by(Dossier.due_at, Dossier.id).limit(limit)
        if on_date is not None:
            start = day_start(on_date)
            q = q.where(Dossier.received_at >= start, Dossier.received_at < start + timedelta(days=1))
            q = q.order_by(None).order_by(Dossier.received_at, Dossier.id)
        if status is not None:
            q = q.where(Dossier.status == status)
        if overdue:
            q = q.where(Dossier.status.in_((lc.RECEIVED, lc.PROCESSING)), Dossier.due_at < now)
        if due_within_days is not None:
            horizon = self.ctx.calendar.add_office_minutes(
                now, due_within_days * self.ctx.calendar.day_minutes
            )
            q = q.where(
                Dossier.status.in_((lc.RECEIVED, lc.PROCESSING)),
                Dossier.due_at >= now,
                Dossier.due_at <= horizon,
            )
        with self.ctx.db.read() as s:
            return load_views(s, list(s.scalars(q)))

    def find(self, query: str, *, limit: int = 50) -> builtins.list[DossierView]:
        """By code (or a tracking URL), phone, CCCD, or name ignoring case and diacritics; newest first."""
        raw = collapse_spaces(nfc(query or ""))
        if not raw:
            return []
        with self.ctx.db.read() as s:
            ids = self._find_ids(s, raw, limit)
            return load_views(s, ids)

    @staticmethod
    def _find_ids(s: Session, raw: str, limit: int) -> builtins.list[int]:
        t = Dossier.__table__.c  # the table's columns: a search configures no mapper (_load)
        code = extract_code(raw)
        if code:
            return list(s.scalars(select(t.id).where(t.code == code)))
        compact = re.sub(r"[\s.\-()]", "", raw)
        if re.fullmatch(r"\d{12}", compact):
            return list(
                s.scalars(select(t.id).where(t.id_number == compact).order_by(t.id.desc()).limit(limit))
            )
        phone = compact
        if compact.startswith("+84"):
            phone = "0" + compact[3:]
        elif compact.startswith("84") and len(compact) == 11:
            phone = "0" + compact[2:]
        if re.fullmatch(r"0\d{9}", phone):
            return list(s.scalars(select(t.id).where(t.phone == phone).order_by(t.id.desc()).limit(limit)))
        if re.fullmatch(r"[0-9A-Za-z.\-]+", raw) and ("-" in raw or "." in raw):
            prefix = raw.upper()
            return list(
                s.scalars(
                    select(t.id)
                    .where(t.code >= prefix, t.code < prefix + "\uffff")
                    .order_by(t.id.desc())
                    .limit(limit)
                )
            )
        words = [w for w in re.split(r"[^0-9a-z]+", fold(raw)) if w]
        if not words:
            return []
        return name_search.dossier_ids_by_name(s, words, limit)

    # --- writing ----------------------------------------------------------------------------------

    def change_status(
        self,
        code: str,
        target: str,
        *,
        actor: str,
        note: str | None = None,
        data: dict[str, Any] | None = None,
        before_commit: Callable[[DossierView], None] | None = None,
    ) -> DossierView:
        """Move a dossier along its lifecycle; illegal moves and missing reasons are refused.

        `before_commit` gets the changed dossier inside the transaction; if it raises, nothing is saved
        (how a form that records a decision is written before the decision: counter_app/output_files.py).
        """
        if target not in lc.STATES:
            raise ValidationError(
                "trạng thái không hợp lệ; chỉ nhận " + ", ".join(lc.STATES),
                field="status",
                label="Trạng thái",
            )
        now = self.ctx.now()
        cal = self.ctx.calendar
        with self.ctx.db.write() as s:
            d = self._load_for_update(s, code)
            current = d.status
            # The transition first: "not allowed at all" helps more than "give a reason" for a move
            # that a reason would not make legal.
            if not lc.can_move(current, target):
                raise ConflictError(
                    f"không thể chuyển từ '{lc.LABELS_VI[current]}' sang '{lc.LABELS_VI[target]}'",
                    field="status",
                    label="Trạng thái",
                )
            if target in lc.NEEDS_REASON:
                note = _reason(note, "Lý do")
            elif note is not None:
                note = collapse_spaces(nfc(note)) or None
                if note and (len(note) > 1000 or has_bad_chars(note)):
                    _reason(note, "Ghi chú")  # raises with the precise message
            extra: dict[str, Any] = dict(data or {})
            if target == lc.SUPPLEMENT:
                # The clock stops: keep the office minutes still left until the due time.
                d.paused_at = now
                d.remaining_minutes = cal.office_minutes_between(now, d.due_at)
                extra["remaining_minutes"] = d.remaining_minutes
            if current == lc.SUPPLEMENT:
                if target == lc.PROCESSING:
                    # The completed dossier is back: the clock restarts with the time that was left.
                    d.due_at = cal.add_office_minutes(now, d.remaining_minutes or 0)
                    extra["due_at"] = iso(d.due_at)
                d.paused_at, d.remaining_minutes = None, None
            if target == lc.STOPPED:
                # Numbered like letters of the office: NN/TB-DGQ, per agency per year.
                seq = next_value(s, f"stop:{d.agency_code}", str(now.year))
                extra["number"] = f"{seq:02d}/TB-DGQ"
            if target == lc.READY:
                d.ready_at = now
            elif target == lc.RETURNED:
                d.returned_at = now
            elif target == lc.REJECTED:
                d.rejected_reason = note
            d.status = target
            d.history.append(
                DossierHistory(
                    at=now,
                    clerk=actor,
                    counter_number=self.ctx.counter_number,
                    action="status",
                    from_status=current,
                    to_status=target,
                    note=note,
                    data=extra or None,
                )
            )
            journal.record(
                s,
                self.ctx,
                actor=actor,
                # A stop is its own event: the city shows it, and older servers ignore what they
                # do not know instead of refusing an unknown status.
                event_type=events.DOSSIER_STOPPED if target == lc.STOPPED else events.DOSSIER_STATUS_CHANGED,
                entity="dossier",
                entity_id=d.code,
                payload={
                    "code": d.code,
                    "from": current,
                    "to": target,
                    "at": iso(now),
                    "note": note,
                    "due_at": iso(d.due_at),
                    **extra,
                },
            )
            s.flush()
            view = view_of(d)
            if before_commit is not None:
                before_commit(view)
            return view

    def stop(self, code: str, reason: str, *, actor: str) -> DossierView:
        """Dừng giải quyết: processing ends without a result, for the reason given (Nghị định
        118/2025/NĐ-CP; notice Mẫu 05 of Thông tư 03/2025/TT-VPCP). The clock stops for good."""
        return self.change_status(code, lc.STOPPED, actor=actor, note=reason)

    def apologize(self, code: str, new_due: datetime, reason: str, *, actor: str) -> DossierView:
        """Phiếu xin lỗi: only for an overdue dossier and only once in its whole life."""
        from contract import payloads  # a write's: `dossier find` does not load it

        reason = _reason(reason, "Lý do")
        new_due = local(new_due).replace(microsecond=0)
        now = self.ctx.now()
        with self.ctx.db.write() as s:
            d = self._load_for_update(s, code)
            if d.apology is not None:
                raise ConflictError(
                    f"hồ sơ đã có phiếu xin lỗi số {d.apology.number} ngày {d.apology.issued_at:%d/%m/%Y}; "
                    "mỗi hồ sơ chỉ được xin lỗi và hẹn lại một lần",
                    field="apology",
                    label="Phiếu xin lỗi",
                )
            if not view_of(d, with_history=False).is_overdue(now):
                raise ConflictError(
                    "chỉ lập phiếu xin lỗi cho hồ sơ đã quá hạn trả kết quả",
                    field="apology",
                    label="Phiếu xin lỗi",
                )
            if new_due <= now:
                raise ValidationError(
                    "ngày hẹn mới phải sau thời điểm hiện tại", field="new_due", label="Ngày hẹn trả mới"
                )
            seq = next_value(s, f"apology:{d.agency_code}", str(now.year))
            apology = Apology(
                number=f"{seq:02d}/PXL",
                issued_at=now,
                old_due_at=d.due_at,
                new_due_at=new_due,
                reason=reason,
                clerk=actor,
            )
            d.apology = apology
            old_due = d.due_at
            d.due_at = new_due
            d.history.append(
                DossierHistory(
                    at=now,
                    clerk=actor,
                    counter_number=self.ctx.counter_number,
                    action="apology",
                    from_status=d.status,
                    to_status=d.status,
                    note=reason,
                    data={"number": apology.number, "old_due_at": iso(old_due), "new_due_at": iso(new_due)},
                )
            )
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.DOSSIER_APOLOGIZED,
                entity="dossier",
                entity_id=d.code,
                payload=payloads.DossierApologized(
                    {
                        "code": d.code,
                        "number": apology.number,
                        "issued_at": iso(now),
                        "old_due_at": iso(old_due),
                        "new_due_at": iso(new_due),
                        "reason": reason,
                    }
                ),
            )
            s.flush()
            return view_of(d)

    @staticmethod
    def _load_for_update(s: Session, code: str) -> Dossier:
        d = s.scalar(select(Dossier).where(Dossier.code == code.strip()).options(*_load()))
        if d is None:
            raise _not_found(code)
        return d
