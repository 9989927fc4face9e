"""Configuration (show/set, validated) and the procedure catalog (list/import/export, version)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from counter_app.errors import ValidationError
from counter_app.services.catalog import CatalogService
from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from counter_app.services.users import UserService
from tests.conftest import intake_doc
from tests.core_support import ctx_snapshot, run_main, snapshot, table_count

ISSUE_KEYS = [
    "agency.name",
    "agency.code",
    "agency.address",
    "agency.province",
    "counter.number",
    "office.hours",
    "bank.bin",
    "bank.account",
    "bank.account_name",
    "city.server_url",
    "printer.receipt",
    "printer.ticket",
]


def test_config_show_and_set(data_dir: Path, backend: str) -> None:
    rc, out, err = run_main("config", "show", "--json", data_dir=data_dir)
    assert rc == 0, err
    shown = json.loads(out)
    assert set(ISSUE_KEYS) <= set(shown)
    assert shown["office.hours"] == "07:30-11:30,13:30-17:00" and shown["counter.number"] == 1
    rc, _, err = run_main(
        "user",
        "add",
        "admin",
        "--name",
        "Quản Trị",
        "--role",
        "admin",
        "--password",
        "matkhau123",
        data_dir=data_dir,
    )
    assert rc == 0, err  # --clerk must name an account
    for key, value, stored in [
        ("agency.code", "H15.50.05.13", "H15.50.05.13"),
        ("bank.bin", "970436", "970436"),
        ("office.hours", "07:00-11:00, 13:00-16:30", "07:00-11:00, 13:00-16:30"),
        ("counter.number", "3", 3),
        ("agency.name", "UBND Phường Sài Gòn", "UBND Phường Sài Gòn"),
        ("printer.ticket", "tcp://192.168.1.50:9100", "tcp://192.168.1.50:9100"),
    ]:
        rc, out, err = run_main("config", "set", key, value, "--clerk", "admin", data_dir=data_dir)
        assert rc == 0, err
        rc, out, _ = run_main("config", "show", "--json", data_dir=data_dir)
        assert json.loads(out)[key] == stored
    tree = tomllib.loads((data_dir / "config.toml").read_text(encoding="utf-8"))
    assert tree["counter"]["number"] == 3  # this PC's key: always its file
    # The office's key: in the office database when there is one (every PC sees it), else in the file.
    assert ("agency" in tree) == (backend == "sqlite")
    if backend == "sqlite":
        assert tree["agency"]["code"] == "H15.50.05.13"
    # Who changed what is in the audit log.
    assert table_count(data_dir, "audit_log", "action='config.set' AND actor='admin'") == 6
    rc, out, _ = run_main("config", "show", data_dir=data_dir)
    assert "Mã định danh cơ quan" in out
    # The new agency code and office hours are used at once.
    ctx = AppContext(data_dir)
    try:
        r = IntakeService(ctx).receive(intake_doc(received_at="2026-11-25T16:45"), actor="c")
        # Counter 3 on a file of its own numbers in its block, 2001…; on the office database, office-wide
        # (docs/domain.md, Dossier code).
        block = "0001" if ctx.db.engine.dialect.name == "postgresql" else "2001"
        assert r.code == f"H15.50.05.13-261125-{block}"
        # Past the new 16:30 closing: counted from Thursday 07:00, one office day → Friday 07:00.
        assert r.due_at.isoformat() == "2026-11-27T07:00:00+07:00"
    finally:
        ctx.close()


@pytest.mark.parametrize(
    ("key", "value", "label", "hint"),
    [
        ("agency.code", "000-00-06-H56", "Mã định danh cơ quan", "dấu chấm"),
        ("agency.code", "abc.def", "Mã định danh cơ quan", "chữ in hoa"),
        ("bank.bin", "97043", "Mã BIN ngân hàng", "6 chữ số"),
        ("bank.bin", "97O436", "Mã BIN ngân hàng", "6 chữ số"),
        ("office.hours", "7h30-11h30", "Giờ làm việc", "HH:MM-HH:MM"),
        ("office.hours", "13:30-17:00,07:30-11:30", "Giờ làm việc", "theo thứ tự"),
        ("office.hours", "11:30-07:30", "Giờ làm việc", "sau giờ bắt đầu"),
        ("office.hours", "", "Giờ làm việc", "ít nhất một khoảng"),
        ("counter.number", "0", "Số quầy", "từ 1 đến 99"),
        ("city.server_url", "ftp://x", "Máy chủ thành phố", "http"),
        ("printer.receipt", "LPT1", "Máy in biên nhận", "tcp://"),
        ("agency.name", "   ", "Tên cơ quan", "không được để trống"),
        ("sync.time", "9:00 PM", "Giờ đồng bộ hằng đêm", "HH:MM"),
        ("sync.batch_size", "0", "Số sự kiện mỗi lô", "từ 1 đến 5000"),
    ],
)
def test_bad_config_values_are_refused(ctx: AppContext, key: str, value: str, label: str, hint: str) -> None:
    data_dir = ctx.data_dir
    run_main("config", "set", "agency.name", "UBND Phường Bến Thành", data_dir=data_dir)
    before = (data_dir / "config.toml").read_bytes()
    rc, out, err = run_main("config", "set", key, value, data_dir=data_dir)
    assert rc == 2 and out == ""
    assert label in err and hint in err, err
    assert (data_dir / "config.toml").read_bytes() == before


def test_unknown_config_key_and_broken_file(data_dir: Path) -> None:
    rc, _, err = run_main("config", "set", "agency.codes", "X", data_dir=data_dir)
    assert rc == 2 and "agency.codes: khóa cấu hình không tồn tại (có phải agency.code?)" in err
    (data_dir / "config.toml").write_text("[agency\ncode = 1", encoding="utf-8")
    rc, _, err = run_main("config", "show", data_dir=data_dir)
    assert rc == 78 and "Tệp cấu hình" in err and "TOML" in err and "dòng 1" in err


def test_config_file_is_private(data_dir: Path) -> None:
    run_main("config", "set", "city.secret", "s3cret-value", data_dir=data_dir)
    assert (data_dir / "config.toml").stat().st_mode & 0o077 == 0
    rc, out, _ = run_main("config", "show", "--json", data_dir=data_dir)
    assert json.loads(out)["city.secret"] == "********" and "s3cret" not in out


# --- catalog ---------------------------------------------------------------------------------------------


def test_catalog_list_json_shape(data_dir: Path) -> None:
    rc, out, err = run_main("catalog", "list", "--json", data_dir=data_dir)
    assert rc == 0, err
    procedures = json.loads(out)
    assert len(procedures) >= 20
    for p in procedures:
        assert set(p) == {"code", "name", "field", "processing_days", "fee_vnd", "components"}
        assert isinstance(p["fee_vnd"], int) and p["fee_vnd"] >= 0 and p["processing_days"] >= 1
        assert p["components"] and all(
            set(c) == {"name", "kind", "count", "required"}
            and c["kind"] in ("original", "copy", "certified_copy")
            for c in p["components"]
        )
    names = " ".join(p["name"] for p in procedures).lower()
    for wanted in (
        "khai sinh",
        "khai tử",
        "kết hôn",
        "tình trạng hôn nhân",
        "trích lục",
        "chứng thực bản sao",
        "chứng thực chữ ký",
        "giao dịch",
    ):
        assert wanted in names, wanted
    rc, out, _ = run_main("catalog", "list", "--search", "khai tu", data_dir=data_dir)
    assert "Đăng ký khai tử" in out and "khai sinh" not in out


def test_catalog_export_import_round_trip(ctx: AppContext, tmp_path: Path) -> None:
    svc = CatalogService(ctx)
    exported = tmp_path / "catalog.json"
    rc, _, err = run_main("catalog", "export", str(exported), data_dir=ctx.data_dir)
    assert rc == 0, err
    doc = json.loads(exported.read_text(encoding="utf-8"))
    assert doc["version"] == "2026.11.1" == svc.version()
    assert doc["procedures"] == [p.to_json() for p in svc.list()]

    # The city pushes a new version: one fee changed, one procedure added, one withdrawn.
    doc["version"] = "2026.12.1"
    doc["procedures"][0]["fee_vnd"] = 5000
    withdrawn = doc["procedures"].pop()
    doc["procedures"].append(
        {
            "code": "9.000001",
            "name": "Xác nhận thông tin cư trú",
            "field": "Cư trú",
            "processing_days": 2,
            "fee_vnd": 0,
            "components": [
                {
                    "name": "Tờ khai thay đổi thông tin cư trú",
                    "kind": "original",
                    "count": 1,
                    "required": True,
                }
            ],
        }
    )
    changed = tmp_path / "new.json"
    changed.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    UserService(ctx).add("admin", "Quản Trị", "admin", "matkhau123", actor="")  # --clerk names an account
    rc, out, err = run_main("catalog", "import", str(changed), "--clerk", "admin", data_dir=ctx.data_dir)
    assert rc == 0, err
    assert "2026.12.1" in out
    assert svc.version() == "2026.12.1"
    assert [p.to_json() for p in svc.list()] == doc["procedures"]
    assert withdrawn["code"] not in {p.code for p in svc.list()}
    assert withdrawn["code"] in {p.code for p in svc.list(include_inactive=True)}
    again = tmp_path / "again.json"
    run_main("catalog", "export", str(again), data_dir=ctx.data_dir)
    assert json.loads(again.read_text(encoding="utf-8")) == doc


def _catalog(**over: Any) -> dict[str, Any]:
    proc = {
        "code": "1.1",
        "name": "Thủ tục A",
        "field": "Hộ tịch",
        "processing_days": 1,
        "fee_vnd": 0,
        "components": [{"name": "Tờ khai", "kind": "original", "count": 1, "required": True}],
    }
    comp_over = over.pop("component", None)
    if comp_over is not None:
        proc["components"] = [comp_over]
    proc.update(over.pop("procedure", {}))
    doc = {"version": "2027.1", "procedures": [proc]}
    doc.update(over)
    return doc


@pytest.mark.parametrize(
    ("content", "hint"),
    [
        ("{not json", "không đọc được tệp"),
        (json.dumps([1, 2]), "procedures"),
        (json.dumps(_catalog(version="")), "version"),
        (json.dumps(_catalog(procedures=[])), "không có thủ tục nào"),
        (json.dumps(_catalog(procedure={"code": "a b"})), "mã 'a b' không hợp lệ"),
        (json.dumps(_catalog(procedure={"name": ""})), "tên"),
        (json.dumps(_catalog(procedure={"processing_days": -1})), "số ngày xử lý"),
        (json.dumps(_catalog(procedure={"processing_days": 10**9})), "số ngày xử lý"),
        (json.dumps(_catalog(procedure={"fee_vnd": 1.5})), "phí"),
        (json.dumps(_catalog(procedure={"fee_vnd": 10**30})), "phí"),
        (json.dumps(_catalog(procedure={"components": "Tờ khai"})), "danh sách"),
        (json.dumps(_catalog(procedure={"components": ["Tờ khai"]})), "không phải một đối tượng"),
        (json.dumps(_catalog(component={"name": "Tờ khai", "kind": "photo"})), "loại không hợp lệ"),
        (json.dumps(_catalog(component={"name": "Tờ khai", "kind": "copy", "count": 0})), "số lượng"),
        (json.dumps(_catalog(component={"name": "Tờ khai", "kind": "copy", "required": "yes"})), "required"),
    ],
)
def test_bad_catalog_file_changes_nothing(ctx: AppContext, tmp_path: Path, content: str, hint: str) -> None:
    f = tmp_path / "bad.json"
    f.write_text(content, encoding="utf-8")
    before = ctx_snapshot(ctx)
    with pytest.raises(ValidationError) as err:
        CatalogService(ctx).import_file(f, actor="admin")
    assert err.value.label == "Danh mục thủ tục" and hint in str(err.value), str(err.value)
    assert ctx_snapshot(ctx) == before


def test_bad_catalog_through_the_cli(data_dir: Path, tmp_path: Path) -> None:
    run_main("catalog", "list", data_dir=data_dir)
    before = snapshot(data_dir)
    f = tmp_path / "bad.json"
    doc = _catalog()
    doc["procedures"].append(dict(doc["procedures"][0]))  # the same code twice, found after a good one
    f.write_text(json.dumps(doc), encoding="utf-8")
    rc, _, err = run_main("catalog", "import", str(f), data_dir=data_dir)
    assert rc == 2 and "Danh mục thủ tục" in err and "bị trùng" in err
    assert snapshot(data_dir) == before


def test_dossiers_keep_their_snapshot_after_a_catalog_change(ctx: AppContext) -> None:
    from counter_app.services.dossiers import DossierService

    code = IntakeService(ctx).receive(intake_doc(), actor="c").code
    CatalogService(ctx).import_data(_catalog(), actor="admin")
    v = DossierService(ctx).get(code)
    assert v.procedure_name == "Đăng ký khai sinh" and len(v.components) == 3
    with pytest.raises(ValidationError, match="không có trong danh mục"):
        IntakeService(ctx).receive(intake_doc(), actor="c")


def test_the_city_catalog_wins_over_the_office_one_but_never_goes_back(ctx: AppContext) -> None:
    svc = CatalogService(ctx)
    svc.import_data(_catalog(version="2099.1"), actor="admin")  # the office's own, numbered high
    city = {"actor": "city", "from_city": True}
    assert svc.import_data(_catalog(version="2026.12.2"), **city)["applied"] is True  # server wins
    assert (svc.version(), svc.city_version()) == ("2026.12.2", "2026.12.2")
    assert svc.import_data(_catalog(version="2026.12.2"), **city)["applied"] is False  # already applied
    assert svc.import_data(_catalog(version="2026.12.1"), **city)["applied"] is False  # an older city one
    assert svc.import_data(_catalog(version="2026.12.10"), **city)["applied"] is True  # 10 > 2, as numbers
    svc.import_data(_catalog(version="2099.2"), actor="admin")  # a local edit stays until the city's next
    assert (svc.version(), svc.city_version()) == ("2099.2", "2026.12.10")
