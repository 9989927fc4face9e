"""The city server on its own: raw storage of every event type, idempotent views (rebuild = nightly
increments), monthly figures, ticket lookup, OpenAPI, the admin CLI, and logs free of personal data."""
# ruff: noqa: F811 - pytest fixtures imported from tests.citykit are used as parameters

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from city_server import projection as pj
from city_server.app import create_app
from city_server.ingest import rebuild_views
from city_server.models import DossierState, Event, Rating, TicketState
from city_server.reports import stats
from counter_app.services import journal
from counter_app.services.city_link import SyncError
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from counter_app.services.ratings import RatingService
from counter_app.services.sync import SyncService
from counter_app.timeutil import parse_local
from tests.citykit import (  # noqa: F401 - fixtures
    City,
    ServerThread,
    city,
    city_module,
    client_event_ids,
    configure_counter,
    free_port,
    new_counter,
    sync,
    wait_for,
)
from tests.conftest import ROOT, FakeClock, intake_doc


def _event(ctx: AppContext, etype: str, payload: dict[str, Any]) -> str:
    with ctx.db.write() as s:
        event_id = journal.record(
            s, ctx, actor="an", event_type=etype, entity="x", entity_id="1", payload=payload
        )
    assert event_id
    return event_id


def _october(ctx: AppContext, clock: FakeClock) -> dict[str, str]:
    """A month with known figures: 4 received, 2 resolved (d1 early, d2 late), 1 apology, 2 overdue (d2
    resolved late, d3 open past its due time; d4 waits for a supplement with its clock stopped), 2 of 3
    ratings satisfied."""
    intake, lc = IntakeService(ctx), DossierService(ctx)
    codes: dict[str, str] = {}
    clock.set("2025-10-06T09:00")  # Monday; birth registration takes 1 working day
    for name in ("d1", "d2", "d3"):
        codes[name] = intake.receive(intake_doc(), actor="an").code
        clock.advance(minutes=5)
    # Four transactions offered for rating at the counter, three rated, one left unanswered.
    ratings = RatingService(ctx)
    for name, level in zip(("d1", "d2", "d3"), ("very_satisfied", "satisfied", "dissatisfied"), strict=True):
        ratings.rate(ratings.offer("intake", codes[name], "an"), level)
    ratings.no_rating(ratings.offer("ticket", "A001", "an"))
    clock.set("2025-10-06T15:00")
    lc.change_status(codes["d1"], "ready", actor="an")  # on time
    clock.set("2025-10-06T16:00")
    lc.change_status(codes["d3"], "processing", actor="an")
    clock.set("2025-10-08T09:00")
    lc.apologize(
        codes["d3"], parse_local("2025-10-10T17:00"), "Chờ xác minh", actor="an"
    )  # still open: overdue
    clock.set("2025-10-08T10:00")
    lc.change_status(codes["d2"], "ready", actor="an")  # late
    clock.set("2025-10-20T09:00")
    codes["d4"] = intake.receive(intake_doc(), actor="an").code
    clock.set("2025-10-20T10:00")
    lc.change_status(codes["d4"], "supplement", actor="an", note="Thiếu giấy chứng sinh")  # clock stopped
    return codes


