"""Digitised papers through the service, on real parts: SANE's virtual scanner run through scanimage, real
image and PDF files, the real database; what is stored is read back and drawn again."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from counter_app.digitise import sane
from counter_app.digitise.pages import skew_angle
from counter_app.errors import ConflictError, NotFoundError, ValidationError
from counter_app.services.context import AppContext
from counter_app.services.files import RESULT_NAME, FileService
from counter_app.services.intake import IntakeService
from db.models import OutboxEvent
from db.models.files import StoredFile
from tests.conftest import BIRTH_COMPONENTS, FakeClock, intake_doc
from tests.core_support import ctx_snapshot
from tests.files_support import pdf_image_sizes, pdf_pages, save_png, typed_page, use_sane_test_backend

pytestmark = pytest.mark.both_backends

PAGE_LIMIT = 150 * 1024  # a grey A4 page, as scanner.page_kb says by default


def _receive(ctx: AppContext, cccd: str = "079203001234") -> str:
    doc = intake_doc()
    doc["applicant"]["id_number"] = cccd
    return IntakeService(ctx).receive(doc, actor="lan").code


def _stored_count(ctx: AppContext) -> int:
    """PDFs stored: files under <data dir>/files, or rows of stored_files in office mode."""
    if FileService(ctx).office_mode:
        with ctx.db.read() as s:
            return int(s.scalar(select(func.count()).select_from(StoredFile)) or 0)
    root = ctx.data_dir / "files"
    return len(list(root.rglob("*.pdf"))) if root.exists() else 0


def _outbox(ctx: AppContext, etype: str) -> list[dict[str, Any]]:
    with ctx.db.read() as s:
        return list(
            s.scalars(select(OutboxEvent.payload).where(OutboxEvent.type == etype).order_by(OutboxEvent.id))
        )


def test_a_real_scan_through_sanes_test_backend_is_stored_small_checksummed_and_listed(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_sane_test_backend(monkeypatch)
    code = _receive(ctx)
    files = FileService(ctx)
    prepared = files.prepare_scan("test:0")
    entry = files.attach(code, 2, prepared, actor="lan", source="scanner")

    assert (entry.paper, entry.name, entry.pages, entry.by) == (2, BIRTH_COMPONENTS[1]["name"], 1, "lan")
    stored = files.read(entry.id)
    assert entry.bytes == len(stored) and entry.sha256 == hashlib.sha256(stored).hexdigest()
    # One A4 page at 150 dpi (the test backend's page is 210 × 297 mm, tests/sane/test.conf), within budget.
    [(w, h, jpeg_bytes)] = pdf_image_sizes(stored)
    assert (abs(w - 1240) <= 2, abs(h - 1754) <= 2) == (True, True)
    assert jpeg_bytes <= PAGE_LIMIT
    # The grid the virtual scanner draws is square to the page: it is not "straightened" askew.
    [page] = pdf_pages(stored)
    assert abs(skew_angle(page)) < 0.3
    assert [e.to_json() for e in files.listing(code)] == [entry.to_json()]
    [event] = _outbox(ctx, "dossier.file_attached")
    assert event == {
        "code": code, "role": "paper", "paper": 2, "name": entry.name, "pages": 1, "bytes": entry.bytes,
        "sha256": entry.sha256, "reused_from_code": None, "at": "2026-11-23T09:00:00+07:00", "actor": "lan",
    }  # fmt: skip


def test_a_scanner_without_sanes_grey_mode_name_scans_in_its_own_mode(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_sane_test_backend(monkeypatch)
    monkeypatch.setattr(
        sane, "GREY_MODE", "Grayscale"
    )  # what some drivers call it; the test backend refuses it
    ctx.config.set("scanner.dpi", 100)
    prepared = FileService(ctx).prepare_scan("test:0")
    [(w, h, _jpeg)] = pdf_image_sizes(prepared.data)
    assert (abs(w - 827) <= 2, abs(h - 1169) <= 2) == (True, True)  # A4 at 100 dpi, grey


def test_a_document_feeder_scans_every_sheet_into_one_pdf(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_sane_test_backend(monkeypatch)
    ctx.config.set("scanner.source", "Automatic Document Feeder")  # the test backend's feeder holds 10
    code = _receive(ctx)
    files = FileService(ctx)
    entry = files.attach(code, 1, files.prepare_scan("test:1"), actor="lan", source="scanner")
    assert entry.pages == 10
    sizes = pdf_image_sizes(files.read(entry.id))
    assert len(sizes) == 10 and max(b for _w, _h, b in sizes) <= PAGE_LIMIT


def test_a_typed_page_askew_is_straightened_and_kept_under_150_kb(ctx: AppContext, tmp_path: Path) -> None:
    code = _receive(ctx)
    scan = save_png(typed_page(dpi=300, skew_deg=2.0), tmp_path / "scan.png")  # 300 dpi, 2° askew
    files = FileService(ctx)
    entry = files.attach(code, 1, files.prepare_file(scan), actor="lan")
    stored = files.read(entry.id)
    [(w, h, jpeg_bytes)] = pdf_image_sizes(stored)
    assert abs(w - 1240) <= 3 and abs(h - 1754) <= 3  # brought down to 150 dpi
    assert jpeg_bytes <= PAGE_LIMIT
    [page] = pdf_pages(stored)
    assert abs(skew_angle(page)) < 0.3  # the text lines run straight now
    assert abs(skew_angle(typed_page(dpi=150, skew_deg=2.0)) + 2.0) <= 0.3  # and the measure can tell


def test_a_pdf_file_within_budget_is_kept_byte_for_byte(ctx: AppContext, tmp_path: Path) -> None:
    code = _receive(ctx)
    files = FileService(ctx)
    first = files.attach(
        code, 1, files.prepare_file(save_png(typed_page(dpi=150), tmp_path / "a.png")), actor=""
    )
    original = tmp_path / "paper.pdf"
    original.write_bytes(files.read(first.id))
    again = files.attach(code, 3, files.prepare_file(original), actor="")
    assert (again.sha256, again.pages, again.by) == (first.sha256, 1, "")


def test_the_result_is_attached_without_a_paper_number(ctx: AppContext, tmp_path: Path) -> None:
    code = _receive(ctx)
    files = FileService(ctx)
    entry = files.attach(
        code, None, files.prepare_file(save_png(typed_page(dpi=150), tmp_path / "kq.png")), actor="lan"
    )
    assert (entry.role, entry.paper, entry.name) == ("result", None, RESULT_NAME)
    assert _outbox(ctx, "dossier.file_attached")[-1]["role"] == "result"


def test_stored_files_are_private(ctx: AppContext, tmp_path: Path) -> None:
    code = _receive(ctx)
    files = FileService(ctx)
    entry = files.attach(
        code, 1, files.prepare_file(save_png(typed_page(dpi=150), tmp_path / "a.png")), actor="lan"
    )
    path = files.path_of(entry.id)
    if files.office_mode:  # the bytes are in the office database, nothing on this PC's disk
        assert path is None and _stored_count(ctx) == 1 and not (ctx.data_dir / "files").exists()
        return
    assert path is not None and path.is_file()
    if os.name != "nt":
        assert path.stat().st_mode & 0o777 == 0o600
        folder = path.parent
        while folder != ctx.data_dir:
            assert folder.stat().st_mode & 0o777 == 0o700, folder
            folder = folder.parent


@pytest.mark.parametrize("paper", [0, 4, -1])
def test_no_such_paper_is_refused_naming_the_field_and_nothing_is_saved(
    ctx: AppContext, tmp_path: Path, paper: int
) -> None:
    code = _receive(ctx)
    files = FileService(ctx)
    prepared = files.prepare_file(save_png(typed_page(dpi=100), tmp_path / "a.png"))
    before = ctx_snapshot(ctx)
    with pytest.raises(ValidationError) as err:
        files.attach(code, paper, prepared, actor="lan")
    assert err.value.field == "paper" and "có 3 giấy tờ" in err.value.message
    assert ctx_snapshot(ctx) == before and _stored_count(ctx) == 0


def test_bad_files_are_refused_naming_the_field(ctx: AppContext, tmp_path: Path) -> None:
    files = FileService(ctx)
    text = tmp_path / "ghi-chu.txt"
    text.write_text("không phải ảnh", encoding="utf-8")
    fake_pdf = tmp_path / "hong.pdf"
    fake_pdf.write_bytes(b"%PDF-1.4\n garbage")
    fake_png = tmp_path / "hong.png"
    fake_png.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    for bad, words in (
        (tmp_path / "khong-co.pdf", "không có tệp"),
        (text, "không phải PDF hay ảnh"),
        (fake_pdf, "PDF hỏng"),
        (fake_png, "không phải ảnh đọc được"),
    ):
        with pytest.raises(ValidationError) as err:
            files.prepare_file(bad)
        assert err.value.field == "file" and words in err.value.message, bad


def test_a_missing_scanner_or_scanimage_is_one_sentence_naming_the_scanner(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    use_sane_test_backend(monkeypatch)
    files = FileService(ctx)
    with pytest.raises(ValidationError) as err:
        files.prepare_scan("khongco:0")
    assert err.value.field == "scan" and "khongco:0" in err.value.message
    monkeypatch.setenv("PATH", str(tmp_path))  # no scanimage on this PC
    with pytest.raises(ValidationError) as err:
        files.prepare_scan("test:0")
    assert err.value.field == "scan" and "sane-utils" in err.value.message


def test_a_returning_citizens_valid_papers_are_offered_and_reused(
    ctx: AppContext, clock: FakeClock, tmp_path: Path
) -> None:
    files = FileService(ctx)
    first = _receive(ctx, "079203001234")
    other = _receive(ctx, "001099012345")
    page = files.prepare_file(save_png(typed_page(dpi=100), tmp_path / "a.png"))
    form = files.attach(first, 1, page, actor="lan", valid_until=date(2026, 12, 31))
    card = files.attach(first, 3, page, actor="lan")  # no end of validity
    files.attach(other, 1, page, actor="lan")
    clock.advance(days=3)
    second = _receive(ctx, "079203001234")

    offered = files.reusable("079203001234")
    assert {(r.id, r.code) for r in offered} == {(form.id, first), (card.id, first)}
    reused = files.reuse(second, 3, card.id, actor="minh")
    assert (reused.reused_from, reused.sha256, reused.pages, reused.by) == (card.id, card.sha256, 1, "minh")
    assert files.read(reused.id) == files.read(card.id)  # the same stored PDF, not a copy
    assert [e.reused_from for e in files.listing(second)] == [card.id]
    assert _outbox(ctx, "dossier.file_attached")[-1]["reused_from_code"] == first
    # A reused paper is offered once, as its original; after its end of validity not at all.
    assert len(files.reusable("079203001234")) == 2
    clock.set("2027-01-02T09:00")
    assert [r.id for r in files.reusable("079203001234")] == [card.id]
    with pytest.raises(ConflictError) as err:
        files.reuse(second, 1, form.id, actor="minh")
    assert err.value.field == "reuse" and "hết hiệu lực" in err.value.message
    # Another citizen's paper, an unknown one, the result: refused.
    with pytest.raises(ConflictError, match="công dân khác"):
        files.reuse(other, 2, card.id, actor="minh")
    with pytest.raises(NotFoundError):
        files.reuse(second, 1, 99999, actor="minh")
    with pytest.raises(ValidationError):
        files.reusable("12345")
