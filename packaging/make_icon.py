"""Draw the programs' Windows icon from resources/icons/counter-app.svg: `python packaging/make_icon.py OUT.ico`.

Run by `tasks.py bundle` on Windows before PyInstaller (packaging/counter-app.spec takes
build/counter-app.ico); Qt draws the SVG, Pillow writes the sizes Windows picks from.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    out = Path(argv[0] if argv else ROOT / "build" / "counter-app.ico")
    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "counter-app.svg"))
    if not renderer.isValid():
        sys.exit("resources/icons/counter-app.svg cannot be read")
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    out.parent.mkdir(parents=True, exist_ok=True)
    Image.open(io.BytesIO(bytes(buffer.data().data()))).save(out, format="ICO", sizes=SIZES)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
