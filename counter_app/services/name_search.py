"""Dossiers by the applicant's name, ignoring case and diacritics, newest first — on either backend.

`words` are the folded words of what the clerk typed (counter_app/domain/text.py `fold`). Three tries:
1. a name typed from its start ("nguyen van a…"): a range on the folded-name index, whose cost is the
   number of matches; taken when that number is small (a common start such as "nguyen van" is better
   served by step 2, which stops after `limit` newest matches);
2. consecutive words anywhere, the last one as a prefix: "van a" finds "Nguyễn Văn An";
3. when that finds nothing, every word anywhere: "nguyen an" (middle name left out) finds him.
SQLite answers 2–3 from its FTS5 index, PostgreSQL from a trigram index over " folded name "
(db/migrations/versions/0101_core_name_search.py).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

# A prefix range is read from the index alone ((name, id) on both backends): up to this many matches it
# is cheaper than the word search, which on PostgreSQL intersects long trigram lists for common names.
RANGE_MAX = 2000
# PostgreSQL, one word typed: the newest dossiers are looked at first, by id without the trigram index,
# stopping at `limit` matches: a common given name is answered there (exactly: they are the newest); a
# rare one goes on to the trigram index, quick for rare words (benchmarks/office_bench.py).
RECENT_ROWS = 10_000

_SQLITE_RANGE = text(
    "SELECT id FROM dossiers INDEXED BY ix_dossiers_name_folded "
    "WHERE applicant_name_folded >= :lo AND applicant_name_folded < :hi LIMIT :n"
)
_SQLITE_FTS = text(
    "SELECT rowid FROM dossier_name_fts WHERE dossier_name_fts MATCH :m ORDER BY rowid DESC LIMIT :n"
)
# LIKE 'prefix%' uses the text_pattern_ops index whatever the database's collation.
_PG_RANGE = text("SELECT id FROM dossiers WHERE applicant_name_folded LIKE :prefix LIMIT :n")
_PG_HEAD = "SELECT id FROM dossiers WHERE "
_PG_TAIL = " ORDER BY id DESC LIMIT :n"
_PG_SPACED = "(' ' || applicant_name_folded || ' ')"
# The same text, written so that the trigram index cannot serve it: the newest rows by id instead.
_PG_SPACED_SCAN = "((' ' || applicant_name_folded || ' ') || '')"
_PG_RECENT = "id > (SELECT coalesce(max(id), 0) FROM dossiers) - :recent AND "


def dossier_ids_by_name(s: Session, words: list[str], limit: int) -> list[int]:
    postgres = s.get_bind().dialect.name == "postgresql"
    if len(words) >= 2:
        lo = " ".join(words)
        if postgres:
            ids = list(s.scalars(_PG_RANGE, {"prefix": _like_escape(lo) + "%", "n": RANGE_MAX + 1}))
        else:
            hi = lo[:-1] + chr(ord(lo[-1]) + 1)
            ids = list(s.scalars(_SQLITE_RANGE, {"lo": lo, "hi": hi, "n": RANGE_MAX + 1}))
        if 0 < len(ids) <= RANGE_MAX:
            return sorted(ids, reverse=True)[:limit]
    return _postgres_words(s, words, limit) if postgres else _sqlite_words(s, words, limit)


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


def _postgres_words(s: Session, words: list[str], limit: int) -> list[int]:
    # Words are [0-9a-z]+ (folded), so they need no LIKE escaping; spaces mark the word boundaries.
    phrase = {"p": "% " + " ".join(words) + "%", "n": limit}
    if len(words) == 1:
        return _postgres_one_word(s, phrase, limit)
    ids = list(s.scalars(text(f"{_PG_HEAD}{_PG_SPACED} LIKE :p{_PG_TAIL}"), phrase))
    if ids:
        return ids
    params: dict[str, object] = {"n": limit}
    conditions = []
    for i, w in enumerate(words):
        params[f"w{i}"] = f"% {w} %" if i < len(words) - 1 else f"% {w}%"
        conditions.append(f"{_PG_SPACED} LIKE :w{i}")
    return list(s.scalars(text(f"{_PG_HEAD}{' AND '.join(conditions)}{_PG_TAIL}"), params))


def _postgres_one_word(s: Session, params: dict[str, object], limit: int) -> list[int]:
    """One word ("an", a given name): common ones fill `limit` among the newest RECENT_ROWS dossiers,
    read by id (exact: they are the newest matches); rarer ones go to the trigram index."""
    recent = f"{_PG_HEAD}{_PG_RECENT}{_PG_SPACED_SCAN} LIKE :p{_PG_TAIL}"
    ids = list(s.scalars(text(recent), {**params, "recent": RECENT_ROWS}))
    if len(ids) >= limit:
        return ids
    return list(s.scalars(text(f"{_PG_HEAD}{_PG_SPACED} LIKE :p{_PG_TAIL}"), params))


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
