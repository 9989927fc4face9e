"""Read models folded from events: pure functions on plain dicts, no database here.

Folding is idempotent by construction: a view remembers the counter's sequence of the last event it
took (`last_seq`) and ignores any event at or before it, so applying an event twice changes nothing and
a rebuild from the stored events (in sequence order) gives the same view as the nightly increments.
The one exception is deliberate: a late `dossier.received` (e.g. one that was rejected, fixed and sent
again) still fills the dossier's fixed facts, once (`has_base`), without moving its status backwards.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any, cast

from contract import events, labels
from contract.envelope import EventEnvelope, EventError, normalize_tracking_key
from contract.labels import DOSSIER_STATES
from contract.payloads import DossierReceived

VN = timezone(timedelta(hours=7))
_VN_ISO = re.compile(r"\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-5]\d\+07:00")

# Names kept for the projection's readers; the words and keys are the contract's (contract/labels.py).
STATUS_LABELS = labels.DOSSIER_STATUS_VI
TICKET_LABELS = labels.TICKET_STATUS_VI
SATISFIED_LEVELS = labels.SATISFIED_LEVELS
UNSATISFIED_LEVELS = frozenset(labels.LEVEL_VI) - labels.SATISFIED_LEVELS


def mask_name(full_name: str) -> str:
    """'Nguyễn Văn An' → 'Nguyễn V. A.': the family name and initials, never the whole name."""
    words = full_name.split()
    if not words:
        return ""
    if len(words) == 1:
        return words[0][0] + "."
    return " ".join([words[0], *(w[0] + "." for w in words[1:])])


def vn_time(value: Any) -> str | None:
    """Any ISO time the counter sent, as +07:00 ISO text (so that text order is time order)."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise EventError("thời điểm không phải chuỗi ISO 8601")
    if _VN_ISO.fullmatch(value):
        return value  # already what we store (the counters' usual form): skip parsing

    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise EventError(f"thời điểm '{value[:40]}' không hợp lệ") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=VN)
    return dt.astimezone(VN).replace(microsecond=0).isoformat()


def _text(payload: dict[str, Any], key: str, limit: int) -> str | None:
    value = payload.get(key)
    if value is None:
        return None
    return str(value)[:limit]


# --- subjects and checks -----------------------------------------------------------------------------


def dossier_code(ev: EventEnvelope) -> str:
    code = ev["payload"].get("code")
    if not isinstance(code, str) or not 1 <= len(code) <= 60:
        raise EventError("sự kiện hồ sơ thiếu mã hồ sơ (code)")
    return code


def ticket_key(ev: EventEnvelope) -> tuple[str, str] | None:
    """(day, number) of a ticket event, or None when the payload does not say (kept raw only)."""
    p = ev["payload"]
    number = p.get("number")
    if not isinstance(number, str) or not 1 <= len(number) <= 10:
        return None
    day = p.get("day")
    if not isinstance(day, str) or len(day) != 10:
        try:
            day = (vn_time(p.get("issued_at")) or vn_time(ev["created_at"]) or "")[:10]
        except EventError:
            return None
    return day, number


def subject_of(ev: EventEnvelope) -> str | None:
    etype = ev["type"]
    if etype.startswith("dossier."):
        return f"dossier:{dossier_code(ev)}"
    if etype.startswith("ticket."):
        key = ticket_key(ev)
        return f"ticket:{ev['agency_code']}:{key[0]}:{key[1]}" if key else None
    return None


def claims_other_agency(ev: EventEnvelope) -> bool:
    """A dossier event about another agency's dossier (its code starts with the agency code)."""
    p = ev["payload"]
    if isinstance(p.get("agency_code"), str) and p["agency_code"] != ev["agency_code"]:
        return True
    if ev["type"].startswith("dossier."):
        code = p.get("code")
        if isinstance(code, str) and not code.startswith(ev["agency_code"] + "-"):
            return True
    return False


def received_payload(ev: EventEnvelope) -> DossierReceived:
    """A `dossier.received` payload read as the contract's shape (contract/payloads.py), which the
    counter's DossierView.to_json writes; what it may lack is checked by check_known."""
    return cast(DossierReceived, ev["payload"])


