"""The wire contract between a counter and the city server: paths, shapes, signing.

Part of the `contract` package, which both sides import and which imports nothing else of the project
(import-linter contracts in pyproject.toml). docs/sync-contract.md describes the whole contract.

Request signing (every call to the sync API):
    string = "CSYNC1\\n" + counter_id + "\\n" + METHOD + "\\n" + path_with_query + "\\n"
             + timestamp + "\\n" + nonce + "\\n" + sha256_hex(body)
    X-Signature = hex(HMAC-SHA256(secret, string))
with headers X-Counter-Id, X-Timestamp (Unix seconds), X-Nonce (random, never reused) and X-Signature.
The server refuses timestamps more than MAX_SKEW_S away from its clock and any nonce it has seen.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass
from typing import Any, Literal, NotRequired, TypedDict

PROTOCOL = "CSYNC1"
MAX_SKEW_S = 300
MAX_BATCH = 5000  # events per request the server accepts
MAX_BODY_BYTES = 64 * 1024 * 1024

# Sync API (signed). Public pages are not part of the contract.
EVENTS_PATH = "/api/v1/sync/events"
CATALOG_PATH = "/api/v1/sync/catalog"
CALENDAR_PATH = "/api/v1/sync/calendar"
HELLO_PATH = "/api/v1/sync/hello"

H_COUNTER = "X-Counter-Id"
H_TIMESTAMP = "X-Timestamp"
H_NONCE = "X-Nonce"
H_SIGNATURE = "X-Signature"

# A credential's scope (HELLO_PATH answers it as "scope"): one counter's own database (a standalone SQLite
# file: every event must carry its counter number), or a whole office database of one agency (several PCs:
# any counter number of that agency).
SCOPE_COUNTER = "counter"
SCOPE_OFFICE = "office"
# A 403 on EVENTS_PATH names its cause here when it is a one-counter credential sending another counter's
# events (an office database needs an office credential); the counter tells its admin so.
H_REFUSAL = "X-Refusal"
REFUSAL_OTHER_COUNTER = "other-counter"

ACCEPTED: Literal["accepted"] = "accepted"
DUPLICATE: Literal["duplicate"] = "duplicate"
REJECTED: Literal["rejected"] = "rejected"

Outcome = Literal["accepted", "duplicate", "rejected"]

_TYPE_RE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){1,3}")
_AGENCY_RE = re.compile(r"[0-9A-Z]{1,6}(\.[0-9A-Z]{1,6}){1,5}")
_NONCE_RE = re.compile(r"[0-9A-Za-z_-]{16,64}")
_COUNTER_ID_RE = re.compile(r"[0-9A-Za-z_-]{1,64}")
_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)")


# --- shapes -----------------------------------------------------------------------------------------


class EventEnvelope(TypedDict):
    """One outbox row as it travels. `seq` is the counter's outbox sequence (upload order)."""

    event_id: str  # UUID, unique forever: the server deduplicates on it
    seq: int
    type: str  # "area.verb", e.g. "dossier.received"
    agency_code: str  # from the outbox row: must match the counter's credential
    counter_number: int
    created_at: str  # ISO 8601 with offset (+07:00)
    payload: dict[str, Any]


class BatchRequest(TypedDict):
    events: list[EventEnvelope]


class EventResult(TypedDict, total=False):
    event_id: str
    status: Outcome
    reason: str  # only for "rejected": why, in Vietnamese


class BatchResponse(TypedDict):
    results: list[EventResult]  # one per event sent, same order


class CatalogResponse(TypedDict):
    version: str | None  # the newest version the server has published (None: none yet)
    document: dict[str, Any] | None  # the whole catalog when newer than the client's, else None


class CalendarDay(TypedDict):
    date: str  # YYYY-MM-DD
    working: bool | None  # None: the override was cleared
    note: str
    kind: NotRequired[str | None]  # "make_up_work" (làm bù), "local" (day off), None when cleared


class CalendarResponse(TypedDict):
    version: int  # the server's calendar revision; send it back as `since` next time
    days: list[CalendarDay]  # every change after `since`, oldest first


@dataclass(frozen=True)
class EventError(ValueError):
    """An envelope the server cannot accept; `reason` is Vietnamese and goes back to the counter."""

    reason: str

    def __str__(self) -> str:
        return self.reason


