"""Mẫu 05 of Thông tư 03/2025/TT-VPCP: Thông báo dừng giải quyết hồ sơ, laid out like the other letters
of printing.pdf_layout (its letterhead, styles and signature block)."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from printing.form_data import StopForm
from printing.pdf_common import when
from printing.pdf_layout import (
    a4_letter_layout,
    applicant_lines,
    build_document,
    letterhead,
    markup,
    signature_block,
)


def render_stop(form: StopForm) -> bytes:
    st, margins, width = a4_letter_layout()
    story = letterhead(form.head, form.label, form.dated, st, width, left_extra=f"Số: {markup(form.number)}")
    story.append(Spacer(1, 6))
    story.append(Paragraph(markup(form.label.title), st.title))
    story.append(Spacer(1, 6))
    story.append(Paragraph(f"Kính gửi: Ông/Bà <b>{markup(form.applicant.full_name)}</b>", st.center))
    story.append(Spacer(1, 8))
    unit, agency = markup(form.head.unit_in_text), markup(form.head.agency)
    story += applicant_lines(form.applicant, st, lead="Người nộp hồ sơ")
    story.append(
        st.p(
            f"Ngày {form.received_at:%d/%m/%Y}, {unit} {agency} tiếp nhận hồ sơ của Ông/Bà, mã hồ sơ "
            f"<b>{markup(form.code)}</b>, đề nghị giải quyết thủ tục {markup(form.procedure_name)}; thời gian hẹn "
            f"trả kết quả: {when(form.due_at)}."
        )
    )
    story.append(
        st.p(
            f"{agency} thông báo dừng giải quyết hồ sơ nêu trên kể từ {when(form.stopped_at)}, "
            "với lý do cụ thể như sau:"
        )
    )
    story.append(Paragraph(markup(form.reason), ParagraphStyle("reason", parent=st.body, leftIndent=8 * mm)))
    contact = f"<b>{markup(form.contact_name)}</b> – {unit}" if form.contact_name else unit
    if form.contact_phone:
        contact += f", số điện thoại <b>{markup(form.contact_phone)}</b>"
    story.append(st.p(f"Mọi vướng mắc về hồ sơ, Ông/Bà liên hệ {contact} để được hướng dẫn."))
    story.append(st.p("Xin thông báo để Ông/Bà được biết."))
    story.append(Spacer(1, 6))
    story.append(signature_block([form.signer], st, width, gap=24))
    return build_document(story, A4, margins, f"{form.label.title} — {form.code}")
