"""City-wide reports: three agencies sync to a real city server on 127.0.0.1; the server's report for
one agency equals the counter's own figures, and the ranking orders agencies by on-time %, then
satisfaction. Every expected figure is written by hand (see tests/reports_support.py for agency 1)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from counter_app.config import Config
from counter_app.paths import config_file
from counter_app.services.context import AppContext
from counter_app.services.ratings import RatingService
from counter_app.services.reports import ReportService
from tests.citykit import ServerDb, ServerThread, configure_counter, new_counter, pg_params, serve, sync
from tests.conftest import ROOT, FakeClock
from tests.reports_support import add_users, build_month, receive, status

SHOTS = ROOT / "tests" / "_screenshots" / "reports"
A1, A2, A3 = "000.00.06.H56", "000.00.07.H56", "000.00.08.H56"


def _keep(html: str, name: str) -> None:
    """The page as served, to open and look at (tests/_screenshots is not committed)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / name).write_text(html, encoding="utf-8")


def _agency(root: Path, code: str, start: str) -> tuple[AppContext, FakeClock]:
    # The agency is configured before the database opens: even the first event carries its code.
    Config(config_file(root / code)).update(
        {"agency.code": code, "agency.name": f"UBND Phường {code[-6:-4]}"}
    )
    clock = FakeClock(start)
    return AppContext(root / code, clock=clock), clock


def _small(ctx: AppContext, clock: FakeClock, levels: list[str]) -> None:
    """Two dossiers resolved on time in October 2026, one rating per level given, one dossier paused."""
    add_users(ctx)  # the clerks are accounts, as on every counter
    codes = [receive(ctx, clock, "2026-10-12T09:00"), receive(ctx, clock, "2026-10-13T09:00")]
    status(ctx, clock, codes[0], "2026-10-13T08:00", "ready")
    status(ctx, clock, codes[1], "2026-10-13T15:00", "ready")
    rs = RatingService(ctx)
    for i, level in enumerate(levels):
        clock.set(f"2026-10-13T16:0{i}")
        rs.rate(rs.offer("intake", codes[i], "lan", 1), level)
    # Waiting for a supplement across the month end (asked with office time left): open, not late.
    paused = receive(ctx, clock, "2026-10-28T09:00")
    status(ctx, clock, paused, "2026-10-28T10:00", "supplement", note="Thiếu giấy chứng sinh")
    clock.set("2026-11-05T09:00")


@dataclass
class City:
    db: ServerDb
    server: ServerThread

    @property
    def url(self) -> str:
        return self.server.url


