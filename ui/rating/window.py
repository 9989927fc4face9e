"""The citizen's satisfaction screen: idle → rate → (reasons → comment) → thanks → survey; feedback.

The window only puts the parts together: the visit (ui/rating/visit.py, the state machine), the store
(ui/rating/store.py: polling for offers and writing answers off the GUI thread), the pages
(ui/rating/*_view.py, layout only), the placement on a monitor (ui/rating/placement.py) and the texts in
the citizen's language (ui/rating/texts.py). Kiosk-safe: frameless full screen on the citizen's monitor,
no keyboard focus, no context menus, and it closes only when the clerk side calls `shutdown()`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.context import AppContext
from counter_app.services.ratings import OfferView
from ui.office_link import add_banner
from ui.rating.feedback_view import CategoryPage, ContactPage, DonePage, TextPage
from ui.rating.idle_view import IdlePage, NoticePage
from ui.rating.page_kit import PageKit
from ui.rating.placement import ScreenPlacer
from ui.rating.rate_view import CommentPage, RatePage, ReasonsPage, ThanksPage
from ui.rating.store import RatingStore
from ui.rating.strings import tr
from ui.rating.survey_view import SurveyPage
from ui.rating.texts import ScreenTexts
from ui.rating.visit import PAGES, VisitController
from ui.rating.widgets import stylesheet

# The citizen's words (in their language, ui/rating/strings.py): the rating waits, nothing of theirs is lost.
RATING_DOWN = tr("office_down", "vi")


class RatingWindow(QWidget):
    def __init__(
        self,
        ctx: AppContext,
        *,
        clerk: str | None = None,
        counter: int | None = None,
        timeout_ms: int | None = None,
        thanks_ms: int = 6000,
        poll_ms: int = 1000,
        stale_s: int | None = None,
    ) -> None:
        super().__init__(None)
        cfg = ctx.config
        self.counter = ctx.counter_number if counter is None else counter
        # An offer older than this when first seen was made while no screen ran: not shown to this citizen.
        self.stale_s = int(stale_s if stale_s is not None else cfg.rating.offer_max_age_s)
        self.store = RatingStore(
            ctx,
            counter=self.counter,
            clerk=clerk if clerk and clerk != "system" else None,
            stale_s=self.stale_s,
            poll_ms=poll_ms,
            parent=self,
        )
        timeout = int(timeout_ms if timeout_ms is not None else cfg.rating.timeout_s * 1000)
        self.visit = VisitController(self.store, timeout_ms=timeout, thanks_ms=thanks_ms, parent=self)
        self.placer = ScreenPlacer(self, lambda: cfg.rating.screen)
        self.visit.citizen_sees = self.placer.citizen_can_see
        self.texts = ScreenTexts(lambda: self.visit.lang)
        self.level_count = cfg.rating.levels
        self._allow_close = False
        self._scale = 0.0

        self.setObjectName("RatingWindow")
        self.setWindowTitle("Đánh giá mức độ hài lòng")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        # Never what keeps the application running: when the clerk window closes, the app may quit.
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._build(cfg.agency.name)
        root = self.layout()
        assert isinstance(root, QBoxLayout)
        # Office mode: a red line while the office server is unreachable (ui/office_link.py).
        self.office_banner = add_banner(root, ctx.db, RATING_DOWN, font_px=22)
        self.texts.bind(self.office_banner.setText, lambda: self.texts("office_down"))
        self._apply_scale(600)

        self.visit.changed.connect(self.refresh)
        self.visit.idle_changed.connect(self.idle_page.refresh)
        self.visit.page_changed.connect(self._page_changed)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # any tap on this window restarts the inactivity clock
        self.visit.show("idle")
        self.store.start()

    # --- what tests and the clerk side read ------------------------------------------------------

    @property
    def page(self) -> str:
        return self.visit.page

    @property
    def offer(self) -> OfferView | None:
        return self.visit.offer

    @property
    def lang(self) -> str:
        return self.visit.lang

    @property
    def busy(self) -> bool:
        """A database job is running or queued (tests wait for this to go False)."""
        return self.store.busy

    def set_language(self, lang: str) -> None:
        self.visit.set_language(lang)

    def finish_visit(self) -> None:
        self.visit.finish_visit()

    # --- placement and closing -------------------------------------------------------------------

    def place(self, clerk_screen: QScreen | None = None) -> QScreen | None:
        """On the citizen's monitor, or a normal window on the clerk's (ui/rating/placement.py)."""
        return self.placer.place(clerk_screen)

    def shutdown(self) -> None:
        """Close from the clerk side (the only way this window closes)."""
        self._allow_close = True
        self.placer.stopped = True
        self.store.stop()
        self.visit.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._allow_close:
            event.accept()
        else:
            event.ignore()  # Alt+F4, the window manager, a stray tap: the citizen side cannot close it

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        event.accept()  # no physical keyboard on the citizen side: swallow whatever arrives

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin) and isinstance(
            watched, QWidget
        ):
            if watched.window() is self:
                self.visit.touched()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._apply_scale(event.size().height())

    # --- building ---------------------------------------------------------------------------------

    def _build(self, agency: str) -> None:
        kit, t, visit = PageKit(self.texts), self.texts, self.visit
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        # The screen decides the size (full screen); pages are laid out to fit 1024×600 and up.
        root.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        header = QFrame()
        header.setObjectName("Header")
        hl = QHBoxLayout(header)
        hl.setContentsMargins(18, 6, 12, 6)
        self.agency_label = QLabel(agency)
        self.agency_label.setTextFormat(Qt.TextFormat.PlainText)
        self.header_counter = QLabel()
        t.bind(self.header_counter.setText, lambda: t("counter", n=self.counter))
        self.lang_button = QPushButton()
        self.lang_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        t.bind(self.lang_button.setText, lambda: t("lang_button"))
        self.lang_button.clicked.connect(lambda _checked=False: visit.toggle_language())
        hl.addWidget(self.agency_label, 1)
        hl.addWidget(self.header_counter)
        hl.addSpacing(16)
        hl.addWidget(self.lang_button)
        root.addWidget(header)

        self.idle_page = IdlePage(kit, visit, self.counter)
        self.rate_page = RatePage(kit, visit, self.level_count)
        self.reasons_page = ReasonsPage(kit, visit)
        self.comment_page = CommentPage(kit, visit)
        self.thanks_page = ThanksPage(kit, visit)
        self.survey_page = SurveyPage(kit, visit)
        self.notice_page = NoticePage(kit, visit)
        self.category_page = CategoryPage(kit, visit)
        self.text_page = TextPage(kit, visit)
        self.contact_page = ContactPage(kit, visit)
        self.done_page = DonePage(kit, visit)
        pages: tuple[QWidget, ...] = (
            self.idle_page,
            self.rate_page,
            self.reasons_page,
            self.comment_page,
            self.thanks_page,
            self.survey_page,
            self.notice_page,
            self.category_page,
            self.text_page,
            self.contact_page,
            self.done_page,
        )
        self.pages: dict[str, QWidget] = dict(zip(PAGES, pages, strict=True))
        self.stack = QStackedWidget()
        for name, page in self.pages.items():
            page.setObjectName(f"page_{name}")
            self.stack.addWidget(page)
        root.addWidget(self.stack, 1)

    # --- showing the visit ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Everything shown again from the visit: texts in its language, then each page's state."""
        self.texts.refresh()
        for kb in (self.comment_page.keyboard, self.text_page.keyboard, self.contact_page.keyboard):
            kb.set_language(self.visit.lang)
        self.idle_page.refresh()
        self.reasons_page.refresh()
        self.thanks_page.refresh()
        self.survey_page.refresh()
        self.text_page.refresh()
        self.contact_page.refresh()
        for box in (self.comment_page.box, self.text_page.box):
            box.refresh()

    def _page_changed(self, page: str) -> None:
        self.stack.setCurrentWidget(self.pages[page])
        # One monitor: the question comes in front of the clerk window; once it is over, back behind.
        if page == "rate":
            self.placer.bring_forward()
        elif page == "idle":
            self.placer.step_back()

    def _apply_scale(self, height: int) -> None:
        scale = max(0.85, min(2.2, height / 600))
        if abs(scale - self._scale) < 0.04:
            return
        self._scale = scale
        self.setStyleSheet(stylesheet(scale))
        self.rate_page.set_scale(scale)
        icon = round(96 * scale)
        for page in (self.thanks_page, self.done_page, self.notice_page):
            page.set_icon_size(icon)
