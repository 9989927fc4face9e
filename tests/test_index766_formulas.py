"""contract/index766.py on plain records: every indicator and every formula choice, expected values
worked out by hand in the comments (never by calling the code)."""

from __future__ import annotations

from contract import index766 as ix
from contract.index766 import DossierFacts, PaymentFact, RatingFact

START, END = "2026-10-01T00:00:00+07:00", "2026-11-01T00:00:00+07:00"

# A: counter, 3 papers all digitised (2 reused), resolved early, result digitised.
# B: online, 3 papers, 1 digitised, resolved late, no result file.
# C: counter, 1 paper digitised, resolved at its due time exactly, result digitised.
# D: counter, 2 papers, none digitised, not resolved.
# E: received in September, resolved in October on time (not in the received counts).
# F: received in October, resolved in November (counts as received only).
DOSSIERS = [
    DossierFacts(
        "A",
        "2026-10-05T09:00:00+07:00",
        "counter",
        3,
        frozenset({1, 2, 3}),
        frozenset({1, 2}),
        "2026-10-05T16:00:00+07:00",
        "2026-10-06T09:00:00+07:00",
        True,
    ),
    DossierFacts(
        "B",
        "2026-10-06T09:00:00+07:00",
        "online",
        3,
        frozenset({2}),
        frozenset(),
        "2026-10-08T10:00:00+07:00",
        "2026-10-07T09:00:00+07:00",
        False,
    ),
    DossierFacts(
        "C",
        "2026-10-07T14:00:00+07:00",
        "counter",
        1,
        frozenset({1}),
        frozenset(),
        "2026-10-08T14:00:00+07:00",
        "2026-10-08T14:00:00+07:00",
        True,
    ),
    DossierFacts("D", "2026-10-20T09:00:00+07:00", "counter", 2),
    DossierFacts(
        "E",
        "2026-09-30T09:00:00+07:00",
        "counter",
        1,
        frozenset({1}),
        frozenset({1}),
        "2026-10-01T08:00:00+07:00",
        "2026-10-01T09:00:00+07:00",
        False,
    ),
    DossierFacts(
        "F",
        "2026-10-30T09:00:00+07:00",
        "online",
        1,
        frozenset({1}),
        frozenset({1}),
        "2026-11-02T09:00:00+07:00",
        "2026-11-02T09:00:00+07:00",
        True,
    ),
]
PAYMENTS = [
    PaymentFact("A", "cash", "2026-10-05T09:05:00+07:00"),
    PaymentFact("A", "vietqr", "2026-10-05T09:06:00+07:00"),
    PaymentFact("C", "transfer", "2026-10-07T14:05:00+07:00"),
    PaymentFact("B", "transfer", "2026-09-30T10:00:00+07:00"),  # September: not counted
]
RATINGS = [
    RatingFact("A", "very_satisfied"),
    RatingFact("B", "dissatisfied"),
    RatingFact("C", "neutral"),
    RatingFact(None, "satisfied"),  # a queue ticket's offer
    RatingFact("D", None),  # offered, not rated
]


def _by_key(choices: dict[str, str] | None = None) -> dict[str, ix.IndicatorValue]:
    return {v["key"]: v for v in ix.indicators(START, END, DOSSIERS, PAYMENTS, RATINGS, choices)}


def _fig(v: ix.IndicatorValue) -> tuple[int, int, float | None, list[str]]:
    return v["numerator"], v["denominator"], v["value_pct"], v["below"]


def test_default_formulas() -> None:
    got = _by_key()
    assert list(got) == [
        "on_time",
        "digitised_intake",
        "digitised_result",
        "reuse",
        "online_intake",
        "cashless",
        "satisfaction",
    ]
    # Resolved in October: A (early), B (late), C (on time, at its due time), E (early) → 3/4.
    assert _fig(got["on_time"]) == (3, 4, 75.0, ["B"])
    # Received in October: A B C D F (5). Every paper digitised: A, C, F → 3/5.
    assert _fig(got["digitised_intake"]) == (3, 5, 60.0, ["B", "D"])
    # Resolved in October with a result file: A, C of A B C E → 2/4.
    assert _fig(got["digitised_result"]) == (2, 4, 50.0, ["B", "E"])
    # Received in October with a reused paper: A, F → 2/5.
    assert _fig(got["reuse"]) == (2, 5, 40.0, ["B", "C", "D"])
    # Received online: B, F → 2/5.
    assert _fig(got["online_intake"]) == (2, 5, 40.0, ["A", "C", "D"])
    # October payments: A cash, A VietQR, C transfer → 2 cashless of 3 = 66.7%.
    assert _fig(got["cashless"]) == (2, 3, 66.7, ["A"])
    # Rated: 4 (A, B, C, the ticket); satisfied: A and the ticket → 2/4; below: B (dissatisfied), C (neutral).
    assert _fig(got["satisfaction"]) == (2, 4, 50.0, ["B", "C"])
    assert got["satisfaction"]["official"] is True and got["on_time"]["official"] is False
    assert got["on_time"]["source"].startswith("Quyết định 766/QĐ-TTg ngày 23/6/2022")


def test_the_other_formula_choices() -> None:
    got = _by_key(
        {"digitised_intake": "any_paper", "reuse": "papers", "cashless": "dossiers", "satisfaction": "qd766"}
    )
    # At least one paper digitised: A, B, C, F → 4/5.
    assert _fig(got["digitised_intake"]) == (4, 5, 80.0, ["D"])
    # Papers reused ÷ papers digitised over A B C D F: (2 + 0 + 0 + 0 + 1) ÷ (3 + 1 + 1 + 0 + 1) = 3/6.
    assert _fig(got["reuse"]) == (3, 6, 50.0, ["A", "B", "C"])
    # Dossiers paid in October: A (cash + VietQR), C (transfer) → only C all cashless: 1/2.
    assert _fig(got["cashless"]) == (1, 2, 50.0, ["A"])
    # Offers 5, "Không hài lòng" 1 → (5 − 1)/5.
    assert _fig(got["satisfaction"]) == (4, 5, 80.0, ["B"])
    assert got["satisfaction"]["formula_key"] == "qd766"
    # An unknown choice is the default.
    assert _by_key({"reuse": "nonsense"})["reuse"]["formula_key"] == "dossiers"


def test_nothing_to_divide_is_null_and_the_score_skips_it() -> None:
    values = ix.indicators(START, END, [], [], [])
    assert all(v["value_pct"] is None and v["denominator"] == 0 for v in values)
    assert ix.index_score(values) is None
    # Mean of the values there are: (75 + 60 + 50 + 40 + 40 + 66.7 + 50) / 7 = 381.7 / 7 = 54.53 → 54.5.
    assert ix.index_score(list(_by_key().values())) == 54.5


def test_every_indicator_names_its_group_source_and_default_formula() -> None:
    for ind in ix.INDICATORS:
        assert ind.group in ix.GROUP_VI
        assert "766/QĐ-TTg" in ind.source
        assert ind.formulas and all(f.text_vi for f in ind.formulas)
        assert 0 <= ind.target_pct <= 100
