"""Building blocks of the rating screen's pages (ui/rating/*_view.py): labels and big buttons whose texts
follow the language (ui/rating/texts.py), a page's margins, and the keyboard pages' top row."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.rating.texts import ScreenTexts
from ui.rating.widgets import big_button


class PageKit:
    def __init__(self, texts: ScreenTexts) -> None:
        self.t = texts

    def label(
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
            self.t.bind(lab.setText, text)
        return lab

    def button(
        self,
        key: str | Callable[[], str],
        kind: str = "normal",
        slot: Callable[[], None] | None = None,
        *,
        checkable: bool = False,
    ) -> QPushButton:
        b = big_button(kind=kind, checkable=checkable)
        self.t.bind(b.setText, key if callable(key) else partial(self.t, key))
        if slot is not None:
            b.clicked.connect(lambda _checked=False: slot())  # clicked(bool) must not reach the slot
        return b

    @staticmethod
    def page_layout(page: QWidget) -> QVBoxLayout:
        lay = QVBoxLayout(page)
        lay.setContentsMargins(28, 14, 28, 16)
        lay.setSpacing(10)
        return lay

    def keyboard_page(
        self,
        page: QWidget,
        title: Callable[[], str],
        back: Callable[[], None],
        forward_text: Callable[[], str],
        forward: Callable[[], None],
    ) -> tuple[QVBoxLayout, QPushButton]:
        """A page typed on the on-screen keyboard: ← back, the title, and the way forward on top."""
        lay = self.page_layout(page)
        lay.setContentsMargins(18, 8, 18, 10)
        lay.setSpacing(8)
        top = QHBoxLayout()
        back_b = self.button(lambda: "←  " + self.t("back"), "nav", back)
        back_b.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        fwd = self.button(forward_text, "primary", forward)
        fwd.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        fwd.setProperty("kind", "primary")
        top.addWidget(back_b)
        top.addWidget(self.label("h3", title), 1)
        top.addWidget(fwd)
        lay.addLayout(top)
        return lay, fwd


def set_error(label: QLabel, text: str) -> None:
    """An error line takes room only while it has something to say."""
    label.setText(text)
    label.setVisible(bool(text))
