"""The counter's sync against a real city server on 127.0.0.1: upload, marks, rejections, pull, CLI."""
# ruff: noqa: F811 - pytest fixtures imported from tests.citykit are used as parameters

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from city_server.models import Event
from city_server.service import publish_catalog, set_calendar_day
from counter_app.errors import ValidationError
from counter_app.paths import resource
from counter_app.services import journal
from counter_app.services.catalog import CatalogService
from counter_app.services.city_link import SyncError
from counter_app.services.context import AppContext
from counter_app.services.sync import SyncService
from counter_app.timeutil import parse_local
from db.models import CalendarOverride, Meta, OutboxEvent
from db.models.sync import SyncRun
from tests.citykit import (  # noqa: F401 - `city` is a fixture
    City,
    city,
    city_module,
    client_event_ids,
    configure_counter,
    free_port,
    make_activity,
    new_counter,
    sync,
)
from tests.conftest import run_cli


def _outbox(ctx: AppContext) -> list[OutboxEvent]:
    with ctx.db.read() as s:
        rows = list(s.scalars(select(OutboxEvent).order_by(OutboxEvent.id)))
        s.expunge_all()  # plain detached copies: the snapshot's rollback would expire them
        return rows


def _meta(ctx: AppContext, key: str) -> str | None:
    with ctx.db.read() as s:
        m = s.get(Meta, key)
        return m.value if m else None


def _bad_event(ctx: AppContext) -> str:
    """An event the server cannot make sense of: a status change naming no dossier."""
    with ctx.db.write() as s:
        event_id = journal.record(
            s,
            ctx,
            actor="an",
            event_type="dossier.status_changed",
            entity="dossier",
            entity_id="?",
            payload={"to": "ready"},
        )
    assert event_id
    return event_id


def test_sync_uploads_everything_once_and_marks_it_sent(ctx: AppContext, city: City) -> None:
    configure_counter(ctx, city.url, cred := new_counter(city.db, ctx))
    make_activity(ctx, 5)
    ids = client_event_ids(ctx)
    assert len(ids) >= 15

    result = sync(ctx)

    assert (result.sent, result.accepted, result.duplicates, result.rejected, result.pending) == (
        len(ids),
        len(ids),
        0,
        0,
        0,
    )
    assert sorted(city.db.event_ids(cred["counter_id"])) == sorted(ids)
    assert all(e.sent_at is not None and e.rejected_at is None for e in _outbox(ctx))
    assert _meta(ctx, "sync.last_success") and _meta(ctx, "sync.last_attempt")
    assert _meta(ctx, "sync.last_error") == ""
    again = sync(ctx)
    assert (again.sent, again.pending) == (0, 0)
    assert SyncService(ctx).check() == {
        "counter_id": cred["counter_id"],
        "agency_code": ctx.agency_code,
        "counter_number": ctx.counter_number,
        "scope": "counter",
    }
    assert city.db.count(Event, cred["counter_id"]) == len(ids)


