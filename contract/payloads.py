"""Event payloads, as the counter writes them and the city reads them (docs/sync-contract.md).

One TypedDict per event type of contract/events.py, mapped in `PAYLOADS`; the keys are those the
counter passes to `journal.record` (counter_app/services/*), and tests/test_sync_outbox_walk.py checks
the payloads of a run of every writer against them. Times are local ISO 8601 with +07:00; money is
integer VND. `DossierReceived` is the whole dossier as the counter's `DossierView.to_json` makes it
(counter_app/services/dossier_view.py is typed to return it); the city's projection reads the fields it
needs from the same shape (city_server/projection.py: check_known, fold_dossier). Every payload also
carries `actor`, added by counter_app/services/journal.py.
"""

# No `from __future__ import annotations`: NotRequired must be seen at run time (__optional_keys__).
from typing import Any, NotRequired, TypedDict

from contract import events


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
    # counter | online: where it was received (contract/index766.py CHANNELS); absent from older counters,
    # which received everything at the counter.
    channel: NotRequired[str]
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


# --- dossiers -------------------------------------------------------------------------------------------

# "from" is a Python keyword: the functional form. Written by DossierService.change_status
# (counter_app/services/dossiers.py); `data` given by the caller is merged in (forms: "items").
DossierStatusChanged = TypedDict(
    "DossierStatusChanged",
    {
        "code": str,
        "from": str,
        "to": str,
        "at": str | None,
        "note": str | None,
        "due_at": str | None,  # the new due time when the clock restarts after a supplement
        "remaining_minutes": NotRequired[int | None],  # when the clock pauses (supplement asked)
        "items": NotRequired[list[str]],  # what the citizen must supplement (counter_app/services/forms.py)
        "number": NotRequired[str],  # only in dossier.stopped
    },
)
# `dossier.stopped`: as a status change with "to": "stopped", the reason in "note" and the notice's number.
DossierStopped = TypedDict(
    "DossierStopped",
    {
        "code": str,
        "from": str,
        "to": str,
        "at": str | None,
        "note": str | None,
        "due_at": str | None,
        "number": str,  # NN/TB-DGQ
        "remaining_minutes": NotRequired[int | None],
    },
)


class DossierApologized(TypedDict):
    code: str
    number: str
    issued_at: str | None
    old_due_at: str | None
    new_due_at: str | None
    reason: str


class DossierFileAttached(TypedDict):
    """`dossier.file_attached`: one digitised paper (or the result) of a dossier; the PDF stays at the
    office, only its facts travel."""

    code: str
    role: str  # paper | result
    paper: int | None  # 1-based place in the dossier's checklist; None for the result
    name: str  # the paper's name as in the checklist, or "Kết quả giải quyết"
    pages: int
    bytes: int
    sha256: str
    reused_from_code: str | None  # the dossier whose digitised paper was reused; None: scanned now
    at: str | None


class PaymentRecorded(TypedDict):
    code: str
    method: str
    amount_vnd: int
    paid_at: str | None
    reference: str | None
    fee_vnd: int
    paid_vnd: int  # all payments so far
    status: str


# --- the queue ---------------------------------------------------------------------------------------------


class QueueServiceAdded(TypedDict):
    prefix: str
    name: str
    fields: list[str]
    counters: list[int]


class QueueServiceUpdated(QueueServiceAdded):
    pass


class QueueServiceRemoved(TypedDict):
    prefix: str
    name: str


class QueueCounterPaused(TypedDict):
    counter: int
    reason: str


class QueueCounterResumed(TypedDict):
    counter: int
    reason: str | None  # the pause's reason
    paused_seconds: int


class Ticket(TypedDict):
    """What every ticket event carries (counter_app/services/queue.py `_payload`)."""

    number: str
    day: str  # YYYY-MM-DD
    service: str
    service_name: str
    priority: bool
    issued_at: str | None


class TicketIssued(Ticket):
    waiting_ahead: int


class TicketPrinted(TypedDict):
    """`ticket.printed` and `ticket.print_failed` (local only: never sent to the city)."""

    number: str
    attempt: int
    error: str | None
    kind: str | None  # why it failed: refused, timeout, paper_out, unconfigured …


class TicketCalled(Ticket):
    counter: int
    called_at: str | None
    wait_seconds: int | None


class TicketRecalled(Ticket):
    counter: int
    recalls: int


class TicketSkipped(Ticket):
    counter: int | None
    was: str  # waiting | serving
    recalls: int


class TicketTransferred(Ticket):
    from_service: str
    from_counter: int | None


class TicketFinished(Ticket):
    counter: int | None
    wait_seconds: int | None
    service_seconds: int | None
    auto: bool  # finished by calling the next number


