"""Dossiers by the applicant's name, ignoring case and diacritics, newest first — on either backend.

`words` are the folded words of what the clerk typed (counter_app/domain/text.py `fold`). Three tries:
1. a name typed from its start ("nguyen van a…"): a range on the folded-name index, whose cost is the
   number of matches; taken when that number is small (a common start such as "nguyen van" is better
   served by step 2, which stops after `limit` newest matches);
2. consecutive words anywhere, the last one as a prefix: "van a" finds "Nguyễn Văn An";
3. when that finds nothing, every word anywhere: "nguyen an" (middle name left out) finds him.
SQLite answers 2–3 from its FTS5 index; PostgreSQL from tables of the names' words and pairs of words
(counter_app/services/name_search_pg.py).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

# A prefix range is read from the index alone ((name, id) on both backends): up to this many matches it
# is cheaper than the word search, which stops only after `limit` matches of a common name.
RANGE_MAX = 2000
_SQLITE_RANGE = text(
    "SELECT id FROM dossiers INDEXED BY ix_dossiers_name_folded "
    "WHERE applicant_name_folded >= :lo AND applicant_name_folded < :hi LIMIT :n"
)
_SQLITE_FTS = text(
    "SELECT rowid FROM dossier_name_fts WHERE dossier_name_fts MATCH :m ORDER BY rowid DESC LIMIT :n"
)


def dossier_ids_by_name(s: Session, words: list[str], limit: int) -> list[int]:
    if s.get_bind().dialect.name == "postgresql":  # all three tries, with fewer round trips
        from counter_app.services import name_search_pg  # PostgreSQL's only: not loaded on SQLite

        return name_search_pg.dossier_ids(s, words, limit, RANGE_MAX)
    if len(words) >= 2:
        lo = " ".join(words)
        hi = lo[:-1] + chr(ord(lo[-1]) + 1)
        ids = list(s.scalars(_SQLITE_RANGE, {"lo": lo, "hi": hi, "n": RANGE_MAX + 1}))
        if 0 < len(ids) <= RANGE_MAX:
            return sorted(ids, reverse=True)[:limit]
    return _sqlite_words(s, words, limit)


def _sqlite_words(s: Session, words: list[str], limit: int) -> list[int]:
    last = f'"{words[-1]}"*'
    queries = [" + ".join([*(f'"{w}"' for w in words[:-1]), last])]
    if len(words) > 1:
        queries.append(" AND ".join([*(f'"{w}"' for w in words[:-1]), last]))
    for match in queries:
        ids = [int(r[0]) for r in s.execute(_SQLITE_FTS, {"m": match, "n": limit})]
        if ids:
            return ids
    return []
