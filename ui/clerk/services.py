"""The services the clerk window talks to, bundled so a test can swap one (e.g. a deliberately slow
search) without touching the views. Views and controllers never open the database themselves."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from counter_app.config import Config
from counter_app.services.board import BoardService
from counter_app.services.calendar import CalendarService
from counter_app.services.catalog import CatalogService
from counter_app.services.context import AppContext
from counter_app.services.counter_status import CounterStatusService
from counter_app.services.dossiers import DossierService
from counter_app.services.forms import FormsService
from counter_app.services.intake import IntakeService
from counter_app.services.payments import PaymentService
from counter_app.services.settings import SettingsService
from counter_app.services.users import UserService


@dataclass(frozen=True)
class ClerkServices:
    ctx: AppContext
    catalog: CatalogService
    intake: IntakeService
    dossiers: DossierService
    board: BoardService
    calendar: CalendarService
    users: UserService
    status: CounterStatusService
    settings: SettingsService
    payments: PaymentService
    forms: FormsService

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
            status=CounterStatusService(ctx),
            settings=SettingsService(ctx),
            payments=PaymentService(ctx),
            forms=FormsService(ctx),
        )
        known = {f.name for f in fields(cls)}
        unknown = set(override) - known
        if unknown:
            raise TypeError(f"unknown services: {sorted(unknown)}")
        return replace(made, **override)

    @property
    def config(self) -> Config:
        return self.ctx.config
