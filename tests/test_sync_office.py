"""One office database, several PCs, one city credential for the whole office (`city-server counter add
--office`): whichever PC uploads sends every counter's events of the office database, one uploader at a
time; the city keeps each event's own counter number. A one-counter credential on an office database gets
one clear sentence (nothing set aside), and another agency's events stay refused. Two data dirs (counters 1
and 3) on one PostgreSQL office database and a real city server on 127.0.0.1."""
# ruff: noqa: F811 - pytest fixtures imported from tests.citykit and tests.office_support are parameters

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select, text, update

from city_server.models import Counter, DossierState, Event
from city_server.reports import agency_report, stats
from city_server.service import add_counter, revoke_counter
from contract import envelope as wire
from counter_app.services.city_link import SyncError
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from counter_app.services.live_sync import live_loop
from counter_app.services.queue import open_queue
from counter_app.services.sync import SyncResult, SyncService
from counter_app.services.upload_lock import BUSY
from db.models import OutboxEvent
from tests.citykit import City, city, city_module, configure_counter, sync, wait_for  # noqa: F401
from tests.conftest import FakeClock, intake_doc, run_cli
from tests.office_support import Office, office  # noqa: F401 - `office` is a fixture

MONTH = "2026-11"  # the FakeClock's
_AGENCIES = itertools.count(50)


@dataclass
class Pcs:
    one: AppContext  # counter 1
    three: AppContext  # counter 3
    agency: str


@pytest.fixture
def pcs(office: Office, clock: FakeClock) -> Iterator[Pcs]:
    """Counters 1 and 3 of an agency of the test's own, two data dirs on one office database."""
    agency = f"000.00.{next(_AGENCIES)}.H56"  # the module's city server is shared: an agency per test
    one = AppContext(office.pc1, clock=clock)
    one.config.set("agency.code", agency)  # an office setting: the database's, seen by every PC
    with one.db.write() as s:
        # The template's first events (written before the agency was set, as by an office set up so),
        # each a new id: the module's city server holds other tests' copies.
        s.execute(update(OutboxEvent).values(agency_code=agency))
        s.execute(text("UPDATE outbox SET event_id = gen_random_uuid()::text"))
    three = AppContext(office.add_pc(office.pc1.parent / "pc3", "[counter]\nnumber = 3\n"), clock=clock)
    assert (one.counter_number, three.counter_number, three.agency_code) == (1, 3, agency)
    yield Pcs(one, three, agency)
    three.close()
    one.close()


def _credential(city: City, pcs: Pcs, *, office: bool) -> dict[str, str]:
    cred = add_counter(city.db.store, pcs.agency, None if office else 1, office=office)
    for pc in (pcs.one, pcs.three):
        configure_counter(pc, city.url, cred)
    return cred


def _receive(pc: AppContext, name: str, id_number: str) -> str:
    doc = intake_doc()
    doc["applicant"] = {**doc["applicant"], "full_name": name, "id_number": id_number}
    return IntakeService(pc).receive(doc, actor="").code


def _outbox(pc: AppContext) -> tuple[int, int, set[int]]:
    """(pending, rejected, counter numbers of the events) of the office database."""
    with pc.db.read() as s:
        pending = s.scalar(
            select(func.count()).where(OutboxEvent.sent_at.is_(None), OutboxEvent.rejected_at.is_(None))
        )
        rejected = s.scalar(select(func.count()).where(OutboxEvent.rejected_at.is_not(None)))
        numbers = set(s.scalars(select(OutboxEvent.counter_number).distinct()))
    return int(pending or 0), int(rejected or 0), numbers