def check_known(ev: EventEnvelope) -> None:
    """Refuse (per event, with a reason) what a type we project cannot be made sense of."""
    etype, p = ev["type"], ev["payload"]
    if etype == events.DOSSIER_RECEIVED:
        dossier_code(ev)
        d = received_payload(ev)
        proc = d.get("procedure")
        if not isinstance(proc, dict) or not isinstance(proc.get("code"), str):
            raise EventError("hồ sơ thiếu thủ tục (procedure.code)")
        if not vn_time(d.get("received_at")) or not vn_time(d.get("due_at")):
            raise EventError("hồ sơ thiếu thời điểm tiếp nhận hoặc hẹn trả")
        if d.get("status", "received") not in DOSSIER_STATES:
            raise EventError("trạng thái hồ sơ không hợp lệ")
    elif etype == events.DOSSIER_STATUS_CHANGED:
        dossier_code(ev)
        if p.get("to") not in DOSSIER_STATES:
            raise EventError("trạng thái mới (to) không hợp lệ")
        vn_time(p.get("at"))
        vn_time(p.get("due_at"))
    elif etype == events.DOSSIER_STOPPED:
        dossier_code(ev)
        vn_time(p.get("at"))
    elif etype == events.DOSSIER_APOLOGIZED:
        dossier_code(ev)
        if not vn_time(p.get("new_due_at")):
            raise EventError("phiếu xin lỗi thiếu ngày hẹn mới (new_due_at)")
        vn_time(p.get("issued_at"))
    elif etype.startswith("dossier."):
        dossier_code(ev)


# --- dossiers ----------------------------------------------------------------------------------------


def fold_dossier(state: dict[str, Any] | None, ev: EventEnvelope, now: str) -> dict[str, Any] | None:
    """The dossier view after `ev` (a new dict), or `state` itself when the event changes nothing."""
    etype, p, seq = ev["type"], ev["payload"], ev["seq"]
    code = dossier_code(ev)
    at = vn_time(p.get("at")) or vn_time(ev["created_at"])
    if state is None:
        state = {
            "code": code,
            "agency_code": ev["agency_code"],
            "counter_number": ev["counter_number"],
            "counter_id": None,  # set by the ingest, which knows the credential (city_server/ingest.py)
            "procedure_code": None,
            "procedure_name": None,
            "field": None,
            "masked_name": None,
            "status": "received",
            "received_at": None,
            "due_at": None,
            "legal_due_at": None,
            "resolved_at": None,
            "returned_at": None,
            "rejected_at": None,
            "apologized_at": None,
            "has_base": False,
            "tracking_key": None,
            "last_seq": 0,
            "updated_at": now,
        }
    late = seq <= state["last_seq"]
    if late and not (etype == events.DOSSIER_RECEIVED and not state["has_base"]):
        return state
    new = dict(state)
    if etype == events.DOSSIER_RECEIVED:
        d = received_payload(ev)
        proc = dict(d.get("procedure") or {})
        applicant = d.get("applicant") or {}
        new.update(
            procedure_code=_text(proc, "code", 32),
            procedure_name=_text(proc, "name", 300),
            field=_text(proc, "field", 100),
            masked_name=mask_name(str(applicant.get("full_name") or ""))[:120] or None,
            received_at=vn_time(d.get("received_at")),
            has_base=True,
            tracking_key=normalize_tracking_key(d.get("tracking_key")),
        )
        if not late:
            due = vn_time(d.get("due_at"))
            new.update(
                status=p.get("status") or "received",
                due_at=due,
                legal_due_at=due,
                resolved_at=vn_time(p.get("ready_at")) or vn_time(p.get("returned_at")),
                returned_at=vn_time(p.get("returned_at")),
            )
            if p.get("apology"):
                new["apologized_at"] = vn_time(p["apology"].get("issued_at"))
    elif etype == events.DOSSIER_STATUS_CHANGED:
        target = p["to"]
        new["status"] = target
        if p.get("due_at"):
            new["due_at"] = vn_time(p["due_at"])
            if not new["apologized_at"]:
                # After an apology the promise moves but on-time is still judged on the legal date.
                new["legal_due_at"] = new["due_at"]
        if target in ("ready", "returned") and not new["resolved_at"]:
            new["resolved_at"] = at
        if target == "returned":
            new["returned_at"] = at
        if target == "rejected":
            new["rejected_at"] = at
    elif etype == events.DOSSIER_STOPPED:
        # Ended without a result: out of the open and overdue lists. rejected_at holds when it ended
        # (reports count rejections by status as well); the reason stays at the office.
        new["status"] = "stopped"
        new["rejected_at"] = vn_time(p.get("at")) or at
    elif etype == events.DOSSIER_APOLOGIZED:
        new["apologized_at"] = vn_time(p.get("issued_at")) or at
        new["due_at"] = vn_time(p.get("new_due_at"))
    if not late:
        new["last_seq"] = seq
    new["updated_at"] = now
    return new


