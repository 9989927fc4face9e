"""The services the clerk window talks to, bundled so a test can swap one (e.g. a deliberately slow
search) without touching the views. Views, controllers and panels never open the database or make a
service themselves: each gets what it needs from here (MainWindow hands it over)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any

from counter_app.config import Config
from counter_app.services.board import BoardService
from counter_app.services.calendar import CalendarService
from counter_app.services.catalog import CatalogService
from counter_app.services.context import AppContext
from counter_app.services.dossier_view import DossierView
from counter_app.services.dossiers import DossierService
from counter_app.services.feedback import FeedbackService
from counter_app.services.files import FileService
from counter_app.services.forms import FormsService
from counter_app.services.index766 import IndexService
from counter_app.services.intake import IntakeService
from counter_app.services.payments import PaymentService, PaymentStatus
from counter_app.services.queue import QueueService, open_queue
from counter_app.services.ratings import RatingService
from counter_app.services.reports import ReportService
from counter_app.services.settings import SettingsService
from counter_app.services.sync import SyncService
from counter_app.services.sync_state import SyncStateService
from counter_app.services.users import UserService
from ui.live import LiveChanges


@dataclass(frozen=True)
class ClerkServices:
    ctx: AppContext
    catalog: CatalogService
    intake: IntakeService
    dossiers: DossierService
    board: BoardService
    calendar: CalendarService
    users: UserService
    sync_state: SyncStateService
    settings: SettingsService
    payments: PaymentService
    forms: FormsService
    reports: ReportService
    index766: IndexService
    feedback: FeedbackService
    queue: QueueService
    ratings: RatingService
    files: FileService
    # A fresh SyncService per run: it reads the server address and keys from config when made.
    new_sync: Callable[[], SyncService]
    # The office's changes as they happen (ui/live.py); None: the windows poll only (tests).
    live: LiveChanges | None = None

    @classmethod
    def from_ctx(cls, ctx: AppContext, **override: Any) -> ClerkServices:
        dossiers = override.pop("dossiers", None) or DossierService(ctx)
        made = cls(
            ctx=ctx,
            catalog=CatalogService(ctx),
            intake=IntakeService(ctx),
            dossiers=dossiers,
            board=BoardService(ctx, dossiers),
            calendar=CalendarService(ctx),
            users=UserService(ctx),
            sync_state=SyncStateService(ctx),
            settings=SettingsService(ctx),
            payments=PaymentService(ctx),
            forms=FormsService(ctx),
            reports=ReportService(ctx),
            index766=IndexService(ctx),
            feedback=FeedbackService(ctx),
            queue=open_queue(ctx),
            ratings=RatingService(ctx),
            files=FileService(ctx),
            new_sync=lambda: SyncService(ctx),
        )
        known = {f.name for f in fields(cls)}
        unknown = set(override) - known
        if unknown:
            raise TypeError(f"unknown services: {sorted(unknown)}")
        return replace(made, **override)

    @property
    def config(self) -> Config:
        return self.ctx.config

    def dossier_now(self, code: str) -> tuple[DossierView, PaymentStatus]:
        """The dossier as it is now and its payments: what the detail dialog shows (run it in a job)."""
        found = self.dossiers.get(code)
        return found, self.payments.status(found.code)
