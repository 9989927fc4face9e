"""Layout of the rating screen's idle page (welcome, who serves at this counter, the number served now,
the way to feedback) and of the notice shown when an answer could not be saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from ui.rating.page_kit import PageKit
from ui.rating.visit import VisitController
from ui.rating.widgets import info_pixmap


class IdlePage(QWidget):
    def __init__(self, kit: PageKit, visit: VisitController, counter: int) -> None:
        super().__init__()
        self.visit, t = visit, kit.t
        self._t = t
        lay = kit.page_layout(self)
        lay.addStretch(1)
        lay.addWidget(kit.label("h1", lambda: t("welcome")))
        lay.addSpacing(6)
        lay.addWidget(kit.label("big", lambda: t("counter", n=counter)))
        self.clerk = kit.label("body")
        lay.addWidget(self.clerk)
        self.serving = kit.label("serving")
        lay.addWidget(self.serving)
        lay.addStretch(1)
        lay.addWidget(kit.label("hint", lambda: t("idle_hint")))
        lay.addSpacing(8)
        row = QHBoxLayout()
        row.addStretch(1)
        self.feedback_button = kit.button(
            lambda: "✎  " + t("feedback_button"), "primary", visit.start_feedback
        )
        self.feedback_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        row.addWidget(self.feedback_button, 2)
        row.addStretch(1)
        lay.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        name, serving = self.visit.clerk_name, self.visit.serving
        self.clerk.setText(self._t("clerk", name=name) if name else "")
        self.clerk.setVisible(bool(name))
        self.serving.setText(self._t("serving", number=serving) if serving else "")
        self.serving.setVisible(bool(serving))


class NoticePage(QWidget):
    def __init__(self, kit: PageKit, visit: VisitController) -> None:
        super().__init__()
        t = kit.t
        lay = kit.page_layout(self)
        lay.addStretch(1)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.icon)
        lay.addWidget(kit.label("h2", lambda: t("notice_title")))
        self.text = kit.label("body", lambda: t(visit.notice) if visit.notice else "")
        lay.addWidget(self.text)
        lay.addStretch(1)

    def set_icon_size(self, px: int) -> None:
        self.icon.setPixmap(info_pixmap(px))
