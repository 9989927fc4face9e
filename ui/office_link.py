"""Is the office's PostgreSQL reachable? One probe per database and process, one banner per window.

Every window of an office PC (clerk, kiosk, board, rating screen) shows the same red banner within 2 s
of losing the office server and hides it by itself once the server answers again; nothing is restarted.
The probe is a `SELECT 1` through the context's own engine twice a second on a thread of its own (not the
shared job pool: jobs stuck on a dead server must not delay the probe). The engine's pool_pre_ping and
2 s connect timeout (db/office_engine.py) mean the probe also clears the pool's dead connections, so the
windows' next reads and writes get fresh ones. A probe that has not answered within `DOWN_AFTER_S`
counts as "down" (a server that accepts connections but answers nothing).

On SQLite (one PC, one file) there is no server to lose: no probe runs and the banner never shows.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QBoxLayout, QLabel, QWidget

log = logging.getLogger(__name__)

# A probe at most every half second, and "down" once one has gone 1.5 s unanswered: even a server that
# vanished without a word (no TCP reset) is shown within 2 s.
PROBE_EVERY_S = 0.5
DOWN_AFTER_S = 1.5

BANNER_STYLE = (
    "QLabel#office_banner {{ background: #b71c1c; color: white; font-weight: 700; padding: 8px 14px;"
    " border-radius: 4px; {size} }}"
)


class _Relay(QObject):
    answered = Signal(bool)


class OfficeLink(QObject):
    """The state of the link to the office server: `up` (bool) and `changed(up)` when it flips."""

    changed = Signal(bool)

    def __init__(self, db: Any, *, every_s: float = PROBE_EVERY_S, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.every_s = every_s
        self.up = True
        self.probes = 0  # answered probes (tests wait on it)
        self.watched = getattr(db, "dialect", "sqlite") == "postgresql"
        self._asked_at: float | None = None  # monotonic time of the probe in flight
        self._stop = threading.Event()
        self._relay = _Relay()
        self._relay.answered.connect(self._answered)
        self._overdue = QTimer(self)
        self._overdue.setInterval(250)
        self._overdue.timeout.connect(self._check_overdue)
        self._thread: threading.Thread | None = None
        if self.watched:
            self._thread = threading.Thread(target=self._probe_loop, name="office-link", daemon=True)
            self._thread.start()
            self._overdue.start()

    # --- the probe thread ---------------------------------------------------------------------------

    def _probe_loop(self) -> None:
        relay = self._relay
        while not self._stop.is_set():
            self._asked_at = time.monotonic()
            ok = self._probe()
            self._asked_at = None
            if self._stop.is_set() or not shiboken6.isValid(relay):
                return
            try:
                relay.answered.emit(ok)
            except RuntimeError:  # the relay went away with the application
                return
            self._stop.wait(self.every_s)

    def _probe(self) -> bool:
        try:
            with self.db.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            return True
        except Exception as exc:  # any failure to answer is "down"; what exactly goes to the log once
            if self.up:
                log.warning("office server unreachable: %s", exc)
            return False

    # --- the GUI thread -----------------------------------------------------------------------------

    def _answered(self, ok: bool) -> None:
        self.probes += 1
        self._set(ok)

    def _check_overdue(self) -> None:
        asked = self._asked_at
        if asked is not None and time.monotonic() - asked > DOWN_AFTER_S:
            self._set(False)

    def _set(self, up: bool) -> None:
        if up == self.up:
            return
        self.up = up
        log.info("office server %s", "reachable again" if up else "down")
        self.changed.emit(up)

    def stop(self) -> None:
        self._stop.set()
        self._overdue.stop()


_links: dict[int, OfficeLink] = {}
_users: dict[int, int] = {}  # banners per watched database: the probe stops with the last one


def office_link(db: Any) -> OfficeLink:
    """The one link watcher of `db` in this process (every window of the process shares it)."""
    link = _links.get(id(db))
    if link is None or not shiboken6.isValid(link) or link.db is not db:
        link = OfficeLink(db, parent=QApplication.instance())
        _links[id(db)] = link
        _users[id(db)] = 0
    return link


def _release(key: int) -> None:
    _users[key] = _users.get(key, 1) - 1
    if _users[key] <= 0:
        _users.pop(key, None)
        link = _links.pop(key, None)
        if link is not None and shiboken6.isValid(link):
            link.stop()


def style_banner(label: QLabel, font_px: int | None = None) -> None:
    """The red-line look of the office banner (also the waiting screen's, ui/office_wait.py)."""
    label.setObjectName("office_banner")
    label.setStyleSheet(BANNER_STYLE.format(size=f"font-size: {font_px}px;" if font_px else ""))
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)


class OfficeBanner(QLabel):
    """The red line at the top of a window while the office server is unreachable."""

    def __init__(
        self, link: OfficeLink, text: str, font_px: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.link = link
        style_banner(self, font_px)
        self.setText(text)
        self.setVisible(not link.up)
        link.changed.connect(self._changed)

    def _changed(self, up: bool) -> None:
        self.setVisible(not up)

    @property
    def showing(self) -> bool:
        """Whether the window shows the banner now (tests poll this; works before the window is shown)."""
        return not self.isHidden()


def add_banner(layout: QBoxLayout, db: Any, text: str, *, font_px: int | None = None) -> OfficeBanner:
    """The banner saying `text` (it starts with storage_errors.OFFICE_DOWN) at the top of `layout`, watching
    `db`; never shown on SQLite. `font_px` for screens read from afar (kiosk, board, rating screen)."""
    link = office_link(db)
    banner = OfficeBanner(link, text, font_px)
    key = id(db)
    _users[key] = _users.get(key, 0) + 1
    # When the window goes, so does its share of the probe (no thread left reconnecting to a closed db).
    banner.destroyed.connect(lambda _obj=None, k=key: _release(k))
    layout.insertWidget(0, banner)
    return banner


def follow_office_settings(ctx: Any) -> None:
    """A window runs all day: in office mode its process reads the office's settings again as soon as any
    PC changes one (the store follows the office's change feed, counter_app/services/office_settings.py)."""
    store = ctx.config.office_store
    if store is not None:
        store.listen()
