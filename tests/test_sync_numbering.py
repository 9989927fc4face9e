"""Two standalone counters of one agency (two data dirs, two SQLite files) and a real city server: each
numbers in a block of its own, so the city counts two dossiers and merges nothing; a code crafted to
collide is refused with a reason naming both counters and counted as a conflict (docs/domain.md,
Dossier code)."""
# ruff: noqa: F811 - pytest fixtures imported from tests.citykit are used as parameters

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from city_server.models import CodeConflict, DossierState
from city_server.reports import stats
from city_server.service import add_counter
from counter_app.config import Config
from counter_app.paths import config_file
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from counter_app.services.queue import open_queue
from counter_app.services.sync import SyncService
from tests.citykit import City, city, city_module, configure_counter, sync  # noqa: F401 - fixtures
from tests.conftest import FakeClock, intake_doc

MONTH = "2026-11"  # the FakeClock's


@pytest.fixture
def agency(request: pytest.FixtureRequest) -> str:
    # An agency of each test's own on the module's shared server.
    return {"test_two_standalone": "000.00.41.H56", "test_a_crafted": "000.00.42.H56"}[
        "_".join(request.node.originalname.split("_")[:3])
    ]


@pytest.fixture
def counters(tmp_path: Path, clock: FakeClock, agency: str, city: City) -> Iterator[list[AppContext]]:
    """Counters 1 and 2 of `agency`, each with its own data dir and city credential."""
    made = []
    for number in (1, 2):
        folder = tmp_path / f"quay{number}"
        # Set up before the first start, as an office would: its first events are already this counter's.
        Config(config_file(folder)).update({"agency.code": agency, "counter.number": number})
        c = AppContext(folder, clock=clock)
        configure_counter(c, city.url, add_counter(city.db.store, agency, number))
        made.append(c)
    yield made
    for c in made:
        c.close()


def _receive(c: AppContext, name: str, id_number: str) -> str:
    doc = intake_doc()
    doc["applicant"] = {**doc["applicant"], "full_name": name, "id_number": id_number}
    return IntakeService(c).receive(doc, actor="").code


def _lookup(city: City, code: str, key: str) -> httpx.Response:
    return httpx.get(f"{city.url}/api/v1/dossiers/{code}", params={"k": key}, timeout=10)


def test_two_standalone_sqlite_counters_sync_two_dossiers_no_merge(
    city: City, counters: list[AppContext], agency: str
) -> None:
    one, two = counters
    code1 = _receive(one, "Trần Thị Bích", "079203001111")
    code2 = _receive(two, "Lê Văn Cường", "079203002222")
    # The official shape, a block each: counter 1 keeps 0001 (what a lone counter always printed),
    # counter 2 numbers from 1001. Register books and queue tickets likewise.
    assert (code1, code2) == (f"{agency}-261123-0001", f"{agency}-261123-1001")
    v1, v2 = DossierService(one).get(code1), DossierService(two).get(code2)
    assert (v1.register_book, v1.register_number, v2.register_book, v2.register_number) == (
        "2026",
        1,
        "2026-1",
        1,
    )
    tickets = [open_queue(c).issue("A", print_ticket=False, actor="kiosk").number for c in (one, two)]
    assert tickets == ["A001", "A1001"]

    for c in counters:
        result = sync(c, pull=False)
        assert result.rejected == 0 and result.accepted > 0

    with city.db.store.read() as s:
        held = {d.code: (d.counter_number, d.masked_name) for d in s.scalars(select(DossierState).where(
            DossierState.agency_code == agency))}  # fmt: skip
    assert held == {code1: (1, "Trần T. B."), code2: (2, "Lê V. C.")}
    figures = stats(city.db.store, agency, MONTH)
    assert (figures["received"], figures["conflicts"]) == (2, 0)
    api = httpx.get(f"{city.url}/api/v1/stats", params={"agency": agency, "month": MONTH}, timeout=10)
    assert api.json()["received"] == 2 and api.json()["conflicts"] == 0
    # Each citizen's key opens their own dossier, and only it.
    assert _lookup(city, code1, v1.tracking_key).json()["applicant"] == "Trần T. B."
    assert _lookup(city, code2, v2.tracking_key).json()["applicant"] == "Lê V. C."
    assert _lookup(city, code1, v2.tracking_key).status_code == 404


def test_a_crafted_collision_is_refused_naming_both_counters_and_counted_once(
    city: City, counters: list[AppContext], agency: str
) -> None:
    one, two = counters
    two.config.set("counter.number_block", "0")  # misconfigured: both counters number from 0001
    code = _receive(one, "Trần Thị Bích", "079203001111")
    assert _receive(two, "Lê Văn Cường", "079203002222") == code
    first_key = DossierService(one).get(code).tracking_key
    second_key = DossierService(two).get(code).tracking_key
    assert sync(one, pull=False).rejected == 0

    result = sync(two, pull=False)
    assert result.rejected >= 1
    refused = {r["type"]: r["reason"] for r in SyncService(two).rejected()}
    reason = refused["dossier.received"]
    one_id, two_id = one.config.city.counter_id, two.config.city.counter_id
    assert code in reason and f"quầy 1 ({one_id})" in reason and f"quầy 2 ({two_id})" in reason

    # Later events of the refused dossier do not attach to counter 1's dossier either.
    DossierService(two).change_status(code, "processing", actor="")
    DossierService(two).change_status(code, "ready", actor="")
    later = sync(two, pull=False)
    assert later.rejected == 2 and later.accepted == 0
    with city.db.store.read() as s:
        held = s.get(DossierState, code)
        assert held is not None and (held.counter_number, held.masked_name, held.status) == (
            1,
            "Trần T. B.",
            "received",
        )

    # The public page never shows the second citizen under this code; the first one's key still works.
    assert _lookup(city, code, second_key).status_code == 404
    assert _lookup(city, code, first_key).json()["applicant"] == "Trần T. B."
    page = httpx.get(f"{city.url}/tra-cuu", params={"ma": code, "k": second_key}, timeout=10)
    assert page.status_code == 404 and "Lê" not in page.text

    # Counted as one conflict, also when the office requeues and sends the refused events again.
    assert stats(city.db.store, agency, MONTH)["conflicts"] == 1
    SyncService(two).requeue(None, actor="admin")
    again = sync(two, pull=False)
    assert again.rejected == 3
    assert stats(city.db.store, agency, MONTH)["conflicts"] == 1
    assert stats(city.db.store, agency, MONTH)["received"] == 1
    with city.db.store.read() as s:
        n = s.scalar(select(func.count()).select_from(CodeConflict).where(CodeConflict.agency_code == agency))
    assert n == 3  # one row per refused event; the stats count the refused receptions
