"""Every event type a counter records: the audit log's action and the outbox event's `type`.

`counter_app.services.journal.record` writes them; the city server stores every event it is sent and
projects those it knows (city_server/projection.py). Names are "area.verb" in the past tense: what
happened, never what to do. Add a new type here, give its payload a TypedDict in contract/payloads.py
and describe it in docs/sync-contract.md.
"""

from __future__ import annotations

from typing import Final

# Dossiers (hồ sơ)
DOSSIER_RECEIVED: Final = "dossier.received"
DOSSIER_STATUS_CHANGED: Final = "dossier.status_changed"
DOSSIER_APOLOGIZED: Final = "dossier.apologized"
# Dừng giải quyết (Nghị định 118/2025/NĐ-CP; notice Mẫu 05 of Thông tư 03/2025/TT-VPCP). Payload as
# DOSSIER_STATUS_CHANGED with "to": "stopped", "note" (the reason) and "number" (of the notice).
DOSSIER_STOPPED: Final = "dossier.stopped"
# Số hóa (Thông tư 01/2023/TT-VPCP): a paper of the checklist or the result attached as PDF pages, scanned
# or reused from the citizen's earlier dossier (counter_app/services/files.py).
DOSSIER_FILE_ATTACHED: Final = "dossier.file_attached"

# Fees (phí, lệ phí)
PAYMENT_RECORDED: Final = "payment.recorded"

# The queue: its service lines and tickets
QUEUE_SERVICE_ADDED: Final = "queue.service_added"
QUEUE_SERVICE_UPDATED: Final = "queue.service_updated"
QUEUE_SERVICE_REMOVED: Final = "queue.service_removed"
QUEUE_COUNTER_PAUSED: Final = "queue.counter_paused"  # tạm nghỉ: the counter calls nobody meanwhile
QUEUE_COUNTER_RESUMED: Final = "queue.counter_resumed"
TICKET_ISSUED: Final = "ticket.issued"
TICKET_PRINTED: Final = "ticket.printed"
TICKET_PRINT_FAILED: Final = "ticket.print_failed"
TICKET_CALLED: Final = "ticket.called"
TICKET_RECALLED: Final = "ticket.recalled"
TICKET_SKIPPED: Final = "ticket.skipped"
TICKET_TRANSFERRED: Final = "ticket.transferred"
TICKET_FINISHED: Final = "ticket.finished"
TICKET_REACTIVATED: Final = "ticket.reactivated"  # a no-show came back: waiting again in its old place

# The citizen's rating screen
RATING_OFFERED: Final = "rating.offered"
RATING_RECORDED: Final = "rating.recorded"
RATING_EXPLAINED: Final = "rating.explained"
RATING_NONE: Final = "rating.none"
RATING_CANCELLED: Final = "rating.cancelled"
SURVEY_RECORDED: Final = "survey.recorded"

# Feedback (phản ánh, kiến nghị)
FEEDBACK_RECEIVED: Final = "feedback.received"
FEEDBACK_ANSWERED: Final = "feedback.answered"

# The office's set-up
CALENDAR_DAY_SET: Final = "calendar.day_set"
CALENDAR_DAY_CLEARED: Final = "calendar.day_cleared"
CATALOG_IMPORTED: Final = "catalog.imported"
CONFIG_SET: Final = "config.set"
USER_ADDED: Final = "user.added"
USER_UPDATED: Final = "user.updated"
USER_PASSWORD_SET: Final = "user.password_set"
OUTBOX_REQUEUED: Final = "outbox.requeued"

ALL: Final = frozenset(
    {
        DOSSIER_RECEIVED,
        DOSSIER_STATUS_CHANGED,
        DOSSIER_APOLOGIZED,
        DOSSIER_STOPPED,
        DOSSIER_FILE_ATTACHED,
        PAYMENT_RECORDED,
        QUEUE_SERVICE_ADDED,
        QUEUE_SERVICE_UPDATED,
        QUEUE_SERVICE_REMOVED,
        QUEUE_COUNTER_PAUSED,
        QUEUE_COUNTER_RESUMED,
        TICKET_ISSUED,
        TICKET_PRINTED,
        TICKET_PRINT_FAILED,
        TICKET_CALLED,
        TICKET_RECALLED,
        TICKET_SKIPPED,
        TICKET_TRANSFERRED,
        TICKET_FINISHED,
        TICKET_REACTIVATED,
        RATING_OFFERED,
        RATING_RECORDED,
        RATING_EXPLAINED,
        RATING_NONE,
        RATING_CANCELLED,
        SURVEY_RECORDED,
        FEEDBACK_RECEIVED,
        FEEDBACK_ANSWERED,
        CALENDAR_DAY_SET,
        CALENDAR_DAY_CLEARED,
        CATALOG_IMPORTED,
        CONFIG_SET,
        USER_ADDED,
        USER_UPDATED,
        USER_PASSWORD_SET,
        OUTBOX_REQUEUED,
    }
)
"""Every type above; a test checks that every `journal.record` call site uses one of them."""

# Groups the reports read together (counter_app/services/reports.py and city_server/reports/).
RATING_TYPES: Final = (RATING_OFFERED, RATING_RECORDED, RATING_NONE, RATING_CANCELLED, SURVEY_RECORDED)
FEEDBACK_TYPES: Final = (FEEDBACK_RECEIVED, FEEDBACK_ANSWERED)
