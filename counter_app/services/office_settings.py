"""The settings the whole office shares, in the office database (office mode only; counter_app/config.py
says which keys: scope OFFICE).

- Read through the Config as always (`ctx.config.agency.name`): the values are cached, so no window's
  thread ever waits on the network for a setting (a failed refresh keeps the last values).
- A process that runs all day (the windows, `sync --live`) calls `listen()`: the store then follows the
  office's change feed (counter_app/services/live.py, LISTEN/NOTIFY) and reads the settings again as soon
  as any PC's `config set` of an office key commits (its audit row is announced like every write). The
  cache's TTL_S refresh in the background stays as the fallback: for short commands that do not listen,
  and while the feed is away; with the feed up it only runs every LISTENING_TTL_S as a safety net.
- Written by `Config.update` / `SettingsService` in one transaction with one audit row per key.
- The first PC to open an office database with no office settings yet copies the office keys of its own
  config.toml into it (its setup becomes the office's); a later PC's file values of office keys are
  ignored, with a log line naming them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from typing import Any, Protocol

from sqlalchemy import func, select

from contract import events, payloads
from counter_app.config import KEYS, OFFICE
from counter_app.services import journal
from db import AnyDatabase
from db.models.office import OfficeSetting

log = logging.getLogger(__name__)

TTL_S = 3.0
LISTENING_TTL_S = 60.0


def shown(key: str, value: Any) -> Any:
    """The value as the audit log and screens may show it."""
    return "********" if KEYS[key].secret and value else value


def read_office_values(db: AnyDatabase) -> dict[str, Any]:
    """The office keys stored in the office database, parsed (a key not there has its default)."""
    with db.read() as s:
        rows = s.execute(select(OfficeSetting.key, OfficeSetting.value)).all()
    fresh: dict[str, Any] = {}
    for key, raw in rows:
        spec = KEYS.get(key)
        if spec is None or spec.scope != OFFICE:  # a newer version's key, or one no longer shared
            continue
        try:
            fresh[key] = spec.parse(raw)
        except ValueError as exc:  # edited by hand in the database: the default, and say so
            log.warning("Cài đặt chung %s trong cơ sở dữ liệu không hợp lệ (%s); dùng mặc định", key, exc)
    return fresh


class OfficeContext(journal.Stamp, Protocol):
    """What the store needs of the app context. AppContext has it; the context makes the store when it
    opens an office database, so this module does not import it (see `lint-imports`, pyproject.toml)."""

    @property
    def db(self) -> AnyDatabase: ...

    def invalidate_calendar(self) -> None: ...


class OfficeSettingsStore:
    """The office keys of one office database, as Config reads them (counter_app.config.OfficeStore)."""

    def __init__(self, ctx: OfficeContext, *, ttl_s: float = TTL_S) -> None:
        self.ctx = ctx
        self.ttl_s = ttl_s
        self.listening_ttl_s = LISTENING_TTL_S
        self.listening = False  # the change feed is connected: notices bring changes (tests wait on it)
        self._feed_stop = threading.Event()
        self._feed: threading.Thread | None = None
        self._values: dict[str, Any] | None = None
        self._at = 0.0
        self._refreshing = False
        self._failing = False
        self._closed = False
        self._guard = threading.Lock()

    # --- reading ------------------------------------------------------------------------------------------

    def values(self) -> Mapping[str, Any]:
        if self._values is None:
            self.refresh()  # the first read, at start: the office's settings or a clear failure
        elif time.monotonic() - self._at > (self.listening_ttl_s if self.listening else self.ttl_s):
            self._refresh_in_background()
        assert self._values is not None
        return self._values

    def refresh(self) -> bool:
        """Read the office's settings now; True when they differ from the ones read before."""
        fresh = read_office_values(self.ctx.db)
        changed = self._values is not None and fresh != self._values
        self._values, self._at = fresh, time.monotonic()
        if changed:
            # What reads the office hours (the working calendar) rebuilds at its next use.
            self.ctx.invalidate_calendar()
        return changed

    def _refresh_in_background(self) -> None:
        with self._guard:
            if self._refreshing or self._closed:
                return
            self._refreshing = True
        threading.Thread(target=self._background_refresh, name="office-settings", daemon=True).start()

    def _background_refresh(self) -> None:
        try:
            self.refresh()
            if self._failing:
                log.info("Đọc lại được cài đặt chung của văn phòng")
            self._failing = False
        except Exception as exc:  # the server is away: keep the last values, try again after TTL_S
            self._at = time.monotonic()
            if not self._failing and not self._closed:
                log.warning("Không đọc được cài đặt chung của văn phòng, dùng giá trị đã có: %s", exc)
            self._failing = True
        finally:
            with self._guard:
                self._refreshing = False

    def close(self) -> None:
        self._closed = True
        self._feed_stop.set()

    # --- following the office's changes ---------------------------------------------------------------

    def listen(self) -> None:
        """Follow the office's change feed from now on (a thread and one listening connection of its own);
        idempotent."""
        with self._guard:
            if self._feed is not None or self._closed:
                return
            self._feed = threading.Thread(target=self._follow, name="office-settings-feed", daemon=True)
        self._feed.start()

    def _follow(self) -> None:
        from counter_app.services.live import OFFLINE, RESYNC, ChangeFeed

        feed = ChangeFeed(self.ctx.db, application_name="counter-app-settings")
        try:
            for change in feed.changes(self._feed_stop):
                if self._feed_stop.is_set():
                    return
                if change.type == OFFLINE:
                    self.listening = False  # the short TTL again until the feed is back
                elif change.type == RESYNC:
                    # (Re)connected: anything may have changed meanwhile.
                    self.listening = True
                    self._refresh_from_feed()
                elif change.type == events.CONFIG_SET:
                    self._refresh_from_feed()
        except Exception as exc:  # the TTL refresh carries on alone; the log says why
            log.warning("Không theo dõi được thay đổi cài đặt chung của văn phòng: %s", exc)
        finally:
            self.listening = False

    def _refresh_from_feed(self) -> None:
        try:
            self.refresh()
        except Exception as exc:  # the server went away again: the feed says so next, the TTL retries
            log.info("Chưa đọc lại được cài đặt chung của văn phòng: %s", exc)

    # --- writing ------------------------------------------------------------------------------------------

    def write(self, values: dict[str, Any], *, actor: str) -> None:
        """Parsed values of office keys: stored for the whole office in one transaction, audited per key."""
        with self.ctx.db.write() as s:
            for key, value in values.items():
                self._put(s, key, value, actor)
        self._values = {**(self._values or {}), **values}
        self.ctx.invalidate_calendar()

    def _put(self, s: Any, key: str, value: Any, actor: str) -> None:
        """Store one office key and its audit row in the caller's transaction."""
        row = s.get(OfficeSetting, key)
        if row is None:
            s.add(OfficeSetting(key=key, value=value, updated_at=self.ctx.now(), updated_by=actor))
        else:
            row.value, row.updated_at, row.updated_by = value, self.ctx.now(), actor
        journal.record(
            s,
            self.ctx,
            actor=actor,
            event_type=events.CONFIG_SET,
            entity="config",
            entity_id=key,
            payload=payloads.ConfigSet({"key": key, "value": shown(key, value)}),
            sync=False,  # the office's own settings: nothing for the city
        )

    def adopt_file_values(self, file_values: dict[str, Any]) -> list[str]:
        """First use of an office database: when it holds no office settings, this PC's file values of office
        keys become the office's (one transaction, audited); returns the keys copied. Otherwise the file's
        values that differ from the office's are ignored, and the log says which."""
        copied: list[str] = []
        self.refresh()
        assert self._values is not None
        if not self._values and file_values:  # checked again under the writer lock: PCs may start together
            self._adopt(file_values, copied)
        if copied:
            log.info("Cài đặt chung của văn phòng lấy từ tệp cấu hình máy này: %s", ", ".join(copied))
            self.refresh()
            assert self._values is not None
        office = {k: self._values.get(k, KEYS[k].default) for k in file_values}
        ignored = sorted(k for k, v in file_values.items() if k not in copied and office[k] != v)
        if ignored:
            log.info(
                "Bỏ qua giá trị trong tệp cấu hình máy này của các khóa dùng chung cả văn phòng "
                "(dùng giá trị của văn phòng): %s",
                ", ".join(ignored),
            )
        return copied

    def _adopt(self, file_values: dict[str, Any], copied: list[str]) -> None:
        with self.ctx.db.write() as s:
            if s.scalar(select(func.count()).select_from(OfficeSetting)):
                return
            for key, value in file_values.items():
                self._put(s, key, value, "")  # the first start: no clerk (users.NO_CLERK)
                copied.append(key)
