"""The forms of Thông tư 03/2025/TT-VPCP (Phụ lục I, Mẫu 01–07) as printed: each form's number, title,
legal basis and fields read back with pypdf; the 2018 set still selectable; the control sheet's apology
line and original due date; Mẫu 02's contact lines; no empty "Email:" anywhere."""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.forms import FormsService
from counter_app.services.users import UserService
from counter_app.timeutil import parse_local
from printing import pdf_forms
from printing.stop_pdf import render_stop
from tests.conftest import FakeClock
from tests.forms_support import configure_bank, flat, page_texts, receive

LEGAL_2025 = "Ban hành kèm theo Thông tư số 03/2025/TT-VPCP ngày 15/9/2025"
LEGAL_2018 = "Ban hành kèm theo Thông tư số 01/2018/TT-VPCP ngày 23/11/2018"
HEADER = [
    "UBND THÀNH PHỐ HỒ CHÍ MINH",
    "UBND PHƯỜNG BẾN NGHÉ",
    "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
]
# Each form of the 2025 set: its number, title and the fields it must carry (docs/forms-tt03-2025.md).
FIELDS_2025: dict[str, list[str]] = {
    "receipt": [
        "Mẫu số 01",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Mã hồ sơ:",
        "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
        "Địa chỉ: 45 Nguyễn Huệ",
        "Số điện thoại: 0912345678 Email: nhung@example.vn",
        "Nội dung yêu cầu giải quyết:",
        "1. Thành phần hồ sơ nộp gồm:",
        "2. Số lượng hồ sơ: 01 (bộ)",
        "3. Thời gian giải quyết hồ sơ theo quy định:",
        "4. Thời gian nhận hồ sơ:",
        "5. Thời gian trả kết quả giải quyết hồ sơ:",
        "6. Đăng ký nhận kết quả tại:",
        "Vào Sổ theo dõi hồ sơ, Quyển số",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ],
    "supplement": [
        "Mẫu số 02",
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
        "Địa chỉ: 45 Nguyễn Huệ, Phường Bến Nghé, Quận 1",
        "Số điện thoại: 0912345678 Email: nhung@example.vn",
        "Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:",
        "1. Bản sao Giấy khai sinh",
        "Lý do: Thiếu giấy tờ",
        "liên hệ với Lê Thu Hà – Trung tâm Phục vụ hành chính công, số điện thoại 028 3829 1234",
        "NGƯỜI HƯỚNG DẪN",
    ],
    "rejection": [
        "Mẫu số 03",
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
        "Không thuộc thẩm quyền",
    ],
    "apology": [
        "Mẫu số 04",
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
        "Số: 01/PXL",
        "Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung",
        "xin lỗi Ông/Bà và đề nghị gia hạn thời gian giải quyết hồ sơ",
        "Thời gian hẹn trả kết quả lại:",
    ],
    "stop": [
        "Mẫu số 05",
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        "Số: 01/TB-DGQ",
        "Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung",
        "thông báo dừng giải quyết hồ sơ nêu trên",
        "Người nộp đề nghị dừng",
        "TM. UBND PHƯỜNG BẾN NGHÉ",
    ],
    "control": [
        "Mẫu số 06",
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
    ],
    "register": [
        "Mẫu số 07",
        "SỔ THEO DÕI HỒ SƠ",
        "Mã hồ sơ",
        "Tên TTHC",
        "Ngày, tháng, năm hẹn trả kết quả",
    ],
}


@pytest.fixture
def office(ctx: AppContext) -> AppContext:
    configure_bank(ctx)
    ctx.config.update({"forms.contact_phone": "028 3829 1234", "agency.head_name": "Lê Văn Thành"})
    UserService(ctx).add("ngoc.tt", "Trần Thị Ngọc", "clerk", "matkhau123", actor="system")
    ctx.config.set("forms.contact_name", "Lê Thu Hà")
    return ctx


