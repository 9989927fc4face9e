"""One citizen's visit at the rating screen: which page is up, what was chosen, what is written and when.

    idle → rate → (dissatisfied: reasons ⇄ comment) → thanks → survey, group by group → thanks → idle
    idle → fb_category → fb_text → fb_contact → fb_done → idle        a failed write → notice → idle

No widgets here (tests/test_rating_visit.py drives it without any): the window (ui/rating/window.py)
shows the pages (ui/rating/*_view.py) and re-reads this object whenever `changed` fires; the store
(ui/rating/store.py) finds offers and writes, off the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from counter_app.domain import feedback as fb
from counter_app.domain import sipas
from counter_app.errors import AppError, ConflictError, ValidationError
from counter_app.services.feedback import FeedbackView
from counter_app.services.ratings import OfferView
from ui.rating.compose import Composer
from ui.rating.store import Poll, RatingStore
from ui.rating.strings import FIELD_ERRORS_EN

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


class VisitController(QObject):
    page_changed = Signal(str)
    changed = Signal()  # something shown changed: the window re-reads texts and states
    idle_changed = Signal()  # who serves at this counter, or the number served, may have changed
    offer_shown = Signal(int)  # offer id
    rated = Signal(int, str)  # offer id, level: emitted once the rating is in the database
    explained = Signal(int)  # offer id: reasons or a comment stored
    no_rating = Signal(int)  # offer id: nobody answered in time
    not_seen = Signal(int)  # offer id: timed out on a screen nobody could see (withdrawn, not counted)
    survey_recorded = Signal(int, int)  # offer id, answers
    feedback_sent = Signal(str)  # its number
    write_failed = Signal(str)  # the message

    def __init__(
        self,
        store: RatingStore,
        *,
        timeout_ms: int,
        thanks_ms: int = 6000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.timeout_ms, self.thanks_ms = timeout_ms, thanks_ms
        # Whether the citizen could see the screen (the window answers: shown, not minimised, exposed).
        self.citizen_sees: Callable[[], bool] = lambda: True
        self.page = "idle"
        self.lang = "vi"
        self.offer: OfferView | None = None
        self.handled: set[int] = set()  # offers shown once are never asked again here
        self.clerk_name: str | None = None
        self.offer_clerk_name: str | None = None
        self.serving: str | None = None
        self.reasons: set[str] = set()
        self.comment = Composer(max_len=1000)
        self.survey_index = 0
        self.survey_answers: dict[str, bool] = {}
        self.survey_offered = False
        self.fb_category: str | None = None
        self.fb_text = Composer(max_len=fb.TEXT_MAX)
        self.fb_name = Composer(max_len=100, capitalize_words=True)
        self.fb_phone = Composer(max_len=15)
        self.fb_text_error = ""
        self.fb_contact_error = ""
        self.contact_field = "name"  # which contact box the keyboard types into
        self.sending = False  # one tap, one feedback
        self.fb_result: FeedbackView | None = None
        self.notice = ""  # key of the notice text (strings.py)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.timed_out)
        store.may_poll = lambda: self.page == "idle"
        store.polled.connect(self._polled)

    # --- pages ------------------------------------------------------------------------------------

    def show(self, page: str) -> None:
        if page not in PAGES:
            raise ValueError(page)
        self.page = page
        if page == "idle":
            self.timer.stop()
        elif page in ("notice", "fb_done") or (page == "thanks" and not self.survey_offered):
            self.timer.start(self.thanks_ms)
        else:
            self.timer.start(self.timeout_ms)
        self.changed.emit()
        self.page_changed.emit(page)

    def touched(self) -> None:
        """A tap on the screen: the citizen is still there, the page's clock starts again."""
        if self.page != "idle" and self.timer.isActive():
            self.timer.start()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.changed.emit()

    def toggle_language(self) -> None:
        self.set_language("en" if self.lang == "vi" else "vi")

    def _reset(self) -> None:
        self.offer = None
        self.reasons.clear()
        self.comment.clear()
        self.survey_index = 0
        self.survey_answers = {}
        self.survey_offered = False
        self.fb_category = None
        for c in (self.fb_text, self.fb_name, self.fb_phone):
            c.clear()
        self.fb_text_error = self.fb_contact_error = ""
        self.contact_field = "name"
        self.fb_result = None
        self.notice = ""

    def finish_visit(self) -> None:
        """Back to idle for the next citizen, who starts in Vietnamese."""
        self._reset()
        self.lang = "vi"
        self.show("idle")

    def timed_out(self) -> None:
        page, offer = self.page, self.offer
        if page == "rate" and offer is not None:
            offer_id = offer.id
            if self.citizen_sees():
                self.store.enqueue(
                    self.store.ratings.no_rating,
                    (offer_id,),
                    lambda _v: self.no_rating.emit(offer_id),
                    self._ignore_closed,
                )
            else:
                self.store.enqueue(
                    self.store.ratings.not_seen,
                    (offer_id,),
                    lambda _v: self.not_seen.emit(offer_id),
                    self._ignore_closed,
                )
        elif page in ("reasons", "comment") and offer is not None:
            self._save_reasons(offer)  # what was chosen before walking away is kept
        elif page == "survey" and offer is not None:
            self._save_survey_group()
        self.finish_visit()

    # --- what the store found ---------------------------------------------------------------------

    def _polled(self, result: Poll) -> None:
        self.clerk_name, self.serving = result.clerk_name, result.serving
        if self.page != "idle":
            return
        if result.offer is not None and result.offer.id not in self.handled:
            self.offer_clerk_name = result.offer_clerk_name
            self.show_offer(result.offer)
        else:
            self.idle_changed.emit()

    # --- rating -----------------------------------------------------------------------------------

    def show_offer(self, offer: OfferView) -> None:
        self._reset()
        self.offer = offer
        self.handled.add(offer.id)
        self.show("rate")
        self.offer_shown.emit(offer.id)

    def choose_level(self, level: str) -> None:
        offer = self.offer
        if self.page != "rate" or offer is None:
            return
        # Stored at once: the tap survives a crash right after it. The reasons (if any) follow.
        self.store.enqueue(
            self.store.ratings.rate,
            (offer.id, level),
            lambda _v: self.rated.emit(offer.id, level),
            self._write_failed,
        )
        if level == sipas.DISSATISFIED:
            self.show("reasons")
        else:
            self._thanks(survey=True)

    def toggle_reason(self, key: str, on: bool) -> None:
        if on:
            self.reasons.add(key)
        else:
            self.reasons.discard(key)
        self.changed.emit()

    def _save_reasons(self, offer: OfferView) -> bool:
        reasons = [k for k in sipas.REASON_KEYS if k in self.reasons]
        comment = self.comment.text.strip()
        if not reasons and not comment:
            return False
        self.store.enqueue(
            self.store.ratings.explain,
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
        self.survey_offered = survey
        self.show("thanks")

    # --- survey -----------------------------------------------------------------------------------

    @property
    def survey_group(self) -> sipas.Group:
        return sipas.GROUPS[min(self.survey_index, len(sipas.GROUPS) - 1)]

    @property
    def survey_keys(self) -> list[str]:
        return [c.key for c in self.survey_group.criteria]

    @property
    def survey_last(self) -> bool:
        return self.survey_index >= len(sipas.GROUPS) - 1

    def start_survey(self) -> None:
        self.survey_index = 0
        self.survey_answers = {}
        self.show("survey")

    def answer_survey(self, key: str, satisfied: bool) -> None:
        if self.survey_answers.get(key) is satisfied:
            del self.survey_answers[key]  # tapped again: unanswered
        else:
            self.survey_answers[key] = satisfied
        self.changed.emit()

    def _save_survey_group(self) -> None:
        offer = self.offer
        answers = dict(self.survey_answers)
        self.survey_answers = {}
        if offer is None or not answers:
            return
        self.store.enqueue(
            self.store.ratings.record_survey,
            (offer.id, answers),
            lambda n: self.survey_recorded.emit(offer.id, int(n)),
            self._write_failed,
        )

    def next_survey_group(self) -> None:
        self._save_survey_group()
        self._advance_survey()

    def skip_survey_group(self) -> None:
        self.survey_answers = {}
        self._advance_survey()

    def _advance_survey(self) -> None:
        if self.survey_last:
            self._thanks(survey=False)
            return
        self.survey_index += 1
        self.show("survey")

    def stop_survey(self) -> None:
        self._save_survey_group()
        self._thanks(survey=False)

    # --- feedback ---------------------------------------------------------------------------------

    def start_feedback(self) -> None:
        if self.page != "idle":
            return
        self._reset()
        self.show("fb_category")

    def pick_category(self, key: str) -> None:
        self.fb_category = key
        self.fb_text_error = ""
        self.show("fb_text")

    def feedback_text_done(self) -> None:
        try:
            fb.clean_text(self.fb_text.text)
        except ValidationError as exc:
            self.fb_text_error = self._field_error(exc)
            self.changed.emit()
            return
        self.fb_text_error = ""
        self.contact_field = "name"
        self.show("fb_contact")

    def select_contact(self, which: str) -> None:
        self.contact_field = which
        self.changed.emit()

    def send_feedback(self) -> None:
        if self.sending:
            return
        category = self.fb_category or "other"
        name, phone = self.fb_name.text.strip() or None, self.fb_phone.text.strip() or None
        try:
            fb.validate(category, self.fb_text.text, name, phone)  # pure checks, instant
        except ValidationError as exc:
            self.fb_contact_error = self._field_error(exc)
            if exc.field in ("name", "phone"):
                self.contact_field = exc.field
            self.changed.emit()
            return
        self.fb_contact_error = ""
        self.sending = True
        self.changed.emit()

        def done(view: FeedbackView) -> None:
            self.sending = False
            self.fb_result = view
            self.feedback_sent.emit(view.number)
            self.show("fb_done")

        def failed(exc: BaseException) -> None:
            self.sending = False
            self._write_failed(exc)

        self.store.enqueue(
            self.store.feedback.submit, (category, self.fb_text.text, name, phone), done, failed
        )

    def _field_error(self, exc: ValidationError) -> str:
        if self.lang == "en":
            return FIELD_ERRORS_EN.get(exc.field or "", str(exc))
        return str(exc)

    # --- failures ---------------------------------------------------------------------------------

    def _write_failed(self, exc: BaseException) -> None:
        key = "already_rated" if isinstance(exc, ConflictError) and exc.label == "Đánh giá" else "not_saved"
        if not isinstance(exc, AppError):
            log.warning("rating screen: could not save: %r", exc)
        self.write_failed.emit(str(exc))
        self._reset()  # the citizen's language stays for the notice
        self.notice = key
        self.show("notice")

    @staticmethod
    def _ignore_closed(exc: BaseException) -> None:
        # The offer was rated or withdrawn meanwhile (another screen, the clerk): nothing to record.
        if not isinstance(exc, ConflictError):
            log.warning("rating screen: could not close the offer: %r", exc)