# --- tickets -----------------------------------------------------------------------------------------

_TICKET_VERBS = {
    "issued": "waiting",
    "transferred": "waiting",
    "reactivated": "waiting",
    "called": "serving",
    "recalled": "serving",
    "serving": "serving",
    "finished": "finished",
    "served": "finished",
    "done": "finished",
    "skipped": "skipped",
    "no_show": "skipped",
}


def fold_ticket(state: dict[str, Any] | None, ev: EventEnvelope, now: str) -> dict[str, Any] | None:
    key = ticket_key(ev)
    if key is None:
        return state
    p, seq = ev["payload"], ev["seq"]
    if state is not None and seq <= state["last_seq"]:
        return state
    verb = ev["type"].split(".", 1)[1]
    status = p.get("status") if p.get("status") in TICKET_LABELS else _TICKET_VERBS.get(verb)
    at = vn_time(p.get("at")) or vn_time(ev["created_at"])
    new = dict(
        state
        or {
            "agency_code": ev["agency_code"],
            "day": key[0],
            "number": key[1],
            "service_name": None,
            "service": None,
            "priority": None,
            "counter_id": None,  # set by the ingest (city_server/ingest.py)
            "status": "waiting",
            "issued_at": None,
            "called_at": None,
            "finished_at": None,
            "counter": None,
        }
    )
    if status:
        new["status"] = status
    if p.get("service_name"):
        new["service_name"] = str(p["service_name"])[:100]
    if isinstance(p.get("service"), str) and p["service"]:
        new["service"] = p["service"][:10]  # the line it waits in now (a transfer moves it)
    if isinstance(p.get("priority"), bool):
        new["priority"] = p["priority"]
    new["issued_at"] = vn_time(p.get("issued_at")) or new["issued_at"] or (at if verb == "issued" else None)
    if status == "serving":
        new["called_at"] = vn_time(p.get("called_at")) or at
    if status in ("finished", "skipped"):
        new["finished_at"] = vn_time(p.get("finished_at")) or at
    counter = p.get("counter")
    if isinstance(counter, int) and not isinstance(counter, bool):
        new["counter"] = counter
    elif status == "waiting":
        new["counter"] = None  # transferred back to a line: no counter serves it now
    new["last_seq"], new["updated_at"] = seq, now
    return new


# --- ratings -----------------------------------------------------------------------------------------


def rating_row(ev: EventEnvelope) -> dict[str, Any] | None:
    """One row per answer (rating.recorded) or unanswered offer (rating.none); other rating.* events
    (offered, cancelled, explained) are kept raw only."""
    p = ev["payload"]
    if ev["type"] == events.RATING_RECORDED:
        level = str(p.get("level") or "").strip().lower()
        satisfied: bool | None = (
            True if level in SATISFIED_LEVELS else False if level in UNSATISFIED_LEVELS else None
        )
    elif ev["type"] == events.RATING_NONE:
        level, satisfied = "", None
    else:
        return None
    at = vn_time(p.get("rated_at")) or vn_time(p.get("at")) or vn_time(ev["created_at"])
    return {
        "event_id": ev["event_id"],
        "agency_code": ev["agency_code"],
        "at": at,
        "level": level[:40] or None,
        "satisfied": satisfied,
    }
