"""Satisfaction: the quick rating levels and the SIPAS criteria (docs/domain.md, Satisfaction), as data.

SIPAS is the Ministry of Home Affairs' satisfaction index. Its five groups and the Hà Nội 2021 targets
come from document 2542/UBND-SNV, Phụ lục 1. Keys are stable identifiers stored in the database and
sent to the city server; labels are what the citizen reads (Vietnamese and English).
"""

from __future__ import annotations

from dataclasses import dataclass

# --- quick rating -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    key: str
    vi: str
    en: str
    satisfied: bool  # counts towards the satisfied percentage

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


VERY_SATISFIED = "very_satisfied"
SATISFIED = "satisfied"
NEUTRAL = "neutral"
DISSATISFIED = "dissatisfied"

LEVELS: dict[str, Level] = {
    lv.key: lv
    for lv in (
        Level(VERY_SATISFIED, "Rất hài lòng", "Very satisfied", True),
        Level(SATISFIED, "Hài lòng", "Satisfied", True),
        Level(NEUTRAL, "Bình thường", "Neutral", False),
        Level(DISSATISFIED, "Không hài lòng", "Dissatisfied", False),
    )
}


def levels_for(count: int) -> tuple[Level, ...]:
    """The buttons shown, best first: 3 by default, 4 when the office adds "Bình thường"."""
    keys = (
        (VERY_SATISFIED, SATISFIED, NEUTRAL, DISSATISFIED)
        if count == 4
        else (VERY_SATISFIED, SATISFIED, DISSATISFIED)
    )
    return tuple(LEVELS[k] for k in keys)


# --- SIPAS criteria -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    key: str  # "<group>.<name>"
    vi: str
    en: str
    # When set, the criterion is offered as a reason for "Không hài lòng", phrased as the complaint.
    reason_vi: str | None = None
    reason_en: str | None = None

    @property
    def group(self) -> str:
        return self.key.split(".", 1)[0]

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi

    def reason_label(self, lang: str) -> str:
        if lang == "en":
            return self.reason_en or self.en
        return self.reason_vi or self.vi


@dataclass(frozen=True)
class Group:
    key: str
    vi: str
    en: str
    target_pct: int  # Hà Nội 2021 target for the share of satisfied answers
    criteria: tuple[Criterion, ...]

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


C = Criterion
GROUPS: tuple[Group, ...] = (
    Group(
        "access",
        "Tiếp cận dịch vụ",
        "Access to the service",
        86,
        (
            C(
                "access.signage",
                "Biển hiệu, hướng dẫn rõ ràng, dễ tìm",
                "Signs and guidance are clear",
                "Khó tìm, thiếu hướng dẫn",
                "Hard to find, poor signs",
            ),
            C("access.tidy", "Nơi làm việc gọn gàng, sạch sẽ", "The office is tidy and clean"),
            C(
                "access.equipment",
                "Trang thiết bị phục vụ đầy đủ",
                "Equipment is sufficient",
                "Nơi chờ thiếu tiện nghi",
                "Waiting area lacks facilities",
            ),
            C("access.easy_equipment", "Trang thiết bị dễ sử dụng", "Equipment is easy to use"),
        ),
    ),
    Group(
        "procedure",
        "Thủ tục hành chính",
        "Administrative procedures",
        92,
        (
            C(
                "procedure.posted",
                "Thủ tục được niêm yết công khai, dễ thấy",
                "Procedures are posted where they are seen",
            ),
            C(
                "procedure.complete",
                "Thủ tục được niêm yết đầy đủ, rõ ràng",
                "Procedures are posted fully and clearly",
            ),
            C(
                "procedure.documents",
                "Giấy tờ phải nộp đúng quy định",
                "Documents asked for are as regulated",
                "Đòi giấy tờ ngoài quy định",
                "Papers asked beyond the rules",
            ),
            C(
                "procedure.fees",
                "Phí, lệ phí phải nộp đúng quy định",
                "Fees charged are as regulated",
                "Thu phí không đúng quy định",
                "Fees not as regulated",
            ),
            C(
                "procedure.time",
                "Thời gian giải quyết đúng quy định",
                "Processing time is as regulated",
                "Giải quyết chậm, chờ lâu",
                "Slow, long waiting",
            ),
        ),
    ),
    Group(
        "staff",
        "Công chức",
        "Civil servants",
        87,
        (
            C(
                "staff.polite",
                "Công chức có thái độ lịch sự",
                "The officer is polite",
                "Thái độ chưa lịch sự",
                "Officer not polite",
            ),
            C("staff.listens", "Công chức chú ý lắng nghe", "The officer listens attentively"),
            C("staff.answers", "Công chức trả lời, giải thích đầy đủ", "The officer answers fully"),
            C(
                "staff.guides",
                "Hướng dẫn kê khai hồ sơ rõ ràng, dễ hiểu",
                "Guidance on the forms is clear",
                "Hướng dẫn chưa rõ ràng",
                "Guidance unclear",
            ),
            C(
                "staff.one_go",
                "Hướng dẫn đầy đủ ngay một lần",
                "Complete guidance in one go",
                "Phải đi lại nhiều lần",
                "Had to come back many times",
            ),
            C("staff.as_regulated", "Giải quyết công việc đúng quy định", "Work is handled as regulated"),
            C("staff.helpful", "Công chức nhiệt tình, có trách nhiệm", "The officer is helpful"),
        ),
    ),
    Group(
        "result",
        "Kết quả giải quyết",
        "Results",
        90,
        (
            C("result.lawful", "Kết quả đúng quy định", "The result is lawful"),
            C("result.complete", "Kết quả có thông tin đầy đủ", "The result has complete information"),
            C("result.accurate", "Kết quả có thông tin chính xác", "The result has accurate information"),
            C("result.fair", "Kết quả được giải quyết công bằng", "The result is fair"),
        ),
    ),
    Group(
        "feedback",
        "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
        "Handling comments and complaints",
        85,
        (
            C("feedback.channel", "Có nơi tiếp nhận góp ý, phản ánh", "There is a way to give feedback"),
            C("feedback.easy", "Dễ dàng gửi góp ý, phản ánh", "Giving feedback is easy"),
            C("feedback.active", "Góp ý, phản ánh được xử lý tích cực", "Feedback is handled actively"),
            C("feedback.timely", "Kết quả xử lý được thông báo kịp thời", "The outcome is reported in time"),
        ),
    ),
)
del C

CRITERIA: dict[str, Criterion] = {c.key: c for g in GROUPS for c in g.criteria}
# The reasons offered for "Không hài lòng", in the order they are shown.
REASON_KEYS: tuple[str, ...] = (
    "staff.polite",
    "staff.guides",
    "staff.one_go",
    "procedure.time",
    "procedure.documents",
    "procedure.fees",
    "access.signage",
    "access.equipment",
)
