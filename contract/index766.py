"""The counter-side indicators of the QĐ 766 index, defined once for both sides.

Quyết định 766/QĐ-TTg (23/6/2022) approves the "Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng
phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực
trên môi trường điện tử" in five groups. The counter computes the indicators whose facts are born at
the counter (docs/index-766.md lists each with its source, and says which formulas could not be found
in an official text: those have a configurable choice, the first one being the default).

The counter (counter_app/services/index766.py, from its tables) and the city
(city_server/reports/index766.py, from the synced events) each read their records their own way and
compute every figure here, so both give the same numbers. Times are local ISO text (+07:00) as in
contract/figures.py; a month is [start, end) of local time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, TypedDict

from contract.figures import pct, timeliness
from contract.index766_targets import TARGET_PCT
from contract.labels import CASHLESS_METHODS, DISSATISFIED, SATISFIED_LEVELS

# --- the groups of QĐ 766 ------------------------------------------------------------------------------

GROUP_DISCLOSURE: Final = "disclosure"
GROUP_PROGRESS: Final = "progress"
GROUP_DIGITISATION: Final = "digitisation"
GROUP_ONLINE: Final = "online"
GROUP_SATISFACTION: Final = "satisfaction"

GROUP_VI: Final[dict[str, str]] = {
    GROUP_DISCLOSURE: "Công khai, minh bạch",
    GROUP_PROGRESS: "Tiến độ, kết quả giải quyết",
    GROUP_DIGITISATION: "Số hóa hồ sơ",
    GROUP_ONLINE: "Cung cấp dịch vụ trực tuyến",
    GROUP_SATISFACTION: "Mức độ hài lòng",
}

QD766: Final = "Quyết định 766/QĐ-TTg ngày 23/6/2022, Phụ lục (Bộ chỉ số)"
TT01: Final = "Thông tư 01/2023/TT-VPCP ngày 05/4/2023 (số hóa hồ sơ, kết quả giải quyết TTHC)"

# --- the indicators ------------------------------------------------------------------------------------

ON_TIME: Final = "on_time"
DIGITISED_INTAKE: Final = "digitised_intake"
DIGITISED_RESULT: Final = "digitised_result"
REUSE: Final = "reuse"
ONLINE_INTAKE: Final = "online_intake"
CASHLESS: Final = "cashless"
SATISFACTION: Final = "satisfaction"

CHANNELS: Final = ("counter", "online")  # where a dossier was received (the dossier's `channel`)


@dataclass(frozen=True)
class Formula:
    key: str  # the choice's key (config report.index_formula.<indicator> on the counter)
    text_vi: str  # numerator ÷ denominator in words, as every output shows it


@dataclass(frozen=True)
class Indicator:
    key: str
    name_vi: str
    group: str  # a key of GROUP_VI
    source: str  # document, date, part
    official: bool  # False: no formula text was found in the documents; the first choice is ours
    formulas: tuple[Formula, ...]  # the first is the default
    target_pct: int  # the default target the counter shows it against (contract/index766_targets.py)

    def formula(self, choice: str | None) -> Formula:
        """The chosen formula; an unknown or missing choice is the default."""
        return next((f for f in self.formulas if f.key == choice), self.formulas[0])


INDICATORS: Final[tuple[Indicator, ...]] = (
    Indicator(
        ON_TIME,
        "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn",
        GROUP_PROGRESS,
        f"{QD766}, nhóm Tiến độ, kết quả giải quyết",
        False,
        (
            Formula(
                "resolved",
                "Số hồ sơ có kết quả trong tháng trước hoặc đúng hạn (so với hạn ban đầu) ÷ số hồ sơ có kết quả "
                "trong tháng × 100%",
            ),
        ),
        TARGET_PCT[ON_TIME],
    ),
    Indicator(
        DIGITISED_INTAKE,
        "Tỷ lệ số hóa hồ sơ khi tiếp nhận",
        GROUP_DIGITISATION,
        f"{QD766}, nhóm Số hóa hồ sơ; {TT01}",
        False,
        (
            Formula(
                "all_papers",
                "Số hồ sơ tiếp nhận trong tháng có mọi thành phần trong danh mục đã số hóa ÷ số hồ sơ tiếp nhận "
                "trong tháng × 100%",
            ),
            Formula(
                "any_paper",
                "Số hồ sơ tiếp nhận trong tháng có ít nhất một thành phần đã số hóa ÷ số hồ sơ tiếp nhận trong "
                "tháng × 100%",
            ),
        ),
        TARGET_PCT[DIGITISED_INTAKE],
    ),
    Indicator(
        DIGITISED_RESULT,
        "Tỷ lệ số hóa kết quả giải quyết thủ tục hành chính",
        GROUP_DIGITISATION,
        f"{QD766}, nhóm Số hóa hồ sơ; {TT01}",
        False,
        (
            Formula(
                "resolved",
                "Số hồ sơ có kết quả trong tháng mà kết quả đã được số hóa ÷ số hồ sơ có kết quả trong tháng × 100%",
            ),
        ),
        TARGET_PCT[DIGITISED_RESULT],
    ),
    Indicator(
        REUSE,
        "Tỷ lệ khai thác, sử dụng lại giấy tờ đã số hóa",
        GROUP_DIGITISATION,
        f"{QD766}, nhóm Số hóa hồ sơ; {TT01}",
        False,
        (
            Formula(
                "dossiers",
                "Số hồ sơ tiếp nhận trong tháng có ít nhất một thành phần dùng lại bản số hóa đã có ÷ số hồ sơ "
                "tiếp nhận trong tháng × 100%",
            ),
            Formula(
                "papers",
                "Số thành phần dùng lại bản số hóa đã có ÷ số thành phần đã số hóa của các hồ sơ tiếp nhận trong "
                "tháng × 100%",
            ),
        ),
        TARGET_PCT[REUSE],
    ),
    Indicator(
        ONLINE_INTAKE,
        "Tỷ lệ hồ sơ tiếp nhận trực tuyến",
        GROUP_ONLINE,
        f"{QD766}, nhóm Cung cấp dịch vụ trực tuyến",
        False,
        (
            Formula(
                "received",
                "Số hồ sơ tiếp nhận trực tuyến trong tháng ÷ số hồ sơ tiếp nhận trong tháng × 100%",
            ),
        ),
        TARGET_PCT[ONLINE_INTAKE],
    ),
    Indicator(
        CASHLESS,
        "Tỷ lệ thanh toán trực tuyến, không dùng tiền mặt",
        GROUP_ONLINE,
        f"{QD766}, nhóm Cung cấp dịch vụ trực tuyến (thanh toán trực tuyến)",
        False,
        (
            Formula(
                "payments",
                "Số lần nộp phí, lệ phí trong tháng bằng chuyển khoản hoặc VietQR ÷ số lần nộp trong tháng × 100%",
            ),
            Formula(
                "dossiers",
                "Số hồ sơ nộp phí, lệ phí trong tháng chỉ bằng chuyển khoản hoặc VietQR ÷ số hồ sơ có nộp phí, "
                "lệ phí trong tháng × 100%",
            ),
        ),
        TARGET_PCT[CASHLESS],
    ),
    Indicator(
        SATISFACTION,
        "Tỷ lệ hài lòng trong tiếp nhận, giải quyết thủ tục hành chính",
        GROUP_SATISFACTION,
        f"{QD766}, nhóm Mức độ hài lòng",
        True,
        (
            Formula(
                "rated",
                "Số lượt đánh giá Rất hài lòng hoặc Hài lòng ÷ số lượt đánh giá trong tháng × 100% "
                "(như báo cáo tháng)",
            ),
            Formula(
                "qd766",
                "(Số lượt mời đánh giá trong tháng − số lượt Không hài lòng) ÷ số lượt mời đánh giá trong tháng "
                "× 100% (dạng công thức của QĐ 766)",
            ),
        ),
        TARGET_PCT[SATISFACTION],
    ),
)
BY_KEY: Final[dict[str, Indicator]] = {i.key: i for i in INDICATORS}


# --- the records each side reads -----------------------------------------------------------------------


@dataclass(frozen=True)
class DossierFacts:
    """One dossier's digitisation and channel facts as of the figures' moment.

    papers: the size of its checklist (the dossier's components); digitised / reused: 1-based positions
    of the papers with a file attached (a reused one counts as digitised too) / attached by reuse.
    resolved_at, original_due_at: when the result existed (ready, or returned without a ready time) and
    the due time an apology does not move; None when not resolved.
    """

    code: str
    received_at: str | None
    channel: str = "counter"
    papers: int = 0
    digitised: frozenset[int] = frozenset()
    reused: frozenset[int] = frozenset()
    resolved_at: str | None = None
    original_due_at: str | None = None
    result_digitised: bool = False


@dataclass(frozen=True)
class PaymentFact:
    code: str
    method: str
    paid_at: str


@dataclass(frozen=True)
class RatingFact:
    """One rating offer made in the month and not cancelled; code: the dossier rated (None for a ticket)."""

    code: str | None
    level: str | None  # None: not rated


class IndicatorValue(TypedDict):
    key: str
    name: str
    group: str
    numerator: int
    denominator: int
    value_pct: float | None
    formula: str
    formula_key: str
    source: str
    official: bool
    below: list[str]  # dossier codes that pull the figure down, sorted


def _value(ind: Indicator, choice: str | None, num: int, den: int, below: Iterable[str]) -> IndicatorValue:
    formula = ind.formula(choice)
    return {
        "key": ind.key,
        "name": ind.name_vi,
        "group": ind.group,
        "numerator": num,
        "denominator": den,
        "value_pct": pct(num, den),
        "formula": formula.text_vi,
        "formula_key": formula.key,
        "source": ind.source,
        "official": ind.official,
        "below": sorted(set(below)),
    }


def _in(at: str | None, start: str, end: str) -> bool:
    return at is not None and start <= at < end


def indicators(
    start: str,
    end: str,
    dossiers: Iterable[DossierFacts],
    payments: Iterable[PaymentFact],
    ratings: Iterable[RatingFact],
    choices: Mapping[str, str] | None = None,
) -> list[IndicatorValue]:
    """Every indicator of INDICATORS for the month [start, end), in that order.

    `dossiers`: at least those received or resolved in the month; `payments`: at least those paid in
    it; `ratings`: exactly the month's offers (not cancelled). `choices`: indicator key → formula key.
    """
    choices = choices or {}
    ds = list(dossiers)
    received = [d for d in ds if _in(d.received_at, start, end)]
    resolved = [d for d in ds if d.original_due_at is not None and _in(d.resolved_at, start, end)]
    out: list[IndicatorValue] = []

    late = [d.code for d in resolved if timeliness(str(d.resolved_at), str(d.original_due_at)) == "late"]
    out.append(_value(BY_KEY[ON_TIME], choices.get(ON_TIME), len(resolved) - len(late), len(resolved), late))

    ind = BY_KEY[DIGITISED_INTAKE]
    if ind.formula(choices.get(DIGITISED_INTAKE)).key == "any_paper":
        done = [d for d in received if d.digitised]
    else:
        done = [d for d in received if d.papers > 0 and all(p in d.digitised for p in range(1, d.papers + 1))]
    ok = {d.code for d in done}
    out.append(_value(ind, choices.get(DIGITISED_INTAKE), len(done), len(received), _codes_not(received, ok)))

    ok = {d.code for d in resolved if d.result_digitised}
    out.append(
        _value(
            BY_KEY[DIGITISED_RESULT],
            choices.get(DIGITISED_RESULT),
            len(ok),
            len(resolved),
            _codes_not(resolved, ok),
        )
    )

    ind = BY_KEY[REUSE]
    if ind.formula(choices.get(REUSE)).key == "papers":
        num = sum(len(d.reused) for d in received)
        den = sum(len(d.digitised) for d in received)
        below = [d.code for d in received if len(d.reused) < len(d.digitised)]
        out.append(_value(ind, "papers", num, den, below))
    else:
        ok = {d.code for d in received if d.reused}
        out.append(_value(ind, "dossiers", len(ok), len(received), _codes_not(received, ok)))

    ok = {d.code for d in received if d.channel == "online"}
    out.append(
        _value(BY_KEY[ONLINE_INTAKE], None, len(ok), len(received), _codes_not(received, ok)),
    )

    out.append(_cashless([p for p in payments if start <= p.paid_at < end], choices.get(CASHLESS)))
    out.append(_satisfaction(list(ratings), choices.get(SATISFACTION)))
    return out


def _codes_not(group: Sequence[DossierFacts], ok: set[str]) -> list[str]:
    return [d.code for d in group if d.code not in ok]


def _cashless(payments: Sequence[PaymentFact], choice: str | None) -> IndicatorValue:
    ind = BY_KEY[CASHLESS]
    cash_codes = [p.code for p in payments if p.method not in CASHLESS_METHODS]
    if ind.formula(choice).key == "dossiers":
        paid = {p.code for p in payments}
        return _value(ind, choice, len(paid - set(cash_codes)), len(paid), cash_codes)
    # As the monthly report counts it (contract/figures.py payment_figures): by number of payments.
    return _value(ind, choice, len(payments) - len(cash_codes), len(payments), cash_codes)


def _satisfaction(ratings: Sequence[RatingFact], choice: str | None) -> IndicatorValue:
    ind = BY_KEY[SATISFACTION]
    if ind.formula(choice).key == "qd766":
        unhappy = [r for r in ratings if r.level == DISSATISFIED]
        below = [r.code for r in unhappy if r.code]
        return _value(ind, choice, len(ratings) - len(unhappy), len(ratings), below)
    # As the monthly report counts it (contract/figures.py rating_figures): satisfied ÷ rated.
    rated = [r for r in ratings if r.level is not None]
    ok = [r for r in rated if r.level in SATISFIED_LEVELS]
    below = [r.code for r in rated if r.level not in SATISFIED_LEVELS and r.code]
    return _value(ind, choice, len(ok), len(rated), below)


def index_score(values: Iterable[IndicatorValue]) -> float | None:
    """What the city ranks agencies by: the plain mean of the indicators that have a value (one
    decimal), None when none has. QĐ 766's own scoring gives each group points out of 100; its
    per-indicator points are not applied here (docs/index-766.md, "Ranking")."""
    got = [v["value_pct"] for v in values if v["value_pct"] is not None]
    return round(sum(got) / len(got) + 1e-9, 1) if got else None
