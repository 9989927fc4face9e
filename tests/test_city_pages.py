"""The report pages for people: agencies named beside their codes, a layout that fits a phone, and the
city ranking kept between events (recomputed behind the previous figures where that is slow)."""
# ruff: noqa: F811 - pytest fixtures imported from tests.citykit are used as parameters

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from city_server.ingest import CounterInfo, ingest
from city_server.reports import figures
from city_server.service import add_counter, list_counters
from tests.citykit import City, city, city_module, wait_for  # noqa: F401 - fixtures

AGENCIES = {"000.00.31.H56": "UBND Phường Bến Thành", "000.00.32.H56": "UBND Phường Cầu Ông Lãnh"}


def _month() -> tuple[str, datetime]:
    first = (datetime.now().replace(day=1) - timedelta(days=1)).replace(day=3, hour=9, microsecond=0)
    return first.strftime("%Y-%m"), first


def _iso(d: datetime) -> str:
    return d.strftime("%Y-%m-%dT%H:%M:%S") + "+07:00"


def _dossiers(store: Any, cred: dict[str, str], agency: str, n: int, start: int = 0) -> None:
    _, at = _month()
    evs = []
    for i in range(start, start + n):
        code = f"{agency}-{at:%y%m%d}-{i:04d}"
        for seq, etype, p in (
            (
                2 * i + 1,
                "dossier.received",
                {
                    "code": code,
                    "procedure": {"code": "1.001193", "name": "Đăng ký khai sinh", "field": "Hộ tịch"},
                    "received_at": _iso(at),
                    "due_at": _iso(at + timedelta(days=1)),
                },
            ),
            (
                2 * i + 2,
                "dossier.status_changed",
                {"code": code, "to": "ready", "at": _iso(at + timedelta(hours=3))},
            ),
        ):
            evs.append(
                {"event_id": str(uuid.uuid4()), "seq": seq, "type": etype, "agency_code": agency,
                 "counter_number": 1, "created_at": _iso(at), "payload": p}
            )  # fmt: skip
    res = ingest(store, CounterInfo(cred["counter_id"], agency, 1), evs)
    assert {r["status"] for r in res} == {"accepted"}


@pytest.fixture
def named(city: City) -> dict[str, dict[str, str]]:
    # One counter per agency for the module's server: another counter sending the same codes would be
    # refused (a code belongs to the counter that sent it first).
    held = {c["agency_code"]: c for c in list_counters(city.db.store) if c["agency_code"] in AGENCIES}
    creds = {
        a: {"counter_id": held[a]["counter_id"]}
        if a in held
        else add_counter(city.db.store, a, 1, agency_name=name)
        for a, name in AGENCIES.items()
    }
    for a, cred in creds.items():
        _dossiers(city.db.store, cred, a, 3)
    return creds


def test_agencies_are_named_beside_their_codes_and_pages_fit_a_phone(city: City, named: Any) -> None:
    month, _ = _month()
    ranking = httpx.get(f"{city.url}/bao-cao/thanh-pho", params={"thang": month}, timeout=30)
    assert ranking.status_code == 200
    for code, name in AGENCIES.items():
        assert f'{name} <span class="code">({code})</span>' in ranking.text
    report = httpx.get(f"{city.url}/bao-cao", params={"cq": "000.00.31.H56", "thang": month}, timeout=30)
    assert report.status_code == 200 and "UBND Phường Bến Thành (000.00.31.H56)" in report.text
    # Nothing wider than the screen: charts scale by their viewBox; tables of many columns turn into
    # "heading: value" cards under 640 px (looked at in Chromium at 390×844 and 1280×900).
    for page in (ranking.text, report.text):
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
        assert not re.search(r"<svg[^>]* width=\"\d", page)
        for table in re.findall(r"<table[^>]*>.*?</table>", page, re.S):
            if table.split("</tr>", 1)[0].count("<th>") > 3:
                assert "wide" in table.split(">", 1)[0] and "data-label=" in table
    assert "table.wide td::before{content:attr(data-label)" in ranking.text


def test_the_ranking_is_kept_until_an_event_arrives_and_refreshed_behind(
    city: City, named: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    month, _ = _month()

    def received(code: str) -> int:
        rows = figures.city_report(city.db.store, month)["agencies"]
        return int(next(r["received"] for r in rows if r["agency"] == code))

    assert received("000.00.31.H56") == 3
    _dossiers(city.db.store, named["000.00.31.H56"], "000.00.31.H56", 2, start=10)
    assert received("000.00.31.H56") == 5  # computing is quick here: the new figures at once
    # Where computing is slow, the previous figures are served while a thread recomputes them.
    monkeypatch.setattr(figures, "_SLOW_S", -1.0)
    _dossiers(city.db.store, named["000.00.31.H56"], "000.00.31.H56", 1, start=20)
    assert received("000.00.31.H56") == 5
    wait_for(lambda: received("000.00.31.H56") == 6, 10, "the ranking to be recomputed")
