"""Dossier lifecycle: legal moves only, reasons, full history, overdue, the apology once, the lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counter_app.domain import lifecycle as lc
from counter_app.errors import ConflictError, ValidationError
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from counter_app.services.users import UserService
from counter_app.timeutil import iso, parse_local
from tests.conftest import FakeClock, intake_doc, required_components
from tests.core_support import ctx_snapshot, run_main

# How to bring a fresh dossier into each state, by legal moves.
PATHS: dict[str, list[str]] = {
    lc.RECEIVED: [],
    lc.PROCESSING: [lc.PROCESSING],
    lc.SUPPLEMENT: [lc.PROCESSING, lc.SUPPLEMENT],
    lc.READY: [lc.PROCESSING, lc.READY],
    lc.RETURNED: [lc.PROCESSING, lc.READY, lc.RETURNED],
    lc.REJECTED: [lc.REJECTED],
    lc.STOPPED: [lc.PROCESSING, lc.STOPPED],
}
LEGAL = {
    (lc.RECEIVED, lc.PROCESSING),
    (lc.RECEIVED, lc.SUPPLEMENT),
    (lc.RECEIVED, lc.READY),
    (lc.RECEIVED, lc.REJECTED),
    (lc.PROCESSING, lc.SUPPLEMENT),
    (lc.PROCESSING, lc.READY),
    (lc.PROCESSING, lc.REJECTED),
    (lc.SUPPLEMENT, lc.PROCESSING),
    (lc.SUPPLEMENT, lc.REJECTED),
    (lc.READY, lc.RETURNED),
    # Dừng giải quyết (Nghị định 118/2025/NĐ-CP): from any open state, and for good.
    (lc.RECEIVED, lc.STOPPED),
    (lc.PROCESSING, lc.STOPPED),
    (lc.SUPPLEMENT, lc.STOPPED),
}


def receive(ctx: AppContext, **over: object) -> str:
    return IntakeService(ctx).receive(intake_doc(**over), actor="clerk1").code


def bring_to(ctx: AppContext, code: str, state: str) -> None:
    for target in PATHS[state]:
        DossierService(ctx).change_status(code, target, actor="clerk1", note="lý do")


def test_the_transition_table_is_what_the_issue_says() -> None:
    assert {(a, b) for a in lc.STATES for b in lc.STATES if lc.can_move(a, b)} == LEGAL


@pytest.mark.parametrize("source", lc.STATES)
def test_every_move_from_every_state(ctx: AppContext, clock: FakeClock, source: str) -> None:
    svc = DossierService(ctx)
    for target in lc.STATES:
        code = receive(ctx)
        bring_to(ctx, code, source)
        clock.advance(minutes=1)
        if (source, target) in LEGAL:
            v = svc.change_status(code, target, actor="clerk2", note="ghi chú")
            assert v.status == target
            assert (v.history[-1].from_status, v.history[-1].to_status, v.history[-1].clerk) == (
                source,
                target,
                "clerk2",
            )
        else:
            before = ctx_snapshot(ctx)
            with pytest.raises(ConflictError) as err:
                svc.change_status(code, target, actor="clerk2", note="ghi chú")
            assert "không thể chuyển từ" in str(err.value) and err.value.label == "Trạng thái"
            assert ctx_snapshot(ctx) == before


@pytest.mark.parametrize("target", [lc.SUPPLEMENT, lc.REJECTED, lc.STOPPED])
@pytest.mark.parametrize("note", [None, "", "   "])
def test_supplement_and_rejection_need_a_reason(ctx: AppContext, target: str, note: str | None) -> None:
    code = receive(ctx)
    before = ctx_snapshot(ctx)
    with pytest.raises(ValidationError) as err:
        DossierService(ctx).change_status(code, target, actor="clerk1", note=note)
    assert "Lý do" in str(err.value) and "cần ghi rõ lý do" in str(err.value)
    assert ctx_snapshot(ctx) == before


def test_unknown_state_is_refused(ctx: AppContext) -> None:
    with pytest.raises(ValidationError, match="Trạng thái"):
        DossierService(ctx).change_status(receive(ctx), "lost", actor="clerk1")


def test_history_records_every_change_with_time_clerk_and_note(ctx: AppContext, clock: FakeClock) -> None:
    svc = DossierService(ctx)
    clock.set("2026-11-23T09:00")
    code = receive(ctx)
    steps = [
        ("2026-11-23T09:30", "clerk2", lc.PROCESSING, None),
        ("2026-11-23T10:00", "clerk2", lc.SUPPLEMENT, "Thiếu bản sao Giấy chứng nhận kết hôn của cha mẹ"),
        ("2026-11-25T08:00", "clerk1", lc.PROCESSING, "Công dân đã bổ sung"),
        ("2026-11-25T14:00", "lanhdao", lc.READY, "Đã ký"),
        ("2026-11-26T08:15", "clerk1", lc.RETURNED, "Trả tận tay"),
    ]
    for at, clerk, state, note in steps:
        clock.set(at)
        svc.change_status(code, state, actor=clerk, note=note)
    v = svc.get(code)
    got = [(iso(h.at), h.clerk, h.action, h.from_status, h.to_status, h.note) for h in v.history]
    assert got == [
        ("2026-11-23T09:00:00+07:00", "clerk1", "receive", None, lc.RECEIVED, None),
        *[
            (parse_local(at).isoformat(), clerk, "status", prev, state, note)
            for (at, clerk, state, note), prev in zip(
                steps, [lc.RECEIVED, *[s[2] for s in steps[:-1]]], strict=True
            )
        ],
    ]
    assert (
        iso(v.ready_at) == "2026-11-25T14:00:00+07:00" and iso(v.returned_at) == "2026-11-26T08:15:00+07:00"
    )
    # The same through the CLI's JSON.
    rc, out, err = run_main("dossier", "show", code, "--json", data_dir=ctx.data_dir)
    assert rc == 0, err
    shown = json.loads(out)
    assert [h["to_status"] for h in shown["history"]] == [lc.RECEIVED] + [s[2] for s in steps]
    assert (
        shown["history"][2]["note"] == steps[1][3]
        and shown["history"][2]["at"] == "2026-11-23T10:00:00+07:00"
    )
    assert shown["history"][2]["data"] == {"remaining_minutes": 450 - 60}
    assert shown["status"] == "returned" and shown["overdue"] is False


def test_rejection_keeps_the_reason(ctx: AppContext) -> None:
    code = receive(ctx)
    v = DossierService(ctx).change_status(
        code, lc.REJECTED, actor="clerk1", note="  Không thuộc thẩm quyền  "
    )
    assert v.rejected_reason == "Không thuộc thẩm quyền"


def test_overdue_means_not_ready_by_the_due_time(ctx: AppContext, clock: FakeClock) -> None:
    svc = DossierService(ctx)
    clock.set("2026-11-25T09:00")
    codes = {s: receive(ctx) for s in lc.STATES}
    for state, code in codes.items():
        bring_to(ctx, code, state)
    due = svc.get(codes[lc.RECEIVED]).due_at
    assert iso(due) == "2026-11-26T09:00:00+07:00"
    clock.set(due)
    assert not any(
        svc.get(c).is_overdue(ctx.now()) for c in codes.values()
    )  # due at this minute: not late yet
    clock.advance(minutes=1)
    late = {s for s, c in codes.items() if svc.get(c).is_overdue(ctx.now())}
    assert late == {lc.RECEIVED, lc.PROCESSING}  # ready/returned/rejected/stopped are done; supplement paused
    assert {v.code for v in svc.list(overdue=True)} == {codes[lc.RECEIVED], codes[lc.PROCESSING]}


def test_apology_only_when_overdue_and_only_once(ctx: AppContext, clock: FakeClock) -> None:
    svc = DossierService(ctx)
    clock.set("2026-11-25T09:00")
    code = receive(ctx)
    clock.set("2026-11-26T08:00")  # not late yet
    with pytest.raises(ConflictError, match="chỉ lập phiếu xin lỗi cho hồ sơ đã quá hạn"):
        svc.apologize(code, parse_local("2026-11-30T09:00"), "Chờ xác minh", actor="lanhdao")
    clock.set("2026-11-26T10:00")
    with pytest.raises(ValidationError, match="Lý do"):
        svc.apologize(code, parse_local("2026-11-30T09:00"), " ", actor="lanhdao")
    with pytest.raises(ValidationError, match="Ngày hẹn trả mới"):
        svc.apologize(code, parse_local("2026-11-26T09:59"), "Chờ xác minh", actor="lanhdao")
    v = svc.apologize(
        code, parse_local("2026-11-30T09:00"), "Chờ xác minh từ nơi đăng ký thường trú", actor="lanhdao"
    )
    assert v.apology is not None and v.apology.number == "01/PXL"
    assert iso(v.apology.old_due_at) == "2026-11-26T09:00:00+07:00"
    assert iso(v.due_at) == "2026-11-30T09:00:00+07:00" and not v.is_overdue(ctx.now())
    assert v.history[-1].action == "apology" and v.history[-1].clerk == "lanhdao"
    # Late again after the new date: still no second apology, ever.
    clock.set("2026-12-01T09:00")
    assert svc.get(code).is_overdue(ctx.now())
    before = ctx_snapshot(ctx)
    with pytest.raises(ConflictError) as err:
        svc.apologize(code, parse_local("2026-12-04T09:00"), "Lần nữa", actor="lanhdao")
    assert "đã có phiếu xin lỗi số 01/PXL ngày 26/11/2026" in str(err.value)
    assert "chỉ được xin lỗi và hẹn lại một lần" in str(err.value)
    assert ctx_snapshot(ctx) == before


def test_second_apology_through_the_cli(data_dir: Path) -> None:
    ctx = AppContext(data_dir)  # the real clock: received long ago, so overdue whenever this runs
    code = IntakeService(ctx).receive(intake_doc(received_at="2025-03-03T09:00"), actor="clerk1").code
    ctx.close()
    args = ("dossier", "apologize", code, "--new-due", "2099-01-05T09:00", "--reason", "Chờ xác minh")
    rc, out, err = run_main(*args, "--json", data_dir=data_dir)
    assert rc == 0, err
    assert json.loads(out)["apology"]["number"] == "01/PXL"
    rc, out, err = run_main(*args, data_dir=data_dir)
    assert rc == 2 and out == ""
    assert "Phiếu xin lỗi" in err and "mỗi hồ sơ chỉ được xin lỗi và hẹn lại một lần" in err


def test_list_filters_through_the_cli(data_dir: Path) -> None:
    """Runs on the real clock: old receipts are overdue, today's 1-day dossier is due within a day."""
    ctx = AppContext(data_dir)
    svc = IntakeService(ctx)
    old = svc.receive(intake_doc(received_at="2025-03-03T09:00"), actor="clerk1").code
    old_ready = svc.receive(intake_doc(received_at="2025-03-03T10:00"), actor="clerk1").code
    DossierService(ctx).change_status(old_ready, "ready", actor="clerk1")
    fresh = svc.receive(intake_doc(), actor="clerk1").code
    slow_code = "1.001699"  # 30 working days
    slow = svc.receive(
        intake_doc(procedure=slow_code, components=required_components(ctx, slow_code)), actor="clerk1"
    ).code
    ctx.close()

    def codes(*args: str) -> list[str]:
        rc, out, err = run_main("dossier", "list", *args, "--json", data_dir=data_dir)
        assert rc == 0, err
        return [d["code"] for d in json.loads(out)]

    assert codes("--overdue") == [old]
    assert codes("--due-within-days", "1") == [fresh]
    assert set(codes("--due-within-days", "31")) == {fresh, slow}
    assert codes("--date", "2025-03-03") == [old, old_ready]
    assert set(codes()) == {old, old_ready, fresh, slow}
    rc, out, _ = run_main("dossier", "list", "--overdue", "--json", data_dir=data_dir)
    assert json.loads(out)[0]["overdue"] is True
    rc, _, err = run_main("dossier", "list", "--date", "3/3/25", data_dir=data_dir)
    assert rc == 2 and "Ngày" in err


