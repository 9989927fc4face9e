"""`counter-app demo`: fill a data dir with a realistic working day, through the same services as the app.

The demo is a list of steps, `DEMO_STEPS`. Each step is a function `step(run: DemoRun) -> None` that adds
its part of the story with the services, moving `run.clock` to the moment each thing happens (never
past `run.end`, the demo's "now"). Another feature adds its own step with one line at the end of the
list, e.g. queue tickets for this morning, ratings of the dossiers returned, payments of the fees:
the dossiers made by the core step are in `run.stories` ("returned", "overdue", "due_soon", …).
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from counter_app.demo.dossiers import add_dossiers
from counter_app.demo.payments import add_payments
from counter_app.demo.queue import add_queue_tickets
from counter_app.demo.ratings import add_ratings_and_feedback
from counter_app.demo.run import DemoClock, DemoRun, DemoStep
from counter_app.demo.users import add_users
from counter_app.domain import lifecycle as lc
from counter_app.domain.wording import format_due
from counter_app.errors import ConflictError
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.timeutil import local
from counter_app.timeutil import now as system_now
from db.models import Dossier


def summarise(run: DemoRun) -> None:
    with run.ctx.db.read() as s:
        counts = dict(s.execute(select(Dossier.status, func.count()).group_by(Dossier.status)).all())
    svc = DossierService(run.ctx)
    overdue = svc.list(overdue=True)
    soon = svc.list(due_within_days=1)
    run.report.append("Hồ sơ: " + ", ".join(f"{lc.LABELS_VI[s]} {counts.get(s, 0)}" for s in lc.STATES))
    run.report.append(f"Quá hạn: {len(overdue)}; đến hạn trong 1 ngày làm việc: {len(soon)}")
    if soon:
        run.report.append(f"  gần nhất: {soon[0].code} hẹn {format_due(soon[0].due_at)}")


DEMO_STEPS: list[DemoStep] = [
    add_users,
    add_dossiers,
    # Other features append their steps here (queue tickets, ratings, payments …).
    add_payments,
    add_ratings_and_feedback,
    add_queue_tickets,
]


def run_demo(
    data_dir: Path,
    *,
    force: bool = False,
    end: datetime | None = None,
    seed: int = 2026,
    steps: list[DemoStep] | None = None,
) -> DemoRun:
    """Run every step on `data_dir`; refuses a data dir that already holds dossiers unless `force`."""
    end = local(end or system_now()).replace(second=0, microsecond=0)
    clock = DemoClock(end)
    ctx = AppContext(data_dir, clock=clock)
    try:
        with ctx.db.read() as s:
            existing = int(s.scalar(select(func.count()).select_from(Dossier)) or 0)
        if existing and not force:
            raise ConflictError(
                f"thư mục dữ liệu {data_dir} đã có {existing} hồ sơ; dữ liệu mẫu chỉ dành cho thư mục mới "
                "(thêm --force để vẫn thêm vào)",
                field="data_dir",
                label="Dữ liệu mẫu",
            )
        run = DemoRun(ctx=ctx, clock=clock, end=end, rng=random.Random(seed))
        for step in steps if steps is not None else DEMO_STEPS:
            step(run)
            clock.set(end)
        summarise(run)
        return run
    finally:
        ctx.close()
