"""Two OS processes at the same instant: unique, gap-free codes (docs/domain.md, Dossier code); one first start at a time."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text

from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from tests.conftest import intake_doc
from tests.core_support import run_together

PER_PROCESS = 40

# Each worker imports what it needs, says it is ready, waits for the start file, then does its work as
# fast as it can; both therefore hit the database at the same moment.
BARRIER = r"""
import json, sys, time
from pathlib import Path
from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService

barrier, name, data_dir = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
(barrier / f"ready-{name}").touch()
deadline = time.monotonic() + 60
while not (barrier / "go").exists():
    if time.monotonic() > deadline:
        sys.exit("no start signal")
    time.sleep(0.001)
"""

RECEIVE = (
    BARRIER
    + r"""
n, doc = int(sys.argv[4]), json.loads(sys.argv[5])
started = time.time()
ctx = AppContext(data_dir)
svc = IntakeService(ctx)
codes = [svc.receive(doc, actor=name).code for _ in range(n)]
print(json.dumps({"codes": codes, "started": started, "ended": time.time()}))
"""
)

FIRST_START = (
    BARRIER
    + r"""
ctx = AppContext(data_dir)
print(json.dumps({"version": ctx.db.pending_migrations()}))
ctx.close()
"""
)


def test_two_processes_get_unique_gap_free_codes(data_dir: Path, tmp_path: Path) -> None:
    AppContext(data_dir).close()  # migrated once beforehand, as on a counter that has run before
    doc = intake_doc(received_at="2026-11-23T09:00")
    outs = run_together(tmp_path / "barrier", RECEIVE, str(data_dir), str(PER_PROCESS), json.dumps(doc))
    reports = [json.loads(out) for out in outs]
    codes = [r["codes"] for r in reports]
    every = codes[0] + codes[1]
    assert len(every) == len(set(every)) == 2 * PER_PROCESS
    assert sorted(every) == [f"000.00.06.H56-261123-{i:04d}" for i in range(1, 2 * PER_PROCESS + 1)]
    for own in codes:
        assert own == sorted(own)
    # Both were receiving at once: each started before the other had finished.
    assert all(r["started"] < other["ended"] for r, other in (reports, reports[::-1]))

    ctx = AppContext(data_dir)
    try:
        views = [DossierService(ctx).get(c) for c in every]
        assert sorted(v.register_number for v in views) == list(range(1, 2 * PER_PROCESS + 1))
        with ctx.db.read() as s:
            events = s.execute(text("SELECT count(*) FROM outbox WHERE type='dossier.received'")).scalar()
        assert events == 2 * PER_PROCESS
    finally:
        ctx.close()


def test_two_first_starts_at_once_migrate_and_seed_once(fresh_data_dir: Path, tmp_path: Path) -> None:
    """Two windows opened on a brand-new data dir (or two PCs on a new office database): one migrates while
    the other waits, then finds nothing left to do; the bundled catalog is imported once."""
    data_dir = fresh_data_dir
    outs = run_together(tmp_path / "barrier", FIRST_START, str(data_dir))
    assert [json.loads(o)["version"] for o in outs] == [[], []]
    ctx = AppContext(data_dir)
    try:
        with ctx.db.read() as s:
            seeded = s.execute(text("SELECT count(*) FROM outbox WHERE type='catalog.imported'")).scalar()
            procedures = s.execute(text("SELECT count(*) FROM procedures")).scalar()
        assert seeded == 1 and procedures >= 20
    finally:
        ctx.close()
