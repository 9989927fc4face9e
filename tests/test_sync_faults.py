"""Faults between the counter and the city: connections cut after N bytes either way, server 500s
before and after it committed, read timeouts, the client killed with SIGKILL mid-sync. After the
retries the server holds exactly the counter's events: nothing lost, nothing twice."""
# ruff: noqa: F811 - pytest fixtures imported from tests.citykit are used as parameters

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from city_server.models import DossierState, Event
from city_server.reports import stats
from counter_app.services.city_link import RetryPolicy, SyncError
from counter_app.services.context import AppContext
from tests.citykit import (  # noqa: F401 - fixtures
    City,
    Cut,
    Proxy,
    city,
    city_module,
    client_event_ids,
    configure_counter,
    make_activity,
    new_counter,
    sync,
    wait_for,
)
from tests.conftest import ROOT


def _assert_same_events(city: City, ctx: AppContext, counter_id: str) -> None:
    server = city.db.event_ids(counter_id)
    client = client_event_ids(ctx)
    assert len(server) == len(set(server)), "an event stored twice"
    assert sorted(server) == sorted(client), "server and counter disagree"


def _pending(ctx: AppContext) -> int:
    from counter_app.services.sync import SyncService

    return int(SyncService(ctx).state()["pending"])


def test_random_cut_points_lose_nothing_and_count_nothing_twice(ctx: AppContext, city: City) -> None:
    cred = new_counter(city.db, ctx)
    proxy = Proxy(city.server.port)
    configure_counter(ctx, proxy.url, cred)
    rng = random.Random(20261123)
    codes: list[str] = []
    try:
        for round_ in range(25):
            codes += make_activity(ctx, 1)  # 3 new events (received, processing, ready)
            up = rng.random() < 0.5
            # Upload bodies of a 2-event batch are ~2.5 kB; answers (headers + JSON) a few hundred bytes.
            cut = Cut(up=rng.randrange(0, 3000)) if up else Cut(down=rng.randrange(0, 700))
            proxy.plan = [cut]
            result = sync(ctx, batch_size=2, pull=False)
            assert result.pending == 0, f"round {round_}: {cut}"
            _assert_same_events(city, ctx, cred["counter_id"])
    finally:
        proxy.close()
    assert proxy.cuts_done >= 20  # the faults really happened
    # The views count every dossier once.
    with city.db.store.read() as s:
        assert (
            s.scalar(select(func.count()).select_from(DossierState).where(DossierState.code.in_(codes))) == 25
        )
        statuses = set(s.scalars(select(DossierState.status).where(DossierState.code.in_(codes))))
    assert statuses == {"ready"}
    figures = stats(city.db.store, ctx.agency_code, ctx.now().strftime("%Y-%m"), now=ctx.now().isoformat())
    assert figures["received"] >= 25


def test_server_500s_before_and_after_committing(ctx: AppContext, city: City) -> None:
    cred = new_counter(city.db, ctx)
    configure_counter(ctx, city.url, cred)
    make_activity(ctx, 4)
    city.faults.plan = ["500-after", "500-before", "ok", "500-after", "500-after"]

    result = sync(ctx, batch_size=5)

    assert (
        result.pending == 0 and result.duplicates >= 5
    )  # what was stored before the 500 came back duplicate
    assert result.accepted + result.duplicates == result.sent == len(client_event_ids(ctx))
    _assert_same_events(city, ctx, cred["counter_id"])


def test_read_timeout_then_retry(ctx: AppContext, city: City) -> None:
    cred = new_counter(city.db, ctx)
    proxy = Proxy(city.server.port, plan=[Cut(stall=True), Cut(stall=True)])
    configure_counter(ctx, proxy.url, cred)
    make_activity(ctx, 2)
    try:
        result = sync(ctx, read_timeout_s=0.3)
    finally:
        proxy.close()
    assert result.pending == 0 and proxy.connections >= 3
    _assert_same_events(city, ctx, cred["counter_id"])


def test_giving_up_keeps_what_was_confirmed_and_resumes_later(ctx: AppContext, city: City) -> None:
    cred = new_counter(city.db, ctx)
    configure_counter(ctx, city.url, cred)
    make_activity(ctx, 3)
    total = len(client_event_ids(ctx))
    city.faults.plan = ["ok"] + ["500-before"] * 3

    with pytest.raises(SyncError):
        sync(ctx, batch_size=4, retry=RetryPolicy(attempts=3, base_s=0.01, max_s=0.02, jitter=0))

    assert _pending(ctx) == total - 4 and city.db.count(Event, cred["counter_id"]) == 4
    uploads = city.faults.uploads
    result = sync(ctx, batch_size=4)
    assert (result.accepted, result.duplicates, result.pending) == (total - 4, 0, 0)  # resumed, not restarted
    assert city.faults.uploads - uploads == -(-(total - 4) // 4)
    _assert_same_events(city, ctx, cred["counter_id"])


def test_client_killed_mid_sync_then_resumes(ctx: AppContext, city: City) -> None:
    cred = new_counter(city.db, ctx)
    configure_counter(ctx, city.url, cred)
    make_activity(ctx, 20)
    total = len(client_event_ids(ctx))
    city.faults.delay_s = 0.08  # each batch answer takes a moment: room to kill in the middle
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "counter_app",
            "sync",
            "--json",
            "--batch-size",
            "5",
            "--data-dir",
            str(ctx.data_dir),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        held = wait_for(
            lambda: (
                city.db.count(Event, cred["counter_id"]) >= 15 and city.db.count(Event, cred["counter_id"])
            ),
            60,
            "the first batches",
        )
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert held < total, "the sync finished before it could be killed"
    city.faults.delay_s = 0.0

    result = sync(ctx, batch_size=50)

    assert result.pending == 0
    _assert_same_events(city, ctx, cred["counter_id"])
