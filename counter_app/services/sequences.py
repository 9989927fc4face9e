"""Gap-free counters (dossier NNNN, register numbers, queue tickets) inside the caller's transaction."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def next_value(session: Session, name: str, period: str) -> int:
    """Atomically take the next number of `name` in `period` (starting at 1).

    Runs in the caller's write transaction (BEGIN IMMEDIATE on SQLite, the writer lock of
    db/office_engine.py on PostgreSQL), so two processes never get the same one, and a rolled-back write
    gives its number back.
    """
    return int(session.execute(_NEXT, {"n": name, "p": period}).scalar_one())


_NEXT = text(
    "INSERT INTO sequences(name, period, last) VALUES (:n, :p, 1) "
    "ON CONFLICT(name, period) DO UPDATE SET last = sequences.last + 1 RETURNING sequences.last"
)