def test_one_pc_uploads_every_counter_of_the_office_database_and_a_second_uploader_skips(
    city: City, pcs: Pcs
) -> None:
    cred = _credential(city, pcs, office=True)
    code1 = _receive(pcs.one, "Trần Thị Bích", "079203001111")
    code3 = _receive(pcs.three, "Lê Văn Cường", "079203002222")
    code1b = _receive(pcs.one, "Phạm Minh Đức", "079203003333")
    DossierService(pcs.three).change_status(code1, "processing", actor="")  # a dossier crosses counters
    kiosk = open_queue(pcs.one)
    numbers = [kiosk.issue("A", print_ticket=False, actor="kiosk").number for _ in range(4)]
    called1 = open_queue(pcs.one).call_next(1, actor="").number
    called3 = open_queue(pcs.three).call_next(3, actor="").number
    assert (called1, called3) == (numbers[0], numbers[1])
    pending, _, written_by = _outbox(pcs.one)
    assert written_by == {1, 3} and pending > 0

    # Counter 3 uploads; while its batch is on the wire, counter 1's sync finds the lock taken and skips.
    city.faults.delay_s = 1.0
    with ThreadPoolExecutor(1) as pool:
        running = pool.submit(sync, pcs.three, pull=False)
        wait_for(lambda: city.faults.uploads >= 1, 15, "counter 3's first upload")
        skipped = sync(pcs.one, pull=False, lock_wait_s=0)
        done = running.result(timeout=60)
    assert (skipped.skipped, skipped.sent) == (BUSY, 0)
    assert done.skipped is None and done.error is None
    assert (done.rejected, done.sent, done.accepted) == (0, pending, pending)
    assert _outbox(pcs.one)[:2] == (0, 0)  # nothing left, nothing set aside

    with city.db.store.read() as s:
        held = {
            d.code: (d.counter_number, d.masked_name, d.status)
            for d in s.scalars(select(DossierState).where(DossierState.agency_code == pcs.agency))
        }
        sent_as = set(s.scalars(select(Event.counter_number).where(Event.counter_id == cred["counter_id"])))
    assert held == {
        code1: (1, "Trần T. B.", "processing"),
        code3: (3, "Lê V. C.", "received"),
        code1b: (1, "Phạm M. Đ.", "received"),
    }
    assert sent_as == {1, 3}
    figures = stats(city.db.store, pcs.agency, MONTH)
    assert (figures["received"], figures["conflicts"]) == (3, 0)
    # The citizen's tracking page and the ticket's page, each with its own counter.
    key3 = DossierService(pcs.one).get(code3).tracking_key
    found = httpx.get(f"{city.url}/api/v1/dossiers/{code3}", params={"k": key3}, timeout=10).json()
    assert found["applicant"] == "Lê V. C."
    tickets = {
        n: httpx.get(f"{city.url}/api/v1/tickets", params={"so": n, "cq": pcs.agency}, timeout=10).json()
        for n in numbers
    }
    assert [tickets[n]["counter"] for n in numbers] == [1, 3, None, None]
    live = tickets[numbers[3]]["live"]
    # One queue for the office: the last call (counter 3's), one waiting ahead of the fourth ticket.
    assert (live["calling"], live["calling_counter"], live["ahead"]) == (called3, 3, 1)


def test_the_live_sync_of_either_pc_sends_the_other_counters_calls(
    city: City, pcs: Pcs, clock: FakeClock
) -> None:
    _credential(city, pcs, office=True)
    kiosk = open_queue(pcs.three)
    numbers = [kiosk.issue("A", print_ticket=False, actor="kiosk").number for _ in range(3)]
    assert live_loop(pcs.three, lambda: SyncService(pcs.three).run(trigger="live", live=True),
                     stop=threading.Event(), max_runs=1) == 1  # fmt: skip
    clock.advance(minutes=2)
    called = open_queue(pcs.one).call_next(1, actor="").number  # at counter 1: counter 3's PC uploads it
    runs: list[SyncResult] = []
    assert live_loop(pcs.three, lambda: runs.append(SyncService(pcs.three).run(trigger="live", live=True)),
                     stop=threading.Event(), max_runs=1) == 1  # fmt: skip
    assert [(r.rejected, r.error) for r in runs] == [(0, None)]
    assert _outbox(pcs.one)[:2] == (0, 0)
    page = httpx.get(f"{city.url}/so-thu-tu", params={"so": numbers[2], "cq": pcs.agency}, timeout=10)
    assert page.status_code == 200
    assert f"Đang gọi số <b>{called}</b>" in page.text and "trước bạn còn <b>1</b> người" in page.text
    got = httpx.get(f"{city.url}/api/v1/tickets", params={"so": called, "cq": pcs.agency}, timeout=10).json()
    assert (got["counter"], got["live"]["calling_counter"], got["live"]["stale"]) == (1, 1, False)


def test_the_citys_queue_figures_follow_a_ticket_across_counters_of_the_office(
    city: City, pcs: Pcs, clock: FakeClock
) -> None:
    """A ticket called at counter 3, sent to another line, called again at counter 1: the city's report
    counts the wait the office measured (both waits summed), in the database's order of events, not one
    counter's events after the other's."""
    _credential(city, pcs, office=True)
    number = open_queue(pcs.one).issue("A", print_ticket=False, actor="kiosk").number
    clock.advance(minutes=2)
    assert open_queue(pcs.three).call_next(3, actor="").number == number  # waited 2 minutes
    clock.advance(minutes=2)
    open_queue(pcs.three).transfer(number, "B", actor="")
    clock.advance(minutes=3)
    called = open_queue(pcs.one).call_next(1, service="B", actor="")  # 3 more minutes in line B
    assert (called.number, called.wait_seconds) == (number, 300)
    clock.advance(minutes=4)
    open_queue(pcs.one).finish(number, actor="")
    assert sync(pcs.one, pull=False).rejected == 0

    report = agency_report(city.db.store, pcs.agency, MONTH)
    assert report["queue"]["wait_avg_s"] == 300 and report["queue"]["served"] == 1


