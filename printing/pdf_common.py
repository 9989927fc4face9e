"""Shared by the PDF forms: Vietnamese dates and amounts as printed, and QR codes as vector paths."""

from __future__ import annotations

from datetime import date, datetime

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.pdfgen.canvas import Canvas

MOTTO_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
COPY_LABELS = ("Liên 1: Lưu", "Liên 2: Giao người nộp hồ sơ")
# The same names as counter_app/domain/wording.py (printing may not import the core; tests/test_wording.py
# keeps the two equal).
WEEKDAYS = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
QUIET_MODULES = 4  # the white margin the QR standard asks for, in modules
# A fixed mask: choosing the "best" one scores all eight in pure Python (~10 ms a code) while every
# reader decodes any mask. Pattern 2 flips every third column, which breaks up long runs of one colour.
QR_MASK = 2


def vnd(amount: int) -> str:
    """'1.250.000 đồng', as counter_app.domain.wording.format_dong writes it (tests/test_wording.py)."""
    return f"{amount:,}".replace(",", ".") + " đồng"


def date_line(place: str, d: date) -> str:
    """'Bến Nghé, ngày 05 tháng 02 năm 2026': days below 10 and months 1–2 take a leading zero (NĐ 30/2020)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    text = f"ngày {d.day:02d} tháng {month} năm {d.year}"
    return f"{place}, {text}" if place else text.capitalize()


def when(dt: datetime, *, weekday: bool = False) -> str:
    """'09 giờ 00 phút, ngày 23/11/2026' (optionally with the weekday, which citizens remember better)."""
    day = f"{WEEKDAYS[dt.weekday()]}, ngày {dt:%d/%m/%Y}" if weekday else f"ngày {dt:%d/%m/%Y}"
    return f"{dt:%H} giờ {dt:%M} phút, {day}"


def qr_matrix(data: str) -> list[list[bool]]:
    """Module matrix, quiet zone excluded (draw_qr leaves it white). Error correction M (15 %)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, box_size=1, mask_pattern=QR_MASK)
    code.add_data(data.encode("utf-8"))
    code.make(fit=True)
    return code.get_matrix()


def draw_qr(c: Canvas, x: float, y: float, size: float, matrix: list[list[bool]]) -> None:
    """Dark modules as one filled path of row runs, in module units (integers), at (x, y) bottom-left.

    Integer coordinates keep the content stream small and skip reportlab's float formatting; a single
    fill of abutting rectangles leaves no hairline seams between rows.
    """
    n = len(matrix)
    module = size / (n + 2 * QUIET_MODULES)
    ops: list[str] = []
    for r, row in enumerate(matrix):
        yy = n - 1 - r
        col = 0
        while col < n:
            if row[col]:
                start = col
                while col < n and row[col]:
                    col += 1
                ops.append(f"{start} {yy} {col - start} 1 re")
            else:
                col += 1
    c.saveState()
    c.translate(x + QUIET_MODULES * module, y + QUIET_MODULES * module)
    c.scale(module, module)
    c.setFillGray(0)
    c.addLiteral("\n".join(ops) + "\nf")
    c.restoreState()