class TicketReactivated(Ticket):
    counter: None  # waiting again: no counter serves it
    skipped_counter: int | None  # the counter that had called it before it was skipped
    status: str  # waiting


# --- ratings (counter_app/services/ratings.py `_payload`) and feedback -------------------------------------


class RatingOffer(TypedDict):
    offer_id: int
    kind: str
    ref: str | None
    clerk: str
    counter: int
    field: str | None
    offered_at: str | None


class RatingOffered(RatingOffer):
    pass


class RatingRecorded(RatingOffer):
    level: int
    reasons: list[str]
    comment: str | None
    rated_at: str | None


class RatingExplained(RatingOffer):
    reasons: list[str]
    comment: str | None


class RatingClosed(RatingOffer):
    """`rating.none` and `rating.cancelled`."""

    why: str


class SurveyRecorded(RatingOffer):
    answers: dict[str, bool]


class FeedbackReceived(TypedDict):
    number: str
    category: str
    text: str
    counter: int | None
    received_at: str | None
    due_at: str | None
    has_contact: bool  # the name and phone stay on the counter


class FeedbackAnswered(TypedDict):
    number: str
    answer: str
    answered_at: str | None
    due_at: str | None
    in_time: bool


# --- the office's set-up ---------------------------------------------------------------------------------


class CalendarDaySet(TypedDict):
    date: str  # YYYY-MM-DD
    working: bool
    note: str
    source: NotRequired[str]  # "city" when applied from the city's calendar


class CalendarDayCleared(TypedDict):
    """Only "date" when a clerk clears it; as `CalendarDaySet` ("working": None) from the city's."""

    date: str
    working: NotRequired[None]
    note: NotRequired[str]
    source: NotRequired[str]


class CatalogImported(TypedDict):
    version: str
    codes: list[str]


class ConfigSet(TypedDict):
    key: str
    value: Any  # "********" for a secret


class UserAdded(TypedDict):
    username: str
    full_name: str
    role: str


class UserUpdated(TypedDict):
    username: str
    role: str
    active: bool


class UserPasswordSet(TypedDict):
    username: str


class OutboxRequeued(TypedDict):
    count: int
    event_ids: list[str] | None  # None: all rejected events


PAYLOADS: dict[str, type] = {
    events.DOSSIER_RECEIVED: DossierReceived,
    events.DOSSIER_STATUS_CHANGED: DossierStatusChanged,
    events.DOSSIER_APOLOGIZED: DossierApologized,
    events.DOSSIER_STOPPED: DossierStopped,
    events.DOSSIER_FILE_ATTACHED: DossierFileAttached,
    events.PAYMENT_RECORDED: PaymentRecorded,
    events.QUEUE_SERVICE_ADDED: QueueServiceAdded,
    events.QUEUE_SERVICE_UPDATED: QueueServiceUpdated,
    events.QUEUE_SERVICE_REMOVED: QueueServiceRemoved,
    events.QUEUE_COUNTER_PAUSED: QueueCounterPaused,
    events.QUEUE_COUNTER_RESUMED: QueueCounterResumed,
    events.TICKET_ISSUED: TicketIssued,
    events.TICKET_PRINTED: TicketPrinted,
    events.TICKET_PRINT_FAILED: TicketPrinted,
    events.TICKET_CALLED: TicketCalled,
    events.TICKET_RECALLED: TicketRecalled,
    events.TICKET_SKIPPED: TicketSkipped,
    events.TICKET_TRANSFERRED: TicketTransferred,
    events.TICKET_FINISHED: TicketFinished,
    events.TICKET_REACTIVATED: TicketReactivated,
    events.RATING_OFFERED: RatingOffered,
    events.RATING_RECORDED: RatingRecorded,
    events.RATING_EXPLAINED: RatingExplained,
    events.RATING_NONE: RatingClosed,
    events.RATING_CANCELLED: RatingClosed,
    events.SURVEY_RECORDED: SurveyRecorded,
    events.FEEDBACK_RECEIVED: FeedbackReceived,
    events.FEEDBACK_ANSWERED: FeedbackAnswered,
    events.CALENDAR_DAY_SET: CalendarDaySet,
    events.CALENDAR_DAY_CLEARED: CalendarDayCleared,
    events.CATALOG_IMPORTED: CatalogImported,
    events.CONFIG_SET: ConfigSet,
    events.USER_ADDED: UserAdded,
    events.USER_UPDATED: UserUpdated,
    events.USER_PASSWORD_SET: UserPasswordSet,
    events.OUTBOX_REQUEUED: OutboxRequeued,
}
"""Event type → the TypedDict of its payload. Every outbox payload also carries "actor" (journal.py)."""