def test_monthly_figures_and_views_are_idempotent(ctx: AppContext, clock: FakeClock, city: City) -> None:
    ctx.config.update({"agency.code": "000.00.09.H56"})  # an agency of its own on the shared server
    configure_counter(ctx, city.url, new_counter(city.db, ctx))
    codes = _october(ctx, clock)

    sync(ctx, batch_size=7)

    figures = stats(city.db.store, "000.00.09.H56", "2025-10")
    assert figures == {
        "agency": "000.00.09.H56",
        "month": "2025-10",
        "received": 4,
        "resolved": 2,
        "on_time_pct": 50.0,
        "overdue": 2,
        "apologies": 1,
        "satisfied_pct": 66.7,
        "conflicts": 0,
    }
    api = httpx.get(f"{city.url}/api/v1/stats", params={"agency": "000.00.09.H56", "month": "2025-10"})
    assert api.status_code == 200 and api.json() == figures
    assert (
        httpx.get(f"{city.url}/api/v1/stats", params={"agency": "x", "month": "2025-13"}).status_code == 422
    )
    # The same figures as the agency's monthly report (one definition, city_server/reports/figures.py).
    report = httpx.get(
        f"{city.url}/api/v1/reports/monthly", params={"agency": "000.00.09.H56", "month": "2025-10"}
    )
    r = report.json()
    assert (
        r["dossiers"]["received"],
        r["dossiers"]["resolved"],
        r["dossiers"]["on_time_pct"],
        len(r["overdue_register"]),
        r["apologies"]["issued"],
        r["ratings"]["satisfied_pct"],
    ) == (4, 2, 50.0, 2, 1, 66.7)
    assert (r["ratings"]["offered"], r["ratings"]["rated"]) == (4, 3)
    # A month not begun yet has no figures (404, as the report); an agency with nothing synced has
    # nothing to show.
    assert (
        httpx.get(
            f"{city.url}/api/v1/stats", params={"agency": "000.00.09.H56", "month": "2099-01"}
        ).status_code
        == 404
    )
    assert stats(city.db.store, "000.00.99.H56", "2025-10") == {
        "agency": "000.00.99.H56",
        "month": "2025-10",
        "received": 0,
        "resolved": 0,
        "on_time_pct": None,
        "overdue": 0,
        "apologies": 0,
        "satisfied_pct": None,
        "conflicts": 0,
    }
    # Views rebuilt from the stored events equal the nightly increments (updated_at aside).
    before = _views(city)
    rebuild_views(city.db.store)
    assert _views(city) == before
    d3 = before[0][codes["d3"]]
    assert (
        d3["status"] == "processing" and d3["apologized_at"] and d3["due_at"] == "2025-10-10T17:00:00+07:00"
    )
    assert d3["legal_due_at"] < d3["due_at"]


def _views(city: City) -> tuple[dict[str, dict[str, Any]], list[tuple[Any, ...]]]:
    with city.db.store.read() as s:
        dossiers = {
            d.code: {c: getattr(d, c) for c in pj_cols() if c != "updated_at"}
            for d in s.scalars(select(DossierState))
        }
        ratings = sorted((r.event_id, r.level, r.satisfied, r.at) for r in s.scalars(select(Rating)))
    return dossiers, ratings


def pj_cols() -> list[str]:
    return [c.name for c in DossierState.__table__.columns]


def test_folding_an_event_twice_changes_nothing() -> None:
    received = {
        "event_id": str(uuid.uuid4()),
        "seq": 5,
        "type": "dossier.received",
        "agency_code": "000.00.06.H56",
        "counter_number": 1,
        "created_at": "2026-11-23T09:00:00+07:00",
        "payload": {
            "code": "000.00.06.H56-261123-0001",
            "procedure": {"code": "1.001193", "name": "Khai sinh", "field": "Hộ tịch"},
            "applicant": {"full_name": "Lê Thị Hồng Nhung"},
            "status": "received",
            "received_at": "2026-11-23T09:00:00+07:00",
            "due_at": "2026-11-24T09:00:00+07:00",
        },
    }
    ready = {
        **received,
        "event_id": str(uuid.uuid4()),
        "seq": 6,
        "type": "dossier.status_changed",
        "payload": {
            "code": "000.00.06.H56-261123-0001",
            "from": "received",
            "to": "ready",
            "at": "2026-11-23T15:00:00+07:00",
            "due_at": "2026-11-24T09:00:00+07:00",
        },
    }
    once = pj.fold_dossier(pj.fold_dossier(None, received, "t"), ready, "t")  # type: ignore[arg-type]
    twice = pj.fold_dossier(once, ready, "t")  # type: ignore[arg-type]
    assert twice == once and once is not None
    assert (once["status"], once["resolved_at"], once["masked_name"]) == (
        "ready",
        "2026-11-23T15:00:00+07:00",
        "Lê T. H. N.",
    )
    # An older event arriving late does not move the status back.
    assert pj.fold_dossier(once, received, "t") == once  # type: ignore[arg-type]
    assert pj.mask_name("Nguyễn Văn An") == "Nguyễn V. A."


