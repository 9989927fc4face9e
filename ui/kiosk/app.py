"""`counter-app kiosk`: the ticket machine citizens touch. One big button per queue line and a
priority button; the number is stored first, shown on screen, then printed off the GUI thread.

A printer fault never loses the number: the screen keeps showing it with a plain message, and the
clerk reprints it from the queue panel (`queue reprint`).
"""

from __future__ import annotations

import argparse
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import AppError
from counter_app.services.queue import QueueService, open_queue
from counter_app.services.queue.ticket_printing import PrinterFault
from counter_app.services.queue.views import IssuedTicket, LineInfo
from counter_app.storage_errors import OFFICE_DOWN, OfficeServerDown
from ui.jobs import start_job
from ui.live import LiveChanges, follow, live_changes
from ui.office_link import add_banner, follow_office_settings

NAVY = "#0b3d91"
KIOSK_DOWN = (
    f"{OFFICE_DOWN}: hiện chưa lấy được số thứ tự. Xin quý khách chờ trong giây lát "
    "hoặc báo cán bộ; máy sẽ tự hoạt động lại."
)
PRIORITY_ON = "#b71c1c"


def build_style(scale: float = 1.0) -> str:
    """The kiosk's style sheet; sizes scale with the screen (designed for 768 px high)."""

    def px(n: int) -> str:
        return f"{max(1, round(n * scale))}px"

    return f"""
QWidget#kiosk {{ background: #f4f6fb; }}
QLabel#title {{ color: {NAVY}; font-size: {px(44)}; font-weight: 700; }}
QLabel#agency {{ color: #333; font-size: {px(26)}; font-weight: 600; }}
QLabel#hint {{ color: #444; font-size: {px(22)}; }}
QLabel#error {{ color: #b71c1c; font-size: {px(24)}; font-weight: 600; }}
QPushButton[class="service"] {{
    background: {NAVY}; color: white; border: none; border-radius: {px(18)};
    font-size: {px(38)}; font-weight: 700; padding: {px(12)}; min-height: {px(70)};
}}
QPushButton[class="service"]:pressed {{ background: #072a66; }}
QPushButton[class="service"]:disabled {{ background: #8a9bbd; }}
QPushButton#priority {{
    background: white; color: {PRIORITY_ON}; border: {px(4)} solid {PRIORITY_ON}; border-radius: {px(18)};
    font-size: {px(26)}; font-weight: 700; padding: {px(10)}; min-height: {px(60)};
}}
QPushButton#priority:checked {{ background: {PRIORITY_ON}; color: white; }}
QLabel#number {{ color: {NAVY}; font-size: {px(170)}; font-weight: 800; }}
QLabel#service {{ color: #222; font-size: {px(40)}; font-weight: 700; }}
QLabel#waiting {{ color: #222; font-size: {px(30)}; }}
QLabel#badge {{ color: white; background: {PRIORITY_ON}; font-size: {px(28)}; font-weight: 700;
    padding: {px(6)} {px(18)}; border-radius: {px(10)}; }}
QLabel#printing {{ font-size: {px(28)}; font-weight: 600; color: #1b5e20; }}
QLabel#printing[fault="true"] {{ color: #b71c1c; background: #fff3f3; border: {px(3)} solid #b71c1c;
    border-radius: {px(12)}; padding: {px(12)}; }}
QPushButton#done {{ font-size: {px(28)}; padding: {px(14)} {px(40)}; border-radius: {px(14)}; background: white;
    border: {px(3)} solid {NAVY}; color: {NAVY}; font-weight: 700; }}
"""


