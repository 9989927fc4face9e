"""Every event checked before anything is stored: a bad one is rejected with its reason, the rest of
its batch goes on (never a 500 for the whole batch).

Three layers: the JSON itself (parsed with NaN/Infinity kept as a marker, so that only the event
carrying one is refused), every value in a payload (finite numbers, 64-bit integers, text without NUL
or broken surrogates that PostgreSQL could not store, bounded depth and size), and the payload's
shape for its type (the fields the views and reports read, with their types).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from city_server import projection as pj
from contract import events
from contract.envelope import MAX_BATCH, EventEnvelope, EventError, validate_event

INT_MIN, INT_MAX = -(2**63), 2**63 - 1  # what a BIGINT column holds
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1  # the named fields below that land in INTEGER columns
MAX_DEPTH = 12
MAX_NODES = 20_000  # values in one payload
MAX_TEXT = 20_000  # characters in one string


class BatchError(Exception):
    """The request as a whole cannot be read (400) or is too big (413)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


class _NonFinite:
    """Stands where the JSON had NaN, Infinity or -Infinity (refused per event, not per batch)."""

    def __repr__(self) -> str:
        return "NaN"


NON_FINITE = _NonFinite()


# A NUL or a lone surrogate can only come as a \u escape (raw ones are not valid JSON or UTF-8).
_SUSPECT_ESCAPE = re.compile(rb"\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})")


def parse_batch(body: bytes) -> tuple[list[Any], bool]:
    """The raw events of a request body {"events": [...]}, and whether the body is `plain`: nothing in
    it can fail `check_values` (no NaN, no suspect escape or long number), so the walk over every
    value may be skipped. Raises BatchError."""
    odd = False  # NaN/Infinity, or an integer too long for 64 bits

    def constant(_name: str) -> _NonFinite:
        nonlocal odd
        odd = True
        return NON_FINITE

    def integer(text: str) -> int:
        nonlocal odd
        odd = odd or len(text) > 18
        return int(text)

    try:
        data = json.loads(body, parse_constant=constant, parse_int=integer)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise BatchError(400, "nội dung không phải JSON") from None
    events = data.get("events") if isinstance(data, dict) else None
    if not isinstance(events, list):
        raise BatchError(400, 'cần {"events": [...]}')
    if len(events) > MAX_BATCH:
        raise BatchError(413, f"tối đa {MAX_BATCH} sự kiện mỗi lô")
    return events, not odd and not (b"\\u" in body and _SUSPECT_ESCAPE.search(body))


def check_values(value: Any, where: str = "payload") -> None:
    """Every value under `value`, iteratively (a deep payload cannot exhaust the stack)."""
    stack: list[tuple[Any, str, int]] = [(value, where, 0)]
    seen = 0
    while stack:
        v, path, depth = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            raise EventError(f"{where} có quá nhiều giá trị (tối đa {MAX_NODES})")
        if v is NON_FINITE or (isinstance(v, float) and not math.isfinite(v)):
            raise EventError(f"{path}: NaN hoặc Infinity không phải số hợp lệ")
        if isinstance(v, bool) or v is None or isinstance(v, float):
            continue
        if isinstance(v, int):
            if not INT_MIN <= v <= INT_MAX:
                raise EventError(f"{path}: số nguyên vượt giới hạn 64 bit")
            continue
        if isinstance(v, str):
            _check_text(v, path)
            continue
        if depth >= MAX_DEPTH:
            raise EventError(f"{path}: lồng nhau quá {MAX_DEPTH} tầng")
        if isinstance(v, dict):
            for k, item in v.items():
                _check_text(k, path)
                stack.append((item, f"{path}.{k[:40]}", depth + 1))
        elif isinstance(v, list):
            stack.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(v))
        else:  # pragma: no cover - json.loads makes nothing else
            raise EventError(f"{path}: kiểu giá trị không hợp lệ")


def _check_text(text: str, path: str) -> None:
    if len(text) > MAX_TEXT:
        raise EventError(f"{path}: chuỗi dài quá {MAX_TEXT} ký tự")
    if "\x00" in text:
        raise EventError(f"{path}: chuỗi chứa ký tự NUL")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise EventError(f"{path}: chuỗi chứa ký tự không hợp lệ (surrogate)") from None


# --- shapes per type -------------------------------------------------------------------------------------
# Field kinds: "text", "int", "time" (ISO 8601 text), "dict", "list"; a trailing "!" means required.
# Every field may also be null unless required. Only what the views and reports read is listed; other
# fields travel as they are.


def _spec(**fields: str) -> dict[str, str]:
    return {"at": "time", **fields}


