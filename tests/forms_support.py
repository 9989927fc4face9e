"""Helpers for the forms and payments tests (test_forms_*.py): real PDFs read back as text and QR codes."""

from __future__ import annotations

import io
import re
from typing import Any

import pypdfium2 as pdfium
import zxingcpp
from pypdf import PdfReader

from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from tests.conftest import intake_doc, required_components

BANK = {
    "bank.bin": "970436",
    "bank.account": "0071001234567",
    "bank.name": "Vietcombank",
    "bank.account_name": "UBND PHUONG BEN NGHE",
}
FEE_PROCEDURE = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân, 15 000 đồng
APPLICANT = {
    "full_name": "Nguyễn Thị Hồng Nhung",
    "id_number": "079303001234",
    "phone": "0912345678",
    "address": "45 Nguyễn Huệ, Phường Bến Nghé, Quận 1",
    "email": "nhung@example.vn",
}


def configure_bank(ctx: AppContext) -> None:
    ctx.config.update(BANK)


def receive(ctx: AppContext, procedure: str = FEE_PROCEDURE, *, actor: str = "ngoc.tt", **over: Any) -> str:
    doc = intake_doc(
        procedure=procedure, components=required_components(ctx, procedure), applicant=dict(APPLICANT)
    )
    doc.update(over)
    return IntakeService(ctx).receive(doc, actor=actor).code


def page_texts(pdf: bytes) -> list[str]:
    """Text of each page as pypdf extracts it, runs of spaces collapsed (line breaks kept)."""
    reader = PdfReader(io.BytesIO(pdf))
    return [re.sub(r"[ \u00a0]+", " ", page.extract_text() or "") for page in reader.pages]


def flat(text: str) -> str:
    """One line: for phrases a paragraph may have wrapped."""
    return re.sub(r"\s+", " ", text)


def decode_qrs(pdf: bytes, page: int = 0, dpi: int = 150) -> list[str]:
    """Every QR code zxing-cpp reads on the page rendered at `dpi` (as a phone or a scanner would)."""
    doc = pdfium.PdfDocument(pdf)
    try:
        image = doc[page].render(scale=dpi / 72).to_pil()
    finally:
        doc.close()
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def qr_sizes_mm(pdf: bytes, page: int = 0, dpi: int = 200) -> list[float]:
    """The printed width of each QR symbol on the page (finder pattern edge to edge), in millimetres."""
    doc = pdfium.PdfDocument(pdf)
    try:
        image = doc[page].render(scale=dpi / 72).to_pil()
    finally:
        doc.close()
    out = []
    for r in zxingcpp.read_barcodes(image):
        p = r.position
        out.append(abs(p.top_right.x - p.top_left.x) / dpi * 25.4)
    return out


def font_sizes(pdf: bytes, page: int, needle: str) -> list[float]:
    """Font sizes (pt) of the text runs on the page that contain `needle`."""
    sizes: list[float] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if needle in text:
            sizes.append(abs(size * tm[0]) if tm[0] else size)

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return sizes


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)
