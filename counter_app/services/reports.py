"""Monthly service-quality report: SQL reads the local database, the contract's formulas
(contract/figures.py) compute the figures — the same ones the city server computes from the synced events.

Every figure is for one calendar month in local time (Asia/Ho_Chi_Minh): from 00:00 on the 1st to
00:00 on the 1st of the next month. Definitions (they are what the PDF, the JSON and the tab show):

- received: dossiers whose `received_at` falls in the month.
- resolved: dossiers that became ready (or were returned, when no ready time was recorded) during
  the month — the moment the result existed. Rejected dossiers are not resolved.
- timeliness is judged against the ORIGINAL due time: for a dossier with an apology that is the
  apology's `old_due_at` (a new appointment does not make a late dossier punctual); otherwise its
  `due_at` (which already excludes time stopped waiting for a supplement).
  early = resolved on an earlier local date than the due date; on_time = not early and resolved at
  or before the due time; late = resolved after the due time.
  on_time_pct = (early + on_time) ÷ resolved × 100, one decimal; null when nothing was resolved.
- open at month end: received before the month end (or before now, for the running month), and
  neither resolved nor rejected by then. overdue_open: of those, the ones whose appointment in force
  at that moment (the latest due time recorded in their history, so a new date from an apology counts)
  had passed and whose clock was running (a supplement pause with office time left stops it).
- overdue register: every dossier resolved late in the month plus every dossier open at month end
  past its original due time, with its apology (number, date, new due). Those without an apology
  are listed separately and flagged: every late dossier must have exactly one.
- apologies.issued: apology letters dated in the month; apologies.missing: register entries without one.

The other sections (ratings, queue, payments, feedback) read their features' tables, which the
migrations always create. Modules: report_model.py (the month, the figures' types and JSON, CSV),
report_sections.py (each section's reads), this one (the service).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from counter_app.errors import ValidationError
from counter_app.services import report_sections as sections
from counter_app.services.report_model import (
    ApologyFigures,
    Month,
    MonthlyReport,
    RegisterEntry,
    SatisfactionReport,
    pct,
    to_csv,
    write_csv,
)

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

__all__ = ["Month", "MonthlyReport", "RegisterEntry", "ReportService", "pct", "to_csv", "write_csv"]

# Every section is read from tables the migrations create: it is always data, never absent.
_SOURCES = {k: "data" for k in ("dossiers", "ratings", "queue", "payments", "feedback")}


class ReportService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def _period(self, month: str | Month) -> tuple[Month, datetime, datetime]:
        """The month, now, and the moment its figures are taken at (month end, or now if it is running)."""
        m = month if isinstance(month, Month) else Month.parse(month)
        now = self.ctx.now()
        if m.start > now:
            raise ValidationError(
                f"tháng {m.short_label} chưa bắt đầu; chỉ lập báo cáo cho tháng đã qua hoặc tháng hiện tại",
                field="month",
                label="Tháng báo cáo",
            )
        return m, now, min(m.end, now)

    def monthly(self, month: str | Month) -> MonthlyReport:
        m, now, as_of = self._period(month)
        cfg = self.ctx.config
        with self.ctx.db.read() as s:
            dossiers, by_field = sections.dossier_figures(s, m, as_of)
            register = sections.overdue_register(s, m, as_of)
            apologies = ApologyFigures(
                issued=sections.apologies_issued(s, m), missing=sum(1 for r in register if not r.has_apology)
            )
            trend = sections.on_time_trend(s, m)
            ratings = sections.rating_figures(self.ctx, s, m)
            queue = sections.queue_figures(s, m)
            payments = sections.payment_figures(s, m)
            feedback = sections.feedback_figures(s, m, as_of=as_of)
        return MonthlyReport(
            month=str(m),
            agency_code=self.ctx.agency_code,
            agency_name=cfg.agency.name,
            agency_parent=cfg.agency.parent,
            generated_at=now,
            as_of=as_of,
            dossiers=dossiers,
            by_field=by_field,
            register=register,
            apologies=apologies,
            trend=trend,
            ratings=ratings,
            queue=queue,
            payments=payments,
            feedback=feedback,
            sources=dict(_SOURCES),
        )

    def satisfaction(self, month: str | Month) -> SatisfactionReport:
        """Only the satisfaction and feedback sections of `monthly` (same code, same definitions), for
        `counter-app rating summary`: no dossier figures, register or trend to compute."""
        m, _now, as_of = self._period(month)
        with self.ctx.db.read() as s:
            ratings = sections.rating_figures(self.ctx, s, m)
            feedback = sections.feedback_figures(s, m, as_of=as_of)
        return SatisfactionReport(str(m), as_of, ratings, feedback, {"ratings": "data", "feedback": "data"})
