"""`counter-app dossier attach|files|reusable|file` as a clerk's script runs them (in-process CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from tests.conftest import intake_doc
from tests.core_support import ctx_snapshot, run_main
from tests.files_support import save_png, typed_page, use_sane_test_backend

pytestmark = pytest.mark.both_backends


@pytest.fixture
def code(ctx: AppContext) -> str:
    return IntakeService(ctx).receive(intake_doc(), actor="lan").code


def test_attach_a_file_then_list_it(ctx: AppContext, code: str, tmp_path: Path) -> None:
    scan = save_png(typed_page(dpi=150), tmp_path / "to-khai.png")
    rc, out, err = run_main(
        "dossier", "attach", code, "--paper", "1", "--file", str(scan), "--json", data_dir=ctx.data_dir
    )
    assert rc == 0, err
    attached = json.loads(out)
    rc, out, err = run_main("dossier", "files", code, "--json", data_dir=ctx.data_dir)
    assert rc == 0, err
    [listed] = json.loads(out)
    assert {"paper", "name", "pages", "bytes", "sha256", "by", "at", "reused_from"} <= set(listed)
    assert listed == attached and (listed["paper"], listed["pages"], listed["by"]) == (1, 1, "")
    target = tmp_path / "ban-sao.pdf"
    rc, _out, err = run_main("dossier", "file", str(listed["id"]), "-o", str(target), data_dir=ctx.data_dir)
    assert rc == 0 and target.read_bytes()[:5] == b"%PDF-"


def test_attach_a_scan_and_the_result(ctx: AppContext, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    use_sane_test_backend(monkeypatch)
    rc, out, err = run_main(
        "dossier", "attach", code, "--result", "--scan", "test:0", "--json", data_dir=ctx.data_dir
    )
    assert rc == 0, err
    assert (json.loads(out)["paper"], json.loads(out)["name"]) == (None, "Kết quả giải quyết")


def test_reuse_by_cccd_from_the_command_line(ctx: AppContext, code: str, tmp_path: Path) -> None:
    scan = save_png(typed_page(dpi=100), tmp_path / "cccd.png")
    assert (
        run_main("dossier", "attach", code, "--paper", "3", "--file", str(scan), data_dir=ctx.data_dir)[0]
        == 0
    )
    later = IntakeService(ctx).receive(intake_doc(), actor="lan").code
    rc, out, _err = run_main("dossier", "reusable", "079203001234", "--json", data_dir=ctx.data_dir)
    [offer] = json.loads(out)
    assert (rc, offer["code"]) == (0, code)
    rc, out, err = run_main(
        "dossier",
        "attach",
        later,
        "--paper",
        "3",
        "--reuse",
        str(offer["id"]),
        "--json",
        data_dir=ctx.data_dir,
    )
    assert rc == 0, err
    assert json.loads(out)["reused_from"] == offer["id"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--paper", "9", "--file", "{scan}"], "Giấy tờ số: hồ sơ có 3 giấy tờ"),
        (["--paper", "1", "--file", "{missing}"], "Tệp: không có tệp"),
        (["--paper", "1", "--file", "{text}"], "không phải PDF hay ảnh"),
        (["--paper", "1", "--scan", "khongco:0"], "Máy quét:"),
        (["--paper", "1", "--reuse", "424242"], "Giấy tờ dùng lại:"),
        (["--result", "--reuse", "1"], "Dùng lại:"),
        (["--paper", "1", "--file", "{scan}", "--valid-until", "31/02/2027"], "Giá trị sử dụng đến ngày:"),
    ],
)
def test_bad_input_exits_2_naming_the_field_and_saves_nothing(
    ctx: AppContext, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], words: str
) -> None:
    use_sane_test_backend(monkeypatch)
    text = tmp_path / "note.txt"
    text.write_text("x", encoding="utf-8")
    paths = {
        "scan": save_png(typed_page(dpi=100), tmp_path / "a.png"),
        "missing": tmp_path / "nope.pdf",
        "text": text,
    }
    before = ctx_snapshot(ctx)
    rc, _out, err = run_main(
        "dossier", "attach", code, *[a.format(**paths) for a in args], data_dir=ctx.data_dir
    )
    assert rc == 2 and words in err, err
    assert ctx_snapshot(ctx) == before
    assert not list((ctx.data_dir / "files").rglob("*.pdf")) if (ctx.data_dir / "files").exists() else True
