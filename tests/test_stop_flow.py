"""Dừng giải quyết end to end: the state and its clock, the notice (Mẫu 05 of Thông tư 03/2025/TT-VPCP)
from the CLI, the event synced to a real city server (SQLite and PostgreSQL) and shown on the public
tracking page, and the monthly report."""
# ruff: noqa: F811 - pytest fixtures imported from tests.citykit are used as parameters

from __future__ import annotations

import json
from pathlib import Path

import httpx
from sqlalchemy import select

from city_server.models import DossierState, Event
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.users import UserService
from tests.citykit import City, city, city_module, configure_counter, new_counter, sync  # noqa: F401
from tests.conftest import FakeClock
from tests.core_support import ctx_snapshot, run_main
from tests.forms_support import flat, page_texts, receive

REASON = "Người nộp hồ sơ có văn bản đề nghị dừng giải quyết"


def test_stop_end_to_end(ctx: AppContext, clock: FakeClock, city: City, tmp_path: Path) -> None:
    UserService(ctx).add("ngoc.tt", "Trần Thị Ngọc", "clerk", "matkhau123", actor="system")
    code, other, by_cli = receive(ctx), receive(ctx), receive(ctx)
    data_dir = ctx.data_dir

    # A reason is required; nothing is saved without one.
    before = ctx_snapshot(ctx)
    rc, _, err = run_main("dossier", "stop", code, "--reason", "  ", "--clerk", "ngoc.tt", data_dir=data_dir)
    assert rc == 2 and "Lý do" in err and ctx_snapshot(ctx) == before

    # From the command line (which runs on the real clock) …
    rc, out, err = run_main(
        "dossier", "stop", by_cli, "--reason", REASON, "--clerk", "ngoc.tt", "--json", data_dir=data_dir
    )
    assert rc == 0, err
    shown = json.loads(out)
    assert shown["status"] == "stopped" and shown["status_label"] == "Dừng giải quyết"
    assert shown["history"][-1]["note"] == REASON and shown["history"][-1]["data"]["number"] == "01/TB-DGQ"
    # … and through the service on the test's clock.
    clock.set("2026-11-24T10:00")
    assert DossierService(ctx).stop(code, REASON, actor="ngoc.tt").status == "stopped"
    assert DossierService(ctx).get(code).history[-1].data["number"] == "02/TB-DGQ"

    # For good: no later move, no second stop; the clock is off, so it is never overdue.
    rc, _, err = run_main("dossier", "status", code, "processing", data_dir=data_dir)
    assert rc != 0 and "Dừng giải quyết" in err
    clock.set("2026-12-10T10:00")
    overdue = {v.code for v in DossierService(ctx).list(overdue=True)}
    assert code not in overdue and other in overdue
    assert not DossierService(ctx).get(code).is_overdue(ctx.now())

    # The notice: printed again from the record (no --reason), with the recorded reason.
    out_pdf = tmp_path / "dung.pdf"
    rc, _, err = run_main("form", "stop", code, "-o", str(out_pdf), data_dir=data_dir)
    assert rc == 0, err
    text = flat(page_texts(out_pdf.read_bytes())[0])
    for expected in ("Mẫu số 05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "Số: 02/TB-DGQ", code, REASON):
        assert expected in text, expected
    rc, _, err = run_main("form", "stop", other, "-o", str(tmp_path / "x.pdf"), data_dir=data_dir)
    assert rc != 0 and "chưa dừng giải quyết" in err and not (tmp_path / "x.pdf").exists()
    # The control sheet records it.
    rc, _, err = run_main("form", "control", code, "-o", str(tmp_path / "ks.pdf"), data_dir=data_dir)
    assert rc == 0, err
    assert "Dừng giải quyết (thông báo số 02/TB-DGQ)" in flat(
        page_texts((tmp_path / "ks.pdf").read_bytes())[0]
    )

    # Sync: a new event type, folded into the city's view of the dossier.
    configure_counter(ctx, city.url, new_counter(city.db, ctx))
    result = sync(ctx)
    assert result.rejected == 0, result
    with city.db.store.read() as s:
        types = set(s.scalars(select(Event.type).where(Event.subject == f"dossier:{code}")))
        state = s.get(DossierState, code)
        assert state is not None
        assert "dossier.stopped" in types and state.status == "stopped"
        stored = s.scalars(select(Event.payload).where(Event.type == "dossier.stopped")).all()
    assert any(REASON in json.dumps(p, ensure_ascii=False) for p in stored)
    key = DossierService(ctx).get(code).tracking_key
    page = httpx.get(f"{city.url}/tra-cuu", params={"ma": code, "k": key})
    assert page.status_code == 200
    assert "Dừng giải quyết" in page.text and "Dừng giải quyết từ</th><td>10:00 ngày 24/11/2026" in page.text
    assert "Ngày hẹn trả kết quả" not in page.text and REASON not in page.text  # the reason stays private

    # The monthly report counts it apart: neither open nor late.
    rc, out, err = run_main(
        "report", "monthly", "--month", "2026-11", "-o", str(tmp_path / "r.pdf"), "--json", data_dir=data_dir
    )
    assert rc == 0, err
    figures = json.loads(out)["dossiers"]
    # In November: three received, one stopped (the other two still open at the month's end: the CLI
    # stop came on the real clock, in a later month).
    assert figures["stopped"] == 1 and figures["received"] == 3 and figures["open_at_end"] == 2


def test_form_stop_with_a_bad_output_records_nothing(ctx: AppContext, tmp_path: Path) -> None:
    code = receive(ctx)
    before = ctx_snapshot(ctx)
    rc, _, err = run_main(
        "form", "stop", code, "--reason", REASON, "-o", "/khong/co/thu/muc/a.pdf", data_dir=ctx.data_dir
    )
    assert rc == 2 and "Tệp PDF" in err and "Traceback" not in err
    assert ctx_snapshot(ctx) == before and DossierService(ctx).get(code).status == "received"
    out = tmp_path / "dung.pdf"
    rc, _, err = run_main("form", "stop", code, "--reason", REASON, "-o", str(out), data_dir=ctx.data_dir)
    assert rc == 0, err
    assert (
        DossierService(ctx).get(code).status == "stopped"
        and "THÔNG BÁO DỪNG" in page_texts(out.read_bytes())[0]
    )
