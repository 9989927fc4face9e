"""Helpers for the clerk window tests (real widgets, real SQLite through `ctx`); fixtures: clerk_fixtures."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QThreadPool
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.services.context import AppContext
from counter_app.services.users import UserInfo, UserService
from ui.clerk.common import jobs_in_flight
from ui.clerk.main_window import MainWindow
from ui.clerk.services import ClerkServices
from ui.qt_app import LanguageManager

PASSWORD = "matkhau-123"
SHOTS = Path(__file__).resolve().parent / "_screenshots"
CARD = (
    "079203001234|025123456|Nguyễn Thị Bích Ngọc|15041990|Nữ|45 Nguyễn Huệ, Phường Bến Nghé, Quận 1|20052021"
)


def add_user(
    ctx: AppContext, username: str = "admin", role: str = "admin", full_name: str = "Trần Thị Mai"
) -> UserInfo:
    return UserService(ctx).add(username, full_name, role, PASSWORD, actor="system")


def wait_idle(qtbot: Any, timeout: int = 5000) -> None:
    """Until every job started by the window has delivered its result to the GUI thread."""
    qtbot.waitUntil(lambda: jobs_in_flight() == 0, timeout=timeout)


def open_window(
    qtbot: Any, services: ClerkServices, user: UserInfo, languages: LanguageManager | None = None
) -> MainWindow:
    window = MainWindow(services, user, languages)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: len(window.intake.index) > 0)
    wait_idle(qtbot)
    return window


def finish(qtbot: Any) -> None:
    """Let running jobs end before the database closes (teardown)."""
    QThreadPool.globalInstance().waitForDone(10_000)
    QApplication.processEvents()


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Like qtbot.keyClicks, also for Vietnamese letters (QTest asserts on non-ASCII characters).

    Each character is a key press and release carrying the character as text, which is what a USB
    scanner or an IME delivers to the focused widget.
    """
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
            continue
        for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(etype, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def fill_applicant(qtbot: Any, window: MainWindow, **values: str) -> None:
    fields = window.intake_view.fields
    for name, text in values.items():
        fields[name].setFocus()
        fields[name].clear()
        type_text(qtbot, fields[name], text)


def pick_procedure(qtbot: Any, window: MainWindow, query: str) -> None:
    v = window.intake_view
    v.proc_search.setFocus()
    type_text(qtbot, v.proc_search, query)
    qtbot.keyClick(v.proc_search, Qt.Key.Key_Return)


def back_to(qtbot: Any, window: QWidget) -> None:
    """Offscreen Qt has no window manager to give the focus back after a dialog: do what it would."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def save_shot(widget: QWidget, name: str) -> Path:
    # Layout requests raised by the last change (e.g. a language switch) are posted events: run them.
    for _ in range(3):
        QApplication.processEvents()
    path = SHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    image = widget.grab()
    assert not image.isNull(), f"{path}: the widget gave no picture ({widget.size()})"
    # Both backends' runs of one test may save the same picture at once (xdist workers): each writes its own
    # file and moves it into place, so neither sees the other's half-written one.
    part = path.with_name(f"{path.stem}.{os.getpid()}.part.png")
    assert image.save(str(part), "PNG"), part
    os.replace(part, path)
    return path
