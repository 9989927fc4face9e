"""The clerk's dossier board: which dossiers sit in which tab, how urgent each is, what can be done.

Qt-free so that the rules are tested without a window: the board view only renders a `BoardSnapshot`
and the `ActionState`s of the selected dossier.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from counter_app.domain import lifecycle as lc
from counter_app.services.dossier_view import DossierView
from counter_app.services.dossiers import DossierService
from counter_app.services.payments import PaymentService, PaymentStatus

if TYPE_CHECKING:
    from counter_app.domain.calendar import WorkingCalendar
    from counter_app.services.context import AppContext

TAB_TODAY, TAB_DUE_SOON, TAB_OVERDUE, TAB_READY = "today", "due_soon", "overdue", "ready"
TABS = (TAB_TODAY, TAB_DUE_SOON, TAB_OVERDUE, TAB_READY)

URGENT_OVERDUE, URGENT_DUE_SOON = "overdue", "due_soon"

# Per-dossier actions, in the order the board shows them. Status actions carry the target state.
ACTION_PROCESSING, ACTION_READY, ACTION_RETURNED = lc.PROCESSING, lc.READY, lc.RETURNED
ACTION_SUPPLEMENT, ACTION_REJECTED, ACTION_APOLOGY = lc.SUPPLEMENT, lc.REJECTED, "apology"
ACTION_STOPPED = lc.STOPPED
ACTIONS = (
    ACTION_PROCESSING,
    ACTION_READY,
    ACTION_RETURNED,
    ACTION_SUPPLEMENT,
    ACTION_REJECTED,
    ACTION_APOLOGY,
    ACTION_STOPPED,
)
NEEDS_REASON = frozenset({ACTION_SUPPLEMENT, ACTION_REJECTED, ACTION_APOLOGY, ACTION_STOPPED})


@dataclass(frozen=True)
class ActionState:
    key: str
    enabled: bool
    needs_reason: bool
    why_not: str = ""  # Vietnamese: why the action is disabled (shown as a tooltip)


@dataclass(frozen=True)
class BoardSnapshot:
    at: datetime
    horizon: datetime  # end of "due within one working day"
    today: list[DossierView] = field(default_factory=list)
    due_soon: list[DossierView] = field(default_factory=list)
    overdue: list[DossierView] = field(default_factory=list)
    ready: list[DossierView] = field(default_factory=list)
    paid: dict[str, int] = field(default_factory=dict)  # code → paid so far (codes with no payment: absent)

    def tab(self, key: str) -> list[DossierView]:
        return list(getattr(self, key))

    def counts(self) -> dict[str, int]:
        return {k: len(self.tab(k)) for k in TABS}

    def urgency(self, view: DossierView) -> str:
        return urgency(view, self.at, self.horizon)

    def payment(self, view: DossierView) -> PaymentStatus:
        return payment_of(view, self.paid)


def payment_of(view: DossierView, paid: dict[str, int]) -> PaymentStatus:
    """Paid / unpaid of a listed dossier from the board's totals (no per-row query)."""
    return PaymentStatus(view.code, view.fee_vnd, paid.get(view.code, 0))


def payment_due(view: DossierView, paid: dict[str, int]) -> int:
    """What the clerk can still collect: nothing on a fee-free or rejected dossier."""
    return 0 if view.status == lc.REJECTED else payment_of(view, paid).due_vnd


def urgency(view: DossierView, at: datetime, horizon: datetime) -> str:
    """'overdue' (red), 'due_soon' (amber: due within one working day) or '' for the rest."""
    if view.status not in (lc.RECEIVED, lc.PROCESSING):
        return ""
    if view.due_at < at:
        return URGENT_OVERDUE
    if view.due_at <= horizon:
        return URGENT_DUE_SOON
    return ""


def one_working_day_ahead(calendar: WorkingCalendar, at: datetime) -> datetime:
    return calendar.add_office_minutes(at, calendar.day_minutes)


def actions_for(view: DossierView, at: datetime) -> list[ActionState]:
    """Every board action with whether this dossier's state allows it now."""
    out: list[ActionState] = []
    for key in ACTIONS:
        if key == ACTION_APOLOGY:
            if view.apology is not None:
                why = (
                    f"Đã lập phiếu xin lỗi số {view.apology.number} ngày {view.apology.issued_at:%d/%m/%Y}; "
                    "mỗi hồ sơ chỉ được xin lỗi một lần"
                )
                out.append(ActionState(key, False, True, why))
            elif not view.is_overdue(at):
                out.append(ActionState(key, False, True, "Chỉ lập phiếu xin lỗi khi hồ sơ đã quá hạn"))
            else:
                out.append(ActionState(key, True, True))
            continue
        ok = lc.can_move(view.status, key)
        why = "" if ok else (f"Không thể chuyển từ '{lc.LABELS_VI[view.status]}' sang '{lc.LABELS_VI[key]}'")
        out.append(ActionState(key, ok, key in NEEDS_REASON, why))
    return out


class BoardService:
    def __init__(self, ctx: AppContext, dossiers: DossierService | None = None) -> None:
        self.ctx = ctx
        self.dossiers = dossiers or DossierService(ctx)
        self.payments = PaymentService(ctx)

    def snapshot(self) -> BoardSnapshot:
        now = self.ctx.now()
        horizon = one_working_day_ahead(self.ctx.calendar, now)
        snap = BoardSnapshot(
            at=now,
            horizon=horizon,
            today=self.dossiers.list(on_date=now.date()),
            due_soon=self.dossiers.list(due_within_days=1),
            overdue=self.dossiers.list(overdue=True),
            ready=self.dossiers.list(status=lc.READY),
        )
        codes = sorted({v.code for key in TABS for v in snap.tab(key) if v.fee_vnd})
        snap.paid.update(self.payments.paid_totals(codes))
        return snap

    def find(self, query: str) -> tuple[list[DossierView], dict[str, int]]:
        """Search results with what each has paid (the board's search tab)."""
        rows = self.dossiers.find(query)
        return rows, self.payments.paid_totals([v.code for v in rows if v.fee_vnd])
