"""A window that cannot start because of its data (damaged, locked or full disk) says so in a dialog:
a clerk starting the app from a desktop icon never sees the console."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from ui.qt_app import make_app


def show_start_failure(text: str, screenshot: str | None = None) -> None:
    make_app()
    box = QMessageBox(QMessageBox.Icon.Critical, "Phần mềm Một cửa", text)
    box.addButton("Đóng", QMessageBox.ButtonRole.RejectRole)
    shot = screenshot or os.environ.get("COUNTER_APP_SCREENSHOT")
    if shot:
        box.show()
        QApplication.processEvents()
        Path(shot).parent.mkdir(parents=True, exist_ok=True)
        box.grab().save(str(shot))
        box.close()
        return
    box.exec()
