"""Mẫu 05 of Thông tư 03/2025/TT-VPCP: Thông báo dừng giải quyết hồ sơ, laid out like the other letters
of printing.pdf_forms (its letterhead, styles and signature block)."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from printing.form_data import StopForm
from printing.pdf_common import when
from printing.pdf_forms import _a4, _build, _e, _identity, _letterhead, _signatures


def render_stop(form: StopForm) -> bytes:
    st, margins, width = _a4()
    story = _letterhead(form.head, form.label, form.dated, st, width, left_extra=f"Số: {_e(form.number)}")
    story.append(Spacer(1, 6))
    story.append(Paragraph(_e(form.label.title), st.title))
    story.append(Spacer(1, 6))
    story.append(Paragraph(f"Kính gửi: Ông/Bà <b>{_e(form.applicant.full_name)}</b>", st.center))
    story.append(Spacer(1, 8))
    unit, agency = _e(form.head.unit_in_text), _e(form.head.agency)
    story += _identity(form.applicant, st, lead="Người nộp hồ sơ")
    story.append(
        st.p(
            f"Ngày {form.received_at:%d/%m/%Y}, {unit} {agency} tiếp nhận hồ sơ của Ông/Bà, mã hồ sơ "
            f"<b>{_e(form.code)}</b>, đề nghị giải quyết thủ tục {_e(form.procedure_name)}; thời gian hẹn "
            f"trả kết quả: {when(form.due_at)}."
        )
    )
    story.append(
        st.p(
            f"{agency} thông báo dừng giải quyết hồ sơ nêu trên kể từ {when(form.stopped_at)}, "
            "với lý do cụ thể như sau:"
        )
    )
    story.append(Paragraph(_e(form.reason), ParagraphStyle("reason", parent=st.body, leftIndent=8 * mm)))
    contact = f"<b>{_e(form.contact_name)}</b> – {unit}" if form.contact_name else unit
    if form.contact_phone:
        contact += f", số điện thoại <b>{_e(form.contact_phone)}</b>"
    story.append(st.p(f"Mọi vướng mắc về hồ sơ, Ông/Bà liên hệ {contact} để được hướng dẫn."))
    story.append(st.p("Xin thông báo để Ông/Bà được biết."))
    story.append(Spacer(1, 6))
    story.append(_signatures([form.signer], st, width, gap=24))
    return _build(story, A4, margins, f"{form.label.title} — {form.code}")
