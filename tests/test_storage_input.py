"""Input hygiene: invisible and direction-changing characters refused in every text field, only ASCII
digits in CCCD and phone numbers, catalog imports bounded (size, procedures, components, nesting)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from counter_app.domain.applicant import check_id_number, normalise_phone
from counter_app.errors import ValidationError
from counter_app.services.calendar import CalendarService
from counter_app.services.catalog import CatalogService
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.feedback import FeedbackService
from counter_app.services.forms import FormsService
from counter_app.services.intake import IntakeService
from counter_app.services.payments import PaymentService
from counter_app.services.queue import open_queue
from counter_app.services.ratings import RatingService
from tests.conftest import intake_doc
from tests.core_support import ctx_snapshot, run_main

# RIGHT-TO-LEFT OVERRIDE, ZERO WIDTH SPACE, WORD JOINER, and the byte-order mark inside a text.
INVISIBLE = ["\u202e", "\u200b", "\u2060", "\ufeff"]


def received(ctx: AppContext) -> str:
    return IntakeService(ctx).receive(intake_doc(), actor="system").code


def with_applicant(**over: str) -> dict[str, Any]:
    doc = intake_doc()
    doc["applicant"] = {**doc["applicant"], **over}
    return doc


def _catalog_with_name(ctx: AppContext, name: str) -> None:
    doc = CatalogService(ctx).document()
    doc["procedures"][0]["name"] = name
    doc["version"] = "2099.1.1"
    CatalogService(ctx).import_data(doc, actor="system")


FIELDS: dict[str, Callable[[AppContext, str], Any]] = {
    "address": lambda ctx, t: IntakeService(ctx).receive(
        with_applicant(address=f"12 Lê{t} Lợi, Phường Bến Nghé"), actor="system"
    ),
    "full_name": lambda ctx, t: IntakeService(ctx).receive(
        with_applicant(full_name=f"Nguyễn{t} Văn An"), actor="system"
    ),
    "post_address": lambda ctx, t: IntakeService(ctx).receive(
        intake_doc(delivery="post", post_address=f"5 Hai{t} Bà Trưng"), actor="system"
    ),
    "status note": lambda ctx, t: DossierService(ctx).change_status(
        received(ctx), "processing", actor="system", note=f"Chuyển{t} phòng Tư pháp"
    ),
    "rejection reason": lambda ctx, t: FormsService(ctx).reject(
        received(ctx), f"Sai{t} thẩm quyền", actor="system"
    ),
    "supplement item": lambda ctx, t: FormsService(ctx).request_supplement(
        received(ctx), [f"Bản sao{t} giấy khai sinh"], "Thiếu giấy", actor="system"
    ),
    "feedback": lambda ctx, t: FeedbackService(ctx).submit("other", f"Phòng chờ{t} quá nóng, cần thêm quạt"),
    "rating comment": lambda ctx, t: RatingService(ctx).rate(
        RatingService(ctx).offer("intake", received(ctx), "system", counter=1),
        "dissatisfied",
        reasons=None,
        comment=f"Chờ{t} lâu",
    ),
    "calendar note": lambda ctx, t: CalendarService(ctx).set_day(
        date(2026, 12, 24), False, f"Nghỉ{t} bù", actor="system"
    ),
    "queue service": lambda ctx, t: open_queue(ctx).add_service("D", f"Đất{t} đai", actor="system"),
    "payment reference": lambda ctx, t: PaymentService(ctx).record(
        received(ctx), "transfer", 1, actor="system", reference=f"FT{t}123"
    ),
    "catalog name": lambda ctx, t: _catalog_with_name(ctx, f"Đăng ký{t} khai sinh"),
}


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("field", sorted(FIELDS))
def test_invisible_characters_are_refused_in_every_text_field(ctx: AppContext, field: str, char: str) -> None:
    before = ctx_snapshot(ctx)
    with pytest.raises(ValidationError) as info:
        FIELDS[field](ctx, char)
    assert "ký tự" in info.value.message
    if field in (
        "address",
        "full_name",
        "post_address",
        "feedback",
        "calendar note",
        "queue service",
        "catalog name",
    ):
        assert ctx_snapshot(ctx) == before  # the others receive a dossier first, then are refused


@pytest.mark.parametrize(
    "value", ["０７９２０３００１２３４", "٠٧٩٢٠٣٠٠١٢٣٤", "07920300123４"], ids=["fullwidth", "arabic", "one"]
)
def test_cccd_takes_only_ascii_digits(value: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_id_number(value)
    assert info.value.field == "applicant.id_number"


@pytest.mark.parametrize("value", ["０９１２３４５６７８", "091234567８", "+８４912345678"])
def test_phone_takes_only_ascii_digits(value: str) -> None:
    with pytest.raises(ValidationError) as info:
        normalise_phone(value)
    assert info.value.field == "applicant.phone"


def test_a_fullwidth_cccd_is_not_stored(ctx: AppContext) -> None:
    before = ctx_snapshot(ctx)
    with pytest.raises(ValidationError):
        IntakeService(ctx).receive(with_applicant(id_number="０７９２０３００１２３４"), actor="system")
    assert ctx_snapshot(ctx) == before


# --- catalog imports ---------------------------------------------------------------------------------


def test_deeply_nested_catalog_json_is_refused_not_a_recursion_error(
    ctx: AppContext, data_dir: Path, tmp_path: Path
) -> None:
    ctx.close()
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    rc, _out, err = run_main("catalog", "import", str(deep), data_dir=data_dir)
    assert rc == 2, err
    assert "Traceback" not in err and "Danh mục thủ tục" in err


def test_deeply_nested_intake_json_is_refused(ctx: AppContext, data_dir: Path, tmp_path: Path) -> None:
    ctx.close()
    deep = tmp_path / "deep.json"
    deep.write_text('{"applicant": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    rc, _out, err = run_main("dossier", "receive", "--json", str(deep), data_dir=data_dir)
    assert rc == 2 and "Traceback" not in err, err


def _catalog(n_procedures: int, n_components: int) -> dict[str, Any]:
    return {
        "version": "2099.1.1",
        "procedures": [
            {
                "code": f"9.{i:06d}",
                "name": f"Thủ tục số {i}",
                "field": "Khác",
                "processing_days": 1,
                "fee_vnd": 0,
                "components": [
                    {"name": f"Giấy tờ {j}", "kind": "original", "count": 1, "required": False}
                    for j in range(n_components)
                ],
            }
            for i in range(n_procedures)
        ],
    }


@pytest.mark.parametrize(("procedures", "components"), [(5001, 1), (1, 201)])
def test_catalog_imports_are_bounded(ctx: AppContext, procedures: int, components: int) -> None:
    before = ctx_snapshot(ctx)
    with pytest.raises(ValidationError) as info:
        CatalogService(ctx).import_data(_catalog(procedures, components), actor="system")
    assert info.value.label == "Danh mục thủ tục"
    assert ctx_snapshot(ctx) == before


def test_a_catalog_file_too_large_is_refused_before_reading(ctx: AppContext, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with open(big, "wb") as fh:
        fh.truncate(64 * 1024 * 1024)
    with pytest.raises(ValidationError) as info:
        CatalogService(ctx).import_file(big, actor="system")
    assert "MB" in info.value.message


def test_a_large_catalog_within_bounds_imports(ctx: AppContext) -> None:
    result = CatalogService(ctx).import_data(_catalog(2000, 20), actor="system")
    assert result["procedures"] == 2000
    assert len(CatalogService(ctx).list()) == 2000


def test_json_documents_from_the_cli_are_read_whole(tmp_path: Path) -> None:
    # A valid big intake document is still read (the bound is on nesting, not on ordinary size).
    doc = tmp_path / "x.json"
    doc.write_text(json.dumps(intake_doc()), encoding="utf-8")
    from counter_app.cli.runtime import CliApp

    assert CliApp.read_json(str(doc))["procedure"] == intake_doc()["procedure"]
