"""Building blocks of the citizen screen: face icons, big buttons, the on-screen Vietnamese keyboard,
and the high-contrast style sheet scaled to the screen's height."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from ui.rating.compose import Composer

NAVY = "#0b3d91"
LEVEL_COLOURS = {
    "very_satisfied": "#1b7f3b",
    "satisfied": "#5aa832",
    "neutral": "#e0a100",
    "dissatisfied": "#c62828",
}


# --- face icons -----------------------------------------------------------------------------------


def face_pixmap(level: str, size: int) -> QPixmap:
    """A round face in the level's colour: broad smile, smile, flat mouth or frown."""
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    outline = max(2.0, s * 0.03)
    p.setPen(QPen(QColor("#1a1a1a"), outline))
    p.setBrush(QBrush(QColor(LEVEL_COLOURS.get(level, "#888888"))))
    p.drawEllipse(QRectF(outline, outline, s - 2 * outline, s - 2 * outline))
    # Eyes
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor("#111111")))
    eye_r = s * 0.065
    for x in (0.35, 0.65):
        p.drawEllipse(QPointF(s * x, s * 0.38), eye_r, eye_r * 1.25)
    pen = QPen(QColor("#111111"), s * 0.06)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    path = QPainterPath()
    if level == "very_satisfied":
        # An open laugh: a filled half-moon.
        p.setPen(QPen(QColor("#111111"), s * 0.03))
        p.setBrush(QBrush(QColor("#ffffff")))
        path.moveTo(s * 0.27, s * 0.58)
        path.cubicTo(s * 0.32, s * 0.86, s * 0.68, s * 0.86, s * 0.73, s * 0.58)
        path.closeSubpath()
    elif level == "satisfied":
        path.moveTo(s * 0.30, s * 0.62)
        path.cubicTo(s * 0.38, s * 0.78, s * 0.62, s * 0.78, s * 0.70, s * 0.62)
    elif level == "neutral":
        path.moveTo(s * 0.32, s * 0.68)
        path.lineTo(s * 0.68, s * 0.68)
    else:
        path.moveTo(s * 0.30, s * 0.75)
        path.cubicTo(s * 0.38, s * 0.58, s * 0.62, s * 0.58, s * 0.70, s * 0.75)
    p.drawPath(path)
    p.end()
    return pm


def _disc(size: int, colour: str) -> tuple[QPixmap, QPainter, float]:
    """A transparent square pixmap with a filled disc, and the painter left open on it to draw more."""
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor(colour)))
    p.drawEllipse(QRectF(0, 0, s, s))
    return pm, p, s


def check_pixmap(size: int, colour: str = "#1b7f3b") -> QPixmap:
    """A big tick in a circle for the thank-you screens."""
    pm, p, s = _disc(size, colour)
    pen = QPen(QColor("#ffffff"), s * 0.1)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    path = QPainterPath(QPointF(s * 0.28, s * 0.52))
    path.lineTo(s * 0.44, s * 0.68)
    path.lineTo(s * 0.73, s * 0.36)
    p.drawPath(path)
    p.end()
    return pm


def info_pixmap(size: int, colour: str = "#c62828") -> QPixmap:
    """An exclamation mark in a circle for notices."""
    pm, p, s = _disc(size, colour)
    p.setBrush(QBrush(QColor("#ffffff")))
    p.drawRoundedRect(QRectF(s * 0.44, s * 0.18, s * 0.12, s * 0.44), s * 0.05, s * 0.05)
    p.drawEllipse(QPointF(s * 0.5, s * 0.76), s * 0.075, s * 0.075)
    p.end()
    return pm


# --- buttons --------------------------------------------------------------------------------------


def big_button(text: str = "", kind: str = "normal", *, checkable: bool = False) -> QPushButton:
    """A large button a finger can hit; never takes keyboard focus (there is no keyboard)."""
    b = QPushButton(text)
    b.setProperty("kind", kind)
    b.setCheckable(checkable)
    b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    return b


class LevelButton(QToolButton):
    """A face over its label, in the level's colour."""

    def __init__(self, level: str) -> None:
        super().__init__()
        self.level = level
        self.setProperty("level", level)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.set_icon_size(120)

    def set_icon_size(self, px: int) -> None:
        self.setIcon(QIcon(face_pixmap(self.level, px * 2)))  # drawn at 2× so it stays crisp
        self.setIconSize(QSize(px, px))


class TextBox(QLabel):
    """Shows what is typed on the on-screen keyboard; a tap selects it as the keyboard's target.

    A label, not a line edit: no caret movement, no context menu, no physical-keyboard input, nothing
    for a citizen to reach beyond the text itself.
    """

    tapped = Signal()

    def __init__(self, placeholder: Callable[[], str], *, multiline: bool = True, tail: int = 180) -> None:
        super().__init__()
        self.placeholder = placeholder
        self.tail = tail  # a long text shows its end, where the citizen is typing
        self.composer: Composer | None = None
        self.active = False
        self.setProperty("role", "textbox")
        self.setWordWrap(multiline)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

    def refresh(self) -> None:
        text = self.composer.text if self.composer else ""
        self.setProperty("empty", not text)
        self.setProperty("active", self.active)
        shown = text if len(text) <= self.tail else "…" + text[-self.tail :]
        self.setText(shown + ("▏" if self.active else "") if text else self.placeholder())
        self.style().unpolish(self)
        self.style().polish(self)

    def mousePressEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        self.tapped.emit()


