"""Whose numbers a database hands out (counter_app/services/numbering.py, docs/domain.md, Dossier code):
office-wide on a shared database, a block of 999 per counter on a counter's own SQLite file; the block's
end refuses clearly and saves nothing; a code already held is never given again."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from counter_app.errors import ConflictError
from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from counter_app.services.queue import open_queue
from db.models import Dossier, OutboxEvent
from tests.conftest import FakeClock, intake_doc

DAY = "261123"  # the FakeClock's


def _receive(ctx: AppContext) -> str:
    return IntakeService(ctx).receive(intake_doc(), actor="").code


def _suffix(code: str) -> str:
    return code.rsplit("-", 1)[1]


def _set_sequence(ctx: AppContext, name: str, period: str, last: int) -> None:
    """As if `last` numbers had been taken already today (999 real intakes would only be slower)."""
    with ctx.db.write() as s:
        s.execute(text("DELETE FROM sequences WHERE name = :n AND period = :p"), {"n": name, "p": period})
        s.execute(
            text("INSERT INTO sequences(name, period, last) VALUES (:n, :p, :l)"),
            {"n": name, "p": period, "l": last},
        )


def _counts(ctx: AppContext) -> tuple[int, int]:
    with ctx.db.read() as s:
        return (
            int(s.scalar(select(func.count()).select_from(Dossier)) or 0),
            int(s.scalar(select(func.count()).select_from(OutboxEvent)) or 0),
        )


def test_a_lone_counter_keeps_its_numbers_counter_n_takes_block_n_minus_1(ctx: AppContext) -> None:
    shared = ctx.db.engine.dialect.name != "sqlite"
    assert _suffix(_receive(ctx)) == "0001"
    ctx.config.set("counter.number", 3)
    # On a counter's own SQLite file counter 3 numbers in 2001–2999; on the office's shared database
    # every PC draws the one office-wide sequence.
    assert _suffix(_receive(ctx)) == ("0002" if shared else "2001")
    assert open_queue(ctx).issue("A", print_ticket=False, actor="kiosk").number == (
        "A001" if shared else "A2001"
    )
    ctx.config.set("counter.number_block", "office")
    assert _suffix(_receive(ctx)) == ("0003" if shared else "0002")


def test_the_block_end_is_refused_clearly_and_nothing_is_saved(ctx: AppContext, clock: FakeClock) -> None:
    ctx.config.set("counter.number_block", "1")
    agency = ctx.agency_code
    _set_sequence(ctx, f"dossier:{agency}:b1", "2026-11-23", 998)
    assert _suffix(_receive(ctx)) == "1999"
    before = _counts(ctx)
    with pytest.raises(ConflictError) as err:
        _receive(ctx)
    assert err.value.field == "code" and "1001–1999" in err.value.message and "999" in err.value.message
    assert _counts(ctx) == before
    # The next day starts a new block of 999.
    clock.advance(days=1)
    assert _suffix(_receive(ctx)) == "1001"


def test_office_wide_numbers_end_at_9999(ctx: AppContext) -> None:
    ctx.config.set("counter.number_block", "office")
    _set_sequence(ctx, f"dossier:{ctx.agency_code}", "2026-11-23", 9999)
    with pytest.raises(ConflictError) as err:
        _receive(ctx)
    assert "9999" in err.value.message


def test_counter_11_on_its_own_file_needs_a_block_chosen(ctx: AppContext) -> None:
    if ctx.db.engine.dialect.name != "sqlite":
        pytest.skip("on the shared database every counter draws office-wide numbers")
    ctx.config.set("counter.number", 11)
    with pytest.raises(ConflictError) as err:
        _receive(ctx)
    assert err.value.field == "counter.number_block" and "quầy số 11" in err.value.message
    ctx.config.set("counter.number_block", "9")
    assert _suffix(_receive(ctx)) == "9001"


def test_a_code_already_held_is_passed_over(ctx: AppContext) -> None:
    ctx.config.set("counter.number_block", "1")
    held = _receive(ctx)
    assert _suffix(held) == "1001"
    # The office moves to office-wide numbers the same day, and that sequence reaches the block's codes.
    ctx.config.set("counter.number_block", "office")
    _set_sequence(ctx, f"dossier:{ctx.agency_code}", "2026-11-23", 1000)
    assert _suffix(_receive(ctx)) == "1002"


def test_register_books_per_block(ctx: AppContext) -> None:
    from counter_app.services.dossiers import DossierService

    ctx.config.set("counter.number_block", "2")
    v = DossierService(ctx).get(_receive(ctx))
    assert (v.register_book, v.register_number) == ("2026-2", 1)
