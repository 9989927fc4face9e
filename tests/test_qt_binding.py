"""The Qt binding itself must survive a long day: PySide6 6.12.0 on Python 3.11 dropped references to
None/True on every void call and signal emit, aborting the interpreter after a few thousand calls.
This runs the same calls a clerk window makes in an hour, in a child process so an abort is a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication([])


class Source(QObject):
    changed = Signal(int)


source, widget, timer = Source(), QWidget(), QTimer()
for i in range(30000):
    source.changed.emit(i)
    widget.resize(10 + i % 5, 10)
    timer.stop()
    app.processEvents()
print("survived")
"""


def test_binding_survives_many_void_calls_and_emits() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "survived" in proc.stdout
