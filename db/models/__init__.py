"""Every model module in this package is imported here so that Base.metadata knows all tables.

Each feature keeps its tables in its own module (core, forms, queue, ratings, sync …); adding a
module is enough, nothing to register.
"""

import importlib
import pkgutil

from db.base import Base

for _mod in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_mod.name}")

from db.models.core import (  # noqa: E402
    Apology,
    AuditEntry,
    CalendarOverride,
    Dossier,
    DossierComponent,
    DossierHistory,
    Meta,
    OutboxEvent,
    Procedure,
    ProcedureComponent,
    Sequence,
    User,
)

__all__ = [
    "Apology",
    "AuditEntry",
    "Base",
    "CalendarOverride",
    "Dossier",
    "DossierComponent",
    "DossierHistory",
    "Meta",
    "OutboxEvent",
    "Procedure",
    "ProcedureComponent",
    "Sequence",
    "User",
]
