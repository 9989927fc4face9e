"""The tables. Each feature keeps its tables in its own module (core, files, queue, ratings, sync …);
adding a module is enough, nothing to register.

Importing this package maps the core tables only (dossiers, procedures): a command such as
`dossier find` pays for no other (benchmarks/startup_bench.py). The users, the journal, sequences and
calendar overrides (db/models/admin.py) are exported here too, mapped when first asked for. A service
using a feature's tables imports that module (`from db.models.queue import QueueTicket`). `Base` taken from here has every
module imported first, so that its metadata knows all tables (migrations, the schema comparisons).
"""

import importlib
import pkgutil
from typing import TYPE_CHECKING, Any

from db.models.core import (
    Apology,
    Dossier,
    DossierComponent,
    DossierHistory,
    Meta,
    Procedure,
    ProcedureComponent,
)

if TYPE_CHECKING:
    from db.models.admin import AuditEntry, CalendarOverride, OutboxEvent, Sequence, User

_ADMIN = frozenset({"AuditEntry", "CalendarOverride", "OutboxEvent", "Sequence", "User"})


def load_all() -> Any:
    """Every model module imported; the declarative base, whose metadata then holds every table."""
    from db.base import Base

    for mod in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{mod.name}")
    return Base


def __getattr__(name: str) -> Any:
    if name == "Base":
        return load_all()
    if name in _ADMIN:
        from db.models import admin

        return getattr(admin, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    "load_all",
]
