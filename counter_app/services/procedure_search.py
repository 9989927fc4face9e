"""Procedure search as you type, for the intake picker: in memory, ignoring case and diacritics.

The catalog is small (tens to a few hundred procedures); the window loads it once off the GUI thread
and filters on every keystroke without touching the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from counter_app.domain.text import fold
from counter_app.services.catalog import ProcedureInfo


@dataclass(frozen=True)
class _Entry:
    info: ProcedureInfo
    position: int
    code: str
    name: str
    key: str
    name_words: tuple[str, ...]


class ProcedureIndex:
    def __init__(self, procedures: Sequence[ProcedureInfo]) -> None:
        self._entries = [
            _Entry(p, i, p.code.lower(), fold(p.name), p.search_key, tuple(fold(p.name).split()))
            for i, p in enumerate(procedures)
        ]

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, code: str) -> ProcedureInfo | None:
        return next((e.info for e in self._entries if e.info.code == code), None)

    def search(self, query: str, limit: int = 200) -> list[ProcedureInfo]:
        """Every word of `query` must appear (as a substring) in the code, name or field.

        Ranked: code prefix first, then names starting with the phrase, then names containing the
        phrase, then names whose words start with each query word, then the rest; ties keep
        catalog order (the office's own ordering of its most used procedures).
        """
        phrase = fold(query)
        words = phrase.split()
        if not words:
            return [e.info for e in self._entries[:limit]]
        hits: list[tuple[int, int, ProcedureInfo]] = []
        for e in self._entries:
            if not all(w in e.key for w in words):
                continue
            if e.code.startswith(phrase):
                rank = 0
            elif e.name.startswith(phrase):
                rank = 1
            elif phrase in e.name:
                rank = 2
            elif all(any(nw.startswith(w) for nw in e.name_words) for w in words):
                rank = 3
            else:
                rank = 4
            hits.append((rank, e.position, e.info))
        hits.sort(key=lambda h: (h[0], h[1]))
        return [h[2] for h in hits[:limit]]
