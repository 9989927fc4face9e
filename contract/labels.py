"""The words and keys both sides show and count by: dossier and ticket states, rating levels, SIPAS
groups with their targets, payment methods. One wording each, so the counter's screens and forms and
the city's public pages and reports say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# --- dossiers ----------------------------------------------------------------------------------------

RECEIVED: Final = "received"
PROCESSING: Final = "processing"
SUPPLEMENT: Final = "supplement"  # waiting for the citizen to complete the dossier: the clock stops
READY: Final = "ready"
RETURNED: Final = "returned"
REJECTED: Final = "rejected"
# Dừng giải quyết (Nghị định 118/2025/NĐ-CP; notice: Mẫu 05 of Thông tư 03/2025/TT-VPCP): processing
# ends without a result, with a reason; no clock runs and it is never overdue.
STOPPED: Final = "stopped"

DOSSIER_STATES: Final = (RECEIVED, PROCESSING, SUPPLEMENT, READY, RETURNED, REJECTED, STOPPED)
RESOLVED_STATES: Final = (READY, RETURNED)  # the result exists: what "resolved" counts

# "Từ chối" without "tiếp nhận": a dossier can also be refused after processing has begun.
DOSSIER_STATUS_VI: Final[dict[str, str]] = {
    RECEIVED: "Đã tiếp nhận",
    PROCESSING: "Đang xử lý",
    SUPPLEMENT: "Chờ bổ sung hồ sơ",
    READY: "Đã có kết quả",
    RETURNED: "Đã trả kết quả",
    REJECTED: "Từ chối",
    STOPPED: "Dừng giải quyết",
}

# --- queue tickets -----------------------------------------------------------------------------------

TICKET_STATUS_VI: Final[dict[str, str]] = {
    "waiting": "Đang chờ",
    "serving": "Đang được phục vụ",
    "finished": "Đã phục vụ xong",
    "skipped": "Đã gọi nhưng vắng mặt",
}

# --- the quick rating --------------------------------------------------------------------------------

VERY_SATISFIED: Final = "very_satisfied"
SATISFIED: Final = "satisfied"
NEUTRAL: Final = "neutral"
DISSATISFIED: Final = "dissatisfied"

# Best first; "Bình thường" only when the office shows four buttons (config rating.levels = 4).
LEVEL_VI: Final[dict[str, str]] = {
    VERY_SATISFIED: "Rất hài lòng",
    SATISFIED: "Hài lòng",
    NEUTRAL: "Bình thường",
    DISSATISFIED: "Không hài lòng",
}
LEVELS_3: Final = (VERY_SATISFIED, SATISFIED, DISSATISFIED)
LEVELS_4: Final = (VERY_SATISFIED, SATISFIED, NEUTRAL, DISSATISFIED)
SATISFIED_LEVELS: Final = frozenset({VERY_SATISFIED, SATISFIED})  # count towards "satisfied %"

# --- SIPAS -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SipasGroup:
    key: str  # stored on the counter and sent to the city; criteria keys are "<group>.<name>"
    vi: str
    short_vi: str  # under a chart's bar
    target_pct: float


# The Ministry of Home Affairs' satisfaction index groups and the Hà Nội 2021 targets for the share of
# satisfied answers: document 2542/UBND-SNV, Phụ lục 1. The counter lets an office override a target
# (config report.target.<group>, docs/domain.md); the city judges every agency against these.
SIPAS_GROUPS: Final = (
    SipasGroup("access", "Tiếp cận dịch vụ", "Tiếp cận", 86.0),
    SipasGroup("procedure", "Thủ tục hành chính", "Thủ tục", 92.0),
    SipasGroup("staff", "Công chức", "Công chức", 87.0),
    SipasGroup("result", "Kết quả giải quyết", "Kết quả", 90.0),
    SipasGroup("feedback", "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị", "Phản ánh", 85.0),
)
SIPAS_TARGETS: Final[dict[str, float]] = {g.key: g.target_pct for g in SIPAS_GROUPS}


def sipas_group_of(criterion: str) -> str:
    """ "staff.polite" → "staff"."""
    return criterion.split(".", 1)[0]


# --- fees --------------------------------------------------------------------------------------------

PAYMENT_METHODS: Final = ("cash", "transfer", "vietqr")
CASHLESS_METHODS: Final = ("transfer", "vietqr")
