"""A generated month for the QĐ 766 index tests: the report tests' October 2026 (tests/reports_support.py)
plus digitised papers and results, reuse and one dossier received online. Expected figures are worked
out by hand in the tests, never computed here.

On top of build_month (H = Hộ tịch 1.001193: 3 papers; C = Chứng thực 2.000815: 1 paper):
  D1 C: paper 1 scanned 05/10 09:02, result 05/10 16:01     → digitised at intake and result
  D2 C: paper 1 scanned 05/10 10:02                          → digitised at intake
  D4 H: papers 1 and 2 scanned 07/10 09:02 (not paper 3)     → not fully digitised
  D12 H: result 14/10 15:01                                  → result digitised
  D10 C: paper 1 scanned only on 02/11 (after the month)     → not digitised as of the month end
  E1 H ONLINE recv Tue 20/10 09:00 (due Wed 21/10 09:00): papers 1–3 scanned 20/10 09:05, ready
        21/10 08:00 → on time, result 21/10 08:01
  E2 H recv Thu 22/10 09:00 (same CCCD): paper 1 scanned, papers 2 and 3 reused from E1's, 22/10 09:05
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from contract import events
from contract.payloads import DossierFileAttached
from counter_app.services import journal
from counter_app.services.context import AppContext
from counter_app.timeutil import iso
from db.models import Dossier, DossierComponent
from db.models.files import DossierFile
from tests.conftest import FakeClock
from tests.reports_support import build_month, receive, status

RESULT_NAME = "Kết quả giải quyết"


def attach(
    ctx: AppContext, clock: FakeClock, code: str, paper: int | None, when: str, reused_from: str | None = None
) -> None:
    """One digitised paper (or, paper None, the result) as the scanning service records it: the row and
    its `dossier.file_attached` event in one write (db/models/files.py, contract/payloads.py)."""
    clock.set(when)
    with ctx.db.write() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        name = RESULT_NAME
        if paper is not None:
            name = s.scalars(
                select(DossierComponent.name).where(
                    DossierComponent.dossier_id == d.id, DossierComponent.position == paper - 1
                )
            ).one()
        original = None
        if reused_from is not None:
            src = s.scalars(select(Dossier.id).where(Dossier.code == reused_from)).one()
            original = s.scalars(
                select(DossierFile).where(DossierFile.dossier_id == src, DossierFile.paper == paper)
            ).one()
        sha = hashlib.sha256(f"{code}/{paper}".encode()).hexdigest()
        row = DossierFile(
            dossier_id=d.id,
            role="result" if paper is None else "paper",
            paper=paper,
            name=name,
            pages=1,
            bytes=90_000,
            sha256=original.sha256 if original else sha,
            stored_as=original.stored_as if original else f"{code}/{paper or 'result'}.pdf",
            by="lan",
            at=ctx.now(),
            reused_from=original.id if original else None,
            id_number=d.id_number,
            valid_until=None,
            source="reuse" if original else "file",
        )
        s.add(row)
        payload: DossierFileAttached = {
            "code": code,
            "role": row.role,
            "paper": paper,
            "name": name,
            "pages": 1,
            "bytes": 90_000,
            "sha256": row.sha256,
            "reused_from_code": reused_from,
            "at": iso(ctx.now()),
        }
        journal.record(
            s,
            ctx,
            actor="lan",
            event_type=events.DOSSIER_FILE_ATTACHED,
            entity="dossier",
            entity_id=code,
            payload=payload,
        )


def build_index_month(ctx: AppContext, clock: FakeClock) -> dict[str, str]:
    c = build_month(ctx, clock)
    attach(ctx, clock, c["D1"], 1, "2026-10-05T09:02")
    attach(ctx, clock, c["D1"], None, "2026-10-05T16:01")
    attach(ctx, clock, c["D2"], 1, "2026-10-05T10:02")
    attach(ctx, clock, c["D4"], 1, "2026-10-07T09:02")
    attach(ctx, clock, c["D4"], 2, "2026-10-07T09:02")
    attach(ctx, clock, c["D12"], None, "2026-10-14T15:01")
    attach(ctx, clock, c["D10"], 1, "2026-11-02T09:00")
    c["E1"] = receive(ctx, clock, "2026-10-20T09:00", channel="online")
    for paper in (1, 2, 3):
        attach(ctx, clock, c["E1"], paper, "2026-10-20T09:05")
    status(ctx, clock, c["E1"], "2026-10-21T08:00", "ready")
    attach(ctx, clock, c["E1"], None, "2026-10-21T08:01")
    c["E2"] = receive(ctx, clock, "2026-10-22T09:00")
    attach(ctx, clock, c["E2"], 1, "2026-10-22T09:05")
    attach(ctx, clock, c["E2"], 2, "2026-10-22T09:05", reused_from=c["E1"])
    attach(ctx, clock, c["E2"], 3, "2026-10-22T09:05", reused_from=c["E1"])
    clock.set("2026-11-05T09:00")
    return c
