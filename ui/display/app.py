"""`counter-app display`: the waiting-room board. The number served at each counter, the last five
calls, waiting counts per line; every call (and recall) flashes on screen and is announced with a
chime and "Mời số A012 đến quầy số 3".

The board reads the queue off the GUI thread as soon as any PC changes it (ui/live.py: PostgreSQL
LISTEN/NOTIFY, or the SQLite poll), and on a slow timer besides; a recall says "Mời lại", a paused
counter "Quầy 3 tạm nghỉ: Nghỉ trưa". Sound files
are built off the GUI thread too (espeak-ng or joined clips, see speech.py) and handed to a player
that tests replace.
"""

from __future__ import annotations

import argparse
import wave
from collections import deque
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from counter_app.services.queue import QueueService, open_queue
from counter_app.services.queue.views import CallView, QueueStatus
from counter_app.storage_errors import OFFICE_DOWN, OfficeServerDown
from counter_app.timeutil import now
from ui.display.speech import CallSound, call_text, recall_text, spoken_text
from ui.jobs import run_job, start_job
from ui.live import LiveChanges, follow, live_changes
from ui.office_link import add_banner, follow_office_settings

NAVY = "#0b3d91"
GOLD = "#ffd54f"
DISPLAY_DOWN = f"{OFFICE_DOWN}: bảng số tạm dừng cập nhật. Xin quý khách chờ trong giây lát."


class Player(Protocol):
    def play(self, path: Path) -> None: ...


class QtSoundPlayer:
    """Plays a WAV through QtMultimedia (imported only when a real board starts)."""

    def __init__(self) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        self.effect = QSoundEffect()
        self.effect.setVolume(1.0)

    def play(self, path: Path) -> None:
        self.effect.setSource(QUrl.fromLocalFile(str(path)))
        self.effect.play()


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / float(w.getframerate())


