"""The QĐ 766 index on the counter (counter_app/services/index766.py): the facts it needs are recorded
(the channel at intake) and the index of a generated month (tests/reports_support.py, October 2026) has
the figures worked out by hand below."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from counter_app.errors import ValidationError
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.index766 import IndexReport, IndexService
from counter_app.services.intake import IntakeService
from db.models import Dossier, OutboxEvent
from tests.conftest import FakeClock, cli_json, intake_doc
from tests.index766_support import build_index_month

pytestmark = pytest.mark.both_backends


def test_the_channel_is_kept_and_travels_with_the_dossier(ctx: AppContext) -> None:
    online = IntakeService(ctx).receive(intake_doc(channel="online"), actor="lan").code
    counter = IntakeService(ctx).receive(intake_doc(), actor="lan").code
    assert DossierService(ctx).get(online).channel == "online"
    assert DossierService(ctx).get(counter).channel == "counter"
    with ctx.db.read() as s:
        sent = {
            p["code"]: p.get("channel")
            for p in s.scalars(select(OutboxEvent.payload).where(OutboxEvent.type == "dossier.received"))
        }
        assert s.scalar(select(Dossier.channel).where(Dossier.code == online)) == "online"
    assert (sent[online], sent[counter]) == ("online", "counter")


def test_an_unknown_channel_is_refused_naming_the_field(ctx: AppContext) -> None:
    with pytest.raises(ValidationError) as err:
        IntakeService(ctx).receive(intake_doc(channel="email"), actor="lan")
    assert err.value.field == "channel" and "Kênh tiếp nhận" in str(err.value)
    with ctx.db.read() as s:
        assert s.scalar(select(Dossier.id)) is None


# --- the index of a generated month ----------------------------------------------------------------------


@pytest.fixture
def month(ctx: AppContext, clock: FakeClock) -> dict[str, str]:
    return build_index_month(ctx, clock)


def _figures(report: IndexReport) -> dict[str, tuple[int, int, float | None]]:
    return {v["key"]: (v["numerator"], v["denominator"], v["value_pct"]) for v in report.indicators}


def test_the_index_of_october_by_hand(ctx: AppContext, month: dict[str, str]) -> None:
    c = month
    report = IndexService(ctx).month("2026-10")
    # Received in October: D1–D10 but D11 (30/09), D12, D13, E1, E2 = 14. Resolved in October: D11 (late),
    # D1 (early), D2, D3 (on time), D4, D5 (late), D6 (on time), D12 (early), E1 (on time) = 9.
    assert _figures(report) == {
        "on_time": (6, 9, 66.7),  # 6 ÷ 9 = 66.67
        "digitised_intake": (4, 14, 28.6),  # D1, D2, E1, E2 (D4 lacks paper 3; D10's came in November)
        "digitised_result": (3, 9, 33.3),  # D1, D12, E1
        "reuse": (1, 14, 7.1),  # E2
        "online_intake": (1, 14, 7.1),  # E1
        "cashless": (3, 5, 60.0),  # D2 VietQR, D3 transfer, D10 VietQR of 5 payments
        "satisfaction": (3, 4, 75.0),  # as the monthly report: 3 satisfied of 4 rated
    }
    below = {v["key"]: v["below"] for v in report.indicators}
    assert below["on_time"] == sorted([c["D11"], c["D4"], c["D5"]])
    fully = {c["D1"], c["D2"], c["E1"], c["E2"]}
    received = [c[k] for k in ("D1", "D2", "D3", "D4", "D5", "D6", "D9", "D12", "D13", "D10", "D7", "D8")]
    received += [c["E1"], c["E2"]]
    assert below["digitised_intake"] == sorted(set(received) - fully)
    assert below["digitised_result"] == sorted(c[k] for k in ("D11", "D2", "D3", "D4", "D5", "D6"))
    assert below["reuse"] == sorted(set(received) - {c["E2"]})
    assert below["cashless"] == sorted([c["D1"], c["D3"]])
    assert below["satisfaction"] == [c["D3"]]


def test_the_month_before_and_the_targets(ctx: AppContext, month: dict[str, str]) -> None:
    now, before = IndexService(ctx).with_previous("2026-10")
    assert (now.month, before.month) == ("2026-10", "2026-09")
    # September: D11 received (30/09), nothing resolved, paid or rated.
    assert _figures(before) == {
        "on_time": (0, 0, None),
        "digitised_intake": (0, 1, 0.0),
        "digitised_result": (0, 0, None),
        "reuse": (0, 1, 0.0),
        "online_intake": (0, 1, 0.0),
        "cashless": (0, 0, None),
        "satisfaction": (0, 0, None),
    }
    assert now.targets["on_time"] == 100 and now.targets["reuse"] == 30
    ctx.config.update({"report.index_target.reuse": 40})
    assert IndexService(ctx).month("2026-10").targets["reuse"] == 40


def test_the_office_chooses_the_formulas_not_found_officially(ctx: AppContext, month: dict[str, str]) -> None:
    ctx.config.update(
        {
            "report.index_formula.digitised_intake": "any_paper",
            "report.index_formula.reuse": "papers",
            "report.index_formula.cashless": "dossiers",
            "report.index_formula.satisfaction": "qd766",
        }
    )
    got = _figures(IndexService(ctx).month("2026-10"))
    assert got["digitised_intake"] == (5, 14, 35.7)  # + D4 (2 of 3 papers)
    assert got["reuse"] == (2, 10, 20.0)  # papers reused 2 ÷ digitised D1 1 + D2 1 + D4 2 + E1 3 + E2 3
    assert got["cashless"] == (2, 4, 50.0)  # D2, D10 of D1 (cash), D2, D3 (cash + transfer), D10
    assert got["satisfaction"] == (4, 5, 80.0)  # 5 offers (one cancelled is not), 1 "Không hài lòng"


def test_the_command_prints_the_same_json(ctx: AppContext, month: dict[str, str]) -> None:
    out = cli_json("report", "index", "--month", "2026-10", "--json", data_dir=ctx.data_dir)
    assert out["month"] == "2026-10"
    assert [
        {k: i[k] for k in ("key", "name", "numerator", "denominator", "value_pct", "formula", "source")}
        for i in out["indicators"]
    ] == [
        {k: v[k] for k in ("key", "name", "numerator", "denominator", "value_pct", "formula", "source")}
        for v in IndexService(ctx).month("2026-10").indicators
    ]
    assert out["indicators"][0]["name"] == "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn"


def test_a_month_not_begun_is_refused(ctx: AppContext) -> None:
    with pytest.raises(ValidationError) as err:
        IndexService(ctx).month("2027-01")
    assert err.value.field == "month"
