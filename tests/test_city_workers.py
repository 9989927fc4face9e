"""Several uvicorn workers against PostgreSQL (`city-server serve --workers 2`): counters syncing at
once lose and double nothing, and a replay is refused whichever worker it reaches (the nonce store is
the database, not a worker's memory)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import httpx
import pytest

from city_server.service import add_counter
from contract import envelope as wire
from counter_app.config import Config
from counter_app.paths import config_file
from counter_app.services.context import AppContext
from tests.citykit import (
    PG_ENV,
    ServerDb,
    client_event_ids,
    configure_counter,
    free_port,
    make_activity,
    sync,
    wait_for,
)
from tests.conftest import ROOT

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"{PG_ENV} not set"),
]


def _up(url: str) -> bool:
    try:
        return httpx.get(url + "/healthz", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def test_two_workers_on_postgresql(tmp_path: Path) -> None:
    db = ServerDb("postgres", tmp_path)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "city_server",
            "serve",
            "--db",
            db.url,
            "--port",
            str(port),
            "--workers",
            "2",
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    counters: list[tuple[AppContext, dict[str, str]]] = []
    try:
        wait_for(lambda: _up(url), 60, "two workers to listen")
        for n in range(1, 4):
            Config(config_file(tmp_path / f"counter{n}")).update(
                {"counter.number": n}
            )  # before the first event
            ctx = AppContext(tmp_path / f"counter{n}")
            cred = add_counter(db.store, ctx.agency_code, n)
            configure_counter(ctx, url, cred)
            make_activity(ctx, 4)
            counters.append((ctx, cred))
        errors: list[BaseException] = []

        def run(ctx: AppContext) -> None:
            try:
                sync(ctx, batch_size=4)
            except BaseException as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(ctx,)) for ctx, _ in counters]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not errors, errors
        for ctx, cred in counters:
            assert sorted(db.event_ids(cred["counter_id"])) == sorted(client_event_ids(ctx))

        # One captured request, replayed many times: only the first is taken, on either worker.
        ctx, cred = counters[0]
        body = json.dumps(
            {
                "events": [
                    {
                        "event_id": str(uuid.uuid4()),
                        "seq": 999,
                        "type": "feedback.received",
                        "agency_code": ctx.agency_code,
                        "counter_number": 1,
                        "created_at": "2026-11-23T09:00:00+07:00",
                        "payload": {"number": "PA-9"},
                    }
                ]
            }
        ).encode()
        headers = {
            **wire.sign_headers(cred["secret"], cred["counter_id"], "POST", wire.EVENTS_PATH, body),
            "Content-Type": "application/json",
        }
        codes = [
            httpx.post(url + wire.EVENTS_PATH, content=body, headers=headers).status_code for _ in range(8)
        ]
        assert codes[0] == 200 and set(codes[1:]) == {401}
    finally:
        server.terminate()
        server.wait(30)
        for ctx, _ in counters:
            ctx.close()
        db.close()