def test_a_new_office_credential_goes_on_with_what_the_old_one_sent(city: City, pcs: Pcs) -> None:
    """A leaked or lost office credential is replaced: the new one's events of the dossiers and the queue
    the old one sent attach to them (no code conflict), and the ticket page counts one queue; a counter's
    own credential sending one of those codes is still refused."""
    old = _credential(city, pcs, office=True)
    code = _receive(pcs.one, "Trần Thị Bích", "079203001111")
    numbers = [open_queue(pcs.one).issue("A", print_ticket=False, actor="kiosk").number for _ in range(3)]
    assert sync(pcs.one, pull=False).rejected == 0
    revoke_counter(city.db.store, old["counter_id"])
    new = _credential(city, pcs, office=True)
    DossierService(pcs.three).change_status(code, "processing", actor="")
    assert open_queue(pcs.three).call_next(3, actor="").number == numbers[0]
    numbers.append(open_queue(pcs.one).issue("A", print_ticket=False, actor="kiosk").number)  # the new's
    done = sync(pcs.three, pull=False)
    assert (done.rejected, done.error) == (0, None)
    with city.db.store.read() as s:
        held = s.execute(
            select(DossierState.status, DossierState.counter_id).where(DossierState.code == code)
        )
        assert held.one() == ("processing", old["counter_id"])
        received = s.scalars(select(Event.payload).where(Event.type == "dossier.received")
                             .where(Event.subject == f"dossier:{code}")).one()  # fmt: skip
    assert stats(city.db.store, pcs.agency, MONTH)["conflicts"] == 0
    live = httpx.get(f"{city.url}/api/v1/tickets", params={"so": numbers[2], "cq": pcs.agency}, timeout=10)
    facts = live.json()["live"]
    assert (facts["calling"], facts["calling_counter"], facts["ahead"]) == (numbers[0], 3, 1)
    assert not facts["stale"]
    latest = httpx.get(f"{city.url}/api/v1/tickets", params={"so": numbers[3], "cq": pcs.agency}, timeout=10)
    assert (latest.json()["live"]["calling"], latest.json()["live"]["ahead"]) == (numbers[0], 2)

    single = add_counter(city.db.store, pcs.agency, 5)  # a counter on a file of its own, same code
    crafted = {
        "event_id": "0b6e4ad4-5d0c-4c4a-9d51-8d7f6e0a0005",
        "seq": 1,
        "type": "dossier.received",
        "agency_code": pcs.agency,
        "counter_number": 5,
        "created_at": "2026-11-23T09:30:00+07:00",
        "payload": json.loads(received),
    }
    [answer] = _post(city, single, [crafted]).json()["results"]
    assert answer["status"] == wire.REJECTED and code in answer["reason"], answer
    assert new["counter_id"] != old["counter_id"]


def test_a_one_counter_credential_on_an_office_database_gets_one_sentence_and_nothing_set_aside(
    city: City, pcs: Pcs
) -> None:
    _credential(city, pcs, office=False)  # counter 1's own credential, as a standalone counter has
    _receive(pcs.one, "Trần Thị Bích", "079203001111")
    _receive(pcs.three, "Lê Văn Cường", "079203002222")
    with pytest.raises(SyncError) as refused:
        sync(pcs.one, pull=False)
    said = str(refused.value)
    assert f"city-server counter add --agency {pcs.agency} --office" in said
    assert "chứng thư văn phòng" in said and "\n" not in said and "Traceback" not in said
    pending, rejected, _ = _outbox(pcs.one)
    assert rejected == 0 and pending > 0
    assert SyncService(pcs.one).state()["last_error"] == said
    # The admin's command says the same, in one line, and no figures marked as rejected.
    cli = run_cli("sync", "--no-pull", data_dir=pcs.one.data_dir)
    assert cli.returncode == 4 and f"--agency {pcs.agency} --office" in cli.stderr
    assert "Traceback" not in cli.stderr and len(cli.stderr.strip().splitlines()) == 1
    check = run_cli("sync", "--check", data_dir=pcs.one.data_dir)
    assert check.returncode == 0 and "--office" in check.stdout, check.stderr
    assert _outbox(pcs.one)[1] == 0

    # With the office credential the same events go up, all of them.
    _credential(city, pcs, office=True)
    done = sync(pcs.three, pull=False)
    assert (done.rejected, done.sent) == (0, pending) and _outbox(pcs.one)[:2] == (0, 0)
    check = run_cli("sync", "--check", "--json", data_dir=pcs.three.data_dir)
    assert json.loads(check.stdout)["scope"] == wire.SCOPE_OFFICE
    check = run_cli("sync", "--check", data_dir=pcs.three.data_dir)
    assert f"Kết nối được: chứng thư văn phòng của {pcs.agency}" in check.stdout
    assert "--office" not in check.stdout