def test_every_event_type_is_stored_raw_an_unknown_one_is_rejected(ctx: AppContext, city: City) -> None:
    cred = new_counter(city.db, ctx)
    configure_counter(ctx, city.url, cred)
    day = ctx.now().date().isoformat()
    payloads = {
        "payment.recorded": {"code": "000.00.06.H56-261123-0001", "method": "vietqr", "amount_vnd": 8000},
        "survey.recorded": {"offer_id": 3, "answers": {"staff.polite": True}},
        "feedback.received": {"number": "PA-2026-0001", "category": "complaint", "text": "Chờ lâu"},
        "feedback.answered": {"number": "PA-2026-0001", "text": "Tiếng Việt có dấu", "tags": [1, 2, 3]},
        "ticket.issued": {
            "number": "A012",
            "day": day,
            "service": "A",
            "service_name": "Hộ tịch",
            "priority": False,
            "issued_at": ctx.now().isoformat(),
            "waiting_ahead": 3,
        },
        "ticket.called": {
            "number": "A012",
            "day": day,
            "service": "A",
            "service_name": "Hộ tịch",
            "priority": False,
            "issued_at": ctx.now().isoformat(),
            "counter": 2,
            "called_at": ctx.now().isoformat(),
        },
    }
    ids = {etype: _event(ctx, etype, p) for etype, p in payloads.items()}
    unknown = _event(ctx, "something.new_kind", {"whatever": [1, 2, 3]})

    result = sync(ctx)

    # A type the server does not know is not kept (it could be anything); the rest of the batch is.
    assert result.rejected == 1 and result.rejected_ids == [unknown] and result.pending == 0
    (refused,) = SyncService(ctx).rejected()
    assert "something.new_kind" in refused["reason"] and "không biết" in refused["reason"]
    with city.db.store.read() as s:
        stored = {
            e.type: json.loads(e.payload)
            for e in s.scalars(select(Event).where(Event.event_id.in_(ids.values())))
        }
        ticket = s.get(TicketState, (ctx.agency_code, day, "A012"))
        assert ticket is not None and (ticket.status, ticket.counter) == ("serving", 2)
    for etype, p in payloads.items():
        assert {k: v for k, v in stored[etype].items() if k != "actor"} == p
    page = httpx.get(f"{city.url}/so-thu-tu", params={"so": "A012", "cq": ctx.agency_code})
    assert page.status_code == 200 and "A012" in page.text and "Đang được phục vụ" in page.text
    assert "quầy 2" in page.text
    js = httpx.get(f"{city.url}/api/v1/tickets", params={"so": "A012", "cq": ctx.agency_code}).json()
    assert js["status"] == "serving" and js["day"] == day
    assert httpx.get(f"{city.url}/so-thu-tu", params={"so": "Z999", "cq": ctx.agency_code}).status_code == 404