def _forms(ctx: AppContext, clock: FakeClock) -> dict[str, str]:
    """Every form of the 2025 set, for dossiers brought into the states that make each one."""
    svc, ds = FormsService(ctx), DossierService(ctx)
    a, b, c, d = (receive(ctx) for _ in range(4))
    svc.request_supplement(a, ["Bản sao Giấy khai sinh"], "Thiếu giấy tờ", actor="ngoc.tt")
    svc.reject(b, "Không thuộc thẩm quyền", actor="ngoc.tt")
    clock.set("2026-11-27T10:00")  # c is overdue (due 26/11 09:00)
    ds.apologize(c, parse_local("2026-12-02T15:00"), "Cần xác minh thêm", actor="ngoc.tt")
    svc.stop(d, "Người nộp đề nghị dừng giải quyết", actor="ngoc.tt")
    pdfs = {
        "receipt": svc.render_receipt(a, copies=1),
        "supplement": pdf_forms.render(svc.supplement(a)),
        "rejection": pdf_forms.render(svc.rejection(b)),
        "apology": pdf_forms.render(svc.apology(c)),
        "stop": render_stop(svc.stop_notice(d)),
        "control": pdf_forms.render(svc.control(c)),
        "register": svc.render_register(date(2026, 11, 1), date(2026, 11, 30)),
    }
    return {form: flat(page_texts(pdf)[0]) for form, pdf in pdfs.items()}


def test_every_form_of_the_2025_set_carries_its_official_fields(office: AppContext, clock: FakeClock) -> None:
    texts = _forms(office, clock)
    for form, fields in FIELDS_2025.items():
        text = texts[form]
        for expected in [*fields, LEGAL_2025, *HEADER]:
            assert expected in text, (form, expected)
        assert "01/2018/TT-VPCP" not in text and "Email: …" not in text, form
        assert "Trung tâm phục vụ" not in text, form  # the unit keeps its own capitals


def test_the_2018_set_stays_selectable(office: AppContext, clock: FakeClock) -> None:
    office.config.set("forms.set", "2018")
    texts = _forms(office, clock)
    assert LEGAL_2018 in texts["receipt"] and "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in texts["receipt"]
    assert "Mẫu số 05" in texts["control"] and "Mẫu số 06" in texts["register"]
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in texts["apology"]
    assert "Mẫu số" not in texts["stop"].split("THÔNG BÁO DỪNG")[0]  # no number in the 2018 set
    # Each wording stays configurable over either set.
    office.config.update({"forms.number.stop": "Mẫu số 05/TB", "forms.unit_name": "Bộ phận Một cửa"})
    d = DossierService(office).list(status="stopped")[0].code
    text = flat(page_texts(render_stop(FormsService(office).stop_notice(d)))[0])
    assert "Mẫu số 05/TB" in text and "BỘ PHẬN MỘT CỬA" in text


def test_no_email_line_when_the_citizen_gave_none(office: AppContext) -> None:
    from tests.forms_support import APPLICANT

    code = receive(office, applicant={**APPLICANT, "email": ""})
    svc = FormsService(office)
    svc.request_supplement(code, ["Tờ khai"], "Thiếu tờ khai", actor="ngoc.tt")
    for pdf in (svc.render_receipt(code, copies=1), pdf_forms.render(svc.supplement(code))):
        text = flat(page_texts(pdf)[0])
        assert "Email" not in text and "Số điện thoại: 0912345678" in text


def test_control_sheet_keeps_the_original_due_date_and_no_apology_handover(
    office: AppContext, clock: FakeClock
) -> None:
    """An apology is not a handover to the citizen: a line of its own, and the header keeps the original
    appointment (the new one beside it)."""
    code = receive(office)
    clock.set("2026-11-27T10:00")
    DossierService(office).apologize(code, parse_local("2026-12-02T15:00"), "Cần xác minh", actor="ngoc.tt")
    text = flat(page_texts(pdf_forms.render(FormsService(office).control(code)))[0])
    assert "Thời gian hẹn trả kết quả: 09 giờ 00 phút, ngày 26/11/2026" in text
    assert "hẹn trả kết quả lại (sau văn bản xin lỗi): 15 giờ 00 phút, ngày 02/12/2026" in text
    assert "Văn bản xin lỗi số 01/PXL" in text
    assert "Nhận: Tổ chức, cá nhân" not in text  # never returned: nobody handed it over
    register = flat(
        page_texts(FormsService(office).render_register(date(2026, 11, 23), date(2026, 11, 23)))[0]
    )
    assert "26/11/2026 09:00" in register and "02/12/2026" not in register  # the appointment at receipt
