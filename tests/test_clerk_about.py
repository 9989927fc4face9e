"""Hệ thống → Giới thiệu…: version, data dir, database and logs, closed with Enter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app import __version__
from ui.clerk.main_window import MainWindow

pytest_plugins = ["tests.clerk_fixtures"]


def _about() -> QMessageBox | None:
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "about_box" and w.isVisible()]
    return boxes[0] if boxes else None  # type: ignore[return-value]


def test_about_box_names_version_data_dir_and_database(qtbot: Any, window: MainWindow) -> None:
    assert window.about_action in window.system_menu.actions()
    window.about_action.trigger()
    qtbot.waitUntil(lambda: _about() is not None)
    box = _about()
    assert box is not None
    ctx = window.services.ctx
    text = box.text()
    assert __version__ in text and str(ctx.data_dir) in text and str(ctx.db.path) in text
    assert str(ctx.data_dir / "logs") in text
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _about() is None)