def test_openapi_documents_the_api(city: City) -> None:
    assert httpx.get(f"{city.url}/docs").status_code == 404  # no docs pages unless `serve --docs`
    assert httpx.get(f"{city.url}/redoc").status_code == 404
    spec = httpx.get(f"{city.url}/openapi.json").json()
    for path in (
        "/api/v1/sync/events",
        "/api/v1/sync/catalog",
        "/api/v1/sync/calendar",
        "/tra-cuu",
        "/api/v1/dossiers/{code}",
        "/so-thu-tu",
        "/api/v1/stats",
    ):
        assert path in spec["paths"], path
    refs = re.findall(r'"\$ref":\s*"#/components/schemas/([^"]+)"', json.dumps(spec))
    assert "BatchModel" in refs and set(refs) <= set(spec["components"]["schemas"]), "a dangling $ref"
    # Errors are one Vietnamese sentence, documented so; not FastAPI's list of validation errors.
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    stats = spec["paths"]["/api/v1/stats"]["get"]
    assert {p["name"]: p["schema"].get("pattern") for p in stats["parameters"]}["month"]
    assert set(stats["responses"]) == {"200", "404", "422"}
    bad = httpx.get(f"{city.url}/api/v1/stats", params={"agency": "000.00.06.H56", "month": "2026-13"})
    assert (
        bad.status_code == 422 and isinstance(bad.json()["detail"], str) and "month" in bad.json()["detail"]
    )
    upload = spec["paths"]["/api/v1/sync/events"]["post"]["responses"]
    assert {"200", "400", "401", "403", "413"} <= set(upload)

    with_docs = ServerThread(create_app(city.db.store, docs=True)).start()
    try:
        page = httpx.get(f"{with_docs.url}/docs")
    finally:
        with_docs.stop()
    assert page.status_code == 200 and "/api/v1/sync/events" in page.text
    assert "<script" not in page.text and "cdn" not in page.text.lower()  # nothing from another site


