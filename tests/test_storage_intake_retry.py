"""A retried intake is not a duplicate: `request_id` makes intake idempotent (the first answer again), and
the clerk is warned when the same CCCD and procedure were received within ten minutes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counter_app.errors import ValidationError
from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from tests.conftest import FakeClock, intake_doc
from tests.core_support import ctx_snapshot, run_main, table_count


def test_a_repeat_answers_the_first_result_and_saves_nothing(ctx: AppContext, clock: FakeClock) -> None:
    doc = intake_doc(request_id="form-7f3c2a9e-0001")
    first = IntakeService(ctx).receive(doc, actor="system")
    before = ctx_snapshot(ctx)
    clock.advance(minutes=3)
    again = IntakeService(ctx).receive(doc, actor="system")
    assert again == first
    assert ctx_snapshot(ctx) == before
    other = IntakeService(ctx).receive(intake_doc(request_id="form-7f3c2a9e-0002"), actor="system")
    assert other.code != first.code


def test_a_retry_through_the_cli_after_a_crash_is_not_a_second_dossier(
    ctx: AppContext, data_dir: Path, tmp_path: Path
) -> None:
    ctx.close()
    doc = tmp_path / "in.json"
    doc.write_text(json.dumps(intake_doc(request_id="script-2026-11-23-0042")), encoding="utf-8")
    rc, out1, err = run_main("dossier", "receive", "--json", str(doc), data_dir=data_dir)
    assert rc == 0, err
    rc, out2, err = run_main("dossier", "receive", "--json", str(doc), data_dir=data_dir)
    assert rc == 0, err
    assert json.loads(out1) == json.loads(out2)
    assert table_count(data_dir / "counter.sqlite", "dossiers") == 1


@pytest.mark.parametrize("bad", ["short", 42, "has space in it", "x" * 65])
def test_a_bad_request_id_is_refused(ctx: AppContext, bad: object) -> None:
    with pytest.raises(ValidationError) as info:
        IntakeService(ctx).receive(intake_doc(request_id=bad), actor="system")
    assert info.value.field == "request_id"


def test_the_same_cccd_and_procedure_within_ten_minutes_is_flagged(
    ctx: AppContext, clock: FakeClock, data_dir: Path, tmp_path: Path
) -> None:
    first = IntakeService(ctx).receive(intake_doc(), actor="system")
    assert first.warning is None
    clock.advance(minutes=4)
    second = IntakeService(ctx).receive(intake_doc(), actor="system")
    assert second.warning is not None and first.code in second.warning
    assert second.to_json()["warning"] == second.warning
    clock.advance(minutes=11)
    assert IntakeService(ctx).receive(intake_doc(), actor="system").warning is None
    ctx.close()
    doc = tmp_path / "in.json"
    doc.write_text(json.dumps(intake_doc()), encoding="utf-8")
    run_main("dossier", "receive", "--json", str(doc), data_dir=data_dir)
    rc, out, err = run_main("dossier", "receive", "--json", str(doc), data_dir=data_dir)
    assert rc == 0
    assert "warning" in json.loads(out) and err.startswith("Cảnh báo:")
