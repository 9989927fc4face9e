"""The city server facing the internet: every event validated (a bad one rejected with its reason, the
rest stored, never a 500), public lookups that need the dossier's key and are rate-limited per client,
security headers on every answer, and no docs pages unless asked for."""
# ruff: noqa: F811 - pytest fixtures imported from tests.citykit are used as parameters

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from city_server.app import create_app
from city_server.models import DossierState
from city_server.service import add_counter
from contract import envelope as wire
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from tests.citykit import (  # noqa: F401 - fixtures
    City,
    ServerThread,
    city,
    city_module,
    configure_counter,
    free_port,
    new_counter,
    sync,
    wait_for,
)
from tests.conftest import ROOT, intake_doc

AGENCY = "000.00.06.H56"
AT = "2026-11-23T09:00:00+07:00"


def ev(etype: str, payload: Any, **over: Any) -> dict[str, Any]:
    e = {
        "event_id": str(uuid.uuid4()),
        "seq": 1,
        "type": etype,
        "agency_code": AGENCY,
        "counter_number": 1,
        "created_at": AT,
        "payload": payload,
    }
    e.update(over)
    return e


def received(code: str, **over: Any) -> dict[str, Any]:
    p = {
        "code": code,
        "procedure": {"code": "1.001193", "name": "Đăng ký khai sinh", "field": "Hộ tịch"},
        "applicant": {"full_name": "Trần Thị Bích"},
        "received_at": AT,
        "due_at": "2026-11-24T09:00:00+07:00",
        "status": "received",
        "tracking_key": "ABC234",
    }
    p.update(over)
    return p


def post_raw(url: str, cred: dict[str, str], body: bytes) -> httpx.Response:
    headers = wire.sign_headers(cred["secret"], cred["counter_id"], "POST", wire.EVENTS_PATH, body)
    return httpx.post(url + wire.EVENTS_PATH, content=body, headers=headers, timeout=30)


# --- every event validated ------------------------------------------------------------------------------


def test_bad_events_are_rejected_with_their_reason_and_the_rest_stored(city: City) -> None:
    cred = add_counter(city.db.store, AGENCY, 1)
    good = [
        ev("dossier.received", received(f"{AGENCY}-261123-0001")),
        ev("payment.recorded", {"code": f"{AGENCY}-261123-0001", "amount_vnd": 8000, "method": "cash"}),
    ]
    bad = {
        "applicant as text": ev(
            "dossier.received", received(f"{AGENCY}-261123-0002", applicant="Trần Thị Bích")
        ),
        "seq past 64 bits": ev("feedback.received", {"number": "PA-1"}, seq=2**63),
        "int past 64 bits": ev("feedback.received", {"number": "PA-2", "n": -(2**63) - 1}),
        "unknown type": ev("something.new_kind", {}),
        "over-long type": ev("a." + "b" * 70, {}),
        "NUL in text": ev("feedback.received", {"number": "PA-3", "text": "a\x00b"}),
        "lone surrogate": ev("feedback.received", {"number": "PA-4", "text": "\ud800"}),
        "deep payload": ev("feedback.received", {"number": "PA-5", "x": json.loads("[" * 40 + "]" * 40)}),
        "procedure as list": ev("dossier.received", received(f"{AGENCY}-261123-0003", procedure=[1])),
        "apology as text": ev("dossier.received", received(f"{AGENCY}-261123-0004", apology="yes")),
        "time as number": ev("dossier.received", received(f"{AGENCY}-261123-0005", at=5)),
        "ticket counter too big": ev(
            "ticket.called", {"number": "A001", "day": "2026-11-23", "counter": 2**40}
        ),
        "offer id as list": ev("survey.recorded", {"offer_id": [1], "answers": {}}),
        "amount as text": ev("payment.recorded", {"code": f"{AGENCY}-261123-0001", "amount_vnd": "8000"}),
    }
    events = [*good, *bad.values()]
    body = json.dumps({"events": events}).encode()
    # NaN and Infinity are not JSON, but Python and some clients write them: refused per event.
    nan_events = [ev("rating.recorded", {"level": "satisfied", "score": 1.5}) for _ in range(2)]
    body = body[:-2] + b"," + json.dumps(nan_events).encode()[1:-1] + b"]}"
    body = body.replace(b'"score": 1.5', b'"score": NaN', 1).replace(
        b'"score": 1.5', b'"score": -Infinity', 1
    )

    r = post_raw(city.url, cred, body)

    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert len(results) == len(events) + 2
    assert [x["status"] for x in results[:2]] == ["accepted", "accepted"]
    for (case, sent), answer in zip(bad.items(), results[2:], strict=False):
        assert answer["status"] == "rejected" and answer["event_id"] == sent["event_id"], case
        assert answer["reason"], case
    assert [x["status"] for x in results[-2:]] == ["rejected", "rejected"]
    assert "NaN" in results[-2]["reason"] and "NaN" in results[-1]["reason"]
    assert "không biết" in results[2 + list(bad).index("unknown type")]["reason"]
    assert sorted(city.db.event_ids(cred["counter_id"])) == sorted(e["event_id"] for e in good)