@pytest.fixture(params=pg_params())
def city(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[City]:
    """A real city server on 127.0.0.1 (uvicorn in a thread) over a fresh SQLite file, and over
    PostgreSQL too when CITY_SERVER_PG_URL is set."""
    db = ServerDb(request.param, tmp_path)
    running = serve(db)
    server, _ = next(running)
    try:
        yield City(db, server)
    finally:
        running.close()
        db.close()


@pytest.fixture
def agencies(city: City, tmp_path: Path) -> Iterator[dict[str, Any]]:
    made = {code: _agency(tmp_path, code, "2026-09-30T08:00") for code in (A1, A2, A3)}
    codes = build_month(*made[A1])
    _small(*made[A2], ["dissatisfied"])
    _small(*made[A3], ["satisfied", "very_satisfied"])
    for ctx, _clock in made.values():
        configure_counter(ctx, city.url, new_counter(city.db, ctx))
        result = sync(ctx, city.url)
        assert result.rejected == 0 and result.pending == 0, result
    yield {"codes": codes, "ctx": {k: v[0] for k, v in made.items()}}
    for ctx, _clock in made.values():
        ctx.close()


def test_city_report_of_one_agency_matches_the_counter(city: City, agencies: dict[str, Any]) -> None:
    codes = agencies["codes"]
    r = httpx.get(f"{city.url}/api/v1/reports/monthly", params={"agency": A1, "month": "2026-10"}, timeout=10)
    assert r.status_code == 200, r.text
    j = r.json()
    assert j["dossiers"] == {
        "received": 12,
        "resolved": 8,
        "early": 2,
        "on_time": 3,
        "late": 3,
        "on_time_pct": 62.5,
        "open_at_end": 4,
        "overdue_open": 2,
        "rejected": 1,
        "stopped": 0,
    }
    assert j["apologies"] == {"issued": 2, "missing": 4}
    assert [(e["code"], e["apology"]["number"] if e["apology"] else None) for e in j["overdue_register"]] == [
        (codes["D11"], None),
        (codes["D4"], "01/PXL"),
        (codes["D5"], None),
        (codes["D13"], None),
        (codes["D10"], "02/PXL"),
        (codes["D7"], None),
    ]
    rt = j["ratings"]
    assert (rt["offered"], rt["rated"], rt["satisfied_pct"], rt["response_pct"]) == (5, 4, 75.0, 80.0)
    assert {k: g["satisfied_pct"] for k, g in rt["by_group"].items()} == {
        "access": 66.7,
        "procedure": 66.7,
        "staff": 80.0,
        "result": 100.0,
        "feedback": None,
    }
    assert [(b["key"], b["rated"], b["satisfied_pct"]) for b in rt["by_clerk"]] == [
        ("lan", 3, 66.7),
        ("minh", 1, 100.0),
    ]
    q = j["queue"]
    assert (
        q["tickets"],
        q["served"],
        q["no_shows"],
        q["wait_avg_s"],
        q["wait_p90_s"],
        q["service_avg_s"],
    ) == (5, 4, 1, 1584, 2436, 1200)
    assert [h["tickets"] for h in q["wait_histogram"]] == [0, 0, 1, 1, 1, 1, 1, 0]
    assert (j["payments"]["total_vnd"], j["payments"]["cashless_pct"]) == (8000, 60.0)
    assert j["feedback"] == {
        "received": 4,
        "answered": 3,
        "answered_in_time": 1,
        "answered_late": 2,
        "open": 2,
        "overdue": 1,
    }
    assert [t["on_time_pct"] for t in j["on_time_trend"]] == [None, None, None, None, None, 62.5]
    # GET /api/v1/stats is this report's headline: overdue = the 6 register entries above.
    st = httpx.get(f"{city.url}/api/v1/stats", params={"agency": A1, "month": "2026-10"}, timeout=10)
    assert st.status_code == 200 and st.json() == {
        "agency": A1,
        "month": "2026-10",
        "received": 12,
        "resolved": 8,
        "on_time_pct": 62.5,
        "overdue": 6,
        "apologies": 2,
        "satisfied_pct": 75.0,
        "conflicts": 0,
    }

    page = httpx.get(f"{city.url}/bao-cao", params={"cq": A1, "thang": "2026-10"}, timeout=10)
    assert page.status_code == 200 and "62,5%" in page.text
    _keep(page.text, "city-agency-2026-10.html")
    flagged = re.findall(r"<tr class=flag><td[^>]*>([^<]*)</td>", page.text)
    assert codes["D5"] in flagged and codes["D7"] in flagged and codes["D4"] not in " ".join(flagged)


def _comparable(j: dict[str, Any]) -> dict[str, Any]:
    """The figures both reports carry (the counter adds labels, names and per-field dossiers; the city
    knows no service prefixes): what must be equal, section by section."""
    rt, q = j["ratings"], j["queue"]
    keep = ("key", "rated", "satisfied", "satisfied_pct", "by_level")
    out: dict[str, Any] = {
        "dossiers": j["dossiers"],
        "apologies": j["apologies"],
        "register": [
            (e["code"], e["state"], e["original_due_at"], e["resolved_at"], e["apology"])
            for e in j["overdue_register"]
        ],
        "trend": j["on_time_trend"],
        "ratings": rt
        and {
            **{k: v for k, v in rt.items() if k not in ("by_clerk", "by_field", "by_level_pct")},
            "by_clerk": [{k: b[k] for k in keep} for b in rt["by_clerk"]],
            "by_field": [{k: b[k] for k in keep} for b in rt["by_field"]],
        },
        "queue": q
        and {
            **{k: v for k, v in q.items() if k != "by_service"},
            "by_service": {
                s["name"]: (s["tickets"], s["served"], s["no_shows"], s["wait_avg_s"], s["wait_p90_s"])
                for s in q["by_service"]
            },
        },
        "payments": j["payments"],
        "feedback": j["feedback"],
    }
    return out


def test_counter_and_city_give_the_same_figures_on_the_same_events(
    city: City, agencies: dict[str, Any]
) -> None:
    """Both compute with contract/figures.py: every figure of every section is the same on both sides."""
    for code, ctx in agencies["ctx"].items():
        counter = ReportService(ctx).monthly("2026-10").to_json()
        r = httpx.get(
            f"{city.url}/api/v1/reports/monthly", params={"agency": code, "month": "2026-10"}, timeout=10
        )
        assert r.status_code == 200, r.text
        theirs, ours = _comparable(r.json()), _comparable(counter)
        for section in [k for k, v in theirs.items() if v is None]:
            # Nothing of that kind synced: the city claims nothing, the counter counted nothing.
            assert not any(v for v in ours.pop(section).values() if isinstance(v, int)), (code, section)
            del theirs[section]
        assert theirs == ours, code
    # Not vacuous: agency 1's month has every kind of figure.
    one = _comparable(ReportService(agencies["ctx"][A1]).monthly("2026-10").to_json())
    assert one["ratings"]["surveys"] and one["queue"]["tickets"] and one["payments"]["payments"]
    assert one["feedback"]["received"] and one["register"] and one["dossiers"]["late"]


def test_city_ranking_over_three_agencies(city: City, agencies: dict[str, Any]) -> None:
    r = httpx.get(f"{city.url}/api/v1/reports/city", params={"month": "2026-10"}, timeout=10)
    assert r.status_code == 200, r.text
    rows = [
        (
            a["rank"],
            a["agency"],
            a["resolved"],
            a["on_time_pct"],
            a["rated"],
            a["satisfied_pct"],
            a["apologies_missing"],
        )
        for a in r.json()["agencies"]
    ]
    assert rows == [
        (1, A3, 2, 100.0, 2, 100.0, 0),  # ties with A2 on time; more satisfied
        (2, A2, 2, 100.0, 1, 0.0, 0),
        (3, A1, 8, 62.5, 4, 75.0, 4),
    ]
    assert r.json()["totals"] == {
        "agencies": 3,
        "received": 18,
        "resolved": 12,
        "on_time_pct": 75.0,
        "overdue_open": 2,
        "apologies_missing": 4,
    }
    # The paused dossier of A2: open at month end, neither overdue nor in the register — on the server
    # as on the counter.
    a2 = httpx.get(
        f"{city.url}/api/v1/reports/monthly", params={"agency": A2, "month": "2026-10"}, timeout=10
    )
    counter = ReportService(agencies["ctx"][A2]).monthly("2026-10").to_json()
    for j in (a2.json(), counter):
        assert (j["dossiers"]["received"], j["dossiers"]["open_at_end"], j["dossiers"]["overdue_open"]) == (
            3,
            1,
            0,
        )
        assert j["overdue_register"] == [] and j["apologies"] == {"issued": 0, "missing": 0}
    page = httpx.get(f"{city.url}/bao-cao/thanh-pho", params={"thang": "2026-10"}, timeout=10)
    assert page.status_code == 200
    body = page.text
    _keep(body, "city-ranking-2026-10.html")
    assert body.index(A3) < body.index(A2) < body.index(A1)
    assert "Xếp hạng chất lượng phục vụ các cơ quan tháng 10/2026" in body


def test_unknown_agency_and_bad_month_are_refused(city: City) -> None:
    r = httpx.get(
        f"{city.url}/api/v1/reports/monthly", params={"agency": "999.99.99.X", "month": "2026-10"}, timeout=10
    )
    assert r.status_code == 404 and "999.99.99.X" in r.json()["detail"]
    r = httpx.get(f"{city.url}/api/v1/reports/city", params={"month": "2026-13"}, timeout=10)
    assert r.status_code == 422 and "YYYY-MM" in r.json()["detail"]