def validate_event(raw: Any) -> EventEnvelope:
    """Check one envelope's shape (not its meaning); raises EventError naming what is wrong."""
    if not isinstance(raw, dict):
        raise EventError("sự kiện không phải một đối tượng JSON")
    event_id = raw.get("event_id")
    if not isinstance(event_id, str):
        raise EventError("thiếu event_id")
    if not _UUID_RE.fullmatch(event_id):
        raise EventError("event_id không phải UUID (dạng 8-4-4-4-12 chữ số hex)")
    seq = raw.get("seq")
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise EventError("seq phải là số nguyên dương")
    etype = raw.get("type")
    if not isinstance(etype, str) or not _TYPE_RE.fullmatch(etype):
        raise EventError("type phải có dạng 'nhóm.hành_động'")
    agency = raw.get("agency_code")
    if not isinstance(agency, str) or not _AGENCY_RE.fullmatch(agency):
        raise EventError("agency_code không hợp lệ")
    counter = raw.get("counter_number")
    if isinstance(counter, bool) or not isinstance(counter, int) or not 1 <= counter <= 999:
        raise EventError("counter_number không hợp lệ")
    created = raw.get("created_at")
    if not isinstance(created, str) or not _ISO_RE.fullmatch(created):
        raise EventError("created_at phải là thời điểm ISO 8601 có múi giờ")
    payload = raw.get("payload")
    if not isinstance(payload, dict):
        raise EventError("payload phải là một đối tượng JSON")
    return {
        "event_id": event_id.lower(),
        "seq": seq,
        "type": etype,
        "agency_code": agency,
        "counter_number": counter,
        "created_at": created,
        "payload": payload,
    }


# --- signing ----------------------------------------------------------------------------------------


def body_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def signing_string(counter_id: str, method: str, path: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """What the HMAC covers. `path` is the request target as sent: path plus '?query' when there is one."""
    parts = (PROTOCOL, counter_id, method.upper(), path, timestamp, nonce, body_hash(body))
    return "\n".join(parts).encode("utf-8")


def signature(
    secret: str, counter_id: str, method: str, path: str, timestamp: str, nonce: str, body: bytes
) -> str:
    msg = signing_string(counter_id, method, path, timestamp, nonce, body)
    return hmac.new(secret.encode("utf-8"), msg, hashlib.sha256).hexdigest()


def sign_headers(
    secret: str,
    counter_id: str,
    method: str,
    path: str,
    body: bytes,
    *,
    timestamp: int | None = None,
    nonce: str | None = None,
) -> dict[str, str]:
    """The four auth headers for one request; a fresh nonce each call (a retry is a new request)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    n = nonce or secrets.token_urlsafe(18)
    return {
        H_COUNTER: counter_id,
        H_TIMESTAMP: ts,
        H_NONCE: n,
        H_SIGNATURE: signature(secret, counter_id, method, path, ts, n, body),
    }


def verify_signature(
    secret: str, counter_id: str, method: str, path: str, timestamp: str, nonce: str, body: bytes, given: str
) -> bool:
    expected = signature(secret, counter_id, method, path, timestamp, nonce, body)
    return hmac.compare_digest(expected, given.strip().lower())


def well_formed_auth(
    counter_id: str | None, timestamp: str | None, nonce: str | None, sig: str | None
) -> bool:
    """Headers present and plausible before any lookup (cheap refusals first)."""
    return bool(
        counter_id
        and _COUNTER_ID_RE.fullmatch(counter_id)
        and timestamp
        and timestamp.isdigit()
        and len(timestamp) <= 12
        and nonce
        and _NONCE_RE.fullmatch(nonce)
        and sig
        and re.fullmatch(r"[0-9a-fA-F]{64}", sig)
    )


def new_secret() -> str:
    return secrets.token_urlsafe(32)


# --- the dossier's tracking key ------------------------------------------------------------------------
# Dossier codes are sequential: the public lookup also needs this per-dossier key, made at intake,
# sent in dossier.received (payload "tracking_key"), carried by the receipt's QR (…&k=KEY) and printed
# under it for typing. Letters and digits that cannot be misread on paper (no 0/O, 1/I/L).

TRACKING_KEY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_KEY_LEN = 6  # 31**6 ≈ 8.9e8 keys per code, against a lookup limit of tens a minute per client


def new_tracking_key() -> str:
    return "".join(secrets.choice(TRACKING_KEY_ALPHABET) for _ in range(TRACKING_KEY_LEN))


def normalize_tracking_key(text: Any) -> str | None:
    """A key as typed ("ab3 k7q", "AB3-K7Q") in its canonical form, or None when it cannot be one."""
    if not isinstance(text, str) or len(text) > 20:
        return None
    key = re.sub(r"[\s.\-]", "", text).upper()
    if len(key) != TRACKING_KEY_LEN or any(ch not in TRACKING_KEY_ALPHABET for ch in key):
        return None
    return key
