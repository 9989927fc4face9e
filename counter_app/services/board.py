"""The clerk's dossier board: which dossiers sit in which tab, how urgent each is, what can be done.

Qt-free so that the rules are tested without a window: the board view only renders a `BoardSnapshot`
and the `ActionState`s of the selected dossier.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, func, or_, select, text
from sqlalchemy.orm import Session

from counter_app.domain import lifecycle as lc
from counter_app.services.dossier_view import DossierView, build_view
from counter_app.services.dossiers import DossierService
from counter_app.services.payments import PaymentService, PaymentStatus
from counter_app.timeutil import day_start
from db.models import Apology, Dossier, DossierHistory
from db.models.core import OPEN_WORK_SQL
from db.models.payments import Payment

if TYPE_CHECKING:
    from counter_app.domain.calendar import WorkingCalendar
    from counter_app.services.context import AppContext

TAB_TODAY, TAB_DUE_SOON, TAB_OVERDUE, TAB_READY = "today", "due_soon", "overdue", "ready"
TABS = (TAB_TODAY, TAB_DUE_SOON, TAB_OVERDUE, TAB_READY)

URGENT_OVERDUE, URGENT_DUE_SOON = "overdue", "due_soon"

# Rows listed per tab, most urgent first; the tab's title counts them all and the search finds the rest.
# (A clerk works down a list from its top; a longer one only made every refresh slower as the office grew.)
TAB_ROWS = 100

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
    totals: dict[str, int] = field(
        default_factory=dict
    )  # tab → dossiers in it (its rows: the first TAB_ROWS)
    mine: bool = False  # only this clerk's and this counter's dossiers (see BoardService.snapshot)

    def tab(self, key: str) -> list[DossierView]:
        return list(getattr(self, key))

    def counts(self) -> dict[str, int]:
        return {k: len(self.tab(k)) for k in TABS}

    def total(self, key: str) -> int:
        return self.totals.get(key, len(self.tab(key)))

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

    def snapshot(self, *, clerk: str | None = None, counter: int | None = None) -> BoardSnapshot:
        """The four tabs in one read snapshot: per tab its first TAB_ROWS rows and its total.

        With `clerk` and `counter`: only "mine" — dossiers this clerk received, received at this counter or
        with any step done at it (dossier_history.counter_number; any counter serves any dossier).
        Rows carry no components or history (the detail dialog reads the dossier afresh): a row is one
        line of one query, with its apology and what was paid, instead of four queries per tab.
        """
        now = self.ctx.now()
        horizon = one_working_day_ahead(self.ctx.calendar, now)
        start = day_start(now.date())
        d = Dossier
        open_work = text(OPEN_WORK_SQL)  # received or processing, as the partial index spells it
        filters: dict[str, list[Any]] = {
            TAB_TODAY: [d.received_at >= start, d.received_at < start + timedelta(days=1)],
            TAB_DUE_SOON: [open_work, d.due_at >= now, d.due_at <= horizon],
            TAB_OVERDUE: [open_work, d.due_at < now],
            TAB_READY: [d.status == lc.READY],
        }
        order = {TAB_TODAY: (d.received_at, d.id)}
        mine = clerk is not None or counter is not None
        if mine:
            h = DossierHistory
            # One index probe per candidate row (ix_dossier_history_counter), only when the cheaper
            # conditions before it did not already say "mine".
            handled_here = select(h.id).where(h.counter_number == counter, h.dossier_id == d.id).exists()
            who = or_(d.clerk == (clerk or ""), d.counter_number == counter, handled_here)
            for conditions in filters.values():
                conditions.append(who)
        rows: dict[str, list[DossierView]] = {}
        totals: dict[str, int] = {}
        paid: dict[str, int] = {}
        with self.ctx.db.read() as s:
            for key in TABS:
                query = _row_query().where(*filters[key]).order_by(*order.get(key, (d.due_at, d.id)))
                rows[key], tab_paid = _rows(s, query.limit(TAB_ROWS))
                paid.update(tab_paid)
                listed = len(rows[key])
                totals[key] = (
                    listed
                    if listed < TAB_ROWS
                    else int(s.scalar(select(func.count()).select_from(d).where(*filters[key])) or 0)
                )
        return BoardSnapshot(
            at=now,
            horizon=horizon,
            today=rows[TAB_TODAY],
            due_soon=rows[TAB_DUE_SOON],
            overdue=rows[TAB_OVERDUE],
            ready=rows[TAB_READY],
            paid=paid,
            totals=totals,
            mine=mine,
        )

    def find(self, query: str) -> tuple[list[DossierView], dict[str, int]]:
        """Search results with what each has paid (the board's search tab)."""
        rows = self.dossiers.find(query)
        return rows, self.payments.paid_totals([v.code for v in rows if v.fee_vnd])


_APOLOGY_COLUMNS = ("number", "issued_at", "old_due_at", "new_due_at", "reason", "clerk")


def _row_query() -> Select[Any]:
    """A board row: the dossier's columns, its apology's (outer join) and the sum paid (payments' index)."""
    a = Apology.__table__
    paid = (
        select(func.sum(Payment.amount_vnd)).where(Payment.dossier_id == Dossier.id).scalar_subquery()
    ).label("paid_vnd")
    return select(
        Dossier.__table__, *(a.c[k].label(f"apology_{k}") for k in _APOLOGY_COLUMNS), paid
    ).select_from(Dossier.__table__.outerjoin(a, a.c.dossier_id == Dossier.id))


class _ApologyRow:
    __slots__ = _APOLOGY_COLUMNS

    def __init__(self, row: Any) -> None:
        for k in _APOLOGY_COLUMNS:
            setattr(self, k, getattr(row, f"apology_{k}"))


def _rows(s: Session, query: Select[Any]) -> tuple[list[DossierView], dict[str, int]]:
    views: list[DossierView] = []
    paid: dict[str, int] = {}
    for r in s.execute(query):
        views.append(build_view(r, (), (), _ApologyRow(r) if r.apology_number is not None else None))
        if r.paid_vnd:
            paid[r.code] = int(r.paid_vnd)
    return views, paid
