"""The official forms (Mẫu 01–06) as PDF with reportlab and the bundled Noto Serif.

Each `render_*` takes a dataclass from printing.form_data and returns the PDF bytes. The receipt
(Mẫu 01, printed for every dossier) has its own fast canvas renderer in printing.receipt_pdf; the
others are laid out with platypus. Layout follows the administrative style: two-column letterhead
(agency | national motto, underlined), the place and date line, the title, the body, signatures.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Paragraph,
    Spacer,
    Table,
)

from printing.form_data import (
    ApologyForm,
    ControlForm,
    ReceiptForm,
    RegisterForm,
    RejectionForm,
    SupplementForm,
)
from printing.pdf_common import when
from printing.pdf_layout import (
    Styles,
    a4_letter_layout,
    applicant_lines,
    build_document,
    grid_table_style,
    letterhead,
    markup,
    signature_block,
)
from printing.receipt_pdf import render_receipt

# --- Mẫu 02: supplement request ------------------------------------------------------------------------


def render_supplement(form: SupplementForm) -> bytes:
    st, margins, width = a4_letter_layout()
    story = letterhead(
        form.head, form.label, form.dated, st, width, left_extra=f"Mã hồ sơ: {markup(form.code)}"
    )
    story.append(Spacer(1, 6))
    story.append(Paragraph(markup(form.label.title), st.title))
    story.append(Spacer(1, 8))
    story += applicant_lines(
        form.applicant,
        st,
        lead=f"{markup(form.head.unit_in_text)} {markup(form.head.agency)} tiếp nhận hồ sơ của",
    )
    story.append(st.p(f"Nội dung yêu cầu giải quyết: {markup(form.procedure_name)}"))
    story.append(st.p(f"Mã hồ sơ: {markup(form.code)}, nhận lúc {when(form.received_at)}"))
    story.append(st.p("Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:"))
    for i, item in enumerate(form.items, 1):
        story.append(
            Paragraph(f"{i}. {markup(item)}", ParagraphStyle("item", parent=st.body, leftIndent=8 * mm))
        )
    story.append(st.p(f"Lý do: {markup(form.reason)}"))
    # Without a named clerk the citizen is pointed at the office itself.
    contact = (
        f"<b>{markup(form.contact_name)}</b> – {markup(form.head.unit_in_text)}"
        if form.contact_name
        else markup(form.head.unit_in_text)
    )
    if form.contact_phone:
        contact += f", số điện thoại <b>{markup(form.contact_phone)}</b>"
    if form.unit_address:
        contact += f", địa chỉ {markup(form.unit_address)}"
    story.append(
        st.p(
            f"Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với {contact} để được hướng dẫn."
        )
    )
    story.append(Spacer(1, 6))
    story.append(signature_block([form.guide], st, width))
    return build_document(story, A4, margins, f"{form.label.title} — {form.code}")


# --- Mẫu 03: rejection ---------------------------------------------------------------------------------


def render_rejection(form: RejectionForm) -> bytes:
    st, margins, width = a4_letter_layout()
    story = letterhead(
        form.head, form.label, form.dated, st, width, left_extra=f"Mã hồ sơ: {markup(form.code)}"
    )
    story.append(Spacer(1, 6))
    story.append(Paragraph(markup(form.label.title), st.title))
    story.append(Spacer(1, 8))
    story += applicant_lines(
        form.applicant,
        st,
        with_email=False,
        lead=f"{markup(form.head.unit_in_text)} {markup(form.head.agency)} tiếp nhận hồ sơ của",
    )
    story.append(st.p(f"Nội dung yêu cầu giải quyết: {markup(form.procedure_name)}"))
    story.append(
        st.p(
            f"Qua xem xét, {markup(form.head.unit_in_text)} {markup(form.head.agency)} thông báo không tiếp nhận, "
            "giải quyết hồ sơ này với lý do cụ thể như sau:"
        )
    )
    story.append(Paragraph(markup(form.reason), ParagraphStyle("reason", parent=st.body, leftIndent=8 * mm)))
    story.append(st.p("Xin thông báo để Ông/Bà được biết và thực hiện."))
    story.append(Spacer(1, 6))
    story.append(signature_block([form.submitter, form.receiver], st, width))
    return build_document(story, A4, margins, f"{form.label.title} — {form.code}")


# --- Mẫu 04: apology -----------------------------------------------------------------------------------


def render_apology(form: ApologyForm) -> bytes:
    st, margins, width = a4_letter_layout()
    story = letterhead(form.head, form.label, form.dated, st, width, left_extra=f"Số: {markup(form.number)}")
    story.append(Spacer(1, 6))
    story.append(Paragraph(markup(form.label.title), st.title))
    story.append(Spacer(1, 6))
    story.append(Paragraph(f"Kính gửi: Ông/Bà <b>{markup(form.applicant.full_name)}</b>", st.center))
    story.append(Spacer(1, 8))
    agency = markup(form.head.agency)
    story.append(
        st.p(
            f"Ngày {form.received_at:%d/%m/%Y}, {markup(form.head.unit_in_text)} {agency} tiếp nhận hồ sơ "
            f"của Ông/Bà, mã hồ sơ <b>{markup(form.code)}</b>, đề nghị giải quyết thủ tục {markup(form.procedure_name)}."
        )
    )
    story.append(st.p(f"Thời gian hẹn trả kết quả giải quyết hồ sơ: {when(form.old_due_at)}."))
    story.append(
        st.p(
            f"Tuy nhiên, đến nay {agency} chưa trả kết quả đúng thời hạn ghi trên Giấy tiếp nhận hồ sơ và hẹn "
            "trả kết quả."
        )
    )
    story.append(st.p(f"Lý do: {markup(form.reason)}"))
    story.append(
        st.p(
            f"Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của Ông/Bà. {agency} xin lỗi Ông/Bà "
            "và đề nghị gia hạn thời gian giải quyết hồ sơ; kết quả sẽ được trả cho Ông/Bà vào thời gian sau:"
        )
    )
    story.append(st.p(f"Thời gian hẹn trả kết quả lại: <b>{when(form.new_due_at, weekday=True)}</b>."))
    story.append(st.p(f"{agency} xin trân trọng thông báo và mong nhận được sự thông cảm của Ông/Bà."))
    story.append(Spacer(1, 6))
    story.append(signature_block([form.signer], st, width, gap=24))
    return build_document(story, A4, margins, f"{form.label.title} — {form.code}")


# --- control sheet (Mẫu 06 of 2025) -----------------------------------------------------------------------------


def render_control(form: ControlForm) -> bytes:
    st, margins, width = a4_letter_layout()
    story = letterhead(form.head, form.label, form.dated, st, width)
    story.append(Spacer(1, 6))
    story.append(Paragraph(markup(form.label.title), st.title))
    story.append(Paragraph("(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)", st.italic_center))
    story.append(Spacer(1, 8))
    story.append(st.p(f"Mã hồ sơ: <b>{markup(form.code)}</b>"))
    story.append(
        st.p(f"Tổ chức, cá nhân: {markup(form.applicant.full_name)}; nội dung: {markup(form.procedure_name)}")
    )
    story.append(st.p(f"Thời gian nhận hồ sơ: {when(form.received_at)}"))
    story.append(st.p(f"Thời gian hẹn trả kết quả: {when(form.due_at)}"))
    if form.new_due_at is not None:
        story.append(st.p(f"Thời gian hẹn trả kết quả lại (sau văn bản xin lỗi): {when(form.new_due_at)}"))
    story.append(st.p(f"Cơ quan (bộ phận) giải quyết hồ sơ: {markup(form.handling_office)}"))
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
            f"{i}. {markup(step.event)}"
            if step.event
            else f"{i}. Giao: {markup(step.giver)}<br/>Nhận: {markup(step.receiver)}"
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
                Paragraph(markup(step.result), st.cell_center),
                Paragraph(markup(step.note), st.cell),
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
    table.setStyle(grid_table_style(extra=[("VALIGN", (0, 1), (-1, -1), "TOP")]))
    story.append(table)
    return build_document(story, A4, margins, f"{form.label.title} — {form.code}", numbered=True)


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
    story = letterhead(form.head, form.label, form.dated, st, width)
    story.append(Paragraph(markup(form.label.title), st.title))
    period = f"Từ ngày {form.date_from:%d/%m/%Y} đến ngày {form.date_to:%d/%m/%Y}"
    if form.book:
        period += f" — Quyển số {markup(form.book)}"
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
        [Paragraph(f"<b>{markup(name)}</b>", head) for name, _ in REGISTER_COLUMNS],
        [Paragraph(f"<i>({i})</i>", cell_c) for i in range(1, len(REGISTER_COLUMNS) + 1)],
    ]

    def stamp(dt: datetime | None) -> str:
        return f"{dt:%d/%m/%Y}<br/>{dt:%H:%M}" if dt else ""

    for r in form.rows:
        returned = stamp(r.returned_at) or (f"<i>{markup(r.status)}</i>" if r.status else "")
        rows.append(
            [
                Paragraph(str(r.index), cell_c),
                Paragraph(markup(r.code), cell),
                Paragraph(markup(r.procedure_name), cell),
                Paragraph(markup(r.applicant_name), cell),
                Paragraph(markup(r.address_phone), cell),
                Paragraph(markup(r.handling_office), cell),
                Paragraph(stamp(r.received_at), cell_c),
                Paragraph(stamp(r.due_at), cell_c),
                Paragraph(returned, cell_c),
                Paragraph(f"<i>{markup(r.delivery)}</i>", cell_c),
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
    table.setStyle(grid_table_style(extra=extra, pad=2))
    story.append(table)
    return build_document(story, pagesize, margins, f"{form.label.title} {period}", numbered=True)


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
