"""Two PCs of one office: two data dirs whose config.toml point at one office database (PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import office_db


@dataclass
class Office:
    url: str
    pc1: Path  # data dirs
    pc2: Path

    def add_pc(self, folder: Path, extra_toml: str = "") -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "config.toml").write_text(f'[database]\nurl = "{self.url}"\n{extra_toml}', encoding="utf-8")
        return folder


@pytest.fixture
def office(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Office]:
    """A fresh copy of the migrated office template and two PCs (data dirs) pointing at it."""
    if not office_db.available():
        pytest.skip(office_db.SKIP_REASON)
    name = office_db.create_database(template=request.getfixturevalue("_office_template"))
    url = office_db.database_url(name)
    o = Office(url, tmp_path / "pc1", tmp_path / "pc2")
    o.add_pc(o.pc1, "[counter]\nnumber = 1\n")
    o.add_pc(o.pc2, "[counter]\nnumber = 2\n")
    yield o
    office_db.drop_database(name)
