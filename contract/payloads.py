"""Event payloads, as the counter writes them and the city reads them (docs/sync-contract.md).

`DossierReceived` is the whole dossier as the counter's `DossierView.to_json` makes it
(counter_app/services/dossier_view.py is typed to return it); the city's projection reads the fields it
needs from the same shape (city_server/projection.py: check_known, fold_dossier). Every payload also
carries `actor`, added by counter_app/services/journal.py.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class Procedure(TypedDict):
    code: str
    name: str
    field: str


class Applicant(TypedDict):
    full_name: str
    id_number: str
    phone: str
    email: str | None
    address: str
    birth_date: str | None  # YYYY-MM-DD


class Register(TypedDict):
    book: str
    number: int


class DossierReceived(TypedDict):
    """`dossier.received`: times are local ISO 8601 with +07:00."""

    code: str
    agency_code: str
    procedure: Procedure
    processing_days: int
    fee_vnd: int
    applicant: Applicant
    components: list[dict[str, Any]]
    sets: int
    delivery: str  # counter | post
    post_address: str | None
    status: str  # contract/labels.py DOSSIER_STATES
    status_label: str
    received_at: str | None
    due_at: str | None
    ready_at: str | None
    returned_at: str | None
    rejected_reason: str | None
    clerk: str
    counter: int
    register: Register
    tracking_key: str | None
    apology: dict[str, Any] | None
    history: list[dict[str, Any]]  # empty in the event (the history travels as its own events)
    overdue: NotRequired[bool]  # only in `counter-app dossier show --json`, never in the event