def test_another_agencys_events_stay_refused_and_are_set_aside_with_the_reason(city: City, pcs: Pcs) -> None:
    cred = _credential(city, pcs, office=True)
    _receive(pcs.three, "Lê Văn Cường", "079203002222")
    with pcs.one.db.write() as s:  # written under the agency code the office had before
        stray = s.scalars(select(OutboxEvent).order_by(OutboxEvent.id.desc()).limit(1)).one()
        stray.agency_code = "000.00.99.H56"
        stray_id = stray.event_id
    done = sync(pcs.one, pull=False)
    assert done.rejected == 1 and done.rejected_ids == [stray_id]
    [aside] = SyncService(pcs.one).rejected()
    assert "000.00.99.H56" in aside["reason"] and pcs.agency in aside["reason"]
    assert city.db.event_ids(cred["counter_id"]) and stray_id not in city.db.event_ids()

    # The city refuses an office credential's batch claiming another agency: 403, nothing stored.
    other = {
        "event_id": "0b6e4ad4-5d0c-4c4a-9d51-8d7f6e0a0001",
        "seq": 1,
        "type": "ticket.issued",
        "agency_code": "000.00.99.H56",
        "counter_number": 3,
        "created_at": "2026-11-23T09:00:00+07:00",
        "payload": {"actor": "kiosk", "number": "A001", "day": "2026-11-23"},
    }
    answer = _post(city, cred, [other])
    assert answer.status_code == 403 and wire.H_REFUSAL not in answer.headers
    assert _post(city, cred, [{**other, "agency_code": pcs.agency}]).status_code == 200
    # A one-counter credential sending another counter's event: 403, and the cause named for the counter.
    single = add_counter(city.db.store, pcs.agency, 1)
    own_event = {**other, "agency_code": pcs.agency, "event_id": "0b6e4ad4-5d0c-4c4a-9d51-8d7f6e0a0002"}
    refused = _post(city, single, [own_event])
    assert refused.status_code == 403 and refused.headers[wire.H_REFUSAL] == wire.REFUSAL_OTHER_COUNTER
    assert "--office" in refused.json()["detail"]
    with city.db.store.read() as s:
        assert s.scalar(select(Counter.scope).where(Counter.id == cred["counter_id"])) == wire.SCOPE_OFFICE
        assert s.scalar(select(func.count()).where(Event.agency_code == "000.00.99.H56")) == 0


def test_the_city_issues_an_office_credential_and_lists_its_scope(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from city_server.cli import main

    def admin(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--db", f"sqlite:///{tmp_path / 'admin.sqlite'}"])
        out = capsys.readouterr()
        return code, out.out, out.err

    code, out, _ = admin("counter", "add", "--agency", "000.00.06.H56", "--office", "--json")
    assert code == 0 and set(json.loads(out)) == {"counter_id", "secret"}
    office_id = json.loads(out)["counter_id"]
    assert admin("counter", "add", "--agency", "000.00.06.H56", "--counter", "2")[0] == 0
    with pytest.raises(SystemExit) as neither:
        admin("counter", "add", "--agency", "000.00.06.H56")
    assert neither.value.code == 2 and "--counter --office" in capsys.readouterr().err
    code, out, _ = admin("counter", "list")
    lines = out.splitlines()
    assert any(office_id in line and "000.00.06.H56 văn phòng (mọi quầy)" in line for line in lines)
    assert any("000.00.06.H56 quầy 2" in line for line in lines)
    code, out, _ = admin("counter", "list", "--json")
    assert sorted(r["scope"] for r in json.loads(out)) == [wire.SCOPE_COUNTER, wire.SCOPE_OFFICE]


def _post(city: City, cred: dict[str, str], events: list[dict[str, object]]) -> httpx.Response:
    body = json.dumps({"events": events}).encode()
    headers = wire.sign_headers(cred["secret"], cred["counter_id"], "POST", wire.EVENTS_PATH, body)
    headers["Content-Type"] = "application/json"
    return httpx.post(f"{city.url}{wire.EVENTS_PATH}", content=body, headers=headers, timeout=10)
