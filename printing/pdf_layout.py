"""The building blocks of the official forms' PDFs: styles, the letterhead, tables, signature blocks,
the applicant's lines and the numbered-page document (used by printing/pdf_forms.py and printing/stop_pdf.py)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from printing.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_pdf_fonts
from printing.form_data import (
    FormLabel,
    Letterhead,
    Signer,
)
from printing.pdf_common import MOTTO_1, MOTTO_2, date_line

Story = list[Flowable]


def markup(text: str | None) -> str:
    """Escape text for paragraph markup (a name may contain '&' or '<')."""
    return escape(text or "")


# --- styles --------------------------------------------------------------------------------------------


class Styles:
    """Paragraph styles scaled for the paper (A5 receipts use ~74 % of the A4 sizes)."""

    def __init__(self, scale: float = 1.0, base: float = 11.5) -> None:
        register_pdf_fonts()
        self.scale = scale
        size = base * scale
        lead = size * 1.3

        def st(name: str, **kw: Any) -> ParagraphStyle:
            opts: dict[str, Any] = {"fontName": SERIF, "fontSize": size, "leading": lead}
            opts.update(kw)
            return ParagraphStyle(name, **opts)

        self.body = st("body", alignment=TA_JUSTIFY, spaceAfter=1.2 * scale)
        self.center = st("center", alignment=TA_CENTER)
        self.bold_center = st("boldc", fontName=SERIF_BOLD, alignment=TA_CENTER)
        self.italic_center = st("italc", fontName=SERIF_ITALIC, alignment=TA_CENTER)
        self.italic = st("ital", fontName=SERIF_ITALIC, alignment=TA_JUSTIFY)
        self.italic_right = st("italr", fontName=SERIF_ITALIC, alignment=TA_RIGHT)
        small = size * 0.8
        self.small = st("small", fontSize=small, leading=small * 1.25)
        self.small_italic_right = st(
            "smallir", fontName=SERIF_ITALIC, fontSize=small * 0.95, leading=small * 1.2, alignment=TA_RIGHT
        )
        self.small_bold_right = st(
            "smallbr", fontName=SERIF_BOLD, fontSize=small, leading=small * 1.25, alignment=TA_RIGHT
        )
        head = size * 0.9
        self.head = st("head", fontSize=head, leading=head * 1.25, alignment=TA_CENTER)
        self.head_bold = st(
            "headb", fontName=SERIF_BOLD, fontSize=head, leading=head * 1.25, alignment=TA_CENTER
        )
        title = size * 1.2
        self.title = st(
            "title",
            fontName=SERIF_BOLD,
            fontSize=title,
            leading=title * 1.3,
            alignment=TA_CENTER,
            spaceBefore=3 * scale,
            spaceAfter=1 * scale,
        )
        cell = size * 0.88
        self.cell = st("cell", fontSize=cell, leading=cell * 1.22)
        self.cell_center = st("cellc", fontSize=cell, leading=cell * 1.22, alignment=TA_CENTER)
        self.cell_head = st(
            "cellh", fontName=SERIF_BOLD, fontSize=cell, leading=cell * 1.22, alignment=TA_CENTER
        )
        self.size = size

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(text, style or self.body)


# --- small flowables -----------------------------------------------------------------------------------


class UnderlinedText(Flowable):
    """A centred line of text with a rule under it as wide as the text (the motto's underline)."""

    def __init__(self, text: str, font: str, size: float, rule: float | None = None) -> None:
        super().__init__()
        self.text, self.font, self.size = text, font, size
        self.text_width = stringWidth(text, font, size)
        self.rule = rule if rule is not None else self.text_width
        self.width = self.text_width
        self.height = size * 1.55

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        c = self.canv
        mid = self.avail / 2
        c.setFont(self.font, self.size)
        c.drawCentredString(mid, self.size * 0.5, self.text)
        c.setLineWidth(0.6)
        c.line(mid - self.rule / 2, 0.5, mid + self.rule / 2, 0.5)


class Rule(Flowable):
    """A short centred horizontal line under the agency name."""

    def __init__(self, length: float, gap: float = 3.5) -> None:
        super().__init__()
        self.length, self.gap = length, gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        return avail_width, self.gap * 2

    def draw(self) -> None:
        self.canv.setLineWidth(0.6)
        mid = self.avail / 2
        self.canv.line(mid - self.length / 2, self.gap * 0.4, mid + self.length / 2, self.gap * 0.4)


# --- document plumbing ---------------------------------------------------------------------------------


class _NumberedCanvas(Canvas):
    """Holds pages until save so the footer can say 'Trang 2/5'."""

    footer_font = SERIF_ITALIC

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if total > 1:
                w, _ = self._pagesize
                self.setFont(self.footer_font, 8)
                self.drawRightString(w - 12 * mm, 7 * mm, f"Trang {self._pageNumber}/{total}")
            super().showPage()
        super().save()


def build_document(
    story: Story,
    pagesize: tuple[float, float],
    margins: tuple[float, float, float, float],
    title: str,
    *,
    numbered: bool = False,
) -> bytes:
    """Lay out the story; margins are (left, right, top, bottom) in points."""
    buf = io.BytesIO()
    left, right, top, bottom = margins
    doc = BaseDocTemplate(
        buf,
        pagesize=pagesize,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author="Bộ phận Một cửa",
        creator="counter-app",
        subject=title,
    )
    frame = Frame(
        left,
        bottom,
        pagesize[0] - left - right,
        pagesize[1] - top - bottom,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_NumberedCanvas if numbered else Canvas)
    return buf.getvalue()


def letterhead(
    head: Letterhead,
    label: FormLabel,
    dated: date,
    st: Styles,
    width: float,
    *,
    corner: str = "",
    left_extra: str = "",
) -> Story:
    """Form number and legal basis (top right), then agency | motto, then number/code | place and date."""
    s = st.scale
    top_right = [Paragraph(markup(label.number), st.small_bold_right)]
    if label.legal_basis:
        top_right.append(Paragraph(f"({markup(label.legal_basis)})", st.small_italic_right))
    top = Table(
        [[Paragraph(f"<i><b>{markup(corner)}</b></i>", st.small), top_right]],
        colWidths=[width * 0.4, width * 0.6],
    )
    top.setStyle(plain_table_style())
    left: list[Flowable] = []
    if head.parent:
        left.append(Paragraph(markup(head.parent.upper()), st.head))
    left.append(Paragraph(markup(head.agency.upper()), st.head))
    left.append(Paragraph(f"<b>{markup(head.unit.upper())}</b>", st.head_bold))
    left.append(Rule(28 * mm * s))
    motto_size = st.head.fontSize
    right: list[Flowable] = [
        Paragraph(MOTTO_1, st.head_bold),
        UnderlinedText(MOTTO_2, SERIF_BOLD, motto_size * 1.05),
    ]
    header = Table(
        [
            [left, right],
            [
                Paragraph(left_extra, st.center) if left_extra else "",
                Paragraph(markup(date_line(head.place, dated)), st.italic_center),
            ],
        ],
        colWidths=[width * 0.46, width * 0.54],
    )
    header.setStyle(plain_table_style(extra=[("TOPPADDING", (0, 1), (-1, 1), 4 * s)]))
    return [top, Spacer(1, 2 * s), header]


def plain_table_style(extra: Sequence[tuple[Any, ...]] = ()) -> TableStyle:
    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            *extra,
        ]
    )


