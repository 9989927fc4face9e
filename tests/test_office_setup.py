"""docs/office-setup.md is enough: the database and role made by exactly its SQL (no superuser, no
CREATEDB) let the program migrate an empty office database (pg_trgm, the audit trigger) and work."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from counter_app.services.presence import PresenceService
from counter_app.services.settings import SettingsService
from tests import office_db
from tests.conftest import ROOT, intake_doc

pytestmark = pytest.mark.skipif(not office_db.available(), reason=office_db.SKIP_REASON)

DOC = ROOT / "docs" / "office-setup.md"


def _setup_sql() -> str:
    body = DOC.read_text(encoding="utf-8")
    section = body.split("### 2.", 1)[1].split("### 3.", 1)[0]
    found = re.search(r"```sql\n(.*?)```", section, re.S)
    assert found, "docs/office-setup.md lost its SQL block"
    return found[1]


def test_the_documented_role_and_database_are_enough_to_run_an_office(tmp_path: Path) -> None:
    sql = _setup_sql()
    assert "SUPERUSER" not in sql.upper() and "CREATEDB" not in sql.upper()
    name = f"motcua_{uuid.uuid4().hex[:8]}"
    admin = office_db._admin_engine()
    statements = [s.strip() for s in sql.replace("motcua", name).split(";") if s.strip()]
    with admin.connect() as conn:
        for statement in statements:
            conn.execute(text(statement))
    try:
        url = office_db.database_url(name).replace("//postgres@", f"//{name}:doi-mat-khau-dai-nay@", 1)
        assert f"//{name}:" in url
        (tmp_path / "config.toml").write_text(f'[database]\nurl = "{url}"\n', encoding="utf-8")
        ctx = AppContext(tmp_path)
        try:
            SettingsService(ctx).set("agency.name", "UBND Phường Một", actor="")
            PresenceService(ctx).beat("clerk")
            assert IntakeService(ctx).receive(intake_doc(), actor="").code
            assert [p.role for p in PresenceService(ctx).list()] == ["clerk"]
            with ctx.db.read() as s:  # made by the role itself, as the documented owner
                assert (
                    s.execute(
                        text("SELECT extowner::regrole::text FROM pg_extension WHERE extname = 'pg_trgm'")
                    ).scalar()
                    == name
                )
        finally:
            ctx.close()
    finally:
        office_db.drop_database(name)
        with admin.connect() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
