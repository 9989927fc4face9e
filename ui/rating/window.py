"""The citizen's satisfaction screen: idle → rate → (reasons → comment) → thanks → survey; feedback.

It asks about the offer the clerk side stored (RatingService.offer), found by polling the database off
the GUI thread, so it works in the clerk's process and as its own `counter-app rating` process alike.
Writes go through a one-at-a-time queue of jobs (a reason never overtakes its rating), never on the GUI
thread. Kiosk-safe: frameless full screen on the citizen's monitor, no keyboard focus, no context
menus, and it closes only when the clerk side calls `shutdown()`.
"""

from __future__ import annotations

import importlib
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import feedback as fb
from counter_app.domain import sipas
from counter_app.errors import AppError, ConflictError, ValidationError
from counter_app.services.context import AppContext
from counter_app.services.feedback import FeedbackService, FeedbackView
from counter_app.services.ratings import OfferView, RatingService
from counter_app.services.users import UserService
from counter_app.timeutil import local
from ui.jobs import run_job
from ui.rating.compose import Composer
from ui.rating.screens import ScreenChoice, choose_citizen_screen
from ui.rating.strings import FIELD_ERRORS_EN, WEEKDAYS, WHAT, tr
from ui.rating.widgets import (
    LevelButton,
    TextBox,
    VietKeyboard,
    big_button,
    check_pixmap,
    info_pixmap,
    stylesheet,
)

log = logging.getLogger(__name__)

PAGES = (
    "idle",
    "rate",
    "reasons",
    "comment",
    "thanks",
    "survey",
    "notice",
    "fb_category",
    "fb_text",
    "fb_contact",
    "fb_done",
)


def serving_number(ctx: AppContext, counter: int) -> str | None:
    """The queue number this counter serves now, when the queue feature is installed; else None."""
    try:
        module = importlib.import_module("counter_app.services.queue")
    except ImportError:
        return None
    try:
        opener = getattr(module, "open_queue", None)
        if opener is not None:
            ticket = opener(ctx).serving(counter)
            return str(ticket.number) if ticket is not None else None
        return _find_serving(module.QueueService(ctx).status(), counter)
    except Exception:  # the queue's own trouble must never blank the rating screen
        return None


def _find_serving(status: Any, counter: int) -> str | None:
    serving = status.get("serving") if isinstance(status, dict) else getattr(status, "serving", None)
    if isinstance(serving, dict):
        value = serving.get(counter, serving.get(str(counter)))
        if isinstance(value, dict):
            value = value.get("number")
        return str(value) if value else None
    if isinstance(serving, (list, tuple)):
        for item in serving:
            c = item.get("counter") if isinstance(item, dict) else getattr(item, "counter", None)
            if c is not None and int(c) == counter:
                n = item.get("number") if isinstance(item, dict) else getattr(item, "number", None)
                return str(n) if n else None
    return None


def _set_error(label: QLabel, text: str) -> None:
    """An error line takes room only while it has something to say."""
    label.setText(text)
    label.setVisible(bool(text))


@dataclass(frozen=True)
class _Poll:
    offer: OfferView | None
    clerk_name: str | None  # at this counter now (idle screen)
    offer_clerk_name: str | None  # who served the transaction to rate
    serving: str | None


def format_due(dt: datetime, lang: str) -> str:
    d = local(dt)
    day = WEEKDAYS[1 if lang == "en" else 0][d.weekday()]
    return f"{d:%H:%M} {day}, {d:%d/%m/%Y}"


