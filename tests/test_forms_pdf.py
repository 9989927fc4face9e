"""The official forms as real PDFs: exact Vietnamese text read back, QR codes decoded from the rendered page."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from counter_app.domain.dossier_code import extract_code
from counter_app.domain.vietqr import crc_ok, parse_payload
from counter_app.errors import ConflictError, ValidationError
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.forms import FormsService
from counter_app.services.payments import PaymentService
from counter_app.services.users import UserService
from counter_app.timeutil import parse_local
from printing import pdf_forms
from tests.conftest import FakeClock, intake_doc
from tests.core_support import ctx_snapshot, run_main
from tests.forms_support import (
    BANK,
    configure_bank,
    decode_qrs,
    flat,
    font_sizes,
    page_count,
    page_texts,
    qr_sizes_mm,
    receive,
)

MM = 72 / 25.4


@pytest.fixture
def office(ctx: AppContext) -> AppContext:
    """Bank configured and the clerk 'ngoc.tt' (Trần Thị Ngọc) on the counter."""
    configure_bank(ctx)
    ctx.config.set("forms.contact_phone", "028 3829 1234")
    UserService(ctx).add("ngoc.tt", "Trần Thị Ngọc", "clerk", "matkhau123", actor="system")
    return ctx


def _size_mm(pdf: bytes, page: int = 0) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(pdf)).pages[page].mediabox
    return round(float(box.width) / MM), round(float(box.height) / MM)


def test_receipt_two_copies_every_field(office: AppContext) -> None:
    code = receive(office)
    view = DossierService(office).get(code)
    pdf = FormsService(office).render_receipt(code)
    assert page_count(pdf) == 2 and _size_mm(pdf) == (210, 297)
    pages = page_texts(pdf)
    assert "Liên 1: Lưu" in pages[0] and "Liên 2: Giao người nộp hồ sơ" in pages[1]
    for text in pages:
        one = flat(text)
        for expected in [
            "Mẫu số 01",
            "Ban hành kèm theo Thông tư số 03/2025/TT-VPCP ngày 15/9/2025",
            "UBND THÀNH PHỐ HỒ CHÍ MINH",
            "UBND PHƯỜNG BẾN NGHÉ",
            "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Bến Nghé, ngày 23 tháng 11 năm 2026",
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            f"Mã hồ sơ: {code}",
            "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
            "Số CCCD/Định danh cá nhân: 079303001234",
            "Địa chỉ: 45 Nguyễn Huệ, Phường Bến Nghé, Quận 1",
            "Số điện thoại: 0912345678 Email: nhung@example.vn",
            "Nội dung yêu cầu giải quyết: Cấp Giấy xác nhận tình trạng hôn nhân",
            "1. Thành phần hồ sơ nộp gồm:",
            "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu",
            "Bản chính",
            "2. Số lượng hồ sơ: 01 (bộ)",
            "3. Thời gian giải quyết hồ sơ theo quy định: 03 ngày làm việc",
            "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 23/11/2026",
            "5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, thứ Năm, ngày 26/11/2026",
            "6. Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công – UBND Phường Bến Nghé (quầy số 1)",
            "7. Phí, lệ phí: 15.000 đồng (Mười lăm nghìn đồng)",
            "Chưa nộp: 15.000 đồng",
            f"Vào Sổ theo dõi hồ sơ, Quyển số {view.register_book}, Số thứ tự {view.register_number}",
            "NỘP PHÍ, LỆ PHÍ QUA VIETQR",
            "Số tiền: 15.000 đồng",
            "Bằng chữ: Mười lăm nghìn đồng",
            "Ngân hàng: Vietcombank",
            "Số tài khoản: 0071001234567",
            "Chủ tài khoản: UBND PHUONG BEN NGHE",
            f"Nội dung chuyển khoản: {code}",
            "NGƯỜI NỘP HỒ SƠ",
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
            "(Ký và ghi rõ họ tên)",
            "Trần Thị Ngọc",
        ]:
            assert expected in one, expected
        assert code in text.splitlines()  # printed on its own line under the tracking QR
        key = DossierService(office).get(code).tracking_key
        assert key and f"Mã tra cứu: {key}" in flat(text)  # typed on the lookup page without a camera


def test_receipt_qr_codes_decode_at_150_dpi(office: AppContext) -> None:
    code = receive(office)
    pdf = FormsService(office).render_receipt(code, copies=1)
    found = decode_qrs(pdf, 0, dpi=150)
    assert len(found) == 2
    tracking = [t for t in found if t.startswith("http")]
    payment = [t for t in found if t.startswith("000201")]
    key = DossierService(office).get(code).tracking_key
    assert key and tracking == [f"https://dichvucong.example.gov.vn/tra-cuu?ma={code}&k={key}"]
    assert extract_code(tracking[0]) == code
    assert crc_ok(payment[0])
    q = parse_payload(payment[0])
    assert (q.bin, q.account, q.amount, q.purpose, q.dynamic) == (
        BANK["bank.bin"],
        BANK["bank.account"],
        15000,
        code,
        True,
    )


def tracked(office: AppContext, code: str) -> str:
    """The receipt's tracking URL: the code and the dossier's own key (the city's lookup needs both)."""
    return f"https://dichvucong.example.gov.vn/tra-cuu?ma={code}&k={DossierService(office).get(code).tracking_key}"


def test_tracking_url_template_is_configurable(office: AppContext) -> None:
    office.config.set("forms.tracking_url", "https://tracuu.example.vn/hs/{code}")
    code = receive(office)
    found = decode_qrs(FormsService(office).render_receipt(code, copies=1))
    assert f"https://tracuu.example.vn/hs/{code}" in found


def test_receipt_after_payment_shows_da_nop_and_no_payment_qr(office: AppContext, clock: FakeClock) -> None:
    code = receive(office)
    clock.advance(minutes=5)
    PaymentService(office).record(code, "cash", 15000, actor="ngoc.tt")
    pdf = FormsService(office).render_receipt(code, copies=1)
    assert page_count(pdf) == 1
    text = flat(page_texts(pdf)[0])
    assert "Liên 2: Giao người nộp hồ sơ" in text and "Liên 1: Lưu" not in text
    assert "Đã nộp 15.000 đồng – hình thức: Tiền mặt – lúc 09 giờ 05 phút, ngày 23/11/2026" in text
    assert "ĐÃ NỘP PHÍ, LỆ PHÍ: 15.000 đồng" in text
    assert "VIETQR" not in text and "Chưa nộp" not in text
    found = decode_qrs(pdf)
    assert found == [tracked(office, code)]


def test_partial_payment_qr_asks_for_the_rest(office: AppContext) -> None:
    code = receive(office)
    PaymentService(office).record(code, "transfer", 5000, actor="ngoc.tt")
    pdf = FormsService(office).render_receipt(code, copies=1)
    text = flat(page_texts(pdf)[0])
    assert "Đã nộp 5.000 đồng – hình thức: Chuyển khoản" in text
    assert "Còn phải nộp: 10.000 đồng" in text and "Bằng chữ: Mười nghìn đồng" in text
    payloads = [t for t in decode_qrs(pdf) if t.startswith("000201")]
    assert parse_payload(payloads[0]).amount == 10000


def test_fee_free_receipt_has_no_payment_qr(office: AppContext) -> None:
    code = receive(office, "1.001193")
    pdf = FormsService(office).render_receipt(code, copies=1)
    text = flat(page_texts(pdf)[0])
    assert "7. Phí, lệ phí: Không thu phí, lệ phí" in text
    assert "VIETQR" not in text
    assert decode_qrs(pdf) == [tracked(office, code)]


def test_no_bank_configured_means_cash_at_the_counter(ctx: AppContext) -> None:
    code = receive(ctx)
    pdf = FormsService(ctx).render_receipt(code, copies=1)
    text = flat(page_texts(pdf)[0])
    assert "Chưa nộp: 15.000 đồng – nộp tiền mặt tại quầy" in text
    assert len(decode_qrs(pdf)) == 1


def test_a5_receipt_is_readable_and_a_long_one_takes_two_sheets(office: AppContext) -> None:
    """On A5 the body is at least 10 pt and each QR symbol at least 22 mm wide; a copy that cannot keep
    those sizes on one sheet goes on two (the codes and signatures on the second), never smaller."""
    from counter_app.services.catalog import CatalogService

    comps = [
        {"name": c.name, "kind": c.kind, "count": c.count}
        for c in CatalogService(office).get("1.000689").components
    ]
    code = receive(office, "1.000689", components=comps)
    pdf = FormsService(office).render_receipt(code, paper="A5")
    assert page_count(pdf) == 4 and _size_mm(pdf) == (148, 210)
    pages = page_texts(pdf)
    assert "Liên 1: Lưu" in pages[0] and "Liên 1: Lưu (tiếp theo, tờ 2/2)" in pages[1]
    assert "Liên 2: Giao người nộp hồ sơ" in pages[2] and "NGƯỜI TIẾP NHẬN HỒ SƠ" in pages[3]
    for c in comps:
        assert flat(c["name"]) in flat(pages[2])
    for page, needle in ((0, "Tiếp nhận hồ sơ của"), (0, "Địa chỉ:"), (1, "2. Số lượng hồ sơ")):
        sizes = font_sizes(pdf, page, needle)
        assert sizes and min(sizes) >= 10, (needle, sizes)
    assert len(decode_qrs(pdf, 3, dpi=150)) == 2
    assert "2. Số lượng hồ sơ" in pages[3]  # the list fills the first sheet; the rest on the second
    widths = qr_sizes_mm(pdf, 3)
    assert len(widths) == 2 and min(widths) >= 22, widths


def test_a5_receipt_with_few_papers_keeps_one_sheet_per_copy(office: AppContext) -> None:
    code = receive(office)
    pdf = FormsService(office).render_receipt(code, paper="A5", copies=1)
    # A short receipt: one sheet when it fits at the readable sizes, else two; never a smaller type.
    assert page_count(pdf) in (1, 2) and _size_mm(pdf) == (148, 210)
    assert min(font_sizes(pdf, 0, "Tiếp nhận hồ sơ của")) >= 10
    widths = qr_sizes_mm(pdf, page_count(pdf) - 1)
    assert widths and min(widths) >= 22, widths


def test_titles_and_legal_basis_come_from_config(office: AppContext) -> None:
    office.config.update(
        {
            "forms.title.receipt": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ (NĐ 118)",
            "forms.number.receipt": "Mẫu số 01/TN",
            "forms.legal_basis": "Kèm theo Nghị định số 118/2025/NĐ-CP",
        }
    )
    code = receive(office)
    text = flat(page_texts(FormsService(office).render_receipt(code, copies=1))[0])
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ (NĐ 118)" in text
    assert "Mẫu số 01/TN" in text and "(Kèm theo Nghị định số 118/2025/NĐ-CP)" in text
    assert "01/2018/TT-VPCP" not in text


def test_supplement_form_records_the_request(office: AppContext, data_dir: Path, tmp_path: Path) -> None:
    code = receive(office)
    out = tmp_path / "bo-sung.pdf"
    rc, stdout, err = run_main(
        "form",
        "supplement",
        code,
        "--item",
        "Bản sao Giấy chứng nhận kết hôn (có chứng thực)",
        "--item",
        "Ghi đầy đủ nơi cư trú trong tờ khai",
        "--reason",
        "Tờ khai ghi thiếu nơi cư trú",
        "-o",
        str(out),
        "--clerk",
        "ngoc.tt",
        data_dir=data_dir,
    )
    assert rc == 0, err
    view = DossierService(office).get(code)
    assert view.status == "supplement"
    last = view.history[-1]
    assert last.note == "Tờ khai ghi thiếu nơi cư trú"
    assert last.data["items"] == [
        "Bản sao Giấy chứng nhận kết hôn (có chứng thực)",
        "Ghi đầy đủ nơi cư trú trong tờ khai",
    ]
    text = flat(page_texts(out.read_bytes())[0])
    for expected in [
        "Mẫu số 02",
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        f"Mã hồ sơ: {code}",
        "tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
        "Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:",
        "1. Bản sao Giấy chứng nhận kết hôn (có chứng thực)",
        "2. Ghi đầy đủ nơi cư trú trong tờ khai",
        "Lý do: Tờ khai ghi thiếu nơi cư trú",
        "Địa chỉ: 45 Nguyễn Huệ, Phường Bến Nghé, Quận 1",
        "Số điện thoại: 0912345678 Email: nhung@example.vn",
        "liên hệ với Trần Thị Ngọc – Trung tâm Phục vụ hành chính công, số điện thoại 028 3829 1234, "
        "địa chỉ 29 Lê Duẩn, Phường Bến Nghé, Quận 1 để được hướng dẫn",
        "NGƯỜI HƯỚNG DẪN",
    ]:
        assert expected in text, expected
    # Printing it again (no --item) reprints the recorded request and records nothing new.
    rc, _, err = run_main("form", "supplement", code, "-o", str(tmp_path / "lai.pdf"), data_dir=data_dir)
    assert rc == 0, err
    assert len(DossierService(office).get(code).history) == len(view.history)
    assert "1. Bản sao Giấy chứng nhận kết hôn" in flat(page_texts((tmp_path / "lai.pdf").read_bytes())[0])


def test_a_scripted_request_prints_no_account_name_as_a_signature(
    office: AppContext, data_dir: Path, tmp_path: Path
) -> None:
    """Without --clerk the CLI acts as "system": an official form must not be signed "system"."""
    code = receive(office)
    out = tmp_path / "bo-sung.pdf"
    rc, _, err = run_main(
        "form",
        "supplement",
        code,
        "--item",
        "Ghi đầy đủ nơi cư trú trong tờ khai",
        "--reason",
        "Thiếu nơi cư trú",
        "-o",
        str(out),
        data_dir=data_dir,
    )
    assert rc == 0, err
    text = flat(page_texts(out.read_bytes())[0])
    assert "system" not in text
    assert "liên hệ với Trung tâm Phục vụ hành chính công, số điện thoại 028 3829 1234" in text
    assert "NGƯỜI HƯỚNG DẪN" in text


def test_supplement_refused_before_recording_when_output_is_bad(office: AppContext, data_dir: Path) -> None:
    code = receive(office)
    before = ctx_snapshot(office)
    rc, _, err = run_main(
        "form",
        "supplement",
        code,
        "--item",
        "X",
        "--reason",
        "Y",
        "-o",
        "/khong/co/thu/muc/a.pdf",
        data_dir=data_dir,
    )
    assert rc == 2 and "Tệp PDF" in err
    rc, _, err = run_main(
        "form",
        "supplement",
        code,
        "--item",
        "  ",
        "--reason",
        "Y",
        "-o",
        str(data_dir / "a.pdf"),
        data_dir=data_dir,
    )
    assert rc == 2 and "Nội dung bổ sung" in err
    assert ctx_snapshot(office) == before


def test_rejection_recorded_once_and_reprinted(office: AppContext) -> None:
    code = receive(office)
    svc = FormsService(office)
    before = ctx_snapshot(office)
    with pytest.raises(ValidationError) as err:
        svc.reject(code, None, actor="ngoc.tt")
    assert err.value.label == "Lý do" and ctx_snapshot(office) == before
    form = svc.reject(code, "Hồ sơ không thuộc thẩm quyền giải quyết của UBND phường", actor="ngoc.tt")
    assert DossierService(office).get(code).status == "rejected"
    again = svc.reject(code, None, actor="ngoc.tt")  # already rejected: a reprint, nothing recorded
    assert again.reason == form.reason
    assert len(DossierService(office).get(code).history) == 2
    text = flat(page_texts(pdf_forms.render_rejection(again))[0])
    for expected in [
        "Mẫu số 03",
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
        "Hồ sơ không thuộc thẩm quyền giải quyết của UBND phường",
        "Xin thông báo để Ông/Bà được biết và thực hiện.",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Trần Thị Ngọc",
    ]:
        assert expected in text, expected


def test_apology_form_from_the_dossiers_apology(office: AppContext, clock: FakeClock) -> None:
    office.config.update({"agency.head_name": "Lê Văn Thành"})
    code = receive(office)
    svc = FormsService(office)
    with pytest.raises(ConflictError, match="chưa có phiếu xin lỗi"):
        svc.apology(code)
    clock.set("2026-11-27T10:00")
    DossierService(office).apologize(
        code, parse_local("2026-12-02T15:00"), "Cần xác minh thêm", actor="ngoc.tt"
    )
    text = flat(page_texts(pdf_forms.render_apology(svc.apology(code)))[0])
    for expected in [
        "Mẫu số 04",
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
        "đề nghị gia hạn thời gian giải quyết hồ sơ",
        "Số: 01/PXL",
        "Bến Nghé, ngày 27 tháng 11 năm 2026",
        "Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung",
        f"mã hồ sơ {code}",
        "Thời gian hẹn trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 26/11/2026.",
        "chưa trả kết quả đúng thời hạn",
        "Lý do: Cần xác minh thêm",
        "Thời gian hẹn trả kết quả lại: 15 giờ 00 phút, thứ Tư, ngày 02/12/2026.",
        "TM. UBND PHƯỜNG BẾN NGHÉ",
        "CHỦ TỊCH",
        "Lê Văn Thành",
    ]:
        assert expected in text, expected


def test_control_sheet_follows_the_history(office: AppContext, clock: FakeClock) -> None:
    code = receive(office)
    ds = DossierService(office)
    clock.set("2026-11-25T10:00")
    ds.change_status(code, "ready", actor="ngoc.tt")
    clock.set("2026-11-27T15:00")
    ds.change_status(code, "returned", actor="ngoc.tt")
    pdf = pdf_forms.render_control(FormsService(office).control(code))
    text = flat(page_texts(pdf)[0])
    for expected in [
        "Mẫu số 06",
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        f"Mã hồ sơ: {code}",
        "Cơ quan (bộ phận) giải quyết hồ sơ: UBND Phường Bến Nghé",
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
        "(Trước hạn/đúng hạn/quá hạn)",
        "1. Giao: Trung tâm Phục vụ hành chính công",
        "Nhận: UBND Phường Bến Nghé",
        "10 giờ 00 phút ngày 25/11/2026",
        "Trước hạn",
        "Quá hạn",
        "Trả kết quả",
    ]:
        assert expected in text, expected


def test_register_spans_pages_with_header_repeated(office: AppContext, clock: FakeClock) -> None:
    names = ["Phạm Văn Đức", "Lê Thị Thu Hà", "Hoàng Minh Tuấn", "Võ Thị Ánh Tuyết", "Đặng Quốc Bảo"]
    codes = []
    for i in range(36):
        clock.set(f"2026-11-{23 + (i // 12) * 2:02d}T{8 + i % 9:02d}:{(i * 7) % 60:02d}")
        doc = intake_doc(
            applicant={
                "full_name": names[i % 5],
                "id_number": "079203001234",
                "phone": "0987654321",
                "address": f"{i + 1} Hàm Nghi, Phường Bến Nghé",
            }
        )
        from counter_app.services.intake import IntakeService

        codes.append(IntakeService(office).receive(doc, actor="ngoc.tt").code)
    outside = receive(office, received_at="2026-12-01T09:00")
    pdf = pdf_forms.render_register(
        FormsService(office).register(parse_local("2026-11-01").date(), parse_local("2026-11-30").date())
    )
    assert _size_mm(pdf) == (297, 210)  # A4 landscape
    pages = page_texts(pdf)
    assert len(pages) >= 3
    for n, text in enumerate(pages, 1):
        one = flat(text)
        for header in [
            "TT",
            "Mã hồ sơ",
            "Tên TTHC",
            "Tên cá nhân, tổ chức",
            "Địa chỉ, số điện thoại",
            "Cơ quan chủ trì giải quyết",
            "Ngày, tháng, năm nhận hồ sơ",
            "Ngày, tháng, năm hẹn trả kết quả",
            "Ngày, tháng, năm trả kết quả",
            "Ký nhận (phương thức nhận kết quả)",
            "(10)",
        ]:
            assert header in one, (n, header)
        assert f"Trang {n}/{len(pages)}" in one
    everything = "\n".join(pages)
    assert "SỔ THEO DÕI HỒ SƠ" in pages[0] and "Từ ngày 01/11/2026 đến ngày 30/11/2026" in flat(pages[0])
    for code in codes:
        assert everything.count(code) == 1, code
    assert outside not in everything
    assert "Võ Thị Ánh Tuyết" in everything and "Đặng Quốc Bảo" in everything


def test_cli_forms_write_files_and_refuse_clearly(office: AppContext, data_dir: Path, tmp_path: Path) -> None:
    code = receive(office)
    out = tmp_path / "bien-nhan.pdf"
    rc, stdout, err = run_main(
        "form", "receipt", code, "-o", str(out), "--a5", "--copies", "1", data_dir=data_dir
    )
    assert rc == 0, err
    assert stdout.strip() == str(out) and page_count(out.read_bytes()) in (1, 2)
    assert _size_mm(out.read_bytes()) == (148, 210)
    rc, _, err = run_main("form", "control", code, "-o", str(tmp_path / "ks.pdf"), data_dir=data_dir)
    assert rc == 0, err
    rc, _, err = run_main("form", "apology", code, "-o", str(tmp_path / "xl.pdf"), data_dir=data_dir)
    assert rc == 2 and "Phiếu xin lỗi" in err
    rc, _, err = run_main(
        "form",
        "register",
        "--from",
        "2026-11-30",
        "--to",
        "2026-11-01",
        "-o",
        str(tmp_path / "so.pdf"),
        data_dir=data_dir,
    )
    assert rc == 2 and "Đến ngày" in err
    rc, _, err = run_main(
        "form",
        "register",
        "--from",
        "31/11/2026",  # dd/mm/yyyy is accepted; a day that does not exist is not
        "--to",
        "2026-11-01",
        "-o",
        str(tmp_path / "so.pdf"),
        data_dir=data_dir,
    )
    assert rc == 2 and "Từ ngày" in err
    rc, _, err = run_main(
        "form",
        "register",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "-o",
        str(tmp_path / "so.pdf"),
        data_dir=data_dir,
    )
    assert rc == 0, err
    assert code in page_texts((tmp_path / "so.pdf").read_bytes())[0]
    rc, _, err = run_main(
        "form",
        "rejection",
        code,
        "--reason",
        "Sai thẩm quyền",
        "-o",
        str(tmp_path / "tc.pdf"),
        data_dir=data_dir,
    )
    assert rc == 0, err
    conn = sqlite3.connect(office.db.path)
    try:
        assert conn.execute("SELECT status FROM dossiers WHERE code = ?", (code,)).fetchone()[0] == "rejected"
    finally:
        conn.close()