class VietKeyboard(QWidget):
    """On-screen keyboard: digits, letters (with đ), punctuation, â ê ô / ă / ơ ư and the five tones.

    It edits the `Composer` of the selected TextBox; `edited` fires after every key.
    """

    edited = Signal()

    DIGITS = "1234567890"
    ROWS = ("qwertyuiopđ", "asdfghjkl,.", "zxcvbnm?!-")
    MODS = (("circumflex", "â ê ô"), ("breve", "ă"), ("horn", "ơ ư"))
    TONE_KEYS = (("sac", "á"), ("huyen", "à"), ("hoi", "ả"), ("nga", "ã"), ("nang", "ạ"))

    def __init__(self) -> None:
        super().__init__()
        self.target: TextBox | None = None
        self.shift = False
        self.digits_only = False
        self.letter_keys: list[QPushButton] = []
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        for col, ch in enumerate(self.DIGITS):
            grid.addWidget(self._key(ch, partial(self._type, ch)), 0, col)
        grid.addWidget(self._key("⌫", self._backspace, name="backspace", accent="action"), 0, 10)
        for row, letters in enumerate(self.ROWS, start=1):
            col = 0
            if row == 3:
                grid.addWidget(self._key("⇧", self._toggle_shift, name="shift", accent="action"), row, 0)
                col = 1
            for ch in letters:
                key = self._key(ch, partial(self._type, ch))
                if ch.isalpha():
                    self.letter_keys.append(key)
                grid.addWidget(key, row, col)
                col += 1
        col = 0
        for name, label in self.MODS:
            grid.addWidget(self._key(label, partial(self._modifier, name), name=name, accent="mark"), 4, col)
            col += 1
        for name, label in self.TONE_KEYS:
            grid.addWidget(self._key(label, partial(self._tone, name), name=name, accent="mark"), 4, col)
            col += 1
        grid.addWidget(
            self._key("Dấu cách", lambda: self._type(" "), name="space", accent="action"), 4, col, 1, 11 - col
        )

    def set_language(self, lang: str) -> None:
        self.keys["space"].setText("Space" if lang == "en" else "Dấu cách")

    def _key(
        self, label: str, slot: Callable[[], None], *, name: str | None = None, accent: str = ""
    ) -> QPushButton:
        b = QPushButton(label)
        b.setProperty("kind", "key")
        if accent:
            b.setProperty("accent", accent)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        b.setAutoRepeat(name == "backspace")
        b.clicked.connect(lambda _checked=False: slot())  # clicked(bool) must not reach the slot
        self.keys[name or label] = b
        return b

    def attach(self, target: TextBox | None, *, digits_only: bool = False) -> None:
        self.target = target
        self.digits_only = digits_only
        for key in self.letter_keys:
            key.setEnabled(not digits_only)
        for name in (
            "circumflex",
            "breve",
            "horn",
            "sac",
            "huyen",
            "hoi",
            "nga",
            "nang",
            "shift",
            "?",
            "!",
            ",",
            ".",
            "space",
        ):
            self.keys[name].setEnabled(not digits_only)
        self.keys["-"].setEnabled(True)

    def press(self, label: str) -> None:
        """Tap a key by its label or name (for tests and scripted demos)."""
        self.keys[label].click()

    def _composer(self) -> Composer | None:
        return self.target.composer if self.target else None

    def _type(self, ch: str) -> None:
        c = self._composer()
        if c is None:
            return
        if self.digits_only and not (ch.isdigit() or ch == "-"):
            return
        if self.shift and ch.isalpha():
            ch = ch.upper()
            self._set_shift(False)
        c.type(ch)
        self._done()

    def _backspace(self) -> None:
        c = self._composer()
        if c is not None:
            c.backspace()
            self._done()

    def _tone(self, name: str) -> None:
        c = self._composer()
        if c is not None and c.tone(name):
            self._done()

    def _modifier(self, name: str) -> None:
        c = self._composer()
        if c is not None and c.modifier(name):
            self._done()

    def _toggle_shift(self) -> None:
        self._set_shift(not self.shift)

    def _set_shift(self, on: bool) -> None:
        self.shift = on
        self.keys["shift"].setProperty("on", on)
        for key in self.letter_keys:
            key.setText(key.text().upper() if on else key.text().lower())
        self.keys["shift"].style().unpolish(self.keys["shift"])
        self.keys["shift"].style().polish(self.keys["shift"])

    def _done(self) -> None:
        if self.target is not None:
            self.target.refresh()
        self.edited.emit()


# --- style ----------------------------------------------------------------------------------------


