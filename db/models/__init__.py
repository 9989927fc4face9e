"""The tables. Each feature keeps its tables in its own module (core, files, queue, ratings, sync …);
adding a module is enough, nothing to register.

Importing this package maps the core tables only (dossiers, procedures, users, the journal): a command
such as `dossier find` pays for no other (benchmarks/startup_bench.py). A service using a feature's
tables imports that module (`from db.models.queue import QueueTicket`). `Base` taken from here has every
module imported first, so that its metadata knows all tables (migrations, the schema comparisons).
"""

import importlib
import pkgutil
from typing import Any

from db.models.core import (
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


def load_all() -> Any:
    """Every model module imported; the declarative base, whose metadata then holds every table."""
    from db.base import Base

    for mod in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{mod.name}")
    return Base


def __getattr__(name: str) -> Any:
    if name == "Base":
        return load_all()
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