class RatingWindow(QWidget):
    offerShown = Signal(int)  # noqa: N815 - Qt signal naming
    rated = Signal(int, str)  # offer id, level — emitted once the rating is in the database
    explained = Signal(int)
    noRating = Signal(int)  # noqa: N815
    surveyRecorded = Signal(int, int)  # noqa: N815 - offer id, answers
    feedbackSent = Signal(str)  # noqa: N815 - its number
    writeFailed = Signal(str)  # noqa: N815 - the message shown
    pageChanged = Signal(str)  # noqa: N815
    placedAgain = Signal()  # noqa: N815 - after a monitor came or went

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
        self.ctx = ctx
        self.ratings = RatingService(ctx)
        self.feedback = FeedbackService(ctx)
        self.counter = ctx.counter_number if counter is None else counter
        self.clerk = clerk if clerk and clerk != "system" else None
        self.timeout_ms = int(timeout_ms if timeout_ms is not None else ctx.config.rating.timeout_s * 1000)
        self.thanks_ms = thanks_ms
        # An offer older than this when first seen was made while no screen ran: not shown to this citizen.
        self.stale_s = int(stale_s if stale_s is not None else ctx.config.rating.offer_max_age_s)
        self.placement: ScreenChoice | None = None
        self._clerk_screen_name: str | None = None
        self._watching_screens = False
        self.level_count = ctx.config.rating.levels
        self.agency = ctx.config.agency.name
        self.lang = "vi"
        self.page = "idle"
        self._allow_close = False
        self._texts: list[tuple[Callable[[str], None], Callable[[], str]]] = []
        self._scale = 0.0
        # State of the citizen's current visit.
        self.offer: OfferView | None = None
        self._handled: set[int] = set()
        self._reasons: set[str] = set()
        self.comment = Composer(max_len=1000)
        self._survey_index = 0
        self._survey_answers: dict[str, bool] = {}
        self._survey_offered = False
        self._fb_category: str | None = None
        self.fb_text = Composer(max_len=fb.TEXT_MAX)
        self.fb_name = Composer(max_len=100, capitalize_words=True)
        self.fb_phone = Composer(max_len=15)
        self._fb_result: FeedbackView | None = None
        self._notice: str = ""
        self._clerk_name: str | None = None
        self._offer_clerk_name: str | None = None
        self._serving: str | None = None
        # Jobs
        self._writes: deque[
            tuple[Callable[..., Any], tuple[Any, ...], Callable[[Any], None], Callable[[BaseException], None]]
        ] = deque()
        self._writing = False
        self._polling = False

        self.setObjectName("RatingWindow")
        self.setWindowTitle("Đánh giá mức độ hài lòng")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        # Never what keeps the application running: when the clerk window closes, the app may quit.
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._build()
        self._apply_scale(600)

        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(self._on_timeout)
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(poll_ms)
        self._poll_timer.timeout.connect(self.poll)
        self._poll_timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # any tap on this window restarts the inactivity clock
        self._show("idle")
        self.poll()

    # --- placement and closing ------------------------------------------------------------------

    def place(self, clerk_screen: QScreen | None = None) -> QScreen | None:
        """Full screen on the citizen's monitor (`rating.screen`, see screens.py); else a normal window.

        `clerk_screen`: where the clerk window is (default: the primary screen, where it opens). Placed
        again whenever a monitor comes or goes: a citizen monitor switched off must not leave a frameless
        full-screen window, which nobody can close, over the clerk's work.
        """
        if clerk_screen is not None:
            self._clerk_screen_name = clerk_screen.name()
        self.placement = choose_citizen_screen(self.ctx.config.rating.screen, clerk_screen)
        screen = self.placement.screen
        base = Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus
        if screen is not None:
            self.setWindowFlags(base | Qt.WindowType.FramelessWindowHint)
            self.setGeometry(screen.geometry())
            self.winId()  # create the native window so it can be moved to that screen
            handle = self.windowHandle()
            if handle is not None:
                handle.setScreen(screen)
            self.setGeometry(screen.geometry())
            self.showFullScreen()
        else:
            self.setWindowFlags(base)
            self.showNormal()  # also leaves full screen when placed again after a monitor went away
            self.resize(1024, 640)
        if not self._watching_screens:
            self._watching_screens = True
            gui = QGuiApplication.instance()
            if isinstance(gui, QGuiApplication):
                for signal in (gui.screenAdded, gui.screenRemoved, gui.primaryScreenChanged):
                    signal.connect(self._screens_changed)
        return screen

    def _screens_changed(self, *_: object) -> None:
        # After the event: Qt first moves the windows of a removed screen to another one.
        if not self._allow_close and self.placement is not None:
            QTimer.singleShot(0, self, self._place_again)

    def _place_again(self) -> None:
        if self._allow_close:
            return
        clerk = next((s for s in QGuiApplication.screens() if s.name() == self._clerk_screen_name), None)
        self.place(clerk)
        self.placedAgain.emit()

    def shutdown(self) -> None:
        """Close from the clerk side (the only way this window closes)."""
        self._allow_close = True
        self._poll_timer.stop()
        self._timeout.stop()
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
            if watched.window() is self and self.page != "idle" and self._timeout.isActive():
                self._timeout.start()  # same interval: the citizen is still there
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._apply_scale(event.size().height())

    @property
    def busy(self) -> bool:
        """A database job is running or queued (tests wait for this to go False)."""
        return self._writing or bool(self._writes) or self._polling

    # --- building ---------------------------------------------------------------------------------

    def _t(self, setter: Callable[[str], None], text: Callable[[], str]) -> None:
        self._texts.append((setter, text))
        setter(text())

    def _tr(self, key: str) -> str:
        return tr(key, self.lang)

    def _level_label(self, level: sipas.Level) -> str:
        return level.label(self.lang)

    def _reason_text(self, crit: sipas.Criterion) -> str:
        return ("✔  " if crit.key in self._reasons else "☐  ") + crit.reason_label(self.lang)

    def _category_label(self, cat: fb.Category) -> str:
        return cat.label(self.lang)

    def _no_rating_done(self, offer_id: int, _result: object) -> None:
        self.noRating.emit(offer_id)

    def _label(
        self,
        role: str,
        text: Callable[[], str] | None = None,
        *,
        wrap: bool = True,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
    ) -> QLabel:
        lab = QLabel()
        lab.setProperty("role", role)
        lab.setWordWrap(wrap)
        lab.setAlignment(align)
        lab.setTextFormat(Qt.TextFormat.PlainText)
        if text is not None:
            self._t(lab.setText, text)
        return lab

    def _button(
        self,
        key: str | Callable[[], str],
        kind: str = "normal",
        slot: Callable[[], None] | None = None,
        *,
        checkable: bool = False,
    ) -> QPushButton:
        b = big_button(kind=kind, checkable=checkable)
        self._t(b.setText, key if callable(key) else partial(self._tr, key))
        if slot is not None:
            b.clicked.connect(lambda _checked=False: slot())  # clicked(bool) must not reach the slot
        return b

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        # The screen decides the size (full screen); pages are laid out to fit 1024×600 and up.
        root.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        header = QFrame()
        header.setObjectName("Header")
        hl = QHBoxLayout(header)
        hl.setContentsMargins(18, 6, 12, 6)
        self.agency_label = QLabel(self.agency)
        self.agency_label.setTextFormat(Qt.TextFormat.PlainText)
        self.header_counter = QLabel()
        self._t(self.header_counter.setText, lambda: tr("counter", self.lang, n=self.counter))
        self.lang_button = QPushButton()
        self.lang_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._t(self.lang_button.setText, lambda: tr("lang_button", self.lang))
        self.lang_button.clicked.connect(lambda _checked=False: self.toggle_language())
        hl.addWidget(self.agency_label, 1)
        hl.addWidget(self.header_counter)
        hl.addSpacing(16)
        hl.addWidget(self.lang_button)
        root.addWidget(header)
        self.stack = QStackedWidget()
        root.addWidget(self.stack, 1)
        self.pages: dict[str, QWidget] = {}
        for name in PAGES:
            page = QWidget()
            page.setObjectName(f"page_{name}")
            self.pages[name] = page
            self.stack.addWidget(page)
            getattr(self, f"_build_{name}")(page)

    @staticmethod
    def _page_layout(page: QWidget) -> QVBoxLayout:
        lay = QVBoxLayout(page)
        lay.setContentsMargins(28, 14, 28, 16)
        lay.setSpacing(10)
        return lay

    def _build_idle(self, page: QWidget) -> None:
        lay = self._page_layout(page)
        lay.addStretch(1)
        lay.addWidget(self._label("h1", lambda: tr("welcome", self.lang)))
        lay.addSpacing(6)
        lay.addWidget(self._label("big", lambda: tr("counter", self.lang, n=self.counter)))
        self.idle_clerk = self._label("body")
        lay.addWidget(self.idle_clerk)
        self.idle_serving = self._label("serving")
        lay.addWidget(self.idle_serving)
        lay.addStretch(1)
        lay.addWidget(self._label("hint", lambda: tr("idle_hint", self.lang)))
        lay.addSpacing(8)
        row = QHBoxLayout()
        row.addStretch(1)
        self.feedback_button = self._button(
            lambda: "✎  " + tr("feedback_button", self.lang), "primary", self.start_feedback
        )
        self.feedback_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        row.addWidget(self.feedback_button, 2)
        row.addStretch(1)
        lay.addLayout(row)
        self._refresh_idle()

    def _build_rate(self, page: QWidget) -> None:
        lay = self._page_layout(page)
        self.rate_question = self._label("h2", self._rate_question_text)
        lay.addWidget(self.rate_question)
        self.rate_ref = self._label("hint", self._rate_ref_text)
        lay.addWidget(self.rate_ref)
        row = QHBoxLayout()
        row.setSpacing(18)
        self.level_buttons: dict[str, LevelButton] = {}
        for level in sipas.levels_for(self.level_count):
            b = LevelButton(level.key)
            self._t(b.setText, partial(self._level_label, level))
            b.clicked.connect(lambda _=False, k=level.key: self.choose_level(k))
            self.level_buttons[level.key] = b
            row.addWidget(b)
        lay.addStretch(1)
        lay.addLayout(row, 3)
        lay.addStretch(1)
        lay.addWidget(self._label("hint", lambda: tr("rate_hint", self.lang)))

    def _build_reasons(self, page: QWidget) -> None:
        lay = self._page_layout(page)
        lay.addWidget(self._label("h2", lambda: tr("reasons_title", self.lang)))
        lay.addWidget(self._label("hint", lambda: tr("reasons_hint", self.lang)))
        grid = QGridLayout()
        grid.setSpacing(10)
        self.reason_buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(sipas.REASON_KEYS):
            crit = sipas.CRITERIA[key]
            b = self._button(
                partial(self._reason_text, crit),
                "toggle",
                checkable=True,
            )
            b.toggled.connect(lambda on, k=key: self._toggle_reason(k, on))
            self.reason_buttons[key] = b
            grid.addWidget(b, i // 2, i % 2)
        lay.addLayout(grid, 1)
        self.reasons_comment = self._label(
            "hint",
            lambda: f"“{self.comment.text}”" if self.comment.text else "",
            align=Qt.AlignmentFlag.AlignLeft,
        )
        lay.addWidget(self.reasons_comment)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.comment_button = self._button(
            lambda: "✎  " + tr("edit_comment" if self.comment.text else "add_comment", self.lang),
            "nav",
            lambda: self._show("comment"),
        )
        self.reasons_send = self._button(lambda: tr("send", self.lang) + "  ✔", "primary", self.send_reasons)
        row.addWidget(self.comment_button)
        row.addWidget(self.reasons_send)
        lay.addLayout(row)

    def _keyboard_page(
        self,
        page: QWidget,
        title: Callable[[], str],
        back: Callable[[], None],
        forward_text: Callable[[], str],
        forward: Callable[[], None],
    ) -> tuple[QVBoxLayout, QPushButton]:
        lay = self._page_layout(page)
        lay.setContentsMargins(18, 8, 18, 10)
        lay.setSpacing(8)
        top = QHBoxLayout()
        back_b = self._button(lambda: "←  " + tr("back", self.lang), "nav", back)
        back_b.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        fwd = self._button(forward_text, "primary", forward)
        fwd.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        fwd.setProperty("kind", "primary")
        top.addWidget(back_b)
        top.addWidget(self._label("h3", title), 1)
        top.addWidget(fwd)
        lay.addLayout(top)
        return lay, fwd

    def _build_comment(self, page: QWidget) -> None:
        lay, self.comment_done = self._keyboard_page(
            page,
            lambda: tr("comment_title", self.lang),
            lambda: self._show("reasons"),
            lambda: tr("done", self.lang) + "  ✔",
            lambda: self._show("reasons"),
        )
        self.comment_box = TextBox(lambda: tr("comment_placeholder", self.lang))
        self.comment_box.composer = self.comment
        self.comment_box.active = True
        lay.addWidget(self.comment_box, 2)
        self.comment_keyboard = VietKeyboard()
        self.comment_keyboard.attach(self.comment_box)
        lay.addWidget(self.comment_keyboard, 4)

    def _build_thanks(self, page: QWidget) -> None:
        lay = self._page_layout(page)
        lay.addStretch(1)
        self.thanks_icon = QLabel()
        self.thanks_icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.thanks_icon)
        lay.addWidget(self._label("h1", lambda: tr("thanks", self.lang)))
        lay.addWidget(self._label("body", lambda: tr("thanks_recorded", self.lang)))
        lay.addStretch(1)
        self.survey_offer_box = QWidget()
        box = QVBoxLayout(self.survey_offer_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self._label("body", lambda: tr("survey_offer", self.lang)))
        row = QHBoxLayout()
        row.setSpacing(16)
        self.survey_no = self._button("survey_no", "nav", self.finish_visit)
        self.survey_yes = self._button(
            lambda: tr("survey_yes", self.lang) + "  →", "primary", self.start_survey
        )
        row.addWidget(self.survey_no)
        row.addWidget(self.survey_yes)
        box.addLayout(row)
        lay.addWidget(self.survey_offer_box)

    def _build_survey(self, page: QWidget) -> None:
        lay = self._page_layout(page)
        lay.setContentsMargins(24, 8, 24, 10)
        lay.setSpacing(6)
        top = QHBoxLayout()
        self.survey_title = self._label("h2", self._survey_title_text, align=Qt.AlignmentFlag.AlignLeft)
        top.addWidget(self.survey_title, 1)
        stop = self._button(lambda: tr("survey_skip_all", self.lang), "nav", self.stop_survey)
        stop.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        top.addWidget(stop)
        lay.addLayout(top)
        self.survey_grid_host = QWidget()
        self.survey_grid = QGridLayout(self.survey_grid_host)
        self.survey_grid.setContentsMargins(0, 0, 0, 0)
        self.survey_grid.setHorizontalSpacing(10)
        self.survey_grid.setVerticalSpacing(6)
        self.survey_grid.setColumnStretch(0, 1)
        lay.addWidget(self.survey_grid_host, 1)
        self.survey_keys: list[str] = []
        self.survey_rows: list[tuple[QLabel, QPushButton, QPushButton]] = []
        for row in range(max(len(g.criteria) for g in sipas.GROUPS)):
            label = QLabel()
            label.setProperty("role", "criterion")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            yes = big_button(kind="yes", checkable=True)
            no = big_button(kind="no", checkable=True)
            for btn in (yes, no):
                btn.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
            # The button's state is drawn from our answers, not toggled by Qt behind our back.
            yes.clicked.connect(lambda _=False, r=row: self._survey_tap(r, True))
            no.clicked.connect(lambda _=False, r=row: self._survey_tap(r, False))
            self.survey_grid.addWidget(label, row, 0)
            self.survey_grid.addWidget(yes, row, 1)
            self.survey_grid.addWidget(no, row, 2)
            self.survey_rows.append((label, yes, no))
        nav = QHBoxLayout()
        nav.setSpacing(16)
        self.survey_skip = self._button(lambda: tr("skip", self.lang), "nav", self.skip_survey_group)
        self.survey_next = self._button(self._survey_next_text, "primary", self.next_survey_group)
        nav.addWidget(self.survey_skip)
        nav.addWidget(self.survey_next)
        lay.addLayout(nav)

    def _build_notice(self, page: QWidget) -> None:
        lay = self._page_layout(page)
        lay.addStretch(1)
        self.notice_icon = QLabel()
        self.notice_icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.notice_icon)
        lay.addWidget(self._label("h2", lambda: tr("notice_title", self.lang)))
        self.notice_text = self._label("body", lambda: self._notice_text())
        lay.addWidget(self.notice_text)
        lay.addStretch(1)

    def _build_fb_category(self, page: QWidget) -> None:
        lay = self._page_layout(page)
        top = QHBoxLayout()
        back = self._button(lambda: "←  " + tr("back", self.lang), "nav", self.finish_visit)
        back.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        top.addWidget(back)
        top.addWidget(self._label("h2", lambda: tr("fb_title", self.lang)), 1)
        lay.addLayout(top)
        lay.addWidget(self._label("body", lambda: tr("fb_pick", self.lang)))
        grid = QGridLayout()
        grid.setSpacing(14)
        self.category_buttons: dict[str, QPushButton] = {}
        for i, cat in enumerate(fb.CATEGORIES.values()):
            b = self._button(
                partial(self._category_label, cat), "choice", partial(self.pick_category, cat.key)
            )
            self.category_buttons[cat.key] = b
            grid.addWidget(b, i // 2, i % 2)
        lay.addLayout(grid, 1)

    def _build_fb_text(self, page: QWidget) -> None:
        lay, self.fb_text_next = self._keyboard_page(
            page,
            lambda: tr(
                "fb_text_title",
                self.lang,
                category=fb.CATEGORIES[self._fb_category].label(self.lang) if self._fb_category else "",
            ),
            lambda: self._show("fb_category"),
            lambda: tr("next", self.lang) + "  →",
            self.feedback_text_done,
        )
        self.fb_text_box = TextBox(lambda: tr("fb_text_placeholder", self.lang))
        self.fb_text_box.composer = self.fb_text
        self.fb_text_box.active = True
        lay.addWidget(self.fb_text_box, 2)
        self.fb_text_error = self._label("error")
        self.fb_text_error.hide()
        lay.addWidget(self.fb_text_error)
        self.fb_text_keyboard = VietKeyboard()
        self.fb_text_keyboard.attach(self.fb_text_box)
        lay.addWidget(self.fb_text_keyboard, 4)

    def _build_fb_contact(self, page: QWidget) -> None:
        lay, self.fb_send = self._keyboard_page(
            page,
            lambda: tr("fb_contact_title", self.lang),
            lambda: self._show("fb_text"),
            lambda: tr("send", self.lang) + "  ✔",
            self.send_feedback,
        )
        fields = QGridLayout()
        fields.setHorizontalSpacing(12)
        fields.setVerticalSpacing(6)
        self.fb_name_box = TextBox(lambda: tr("fb_tap_field", self.lang), multiline=False)
        self.fb_name_box.composer = self.fb_name
        self.fb_phone_box = TextBox(lambda: tr("fb_tap_field", self.lang), multiline=False)
        self.fb_phone_box.composer = self.fb_phone
        self.fb_name_box.tapped.connect(lambda: self._select_contact("name"))
        self.fb_phone_box.tapped.connect(lambda: self._select_contact("phone"))
        fields.addWidget(
            self._label("fieldlabel", lambda: tr("fb_name", self.lang), align=Qt.AlignmentFlag.AlignLeft),
            0,
            0,
        )
        fields.addWidget(
            self._label("fieldlabel", lambda: tr("fb_phone", self.lang), align=Qt.AlignmentFlag.AlignLeft),
            0,
            1,
        )
        fields.addWidget(self.fb_name_box, 1, 0)
        fields.addWidget(self.fb_phone_box, 1, 1)
        fields.setColumnStretch(0, 3)
        fields.setColumnStretch(1, 2)
        lay.addLayout(fields, 1)
        self.fb_contact_error = self._label("error")
        self.fb_contact_error.hide()
        lay.addWidget(self.fb_contact_error)
        self.fb_contact_keyboard = VietKeyboard()
        lay.addWidget(self.fb_contact_keyboard, 4)

    def _build_fb_done(self, page: QWidget) -> None:
        lay = self._page_layout(page)
        lay.addStretch(1)
        self.fb_done_icon = QLabel()
        self.fb_done_icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.fb_done_icon)
        lay.addWidget(self._label("h1", lambda: tr("thanks", self.lang)))
        lay.addWidget(
            self._label(
                "big",
                lambda: tr("fb_sent", self.lang, number=self._fb_result.number if self._fb_result else ""),
            )
        )
        lay.addWidget(
            self._label(
                "body",
                lambda: (
                    tr("fb_due", self.lang, due=format_due(self._fb_result.due_at, self.lang))
                    if self._fb_result
                    else ""
                ),
            )
        )
        lay.addWidget(
            self._label(
                "hint",
                lambda: (
                    ""
                    if self._fb_result and (self._fb_result.phone or self._fb_result.name)
                    else tr("fb_no_contact", self.lang)
                ),
            )
        )
        lay.addStretch(1)

    # --- texts ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        for setter, text in self._texts:
            setter(text())
        for kb in (self.comment_keyboard, self.fb_text_keyboard, self.fb_contact_keyboard):
            kb.set_language(self.lang)
        self._refresh_idle()
        self._fill_survey_rows()
        for box in (self.comment_box, self.fb_text_box, self.fb_name_box, self.fb_phone_box):
            box.refresh()

    def toggle_language(self) -> None:
        self.set_language("en" if self.lang == "vi" else "vi")

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def _rate_question_text(self) -> str:
        kind = self.offer.kind if self.offer else "intake"
        vi, en = WHAT[kind]
        return tr("rate_question", self.lang, what=en if self.lang == "en" else vi)

    def _rate_ref_text(self) -> str:
        if self.offer is None:
            return ""
        key = "rate_ref_ticket" if self.offer.kind == "ticket" else "rate_ref_dossier"
        text = tr(key, self.lang, ref=self.offer.ref)
        if self._offer_clerk_name:
            text += "  ·  " + tr("clerk", self.lang, name=self._offer_clerk_name)
        return text

    def _survey_title_text(self) -> str:
        group = sipas.GROUPS[min(self._survey_index, len(sipas.GROUPS) - 1)]
        return tr(
            "survey_title",
            self.lang,
            i=self._survey_index + 1,
            n=len(sipas.GROUPS),
            group=group.label(self.lang),
        )

    def _survey_next_text(self) -> str:
        last = self._survey_index >= len(sipas.GROUPS) - 1
        return tr("survey_finish", self.lang) + "  ✔" if last else tr("next", self.lang) + "  →"

    def _notice_text(self) -> str:
        return tr(self._notice, self.lang) if self._notice else ""

    def _refresh_idle(self) -> None:
        name = self._clerk_name
        self.idle_clerk.setText(tr("clerk", self.lang, name=name) if name else "")
        self.idle_clerk.setVisible(bool(name))
        self.idle_serving.setText(tr("serving", self.lang, number=self._serving) if self._serving else "")
        self.idle_serving.setVisible(bool(self._serving))

    def _apply_scale(self, height: int) -> None:
        scale = max(0.85, min(2.2, height / 600))
        if abs(scale - self._scale) < 0.04:
            return
        self._scale = scale
        self.setStyleSheet(stylesheet(scale))
        face = round(150 * scale) if self.level_count == 3 else round(128 * scale)
        for b in getattr(self, "level_buttons", {}).values():
            b.set_icon_size(face)
            b.setMaximumHeight(face + round(130 * scale))
        icon = round(96 * scale)
        self.thanks_icon.setPixmap(check_pixmap(icon))
        self.fb_done_icon.setPixmap(check_pixmap(icon))
        self.notice_icon.setPixmap(info_pixmap(icon))

    # --- navigation -------------------------------------------------------------------------------

    def _show(self, page: str) -> None:
        self.page = page
        self.stack.setCurrentWidget(self.pages[page])
        self.retranslate()
        if page == "idle":
            self._timeout.stop()
        elif page in ("notice", "fb_done") or (page == "thanks" and not self._survey_offered):
            self._timeout.start(self.thanks_ms)
        else:
            self._timeout.start(self.timeout_ms)
        self.pageChanged.emit(page)

    def _reset_visit(self) -> None:
        self.offer = None
        self._reasons.clear()
        for b in self.reason_buttons.values():
            b.blockSignals(True)
            b.setChecked(False)
            b.blockSignals(False)
        self.comment.clear()
        self._survey_index = 0
        self._survey_answers = {}
        self._survey_offered = False
        self._fb_category = None
        for c in (self.fb_text, self.fb_name, self.fb_phone):
            c.clear()
        _set_error(self.fb_text_error, "")
        _set_error(self.fb_contact_error, "")
        self._fb_result = None
        self._notice = ""

    def finish_visit(self) -> None:
        """Back to idle for the next citizen, who starts in Vietnamese."""
        self._reset_visit()
        self.lang = "vi"
        self._show("idle")

    def _on_timeout(self) -> None:
        page = self.page
        offer = self.offer
        if page == "rate" and offer is not None:
            self._enqueue(
                self.ratings.no_rating,
                (offer.id,),
                partial(self._no_rating_done, offer.id),
                self._ignore_closed,
            )
        elif page in ("reasons", "comment") and offer is not None:
            self._save_reasons(offer)  # what was chosen before walking away is kept
        elif page == "survey" and offer is not None:
            self._save_survey_group()
        self.finish_visit()

    # --- rating -----------------------------------------------------------------------------------

    def show_offer(self, offer: OfferView) -> None:
        self._reset_visit()
        self.offer = offer
        self._handled.add(offer.id)
        self._show("rate")
        self.offerShown.emit(offer.id)

    def choose_level(self, level: str) -> None:
        offer = self.offer
        if self.page != "rate" or offer is None:
            return
        # Stored at once: the tap survives a crash right after it. The reasons (if any) follow.
        self._enqueue(
            self.ratings.rate,
            (offer.id, level),
            lambda _v: self.rated.emit(offer.id, level),
            self._write_failed,
        )
        if level == sipas.DISSATISFIED:
            self._show("reasons")
        else:
            self._thanks(survey=True)

    def _toggle_reason(self, key: str, on: bool) -> None:
        if on:
            self._reasons.add(key)
        else:
            self._reasons.discard(key)
        self.retranslate()

    def _save_reasons(self, offer: OfferView) -> bool:
        reasons = [k for k in sipas.REASON_KEYS if k in self._reasons]
        comment = self.comment.text.strip()
        if not reasons and not comment:
            return False
        self._enqueue(
            self.ratings.explain,
            (offer.id, reasons, comment or None),
            lambda _v: self.explained.emit(offer.id),
            self._write_failed,
        )
        return True

    def send_reasons(self) -> None:
        if self.offer is not None:
            self._save_reasons(self.offer)
        self._thanks(survey=True)

    def _thanks(self, *, survey: bool) -> None:
        self._survey_offered = survey
        self.survey_offer_box.setVisible(survey)
        self._show("thanks")

    # --- survey -----------------------------------------------------------------------------------

    def start_survey(self) -> None:
        self._survey_index = 0
        self._survey_answers = {}
        self._fill_survey_rows()
        self._show("survey")

    def _fill_survey_rows(self) -> None:
        """Show the current group's criteria in the rows built once (no widgets created or deleted)."""
        group = sipas.GROUPS[min(self._survey_index, len(sipas.GROUPS) - 1)]
        self.survey_keys = [c.key for c in group.criteria]
        for i, (label, yes, no) in enumerate(self.survey_rows):
            if i >= len(self.survey_keys):
                for w in (label, yes, no):
                    w.hide()
                continue
            key = self.survey_keys[i]
            label.setText(sipas.CRITERIA[key].label(self.lang))
            yes.setText("✔ " + tr("survey_yes_answer", self.lang))
            no.setText("✘ " + tr("survey_no_answer", self.lang))
            answer = self._survey_answers.get(key)
            yes.setChecked(answer is True)
            no.setChecked(answer is False)
            for w in (label, yes, no):
                w.show()

    def _survey_tap(self, row: int, satisfied: bool) -> None:
        if row < len(self.survey_keys):
            self.answer_survey(self.survey_keys[row], satisfied)
        else:
            self._fill_survey_rows()

    def answer_survey(self, key: str, satisfied: bool) -> None:
        if self._survey_answers.get(key) is satisfied:
            del self._survey_answers[key]  # tapped again: unanswered
        else:
            self._survey_answers[key] = satisfied
        self._fill_survey_rows()

    def _save_survey_group(self) -> None:
        offer = self.offer
        answers = dict(self._survey_answers)
        self._survey_answers = {}
        if offer is None or not answers:
            return
        self._enqueue(
            self.ratings.record_survey,
            (offer.id, answers),
            lambda n: self.surveyRecorded.emit(offer.id, int(n)),
            self._write_failed,
        )

    def next_survey_group(self) -> None:
        self._save_survey_group()
        self._advance_survey()

    def skip_survey_group(self) -> None:
        self._survey_answers = {}
        self._advance_survey()

    def _advance_survey(self) -> None:
        if self._survey_index >= len(sipas.GROUPS) - 1:
            self._thanks(survey=False)
            return
        self._survey_index += 1
        self._fill_survey_rows()
        self._show("survey")

    def stop_survey(self) -> None:
        self._save_survey_group()
        self._thanks(survey=False)

    # --- feedback ---------------------------------------------------------------------------------

    def start_feedback(self) -> None:
        if self.page != "idle":
            return
        self._reset_visit()
        self._show("fb_category")

    def pick_category(self, key: str) -> None:
        self._fb_category = key
        _set_error(self.fb_text_error, "")
        self._show("fb_text")

    def feedback_text_done(self) -> None:
        try:
            fb.clean_text(self.fb_text.text)
        except ValidationError as exc:
            _set_error(self.fb_text_error, self._field_error(exc))
            return
        _set_error(self.fb_text_error, "")
        self._select_contact("name")
        self._show("fb_contact")

    def _select_contact(self, which: str) -> None:
        self.fb_name_box.active = which == "name"
        self.fb_phone_box.active = which == "phone"
        self.fb_contact_keyboard.attach(
            self.fb_name_box if which == "name" else self.fb_phone_box, digits_only=which == "phone"
        )
        self.fb_name_box.refresh()
        self.fb_phone_box.refresh()

    def send_feedback(self) -> None:
        category = self._fb_category or "other"
        name, phone = self.fb_name.text.strip() or None, self.fb_phone.text.strip() or None
        try:
            fb.validate(category, self.fb_text.text, name, phone)  # pure checks, instant
        except ValidationError as exc:
            _set_error(self.fb_contact_error, self._field_error(exc))
            if exc.field in ("name", "phone"):
                self._select_contact(exc.field)
            return
        _set_error(self.fb_contact_error, "")
        self.fb_send.setEnabled(False)  # one tap, one feedback

        def done(view: FeedbackView) -> None:
            self.fb_send.setEnabled(True)
            self._fb_result = view
            self.feedbackSent.emit(view.number)
            self._show("fb_done")

        def failed(exc: BaseException) -> None:
            self.fb_send.setEnabled(True)
            self._write_failed(exc)

        self._enqueue(self.feedback.submit, (category, self.fb_text.text, name, phone), done, failed)

    def _field_error(self, exc: ValidationError) -> str:
        if self.lang == "en":
            return FIELD_ERRORS_EN.get(exc.field or "", str(exc))
        return str(exc)

    # --- jobs -------------------------------------------------------------------------------------

    def poll(self) -> None:
        """Look for a waiting offer (off the GUI thread) while idle."""
        if self._polling or self.page != "idle" or self._writing or self._writes:
            return
        self._polling = True
        run_job(self._poll_job, on_done=self._poll_done, on_error=self._poll_failed)

    def _poll_job(self) -> _Poll:
        offer = self.ratings.next_offer(self.counter, max_age_s=self.stale_s)
        clerk = self.clerk or self.ratings.last_clerk(self.counter)
        return _Poll(
            offer,
            self._clerk_full_name(clerk),
            self._clerk_full_name(offer.clerk) if offer else None,
            serving_number(self.ctx, self.counter),
        )

    def _clerk_full_name(self, username: str | None) -> str | None:
        if not username or username == "system":
            return None
        try:
            return UserService(self.ctx).get(username).full_name
        except AppError:
            return username

    def _poll_done(self, result: _Poll) -> None:
        self._polling = False
        self._clerk_name, self._serving = result.clerk_name, result.serving
        if self.page != "idle":
            return
        self._refresh_idle()
        if result.offer is not None and result.offer.id not in self._handled:
            self._offer_clerk_name = result.offer_clerk_name
            self.show_offer(result.offer)

    def _poll_failed(self, exc: BaseException) -> None:
        self._polling = False
        log.warning("polling failed: %s", exc)

    def _enqueue(
        self,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self._writes.append((fn, args, on_done, on_error))
        self._next_write()

    def _next_write(self) -> None:
        if self._writing or not self._writes:
            return
        fn, args, on_done, on_error = self._writes.popleft()
        self._writing = True

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            self._writing = False
            try:
                callback(value)
            finally:
                self._next_write()

        run_job(fn, *args, on_done=lambda v: finish(on_done, v), on_error=lambda e: finish(on_error, e))

    def _write_failed(self, exc: BaseException) -> None:
        key = "already_rated" if isinstance(exc, ConflictError) and exc.label == "Đánh giá" else "not_saved"
        if not isinstance(exc, AppError):
            log.error("could not save: %r", exc)
        self.writeFailed.emit(str(exc))
        self._reset_visit()  # the citizen's language stays for the notice
        self._notice = key
        self._show("notice")

    @staticmethod
    def _ignore_closed(exc: BaseException) -> None:
        # The offer was rated or withdrawn meanwhile (another screen, the clerk): nothing to record.
        if not isinstance(exc, ConflictError):
            log.error("could not record 'no rating': %r", exc)