def test_status_cli_refuses_illegal_moves_and_missing_reasons(data_dir: Path) -> None:
    ctx = AppContext(data_dir)
    code = IntakeService(ctx).receive(intake_doc(), actor="clerk1").code
    UserService(ctx).add("lanhdao", "Lê Văn Đạo", "supervisor", "matkhau123", actor="")  # --clerk below
    ctx.close()
    rc, _, err = run_main("dossier", "status", code, "returned", data_dir=data_dir)
    assert rc == 2 and "không thể chuyển từ 'Đã tiếp nhận' sang 'Đã trả kết quả'" in err
    rc, _, err = run_main("dossier", "status", code, "rejected", data_dir=data_dir)
    assert rc == 2 and "Lý do: cần ghi rõ lý do" in err
    rc, out, err = run_main(
        "dossier",
        "status",
        code,
        "rejected",
        "--note",
        "Hồ sơ giả mạo",
        "--json",
        "--clerk",
        "lanhdao",
        data_dir=data_dir,
    )
    assert rc == 0, err
    assert json.loads(out)["history"][-1]["clerk"] == "lanhdao"
    rc, _, err = run_main("dossier", "show", "000.00.06.H56-000000-0000", data_dir=data_dir)
    assert rc == 2 and "không tìm thấy hồ sơ" in err
