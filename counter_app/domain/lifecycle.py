"""Dossier states and the transitions the law allows (issue #2 §7)."""

from __future__ import annotations

RECEIVED = "received"
PROCESSING = "processing"
SUPPLEMENT = "supplement"  # waiting for the citizen to complete the dossier: the clock stops
READY = "ready"
RETURNED = "returned"
REJECTED = "rejected"

STATES = (RECEIVED, PROCESSING, SUPPLEMENT, READY, RETURNED, REJECTED)
OPEN_STATES = (RECEIVED, PROCESSING, SUPPLEMENT)

LABELS_VI = {
    RECEIVED: "Đã tiếp nhận",
    PROCESSING: "Đang xử lý",
    SUPPLEMENT: "Chờ bổ sung",
    READY: "Đã có kết quả",
    RETURNED: "Đã trả kết quả",
    REJECTED: "Từ chối",
}

TRANSITIONS: dict[str, frozenset[str]] = {
    RECEIVED: frozenset({PROCESSING, SUPPLEMENT, READY, REJECTED}),
    PROCESSING: frozenset({SUPPLEMENT, READY, REJECTED}),
    SUPPLEMENT: frozenset({PROCESSING, REJECTED}),
    READY: frozenset({RETURNED}),
    RETURNED: frozenset(),
    REJECTED: frozenset(),
}

NEEDS_REASON = frozenset({SUPPLEMENT, REJECTED})


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())
