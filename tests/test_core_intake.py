"""Dossier intake: validation naming the field, nothing half-saved, lawful components, normalisation."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from counter_app.errors import ValidationError
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from counter_app.timeutil import iso
from tests.conftest import FakeClock, intake_doc, required_components, run_cli
from tests.core_support import ctx_snapshot, run_main, snapshot


def applicant(**over: Any) -> dict[str, Any]:
    a = dict(intake_doc()["applicant"])
    a.update(over)
    return a


BIRTH_OPTIONAL = "Giấy chứng nhận kết hôn của cha, mẹ (xuất trình, nếu cha, mẹ đã đăng ký kết hôn)"

# (description, document changes, field, Vietnamese label that must appear in the message)
BAD_INPUTS: list[tuple[str, dict[str, Any], str, str]] = [
    ("empty name", {"applicant": applicant(full_name="  ")}, "applicant.full_name", "Họ và tên"),
    (
        "digits in name",
        {"applicant": applicant(full_name="Nguyễn Văn 4n")},
        "applicant.full_name",
        "Họ và tên",
    ),
    ("punctuation", {"applicant": applicant(full_name="Nguyễn Văn An!")}, "applicant.full_name", "Họ và tên"),
    (
        "non-Vietnamese letters",
        {"applicant": applicant(full_name="Иван Петров")},
        "applicant.full_name",
        "Họ và tên",
    ),
    ("name too long", {"applicant": applicant(full_name="An " * 34)}, "applicant.full_name", "Họ và tên"),
    ("name not text", {"applicant": applicant(full_name=42)}, "applicant.full_name", "Họ và tên"),
    ("CCCD short", {"applicant": applicant(id_number="07920300123")}, "applicant.id_number", "Số CCCD"),
    ("CCCD letters", {"applicant": applicant(id_number="07920300123a")}, "applicant.id_number", "Số CCCD"),
    ("CCCD province", {"applicant": applicant(id_number="000203001234")}, "applicant.id_number", "Số CCCD"),
    (
        "CCCD province 003",
        {"applicant": applicant(id_number="003203001234")},
        "applicant.id_number",
        "Số CCCD",
    ),
    ("phone short", {"applicant": applicant(phone="091234567")}, "applicant.phone", "Số điện thoại"),
    ("phone prefix", {"applicant": applicant(phone="0112345678")}, "applicant.phone", "Số điện thoại"),
    ("foreign phone", {"applicant": applicant(phone="+1 555 123 4567")}, "applicant.phone", "Số điện thoại"),
    ("phone missing", {"applicant": applicant(phone=None)}, "applicant.phone", "Số điện thoại"),
    ("email", {"applicant": applicant(email="an@@example")}, "applicant.email", "Email"),
    ("address empty", {"applicant": applicant(address="")}, "applicant.address", "Địa chỉ"),
    ("address too long", {"applicant": applicant(address="x" * 301)}, "applicant.address", "Địa chỉ"),
    ("birth date", {"applicant": applicant(birth_date="31/02/1990")}, "applicant.birth_date", "Ngày sinh"),
    (
        "birth after receipt",
        {"applicant": applicant(birth_date="2030-01-01")},
        "applicant.birth_date",
        "Ngày sinh",
    ),
    ("unknown applicant key", {"applicant": applicant(gioi_tinh="Nam")}, "applicant.gioi_tinh", "Người nộp"),
    ("applicant missing", {"applicant": None}, "applicant", "Người nộp hồ sơ"),
    ("sets zero", {"sets": 0}, "sets", "Số lượng hồ sơ"),
    ("sets text", {"sets": "2"}, "sets", "Số lượng hồ sơ"),
    ("sets bool", {"sets": True}, "sets", "Số lượng hồ sơ"),
    ("delivery", {"delivery": "email"}, "delivery", "Nơi nhận kết quả"),
    ("channel", {"channel": "fax"}, "channel", "Kênh tiếp nhận"),
    ("post without address", {"delivery": "post"}, "post_address", "Địa chỉ nhận qua bưu chính"),
    ("post blank address", {"delivery": "post", "post_address": "  "}, "post_address", "bưu chính"),
    ("address without post", {"post_address": "1 Lê Lợi"}, "post_address", "bưu chính"),
    ("unknown procedure", {"procedure": "9.999999"}, "procedure", "Thủ tục"),
    ("no procedure", {"procedure": ""}, "procedure", "Thủ tục"),
    ("received_at", {"received_at": "hôm qua"}, "received_at", "Thời gian nhận"),
    ("received_at century", {"received_at": "1926-11-23T09:00"}, "received_at", "Thời gian nhận"),
    ("received_at number", {"received_at": 20261123}, "received_at", "Thời gian nhận"),
    ("clerk", {"clerk": 7}, "clerk", "Cán bộ tiếp nhận"),
    ("unknown key", {"ghi_chu": "x"}, "ghi_chu", "ghi_chu"),
    ("components not a list", {"components": "Giấy chứng sinh"}, "components", "Thành phần hồ sơ"),
    (
        "component kind",
        {"components": [{**c, "kind": "scan"} for c in intake_doc()["components"]]},
        "components",
        "Thành phần hồ sơ",
    ),
    (
        "component count",
        {"components": [{**c, "count": 0} for c in intake_doc()["components"]]},
        "components",
        "Thành phần hồ sơ",
    ),
    (
        "component duplicate",
        {"components": [*intake_doc()["components"], intake_doc()["components"][0]]},
        "components",
        "Thành phần hồ sơ",
    ),
    (
        "component key",
        {"components": [{**c, "ghi_chu": "x"} for c in intake_doc()["components"]]},
        "components",
        "Thành phần hồ sơ",
    ),
]


@pytest.mark.parametrize(("why", "change", "field", "label"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_each_bad_field_is_refused_and_nothing_is_saved(
    ctx: AppContext, why: str, change: dict[str, Any], field: str, label: str
) -> None:
    IntakeService(ctx).receive(intake_doc(), actor="clerk1")  # sequences and outbox are not empty
    before = ctx_snapshot(ctx)
    with pytest.raises(ValidationError) as err:
        IntakeService(ctx).receive(intake_doc(**change), actor="clerk1")
    assert err.value.field == field, why
    assert label in str(err.value), str(err.value)
    assert ctx_snapshot(ctx) == before


def test_components_beyond_the_law_are_refused_naming_them(ctx: AppContext) -> None:
    before = ctx_snapshot(ctx)
    doc = intake_doc()
    doc["components"].append({"name": "Sổ hộ khẩu", "kind": "copy", "count": 1})
    with pytest.raises(ValidationError) as err:
        IntakeService(ctx).receive(doc, actor="clerk1")
    assert "'Sổ hộ khẩu' không có trong thành phần hồ sơ theo quy định" in str(err.value)
    assert err.value.field == "components"
    assert ctx_snapshot(ctx) == before


def test_a_missing_required_component_is_named(ctx: AppContext) -> None:
    before = ctx_snapshot(ctx)
    doc = intake_doc()
    doc["components"] = [c for c in doc["components"] if c["name"] != "Giấy chứng sinh"]
    with pytest.raises(ValidationError) as err:
        IntakeService(ctx).receive(doc, actor="clerk1")
    assert "thiếu giấy tờ bắt buộc: 'Giấy chứng sinh'" in str(err.value)
    assert ctx_snapshot(ctx) == before


def test_optional_components_are_accepted_and_kept_in_legal_order(ctx: AppContext) -> None:
    doc = intake_doc()
    # Written without diacritics and in another order: stored with the catalog's name, in its order.
    doc["components"] = [
        {
            "name": "giay chung nhan ket hon cua cha, me (xuat trinh, neu cha, me da dang ky ket hon)",
            "kind": "original",
        },
        *reversed(doc["components"]),
    ]
    r = IntakeService(ctx).receive(doc, actor="clerk1")
    names = [c["name"] for c in DossierService(ctx).get(r.code).components]
    assert names == [
        "Tờ khai đăng ký khai sinh theo mẫu",
        "Giấy chứng sinh",
        intake_doc()["components"][2]["name"],
        BIRTH_OPTIONAL,
    ]


def test_receipt_fields_and_normalisation(ctx: AppContext, clock: FakeClock) -> None:
    clock.set("2026-11-23T09:05:30")
    decomposed = unicodedata.normalize("NFD", "Nguyễn  Thị   Ánh ")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    r = IntakeService(ctx).receive(
        intake_doc(
            applicant=applicant(
                full_name=decomposed,
                phone="+84 912 345 678",
                email=" an@example.vn ",
                address=" 12  Lê Lợi ",
                birth_date="1990-05-01",
            ),
            delivery="post",
            post_address="Hộp thư 15,  Bưu cục Sài Gòn",
            sets=2,
        ),
        actor="clerk1",
    )
    assert r.to_json() == {
        "code": "000.00.06.H56-261123-0001",
        "received_at": "2026-11-23T09:05:30+07:00",
        "due_at": "2026-11-24T09:05:00+07:00",  # Tue 24/11 (Ngày Văn hóa Việt Nam) is no enacted holiday
        "status": "received",
        "fee_vnd": 0,
    }
    v = DossierService(ctx).get(r.code)
    assert v.full_name == "Nguyễn Thị Ánh" and unicodedata.is_normalized("NFC", v.full_name)
    assert v.phone == "0912345678"
    assert v.email == "an@example.vn"
    assert v.address == "12 Lê Lợi"
    assert v.post_address == "Hộp thư 15, Bưu cục Sài Gòn"
    assert (v.sets, v.delivery, v.clerk, v.status, v.counter_number) == (2, "post", "clerk1", "received", 1)
    assert str(v.birth_date) == "1990-05-01"
    assert (v.register_book, v.register_number) == ("2026", 1)


@pytest.mark.parametrize(
    "phone", ["84912345678", "+84912345678", "0912 345 678", "091.234.5678", "(091) 234-5678"]
)
def test_phone_forms_are_normalised(ctx: AppContext, phone: str) -> None:
    r = IntakeService(ctx).receive(intake_doc(applicant=applicant(phone=phone)), actor="clerk1")
    assert DossierService(ctx).get(r.code).phone == "0912345678"


def test_codes_count_per_day_and_fee_is_the_catalog_fee(ctx: AppContext, clock: FakeClock) -> None:
    svc = IntakeService(ctx)
    code = "2.000635"  # trích lục hộ tịch, 8 000 đ
    doc = intake_doc(procedure=code, components=required_components(ctx, code))
    codes = [svc.receive(doc, actor="c").code for _ in range(3)]
    clock.set("2026-11-25T08:00")
    codes.append(svc.receive(doc, actor="c").code)
    assert codes == [
        "000.00.06.H56-261123-0001",
        "000.00.06.H56-261123-0002",
        "000.00.06.H56-261123-0003",
        "000.00.06.H56-261125-0001",
    ]
    assert svc.receive(doc, actor="c").fee_vnd == 8000


def test_cli_receive_prints_the_receipt(data_dir: Path) -> None:
    proc = run_cli(
        "dossier",
        "receive",
        "--json",
        "-",
        data_dir=data_dir,
        stdin=json.dumps(intake_doc(received_at="2026-11-25T15:00"), ensure_ascii=False),
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out == {
        "code": "000.00.06.H56-261125-0001",
        "received_at": "2026-11-25T15:00:00+07:00",
        "due_at": "2026-11-26T15:00:00+07:00",
        "status": "received",
        "fee_vnd": 0,
    }


def test_cli_refusal_in_a_real_process(ctx: AppContext) -> None:
    data_dir = ctx.data_dir
    before = snapshot(data_dir)
    bad = intake_doc(applicant=applicant(id_number="12345"))
    proc = run_cli(
        "dossier", "receive", "--json", "-", data_dir=data_dir, stdin=json.dumps(bad, ensure_ascii=False)
    )
    assert proc.returncode == 2
    assert "Số CCCD" in proc.stderr and "12 chữ số" in proc.stderr
    assert proc.stdout == ""
    assert snapshot(data_dir) == before


@pytest.mark.parametrize(
    ("doc", "label"),
    [
        (intake_doc(applicant=applicant(phone="12")), "Số điện thoại"),
        (intake_doc(delivery="post"), "Địa chỉ nhận qua bưu chính"),
        (intake_doc(components=[]), "Thành phần hồ sơ"),
        ("{not json", "Tệp JSON"),
    ],
)
def test_cli_refusals_exit_2_naming_the_field(ctx: AppContext, tmp_path: Path, doc: Any, label: str) -> None:
    data_dir = ctx.data_dir
    before = snapshot(data_dir)
    f = tmp_path / "in.json"
    f.write_text(doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    rc, out, err = run_main("dossier", "receive", "--json", str(f), data_dir=data_dir)
    assert rc == 2 and label in err and err.startswith("Lỗi: ")
    assert out == ""
    assert snapshot(data_dir) == before


def test_missing_file_is_a_clear_refusal(data_dir: Path, tmp_path: Path) -> None:
    rc, _, err = run_main("dossier", "receive", "--json", str(tmp_path / "none.json"), data_dir=data_dir)
    assert rc == 2 and "Tệp JSON" in err


def test_receipt_json_times_carry_the_offset(ctx: AppContext) -> None:
    r = IntakeService(ctx).receive(intake_doc(received_at="2026-11-23T02:00:00+00:00"), actor="c")
    assert iso(r.received_at) == "2026-11-23T09:00:00+07:00"  # the same instant, told in local time