@pytest.mark.parametrize(
    "body,status",
    [
        (b"[" * 100_000 + b"]" * 100_000, 400),  # nesting deeper than the parser's stack
        (b'{"events": [' + b"1" * 5000 + b"]}", 400),  # an integer of 5,000 digits
        (b'{"events": ' + json.dumps([{}] * (wire.MAX_BATCH + 1)).encode() + b"}", 413),
        (b"\xff\xfe not json", 400),
    ],
)
def test_a_body_that_cannot_be_read_is_refused_whole_never_500(city: City, body: bytes, status: int) -> None:
    cred = add_counter(city.db.store, AGENCY, 1)
    r = post_raw(city.url, cred, body)
    assert r.status_code == status and isinstance(r.json()["detail"], str)


# --- the public lookup needs the key; rate limits ---------------------------------------------------------


def test_the_code_alone_reveals_nothing(ctx: AppContext, city: City) -> None:
    configure_counter(ctx, city.url, new_counter(city.db, ctx))
    code = IntakeService(ctx).receive(intake_doc(), actor="an").code
    key = DossierService(ctx).get(code).tracking_key
    assert key and len(key) == 6 and set(key) <= set(wire.TRACKING_KEY_ALPHABET)
    sync(ctx)
    with city.db.store.read() as s:
        stored = s.get(DossierState, code)
        assert stored is not None and stored.tracking_key == key

    only_code = httpx.get(f"{city.url}/tra-cuu", params={"ma": code})
    assert only_code.status_code == 200
    assert "mã tra cứu" in only_code.text and "Đăng ký khai sinh" not in only_code.text
    assert "Đã tiếp nhận" not in only_code.text

    wrong = "".join(sorted(set(wire.TRACKING_KEY_ALPHABET) - set(key)))[:6]
    unknown = code[:-4] + "9999"
    answers = [
        httpx.get(f"{city.url}/tra-cuu", params={"ma": c, "k": k}) for c, k in ((code, wrong), (unknown, key))
    ]
    # A wrong key and an unknown code look the same (status and words): nothing to tell them apart.
    assert [a.status_code for a in answers] == [404, 404]
    assert answers[0].text.replace(code, unknown) == answers[1].text
    assert httpx.get(f"{city.url}/api/v1/dossiers/{code}", params={"k": wrong}).status_code == 404
    assert httpx.get(f"{city.url}/api/v1/dossiers/{code}").status_code == 422

    typed = key[:3].lower() + " " + key[3:]  # as read off the paper
    page = httpx.get(f"{city.url}/tra-cuu", params={"ma": code, "k": typed})
    assert page.status_code == 200 and "Đăng ký khai sinh" in page.text and "Đã tiếp nhận" in page.text
    assert page.headers["cache-control"] == "no-store"


def test_public_lookups_are_rate_limited_per_client(city: City) -> None:
    server = ServerThread(create_app(city.db.store, public_rate=5)).start()
    try:
        lookups = [
            ("/tra-cuu", {"ma": f"{AGENCY}-991231-0001", "k": "ABC234"}),  # a day no test receives on
            ("/api/v1/dossiers/X", {"k": "ABC234"}),
            ("/so-thu-tu", {"so": "A001", "cq": AGENCY}),
            ("/api/v1/tickets", {"so": "A001", "cq": AGENCY}),
        ]
        with httpx.Client(base_url=server.url) as client:
            answers = [client.get(path, params=params) for path, params in lookups * 2]
            # Five a minute in one burst; the sixth and later wait (whatever lookup they are).
            assert [a.status_code for a in answers[:5]] == [404] * 5
            assert [a.status_code for a in answers[5:]] == [429] * 3
            page = answers[6]
            assert "text/html" in page.headers["content-type"] and "quá nhiều lần" in page.text
            assert int(answers[5].headers["retry-after"]) >= 1
            assert "quá nhiều lần" in answers[7].json()["detail"]
            # The form with no code is not a lookup: always served.
            assert client.get("/tra-cuu").status_code == 200
    finally:
        server.stop()


