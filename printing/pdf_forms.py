"""The official forms (Mẫu 01–06) as PDF with reportlab and the bundled Noto Serif.

Each `render_*` takes a dataclass from printing.form_data and returns the PDF bytes. The receipt
(Mẫu 01, printed for every dossier) has its own fast canvas renderer in printing.receipt_pdf; the
others are laid out with platypus. Layout follows the administrative style: two-column letterhead
(agency | national motto, underlined), the place and date line, the title, the body, signatures.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
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
    ApologyForm,
    ControlForm,
    FormLabel,
    Letterhead,
    ReceiptForm,
    RegisterForm,
    RejectionForm,
    Signer,
    SupplementForm,
)
from printing.pdf_common import MOTTO_1, MOTTO_2, date_line, when
from printing.receipt_pdf import render_receipt

Story = list[Flowable]


def _e(text: str | None) -> str:
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


def _build(
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


def _letterhead(
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
    top_right = [Paragraph(_e(label.number), st.small_bold_right)]
    if label.legal_basis:
        top_right.append(Paragraph(f"({_e(label.legal_basis)})", st.small_italic_right))
    top = Table(
        [[Paragraph(f"<i><b>{_e(corner)}</b></i>", st.small), top_right]],
        colWidths=[width * 0.4, width * 0.6],
    )
    top.setStyle(_plain_table())
    left: list[Flowable] = []
    if head.parent:
        left.append(Paragraph(_e(head.parent.upper()), st.head))
    left.append(Paragraph(_e(head.agency.upper()), st.head))
    left.append(Paragraph(f"<b>{_e(head.unit.upper())}</b>", st.head_bold))
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
                Paragraph(_e(date_line(head.place, dated)), st.italic_center),
            ],
        ],
        colWidths=[width * 0.46, width * 0.54],
    )
    header.setStyle(_plain_table(extra=[("TOPPADDING", (0, 1), (-1, 1), 4 * s)]))
    return [top, Spacer(1, 2 * s), header]


def _plain_table(extra: Sequence[tuple[Any, ...]] = ()) -> TableStyle:
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


def _grid_table(extra: Sequence[tuple[Any, ...]] = (), pad: float = 2.5) -> TableStyle:
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


def _signatures(signers: Sequence[Signer], st: Styles, width: float, *, gap: float = 20) -> Flowable:
    """Signature blocks side by side; one signer sits in the right half, as on official papers."""
    cells: list[list[Flowable]] = []
    for sg in signers:
        cell: list[Flowable] = []
        if sg.above:
            cell.append(Paragraph(f"<b>{_e(sg.above)}</b>", st.bold_center))
        cell.append(Paragraph(f"<b>{_e(sg.title)}</b>", st.bold_center))
        if sg.note:
            cell.append(Paragraph(_e(sg.note), st.italic_center))
        cell.append(Spacer(1, gap * mm * st.scale))
        cell.append(Paragraph(f"<b>{_e(sg.name)}</b>" if sg.name else "", st.bold_center))
        cells.append(cell)
    if len(cells) == 1:
        cells.insert(0, [])
    table = Table([cells], colWidths=[width / len(cells)] * len(cells))
    table.setStyle(_plain_table())
    return KeepTogether([Spacer(1, 3 * st.scale), table])


def _identity(
    applicant: Any, st: Styles, *, lead: str = "Tiếp nhận hồ sơ của", with_email: bool = True
) -> Story:
    """Who the papers are from: name, CCCD (when given), address, phone. `lead` is markup, escaped."""
    a = applicant
    lines = [st.p(f"{lead}: <b>{_e(a.full_name)}</b>")]
    if a.id_number:
        lines.append(st.p(f"Số CCCD/Định danh cá nhân: {_e(a.id_number)}"))
    lines.append(st.p(f"Địa chỉ: {_e(a.address)}"))
    contact = f"Số điện thoại: {_e(a.phone)}"
    if with_email and a.email:  # an empty email prints no "Email:" at all
        contact += f"&nbsp;&nbsp;&nbsp;&nbsp;Email: {_e(a.email)}"
    lines.append(st.p(contact))
    return lines


# --- Mẫu 02: supplement request ------------------------------------------------------------------------


def _a4() -> tuple[Styles, tuple[float, float, float, float], float]:
    st = Styles(1.0, base=12.5)
    st.body.spaceAfter = 3.5  # letter-style forms read better with air between paragraphs
    margins = (25 * mm, 15 * mm, 15 * mm, 15 * mm)
    return st, margins, A4[0] - margins[0] - margins[1]


def render_supplement(form: SupplementForm) -> bytes:
    st, margins, width = _a4()
    story = _letterhead(form.head, form.label, form.dated, st, width, left_extra=f"Mã hồ sơ: {_e(form.code)}")
    story.append(Spacer(1, 6))
    story.append(Paragraph(_e(form.label.title), st.title))
    story.append(Spacer(1, 8))
    story += _identity(
        form.applicant, st, lead=f"{_e(form.head.unit_in_text)} {_e(form.head.agency)} tiếp nhận hồ sơ của"
    )
    story.append(st.p(f"Nội dung yêu cầu giải quyết: {_e(form.procedure_name)}"))
    story.append(st.p(f"Mã hồ sơ: {_e(form.code)}, nhận lúc {when(form.received_at)}"))
    story.append(st.p("Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:"))
    for i, item in enumerate(form.items, 1):
        story.append(Paragraph(f"{i}. {_e(item)}", ParagraphStyle("item", parent=st.body, leftIndent=8 * mm)))
    story.append(st.p(f"Lý do: {_e(form.reason)}"))
    # Without a named clerk the citizen is pointed at the office itself.
    contact = (
        f"<b>{_e(form.contact_name)}</b> – {_e(form.head.unit_in_text)}"
        if form.contact_name
        else _e(form.head.unit_in_text)
    )
    if form.contact_phone:
        contact += f", số điện thoại <b>{_e(form.contact_phone)}</b>"
    if form.unit_address:
        contact += f", địa chỉ {_e(form.unit_address)}"
    story.append(
        st.p(
            f"Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với {contact} để được hướng dẫn."
        )
    )
    story.append(Spacer(1, 6))
    story.append(_signatures([form.guide], st, width))
    return _build(story, A4, margins, f"{form.label.title} — {form.code}")


# --- Mẫu 03: rejection ---------------------------------------------------------------------------------


def render_rejection(form: RejectionForm) -> bytes:
    st, margins, width = _a4()
    story = _letterhead(form.head, form.label, form.dated, st, width, left_extra=f"Mã hồ sơ: {_e(form.code)}")
    story.append(Spacer(1, 6))
    story.append(Paragraph(_e(form.label.title), st.title))
    story.append(Spacer(1, 8))
    story += _identity(
        form.applicant,
        st,
        with_email=False,
        lead=f"{_e(form.head.unit_in_text)} {_e(form.head.agency)} tiếp nhận hồ sơ của",
    )
    story.append(st.p(f"Nội dung yêu cầu giải quyết: {_e(form.procedure_name)}"))
    story.append(
        st.p(
            f"Qua xem xét, {_e(form.head.unit_in_text)} {_e(form.head.agency)} thông báo không tiếp nhận, "
            "giải quyết hồ sơ này với lý do cụ thể như sau:"
        )
    )
    story.append(Paragraph(_e(form.reason), ParagraphStyle("reason", parent=st.body, leftIndent=8 * mm)))
    story.append(st.p("Xin thông báo để Ông/Bà được biết và thực hiện."))
    story.append(Spacer(1, 6))
    story.append(_signatures([form.submitter, form.receiver], st, width))
    return _build(story, A4, margins, f"{form.label.title} — {form.code}")


# --- Mẫu 04: apology -----------------------------------------------------------------------------------


def render_apology(form: ApologyForm) -> bytes:
    st, margins, width = _a4()
    story = _letterhead(form.head, form.label, form.dated, st, width, left_extra=f"Số: {_e(form.number)}")
    story.append(Spacer(1, 6))
    story.append(Paragraph(_e(form.label.title), st.title))
    story.append(Spacer(1, 6))
    story.append(Paragraph(f"Kính gửi: Ông/Bà <b>{_e(form.applicant.full_name)}</b>", st.center))
    story.append(Spacer(1, 8))
    agency = _e(form.head.agency)
    story.append(
        st.p(
            f"Ngày {form.received_at:%d/%m/%Y}, {_e(form.head.unit_in_text)} {agency} tiếp nhận hồ sơ "
            f"của Ông/Bà, mã hồ sơ <b>{_e(form.code)}</b>, đề nghị giải quyết thủ tục {_e(form.procedure_name)}."
        )
    )
    story.append(st.p(f"Thời gian hẹn trả kết quả giải quyết hồ sơ: {when(form.old_due_at)}."))
    story.append(
        st.p(
            f"Tuy nhiên, đến nay {agency} chưa trả kết quả đúng thời hạn ghi trên Giấy tiếp nhận hồ sơ và hẹn "
            "trả kết quả."
        )
    )
    story.append(st.p(f"Lý do: {_e(form.reason)}"))
    story.append(
        st.p(
            f"Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của Ông/Bà. {agency} xin lỗi Ông/Bà "
            "và đề nghị gia hạn thời gian giải quyết hồ sơ; kết quả sẽ được trả cho Ông/Bà vào thời gian sau:"
        )
    )
    story.append(st.p(f"Thời gian hẹn trả kết quả lại: <b>{when(form.new_due_at, weekday=True)}</b>."))
    story.append(st.p(f"{agency} xin trân trọng thông báo và mong nhận được sự thông cảm của Ông/Bà."))
    story.append(Spacer(1, 6))
    story.append(_signatures([form.signer], st, width, gap=24))
    return _build(story, A4, margins, f"{form.label.title} — {form.code}")


# --- control sheet (Mẫu 06 of 2025) -----------------------------------------------------------------------------


def render_control(form: ControlForm) -> bytes:
    st, margins, width = _a4()
    story = _letterhead(form.head, form.label, form.dated, st, width)
    story.append(Spacer(1, 6))
    story.append(Paragraph(_e(form.label.title), st.title))
    story.append(Paragraph("(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)", st.italic_center))
    story.append(Spacer(1, 8))
    story.append(st.p(f"Mã hồ sơ: <b>{_e(form.code)}</b>"))
    story.append(
        st.p(f"Tổ chức, cá nhân: {_e(form.applicant.full_name)}; nội dung: {_e(form.procedure_name)}")
    )
    story.append(st.p(f"Thời gian nhận hồ sơ: {when(form.received_at)}"))
    story.append(st.p(f"Thời gian hẹn trả kết quả: {when(form.due_at)}"))
    if form.new_due_at is not None:
        story.append(st.p(f"Thời gian hẹn trả kết quả lại (sau văn bản xin lỗi): {when(form.new_due_at)}"))
    story.append(st.p(f"Cơ quan (bộ phận) giải quyết hồ sơ: {_e(form.handling_office)}"))
    story.append(Spacer(1, 4))
    head = [
        "<b>TÊN CƠ QUAN</b>",
        "<b>THỜI GIAN GIAO, NHẬN HỒ SƠ</b>",
        "<b>KẾT QUẢ GIẢI QUYẾT HỒ SƠ</b><br/><i>(Trước hạn/đúng hạn/quá hạn)</i>",
        "<b>GHI CHÚ</b>",
    ]
    # Regular face with <b> markup: in a bold face the <i> part would print bold too.
    rows: list[list[Any]] = [[Paragraph(h, st.cell_center) for h in head]]
    for i, step in enumerate(form.steps, 1):
        at = (
            f"{step.at:%H} giờ {step.at:%M} phút<br/>ngày {step.at:%d/%m/%Y}"
            if step.at
            else "…… giờ …… phút<br/>ngày ……/……/………"
        )
        who = (
            f"{i}. {_e(step.event)}"
            if step.event
            else f"{i}. Giao: {_e(step.giver)}<br/>Nhận: {_e(step.receiver)}"
        )
        rows.append(
            [
                Paragraph(who, st.cell),
                [Paragraph(at, st.cell_center)]  # no handover, nobody signs
                if step.event
                else [
                    Paragraph(at, st.cell_center),
                    Paragraph(
                        "<i>Người giao</i>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;<i>Người nhận</i>",
                        st.cell_center,
                    ),
                    Spacer(1, 9 * mm),
                ],
                Paragraph(_e(step.result), st.cell_center),
                Paragraph(_e(step.note), st.cell),
            ]
        )
    start = len(form.steps)
    for j in range(form.blank_rows):
        rows.append(
            [
                Paragraph(f"{start + j + 1}. Giao: …………………<br/>Nhận: …………………", st.cell),
                [
                    Paragraph("…… giờ …… phút<br/>ngày ……/……/………", st.cell_center),
                    Paragraph(
                        "<i>Người giao</i>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;<i>Người nhận</i>",
                        st.cell_center,
                    ),
                    Spacer(1, 9 * mm),
                ],
                "",
                "",
            ]
        )
    table = Table(rows, colWidths=[width * 0.29, width * 0.33, width * 0.19, width * 0.19], repeatRows=1)
    table.setStyle(_grid_table(extra=[("VALIGN", (0, 1), (-1, -1), "TOP")]))
    story.append(table)
    return _build(story, A4, margins, f"{form.label.title} — {form.code}", numbered=True)


# --- register (Mẫu 07 of 2025) ----------------------------------------------------------------------------------

REGISTER_COLUMNS: list[tuple[str, float]] = [
    ("TT", 8),
    ("Mã hồ sơ", 37),
    ("Tên TTHC", 42),
    ("Tên cá nhân, tổ chức", 29),
    ("Địa chỉ, số điện thoại", 46),
    ("Cơ quan chủ trì giải quyết", 25),
    ("Ngày, tháng, năm nhận hồ sơ", 18),
    ("Ngày, tháng, năm hẹn trả kết quả", 18),
    ("Ngày, tháng, năm trả kết quả", 18),
    ("Ký nhận (phương thức nhận kết quả)", 23),
]


def render_register(form: RegisterForm) -> bytes:
    """Mẫu 06 on A4 landscape; the table runs over as many pages as needed, its header on each."""
    st = Styles(1.0, base=11.5)
    pagesize = landscape(A4)
    margins = (12 * mm, 12 * mm, 12 * mm, 13 * mm)
    width = pagesize[0] - margins[0] - margins[1]
    story = _letterhead(form.head, form.label, form.dated, st, width)
    story.append(Paragraph(_e(form.label.title), st.title))
    period = f"Từ ngày {form.date_from:%d/%m/%Y} đến ngày {form.date_to:%d/%m/%Y}"
    if form.book:
        period += f" — Quyển số {_e(form.book)}"
    story.append(Paragraph(period, st.italic_center))
    story.append(Spacer(1, 6))
    cell = ParagraphStyle("rcell", parent=st.cell, fontSize=8.2, leading=10)
    # The code column is as wide as the longest code (a code broken over two lines is misread);
    # the other columns share what is left in their usual proportions.
    code_w = max([stringWidth(r.code, cell.fontName, cell.fontSize) for r in form.rows] + [30 * mm]) + 6
    others = sum(w for i, (_, w) in enumerate(REGISTER_COLUMNS) if i != 1)
    widths = [
        code_w if i == 1 else w / others * (width - code_w) for i, (_, w) in enumerate(REGISTER_COLUMNS)
    ]
    cell_c = ParagraphStyle("rcellc", parent=cell, alignment=TA_CENTER)
    head = ParagraphStyle("rhead", parent=st.cell_head, fontSize=8.2, leading=10)
    rows: list[list[Any]] = [
        [Paragraph(f"<b>{_e(name)}</b>", head) for name, _ in REGISTER_COLUMNS],
        [Paragraph(f"<i>({i})</i>", cell_c) for i in range(1, len(REGISTER_COLUMNS) + 1)],
    ]

    def stamp(dt: datetime | None) -> str:
        return f"{dt:%d/%m/%Y}<br/>{dt:%H:%M}" if dt else ""

    for r in form.rows:
        returned = stamp(r.returned_at) or (f"<i>{_e(r.status)}</i>" if r.status else "")
        rows.append(
            [
                Paragraph(str(r.index), cell_c),
                Paragraph(_e(r.code), cell),
                Paragraph(_e(r.procedure_name), cell),
                Paragraph(_e(r.applicant_name), cell),
                Paragraph(_e(r.address_phone), cell),
                Paragraph(_e(r.handling_office), cell),
                Paragraph(stamp(r.received_at), cell_c),
                Paragraph(stamp(r.due_at), cell_c),
                Paragraph(returned, cell_c),
                Paragraph(f"<i>{_e(r.delivery)}</i>", cell_c),
            ]
        )
    if not form.rows:
        rows.append([Paragraph("Không có hồ sơ nào trong khoảng thời gian này.", cell)] + [""] * 9)
    table = Table(rows, colWidths=widths, repeatRows=2)
    extra: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor("#EEEEEE")),
        ("VALIGN", (0, 2), (-1, -1), "TOP"),
    ]
    if not form.rows:
        extra.append(("SPAN", (0, 2), (-1, 2)))
    table.setStyle(_grid_table(extra=extra, pad=2))
    story.append(table)
    return _build(story, pagesize, margins, f"{form.label.title} {period}", numbered=True)


RENDERERS: dict[type, Callable[..., bytes]] = {
    ReceiptForm: render_receipt,
    SupplementForm: render_supplement,
    RejectionForm: render_rejection,
    ApologyForm: render_apology,
    ControlForm: render_control,
    RegisterForm: render_register,
}


def render(form: Any, **options: Any) -> bytes:
    """Any form dataclass to PDF bytes."""
    try:
        renderer = RENDERERS[type(form)]
    except KeyError:
        raise TypeError(f"no renderer for {type(form).__name__}") from None
    return renderer(form, **options)
