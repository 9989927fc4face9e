"""Layout of the detailed SIPAS survey page: one group of criteria at a time, a yes and a no per row.

The rows are built once for the largest group and filled from the visit (no widgets made or deleted);
a button's state is drawn from the visit's answers, never toggled by Qt behind its back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from counter_app.domain import sipas
from ui.rating.page_kit import PageKit
from ui.rating.visit import VisitController
from ui.rating.widgets import big_button


class SurveyPage(QWidget):
    def __init__(self, kit: PageKit, visit: VisitController) -> None:
        super().__init__()
        self.visit, t = visit, kit.t
        self._t = t
        lay = kit.page_layout(self)
        lay.setContentsMargins(24, 8, 24, 10)
        lay.setSpacing(6)
        top = QHBoxLayout()
        self.title = kit.label("h2", self._title, align=Qt.AlignmentFlag.AlignLeft)
        top.addWidget(self.title, 1)
        stop = kit.button(lambda: t("survey_skip_all"), "nav", visit.stop_survey)
        stop.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        top.addWidget(stop)
        lay.addLayout(top)
        host = QWidget()
        grid = QGridLayout(host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(0, 1)
        lay.addWidget(host, 1)
        self.rows: list[tuple[QLabel, QPushButton, QPushButton]] = []
        for row in range(max(len(g.criteria) for g in sipas.GROUPS)):
            label = QLabel()
            label.setProperty("role", "criterion")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            yes = big_button(kind="yes", checkable=True)
            no = big_button(kind="no", checkable=True)
            for btn in (yes, no):
                btn.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
            yes.clicked.connect(lambda _=False, r=row: self._tap(r, True))
            no.clicked.connect(lambda _=False, r=row: self._tap(r, False))
            grid.addWidget(label, row, 0)
            grid.addWidget(yes, row, 1)
            grid.addWidget(no, row, 2)
            self.rows.append((label, yes, no))
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        self.skip = kit.button(lambda: t("skip"), "nav", visit.skip_survey_group)
        self.next = kit.button(self._next_text, "primary", visit.next_survey_group)
        buttons.addWidget(self.skip)
        buttons.addWidget(self.next)
        lay.addLayout(buttons)

    def _title(self) -> str:
        v = self.visit
        n = len(sipas.GROUPS)
        return self._t("survey_title", i=v.survey_index + 1, n=n, group=v.survey_group.label(self._t.lang))

    def _next_text(self) -> str:
        return self._t("survey_finish") + "  ✔" if self.visit.survey_last else self._t("next") + "  →"

    def _tap(self, row: int, satisfied: bool) -> None:
        keys = self.visit.survey_keys
        if row < len(keys):
            self.visit.answer_survey(keys[row], satisfied)
        else:
            self.refresh()

    def refresh(self) -> None:
        keys, answers = self.visit.survey_keys, self.visit.survey_answers
        for i, (label, yes, no) in enumerate(self.rows):
            if i >= len(keys):
                for w in (label, yes, no):
                    w.hide()
                continue
            label.setText(sipas.CRITERIA[keys[i]].label(self._t.lang))
            yes.setText("✔ " + self._t("survey_yes_answer"))
            no.setText("✘ " + self._t("survey_no_answer"))
            answer = answers.get(keys[i])
            yes.setChecked(answer is True)
            no.setChecked(answer is False)
            for w in (label, yes, no):
                w.show()
