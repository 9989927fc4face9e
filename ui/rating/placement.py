"""Where the rating screen sits, and how it comes forward on a one-monitor counter.

With a screen of its own (ui/rating/screens.py chooses it) the window is frameless and full screen there,
placed again whenever a monitor comes or goes. Sharing the clerk's screen it is a normal window that
fits the screen's available area; when a question is up it comes to the front over the clerk window,
sized to that area and kept on top until the visit ends, then steps back and the clerk window gets the
keyboard again (the rating screen never takes it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from ui.rating.screens import ScreenChoice, choose_citizen_screen

# A normal window's size at most (the pages are laid out for 1024×600 and up); never more than the screen.
NORMAL_SIZE = QSize(1024, 640)


def fitted(size: QSize, area: QRect, frame: QSize) -> QRect:
    """`size` (at most `area` less the window frame `frame`), centred in `area`."""
    w = min(size.width(), area.width() - frame.width())
    h = min(size.height(), area.height() - frame.height())
    x = area.x() + (area.width() - w - frame.width()) // 2
    y = area.y() + (area.height() - h - frame.height()) // 2
    return QRect(x, y, w, h)


class ScreenPlacer(QObject):
    placed_again = Signal()  # after a monitor came or went

    def __init__(self, window: QWidget, setting: Callable[[], str]) -> None:
        super().__init__(window)
        self.window, self.setting = window, setting
        self.choice: ScreenChoice | None = None
        self.clerk_window: QWidget | None = None  # given the keyboard back after a visit (one monitor)
        self.forward = False  # in front for a question (one monitor)
        self.stopped = False
        self._clerk_screen_name: str | None = None
        self._watching = False

    @property
    def shares_clerk_screen(self) -> bool:
        return self.choice is not None and self.choice.screen is None

    def place(self, clerk_screen: QScreen | None = None) -> QScreen | None:
        """Full screen on the citizen's monitor (`rating.screen`); else a normal window that fits.

        `clerk_screen`: where the clerk window is (default: the primary screen, where it opens). A citizen
        monitor switched off must not leave a frameless full-screen window, which nobody can close, over
        the clerk's work: so the choice is made again whenever a monitor comes or goes.
        """
        w = self.window
        if clerk_screen is not None:
            self._clerk_screen_name = clerk_screen.name()
        self.choice = choose_citizen_screen(self.setting(), clerk_screen)
        screen = self.choice.screen
        base = Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus
        if screen is not None:
            self.forward = False
            w.setWindowFlags(base | Qt.WindowType.FramelessWindowHint)
            w.setGeometry(screen.geometry())
            w.winId()  # create the native window so it can be moved to that screen
            handle = w.windowHandle()
            if handle is not None:
                handle.setScreen(screen)
            w.setGeometry(screen.geometry())
            w.showFullScreen()
        else:
            on_top = Qt.WindowType.WindowStaysOnTopHint if self.forward else Qt.WindowType.Widget
            w.setWindowFlags(base | on_top)
            w.showNormal()  # also leaves full screen when placed again after a monitor went away
            self._fit_normal()
        if not self._watching:
            self._watching = True
            gui = QGuiApplication.instance()
            if isinstance(gui, QGuiApplication):
                for signal in (gui.screenAdded, gui.screenRemoved, gui.primaryScreenChanged):
                    signal.connect(self._screens_changed)
        return screen

    def _own_screen(self) -> QScreen | None:
        handle = self.window.windowHandle()
        return (handle.screen() if handle is not None else None) or QGuiApplication.primaryScreen()

    def _frame(self) -> QSize:
        w = self.window
        return w.frameGeometry().size() - w.geometry().size()  # 0×0 until the window manager framed it

    def _fit_normal(self) -> None:
        screen = self._own_screen()
        if screen is not None:
            self.window.setGeometry(fitted(NORMAL_SIZE, screen.availableGeometry(), self._frame()))

    # --- one monitor ------------------------------------------------------------------------------

    def bring_forward(self) -> None:
        """A question is up on the clerk's own screen: in front of the clerk window, as large as the
        screen's available area, and kept there until `step_back`."""
        if not self.shares_clerk_screen or self.stopped:
            return
        w = self.window
        self.forward = True
        w.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)  # re-creates the native window: show it
        screen = self._own_screen()
        if screen is not None:
            w.setGeometry(
                fitted(screen.availableGeometry().size(), screen.availableGeometry(), self._frame())
            )
        w.showMaximized()
        w.raise_()

    def step_back(self) -> None:
        """The visit is over: behind the clerk window again, which gets the keyboard back."""
        if not self.forward or self.stopped:
            return
        w = self.window
        self.forward = False
        w.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, False)
        w.showNormal()
        self._fit_normal()
        w.lower()
        clerk = self.clerk_window
        if clerk is not None and clerk.isVisible():
            clerk.raise_()
            clerk.activateWindow()

    def citizen_can_see(self) -> bool:
        """Shown, not minimised and on a screen (a question nobody could see is not "no rating")."""
        w = self.window
        handle = w.windowHandle()
        return w.isVisible() and not w.isMinimized() and handle is not None and handle.isExposed()

    # --- monitors come and go ---------------------------------------------------------------------

    def _screens_changed(self, *_: object) -> None:
        # After the event: Qt first moves the windows of a removed screen to another one.
        if not self.stopped and self.choice is not None:
            QTimer.singleShot(0, self, self._place_again)

    def _place_again(self) -> None:
        if self.stopped:
            return
        clerk = next((s for s in QGuiApplication.screens() if s.name() == self._clerk_screen_name), None)
        self.place(clerk)
        if self.forward:
            self.bring_forward()
        self.placed_again.emit()
