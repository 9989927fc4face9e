"""Payments of fees: rules, one transaction with its outbox event, paid status in `dossier show`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from counter_app.errors import ConflictError, ValidationError
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.payments import PaymentService
from db.models import Base
from tests.conftest import FakeClock
from tests.core_support import ctx_snapshot, run_main, table_count
from tests.forms_support import receive


def test_partial_then_full_payment(ctx: AppContext, clock: FakeClock) -> None:
    code = receive(ctx)
    svc = PaymentService(ctx)
    st = svc.status(code)
    assert (st.fee_vnd, st.paid_vnd, st.status, st.paid) == (15000, 0, "unpaid", False)
    clock.advance(minutes=3)
    st = svc.record(code, "cash", 5000, actor="ngoc.tt")
    assert (st.paid_vnd, st.due_vnd, st.status) == (5000, 10000, "partial")
    clock.advance(minutes=3)
    st = svc.record(code, "vietqr", 10000, actor="ngoc.tt", reference="FT2633012345")
    assert (st.paid_vnd, st.due_vnd, st.status, st.status_label, st.paid) == (
        15000,
        0,
        "paid",
        "Đã nộp",
        True,
    )
    assert [(e.method, e.amount_vnd, e.paid_at.isoformat()) for e in st.entries] == [
        ("cash", 5000, "2026-11-23T09:03:00+07:00"),
        ("vietqr", 10000, "2026-11-23T09:06:00+07:00"),
    ]
    assert st.entries[1].reference == "FT2633012345"


def test_payment_writes_outbox_event_in_same_transaction(ctx: AppContext) -> None:
    code = receive(ctx)
    before = table_count(ctx.db.path, "outbox", "type = 'payment.recorded'")
    PaymentService(ctx).record(code, "transfer", 15000, actor="ngoc.tt")
    assert table_count(ctx.db.path, "outbox", "type = 'payment.recorded'") == before + 1
    assert table_count(ctx.db.path, "audit_log", "action = 'payment.recorded'") == 1
    import sqlite3

    conn = sqlite3.connect(ctx.db.path)
    try:
        payload = json.loads(
            conn.execute(
                "SELECT payload FROM outbox WHERE type = 'payment.recorded' ORDER BY id DESC LIMIT 1"
            ).fetchone()[0]
        )
    finally:
        conn.close()
    assert payload["code"] == code and payload["amount_vnd"] == 15000 and payload["method"] == "transfer"
    assert payload["status"] == "paid" and payload["actor"] == "ngoc.tt"


@pytest.mark.parametrize(
    ("method", "amount", "field"),
    [
        ("card", 1000, "method"),
        ("cash", 0, "amount"),
        ("cash", -5000, "amount"),
        ("cash", True, "amount"),
        ("cash", 1500.5, "amount"),
    ],
)
def test_bad_input_refused_nothing_saved(ctx: AppContext, method: str, amount: object, field: str) -> None:
    code = receive(ctx)
    before = ctx_snapshot(ctx)
    with pytest.raises(ValidationError) as err:
        PaymentService(ctx).record(code, method, amount, actor="ngoc.tt")
    assert err.value.field == field
    assert ctx_snapshot(ctx) == before


def test_overpayment_refused_with_amount_left(ctx: AppContext) -> None:
    code = receive(ctx)
    svc = PaymentService(ctx)
    svc.record(code, "cash", 10000, actor="ngoc.tt")
    before = ctx_snapshot(ctx)
    with pytest.raises(ConflictError) as err:
        svc.record(code, "cash", 10000, actor="ngoc.tt")
    assert "vượt số còn phải nộp (5.000 đồng" in str(err.value)
    assert ctx_snapshot(ctx) == before
    svc.record(code, "cash", 5000, actor="ngoc.tt")
    with pytest.raises(ConflictError, match="đã nộp đủ 15.000 đồng"):
        svc.record(code, "cash", 1, actor="ngoc.tt")


def test_fee_free_dossier_refuses_payment(ctx: AppContext) -> None:
    code = receive(ctx, "1.001193")  # birth registration: no fee
    svc = PaymentService(ctx)
    assert svc.status(code).status == "free" and svc.status(code).paid
    before = ctx_snapshot(ctx)
    with pytest.raises(ConflictError, match="không thu phí, lệ phí") as err:
        svc.record(code, "cash", 1000, actor="ngoc.tt")
    assert err.value.label == "Số tiền"
    assert ctx_snapshot(ctx) == before


def test_rejected_dossier_refuses_payment(ctx: AppContext) -> None:
    code = receive(ctx)
    DossierService(ctx).change_status(code, "rejected", actor="ngoc.tt", note="Không thuộc thẩm quyền")
    with pytest.raises(ConflictError, match="từ chối"):
        PaymentService(ctx).record(code, "cash", 15000, actor="ngoc.tt")


def test_cli_record_and_dossier_show_reveals_paid(ctx: AppContext, data_dir: Path) -> None:
    code = receive(ctx)
    rc, out, err = run_main("dossier", "show", code, "--json", data_dir=data_dir)
    assert rc == 0, err
    shown = json.loads(out)
    assert shown["code"] == code and shown["fee_vnd"] == 15000  # the core's keys are still there
    assert shown["payment"]["status"] == "unpaid" and shown["payment"]["paid"] is False
    rc, out, err = run_main(
        "payment", "record", code, "--method", "cash", "--amount", "15000", "--json", data_dir=data_dir
    )
    assert rc == 0, err
    assert json.loads(out)["status"] == "paid"
    shown = json.loads(run_main("dossier", "show", code, "--json", data_dir=data_dir)[1])
    assert shown["payment"]["paid"] is True and shown["payment"]["paid_vnd"] == 15000
    assert shown["payment"]["payments"][0]["method_label"] == "Tiền mặt"
    rc, out, _ = run_main("dossier", "show", code, data_dir=data_dir)
    assert "Phí, lệ phí: 15.000 đồng — Đã nộp" in out
    rc, _, err = run_main(
        "payment", "record", code, "--method", "cash", "--amount", "1000", data_dir=data_dir
    )
    assert rc == 2 and "Số tiền" in err and "nộp đủ" in err
    rc, _, err = run_main(
        "payment", "record", "KHONG-CO", "--method", "cash", "--amount", "1000", data_dir=data_dir
    )
    assert rc == 2 and "Mã hồ sơ" in err


def test_payments_table_matches_model(ctx: AppContext) -> None:
    with ctx.db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    mine = [d for d in diff if "payments" in repr(d)]
    assert mine == []