def stylesheet(scale: float) -> str:
    """High contrast, large type; sizes follow the screen height (600 px → scale 1)."""

    def px(n: float) -> int:
        return max(1, round(n * scale))

    level_rules = "\n".join(
        f'QToolButton[level="{k}"] {{ border: {px(5)}px solid {c}; }}\n'
        f'QToolButton[level="{k}"]:pressed {{ background: {c}; color: #ffffff; }}'
        for k, c in LEVEL_COLOURS.items()
    )
    return f"""
    QWidget#RatingWindow {{ background: #ffffff; }}
    QWidget {{ color: #111111; }}
    QFrame#Header {{ background: {NAVY}; }}
    QFrame#Header QLabel {{ color: #ffffff; font-size: {px(20)}px; font-weight: 700; }}
    QFrame#Header QPushButton {{
        color: {NAVY}; background: #ffffff; border: none; border-radius: {px(10)}px;
        font-size: {px(19)}px; font-weight: 700; padding: {px(4)}px {px(16)}px; min-height: {px(32)}px;
    }}
    QLabel[role="h1"] {{ font-size: {px(40)}px; font-weight: 700; color: {NAVY}; }}
    QLabel[role="h2"] {{ font-size: {px(28)}px; font-weight: 700; }}
    QLabel[role="h3"] {{ font-size: {px(24)}px; font-weight: 700; }}
    QLabel[role="big"] {{ font-size: {px(34)}px; font-weight: 700; }}
    QLabel[role="serving"] {{ font-size: {px(34)}px; font-weight: 700; color: #b00020; }}
    QLabel[role="body"] {{ font-size: {px(24)}px; }}
    QLabel[role="hint"] {{ font-size: {px(20)}px; color: #333333; }}
    QLabel[role="error"] {{ font-size: {px(20)}px; color: #b00020; font-weight: 700; }}
    QLabel[role="criterion"] {{ font-size: {px(20)}px; }}
    QLabel[role="textbox"] {{
        font-size: {px(25)}px; background: #ffffff; border: {px(3)}px solid #6b7a90; border-radius: {px(10)}px;
        padding: {px(6)}px {px(10)}px;
    }}
    QLabel[role="textbox"][active="true"] {{ border: {px(4)}px solid {NAVY}; background: #f3f7ff; }}
    QLabel[role="textbox"][empty="true"] {{ color: #5a6270; }}
    QLabel[role="fieldlabel"] {{ font-size: {px(21)}px; font-weight: 700; }}
    QPushButton {{
        font-size: {px(25)}px; font-weight: 700; color: {NAVY}; background: #ffffff;
        border: {px(3)}px solid {NAVY}; border-radius: {px(14)}px; padding: {px(4)}px {px(14)}px;
        min-height: {px(44)}px;
    }}
    QPushButton:pressed {{ background: #dde6f5; }}
    QPushButton[kind="primary"] {{ background: {NAVY}; color: #ffffff; }}
    QPushButton[kind="primary"]:pressed {{ background: #072a63; }}
    QPushButton[kind="primary"]:disabled {{ background: #7d8ba3; }}
    QPushButton[kind="toggle"] {{
        font-size: {px(22)}px; text-align: left; padding: {px(2)}px {px(16)}px; min-height: {px(38)}px;
    }}
    QPushButton[kind="toggle"]:checked {{ background: {NAVY}; color: #ffffff; }}
    QPushButton[kind="choice"] {{ font-size: {px(24)}px; }}
    QPushButton[kind="yes"], QPushButton[kind="no"] {{
        font-size: {px(19)}px; min-height: {px(30)}px; padding: {px(1)}px {px(12)}px; border-radius: {px(10)}px;
    }}
    QPushButton[kind="yes"] {{ border-color: #1b7f3b; color: #1b7f3b; }}
    QPushButton[kind="yes"]:checked {{ background: #1b7f3b; color: #ffffff; }}
    QPushButton[kind="no"] {{ border-color: #c62828; color: #c62828; }}
    QPushButton[kind="no"]:checked {{ background: #c62828; color: #ffffff; }}
    QPushButton[kind="nav"] {{ font-size: {px(22)}px; }}
    QPushButton[kind="key"] {{
        font-size: {px(25)}px; font-weight: 600; color: #111111; background: #e9eef6;
        border: {px(2)}px solid #7d8ba3; border-radius: {px(9)}px; padding: 0px; min-height: {px(38)}px;
    }}
    QPushButton[kind="key"]:pressed {{ background: #b9c8e4; }}
    QPushButton[kind="key"][accent="mark"] {{ background: #fff2cc; border-color: #b08800; }}
    QPushButton[kind="key"][accent="action"] {{ background: #d7dde8; font-size: {px(20)}px; }}
    QPushButton[kind="key"][on="true"] {{ background: {NAVY}; color: #ffffff; }}
    QPushButton[kind="key"]:disabled {{ color: #c3c9d3; background: #f6f7f9; border-color: #e0e4ea; }}
    QToolButton {{
        font-size: {px(27)}px; font-weight: 700; color: #111111; background: #ffffff;
        border-radius: {px(22)}px; padding: {px(14)}px {px(8)}px;
    }}
    {level_rules}
    """