_DOSSIER = {"code": "text!"}
_TICKET = _spec(
    number="text",
    day="text",
    status="text",
    service_name="text",
    issued_at="time",
    called_at="time",
    finished_at="time",
    counter="int",
    wait_seconds="int",
    service_seconds="int",
)
_RATING = _spec(
    offer_id="int",
    offered_at="time",
    rated_at="time",
    level="text",
    clerk="text",
    field="text",
    kind="text",
    ref="text",
)
E = events
PAYLOAD_SHAPES: dict[str, dict[str, str]] = {
    E.DOSSIER_RECEIVED: _spec(
        **_DOSSIER,
        procedure="dict!",
        applicant="dict",
        received_at="time!",
        due_at="time!",
        ready_at="time",
        returned_at="time",
        status="text",
        apology="dict",
        tracking_key="text",
        channel="text",  # the QĐ 766 index (contract/index766.py)
        components="list",
    ),
    E.DOSSIER_STATUS_CHANGED: _spec(**_DOSSIER, to="text!", due_at="time"),
    E.DOSSIER_APOLOGIZED: _spec(**_DOSSIER, new_due_at="time!", issued_at="time"),
    E.DOSSIER_STOPPED: _spec(**_DOSSIER, to="text", due_at="time"),
    E.DOSSIER_FILE_ATTACHED: _spec(**_DOSSIER, role="text!", paper="int", pages="int", bytes="int"),
    **{t: _TICKET for t in E.ALL if t.startswith("ticket.")},
    **{t: _RATING for t in E.ALL if t.startswith("rating.")},
    E.SURVEY_RECORDED: _spec(offer_id="int", answers="dict"),
    E.PAYMENT_RECORDED: _spec(code="text", amount_vnd="int", method="text", paid_at="time"),
    E.FEEDBACK_RECEIVED: _spec(number="text", received_at="time", due_at="time"),
    E.FEEDBACK_ANSWERED: _spec(number="text", answered_at="time", due_at="time"),
    **{t: _spec() for t in E.ALL if t.startswith(("queue.", "calendar.", "catalog."))},
}
"""What the city takes: every type a counter syncs (contract/events.py; the office's own set-up of users
and settings is never sent), with the fields it reads."""
# Nested dicts whose fields the views read.
_NESTED = {
    (E.DOSSIER_RECEIVED, "procedure"): {"code": "text!", "name": "text", "field": "text"},
    (E.DOSSIER_RECEIVED, "applicant"): {"full_name": "text"},
    (E.DOSSIER_RECEIVED, "apology"): {"issued_at": "time", "new_due_at": "time"},
}
_LABELS_VI = {
    "code": "mã hồ sơ",
    "to": "trạng thái mới",
    "procedure": "thủ tục",
    "received_at": "thời điểm tiếp nhận",
    "due_at": "hạn trả kết quả",
    "new_due_at": "ngày hẹn mới",
}
_KINDS: dict[str, tuple[type, ...]] = {"text": (str,), "int": (int,), "dict": (dict,), "list": (list,)}
_KIND_VI = {
    "text": "chuỗi",
    "int": "số nguyên",
    "dict": "đối tượng",
    "list": "danh sách",
    "time": "thời điểm",
}


def _check_fields(etype: str, obj: dict[str, Any], shape: dict[str, str], path: str) -> None:
    for name, kind in shape.items():
        required = kind.endswith("!")
        kind = kind.rstrip("!")
        value: Any = obj.get(name)
        if value is None:
            if required:
                what = _LABELS_VI.get(name, name)
                raise EventError(f"sự kiện {etype} thiếu {what} ({path}.{name})")
            continue
        if kind == "time":
            pj.vn_time(value)  # raises EventError naming the value
        elif isinstance(value, bool) or not isinstance(value, _KINDS[kind]):
            raise EventError(f"{path}.{name}: phải là {_KIND_VI[kind]}")
        elif isinstance(value, int) and not INT32_MIN <= value <= INT32_MAX:
            raise EventError(f"{path}.{name}: số nguyên vượt giới hạn")
        nested = _NESTED.get((etype, name))
        if nested:
            _check_fields(etype, value, nested, f"{path}.{name}")


def validate(raw: Any, *, plain: bool = False) -> tuple[EventEnvelope, str | None]:
    """One raw event → (envelope, subject), or EventError with the reason sent back to the counter.
    `plain`: its body was found free of what `check_values` looks for (parse_batch)."""
    ev = validate_event(raw)
    if ev["seq"] > INT_MAX:
        raise EventError("seq vượt giới hạn 64 bit")
    shape = PAYLOAD_SHAPES.get(ev["type"])
    if shape is None:
        raise EventError(f"loại sự kiện '{ev['type'][:60]}' máy chủ không biết")
    if not plain:
        check_values(ev["payload"])
    _check_fields(ev["type"], ev["payload"], shape, "payload")
    pj.check_known(ev)
    subject = pj.subject_of(ev)
    _dry_run(ev)
    return ev, subject


def _dry_run(ev: EventEnvelope) -> None:
    """Fold the event into an empty view: what the views would trip on at commit time, refused now."""
    etype = ev["type"]
    try:
        if etype.startswith("dossier."):
            pj.fold_dossier(None, ev, "")
        elif etype.startswith("ticket."):
            pj.fold_ticket(None, ev, "")
        elif etype.startswith("rating."):
            pj.rating_row(ev)
    except EventError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError, OverflowError) as exc:
        raise EventError(f"payload không đúng dạng của sự kiện {etype} ({type(exc).__name__})") from None
