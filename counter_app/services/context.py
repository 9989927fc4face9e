"""AppContext: one data dir opened — config, database (migrated), clock and the working calendar."""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from counter_app.config import KEYS, OFFICE, Config
from counter_app.domain.office_hours import parse_office_hours
from counter_app.errors import ValidationError
from counter_app.paths import config_file, data_dir, database_file
from counter_app.private_files import tighten_data_dir
from counter_app.storage_errors import damaged
from counter_app.timeutil import Clock, local
from counter_app.timeutil import now as system_now
from db import AnyDatabase, open_database
from db.models import Procedure

if TYPE_CHECKING:
    from counter_app.domain.calendar import WorkingCalendar

CALENDAR_TTL_S = 60.0


class AppContext:
    def __init__(self, root: Path, *, clock: Clock = system_now, migrate: bool = True) -> None:
        self.data_dir = Path(root)
        self.config = Config(config_file(self.data_dir))
        self.db: AnyDatabase = open_database(self.config.database.url, database_file(self.data_dir))
        self.clock = clock
        self._calendar: WorkingCalendar | None = None
        self._calendar_at = 0.0
        if migrate:
            try:
                self._start()
            except BaseException:
                self.db.close()
                raise

    def _start(self) -> None:
        """Private files, a sound database (checked before anything is written to it), then migrations."""
        tighten_data_dir(self.data_dir)
        problems = self.db.quick_check()
        if problems and self.db.path is not None:
            # SQLite's findings mean nothing to a clerk: how many, not what (support runs the check again).
            raise damaged(self.db.path, f"phép kiểm tra khi khởi động thấy {len(problems)} chỗ hỏng")
        self.db.migrate(self.data_dir / "backups")
        if self.office_mode:
            self._attach_office_settings()
        with self.db.read() as s:  # a table column: this check at every start configures no mapper
            seeded = s.scalar(select(Procedure.__table__.c.code).limit(1)) is not None
        if not seeded:  # the first start: the catalog service (loaded only then) fills it
            from counter_app.services.catalog import CatalogService

            CatalogService(self).seed_if_empty()

    def _attach_office_settings(self) -> None:
        """The office keys come from the office database from now on (counter_app/services/office_settings.py)."""
        from counter_app.services.office_settings import OfficeSettingsStore

        store = OfficeSettingsStore(self)
        in_file: dict[str, Any] = {}
        for key, spec in KEYS.items():
            if spec.scope == OFFICE:
                try:
                    in_file[key] = self.config.file_value(key)
                except KeyError:
                    pass
        self.config.attach_office(store)
        store.adopt_file_values(in_file)

    @classmethod
    def open(cls, explicit_dir: str | Path | None = None, *, clock: Clock = system_now) -> AppContext:
        return cls(data_dir(explicit_dir), clock=clock)

    def now(self) -> datetime:
        return local(self.clock()).replace(microsecond=0)

    @property
    def agency_code(self) -> str:
        return self.config.agency.code

    @property
    def counter_number(self) -> int:
        return self.config.counter.number

    @property
    def calendar(self) -> WorkingCalendar:
        """Office hours from config plus the overrides table; rebuilt after either changes here, and
        at least every CALENDAR_TTL_S so a day set by another process (`calendar set-day`, the nightly
        sync) reaches a window that stays open all week."""
        if self._calendar is not None and time.monotonic() - self._calendar_at > CALENDAR_TTL_S:
            self._calendar = None
        if self._calendar is None:
            try:
                segments = parse_office_hours(self.config.office.hours)
            except ValueError as exc:  # the file was edited by hand: `config set` would have refused it
                raise ValidationError(str(exc), field="office.hours", label="Giờ làm việc") from None
            from counter_app.domain.calendar import WorkingCalendar  # loaded by the first command using it

            self._calendar = WorkingCalendar(segments, self._overrides())
            self._calendar_at = time.monotonic()
        return self._calendar

    def _overrides(self) -> dict[date, bool]:
        """The days set to working or off in the calendar_overrides table (CalendarService edits them)."""
        # Imported here: a read such as `dossier find` maps none of the admin tables.
        from db.models.admin import CalendarOverride

        with self.db.read() as s:
            return {o.day: o.working for o in s.scalars(select(CalendarOverride))}

    def invalidate_calendar(self) -> None:
        self._calendar = None

    @property
    def office_mode(self) -> bool:
        """True when this PC shares the office's PostgreSQL with other PCs (`database.url`)."""
        return self.db.dialect == "postgresql"

    def close(self) -> None:
        if self.config.office_store is not None:
            self.config.office_store.close()
        self.db.close()