class KioskWindow(QWidget):
    """Idle page (service buttons) → result page (the number) → back to idle after `idle_seconds`."""

    ready = Signal()  # services loaded, buttons shown
    issued = Signal(object)  # IssuedTicket, once stored
    printed = Signal(object)  # IssuedTicket, once the printer took it
    print_failed = Signal(str, str)  # number, message
    went_idle = Signal()

    def __init__(
        self,
        queue: QueueService,
        *,
        agency: str = "",
        idle_seconds: float = 8.0,
        actor: str = "kiosk",
        scale: float = 1.0,
        changes: LiveChanges | None = None,
        db: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.queue = queue
        self.actor = actor
        self.idle_ms = int(idle_seconds * 1000)
        self.busy = False
        self.last: IssuedTicket | None = None
        self.lines: list[LineInfo] = []
        self.setObjectName("kiosk")
        self.setWindowTitle("Lấy số thứ tự")
        self.setStyleSheet(build_style(scale))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.addWidget(self.stack)
        # `db` (office mode): while the office server is unreachable no number can be issued (each comes
        # from the one office sequence): the buttons rest and the screen says so (ui/office_link.py).
        self.office_banner = (
            add_banner(outer, db, f"{OFFICE_DOWN}.", font_px=max(14, round(26 * scale)))
            if db is not None
            else None
        )
        if self.office_banner is not None:
            self.office_banner.link.changed.connect(self._office_link_changed)

        # idle page
        idle = QWidget()
        iv = QVBoxLayout(idle)
        self.agency_label = QLabel(agency.upper())
        self.agency_label.setObjectName("agency")
        self.agency_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel("MỜI QUÝ KHÁCH LẤY SỐ THỨ TỰ")
        title.setObjectName("title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
        hint = QLabel("Chạm vào lĩnh vực cần giải quyết")
        hint.setObjectName("hint")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid = QGridLayout()
        self.grid.setSpacing(20)
        self.priority_button = QPushButton("ƯU TIÊN: người cao tuổi, người khuyết tật, phụ nữ mang thai")
        self.priority_button.setObjectName("priority")
        self.priority_button.setCheckable(True)
        self.priority_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.error_label = QLabel("")
        self.error_label.setObjectName("error")
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_label.setWordWrap(True)
        iv.addWidget(self.agency_label)
        iv.addWidget(title)
        iv.addWidget(hint)
        iv.addSpacing(12)
        iv.addLayout(self.grid, 1)
        iv.addSpacing(12)
        iv.addWidget(self.priority_button)
        iv.addWidget(self.error_label)
        self.stack.addWidget(idle)
        self.idle_page = idle

        # result page
        result = QWidget()
        rv = QVBoxLayout(result)
        rv.setSpacing(6)
        top = QLabel("SỐ THỨ TỰ CỦA QUÝ KHÁCH")
        top.setObjectName("hint")
        top.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number_label = QLabel("")
        self.number_label.setObjectName("number")
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.service_label = QLabel("")
        self.service_label.setObjectName("service")
        self.service_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge = QLabel("ƯU TIÊN")
        self.badge.setObjectName("badge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        badge_row = QHBoxLayout()
        badge_row.addStretch(1)
        badge_row.addWidget(self.badge)
        badge_row.addStretch(1)
        self.waiting_label = QLabel("")
        self.waiting_label.setObjectName("waiting")
        self.waiting_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.print_label = QLabel("")
        self.print_label.setObjectName("printing")
        self.print_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.print_label.setWordWrap(True)
        self.done_button = QPushButton("Xong")
        self.done_button.setObjectName("done")
        self.done_button.clicked.connect(self.go_idle)
        done_row = QHBoxLayout()
        done_row.addStretch(1)
        done_row.addWidget(self.done_button)
        done_row.addStretch(1)
        rv.addStretch(1)
        rv.addWidget(top)
        rv.addWidget(self.number_label)
        rv.addWidget(self.service_label)
        rv.addLayout(badge_row)
        rv.addWidget(self.waiting_label)
        rv.addSpacing(16)
        rv.addWidget(self.print_label)
        rv.addStretch(1)
        rv.addLayout(done_row)
        self.stack.addWidget(result)
        self.result_page = result

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.go_idle)
        # Lines added, renamed or removed on any PC show on the idle page at once.
        follow(self, changes, ("queue",), self._lines_changed)
        self.load_services()

    def _lines_changed(self) -> None:
        if self.on_idle_page() and not self.busy:
            self.load_services()

    # --- services ---
    def load_services(self) -> None:
        start_job(self, self.queue.services, on_done=self._show_services, on_error=self._services_failed)

    def _services_failed(self, exc: BaseException) -> None:
        if isinstance(exc, OfficeServerDown):
            self.error_label.setText(KIOSK_DOWN)  # the lines load again once the server is back
            return
        self.error_label.setText(f"Không đọc được danh sách dịch vụ: {exc}")

    def _show_services(self, lines: list[LineInfo]) -> None:
        self.lines = lines
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        columns = 1 if len(lines) <= 3 else 2
        for i, line in enumerate(lines):
            button = QPushButton(f"{line.prefix}  ·  {line.name}")
            button.setProperty("class", "service")
            button.setObjectName(f"service_{line.prefix}")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _=False, p=line.prefix: self.take(p))
            button.setEnabled(not self.busy and not self.office_down())
            self.grid.addWidget(button, i // columns, i % columns)
            button.show()  # added to a visible page: Qt would only show it on the next event loop turn
        if not lines:
            self.error_label.setText("Chưa có dịch vụ lấy số nào. Xin báo cán bộ.")
        self.ready.emit()

    def service_button(self, prefix: str) -> QPushButton:
        button = self.findChild(QPushButton, f"service_{prefix}")
        assert button is not None, prefix
        return button

    # --- taking a number ---
    def office_down(self) -> bool:
        return self.office_banner is not None and not self.office_banner.link.up

    def _office_link_changed(self, up: bool) -> None:
        if self.busy:
            return  # the number being taken decides; go_idle looks again
        self._set_buttons(up)
        self.error_label.setText("" if up else KIOSK_DOWN)
        if up:
            self.load_services()

    def take(self, prefix: str) -> None:
        if self.busy:  # a double tap must not take two numbers
            return
        if self.office_down():
            self.error_label.setText(KIOSK_DOWN)
            return
        self.busy = True
        self._set_buttons(False)
        self.error_label.setText("")
        priority = self.priority_button.isChecked()
        start_job(
            self,
            self.queue.issue,
            prefix,
            priority=priority,
            print_ticket=False,
            actor=self.actor,
            on_done=self._issued,
            on_error=self._issue_failed,
        )

    def _issued(self, ticket: IssuedTicket) -> None:
        self.last = ticket
        self.priority_button.setChecked(False)
        self.number_label.setText(ticket.number)
        self.service_label.setText(ticket.service_name)
        self.badge.setVisible(ticket.priority)
        self.waiting_label.setText(f"Số người đang chờ trước quý khách: {ticket.waiting_ahead}")
        self._set_print_text("Đang in phiếu…", fault=False)
        self.stack.setCurrentWidget(self.result_page)
        self.issued.emit(ticket)
        start_job(
            self,
            self.queue.print_ticket,
            ticket.number,
            actor=self.actor,
            on_done=self._printed,
            on_error=self._print_failed,
        )

    def _issue_failed(self, exc: BaseException) -> None:
        self.busy = False
        if isinstance(exc, OfficeServerDown) or self.office_down():
            # Nothing was issued (the write rolled back): no number to remember, none given twice.
            self._set_buttons(False)
            self.error_label.setText(KIOSK_DOWN)
            return
        self._set_buttons(True)
        message = exc.message if isinstance(exc, AppError) else str(exc)
        self.error_label.setText(f"Chưa lấy được số: {message}. Xin thử lại hoặc báo cán bộ.")

    def _printed(self, ticket: IssuedTicket) -> None:
        self._set_print_text("Mời quý khách nhận phiếu bên dưới.", fault=False)
        self.printed.emit(ticket)
        self.idle_timer.start(self.idle_ms)

    def _print_failed(self, exc: BaseException) -> None:
        message = exc.message if isinstance(exc, AppError) else str(exc)
        number = self.last.number if self.last else ""
        # The citizen gets plain words; the technical reason goes to the clerk's panel (unprinted list).
        paper = (
            "Máy in phiếu đã hết giấy."
            if getattr(exc, "kind", "") == "paper_out"
            else "Máy in phiếu đang gặp sự cố."
        )
        self._set_print_text(
            f"{paper}\nSố {number} của quý khách đã được ghi nhận.\n"
            "Xin ghi nhớ số này và báo cán bộ để in lại phiếu.",
            fault=True,
        )
        self.print_label.setToolTip(message)
        self.print_failed.emit(number, message)
        # Longer on screen: the citizen has no paper and must remember the number.
        self.idle_timer.start(self.idle_ms * 3 if isinstance(exc, PrinterFault) else self.idle_ms)

    def _set_print_text(self, text: str, *, fault: bool) -> None:
        self.print_label.setText(text)
        self.print_label.setProperty("fault", "true" if fault else "false")
        self.print_label.style().unpolish(self.print_label)
        self.print_label.style().polish(self.print_label)

    def _set_buttons(self, enabled: bool) -> None:
        for i in range(self.grid.count()):
            item = self.grid.itemAt(i)
            if item is not None and (widget := item.widget()) is not None:
                widget.setEnabled(enabled)
        self.priority_button.setEnabled(enabled)

    def go_idle(self) -> None:
        self.idle_timer.stop()
        self.stack.setCurrentWidget(self.idle_page)
        self.busy = False
        self._set_buttons(not self.office_down())
        self.error_label.setText(KIOSK_DOWN if self.office_down() else "")
        self.load_services()  # lines may have changed meanwhile
        self.went_idle.emit()

    def on_idle_page(self) -> bool:
        return self.stack.currentWidget() is self.idle_page


def _wait_for(signal: Any, ms: int) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def run(args: argparse.Namespace, app: Any) -> int:
    from ui.presence import Heartbeat
    from ui.qt_app import make_app
    from ui.single_instance import set_front

    qapp = make_app(name="counter-app-kiosk")
    ctx = app.ctx
    screen = qapp.primaryScreen()
    height = screen.availableGeometry().height() if screen is not None else 768
    window = KioskWindow(
        open_queue(ctx),
        changes=live_changes(ctx.db),
        agency=ctx.config.agency.name,
        idle_seconds=float(ctx.config.queue.kiosk_idle_s),
        scale=1.0 if getattr(args, "screenshot", None) else max(0.7, height / 768),
        db=ctx.db,
    )
    if getattr(args, "screenshot", None):
        window.resize(1024, 768)
        window.show()
        _wait_for(window.ready, 5000)
        window.grab().save(args.screenshot)
        return 0
    set_front(lambda: window)  # a second start brings this one forward
    follow_office_settings(ctx)
    Heartbeat(ctx, "kiosk", parent=window).start()  # the office sees this kiosk (`office status`)
    window.showFullScreen()
    return int(qapp.exec())