def grid_table_style(extra: Sequence[tuple[Any, ...]] = (), pad: float = 2.5) -> TableStyle:
    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad * 0.6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            *extra,
        ]
    )


def signature_block(signers: Sequence[Signer], st: Styles, width: float, *, gap: float = 20) -> Flowable:
    """Signature blocks side by side; one signer sits in the right half, as on official papers."""
    cells: list[list[Flowable]] = []
    for sg in signers:
        cell: list[Flowable] = []
        if sg.above:
            cell.append(Paragraph(f"<b>{markup(sg.above)}</b>", st.bold_center))
        cell.append(Paragraph(f"<b>{markup(sg.title)}</b>", st.bold_center))
        if sg.note:
            cell.append(Paragraph(markup(sg.note), st.italic_center))
        cell.append(Spacer(1, gap * mm * st.scale))
        cell.append(Paragraph(f"<b>{markup(sg.name)}</b>" if sg.name else "", st.bold_center))
        cells.append(cell)
    if len(cells) == 1:
        cells.insert(0, [])
    table = Table([cells], colWidths=[width / len(cells)] * len(cells))
    table.setStyle(plain_table_style())
    return KeepTogether([Spacer(1, 3 * st.scale), table])


def applicant_lines(
    applicant: Any, st: Styles, *, lead: str = "Tiếp nhận hồ sơ của", with_email: bool = True
) -> Story:
    """Who the papers are from: name, CCCD (when given), address, phone. `lead` is markup, escaped."""
    a = applicant
    lines = [st.p(f"{lead}: <b>{markup(a.full_name)}</b>")]
    if a.id_number:
        lines.append(st.p(f"Số CCCD/Định danh cá nhân: {markup(a.id_number)}"))
    lines.append(st.p(f"Địa chỉ: {markup(a.address)}"))
    contact = f"Số điện thoại: {markup(a.phone)}"
    if with_email and a.email:  # an empty email prints no "Email:" at all
        contact += f"&nbsp;&nbsp;&nbsp;&nbsp;Email: {markup(a.email)}"
    lines.append(st.p(contact))
    return lines


def a4_letter_layout() -> tuple[Styles, tuple[float, float, float, float], float]:
    st = Styles(1.0, base=12.5)
    st.body.spaceAfter = 3.5  # letter-style forms read better with air between paragraphs
    margins = (25 * mm, 15 * mm, 15 * mm, 15 * mm)
    return st, margins, A4[0] - margins[0] - margins[1]
