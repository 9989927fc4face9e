"""Privacy on the counter's side of the sync: events go over TLS (plain http only to this machine or
when the office explicitly allows it), the citizen's data leaves sent events `sync.keep_days` after the
city acknowledged them, and the audit log keeps who did what without a second copy of that data."""
# ruff: noqa: F811 - pytest fixtures imported from tests.citykit are used as parameters

from __future__ import annotations

import json
import logging
import socket

import pytest
import uvicorn

from city_server.app import create_app
from counter_app.errors import ValidationError
from counter_app.services import journal
from counter_app.services.context import AppContext
from counter_app.services.privacy import REMOVED, forget_sent_personal_data
from tests.citykit import (  # noqa: F401 - fixtures
    City,
    ServerThread,
    city,
    city_module,
    configure_counter,
    make_activity,
    new_counter,
    sync,
)
from tests.conftest import FakeClock
from tests.core_support import RawDb


def _outbox(ctx: AppContext) -> list[tuple[str, dict, str | None]]:
    conn = RawDb(ctx)
    try:
        rows = conn.execute("SELECT type, payload, personal_removed_at FROM outbox ORDER BY id").fetchall()
    finally:
        conn.close()
    return [(t, json.loads(p), r) for t, p, r in rows]


def _own_address() -> str | None:
    """This machine's address on its network (not loopback), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # no packet is sent: only the route is looked up
            addr = str(s.getsockname()[0])
        except OSError:
            return None
    return None if addr.startswith("127.") else addr


def test_plain_http_to_another_host_is_refused_unless_allowed(
    ctx: AppContext, city: City, caplog: pytest.LogCaptureFixture
) -> None:
    host = _own_address()
    if host is None:
        pytest.skip("this machine has no address but loopback")
    # The same real server, reached by the machine's network address: for the counter, a remote host.
    server = ServerThread(create_app(city.db.store))
    server.server.config = uvicorn.Config(
        server.server.config.app, host=host, port=server.port, log_level="warning", lifespan="off"
    )
    server.start()
    try:
        cred = new_counter(city.db, ctx)
        remote = f"http://{host}:{server.port}"
        configure_counter(ctx, remote, cred)
        make_activity(ctx, 1, advance=False)
        with pytest.raises(ValidationError) as err:
            sync(ctx)
        assert err.value.field == "city.server_url" and "https://" in str(err.value)
        assert city.db.event_ids(cred["counter_id"]) == []  # nothing went out

        ctx.config.set("city.allow_http", "true")
        caplog.set_level(logging.WARNING, logger="counter_app.sync")
        sent = sync(ctx)
        assert sent.accepted >= 1 and sent.pending == 0
        assert "without encryption" in caplog.text
    finally:
        server.stop()
    # Loopback needs no permission (this very machine: tests, a local TLS proxy).
    ctx.config.set("city.allow_http", "false")
    configure_counter(ctx, city.url, cred)
    make_activity(ctx, 1, advance=False)
    assert sync(ctx).accepted >= 1


def test_sent_events_lose_the_citizens_data_after_keep_days(
    ctx: AppContext, clock: FakeClock, city: City
) -> None:
    configure_counter(ctx, city.url, new_counter(city.db, ctx))
    ctx.config.set("sync.keep_days", "30")
    make_activity(ctx, 1)  # received + two status changes
    sync(ctx)
    clock.advance(days=20)
    make_activity(ctx, 1, advance=False)  # sent 20 days after the first
    sync(ctx)
    clock.advance(days=11)  # the first batch is now 31 days past its acknowledgement, the second 11
    with ctx.db.write() as s:  # one the server will reject: set aside, never acknowledged
        journal.record(
            s, ctx, actor="an", event_type="dossier.status_changed", entity="d", entity_id="x",
            payload={"to": "nowhere", "note": "gọi 0903111222"},
        )  # fmt: skip

    result = sync(ctx)  # the nightly run does the forgetting

    assert result.rejected == 1
    rows = _outbox(ctx)
    first, second = (r for r in rows if r[0] == "dossier.received")
    assert "applicant" not in first[1] and first[1][REMOVED] is True
    assert first[1]["code"] and first[1]["procedure"]  # what is not personal stays
    assert all(r[2] is not None for r in rows[: rows.index(first) + 3])  # and its status changes: done
    assert second[1]["applicant"]["id_number"] and second[2] is None
    assert rows[-1][1]["note"] == "gọi 0903111222"  # not acknowledged: kept for the admin to fix
    assert forget_sent_personal_data(ctx) == 0  # nothing more to do until days pass
    clock.advance(days=30)
    assert forget_sent_personal_data(ctx) == 1


def test_the_audit_log_keeps_who_did_what_not_the_citizens_data(ctx: AppContext) -> None:
    make_activity(ctx, 1)
    conn = RawDb(ctx)
    try:
        rows = conn.execute("SELECT actor, action, entity_id, detail FROM audit_log").fetchall()
    finally:
        conn.close()
    received = next(r for r in rows if r[1] == "dossier.received")
    assert received[0] == "an" and received[2].startswith(ctx.agency_code)
    detail = json.loads(received[3])
    assert "applicant" not in detail and detail[REMOVED] is True and detail["procedure"]["code"]
    everything = " ".join(str(r[3]) for r in rows)
    for personal in ("079", "0912", "Lê Lợi", "Trần Thị Bích"):
        assert personal not in everything, personal
    # The outbox still carries it, for the city, until acknowledged and kept_days have passed.
    assert "Trần Thị Bích" in json.dumps([r[1] for r in _outbox(ctx)], ensure_ascii=False)