class Announcer(QObject):
    """Says calls one after another (a second call waits for the first to end)."""

    spoken = Signal(str, object)  # the sentence, the WAV path played
    failed = Signal(str)

    def __init__(
        self,
        sound: CallSound | None,
        player: Player | None,
        *,
        pace: float = 1.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.sound = sound
        self.player = player
        self.pace = pace  # 1.0 = wait for the whole clip before the next call; tests use 0
        self.pending: deque[tuple[str, int]] = deque()
        self.busy = False
        self.history: list[tuple[str, Path]] = []

    def announce(self, number: str, counter: int) -> None:
        if self.sound is None or self.player is None:
            return
        self.pending.append((number, counter))
        if not self.busy:
            self._next()

    def _next(self) -> None:
        if not self.pending or self.sound is None:
            self.busy = False
            return
        self.busy = True
        number, counter = self.pending.popleft()
        text = spoken_text(number, counter)

        def play(path: Path) -> None:
            if not shiboken6.isValid(self):
                return
            assert self.player is not None
            self.player.play(path)
            self.history.append((text, path))
            self.spoken.emit(text, path)
            QTimer.singleShot(int((wav_seconds(path) * 1000 + 300) * self.pace), self._next)

        def fail(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                self.failed.emit(str(exc))
                self._next()

        run_job(self.sound.build, number, counter, on_done=play, on_error=fail)


class CounterTile(QFrame):
    def __init__(self, counter: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counter = counter
        self.setObjectName("tile")
        self.setProperty("flash", "false")
        v = QVBoxLayout(self)
        v.setContentsMargins(8, 6, 8, 6)
        v.setSpacing(0)
        self.title = QLabel(f"QUẦY {counter}")
        self.title.setObjectName("tileTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number = QLabel("—")
        self.number.setObjectName("tileNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = QLabel("")
        self.note.setObjectName("tileNote")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        self.note.hide()
        v.addWidget(self.title)
        v.addWidget(self.number, 1)
        v.addWidget(self.note)

    def set_pause(self, reason: str | None) -> None:
        """A paused counter: 'Tạm nghỉ: Nghỉ trưa' under its number; None clears it."""
        self.note.setVisible(reason is not None)
        self.note.setText("" if reason is None else f"Tạm nghỉ: {reason}")

    def set_flash(self, on: bool) -> None:
        self.setProperty("flash", "true" if on else "false")
        for w in (self, self.title, self.number):
            w.style().unpolish(w)
            w.style().polish(w)


def build_style(scale: float = 1.0) -> str:
    def px(n: int) -> str:
        return f"{max(1, round(n * scale))}px"

    return f"""
QWidget#board {{ background: #0d1b3d; }}
QLabel {{ color: white; }}
QLabel#agency {{ font-size: {px(30)}; font-weight: 700; }}
QLabel#clock {{ font-size: {px(30)}; font-weight: 600; color: {GOLD}; }}
QLabel#section {{ font-size: {px(24)}; font-weight: 700; color: #9fb6e8; }}
QFrame#tile {{ background: #16306b; border-radius: {px(14)}; border: {px(3)} solid #23418a; }}
QFrame#tile[flash="true"] {{ background: {GOLD}; border-color: white; }}
QLabel#tileTitle {{ font-size: {px(26)}; font-weight: 700; color: #c9d7f5; }}
QLabel#tileNumber {{ font-size: {px(84)}; font-weight: 800; color: white; }}
QLabel#tileNote {{ font-size: {px(22)}; font-weight: 700; color: {GOLD}; }}
QLabel#pauses {{ font-size: {px(26)}; font-weight: 700; color: {GOLD}; }}
QFrame#tile[flash="true"] QLabel {{ color: #0d1b3d; }}
QLabel#recent {{ font-size: {px(34)}; font-weight: 700; padding: {px(4)}; }}
QFrame#banner {{ background: #16306b; border-radius: {px(14)}; }}
QFrame#banner[flash="true"] {{ background: {GOLD}; }}
QLabel#bannerText {{ font-size: {px(50)}; font-weight: 800; }}
QFrame#banner[flash="true"] QLabel {{ color: #b71c1c; }}
QLabel#waiting {{ font-size: {px(24)}; color: #c9d7f5; }}
"""


class DisplayBoard(QWidget):
    refreshed = Signal(object)  # QueueStatus after each poll
    called = Signal(object)  # CallView, for every new call or recall

    FLASH_TOGGLES = 8  # 4 blinks

    def __init__(
        self,
        queue: QueueService,
        *,
        agency: str = "",
        announcer: Announcer | None = None,
        counters: list[int] | None = None,
        poll_ms: int = 1000,
        flash_ms: int = 450,
        scale: float = 1.0,
        clock: Callable[[], datetime] = now,
        changes: LiveChanges | None = None,
        db: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.queue = queue
        self.clock = clock
        self.announcer = announcer
        self.fixed_counters = sorted(set(counters or []))
        self.last_call_id: int | None = None  # None until the first poll: old calls are not replayed
        self.fetching = False
        self.fetch_again = False  # a change came while reading: read once more when this read lands
        self.highlights = 0
        self.tiles: dict[int, CounterTile] = {}
        self._flash_left = 0
        self._flash_counter: int | None = None
        self.setObjectName("board")
        self.setWindowTitle("Bảng số thứ tự")
        self.setStyleSheet(build_style(scale))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

        root = QVBoxLayout(self)
        root.setContentsMargins(24, 16, 24, 16)
        root.setSpacing(12)
        # `db` (office mode): a red line while the office server is unreachable (ui/office_link.py).
        self.office_banner = (
            add_banner(root, db, DISPLAY_DOWN, font_px=max(14, round(28 * scale))) if db is not None else None
        )
        head = QHBoxLayout()
        self.agency_label = QLabel(agency.upper())
        self.agency_label.setObjectName("agency")
        self.clock_label = QLabel("")
        self.clock_label.setObjectName("clock")
        head.addWidget(self.agency_label, 1)
        head.addWidget(self.clock_label)
        root.addLayout(head)

        body = QHBoxLayout()
        body.setSpacing(20)
        left = QVBoxLayout()
        serving_title = QLabel("ĐANG PHỤC VỤ")
        serving_title.setObjectName("section")
        left.addWidget(serving_title)
        # A container that always takes its share: the columns keep their places with no tile yet.
        tiles = QWidget()
        tiles.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.tile_grid = QGridLayout(tiles)
        self.tile_grid.setContentsMargins(0, 0, 0, 0)
        self.tile_grid.setSpacing(14)
        left.addWidget(tiles, 1)
        right = QVBoxLayout()
        recent_title = QLabel("VỪA GỌI")
        recent_title.setObjectName("section")
        right.addWidget(recent_title)
        self.recent_labels: list[QLabel] = []
        for _ in range(5):
            label = QLabel("")
            label.setObjectName("recent")
            right.addWidget(label)
            self.recent_labels.append(label)
        right.addStretch(1)
        body.addLayout(left, 3)
        body.addLayout(right, 1)
        root.addLayout(body, 1)

        self.banner = QFrame()
        self.banner.setObjectName("banner")
        self.banner.setProperty("flash", "false")
        bl = QHBoxLayout(self.banner)
        self.banner_text = QLabel("Xin quý khách vui lòng chờ đến lượt")
        self.banner_text.setObjectName("bannerText")
        self.banner_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bl.addWidget(self.banner_text)
        root.addWidget(self.banner)
        self.pause_label = QLabel("")
        self.pause_label.setObjectName("pauses")
        self.pause_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pause_label.setWordWrap(True)
        self.pause_label.hide()
        root.addWidget(self.pause_label)
        self.waiting_label = QLabel("")
        self.waiting_label.setObjectName("waiting")
        self.waiting_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting_label.setWordWrap(True)
        root.addWidget(self.waiting_label)

        for c in self.fixed_counters:
            self._tile(c)

        self.clock_timer = QTimer(self)
        self.clock_timer.timeout.connect(self._tick)
        self.clock_timer.start(1000)
        self._tick()
        self.flash_timer = QTimer(self)
        self.flash_timer.setInterval(flash_ms)
        self.flash_timer.timeout.connect(self._flash_step)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(poll_ms)
        self.poll_timer.timeout.connect(self.poll)
        self.poll_timer.start()
        follow(self, changes, ("ticket", "queue"), self.poll)
        self.poll()

    # --- reading the queue (off the GUI thread) ---
    def poll(self) -> None:
        if self.fetching:
            self.fetch_again = True
            return
        self.fetching = True
        after = self.last_call_id
        queue = self.queue

        def fetch() -> tuple[QueueStatus, list[CallView]]:
            status = queue.status()
            calls = [] if after is None else queue.calls_since(after)
            return status, calls

        start_job(self, fetch, on_done=self._apply, on_error=self._poll_failed)

    def _poll_failed(self, exc: BaseException) -> None:
        self.fetching = self.fetch_again = False
        if isinstance(exc, OfficeServerDown):  # the banner says it, in words meant for the waiting room
            self.waiting_label.setText("")
            return
        self.waiting_label.setText(f"Mất kết nối dữ liệu hàng chờ: {exc}")

    def _apply(self, result: tuple[QueueStatus, list[CallView]]) -> None:
        status, calls = result
        self.fetching = False
        if self.last_call_id is None:
            self.last_call_id = status.last_call_id
        for row in status.serving:
            self._tile(int(row["counter"]))
        serving = {int(r["counter"]): r["number"] for r in status.serving}
        for c, tile in self.tiles.items():
            tile.number.setText(serving.get(c, "—"))
        for label, call in zip(self.recent_labels, status.last_calls + [None] * 5, strict=False):
            again = "  (mời lại)" if call is not None and call.recall else ""
            label.setText("" if call is None else f"{call.number}  →  Quầy {call.counter}{again}")
        parts = [f"{w['name']}: {w['waiting']} người chờ" for w in status.waiting]
        self.waiting_label.setText("   ·   ".join(parts))
        for p in status.paused:
            self._tile(p.counter)
        for c, tile in self.tiles.items():
            pause = status.pause_of(c)
            tile.set_pause(None if pause is None else pause.reason)
        self.pause_label.setText("   ·   ".join(p.text for p in status.paused))
        self.pause_label.setVisible(bool(status.paused))
        for call in calls:
            self.last_call_id = max(self.last_call_id or 0, call.id)
            self.show_call(call)
        self.refreshed.emit(status)
        if self.fetch_again:
            self.fetch_again = False
            self.poll()

    def _tile(self, counter: int) -> CounterTile:
        tile = self.tiles.get(counter)
        if tile is None:
            tile = CounterTile(counter)
            self.tiles[counter] = tile
            # Re-lay all tiles in counter order, up to 3 per row.
            for i, c in enumerate(sorted(self.tiles)):
                self.tile_grid.addWidget(self.tiles[c], i // 3, i % 3)
            tile.show()
        return tile

    # --- a call: highlight + voice ---
    def show_call(self, call: CallView) -> None:
        self.highlights += 1
        tile = self._tile(call.counter)
        tile.number.setText(call.number)
        say = recall_text if call.recall else call_text
        self.banner_text.setText(say(call.number, call.counter))
        if self._flash_counter is not None and self._flash_counter in self.tiles:
            self.tiles[self._flash_counter].set_flash(False)
        self._flash_counter = call.counter
        self._flash_left = self.FLASH_TOGGLES
        self._set_flash(True)
        self.flash_timer.start()
        self.called.emit(call)
        if self.announcer is not None:
            self.announcer.announce(call.number, call.counter)

    def _set_flash(self, on: bool) -> None:
        self.banner.setProperty("flash", "true" if on else "false")
        for w in (self.banner, self.banner_text):
            w.style().unpolish(w)
            w.style().polish(w)
        if self._flash_counter is not None and self._flash_counter in self.tiles:
            self.tiles[self._flash_counter].set_flash(on)

    def _flash_step(self) -> None:
        self._flash_left -= 1
        # Ends lit: the latest call stays highlighted until the next one.
        self._set_flash(self._flash_left % 2 == 0)
        if self._flash_left <= 0:
            self.flash_timer.stop()

    def _tick(self) -> None:
        self.clock_label.setText(
            f"{self.clock():%H:%M  %d/%m/%Y}"
        )  # office time (Asia/Ho_Chi_Minh), not the PC's zone


def _wait_for(signal: Any, ms: int) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _counters(raw: str) -> list[int]:
    return [int(x) for x in str(raw or "").replace(" ", "").split(",") if x.isdigit()]


def run(args: argparse.Namespace, app: Any) -> int:
    from ui.presence import Heartbeat
    from ui.qt_app import make_app
    from ui.single_instance import set_front

    qapp = make_app(name="counter-app-display")
    ctx = app.ctx
    voice = ctx.config.queue.voice
    announcer = None
    if voice != "off" and not getattr(args, "screenshot", None):
        announcer = Announcer(
            CallSound(mode=voice, out_dir=ctx.data_dir / "cache" / "calls"), QtSoundPlayer()
        )
    screen = qapp.primaryScreen()
    height = screen.availableGeometry().height() if screen is not None else 768
    queue = open_queue(ctx)
    # Tiles from the start: the configured counters, else those the lines name plus this PC's own.
    counters = _counters(ctx.config.queue.display_counters) or sorted(
        {ctx.counter_number, *(c for line in queue.services() for c in line.counters)}
    )
    board = DisplayBoard(
        queue,
        agency=ctx.config.agency.name,
        announcer=announcer,
        counters=counters,
        scale=1.0 if getattr(args, "screenshot", None) else max(0.7, height / 768),
        clock=ctx.now,
        poll_ms=10_000,  # a safety net: changes arrive live
        changes=live_changes(ctx.db),
        db=ctx.db,
    )
    if getattr(args, "screenshot", None):
        board.resize(1366, 768)
        board.show()
        _wait_for(board.refreshed, 5000)
        board.grab().save(args.screenshot)
        return 0
    set_front(lambda: board)  # a second start brings this one forward
    follow_office_settings(ctx)
    Heartbeat(ctx, "board", parent=board).start()  # the office sees this board (`office status`)
    board.showFullScreen()
    return int(qapp.exec())
