"""The clerk window's queue panel: call the next number, recall, no-show, transfer, finish; issue a
number at the counter; reprint a ticket whose print failed; waiting counts per line.

Keyboard first: F6 gọi số tiếp, F7 gọi lại, F8 vắng mặt, F9 chuyển, F10 xong, F11 tạm nghỉ / tiếp tục
(a menu of reasons), F12 cho số vắng mặt quay lại (a menu of today's no-shows) (F5 is the dossier board's
refresh). Every queue call runs off the GUI thread; numbers issued at the kiosk or called at another
counter show up at once (ui/live.py), with a slow poll as a safety net.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import AppError, NothingToDo
from counter_app.services.queue import QueueService
from counter_app.services.queue.views import CounterPause, IssuedTicket, LineInfo, QueueStatus, TicketView
from ui.clerk.common import start_job
from ui.live import LiveChanges, follow

SHORTCUTS = {
    "call": "F6",
    "recall": "F7",
    "skip": "F8",
    "transfer": "F9",
    "finish": "F10",
    "pause": "F11",
    "reactivate": "F12",
}
# The reasons offered for a pause (the clerk picks one with the arrows and Enter).
PAUSE_REASONS = ("Nghỉ trưa", "Họp", "Giải quyết hồ sơ", "Việc riêng")


class QueuePanel(QGroupBox):
    transaction_finished = Signal(str, str)  # ("ticket", number) when a citizen's turn ends
    called = Signal(object)  # TicketView just called to this counter
    changed = Signal()  # after any action or refresh landed
    failed = Signal(str)  # a message shown to the clerk

    def __init__(
        self,
        queue: QueueService,
        counter: int,
        actor: str,
        *,
        poll_ms: int = 3000,
        shortcut_host: QWidget | None = None,
        changes: LiveChanges | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Shortcuts live on the host (the main window) so F6… work from any tab, not only this one.
        self.shortcut_host = shortcut_host or self
        self.queue = queue
        self.counter = counter
        self.actor = actor
        self.current: TicketView | None = None
        self.lines: list[LineInfo] = []
        self.unprinted: list[str] = []
        self.busy = 0
        self.status: QueueStatus | None = None
        self.refreshing = False
        self.refresh_again = False
        self.setObjectName("queuePanel")

        v = QVBoxLayout(self)
        row = QHBoxLayout()
        self.caption = caption = QLabel()
        self.number_label = QLabel("—")
        self.number_label.setObjectName("queueNumber")
        self.number_label.setStyleSheet("font-size: 40px; font-weight: 800; color: #0b3d91;")
        # Room for the widest number from the start: a relayout after each call would make it jump.
        self.number_label.setMinimumWidth(self.number_label.fontMetrics().horizontalAdvance("W0000") * 3)
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.service_label = QLabel("")
        row.addWidget(caption)
        row.addWidget(self.number_label)
        row.addWidget(self.service_label, 1)
        v.addLayout(row)

        buttons = QHBoxLayout()
        self.call_button = self._button("call", self.call_next)
        self.recall_button = self._button("recall", self.recall)
        self.skip_button = self._button("skip", self.skip)
        self.transfer_button = self._button("transfer", self.open_transfer_menu)
        self.finish_button = self._button("finish", self.finish)
        for b in (
            self.call_button,
            self.recall_button,
            self.skip_button,
            self.transfer_button,
            self.finish_button,
        ):
            buttons.addWidget(b)
        v.addLayout(buttons)
        more = QHBoxLayout()
        self.pause_button = self._button("pause", self.toggle_pause)
        self.reactivate_button = self._button("reactivate", self.open_reactivate_menu)
        self.pause_label = QLabel("")
        self.pause_label.setObjectName("queuePause")
        self.pause_label.setStyleSheet("color: #e65100; font-weight: 700;")
        more.addWidget(self.pause_button)
        more.addWidget(self.reactivate_button)
        more.addWidget(self.pause_label, 1)
        v.addLayout(more)

        self.waiting_label = QLabel("")
        self.waiting_label.setWordWrap(True)
        v.addWidget(self.waiting_label)

        issue = QHBoxLayout()
        self.issue_caption = QLabel()
        issue.addWidget(self.issue_caption)
        self.service_combo = QComboBox()
        self.priority_check = QCheckBox()
        self.issue_button = QPushButton()
        self.issue_button.clicked.connect(self.issue)
        issue.addWidget(self.service_combo, 1)
        issue.addWidget(self.priority_check)
        issue.addWidget(self.issue_button)
        v.addLayout(issue)

        reprint = QHBoxLayout()
        self.unprinted_label = QLabel("")
        self.unprinted_label.setStyleSheet("color: #b71c1c;")
        self.reprint_button = QPushButton()
        self.reprint_button.clicked.connect(self.reprint_first)
        reprint.addWidget(self.unprinted_label, 1)
        reprint.addWidget(self.reprint_button)
        v.addLayout(reprint)

        self.message = QLabel("")
        self.message.setWordWrap(True)
        v.addWidget(self.message)
        v.addStretch(1)

        self.transfer_menu = QMenu(self)
        self.pause_menu = QMenu(self)
        self.pause_menu.setObjectName("pauseMenu")
        self.reactivate_menu = QMenu(self)
        self.reactivate_menu.setObjectName("reactivateMenu")
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(poll_ms)
        self.poll_timer.timeout.connect(self.refresh)
        self.poll_timer.start()
        follow(self, changes, ("ticket", "queue"), self.refresh)
        self.retranslate()
        self._sync_buttons()
        self.refresh()

    def retranslate(self) -> None:
        """Texts in the current language (also on QEvent.LanguageChange); messages already shown stay."""
        self.setTitle(self.tr("Số thứ tự — Quầy {n}").format(n=self.counter))
        self.caption.setText(self.tr("Đang phục vụ:"))
        labels = {
            "call": self.tr("Gọi số tiếp"),
            "recall": self.tr("Gọi lại"),
            "skip": self.tr("Vắng mặt"),
            "transfer": self.tr("Chuyển…"),
            "finish": self.tr("Xong"),
            "pause": self.tr("Tiếp tục") if self._paused() else self.tr("Tạm nghỉ…"),
            "reactivate": self.tr("Số vắng mặt quay lại…"),
        }
        for key, text in labels.items():
            getattr(self, f"{key}_button").setText(f"{text} ({SHORTCUTS[key]})")
        self.issue_caption.setText(self.tr("Phát số:"))
        self.priority_check.setText(self.tr("Ưu tiên"))
        self.issue_button.setText(self.tr("Phát số"))
        self.reprint_button.setText(self.tr("In lại phiếu"))
        self._set_current(self.current)
        self._show_counts()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _button(self, key: str, slot: Callable[[], None]) -> QPushButton:
        seq = SHORTCUTS[key]
        button = QPushButton()  # text: retranslate()
        button.setObjectName(f"queue_{key}")
        button.setMinimumHeight(40)
        button.clicked.connect(slot)
        shortcut = QShortcut(QKeySequence(seq), self.shortcut_host)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(lambda: slot() if button.isEnabled() else None)
        return button

    # --- jobs ---
    def _run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        quiet: bool = False,
        **kwargs: Any,
    ) -> None:
        if not quiet:
            self.busy += 1
            self._sync_buttons()

        def land(cb: Callable[[Any], None]) -> Callable[[Any], None]:
            def deliver(value: Any) -> None:
                if not quiet:
                    self.busy -= 1
                cb(value)
                self._sync_buttons()
                self.changed.emit()

            return deliver

        # start_job: skips the callbacks once the panel is gone, and counts in the clerk's jobs_in_flight.
        start_job(
            self,
            functools.partial(fn, *args, **kwargs),
            on_done=land(on_done),
            on_error=land(on_error or self._error),
        )

    def _error(self, exc: BaseException) -> None:
        text = exc.message if isinstance(exc, AppError) else str(exc)
        if isinstance(exc, NothingToDo):
            self._say(text[:1].upper() + text[1:] + ".", error=False)
        else:
            self._say(self.tr("Lỗi: {error}").format(error=text), error=True)
        self.failed.emit(text)
        self.refresh()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b71c1c;" if error else "color: #1b5e20;")

    def _sync_buttons(self) -> None:
        idle = self.busy == 0
        serving = self.current is not None
        self.call_button.setEnabled(idle)
        self.recall_button.setEnabled(idle and serving)
        self.skip_button.setEnabled(idle and serving)
        self.transfer_button.setEnabled(idle and serving and len(self.lines) > 1)
        self.finish_button.setEnabled(idle and serving)
        self.pause_button.setEnabled(idle)
        self.reactivate_button.setEnabled(idle and bool(self.status and self.status.skipped))
        self.issue_button.setEnabled(idle and bool(self.lines))
        self.reprint_button.setEnabled(idle and bool(self.unprinted))

    # --- refresh ---
    def refresh(self) -> None:
        if self.refreshing:  # one read at a time; a change meanwhile reads once more after it
            self.refresh_again = True
            return
        self.refreshing = True
        queue, counter = self.queue, self.counter

        def fetch() -> tuple[QueueStatus, TicketView | None, list[LineInfo]]:
            return queue.status(), queue.serving(counter), queue.services()

        self._run(fetch, on_done=self._show, on_error=self._refresh_failed, quiet=True)

    def _refresh_failed(self, exc: BaseException) -> None:
        # Said once, not retried here: the next change or the poll timer reads again.
        self.refreshing = self.refresh_again = False
        text = exc.message if isinstance(exc, AppError) else str(exc)
        self._say(self.tr("Lỗi: {error}").format(error=text), error=True)

    def _refreshed(self) -> None:
        self.refreshing = False
        if self.refresh_again:
            self.refresh_again = False
            self.refresh()

    def _show(self, result: tuple[QueueStatus, TicketView | None, list[LineInfo]]) -> None:
        self._refreshed()
        status, current, lines = result
        self._set_current(current)
        if [x.prefix for x in lines] != [x.prefix for x in self.lines]:
            keep = self.service_combo.currentData()
            self.service_combo.clear()
            for line in lines:
                self.service_combo.addItem(f"{line.prefix} — {line.name}", line.prefix)
            index = self.service_combo.findData(keep)
            self.service_combo.setCurrentIndex(max(0, index))
        self.lines = lines
        self.status = status
        self.unprinted = list(status.unprinted)
        self._show_counts()
        self.reprint_button.setVisible(bool(self.unprinted))
        self.retranslate()

    def _show_counts(self) -> None:
        status = self.status
        if status is None:
            return
        parts = []
        for w in status.waiting:
            prio = self.tr(", {n} ưu tiên").format(n=w["priority"]) if w["priority"] else ""
            parts.append(f"{w['prefix']} {w['name']}: {w['waiting']}{prio}")
        self.waiting_label.setText(self.tr("Đang chờ — ") + " · ".join(parts) if parts else "")
        self.unprinted_label.setText(
            (self.tr("Phiếu chưa in được: ") + ", ".join(self.unprinted)) if self.unprinted else ""
        )
        pause = status.pause_of(self.counter)
        self.pause_label.setText(
            "" if pause is None else self.tr("Quầy đang tạm nghỉ: {reason}").format(reason=pause.reason)
        )

    def _paused(self) -> bool:
        return self.status is not None and self.status.pause_of(self.counter) is not None

    def _set_current(self, ticket: TicketView | None) -> None:
        self.current = ticket
        if ticket is None:
            self.number_label.setText("—")
            self.service_label.setText("")
        else:
            prio = self.tr(" · ưu tiên") if ticket.priority else ""
            recalls = self.tr(" · gọi lại {n} lần").format(n=ticket.recalls) if ticket.recalls else ""
            self.number_label.setText(ticket.number)
            self.service_label.setText(f"{ticket.service_name}{prio}{recalls}")

    # --- actions ---
    def call_next(self) -> None:
        self._run(self.queue.call_next, self.counter, actor=self.actor, on_done=self._called)

    def _called(self, ticket: TicketView) -> None:
        if ticket.finished_previous:
            self.transaction_finished.emit("ticket", ticket.finished_previous)
        self._set_current(ticket)
        self._say(self.tr("Đã gọi số {number} đến quầy {n}.").format(number=ticket.number, n=self.counter))
        self.called.emit(ticket)
        self.refresh()

    def recall(self) -> None:
        self._run(self.queue.recall, self.counter, actor=self.actor, on_done=self._recalled)

    def _recalled(self, ticket: TicketView) -> None:
        self._set_current(ticket)
        self._say(self.tr("Đã gọi lại số {number}.").format(number=ticket.number))

    def skip(self) -> None:
        if self.current is None:
            return
        self._run(self.queue.skip, self.current.number, actor=self.actor, on_done=self._skipped)

    def _skipped(self, ticket: TicketView) -> None:
        self._set_current(None)
        self._say(self.tr("Số {number} vắng mặt, đã bỏ qua.").format(number=ticket.number))
        self.refresh()

    def toggle_pause(self) -> None:
        """F11: paused → resume at once; else a menu of reasons (arrows, Enter)."""
        if self._paused():
            self._run(self.queue.resume, self.counter, actor=self.actor, on_done=self._resumed)
            return
        self.pause_menu.clear()
        for reason in PAUSE_REASONS:
            action = self.pause_menu.addAction(reason)
            action.triggered.connect(lambda _=False, r=reason: self.pause(r))
        self.pause_menu.popup(self.pause_button.mapToGlobal(self.pause_button.rect().bottomLeft()))
        self.pause_menu.setActiveAction(self.pause_menu.actions()[0])

    def pause(self, reason: str) -> None:
        self._run(self.queue.pause, self.counter, reason, actor=self.actor, on_done=self._paused_now)

    def _paused_now(self, pause: CounterPause) -> None:
        self._say(self.tr("Quầy {n} tạm nghỉ: {reason}.").format(n=pause.counter, reason=pause.reason))
        self.refresh()

    def _resumed(self, pause: CounterPause) -> None:
        self._say(self.tr("Quầy {n} làm việc tiếp.").format(n=pause.counter))
        self.refresh()

    def open_reactivate_menu(self) -> None:
        """F12: today's no-shows, newest first; Enter puts the chosen one back in its place."""
        skipped = self.status.skipped if self.status is not None else []
        if not skipped:
            self._say(self.tr("Hôm nay chưa có số vắng mặt nào."))
            return
        self.reactivate_menu.clear()
        for number in skipped:
            action = self.reactivate_menu.addAction(number)
            action.triggered.connect(lambda _=False, n=number: self.reactivate(n))
        self.reactivate_menu.popup(
            self.reactivate_button.mapToGlobal(self.reactivate_button.rect().bottomLeft())
        )
        self.reactivate_menu.setActiveAction(self.reactivate_menu.actions()[0])

    def reactivate(self, number: str) -> None:
        self._run(self.queue.reactivate, number, actor=self.actor, on_done=self._reactivated)

    def _reactivated(self, ticket: TicketView) -> None:
        self._say(self.tr("Số {number} đã quay lại hàng chờ.").format(number=ticket.number))
        self.refresh()

    def open_transfer_menu(self) -> None:
        if self.current is None:
            return
        self.transfer_menu.clear()
        for line in self.lines:
            if line.prefix == self.current.service:
                continue
            action = self.transfer_menu.addAction(f"{line.prefix} — {line.name}")
            action.triggered.connect(lambda _=False, p=line.prefix: self.transfer_to(p))
        self.transfer_menu.popup(self.transfer_button.mapToGlobal(self.transfer_button.rect().bottomLeft()))

    def transfer_to(self, prefix: str) -> None:
        if self.current is None:
            return
        self._run(
            self.queue.transfer, self.current.number, prefix, actor=self.actor, on_done=self._transferred
        )

    def _transferred(self, ticket: TicketView) -> None:
        self._set_current(None)
        self._say(
            self.tr("Đã chuyển số {number} sang {service}.").format(
                number=ticket.number, service=ticket.service_name
            )
        )
        self.refresh()

    def finish(self) -> None:
        if self.current is None:
            return
        self._run(self.queue.finish, self.current.number, actor=self.actor, on_done=self._finished)

    def _finished(self, ticket: TicketView) -> None:
        self._set_current(None)
        self._say(self.tr("Đã xong số {number}.").format(number=ticket.number))
        self.transaction_finished.emit("ticket", ticket.number)
        self.refresh()

    def issue(self) -> None:
        prefix = self.service_combo.currentData()
        if not prefix:
            return
        priority = self.priority_check.isChecked()
        self._run(self.queue.issue, prefix, priority=priority, actor=self.actor, on_done=self._issued)

    def _issued(self, ticket: IssuedTicket) -> None:
        self.priority_check.setChecked(False)
        if ticket.print_error:
            self._say(
                self.tr(
                    "Đã phát số {number} nhưng chưa in được phiếu: {error}. "
                    "Bấm “In lại phiếu” khi máy in sẵn sàng."
                ).format(number=ticket.number, error=ticket.print_error),
                error=True,
            )
        else:
            self._say(
                self.tr("Đã phát số {number} ({service}).").format(
                    number=ticket.number, service=ticket.service_name
                )
            )
        self.refresh()

    def reprint_first(self) -> None:
        if self.unprinted:
            self.reprint(self.unprinted[0])

    def reprint(self, number: str) -> None:
        self._run(self.queue.print_ticket, number, actor=self.actor, on_done=self._reprinted)

    def _reprinted(self, ticket: IssuedTicket) -> None:
        self._say(self.tr("Đã in lại phiếu số {number}.").format(number=ticket.number))
        self.refresh()
