"""Demo step: the office's bank account for fees (so receipts carry a VietQR) and fees paid on
about two thirds of the fee-bearing dossiers, in cash, by transfer and by VietQR."""

from __future__ import annotations

from typing import TYPE_CHECKING

from counter_app.domain import lifecycle as lc
from counter_app.services.dossiers import DossierService
from counter_app.services.payments import PaymentService
from counter_app.services.settings import SettingsService
from counter_app.services.users import NO_CLERK

if TYPE_CHECKING:
    from counter_app.demo.run import DemoRun

# A made-up account at VietinBank (BIN 970415): real BIN, fictitious account number.
DEMO_BANK = {
    "bank.bin": "970415",
    "bank.account": "113366668888",
    "bank.account_name": "UBND PHUONG BEN NGHE",
    "bank.name": "VietinBank",
}


def add_payments(run: DemoRun) -> None:
    settings = SettingsService(run.ctx)
    for key, value in DEMO_BANK.items():
        if not run.ctx.config.get(key):
            settings.set(key, value, actor=NO_CLERK)
    payments = PaymentService(run.ctx)
    methods = ["cash", "cash", "transfer", "vietqr"]
    for view in DossierService(run.ctx).list(limit=10_000):
        if view.fee_vnd == 0 or view.status == lc.REJECTED or run.rng.random() > 0.66:
            continue
        due = payments.status(view.code).due_vnd  # a --force rerun finds some already paid
        if due == 0:
            continue
        run.clock.set(view.received_at)  # fees are paid at the counter when the dossier is received
        payments.record(view.code, run.rng.choice(methods), due, actor=view.clerk)
