"""Refusals: unsigned, forged, tampered, stale, replayed, unknown, revoked and cross-counter requests
get 401/403 from the real server and store nothing; the public pages show no personal data."""
# ruff: noqa: F811 - pytest fixtures imported from tests.citykit are used as parameters

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

import httpx
import pytest

from city_server.auth import REFUSED
from city_server.models import Event, Nonce
from city_server.service import add_counter, revoke_counter
from contract import envelope as wire
from counter_app.services.context import AppContext
from tests.citykit import (  # noqa: F401 - fixtures
    City,
    city,
    city_module,
    configure_counter,
    make_activity,
    new_counter,
    sync,
)

AGENCY = "000.00.06.H56"


def envelope(cred_agency: str = AGENCY, counter: int = 1, **over: Any) -> dict[str, Any]:
    ev = {
        "event_id": str(uuid.uuid4()),
        "seq": 1,
        "type": "feedback.received",
        "agency_code": cred_agency,
        "counter_number": counter,
        "created_at": "2026-11-23T09:00:00+07:00",
        "payload": {"number": "PA-1"},
    }
    ev.update(over)
    return ev


def post(
    url: str,
    cred: dict[str, str],
    events: list[dict[str, Any]],
    *,
    secret: str | None = None,
    timestamp: int | None = None,
    nonce: str | None = None,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    raw = json.dumps({"events": events}).encode()
    signed = wire.sign_headers(
        secret or cred["secret"],
        cred["counter_id"],
        "POST",
        wire.EVENTS_PATH,
        raw,
        timestamp=timestamp,
        nonce=nonce,
    )
    return httpx.post(
        url + wire.EVENTS_PATH,
        content=body if body is not None else raw,
        headers=headers if headers is not None else signed,
        timeout=10,
    )


@pytest.fixture
def cred(city: City) -> dict[str, str]:
    return add_counter(city.db.store, AGENCY, 1)


def test_a_well_signed_batch_is_taken(city: City, cred: dict[str, str]) -> None:
    r = post(city.url, cred, [envelope()])
    assert r.status_code == 200, r.text
    assert r.json()["results"][0]["status"] == "accepted" and city.db.count(Event, cred["counter_id"]) == 1


@pytest.mark.parametrize("case", ["unsigned", "forged", "tampered", "stale", "future", "unknown", "garbage"])
def test_bad_proofs_are_refused_401_and_store_nothing(
    city: City, cred: dict[str, str], case: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="city_server.auth")
    ev = [envelope()]
    if case == "unsigned":
        r = post(city.url, cred, ev, headers={"Content-Type": "application/json"})
    elif case == "forged":
        r = post(city.url, cred, ev, secret=wire.new_secret())
    elif case == "tampered":  # signed for one body, sent with another
        r = post(city.url, cred, ev, body=json.dumps({"events": [envelope()]}).encode())
    elif case == "stale":
        r = post(city.url, cred, ev, timestamp=int(time.time()) - wire.MAX_SKEW_S - 5)
    elif case == "future":
        r = post(city.url, cred, ev, timestamp=int(time.time()) + wire.MAX_SKEW_S + 5)
    elif case == "unknown":
        r = post(city.url, {"counter_id": "q-nobody", "secret": cred["secret"]}, ev)
    else:
        r = post(
            city.url,
            cred,
            ev,
            headers={
                wire.H_COUNTER: cred["counter_id"],
                wire.H_TIMESTAMP: "soon",
                wire.H_NONCE: "x",
                wire.H_SIGNATURE: "00",
            },
        )
    # One answer whatever failed (which counter ids exist is nobody's business); why is in the log.
    assert r.status_code == 401, r.text
    assert r.json() == {"detail": REFUSED}
    why = {"unsigned": "malformed", "garbage": "malformed", "stale": "clock", "future": "clock"}
    why |= {"forged": "bad signature", "tampered": "bad signature", "unknown": "unknown counter"}
    assert why[case] in caplog.text
    assert city.db.count(Event, cred["counter_id"]) == 0 and city.db.count(Nonce, cred["counter_id"]) == 0


def test_a_replayed_request_is_refused(city: City, cred: dict[str, str]) -> None:
    nonce = "replay-me-0123456789"
    ts = int(time.time())
    first = post(city.url, cred, [envelope()], timestamp=ts, nonce=nonce)
    assert first.status_code == 200
    # The very same bytes again (an eavesdropper's copy), and the same nonce on a new body.
    again = httpx.post(
        city.url + wire.EVENTS_PATH, content=first.request.content, headers=dict(first.request.headers)
    )
    assert again.status_code == 401 and again.json() == {"detail": REFUSED}
    other = post(city.url, cred, [envelope()], timestamp=ts, nonce=nonce)
    assert other.status_code == 401
    assert city.db.count(Event, cred["counter_id"]) == 1


def test_a_signed_get_cannot_be_pointed_elsewhere(city: City, cred: dict[str, str]) -> None:
    path = wire.CATALOG_PATH + "?since=1"
    h = wire.sign_headers(cred["secret"], cred["counter_id"], "GET", path, b"")
    assert httpx.get(city.url + wire.CATALOG_PATH + "?since=2", headers=h).status_code == 401
    h = wire.sign_headers(cred["secret"], cred["counter_id"], "GET", path, b"")
    assert httpx.get(city.url + path, headers=h).status_code == 200


@pytest.mark.parametrize("claim", ["other-counter", "other-agency", "other-agency-dossier", "payload-agency"])
def test_claiming_another_counter_or_agency_is_forbidden_whole(
    city: City, cred: dict[str, str], claim: str
) -> None:
    own = envelope()
    if claim == "other-counter":
        bad = envelope(counter=2)
    elif claim == "other-agency":
        bad = envelope(cred_agency="000.00.07.H56")
    elif claim == "other-agency-dossier":
        bad = envelope(
            type="dossier.status_changed",
            payload={"code": "000.00.07.H56-261123-0001", "to": "ready", "at": "2026-11-23T10:00:00+07:00"},
        )
    else:
        bad = envelope(payload={"agency_code": "000.00.07.H56", "number": "PA-2"})

    r = post(city.url, cred, [own, bad])

    assert r.status_code == 403, r.text
    assert city.db.count(Event, cred["counter_id"]) == 0  # not even the counter's own event of that batch


def test_a_revoked_counter_is_forbidden(city: City, cred: dict[str, str]) -> None:
    revoke_counter(city.db.store, cred["counter_id"])
    r = post(city.url, cred, [envelope()])
    assert r.status_code == 403 and "thu hồi" in r.json()["detail"]
    assert city.db.count(Event, cred["counter_id"]) == 0


def test_a_counter_with_a_wrong_secret_learns_why(ctx: AppContext, city: City) -> None:
    from counter_app.services.city_link import SyncError

    cred = new_counter(city.db, ctx)
    configure_counter(ctx, city.url, {**cred, "secret": wire.new_secret()})
    make_activity(ctx, 1, advance=False)
    with pytest.raises(SyncError) as err:
        sync(ctx)
    assert "401" in str(err.value) and "khóa bí mật" in str(err.value)
    assert city.db.count(Event, cred["counter_id"]) == 0


def test_public_pages_show_no_personal_data(ctx: AppContext, city: City) -> None:
    from counter_app.services.dossiers import DossierService
    from counter_app.services.intake import IntakeService
    from tests.conftest import intake_doc

    configure_counter(ctx, city.url, new_counter(city.db, ctx))
    doc = intake_doc()
    doc["applicant"] = {
        "full_name": "Nguyễn Văn An",
        "id_number": "079203009876",
        "phone": "0987654321",
        "address": "45 Hai Bà Trưng, Phường Bến Nghé",
        "email": "an.nguyen@example.vn",
        "birth_date": "1990-05-17",
    }
    code = IntakeService(ctx).receive(doc, actor="an").code
    key = DossierService(ctx).get(code).tracking_key
    sync(ctx)

    page = httpx.get(f"{city.url}/tra-cuu", params={"ma": code, "k": key})
    api = httpx.get(f"{city.url}/api/v1/dossiers/{code}", params={"k": key})

    assert page.status_code == 200 and api.status_code == 200
    assert "Nguyễn V. A." in page.text and api.json()["applicant"] == "Nguyễn V. A."
    assert "Đăng ký khai sinh" in page.text and "Đã tiếp nhận" in page.text
    for secret in (
        "079203009876",
        "0987654321",
        "Hai Bà Trưng",
        "an.nguyen",
        "Nguyễn Văn An",
        "1990",
        "17/05",
    ):
        assert secret not in page.text and secret not in api.text, secret
    missing = httpx.get(f"{city.url}/tra-cuu", params={"ma": "000.00.06.H56-991231-9999", "k": key})
    assert missing.status_code == 404 and "Không tìm thấy hồ sơ" in missing.text
