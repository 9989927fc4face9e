"""Outbox (docs/domain.md, Sync): every core write adds exactly one event in its own transaction; the audit log is
append-only and names the acting clerk."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from counter_app.services import journal
from counter_app.services.calendar import CalendarService
from counter_app.services.catalog import CatalogService
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from counter_app.services.users import UserService
from counter_app.timeutil import parse_local
from tests.conftest import FakeClock, intake_doc
from tests.core_support import RawDb, ctx_snapshot, run_main


def outbox(ctx: AppContext) -> list[tuple[int, str, str, str, dict[str, object]]]:
    conn = RawDb(ctx)
    try:
        return [
            (r[0], r[1], r[2], r[3], json.loads(r[4]))
            for r in conn.execute("SELECT id, event_id, type, created_at, payload FROM outbox ORDER BY id")
        ]
    finally:
        conn.close()


def audit(ctx: AppContext) -> list[tuple[str, str, str, str]]:
    conn = RawDb(ctx)
    try:
        return list(conn.execute("SELECT at, actor, action, entity_id FROM audit_log ORDER BY id"))
    finally:
        conn.close()


def test_every_core_write_adds_exactly_one_event(ctx: AppContext, clock: FakeClock) -> None:
    dossiers = DossierService(ctx)
    code = IntakeService(ctx).receive(intake_doc(), actor="clerk1").code
    rejected = IntakeService(ctx).receive(intake_doc(), actor="clerk1").code
    catalog_doc = CatalogService(ctx).document()
    catalog_doc["version"] = "2026.12.1"

    steps: list[tuple[str, str, str, Callable[[], object]]] = [
        ("dossier.received", "clerk1", "", lambda: IntakeService(ctx).receive(intake_doc(), actor="clerk1")),
        (
            "dossier.status_changed",
            "clerk1",
            "processing",
            lambda: dossiers.change_status(code, "processing", actor="clerk1"),
        ),
        (
            "dossier.status_changed",
            "clerk2",
            "supplement",
            lambda: dossiers.change_status(code, "supplement", actor="clerk2", note="Thiếu giấy chứng sinh"),
        ),
        (
            "dossier.status_changed",
            "clerk1",
            "processing",
            lambda: dossiers.change_status(code, "processing", actor="clerk1", note="Đã bổ sung"),
        ),
        (
            "dossier.status_changed",
            "clerk1",
            "rejected",
            lambda: dossiers.change_status(
                rejected, "rejected", actor="clerk1", note="Không thuộc thẩm quyền"
            ),
        ),
        (
            "dossier.apologized",
            "lanhdao",
            "",
            lambda: (
                clock.set("2026-12-10T09:00"),
                dossiers.apologize(code, parse_local("2026-12-14T09:00"), "Chờ xác minh", actor="lanhdao"),
            ),
        ),
        (
            "dossier.status_changed",
            "clerk1",
            "ready",
            lambda: dossiers.change_status(code, "ready", actor="clerk1"),
        ),
        (
            "dossier.status_changed",
            "clerk1",
            "returned",
            lambda: dossiers.change_status(code, "returned", actor="clerk1"),
        ),
        (
            "catalog.imported",
            "admin",
            "",
            lambda: CatalogService(ctx).import_data(catalog_doc, actor="admin"),
        ),
        (
            "calendar.day_set",
            "admin",
            "",
            lambda: CalendarService(ctx).set_day(date(2026, 12, 19), True, "Làm bù", actor="admin"),
        ),
        (
            "calendar.day_cleared",
            "admin",
            "",
            lambda: CalendarService(ctx).clear_day(date(2026, 12, 19), actor="admin"),
        ),
    ]
    for event_type, actor, to_status, action in steps:
        events_before, audit_before = outbox(ctx), audit(ctx)
        action()
        events, entries = outbox(ctx), audit(ctx)
        assert len(events) == len(events_before) + 1, event_type
        new = events[-1]
        assert new[2] == event_type and new[4]["actor"] == actor
        assert str(uuid.UUID(new[1])) == new[1]
        assert new[3] == ctx.now().isoformat()
        if to_status:
            assert new[4]["to"] == to_status
        assert len(entries) == len(audit_before) + 1 and entries[-1][1:3] == (actor, event_type)
    ids = [e[0] for e in outbox(ctx)]
    assert ids == sorted(ids) and len({e[1] for e in outbox(ctx)}) == len(ids)
    received = next(e for e in outbox(ctx) if e[2] == "dossier.received")
    assert received[4]["applicant"]["full_name"] == "Nguyễn Văn An" and received[4]["status"] == "received"


def test_clearing_a_day_that_has_no_override_writes_nothing(ctx: AppContext) -> None:
    before = ctx_snapshot(ctx)
    assert CalendarService(ctx).clear_day(date(2026, 12, 19), actor="admin") is False
    assert ctx_snapshot(ctx) == before


def test_a_failing_outbox_insert_rolls_the_whole_intake_back(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    IntakeService(ctx).receive(intake_doc(), actor="clerk1")
    taken = outbox(ctx)[-1][1]
    before = ctx_snapshot(ctx)
    # The next event id collides with an existing one: the outbox INSERT, the last step, fails.
    monkeypatch.setattr(journal.uuid, "uuid4", lambda: uuid.UUID(taken))
    with pytest.raises(IntegrityError):
        IntakeService(ctx).receive(intake_doc(), actor="clerk1")
    with pytest.raises(IntegrityError):
        DossierService(ctx).change_status(outbox(ctx)[-1][4]["code"], "processing", actor="clerk1")
    assert ctx_snapshot(ctx) == before  # no dossier, no history, no audit row, no sequence number used
    monkeypatch.undo()
    assert IntakeService(ctx).receive(intake_doc(), actor="clerk1").code.endswith("-0002")


def _append_only_refusal(conn: RawDb) -> type[Exception]:
    if conn.postgres:
        import psycopg

        return psycopg.errors.RaiseException
    return sqlite3.IntegrityError


def test_audit_log_is_append_only(ctx: AppContext) -> None:
    IntakeService(ctx).receive(intake_doc(), actor="clerk1")
    conn = RawDb(ctx)
    try:
        refused = _append_only_refusal(conn)
        with pytest.raises(refused, match="append-only"):
            conn.execute("UPDATE audit_log SET actor = 'someone else'")
        conn.conn.rollback()
        with pytest.raises(refused, match="append-only"):
            conn.execute("DELETE FROM audit_log")
        conn.conn.rollback()
        if conn.postgres:
            with pytest.raises(refused, match="append-only"):
                conn.execute("TRUNCATE audit_log")
            conn.conn.rollback()
        actors = {r[0] for r in conn.execute("SELECT actor FROM audit_log")}
    finally:
        conn.close()
    assert "clerk1" in actors


def test_cli_writes_record_the_acting_clerk(ctx: AppContext, tmp_path: Path) -> None:
    UserService(ctx).add("ntlan", "Nguyễn Thị Lan", "clerk", "matkhau123", actor="")
    f = tmp_path / "in.json"
    f.write_text(json.dumps(intake_doc(), ensure_ascii=False), encoding="utf-8")
    rc, out, err = run_main("dossier", "receive", "--json", str(f), "--clerk", "NTLan", data_dir=ctx.data_dir)
    assert rc == 0, err
    code = json.loads(out)["code"]
    rc, _, err = run_main("dossier", "status", code, "processing", data_dir=ctx.data_dir)
    assert rc == 0, err
    entries = audit(ctx)
    assert entries[-2][1:] == ("ntlan", "dossier.received", code)
    assert entries[-1][1:] == ("", "dossier.status_changed", code)  # no --clerk: a script's, no clerk's


def test_a_clerk_named_anywhere_must_be_an_account(
    ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = audit(ctx)
    f = tmp_path / "in.json"
    f.write_text(json.dumps(intake_doc(), ensure_ascii=False), encoding="utf-8")
    rc, _, err = run_main("dossier", "receive", "--json", str(f), "--clerk", "system", data_dir=ctx.data_dir)
    assert rc == 2 and "Cán bộ (--clerk): 'system' không phải tài khoản nào" in err
    monkeypatch.setenv("COUNTER_APP_CLERK", "lan")
    rc, _, err = run_main("dossier", "receive", "--json", str(f), data_dir=ctx.data_dir)
    assert rc == 2 and "Cán bộ ($COUNTER_APP_CLERK): 'lan' không phải tài khoản nào" in err
    monkeypatch.delenv("COUNTER_APP_CLERK")
    f.write_text(json.dumps(intake_doc(clerk="system"), ensure_ascii=False), encoding="utf-8")
    rc, _, err = run_main("dossier", "receive", "--json", str(f), data_dir=ctx.data_dir)
    assert rc == 2 and "Cán bộ tiếp nhận: 'system' không phải tài khoản nào" in err
    assert audit(ctx) == before  # nothing saved
    UserService(ctx).add("ntlan", "Nguyễn Thị Lan", "clerk", "matkhau123", actor="")
    UserService(ctx).set_role("ntlan", "clerk", actor="", active=False)
    rc, _, err = run_main("dossier", "receive", "--json", str(f), "--clerk", "ntlan", data_dir=ctx.data_dir)
    assert rc == 2 and "đã bị khóa" in err


def test_outbox_status_json(ctx: AppContext, clock: FakeClock) -> None:
    # The template database holds the seeded catalog's event, made at the default clock time.
    rc, out, err = run_main("outbox", "status", "--json", data_dir=ctx.data_dir)
    assert rc == 0, err
    assert json.loads(out).items() >= {"pending": 1, "oldest": "2026-11-23T09:00:00+07:00"}.items()
    clock.set("2026-11-25T10:00")
    IntakeService(ctx).receive(intake_doc(), actor="clerk1")
    conn = RawDb(ctx)
    try:
        conn.execute(
            "UPDATE outbox SET sent_at = '2026-11-25T21:00:00+07:00' WHERE type = 'catalog.imported'"
        )
        conn.commit()
    finally:
        conn.close()
    rc, out, _ = run_main("outbox", "status", "--json", data_dir=ctx.data_dir)
    assert json.loads(out).items() >= {"pending": 1, "oldest": "2026-11-25T10:00:00+07:00"}.items()
    rc, out, _ = run_main("outbox", "status", data_dir=ctx.data_dir)
    assert "Chờ gửi: 1" in out