def test_rate_limiter_buckets() -> None:
    from city_server.guard import RateLimited, RateLimiter, client_key

    now = [0.0]
    limiter = RateLimiter(30, max_clients=2, clock=lambda: now[0])
    for _ in range(30):
        limiter.take("203.0.113.7")
    with pytest.raises(RateLimited) as err:
        limiter.take("203.0.113.7")
    assert err.value.retry_after == 2  # one lookup back every 2 s at 30 a minute
    limiter.take("203.0.113.8")  # another client has its own bucket
    now[0] = 2.0
    limiter.take("203.0.113.7")
    # One phone line's whole IPv6 /64 is one client; mapped IPv4 is the IPv4 address.
    assert client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert client_key("::ffff:203.0.113.7") == "203.0.113.7"
    # Memory stays bounded: the least recently seen are forgotten.
    limiter.take("198.51.100.1")
    assert len(limiter._buckets) == 2


# --- headers ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/tra-cuu", "/api/v1/stats?agency=X&month=2026-13", "/nowhere", "/openapi.json"]
)
def test_every_answer_carries_the_security_headers(city: City, path: str) -> None:
    r = httpx.get(city.url + path)
    h = r.headers
    assert "frame-ancestors 'none'" in h["content-security-policy"]
    assert "default-src 'none'" in h["content-security-policy"]
    assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
    assert h["referrer-policy"] == "no-referrer"  # the lookup URL carries the dossier's key
    assert h["strict-transport-security"].startswith("max-age=")


def test_the_key_is_kept_as_the_counter_would_type_it(city: City) -> None:
    cred = add_counter(city.db.store, AGENCY, 1)
    e = ev("dossier.received", received(f"{AGENCY}-261123-0042", tracking_key="xyz-789"))
    r = post_raw(city.url, cred, json.dumps({"events": [e]}).encode())
    assert r.json()["results"][0]["status"] == "accepted"
    with city.db.store.read() as s:
        assert s.get(DossierState, f"{AGENCY}-261123-0042").tracking_key == "XYZ789"  # type: ignore[union-attr]


# --- the real `city-server serve` process: refusals before the body, no banner ------------------------------


def _rss_mib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    raise AssertionError("no VmRSS")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the server's RSS from /proc")
def test_unsigned_posts_are_refused_before_their_body_memory_stays_flat(tmp_path: Path) -> None:
    """Ten 60 MB unsigned uploads at once (declared length, and chunked): each is answered 401 from its
    headers; the server never holds their bodies (it grew by ~1 GB when it read them first)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "city_server", "serve", "--db", f"sqlite:///{tmp_path / 'c.sqlite'}"]
        + ["--port", str(port), "--log-level", "warning"],
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _up(url), 30, "city-server to listen")
        plain = httpx.get(url + "/tra-cuu")
        assert "server" not in plain.headers  # no banner
        assert plain.headers["x-frame-options"] == "DENY"
        assert httpx.get(url + "/docs").status_code == 404
        before = _rss_mib(server.pid)
        peak = [before]
        answers: dict[int, bytes] = {}
        size, chunk = 60 * 1024 * 1024, b"x" * (1 << 20)

        def upload(i: int) -> None:
            chunked = i % 2 == 1
            with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
                head = f"POST {wire.EVENTS_PATH} HTTP/1.1\r\nHost: city\r\nContent-Type: application/json\r\n"
                head += "Transfer-Encoding: chunked\r\n\r\n" if chunked else f"Content-Length: {size}\r\n\r\n"
                s.sendall(head.encode())
                try:
                    for _ in range(size // len(chunk)):
                        s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
                        peak[0] = max(peak[0], _rss_mib(server.pid))
                except OSError:
                    pass  # the server may close as soon as it has answered
                answers[i] = s.recv(64)

        threads = [threading.Thread(target=upload, args=(i,)) for i in range(10)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert sorted(answers) == list(range(10))
        assert all(a.startswith(b"HTTP/1.1 401") for a in answers.values()), answers
        assert peak[0] - before < 40, f"server grew from {before} to {peak[0]} MiB"
    finally:
        server.terminate()
        server.wait(10)


def _up(url: str) -> bool:
    try:
        return httpx.get(url + "/healthz", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_sqlite_database_is_private(tmp_path: Path) -> None:
    from city_server.db import Store

    path = tmp_path / "new-folder" / "city.sqlite"
    store = Store(f"sqlite:///{path}")
    store.migrate()
    add_counter(store, AGENCY, 1)
    with store.engine.connect() as conn:  # WAL and SHM exist while a connection is open
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        files = [path, path.with_name("city.sqlite-wal"), path.with_name("city.sqlite-shm")]
        assert all(f.exists() for f in files)
        assert {oct(f.stat().st_mode & 0o777) for f in files} == {"0o600"}
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
    store.close()
    # A file an older version left readable is tightened when the server opens it.
    os.chmod(path, 0o644)
    Store(f"sqlite:///{path}").close()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
