"""Read models of a dossier: what `dossier show`, the board, the forms and sync payloads see."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from counter_app.domain.lifecycle import LABELS_VI, OPEN_STATES, SUPPLEMENT
from counter_app.timeutil import iso
from db.models import Dossier

if TYPE_CHECKING:
    from contract.payloads import DossierReceived  # a type only: a find loads no payload module


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    clerk: str
    action: str
    from_status: str | None
    to_status: str
    note: str | None
    data: Any
    counter: int | None = None  # where the step was done (None: a line from before counters were kept)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "at": iso(self.at)}


@dataclass(frozen=True)
class ApologyView:
    number: str
    issued_at: datetime
    old_due_at: datetime
    new_due_at: datetime
    reason: str
    clerk: str

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("issued_at", "old_due_at", "new_due_at"):
            d[k] = iso(d[k])
        return d


@dataclass(frozen=True)
class DossierView:
    code: str
    agency_code: str
    procedure_code: str
    procedure_name: str
    field: str
    processing_days: int
    fee_vnd: int
    full_name: str
    id_number: str
    phone: str
    email: str | None
    address: str
    birth_date: date | None
    components: list[dict[str, Any]]
    sets: int
    delivery: str
    post_address: str | None
    status: str
    received_at: datetime
    due_at: datetime
    ready_at: datetime | None
    returned_at: datetime | None
    rejected_reason: str | None
    clerk: str
    counter_number: int
    register_book: str
    register_number: int
    apology: ApologyView | None
    history: list[HistoryEntry] = dataclasses.field(default_factory=list)
    tracking_key: str | None = None  # printed under the receipt's QR (None: received before keys existed)
    channel: str = "counter"  # received at the counter or online (contract/index766.py CHANNELS)

    @property
    def status_label(self) -> str:
        return LABELS_VI[self.status]

    def is_overdue(self, at: datetime) -> bool:
        """Not ready or returned by its due time (the clock is stopped while a supplement is awaited)."""
        return self.status in OPEN_STATES and self.status != SUPPLEMENT and at > self.due_at

    def to_json(self, at: datetime | None = None) -> DossierReceived:
        """The `dossier.received` payload (contract/payloads.py), also what `dossier show --json` prints."""
        out: DossierReceived = {
            "code": self.code,
            "agency_code": self.agency_code,
            "procedure": {"code": self.procedure_code, "name": self.procedure_name, "field": self.field},
            "processing_days": self.processing_days,
            "fee_vnd": self.fee_vnd,
            "applicant": {
                "full_name": self.full_name,
                "id_number": self.id_number,
                "phone": self.phone,
                "email": self.email,
                "address": self.address,
                "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            },
            "components": self.components,
            "sets": self.sets,
            "delivery": self.delivery,
            "channel": self.channel,
            "post_address": self.post_address,
            "status": self.status,
            "status_label": self.status_label,
            "received_at": iso(self.received_at),
            "due_at": iso(self.due_at),
            "ready_at": iso(self.ready_at),
            "returned_at": iso(self.returned_at),
            "rejected_reason": self.rejected_reason,
            "clerk": self.clerk,
            "counter": self.counter_number,
            "register": {"book": self.register_book, "number": self.register_number},
            "tracking_key": self.tracking_key,
            "apology": self.apology.to_json() if self.apology else None,
            "history": [h.to_json() for h in self.history],
        }
        if at is not None:
            out["overdue"] = self.is_overdue(at)
        return out


def view_of(d: Dossier, *, with_history: bool = True) -> DossierView:
    return build_view(d, d.components, d.history if with_history else [], d.apology)


def build_view(d: Any, components: Iterable[Any], history: Iterable[Any], a: Any | None) -> DossierView:
    """From anything with the model's attribute names: ORM objects, or plain rows of the same tables
    (the fast path for search results and the board, which read many dossiers at once)."""
    return view_from(
        d,
        [{"name": c.name, "kind": c.kind, "count": c.count} for c in components],
        [
            HistoryEntry(
                h.at, h.clerk, h.action, h.from_status, h.to_status, h.note, h.data, h.counter_number
            )
            for h in history
        ],
        ApologyView(a.number, a.issued_at, a.old_due_at, a.new_due_at, a.reason, a.clerk) if a else None,
    )


def view_from(
    d: Any, components: list[dict[str, Any]], history: list[HistoryEntry], apology: ApologyView | None
) -> DossierView:
    """From anything with the dossier model's attribute names and its parts already made."""
    return DossierView(
        code=d.code,
        agency_code=d.agency_code,
        procedure_code=d.procedure_code,
        procedure_name=d.procedure_name,
        field=d.field,
        processing_days=d.processing_days,
        fee_vnd=d.fee_vnd,
        full_name=d.applicant_name,
        id_number=d.id_number,
        phone=d.phone,
        email=d.email,
        address=d.address,
        birth_date=d.birth_date,
        components=components,
        sets=d.sets,
        delivery=d.delivery,
        post_address=d.post_address,
        status=d.status,
        received_at=d.received_at,
        due_at=d.due_at,
        ready_at=d.ready_at,
        returned_at=d.returned_at,
        rejected_reason=d.rejected_reason,
        clerk=d.clerk,
        counter_number=d.counter_number,
        register_book=d.register_book,
        register_number=d.register_number,
        apology=apology,
        history=history,
        tracking_key=d.tracking_key,
        channel=getattr(d, "channel", None) or "counter",
    )
