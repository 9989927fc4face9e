"""The bundled Noto fonts (resources/fonts, SIL OFL 1.1) and their registration with reportlab.

Every printed form uses them; the built-in PDF fonts have no Vietnamese letters such as "ế".
"""

from __future__ import annotations

import threading

import resources

FONT_DIR = resources.path("fonts")

FILES = {
    "NotoSans": "NotoSans-Regular.ttf",
    "NotoSans-Bold": "NotoSans-Bold.ttf",
    "NotoSerif": "NotoSerif-Regular.ttf",
    "NotoSerif-Bold": "NotoSerif-Bold.ttf",
    "NotoSerif-Italic": "NotoSerif-Italic.ttf",
}

SERIF, SERIF_BOLD, SERIF_ITALIC = "NotoSerif", "NotoSerif-Bold", "NotoSerif-Italic"
SANS, SANS_BOLD = "NotoSans", "NotoSans-Bold"

_lock = threading.Lock()
_registered = False


def register_pdf_fonts() -> None:
    """Register the fonts and the serif family (so <b>/<i> in paragraphs work) once per process."""
    global _registered
    if _registered:
        return
    with _lock:  # forms are rendered from worker threads too
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, file in FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
        # No bold italic file is bundled: bold italic falls back to bold (tones stay right).
        for bold, italic, face in (
            (0, 0, SERIF),
            (1, 0, SERIF_BOLD),
            (0, 1, SERIF_ITALIC),
            (1, 1, SERIF_BOLD),
        ):
            addMapping(SERIF, bold, italic, face)
        for bold, italic, face in ((0, 0, SANS), (1, 0, SANS_BOLD), (0, 1, SANS), (1, 1, SANS_BOLD)):
            addMapping(SANS, bold, italic, face)
        _registered = True
