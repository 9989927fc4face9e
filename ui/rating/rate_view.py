"""Layout of the rating pages: the question with its faces, the reasons (dissatisfied), the comment
typed on the on-screen keyboard, and the thanks with the offer of the detailed survey."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from counter_app.domain import sipas
from ui.rating.page_kit import PageKit
from ui.rating.strings import WHAT
from ui.rating.visit import VisitController
from ui.rating.widgets import LevelButton, TextBox, VietKeyboard, check_pixmap


class RatePage(QWidget):
    def __init__(self, kit: PageKit, visit: VisitController, level_count: int) -> None:
        super().__init__()
        self.visit, self.level_count, t = visit, level_count, kit.t
        self._t = t
        lay = kit.page_layout(self)
        self.question = kit.label("h2", self._question)
        lay.addWidget(self.question)
        self.ref = kit.label("hint", self._ref)
        lay.addWidget(self.ref)
        row = QHBoxLayout()
        row.setSpacing(18)
        self.level_buttons: dict[str, LevelButton] = {}
        for level in sipas.levels_for(level_count):
            b = LevelButton(level.key)
            t.bind(b.setText, partial(self._level_label, level))
            b.clicked.connect(lambda _=False, k=level.key: visit.choose_level(k))
            self.level_buttons[level.key] = b
            row.addWidget(b)
        lay.addStretch(1)
        lay.addLayout(row, 3)
        lay.addStretch(1)
        lay.addWidget(kit.label("hint", lambda: t("rate_hint")))

    def _level_label(self, level: sipas.Level) -> str:
        return level.label(self._t.lang)

    def _question(self) -> str:
        vi, en = WHAT[self.visit.offer.kind if self.visit.offer else "intake"]
        return self._t("rate_question", what=en if self._t.lang == "en" else vi)

    def _ref(self) -> str:
        offer = self.visit.offer
        if offer is None:
            return ""
        text = self._t("rate_ref_ticket" if offer.kind == "ticket" else "rate_ref_dossier", ref=offer.ref)
        if self.visit.offer_clerk_name:
            text += "  ·  " + self._t("clerk", name=self.visit.offer_clerk_name)
        return text

    def set_scale(self, scale: float) -> None:
        face = round(150 * scale) if self.level_count == 3 else round(128 * scale)
        for b in self.level_buttons.values():
            b.set_icon_size(face)
            b.setMaximumHeight(face + round(130 * scale))


class ReasonsPage(QWidget):
    def __init__(self, kit: PageKit, visit: VisitController) -> None:
        super().__init__()
        self.visit, t = visit, kit.t
        self._t = t
        lay = kit.page_layout(self)
        lay.addWidget(kit.label("h2", lambda: t("reasons_title")))
        lay.addWidget(kit.label("hint", lambda: t("reasons_hint")))
        grid = QGridLayout()
        grid.setSpacing(10)
        self.reason_buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(sipas.REASON_KEYS):
            crit = sipas.CRITERIA[key]
            b = kit.button(partial(self._reason_text, crit), "toggle", checkable=True)
            b.toggled.connect(lambda on, k=key: visit.toggle_reason(k, on))
            self.reason_buttons[key] = b
            grid.addWidget(b, i // 2, i % 2)
        lay.addLayout(grid, 1)
        self.comment = kit.label(
            "hint",
            lambda: f"“{visit.comment.text}”" if visit.comment.text else "",
            align=Qt.AlignmentFlag.AlignLeft,
        )
        lay.addWidget(self.comment)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.comment_button = kit.button(
            lambda: "✎  " + t("edit_comment" if visit.comment.text else "add_comment"),
            "nav",
            lambda: visit.show("comment"),
        )
        self.send = kit.button(lambda: t("send") + "  ✔", "primary", visit.send_reasons)
        row.addWidget(self.comment_button)
        row.addWidget(self.send)
        lay.addLayout(row)

    def _reason_text(self, crit: sipas.Criterion) -> str:
        return ("✔  " if crit.key in self.visit.reasons else "☐  ") + crit.reason_label(self._t.lang)

    def refresh(self) -> None:
        for key, b in self.reason_buttons.items():  # a new visit starts with none ticked
            b.blockSignals(True)
            b.setChecked(key in self.visit.reasons)
            b.blockSignals(False)


class CommentPage(QWidget):
    def __init__(self, kit: PageKit, visit: VisitController) -> None:
        super().__init__()
        t = kit.t
        lay, self.done = kit.keyboard_page(
            self,
            lambda: t("comment_title"),
            lambda: visit.show("reasons"),
            lambda: t("done") + "  ✔",
            lambda: visit.show("reasons"),
        )
        self.box = TextBox(lambda: t("comment_placeholder"))
        self.box.composer = visit.comment
        self.box.active = True
        lay.addWidget(self.box, 2)
        self.keyboard = VietKeyboard()
        self.keyboard.attach(self.box)
        lay.addWidget(self.keyboard, 4)


class ThanksPage(QWidget):
    def __init__(self, kit: PageKit, visit: VisitController) -> None:
        super().__init__()
        self.visit, t = visit, kit.t
        lay = kit.page_layout(self)
        lay.addStretch(1)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.icon)
        lay.addWidget(kit.label("h1", lambda: t("thanks")))
        lay.addWidget(kit.label("body", lambda: t("thanks_recorded")))
        lay.addStretch(1)
        self.survey_offer_box = QWidget()
        box = QVBoxLayout(self.survey_offer_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(kit.label("body", lambda: t("survey_offer")))
        row = QHBoxLayout()
        row.setSpacing(16)
        self.survey_no = kit.button("survey_no", "nav", visit.finish_visit)
        self.survey_yes = kit.button(lambda: t("survey_yes") + "  →", "primary", visit.start_survey)
        row.addWidget(self.survey_no)
        row.addWidget(self.survey_yes)
        box.addLayout(row)
        lay.addWidget(self.survey_offer_box)

    def refresh(self) -> None:
        self.survey_offer_box.setVisible(self.visit.survey_offered)

    def set_icon_size(self, px: int) -> None:
        self.icon.setPixmap(check_pixmap(px))