def _city_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "city_server", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def _admin(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`city-server ARGS` through its real argument parser, in this process (fast)."""
    from city_server.cli import main

    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_admin_cli(city: City, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if city.db.kind != "sqlite":
        pytest.skip("one database is enough for the argument handling")
    url = f"sqlite:///{tmp_path / 'admin.sqlite'}"
    # Once through the installed entry point, as an operator types it.
    added = _city_cli("counter", "add", "--db", url, "--agency", "000.00.06.H56", "--counter", "3", "--json")
    assert added.returncode == 0, added.stderr
    cred = json.loads(added.stdout)
    assert set(cred) == {"counter_id", "secret"} and len(cred["secret"]) >= 32
    code, _, err = _admin(capsys, "counter", "add", "--db", url, "--agency", "ubnd-q1", "--counter", "3")
    assert code == 2 and "Mã cơ quan" in err
    code, out, _ = _admin(capsys, "counter", "revoke", cred["counter_id"], "--db", url, "--json")
    assert code == 0 and json.loads(out)["revoked_at"]
    code, out, _ = _admin(capsys, "counter", "list", "--db", url, "--json")
    assert json.loads(out)[0]["counter_id"] == cred["counter_id"] and json.loads(out)[0]["revoked_at"]
    catalog = tmp_path / "catalog.json"
    procedure = {"code": "1.1", "name": "Thủ tục", "field": "Hộ tịch", "processing_days": 1}
    catalog.write_text(json.dumps({"version": "2027.1", "procedures": [procedure]}), encoding="utf-8")
    code, out, _ = _admin(capsys, "catalog", "publish", str(catalog), "--db", url, "--json")
    assert code == 0 and json.loads(out)["version"] == "2027.1"
    assert _admin(capsys, "catalog", "publish", str(catalog), "--db", url)[0] == 2  # once per version
    # A catalog the counters would refuse is refused here, by the same rules (else every counter's nightly
    # sync would fail on it); so is one older than the latest (counters never go back).
    for version, broken, hint in (
        (
            "2027.2",
            {**procedure, "processing_days": None},
            "'1.1': số ngày xử lý phải là số nguyên từ 0 đến 365",
        ),
        ("2027.2", {**procedure, "components": [{"name": "Tờ khai", "kind": "photo"}]}, "loại không hợp lệ"),
        ("2026.12", procedure, "không mới hơn phiên bản đã phát hành '2027.1'"),
        ("2027.1.0.x", {**procedure, "field": ""}, "'1.1': lĩnh vực: thiếu"),
    ):
        catalog.write_text(json.dumps({"version": version, "procedures": [broken]}), encoding="utf-8")
        code, _, err = _admin(capsys, "catalog", "publish", str(catalog), "--db", url)
        assert code == 2 and hint in err, err
    code, out, _ = _admin(
        capsys, "calendar", "set-day", "2027-01-02", "off", "--note", "Nghỉ bù", "--db", url, "--json"
    )
    assert code == 0 and json.loads(out)["revision"] == 1
    assert _admin(capsys, "calendar", "set-day", "02/01/2027", "off", "--db", url)[0] == 2


def test_db_and_json_go_before_or_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`city-server --db URL --json counter add …` is the same as the options after the command; without
    --db, $CITY_SERVER_DB. (A subcommand's default used to reset a --db given before it.)"""
    first, second = f"sqlite:///{tmp_path / 'first.sqlite'}", f"sqlite:///{tmp_path / 'second.sqlite'}"
    code, out, _ = _admin(
        capsys, "--db", first, "--json", "counter", "add", "--agency", "000.00.06.H56", "--counter", "1"
    )
    assert code == 0 and set(json.loads(out)) == {"counter_id", "secret"}
    code, out, _ = _admin(capsys, "--json", "counter", "--db", first, "list")
    assert [c["counter_number"] for c in json.loads(out)] == [1]
    monkeypatch.setenv("CITY_SERVER_DB", second)
    code, out, _ = _admin(capsys, "counter", "list", "--json")
    assert code == 0 and json.loads(out) == []  # the environment's database, a new one
    code, out, _ = _admin(capsys, "counter", "list", "--json", "--db", first)
    assert len(json.loads(out)) == 1


def test_server_logs_carry_no_personal_data(ctx: AppContext, tmp_path: Path) -> None:
    """The real `city-server serve` process, access log on, fed a dossier, a refusal and a rejection."""
    from city_server.db import Store
    from city_server.service import add_counter

    db_url = f"sqlite:///{tmp_path / 'logged.sqlite'}"
    store = Store(db_url)
    store.migrate()
    cred = add_counter(store, ctx.agency_code, ctx.counter_number)
    store.close()
    port = free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "city_server",
                "serve",
                "--db",
                db_url,
                "--port",
                str(port),
                "--log-level",
                "debug",
            ],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_for(lambda: _up(url), 30, "city-server to listen")
            configure_counter(ctx, url, cred)
            doc = intake_doc()
            doc["applicant"] = {
                "full_name": "Đặng Thị Mai Phương",
                "id_number": "001188004321",
                "phone": "0903111222",
                "address": "7 Nguyễn Huệ, Phường Bến Nghé",
            }
            code = IntakeService(ctx).receive(doc, actor="an").code
            with ctx.db.write() as s:  # one the server rejects, carrying personal data in its payload
                journal.record(
                    s,
                    ctx,
                    actor="an",
                    event_type="dossier.status_changed",
                    entity="d",
                    entity_id="x",
                    payload={"to": "nowhere", "note": "gọi 0903111222 chị Đặng Thị Mai Phương"},
                )
            result = sync(ctx)
            assert result.rejected == 1
            assert httpx.get(f"{url}/tra-cuu", params={"ma": code}).status_code == 200
            configure_counter(ctx, url, {**cred, "secret": "x" * 40})
            with pytest.raises(SyncError):
                sync(ctx)
        finally:
            server.terminate()
            server.wait(20)
    text = log_path.read_text(encoding="utf-8")
    assert "POST /api/v1/sync/events" in text and "batch from" in text  # the log is really there
    for secret in ("001188004321", "0903111222", "Mai Phương", "Nguyễn Huệ", "Đặng", cred["secret"]):
        assert secret not in text, secret


def _up(url: str) -> bool:
    try:
        return httpx.get(url + "/healthz", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def test_time_helpers_stay_in_vietnam_time() -> None:
    assert pj.vn_time("2026-11-23T02:00:00Z") == "2026-11-23T09:00:00+07:00"
    assert pj.vn_time(None) is None
    offset = datetime.fromisoformat(pj.vn_time("2026-11-23T09:00:00") or "").utcoffset()
    assert offset is not None and offset.total_seconds() == 7 * 3600


def test_migrations_match_the_models(city: City) -> None:
    """The hand-written city migrations create exactly what the models declare (SQLite and PostgreSQL)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from city_server.models import Base

    with city.db.store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []
