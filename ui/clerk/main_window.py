"""The clerk's main window: tabs for intake, the dossier board and (admin) settings and users.

Extension points for other features (keep each to one line in `install_extensions` below):

- `add_panel(key, widget, title_fn)` adds a tab; `title_fn()` is called again on every language change,
  so pass e.g. `lambda: self.tr("Hàng đợi")`. `show_panel(key)` brings one to the front.
- `self.board.add_dossier_action(key, title_fn, handler, enabled_fn=None)` adds a per-dossier button on
  the board (e.g. the forms feature's "reprint form"); `handler` receives the selected DossierView.
- `self.intake.saved(receipt)` (signal) and then `self.intake.after_save(receipt)` run once per saved
  dossier (the forms feature prints the receipt on `saved`; after_save shows the clerk a summary).
- `self.status` (the status bar, `refresh()` re-reads the sync figures), `self.system_menu`,
  `self.view_menu` exist before `install_extensions` runs; extensions may add widgets and actions.
- Signal `transaction_finished(kind, ref)`: emitted after an intake save (kind "intake", ref = dossier
  code) and after a dossier is handed back (kind "return", ref = dossier code). Other panels may emit it
  too (kind "ticket", ref = ticket number) through `finish_transaction(kind, ref)`. The rating screen
  subscribes to it.
- `self.services` (ClerkServices: ctx, config and the core services), `self.user` (the logged-in clerk).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget, QVBoxLayout, QWidget

from counter_app.services.intake import Receipt
from counter_app.services.users import UserInfo
from ui.clerk.board_controller import BoardController
from ui.clerk.board_view import BoardView
from ui.clerk.feedback_panel import FeedbackPanel
from ui.clerk.forms_printing import FormsPrinting
from ui.clerk.intake_controller import IntakeController
from ui.clerk.intake_view import IntakeView
from ui.clerk.payment_dialog import PaymentCollector
from ui.clerk.queue_panel import QueuePanel
from ui.clerk.reports_panel import ReportsPanel
from ui.clerk.services import ClerkServices
from ui.clerk.settings_view import SettingsView
from ui.clerk.status_bar import ClerkStatusBar
from ui.clerk.sync_controller import SyncController
from ui.clerk.users_view import UsersView
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
        self.setCentralWidget(self.tabs)
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

        # Status bar and menus exist before the extensions, so these may add to them.
        self.status = ClerkStatusBar(services, user)
        self.setStatusBar(self.status)
        self._build_menu()

        self.install_extensions()

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

    # --- extension point --------------------------------------------------------------------------

    def install_extensions(self) -> None:
        """EXTENSION POINT: other features add their panels and hooks here, one line each, e.g.
        `self.add_panel("queue", QueuePanel(self), lambda: self.tr("Hàng đợi (F4)"))`.
        Runs after intake, board, status bar and menus exist, before the admin tabs (settings, users)."""
        # --- extensions: one line per feature below ---
        self.add_panel("queue", QueuePanel.for_window(self), lambda: self.tr("Hàng đợi (F4)"))
        ReportsPanel.mount(self)  # "Báo cáo" tab, supervisors and admins only
        FeedbackPanel.mount(self)  # "Phản ánh, kiến nghị" tab, supervisors and admins only
        PaymentCollector.mount(self)  # "Thu phí, lệ phí…" on the board: method, amount, VietQR on screen
        FormsPrinting.mount(self)  # receipt after intake, "Biểu mẫu…" on the board, preview; Mẫu 02–04, 06
        SyncController.mount(self)  # nightly sync: schedule, catch-up, progress and failure in the status bar
        # --- end of extensions ---

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

    def _tab_changed(self, _index: int) -> None:
        if self.current_panel() == "board":
            self.board.refresh()
            self.board_view.search.setFocus()
        elif self.current_panel() == "intake":
            self.intake_view.proc_search.setFocus()

    def _settings_saved(self, values: dict[str, object]) -> None:
        lang = values.get("ui.language")
        if isinstance(lang, str) and self.languages is not None and lang != self.languages.current:
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
                agency=cfg.get("agency.name"), n=self.services.ctx.counter_number
            )
        )
        for widget, title_fn in self.panels.values():
            self.tabs.setTabText(self.tabs.indexOf(widget), title_fn())
        # No mnemonics on the menus: their letters belong to the fields (Alt+H = Họ và tên); F10/Alt opens them.
        self.system_menu.setTitle(self.tr("Hệ thống"))
        self.logout_action.setText(self.tr("Đăng &xuất"))
        self.quit_action.setText(self.tr("&Thoát"))
        self.view_menu.setTitle(self.tr("Xem"))
        self.refresh_action.setText(self.tr("&Làm mới dữ liệu"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
