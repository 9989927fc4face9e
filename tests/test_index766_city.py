"""The QĐ 766 index on the city server: two agencies sync through the real client to a real city server
on 127.0.0.1; the city's indicators for an agency equal the counter's own for the same events, and the
ranking orders agencies by the index score. Expected scores are worked out by hand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from counter_app.config import Config
from counter_app.paths import config_file
from counter_app.services.context import AppContext
from counter_app.services.index766 import IndexService
from counter_app.services.payments import PaymentService
from counter_app.services.ratings import RatingService
from tests.citykit import ServerDb, configure_counter, new_counter, pg_params, serve, sync
from tests.conftest import ROOT, FakeClock
from tests.index766_support import attach, build_index_month
from tests.reports_support import COPY, add_users, receive, status

A1, A2 = "000.00.06.H56", "000.00.07.H56"
SHOTS = ROOT / "tests" / "_screenshots"
KEYS = ("key", "name", "numerator", "denominator", "value_pct", "formula", "source", "below")


def _agency(root: Path, code: str) -> tuple[AppContext, FakeClock]:
    Config(config_file(root / code)).update(
        {"agency.code": code, "agency.name": f"UBND Phường {code[-6:-4]}"}
    )
    clock = FakeClock("2026-09-30T08:00")
    return AppContext(root / code, clock=clock), clock


def _small(ctx: AppContext, clock: FakeClock) -> dict[str, str]:
    """X1 (Chứng thực, online): paper and result digitised, ready early, paid by VietQR, rated satisfied.
    X2 (Chứng thực, at the counter): nothing digitised, still open."""
    add_users(ctx)
    x1 = receive(ctx, clock, "2026-10-12T09:00", COPY, channel="online")
    attach(ctx, clock, x1, 1, "2026-10-12T09:02")
    clock.set("2026-10-12T09:05")
    PaymentService(ctx).record(x1, "vietqr", 2000, actor="lan")
    status(ctx, clock, x1, "2026-10-12T15:00", "ready")
    attach(ctx, clock, x1, None, "2026-10-12T15:01")
    rs = RatingService(ctx)
    clock.set("2026-10-12T15:05")
    rs.rate(rs.offer("intake", x1, "lan", 1), "satisfied")
    x2 = receive(ctx, clock, "2026-10-13T09:00", COPY)
    clock.set("2026-11-05T09:00")
    return {"X1": x1, "X2": x2}


@pytest.fixture(params=pg_params())
def city(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, dict[str, AppContext]]]:
    """A real city server (SQLite, and PostgreSQL when configured) to which both agencies have synced."""
    db = ServerDb(request.param, tmp_path)
    running = serve(db)
    server, _ = next(running)
    made = {code: _agency(tmp_path, code) for code in (A1, A2)}
    try:
        build_index_month(*made[A1])
        _small(*made[A2])
        for ctx, _clock in made.values():
            configure_counter(ctx, server.url, new_counter(db, ctx))
            result = sync(ctx, server.url)
            assert result.rejected == 0 and result.pending == 0, result
        yield server.url, {k: v[0] for k, v in made.items()}
    finally:
        for ctx, _clock in made.values():
            ctx.close()
        running.close()
        db.close()


def _counter(ctx: AppContext) -> list[dict[str, Any]]:
    j = IndexService(ctx).month("2026-10").to_json()
    return [{k: i[k] for k in KEYS} for i in j["indicators"]]


def test_the_city_figures_equal_the_counters(city: tuple[str, dict[str, AppContext]]) -> None:
    city_url, counters = city
    for agency, ctx in counters.items():
        r = httpx.get(
            f"{city_url}/api/v1/index766", params={"month": "2026-10", "agency": agency}, timeout=10
        )
        assert r.status_code == 200, r.text
        j = r.json()
        assert (j["month"], j["agency"]) == ("2026-10", agency)
        assert [{k: i[k] for k in KEYS} for i in j["indicators"]] == _counter(ctx), agency
    # The figures of agency 1 are those worked out by hand in tests/test_index766_service.py.
    one = httpx.get(
        f"{city_url}/api/v1/index766", params={"month": "2026-10", "agency": A1}, timeout=10
    ).json()
    assert [i["value_pct"] for i in one["indicators"]] == [66.7, 28.6, 33.3, 7.1, 7.1, 60.0, 75.0]


def test_the_ranking_orders_agencies_by_the_index_score(city: tuple[str, dict[str, AppContext]]) -> None:
    city_url = city[0]
    r = httpx.get(f"{city_url}/api/v1/index766", params={"month": "2026-10"}, timeout=10)
    assert r.status_code == 200, r.text
    j = r.json()
    # Agency 2: on time 1/1, digitised 1/2, result 1/1, reuse 0/2, online 1/2, cashless 1/1, satisfied 1/1
    # → (100 + 50 + 100 + 0 + 50 + 100 + 100) / 7 = 71.43. Agency 1: (66.7 + 28.6 + 33.3 + 7.1 + 7.1 + 60
    # + 75) / 7 = 277.8 / 7 = 39.69.
    assert [(a["rank"], a["agency"], a["score"]) for a in j["agencies"]] == [(1, A2, 71.4), (2, A1, 39.7)]
    assert [i["key"] for i in j["indicators"]] == [i["key"] for i in j["agencies"][0]["indicators"]]
    assert all("below" not in i for a in j["agencies"] for i in a["indicators"])  # codes only per agency
    page = httpx.get(f"{city_url}/bao-cao/chi-so-766", params={"thang": "2026-10"}, timeout=10)
    assert page.status_code == 200
    assert "39,7%" in page.text and "71,4%" in page.text and "28,6% (4/14)" in page.text
    assert page.text.index(A2) < page.text.index(A1)
    assert "-261005-" not in page.text and "Nguyễn" not in page.text  # no dossier code, no name
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "city-index766-2026-10.html").write_text(page.text, encoding="utf-8")


def test_bad_questions_get_clear_answers(city: tuple[str, dict[str, AppContext]]) -> None:
    city_url = city[0]
    unknown = httpx.get(
        f"{city_url}/api/v1/index766", params={"month": "2026-10", "agency": "000.00.99.H56"}, timeout=10
    )
    assert unknown.status_code == 404 and "000.00.99.H56" in unknown.json()["detail"]
    bad = httpx.get(f"{city_url}/api/v1/index766", params={"month": "2026-13"}, timeout=10)
    assert bad.status_code == 422
