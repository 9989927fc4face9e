"""The clerk's main window: tabs for intake, the dossier board and (admin) settings and users.

The window owns its features as typed attributes and wires them itself (`_add_features`); a feature
never sets anything on the window nor reaches into it. Each gets its services from the one
`ClerkServices` (ui/clerk/services.py), the logged-in user and, where it needs them, the widgets it
works with, and talks back through its own signals. To add a feature: build it in `_add_features`,
declare it below, connect its signals there.

- `add_panel(key, widget, title_fn)` adds a tab; `title_fn()` is called again on every language change.
  `show_panel(key)` brings one to the front.
- `self.board.add_dossier_action(key, title_fn, handler, enabled_fn=None)` adds a per-dossier button on
  the board; `handler` receives the selected DossierView.
- `self.intake.saved(receipt)` (signal) runs once per saved dossier (the forms print the receipt).
- Signal `transaction_finished(kind, ref)`: emitted after an intake save (kind "intake", ref = dossier
  code), after a dossier is handed back (kind "return") and after a finished ticket (kind "ticket", from
  the queue panel through `finish_transaction`). The rating screen subscribes to it (ui/clerk/rating_hook.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget, QVBoxLayout, QWidget

from counter_app.services.board import payment_due
from counter_app.services.intake import Receipt
from counter_app.services.office_overview import OfficeOverview
from counter_app.services.users import UserInfo
from counter_app.storage_errors import OFFICE_DOWN
from ui.clerk import feedback_panel, index766_controller, office_panel, reports_panel
from ui.clerk.about import show_about
from ui.clerk.board_controller import BoardController
from ui.clerk.board_view import BoardView
from ui.clerk.feedback_panel import FeedbackPanel
from ui.clerk.files_controller import Digitiser, IntakeDigitising
from ui.clerk.forms_printing import FormsPrinting
from ui.clerk.index766_controller import Index766Controller
from ui.clerk.index766_view import Index766View
from ui.clerk.intake_controller import IntakeController
from ui.clerk.intake_view import IntakeView
from ui.clerk.office_panel import OfficePanel
from ui.clerk.payment_dialog import PaymentCollector, why_nothing_due
from ui.clerk.queue_panel import QueuePanel
from ui.clerk.reports_panel import ReportsPanel
from ui.clerk.services import ClerkServices
from ui.clerk.settings_view import SettingsView
from ui.clerk.status_bar import ClerkStatusBar
from ui.clerk.sync_controller import SyncController
from ui.clerk.update_notice import UpdateNotice
from ui.clerk.users_view import UsersView
from ui.office_link import add_banner, follow_office_settings
from ui.qt_app import LanguageManager


class LazyPanel(QWidget):
    """A tab whose content is made by `factory` when first shown or asked for."""

    def __init__(self, factory: Callable[[], QWidget]) -> None:
        super().__init__()
        self._factory = factory
        self._content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def content(self) -> QWidget:
        if self._content is None:
            self._content = self._factory()
            self._layout.addWidget(self._content)
        return self._content

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self.content()
        super().showEvent(event)


class MainWindow(QMainWindow):
    transaction_finished = Signal(str, str)  # kind ("intake" | "return" | "ticket"), ref
    logout_requested = Signal()

    # The features, built and wired in _add_features.
    queue_panel: QueuePanel
    reports_panel: ReportsPanel | None  # supervisors and admins only
    index766: Index766Controller | None  # the "Chỉ số 766" tab: supervisors and admins only
    feedback_panel: FeedbackPanel | None  # supervisors and admins only
    office_panel: OfficePanel | None  # supervisors and admins only
    office_action: QAction | None
    payment_collector: PaymentCollector
    forms_printing: FormsPrinting
    sync_controller: SyncController
    digitiser: Digitiser
    intake_digitising: IntakeDigitising
    update_notice: UpdateNotice

    def __init__(
        self,
        services: ClerkServices,
        user: UserInfo,
        languages: LanguageManager | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.services, self.user, self.languages = services, user, languages
        self.panels: dict[str, tuple[QWidget, Callable[[], str]]] = {}
        self.tabs = QTabWidget()
        self.tabs.setObjectName("main_tabs")
        self.tabs.setDocumentMode(True)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.tabs)
        # Office mode: the red line while the office server is unreachable (ui/office_link.py).
        self.office_banner = add_banner(column, services.ctx.db, self._office_down_text())
        self.office_banner.link.changed.connect(self._office_link_changed)
        follow_office_settings(services.ctx)
        self.setCentralWidget(central)
        self.setMinimumSize(1024, 600)

        self.intake_view = IntakeView()
        self.intake = IntakeController(self.intake_view, services, user)
        self.board_view = BoardView()
        self.board = BoardController(self.board_view, services, user)
        self.add_panel("intake", self.intake_view, lambda: self.tr("Tiếp nhận hồ sơ (F2)"))
        self.add_panel("board", self.board_view, lambda: self.tr("Theo dõi, trả kết quả (F3)"))
        # Admin panels are built the first time they are shown (or used): a quicker window at login.
        self._settings_panel: LazyPanel | None = None
        self._users_panel: LazyPanel | None = None
        if user.role == "admin":
            self._settings_panel = LazyPanel(self._make_settings)
            self._users_panel = LazyPanel(lambda: UsersView(services, user))

        # Status bar and menus exist before the features, so these may add to them.
        self.status = ClerkStatusBar(services, user)
        self.setStatusBar(self.status)
        self._build_menu()

        self._add_features()

        if self._settings_panel is not None and self._users_panel is not None:
            self.add_panel("settings", self._settings_panel, lambda: self.tr("Cài đặt"))
            self.add_panel("users", self._users_panel, lambda: self.tr("Tài khoản"))

        self.intake.saved.connect(self._intake_saved)
        self.board.status_changed.connect(self._status_changed)
        self.board.loaded.connect(self.status.refresh)
        self.tabs.currentChanged.connect(self._tab_changed)
        for seq, key in (("F2", "intake"), ("F3", "board")):
            QShortcut(QKeySequence(seq), self, lambda k=key: self.show_panel(k))
        self.retranslate()
        self.board.refresh()

    # --- features ---------------------------------------------------------------------------------

    def _add_features(self) -> None:
        """Queue, reports, feedback, payments, forms and sync. Runs after intake, board, status bar and
        menus exist, before the admin tabs (settings, users)."""
        services, user = self.services, self.user
        # "Hàng đợi": call, serve and finish tickets; a finished ticket is offered for rating.
        self.queue_panel = QueuePanel(
            services.queue,
            services.ctx.counter_number,
            user.username,
            shortcut_host=self,
            changes=services.live,
        )
        self.queue_panel.transaction_finished.connect(self.finish_transaction)
        self.add_panel("queue", self.queue_panel, lambda: self.tr("Hàng đợi (F4)"))
        QShortcut(QKeySequence("F4"), self, lambda: self.show_panel("queue"))

        # "Báo cáo" and "Phản ánh, kiến nghị": for supervisors and admins.
        self.reports_panel = self.feedback_panel = None
        if user.role in reports_panel.ROLES:
            self.reports_panel = ReportsPanel(services.reports)
            self.add_panel("reports", self.reports_panel, lambda: self.tr("Báo cáo"))
        self.index766 = None
        if user.role in index766_controller.ROLES:
            self.index766 = Index766Controller(Index766View(), services)
            self.add_panel("index766", self.index766.view, lambda: self.tr("Chỉ số 766"))
        if user.role in feedback_panel.ROLES:
            self.feedback_panel = FeedbackPanel(services.feedback, user.username)
            self.add_panel("feedback", self.feedback_panel, lambda: self.tr("Phản ánh, kiến nghị"))
        # "Các quầy" (Xem menu, Ctrl+Shift+Q): every counter live (who, serving, paused, today), for
        # supervisors and admins, in a window of its own beside the clerk window.
        self.office_panel = self.office_action = None
        if user.role in office_panel.ROLES:
            self.office_panel = OfficePanel(OfficeOverview(services.ctx), services.live, self)
            self.office_action = QAction(self)
            self.office_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
            self.office_action.triggered.connect(self.office_panel.open_window)
            self.view_menu.addAction(self.office_action)

        # Forms: the receipt after intake, the decision forms, "Biểu mẫu…" on the board, the register.
        self.forms_printing = FormsPrinting(services, user, self)
        self.intake.saved.connect(self.forms_printing.receipt_saved)
        self.board.decision_recorded.connect(self.forms_printing.decision_recorded)
        self.board.add_dossier_action(
            "forms", FormsPrinting.board_action_title, self.forms_printing.open_dialog
        )
        self.forms_printing.add_menu(self.menuBar())

        # "Thu phí, lệ phí…" on the board and "Thu phí ngay…" after intake: VietQR on screen.
        self.payment_collector = PaymentCollector(services, user, self)
        bv = self.board_view
        self.board.add_dossier_action(
            "payment",
            lambda: QCoreApplication.translate("PaymentCollector", "Thu &phí, lệ phí…"),
            self.payment_collector.open,
            enabled_fn=lambda v: payment_due(v, bv.models[bv.tab_key()].paid) > 0,
            why_not_fn=lambda v: why_nothing_due(v, bv.models[bv.tab_key()].payment(v)),
        )
        self.intake.collect_requested.connect(self.payment_collector.open_code)
        self.intake.can_collect = True
        self.payment_collector.board_outdated.connect(self.board.refresh)  # the status bar follows
        self.payment_collector.message.connect(self._action_message)
        self.payment_collector.reprint_requested.connect(
            lambda code: self.forms_printing.output("receipt", code)
        )

        # Số hóa: "Số hóa giấy tờ…" on the board, each paper's "Số hóa" menu in the intake form.
        self.digitiser = Digitiser(services, user, self)
        self.board.add_dossier_action("digitise", Digitiser.board_action_title, self.digitiser.open_dialog)
        self.intake_digitising = IntakeDigitising(self.digitiser, self.intake)
        self.digitiser.message.connect(self._action_message)

        # The nightly sync: schedule, catch-up, progress and failure in the status bar.
        self.sync_controller = SyncController(services, self.status, self)
        self.sync_controller.attach(self.view_menu)

        # A newer version announced by the city: a line in the status bar for the administrator.
        self.update_notice = UpdateNotice(services, user, self.status)

    def _office_down_text(self) -> str:
        return self.tr(
            "{down}: chưa lưu được gì lúc này, dữ liệu đã có vẫn nguyên vẹn. "
            "Phần mềm đang tự kết nối lại; hãy kiểm tra mạng và máy chủ văn phòng."
        ).format(down=OFFICE_DOWN)

    def _office_link_changed(self, up: bool) -> None:
        if up:  # back: what other counters did meanwhile shows at once, not at the next timer
            self.board.refresh()
            self.queue_panel.refresh()

    def add_panel(self, key: str, widget: QWidget, title_fn: Callable[[], str]) -> int:
        if key in self.panels:
            raise ValueError(f"panel '{key}' already added")
        widget.setProperty("panel_key", key)
        self.panels[key] = (widget, title_fn)
        return self.tabs.addTab(widget, title_fn())

    def show_panel(self, key: str) -> None:
        widget, _title = self.panels[key]
        self.tabs.setCurrentWidget(widget)

    def current_panel(self) -> str:
        w = self.tabs.currentWidget()
        return str(w.property("panel_key")) if w is not None else ""

    @property
    def settings(self) -> SettingsView | None:
        """The settings panel (admins only), built on first use."""
        return self._settings_panel.content() if self._settings_panel else None  # type: ignore[return-value]

    @property
    def users(self) -> UsersView | None:
        return self._users_panel.content() if self._users_panel else None  # type: ignore[return-value]

    def _make_settings(self) -> SettingsView:
        view = SettingsView(self.services, self.user)
        view.saved.connect(self._settings_saved)
        return view

    def finish_transaction(self, kind: str, ref: str) -> None:
        self.transaction_finished.emit(kind, ref)
        self.status.refresh()

    # --- internals --------------------------------------------------------------------------------

    def _build_menu(self) -> None:
        self.system_menu = self.menuBar().addMenu("")
        self.logout_action = QAction(self)
        self.logout_action.triggered.connect(self.logout_requested)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.system_menu.addAction(self.logout_action)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(
            lambda: show_about(self, self.services.ctx, self.update_notice.info)
        )
        self.system_menu.addAction(self.about_action)
        self.system_menu.addSeparator()
        self.system_menu.addAction(self.quit_action)
        self.view_menu = self.menuBar().addMenu("")
        self.refresh_action = QAction(self)
        self.refresh_action.triggered.connect(self._refresh_all)
        self.view_menu.addAction(self.refresh_action)

    # The status bar re-reads itself whenever the board has loaded (board.loaded), so the handlers below
    # that refresh the board do not refresh it too: one snapshot per action, not two.

    def _refresh_all(self) -> None:
        self.board.refresh()

    def _intake_saved(self, receipt: Receipt) -> None:
        self.transaction_finished.emit("intake", receipt.code)
        self.board.refresh()

    def _status_changed(self, code: str, status: str) -> None:
        # The board reloads itself right after every status change.
        if status == "returned":
            self.transaction_finished.emit("return", code)

    def _action_message(self, text: str, error: bool) -> None:
        """A feature's line for the clerk: on the board, and in the status bar (where the clerk is when
        collecting right after intake, the board hidden)."""
        shown = f"<span style='color:#c62828'>{text}</span>" if error else text
        self.board_view.action_message.setText(shown)
        self.status.showMessage(text, 10_000)

    def _tab_changed(self, _index: int) -> None:
        if self.current_panel() == "board":
            self.board.refresh()
            self.board_view.search.setFocus()
        elif self.current_panel() == "intake":
            self.intake_view.proc_search.setFocus()

    def _settings_saved(self, values: dict[str, object]) -> None:
        lang = self.services.config.ui.language  # what was just saved, if the language was among it
        if self.languages is not None and lang != self.languages.current:
            self.languages.switch(lang)
        if any(k.startswith(("agency.", "counter.")) for k in values):
            self.retranslate()
            self.status.retranslate()
        if "office.hours" in values:
            self.board.refresh()

    def retranslate(self) -> None:
        cfg = self.services.config
        self.setWindowTitle(
            self.tr("Bộ phận Một cửa — {agency} — Quầy {n}").format(
                agency=cfg.agency.name, n=self.services.ctx.counter_number
            )
        )
        for widget, title_fn in self.panels.values():
            self.tabs.setTabText(self.tabs.indexOf(widget), title_fn())
        # No mnemonics on the menus: their letters belong to the fields (Alt+H = Họ và tên); F10/Alt opens them.
        self.system_menu.setTitle(self.tr("Hệ thống"))
        self.logout_action.setText(self.tr("Đăng &xuất"))
        self.quit_action.setText(self.tr("&Thoát"))
        self.about_action.setText(self.tr("&Giới thiệu…"))
        self.view_menu.setTitle(self.tr("Xem"))
        self.office_banner.setText(self._office_down_text())
        self.refresh_action.setText(self.tr("&Làm mới dữ liệu"))
        if self.office_action is not None:
            self.office_action.setText(self.tr("Các quầy lúc này…"))
        if hasattr(self, "update_notice"):  # (retranslate runs once before the features exist)
            self.update_notice.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