def test_batches_go_in_sequence_order(ctx: AppContext, city: City) -> None:
    configure_counter(ctx, city.url, cred := new_counter(city.db, ctx))
    make_activity(ctx, 4)
    n = len(client_event_ids(ctx))

    SyncService(ctx, batch_size=3).run(pull=False)

    assert city.faults.uploads == -(-n // 3)
    with city.db.store.read() as s:
        seqs = list(
            s.scalars(select(Event.seq).where(Event.counter_id == cred["counter_id"]).order_by(Event.id))
        )
    assert seqs == sorted(seqs) and len(seqs) == n


def test_a_rejected_event_is_set_aside_without_blocking_later_ones(ctx: AppContext, city: City) -> None:
    configure_counter(ctx, city.url, cred := new_counter(city.db, ctx))
    make_activity(ctx, 1)
    bad = _bad_event(ctx)
    make_activity(ctx, 1)
    total = len(client_event_ids(ctx))

    result = sync(ctx, batch_size=2)

    assert (result.rejected, result.accepted, result.pending) == (1, total - 1, 0)
    assert set(city.db.event_ids(cred["counter_id"])) == set(client_event_ids(ctx)) - {bad}
    row = next(e for e in _outbox(ctx) if e.event_id == bad)
    assert row.rejected_at is not None and row.sent_at is None and "mã hồ sơ" in (row.rejected_reason or "")
    # The admin sees it, with the reason (the CLI once: it does not depend on the server's database).
    if city.db.kind == "sqlite":
        proc = run_cli("outbox", "rejected", "--json", data_dir=ctx.data_dir)
        assert proc.returncode == 0, proc.stderr
        listed = json.loads(proc.stdout)
        assert [r["event_id"] for r in listed] == [bad] and "mã hồ sơ" in listed[0]["reason"]
    assert [r["event_id"] for r in SyncService(ctx).rejected()] == [bad]
    # Not resent by later runs …
    uploads = city.faults.uploads
    assert sync(ctx).sent == 0 and city.faults.uploads == uploads
    # … until requeued (and refused again: the cause was not fixed).
    assert SyncService(ctx).requeue([bad], actor="admin") == 1
    assert SyncService(ctx).state()["pending"] == 1
    assert sync(ctx).rejected == 1


def test_events_the_server_already_holds_come_back_duplicate(ctx: AppContext, city: City) -> None:
    configure_counter(ctx, city.url, cred := new_counter(city.db, ctx))
    make_activity(ctx, 3)
    n = len(client_event_ids(ctx))
    sync(ctx)
    # As if the answer had been lost: the counter still believes nothing was sent.
    from sqlalchemy import update

    with ctx.db.write() as s:
        s.execute(update(OutboxEvent).values(sent_at=None))

    result = sync(ctx)

    assert (result.accepted, result.duplicates, result.pending) == (0, n, 0)
    assert len(city.db.event_ids(cred["counter_id"])) == n


_PUBLISHED = itertools.count(1)


def test_pull_applies_the_city_catalog_and_calendar_server_wins(ctx: AppContext, city: City) -> None:
    configure_counter(ctx, city.url, new_counter(city.db, ctx))
    doc = json.loads(Path(resource("catalog", "procedures.json")).read_text(encoding="utf-8"))
    local_version = CatalogService(ctx).version()
    # A number of its own per test: the test city server of this process outlives one test.
    doc["version"] = f"{local_version}.{next(_PUBLISHED)}"
    doc["procedures"][0]["fee_vnd"] = 12_345
    publish_catalog(city.db.store, doc)
    from counter_app.services.calendar import CalendarService

    CalendarService(ctx).set_day(date(2026, 12, 24), True, "làm bù do văn phòng đặt", actor="an")
    set_calendar_day(city.db.store, date(2026, 12, 24), False, "Nghỉ theo quyết định của thành phố")
    latest = set_calendar_day(city.db.store, date(2026, 12, 26), True, "Làm bù")["revision"]

    result = sync(ctx)

    assert result.catalog_version == doc["version"]
    assert CatalogService(ctx).version() == doc["version"]
    assert CatalogService(ctx).get(doc["procedures"][0]["code"]).fee_vnd == 12_345
    with ctx.db.read() as s:
        days = {o.day: (o.working, o.note) for o in s.scalars(select(CalendarOverride))}
    assert days[date(2026, 12, 24)] == (False, "Nghỉ theo quyết định của thành phố")  # server wins
    assert days[date(2026, 12, 26)] == (True, "Làm bù")
    assert _meta(ctx, "sync.calendar_version") == str(latest)
    assert ctx.calendar.is_working_day(date(2026, 12, 26))  # a Saturday, made a working day by the city
    # A make-up Saturday the city publishes counts in due dates and is listed as one.
    assert ctx.calendar.due(parse_local("2026-12-25T10:00"), 1).isoformat() == "2026-12-26T10:00:00+07:00"
    listed = {r["date"]: r for r in CalendarService(ctx).holidays(2026)}
    assert listed["2026-12-26"]["kind"] == "make_up_work" and listed["2026-12-26"]["source"] == "Làm bù"
    assert not ctx.calendar.is_working_day(date(2026, 12, 24))
    # Nothing new: nothing applied. A cleared day disappears locally.
    again = sync(ctx)
    assert again.catalog_version is None and again.calendar_days == 0
    set_calendar_day(city.db.store, date(2026, 12, 26), None)
    assert sync(ctx).calendar_days == 1
    with ctx.db.read() as s:
        assert s.get(CalendarOverride, date(2026, 12, 26)) is None


def test_the_city_catalog_replaces_one_the_office_imported_with_a_higher_number(
    ctx: AppContext, city: City
) -> None:
    """`catalog import` of the office's own "9999.1", then the city publishes its next version: the
    city's wins on the next sync (server wins), versioned by the city's numbering, once."""
    configure_counter(ctx, city.url, new_counter(city.db, ctx))
    published = sync(ctx).catalog_version or ""  # whatever this module's server published so far
    doc = json.loads(Path(resource("catalog", "procedures.json")).read_text(encoding="utf-8"))
    code = doc["procedures"][1]["code"]
    local = {**doc, "version": "9999.1"}
    local["procedures"] = [{**p, "fee_vnd": 1_000} if p["code"] == code else p for p in doc["procedures"]]
    local_file = ctx.data_dir / "local.json"
    local_file.write_text(json.dumps(local, ensure_ascii=False), encoding="utf-8")
    rc = run_cli("catalog", "import", str(local_file), data_dir=ctx.data_dir)
    assert rc.returncode == 0, rc.stderr
    assert CatalogService(ctx).get(code).fee_vnd == 1_000
    assert sync(ctx).catalog_version is None  # nothing new from the city: the office's catalog stays
    assert CatalogService(ctx).version() == "9999.1"
    city_doc = {**doc, "version": f"{published or '2026.1'}.7"}
    city_doc["procedures"] = [{**p, "fee_vnd": 7_000} if p["code"] == code else p for p in doc["procedures"]]
    publish_catalog(city.db.store, city_doc)

    result = sync(ctx)

    assert result.catalog_version == city_doc["version"]
    assert (CatalogService(ctx).version(), CatalogService(ctx).get(code).fee_vnd) == (
        city_doc["version"],
        7_000,
    )
    with ctx.db.read() as s:
        imported = [
            e.payload["actor"]
            for e in s.scalars(
                select(OutboxEvent).where(OutboxEvent.type == "catalog.imported").order_by(OutboxEvent.id)
            )
        ]
    assert imported[-1] == "city" and result.pending == 0  # the import itself went to the city too
    assert sync(ctx).catalog_version is None  # applied once


def test_missing_credentials_are_named(ctx: AppContext) -> None:
    ctx.config.update({"city.server_url": "http://127.0.0.1:9"})
    with pytest.raises(ValidationError) as err:
        SyncService(ctx).run()
    assert err.value.field == "city.counter_id" and "Mã quầy" in str(err.value)
    assert "Mã quầy" in (_meta(ctx, "sync.last_error") or "")


def test_unreachable_server_is_recorded_as_a_failed_run(ctx: AppContext) -> None:
    configure_counter(ctx, f"http://127.0.0.1:{free_port()}", {"counter_id": "q-x", "secret": "s" * 20})
    make_activity(ctx, 1, advance=False)

    with pytest.raises(SyncError) as err:
        sync(ctx)

    assert "kết nối" in str(err.value)
    status = SyncService(ctx).state()
    assert status["failed"] and status["last_success"] is None and status["pending"] >= 2
    with ctx.db.read() as s:
        run = s.scalars(select(SyncRun)).one()
        assert not run.ok and run.error


def test_cli_sync_json(ctx: AppContext, city: City) -> None:
    if city.db.kind != "sqlite":
        pytest.skip("the CLI is the same whatever the server's database")
    configure_counter(ctx, city.url, new_counter(city.db, ctx))
    make_activity(ctx, 2)
    n = len(client_event_ids(ctx))
    ctx.close()

    proc = run_cli("sync", "--json", data_dir=ctx.data_dir)

    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out) == {"sent", "accepted", "duplicates", "rejected", "pending", "duration_s"}
    # (+1 when the module's server has published a newer catalog: applying it is an event, sent too)
    assert out["sent"] == out["accepted"] and n <= out["sent"] <= n + 1 and out["pending"] == 0
    # --server overrides the configured address; a dead one fails with exit 4 and the figures.
    proc = run_cli(
        "sync",
        "--json",
        "--retries",
        "1",
        "--server",
        f"http://127.0.0.1:{free_port()}",
        data_dir=ctx.data_dir,
    )
    assert proc.returncode == 4
    assert "error" in json.loads(proc.stdout) and "Lỗi" in proc.stderr


