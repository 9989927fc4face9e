"""`-o FILE` never half-saves: a form that records a decision is written first, committed, then moved into
place; a bad path changes nothing and says which path. Reports and catalog exports likewise, and no
output ever replaces a directory or a device. What is written is private (0600)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from tests.conftest import intake_doc
from tests.core_support import run_main, snapshot
from tests.storage_support import fill_disk, small_disk

BAD_TARGETS = ["/proc/x.pdf", "/dev/null", "{tmp}", "{tmp}/missing/x.pdf"]


def received(ctx: AppContext) -> str:
    return IntakeService(ctx).receive(intake_doc(), actor="system").code


def one_line(stderr: str) -> str:
    lines = [x for x in stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


def target(spec: str, tmp_path: Path) -> str:
    return spec.replace("{tmp}", str(tmp_path))


@pytest.mark.parametrize("spec", BAD_TARGETS)
@pytest.mark.parametrize(
    "form_args",
    [
        ("rejection", "--reason", "Hồ sơ không thuộc thẩm quyền"),
        ("supplement", "--item", "Bản sao", "--reason", "Thiếu bản sao"),
    ],
)
def test_a_decision_form_to_a_bad_path_records_nothing(
    ctx: AppContext, data_dir: Path, tmp_path: Path, spec: str, form_args: tuple[str, ...]
) -> None:
    code = received(ctx)
    ctx.close()
    before = snapshot(data_dir / "counter.sqlite")
    out = target(spec, tmp_path)
    form, *rest = form_args
    rc, _out, err = run_main("form", form, code, *rest, "-o", out, data_dir=data_dir)
    assert rc == 2
    assert out in one_line(err)
    assert snapshot(data_dir / "counter.sqlite") == before
    assert Path("/dev/null").is_char_device()
    # The rerun to a good path is not refused: nothing was recorded the first time.
    good = tmp_path / "ok.pdf"
    rc, _out, err = run_main("form", form, code, *rest, "-o", str(good), data_dir=data_dir)
    assert rc == 0, err
    assert good.read_bytes().startswith(b"%PDF")
    if os.name != "nt":
        assert stat.S_IMODE(good.stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_form_that_cannot_be_written_leaves_the_dossier_unchanged_even_after_rendering(
    ctx: AppContext, data_dir: Path, tmp_path: Path
) -> None:
    """The write fails only once the PDF exists (its folder is on a full disk): still nothing recorded."""
    code = received(ctx)
    before = snapshot(data_dir / "counter.sqlite")
    with small_disk(tmp_path, 256) as disk:
        fill_disk(disk)
        out = disk / "x.pdf"
        rc, _out, err = run_main(
            "form", "rejection", code, "--reason", "Sai thẩm quyền", "-o", str(out), data_dir=data_dir
        )
        assert rc == 2 and str(out) in one_line(err)
        assert not out.exists() and not [p for p in disk.iterdir() if p.name.startswith(".")]
    assert snapshot(data_dir / "counter.sqlite") == before
    assert DossierService(ctx).get(code).status == "received"


@pytest.mark.parametrize("spec", BAD_TARGETS)
@pytest.mark.parametrize("option", ["-o", "--csv"])
def test_report_outputs_refuse_bad_paths_without_a_traceback(
    ctx: AppContext, data_dir: Path, tmp_path: Path, spec: str, option: str
) -> None:
    ctx.close()
    out = target(spec, tmp_path)
    if "missing" in spec:  # a report's folder is made when missing
        return
    rc, _out, err = run_main("report", "monthly", "--month", "2026-10", option, out, data_dir=data_dir)
    assert rc == 2
    assert out in one_line(err)
    assert Path("/dev/null").is_char_device()


def test_report_files_are_private(ctx: AppContext, data_dir: Path, tmp_path: Path) -> None:
    ctx.close()
    pdf, csv = tmp_path / "r.pdf", tmp_path / "r.csv"
    rc, _out, err = run_main(
        "report", "monthly", "--month", "2026-10", "-o", str(pdf), "--csv", str(csv), data_dir=data_dir
    )
    assert rc == 0, err
    for path in (pdf, csv):
        assert path.stat().st_size > 0
        if os.name != "nt":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("spec", BAD_TARGETS)
def test_catalog_export_refuses_bad_paths(ctx: AppContext, data_dir: Path, tmp_path: Path, spec: str) -> None:
    ctx.close()
    out = target(spec, tmp_path)
    rc, _out, err = run_main("catalog", "export", out, data_dir=data_dir)
    assert rc == 2
    assert out in one_line(err)
    assert Path("/dev/null").is_char_device()
