"""A grown office for the board benchmark: N open dossiers spread over three months, written in bulk.

Rows go straight into the tables (one INSERT per table) so that 10,000 dossiers take seconds, on SQLite
or on the office's PostgreSQL alike; they look like what intake writes (counter_app/services/intake.py).
"""

from __future__ import annotations

import random
import time
from datetime import timedelta
from typing import Any

from sqlalchemy import func, insert, select, text

from counter_app.domain import lifecycle as lc
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from db.models import Dossier, DossierComponent, DossierHistory, Procedure

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi")
GIVEN = ("Văn An", "Thị Bích", "Minh Châu", "Quốc Dũng", "Thu Hà", "Đức Huy", "Ngọc Lan", "Thanh Tùng")
CLERKS = ("mai", "lan", "hung")


def fill_office(ctx: AppContext, open_dossiers: int, *, closed: int = 0, seed: int = 7) -> None:
    """`open_dossiers` received, processing, awaiting supplement or ready over the last 90 days (a few
    received today, some overdue, some due within a day), plus `closed` returned ones."""
    rnd = random.Random(seed)
    now = ctx.now()
    with ctx.db.read() as s:
        procs = list(s.execute(select(Procedure.code, Procedure.name, Procedure.field)).all())[:40]
        start = int(s.scalar(select(func.coalesce(func.max(Dossier.id), 0))) or 0) + 1
    dossiers: list[dict[str, Any]] = []
    comps: list[dict[str, Any]] = []
    hist: list[dict[str, Any]] = []
    for n in range(open_dossiers + closed):
        i = start + n
        proc = procs[i % len(procs)]
        age_h = 1 + rnd.random() * 8 if n % 50 == 0 else rnd.random() * 90 * 24
        received = (now - timedelta(hours=age_h)).replace(microsecond=0)
        due = received + timedelta(days=rnd.choice((1, 3, 5, 7, 10, 15, 20)))
        if n >= open_dossiers:
            status = lc.RETURNED
        else:
            status = rnd.choices((lc.RECEIVED, lc.PROCESSING, lc.SUPPLEMENT, lc.READY), (2, 5, 1, 2))[0]
        name = f"{rnd.choice(SURNAMES)} {rnd.choice(GIVEN)}"
        clerk = CLERKS[i % len(CLERKS)]
        dossiers.append(
            {
                "id": i,
                "code": f"000.00.07.H26-{received:%y%m%d}-B{i:06d}",
                "agency_code": "000.00.07.H26",
                "procedure_code": proc.code,
                "procedure_name": proc.name,
                "field": proc.field or "",
                "processing_days": 5,
                "fee_vnd": rnd.choice((0, 0, 10_000, 50_000)),
                "applicant_name": name,
                "applicant_name_folded": name.lower(),
                "id_number": f"0792{i:08d}",
                "phone": f"09{i:08d}",
                "email": None,
                "address": "12 Lê Lợi, Phường Bến Nghé",
                "birth_date": None,
                "sets": 1,
                "delivery": "counter",
                "post_address": None,
                "status": status,
                "received_at": received,
                "due_at": due,
                "paused_at": None,
                "remaining_minutes": None,
                "ready_at": received + timedelta(days=1) if status in (lc.READY, lc.RETURNED) else None,
                "returned_at": received + timedelta(days=2) if status == lc.RETURNED else None,
                "rejected_reason": None,
                "clerk": clerk,
                "counter_number": 1 + i % 3,
                "register_book": str(received.year),
                "register_number": i,
                "tracking_key": f"{i:08d}"[-8:],
            }
        )
        for p in range(3):
            comps.append(
                {"dossier_id": i, "position": p, "name": f"Giấy tờ số {p + 1}", "kind": "copy", "count": 1}
            )
        hist.append(
            {
                "dossier_id": i,
                "at": received,
                "clerk": clerk,
                "counter_number": 1 + i % 3,
                "action": "receive",
                "from_status": None,
                "to_status": lc.RECEIVED,
                "note": None,
                "data": None,
            }
        )
    with ctx.db.write() as s:
        for table, rows in ((Dossier, dossiers), (DossierComponent, comps), (DossierHistory, hist)):
            for chunk in range(0, len(rows), 5000):
                s.execute(insert(table.__table__), rows[chunk : chunk + 5000])
        if ctx.db.dialect == "postgresql":  # explicit ids: move the sequence past them
            s.execute(text("SELECT setval('dossiers_id_seq', (SELECT max(id) FROM dossiers))"))
    # Fresh statistics and (PostgreSQL) visibility map, as a database that grew day by day has them from
    # autovacuum / PRAGMA optimize: without it PostgreSQL cannot count a tab from its index alone.
    with ctx.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE" if ctx.db.dialect == "postgresql" else "ANALYZE"))


def bare_baseline(ctx: AppContext, snap: Any) -> float:
    """Milliseconds to read the rows `snap` lists (every column, by id) through the raw DB-API cursor:
    the floor under any board query, measured on the same database in the same run."""
    ids: list[int] = []
    with ctx.db.read() as s:
        codes = [v.code for key in ("today", "due_soon", "overdue", "ready") for v in snap.tab(key)]
        for chunk in range(0, len(codes), 500):
            ids += list(s.scalars(select(Dossier.id).where(Dossier.code.in_(codes[chunk : chunk + 500]))))
    raw = ctx.db.engine.raw_connection()
    try:
        cur = raw.cursor()
        mark = "?" if ctx.db.dialect == "sqlite" else "%s"
        start = time.perf_counter()
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            cur.execute(f"SELECT * FROM dossiers WHERE id IN ({', '.join([mark] * len(part))})", part)
            cur.fetchall()
        took = (time.perf_counter() - start) * 1000
        cur.close()
        raw.rollback()
    finally:
        raw.close()
    return took


def old_snapshot(ctx: AppContext) -> None:
    """What the board read until migration 1001: four lists of full views (components and history)."""
    dossiers = DossierService(ctx)
    now = ctx.now()
    dossiers.list(on_date=now.date())
    dossiers.list(due_within_days=1)
    dossiers.list(overdue=True)
    dossiers.list(status=lc.READY)