def test_schedule_helpers(ctx: AppContext, clock: object) -> None:
    svc = SyncService(ctx)
    assert not svc.catch_up_due()  # no credentials: nothing to catch up
    configure_counter(ctx, "http://127.0.0.1:9", {"counter_id": "q-x", "secret": "s" * 20})
    assert svc.catch_up_due()  # never succeeded
    with ctx.db.write() as s:
        s.add(Meta(key="sync.last_success", value="2026-11-22T21:00:05+07:00"))
    assert not svc.catch_up_due()  # clock: 2026-11-23 09:00
    clock.set("2026-11-23T21:30")  # type: ignore[attr-defined]
    assert svc.catch_up_due()
    assert svc.next_run().isoformat() == "2026-11-24T21:00:00+07:00"
    clock.set("2026-11-23T20:59")  # type: ignore[attr-defined]
    assert svc.next_run().isoformat() == "2026-11-23T21:00:00+07:00"


def test_readme_schedules_run_the_real_sync_command_at_the_configured_time() -> None:
    """The README's cron, systemd timer and Task Scheduler recipes: each calls `counter-app sync` with
    arguments the real parser takes, every night at the default `sync.time`."""
    import re
    import shlex

    from counter_app.cli import build_parser
    from counter_app.cli.commands import sync_cmd
    from counter_app.config import KEYS
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    hh, mm = str(KEYS["sync.time"].default).split(":")
    cron = re.search(r"^(\S+ \S+ \S+ \S+ \S+)\s+(\S*counter-app) (.+?) >>", readme, re.M)
    assert cron and cron.group(1) == f"{int(mm)} {int(hh)} * * *"
    exec_start = re.search(r"^ExecStart=(\S*counter-app) (.*)$", readme, re.M)
    assert exec_start and re.search(rf"^OnCalendar=\*-\*-\* {hh}:{mm}$", readme, re.M)
    assert re.search(r"^Persistent=true$", readme, re.M) and re.search(
        r"^WantedBy=timers.target$", readme, re.M
    )
    assert re.search(r"^Type=oneshot$", readme, re.M)
    schtasks = re.search(
        r'^schtasks /Create .*/SC DAILY /ST (\d\d:\d\d) /TR "\\"([^"]+?counter-app\.exe)\\" (.*)"$',
        readme,
        re.M,
    )
    assert schtasks and schtasks.group(1) == f"{hh}:{mm}"
    for args in (cron.group(3), exec_start.group(2), schtasks.group(3)):
        parsed = build_parser().parse_args(shlex.split(args))
        assert parsed.handler is sync_cmd._sync, args
