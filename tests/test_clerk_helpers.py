"""The Qt-free rules behind the clerk window: procedure search, board tabs and actions, live field
checks, the status bar's sync figures."""

from __future__ import annotations

from datetime import date

from counter_app.domain.intake_form import field_error, parse_birth_date
from counter_app.errors import ValidationError
from counter_app.services.board import BoardService, actions_for
from counter_app.services.catalog import CatalogService
from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from counter_app.services.procedure_search import ProcedureIndex
from counter_app.services.sync_state import SyncStateService
from db.models import Meta
from tests.conftest import intake_doc


def _index(ctx) -> ProcedureIndex:  # type: ignore[no-untyped-def]
    return ProcedureIndex(CatalogService(ctx).list())


def test_procedure_search_ignores_case_and_diacritics(ctx) -> None:  # type: ignore[no-untyped-def]
    idx = _index(ctx)
    hits = idx.search("khai sinh")
    assert hits[0].name == "Đăng ký khai sinh"  # the phrase at the start of a name ranks first…
    assert all("khai sinh" in h.search_key for h in hits)
    assert [h.code for h in idx.search("KHAI SINH")] == [h.code for h in hits]
    assert [h.code for h in idx.search("Khai Sinh")] == [h.code for h in idx.search("khái sính")]
    chung_thuc = idx.search("chung thuc")
    assert chung_thuc[0].name.startswith("Chứng thực")
    assert {h.field for h in chung_thuc} == {"Chứng thực"}  # by name or by field
    assert idx.search("2.000884")[0].code == "2.000884"  # by code
    assert idx.search("dang ky ket hon")[0].name == "Đăng ký kết hôn"
    assert idx.search("khong co thu tuc nay") == []
    assert len(idx.search("")) == len(idx)


def test_procedure_search_words_in_any_order(ctx) -> None:  # type: ignore[no-untyped-def]
    idx = _index(ctx)
    assert "Đăng ký kết hôn" in [h.name for h in idx.search("hon ket")]


def test_field_errors_match_the_intake_rules() -> None:
    assert field_error("id_number", "12345") == "phải gồm đúng 12 chữ số"
    assert field_error("id_number", "079203001234") is None
    assert "mã tỉnh" in (field_error("id_number", "999203001234") or "")
    assert field_error("phone", "0912 345 678") is None
    assert field_error("phone", "12345") == "phải gồm 10 chữ số bắt đầu bằng 0 (hoặc +84)"
    assert field_error("full_name", "Nguyễn Văn 3") == "chỉ được gồm chữ cái tiếng Việt và dấu cách"
    assert field_error("full_name", "") == "không được để trống"
    assert field_error("email", "") is None
    assert field_error("email", "a@b") is not None
    assert field_error("birth_date", "") is None
    assert field_error("birth_date", "31/02/1990") == "ngày không tồn tại"
    assert field_error("post_address", "") == "không được để trống"


def test_birth_date_forms() -> None:
    assert parse_birth_date("5/9/1990") == date(1990, 9, 5)
    assert parse_birth_date("05-09-1990") == date(1990, 9, 5)
    assert parse_birth_date("05091990") == date(1990, 9, 5)
    assert parse_birth_date("  ") is None
    for bad in ("31/02/1990", "5/9/90", "hôm qua"):
        try:
            parse_birth_date(bad)
        except ValidationError as exc:
            assert exc.field == "applicant.birth_date" and exc.label == "Ngày sinh"
        else:
            raise AssertionError(bad)
    try:
        parse_birth_date("01/01/2030", today=date(2026, 11, 23))
    except ValidationError:
        pass
    else:
        raise AssertionError("a birth date in the future must be refused")


def test_board_tabs_and_urgency(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeService(ctx)
    clock.set("2026-11-19T09:00")  # Thursday: due Friday 09:00
    old = intake.receive(intake_doc(), actor="an")
    clock.set("2026-11-23T09:00")  # Monday; 24/11 is a day off (Ngày Văn hóa Việt Nam)
    new = intake.receive(intake_doc(), actor="an")
    soon = intake.receive(
        intake_doc(
            procedure="2.000884",
            components=[
                {"name": c.name, "kind": c.kind, "count": c.count}
                for c in CatalogService(ctx).get("2.000884").components
                if c.required
            ],
        ),
        actor="an",
    )
    snap = BoardService(ctx).snapshot()
    assert {v.code for v in snap.today} == {new.code, soon.code}
    assert [v.code for v in snap.overdue] == [old.code]
    assert snap.urgency(snap.overdue[0]) == "overdue"
    # One working day ahead of Monday 09:00 is Wednesday 09:00 (Tuesday is off): both new ones are due then.
    assert {v.code for v in snap.due_soon} == {new.code, soon.code}
    assert all(snap.urgency(v) == "due_soon" for v in snap.due_soon)
    assert snap.counts() == {"today": 2, "due_soon": 2, "overdue": 1, "ready": 0}
    DossierService(ctx).change_status(new.code, "ready", actor="an")
    snap = BoardService(ctx).snapshot()
    assert [v.code for v in snap.ready] == [new.code]
    assert snap.urgency(snap.ready[0]) == ""


def test_actions_follow_the_lifecycle_and_apology_once(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    d = DossierService(ctx)
    r = IntakeService(ctx).receive(intake_doc(), actor="an")
    view = d.get(r.code)
    enabled = {a.key for a in actions_for(view, ctx.now()) if a.enabled}
    assert enabled == {"processing", "ready", "supplement", "rejected", "stopped"}
    apology = next(a for a in actions_for(view, ctx.now()) if a.key == "apology")
    assert not apology.enabled and "quá hạn" in apology.why_not
    clock.set("2026-11-30T09:00")
    view = d.get(r.code)
    assert next(a for a in actions_for(view, ctx.now()) if a.key == "apology").enabled
    view = d.apologize(r.code, ctx.calendar.due(ctx.now(), 2), "Cần xác minh thêm", actor="an")
    clock.set("2026-12-10T09:00")  # overdue again: still no second apology
    state = next(a for a in actions_for(view, ctx.now()) if a.key == "apology")
    assert not state.enabled and "01/PXL" in state.why_not
    view = d.change_status(r.code, "ready", actor="an")
    assert {a.key for a in actions_for(view, ctx.now()) if a.enabled} == {"returned"}
    view = d.change_status(r.code, "returned", actor="an")
    assert not any(a.enabled for a in actions_for(view, ctx.now()))
    assert {a.key for a in actions_for(view, ctx.now()) if a.needs_reason} == {
        "supplement",
        "rejected",
        "apology",
        "stopped",
    }


def test_counter_status_reads_outbox_and_last_sync(ctx) -> None:  # type: ignore[no-untyped-def]
    before = SyncStateService(ctx).snapshot()
    assert before.last_success is None
    IntakeService(ctx).receive(intake_doc(), actor="an")
    after = SyncStateService(ctx).snapshot()
    assert after.pending == before.pending + 1
    with ctx.db.write() as s:
        s.merge(Meta(key="sync.last_success", value="2026-11-22T21:00:05+07:00"))
        s.merge(Meta(key="sync.last_error", value="máy chủ không trả lời"))
    st = SyncStateService(ctx).snapshot()
    assert st.last_success is not None and st.last_success.isoformat() == "2026-11-22T21:00:05+07:00"
    assert st.last_error == "máy chủ không trả lời"
    with ctx.db.write() as s:
        s.merge(Meta(key="sync.last_success", value="không phải ngày"))
    assert SyncStateService(ctx).snapshot().last_success is None
