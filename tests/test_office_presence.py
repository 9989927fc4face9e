"""The office's PCs: each window beats (counter_app/services/presence.py, ui/presence.py) and
`counter-app office status` lists them, with the database's address shown without its password."""
# ruff: noqa: F811 - the `office` fixture imported from tests.office_support is used as a parameter

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from counter_app.errors import ValidationError
from counter_app.services.context import AppContext
from counter_app.services.presence import ONLINE_S, PC_ID_FILE, PresenceService
from tests.conftest import FakeClock, run_cli
from tests.core_support import RawDb
from tests.office_support import Office, office  # noqa: F401 - `office` is a fixture

pytestmark = pytest.mark.both_backends


def test_a_beat_upserts_one_row_per_pc_and_role_without_audit_or_outbox(
    ctx: AppContext, clock: FakeClock
) -> None:
    raw = RawDb(ctx)
    try:
        audit = raw.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        outbox = raw.execute("SELECT count(*) FROM outbox").fetchone()[0]
        presence = PresenceService(ctx)
        presence.beat("clerk", clerk="admin")
        clock.advance(seconds=10)
        presence.beat("clerk", clerk="lan.nt")
        presence.beat("rating")
        assert raw.execute("SELECT count(*) FROM office_pcs").fetchone()[0] == 2
        # Heartbeats are not business events: the auditor and the city see nothing of them.
        assert raw.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit
        assert raw.execute("SELECT count(*) FROM outbox").fetchone()[0] == outbox
    finally:
        raw.close()
    pcs = {p.role: p for p in PresenceService(ctx).list()}
    assert pcs["clerk"].clerk == "lan.nt" and pcs["clerk"].counter == ctx.counter_number
    assert pcs["clerk"].last_seen == ctx.now() and pcs["clerk"].online
    assert pcs["rating"].clerk is None
    # The same data dir is the same PC, across restarts.
    assert pcs["clerk"].pc_id == pcs["rating"].pc_id == (ctx.data_dir / PC_ID_FILE).read_text().strip()
    assert PresenceService(ctx).pc_id == pcs["clerk"].pc_id


def test_a_pc_not_heard_from_for_three_heartbeats_is_shown_offline(ctx: AppContext, clock: FakeClock) -> None:
    PresenceService(ctx).beat("kiosk")
    clock.advance(seconds=ONLINE_S)
    assert [p.online for p in PresenceService(ctx).list()] == [True]
    clock.advance(seconds=1)
    assert [p.online for p in PresenceService(ctx).list()] == [False]


def test_an_unknown_role_is_refused_by_name(ctx: AppContext) -> None:
    with pytest.raises(ValidationError) as err:
        PresenceService(ctx).beat("toaster")
    assert "Vai trò" in str(err.value) and "kiosk" in str(err.value)


def test_office_status_on_this_pc_alone(ctx: AppContext) -> None:
    PresenceService(ctx).beat("board", counter=0)
    proc = run_cli("office", "status", "--json", data_dir=ctx.data_dir)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["backend"] == ctx.db.dialect
    assert [(p["role"], p["counter"], p["clerk"]) for p in out["pcs"]] == [("board", 0, None)]
    human = run_cli("office", "status", data_dir=ctx.data_dir)
    assert human.returncode == 0, human.stderr
    assert "bảng hiển thị" in human.stdout and "Cơ sở dữ liệu" in human.stdout


def _beat(data_dir: Path, role: str, clerk: str | None = None) -> None:
    c = AppContext(data_dir)
    try:
        PresenceService(c).beat(role, clerk=clerk)
    finally:
        c.close()


def test_two_pcs_on_one_office_database_are_both_listed(office: Office) -> None:
    _beat(office.pc1, "clerk", "admin")
    _beat(office.pc2, "clerk")
    _beat(office.pc2, "rating")
    proc = run_cli("office", "status", "--json", data_dir=office.pc1)
    assert proc.returncode == 0, proc.stderr
    out: dict[str, Any] = json.loads(proc.stdout)
    assert out["backend"] == "postgresql"
    rows = sorted((p["counter"], p["role"], p["clerk"]) for p in out["pcs"])
    assert rows == [(1, "clerk", "admin"), (2, "clerk", None), (2, "rating", None)]
    assert len({p["pc"] for p in out["pcs"]}) == 2  # two data dirs, two PCs
    assert all(p["last_seen"].endswith("+07:00") and p["online"] for p in out["pcs"])


def test_office_status_masks_the_database_password(office: Office, tmp_path: Path) -> None:
    # The test server trusts local connections, so a password in the URL is accepted and ignored.
    with_password = office.url.replace("postgres@", "postgres:Mat-khau-bi-mat@", 1)
    assert with_password != office.url
    pc = Office(with_password, office.pc1, office.pc2).add_pc(tmp_path / "pc3")
    for args in (("office", "status", "--json"), ("office", "status")):
        proc = run_cli(*args, data_dir=pc)
        assert proc.returncode == 0, proc.stderr
        assert "Mat-khau-bi-mat" not in proc.stdout + proc.stderr
        assert "***" in proc.stdout
    database = json.loads(run_cli("office", "status", "--json", data_dir=pc).stdout)["database"]
    assert database.startswith("postgresql+psycopg://postgres:***@")


def test_a_window_heartbeat_beats_off_the_gui_thread_and_again_on_its_timer(
    qtbot: Any, ctx: AppContext
) -> None:
    from PySide6.QtCore import QObject

    from ui.presence import Heartbeat

    owner = QObject()
    heartbeat = Heartbeat(ctx, "kiosk", clerk=lambda: "lan.nt", parent=owner, interval_s=0.05).start()
    qtbot.waitUntil(lambda: heartbeat.beats >= 2, timeout=5000)
    heartbeat.timer.stop()
    qtbot.waitUntil(lambda: not heartbeat._in_flight, timeout=5000)
    assert [(p.role, p.clerk) for p in PresenceService(ctx).list()] == [("kiosk", "lan.nt")]
