"""A write that fails after the PDF was written leaves no PDF behind (the SQLite file's own trigger makes the
outbox insert fail, as a full disk or a lost lock would at that point)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from counter_app.services.context import AppContext
from counter_app.services.files import FileService
from counter_app.services.intake import IntakeService
from tests.conftest import intake_doc
from tests.core_support import ctx_snapshot
from tests.files_support import save_png, typed_page


def test_a_failed_transaction_removes_the_file_it_had_written(ctx: AppContext, tmp_path: Path) -> None:
    code = IntakeService(ctx).receive(intake_doc(), actor="lan").code
    files = FileService(ctx)
    prepared = files.prepare_file(save_png(typed_page(dpi=100), tmp_path / "a.png"))
    conn = sqlite3.connect(ctx.db.path)
    conn.execute("CREATE TRIGGER trap BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'trap'); END")
    conn.commit()
    before = ctx_snapshot(ctx)
    with pytest.raises(Exception, match="trap"):
        files.attach(code, 1, prepared, actor="lan")
    assert list((ctx.data_dir / "files").rglob("*.pdf*")) == []
    conn.execute("DROP TRIGGER trap")
    conn.commit()
    conn.close()
    assert ctx_snapshot(ctx) == before
