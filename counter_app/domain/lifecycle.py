"""Dossier states and the transitions the law allows (docs/domain.md, Dossier lifecycle)."""

from __future__ import annotations

from contract.labels import DOSSIER_STATUS_VI

RECEIVED = "received"
PROCESSING = "processing"
SUPPLEMENT = "supplement"  # waiting for the citizen to complete the dossier: the clock stops
READY = "ready"
RETURNED = "returned"
REJECTED = "rejected"
# Dừng giải quyết (Nghị định 118/2025/NĐ-CP; notice: Mẫu 05 of Thông tư 03/2025/TT-VPCP): processing
# ends without a result, with a reason; no clock runs and it is never overdue.
STOPPED = "stopped"

STATES = (RECEIVED, PROCESSING, SUPPLEMENT, READY, RETURNED, REJECTED, STOPPED)
OPEN_STATES = (RECEIVED, PROCESSING, SUPPLEMENT)

# One wording on the counter and the city (contract/labels.py).
LABELS_VI = DOSSIER_STATUS_VI

TRANSITIONS: dict[str, frozenset[str]] = {
    RECEIVED: frozenset({PROCESSING, SUPPLEMENT, READY, REJECTED, STOPPED}),
    PROCESSING: frozenset({SUPPLEMENT, READY, REJECTED, STOPPED}),
    SUPPLEMENT: frozenset({PROCESSING, REJECTED, STOPPED}),
    READY: frozenset({RETURNED}),
    RETURNED: frozenset(),
    REJECTED: frozenset(),
    STOPPED: frozenset(),
}

NEEDS_REASON = frozenset({SUPPLEMENT, REJECTED, STOPPED})


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())
