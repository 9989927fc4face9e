"""Texts of the repository itself: what a reader of this checkout can follow."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_comments_point_to_this_repository() -> None:
    """A reader of this repository cannot open a design page or an issue tracker: comments and
    docstrings point to files here (docs/domain.md, a module, a test) instead."""
    cited = re.compile(r"DESIGN §|\bissue #\d|#\d+ §")
    offenders = []
    for package in ("counter_app", "ui", "printing", "db", "city_server", "contract", "tests", "benchmarks"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if cited.search(text) and path != Path(__file__):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {text.strip()}")
    assert offenders == []
