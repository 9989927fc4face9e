"""Name search steps 2–3 (counter_app/services/name_search.py) on PostgreSQL, from the tables of the names'
words and pairs of words (db/migrations/versions/0603_dossier_name_words.py).

Every key (a word, or a pair "a b" of words next to each other or apart) lists its dossier ids in id order,
so the newest dossiers having it are the end of its index range. A search is a few "terms", each met by
any of its keys; the ids of the term with the fewest dossiers are walked newest first, every id checked
against the other terms by an index probe, and the walk stops after `limit` matches. A term standing
alone is its lists merged, read no further than the page.

- one word "an" (a prefix): the words an, anh, …;
- consecutive words "van a": the pair keys "van a…" next to each other (3+ words: every consecutive pair,
  the whole phrase then checked on the name);
- every word in any order "nguyen an": the pairs of typed words in either order, next to each other or
  apart. A pair key says both words are in the name, so a family and a given name typed are one term
  whose lists are the answer: no walk through all the Nguyễn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

# A typed prefix ("a", "ng") stands for the keys that start with it; beyond this many the term is checked
# on the newest names instead (a prefix that short matches many of them).
EXPAND_MAX = 64
# The term walked is the one with the fewest dossiers, counted up to this.
COUNT_CAP = 1000
# "LIMIT :all" in a subquery: no limit in effect, but it keeps each list's index order and every check a
# probe per id (left to itself the planner sorts or hashes whole lists of a common word).
_ALL = 2**62
# Where each kind of key is listed: (table, the condition on the kind, the key column). "apart = false",
# not "NOT apart": an equality, so the planner knows the index then runs in key order.
_LISTS = {
    "word": ("dossier_name_words", "", "word"),
    "next": ("dossier_name_pairs", "apart = false AND ", "pair"),
    "apart": ("dossier_name_pairs", "apart = true AND ", "pair"),
}


@dataclass(frozen=True)
class _Term:
    """Met by a dossier listed under any of `keys` ((kind, key) pairs). `keys` is None when a prefix stands
    for more than EXPAND_MAX keys: then `patterns`, regular expressions on the folded name, are checked on
    the dossier's row instead."""

    keys: tuple[tuple[str, str], ...] | None
    patterns: tuple[str, ...] = ()


def dossier_ids(s: Session, words: list[str], limit: int, range_max: int) -> list[int]:
    """The three tries of counter_app/services/name_search.py; the first (a name typed from its start: a
    range on the folded-name index, taken when it has at most `range_max` matches) is read in the same
    statement as the keys the other two need, so a search costs two or three round trips."""
    known: dict[tuple[str, str], list[str] | None] = {}
    if len(words) == 1:
        _expand(s, [("word", words[0])], known)
        return _matching(s, [_prefixed(known, "word", words[0], (_words(words),))], (), limit)
    last_pair = f"{words[-2]} {words[-1]}"
    start, started = _expand(
        s, [("next", last_pair), *_any_order_keys(words)], known, " ".join(words), range_max, limit
    )
    if 0 < started <= range_max:
        return start
    pairs = [_Term((("next", f"{a} {b}"),)) for a, b in _consecutive(words[:-1])]
    pairs.append(_prefixed(known, "next", last_pair, (_words(words[-2:]),)))
    phrase = (_words(words),) if len(words) > 2 else ()
    return _matching(s, pairs, phrase, limit) or _matching(s, _any_order(words, known), (), limit)


def _consecutive(items: list[Any]) -> list[tuple[Any, Any]]:
    return list(zip(items[:-1], items[1:], strict=True))


def _conditions(words: list[str]) -> tuple[list[str], bool]:
    """The distinct words to find in any order, and whether the last is a prefix. A word implied by another
    ("an" beside "an", "a" beside "an") is dropped: one word of the name may meet both, as in SQLite's
    FTS5 AND."""
    exact = list(dict.fromkeys(words[:-1]))
    last = words[-1]
    last_is_prefix = not any(w.startswith(last) for w in exact)
    return ([*exact, last] if last_is_prefix else exact), last_is_prefix


def _any_order_keys(words: list[str]) -> list[tuple[str, str]]:
    conditions, last_is_prefix = _conditions(words)
    if not last_is_prefix:
        return []
    a, b = conditions[-2:]
    return [("next", f"{a} {b}"), ("apart", f"{a} {b}"), ("word", b)]


def _any_order(words: list[str], known: dict[tuple[str, str], list[str] | None]) -> list[_Term]:
    """Every word somewhere, the last as a prefix: a term per two consecutive conditions (_conditions)."""
    conditions, last_is_prefix = _conditions(words)
    if len(conditions) == 1:  # one typed word (the others the same, or prefixes of it)
        return [_Term((("word", conditions[0]),))]
    terms = []
    pairs = _consecutive(conditions)
    for i, (a, b) in enumerate(pairs):
        if not (last_is_prefix and i == len(pairs) - 1):
            terms.append(
                _Term(tuple((kind, key) for kind in ("next", "apart") for key in (f"{a} {b}", f"{b} {a}")))
            )
            continue
        # The last word a prefix: "a b…" listed as such; "b… a" needs the words b… stands for.
        both = (_words([a], whole=True), _words([b]))
        after = [known[("next", f"{a} {b}")], known[("apart", f"{a} {b}")]]
        starts = known[("word", b)]
        if starts is None or after[0] is None or after[1] is None:
            terms.append(_Term(None, both))
            continue
        keys = (
            *(("next", k) for k in after[0]),
            *(("apart", k) for k in after[1]),
            *((kind, f"{w} {a}") for kind in ("next", "apart") for w in starts),
        )
        terms.append(_Term(keys if len(keys) <= EXPAND_MAX else None, both))
    return terms


def _words(words: list[str], *, whole: bool = False) -> str:
    """A regular expression: the words next to each other in a folded name (runs of [0-9a-z], as in the
    word tables), the last one whole or as a prefix."""
    return "(^|[^0-9a-z])" + "[^0-9a-z]+".join(words) + ("([^0-9a-z]|$)" if whole else "")


def _expand(
    s: Session,
    wanted: list[tuple[str, str]],
    known: dict[tuple[str, str], list[str] | None],
    start: str = "",
    range_max: int = 0,
    limit: int = 0,
) -> tuple[list[int], int]:
    """The keys of each (kind, prefix) in `wanted` ("an" → an, anh; None: more than EXPAND_MAX) into
    `known`, each read by skipping from one key to the next in the index; with `start`, in the same
    statement, how many dossiers' folded names start with it (counted up to `range_max` + 1) and the
    newest `limit` of them, newest first (returned): the server sorts the range, only a page comes back."""
    todo = [w for w in dict.fromkeys(wanted) if w not in known]
    params: dict[str, object] = {"n": EXPAND_MAX + 1}
    ctes, selects = [], []
    for i, (kind, prefix) in enumerate(todo):
        table, scope, column = _LISTS[kind]
        params[f"lo{i}"], params[f"hi{i}"] = prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)
        # ORDER BY … LIMIT 1 rather than min(): one index probe per key whatever the statistics say (with a
        # low estimate of the range the planner would aggregate over all of its rows instead).
        first = f"SELECT {column} FROM {table} WHERE {scope}{column} {{}} AND {column} < :hi{i} ORDER BY {column} LIMIT 1"
        ctes.append(
            f"k{i}(v) AS (({first.format(f'>= :lo{i}')}) "
            f"UNION ALL SELECT ({first.format(f'> k{i}.v')}) FROM k{i} WHERE k{i}.v IS NOT NULL)"
        )
        selects.append(f"(SELECT {i}, v FROM k{i} WHERE v IS NOT NULL LIMIT :n)")
    if start:  # LIKE 'prefix%' uses the text_pattern_ops index whatever the database's collation
        params["start"], params["range"], params["page"] = _like_escape(start) + "%", range_max + 1, limit
        ctes.append(
            "started AS MATERIALIZED (SELECT id, count(*) OVER () AS n FROM (SELECT id FROM dossiers "
            "WHERE applicant_name_folded LIKE :start LIMIT :range) AS r ORDER BY id DESC LIMIT :page)"
        )
        selects.append("(SELECT -2, n::text FROM started LIMIT 1)")
        selects.append("(SELECT -1, id::text FROM started)")
    if not selects:
        return [], 0
    with_ = f"WITH RECURSIVE {', '.join(ctes)} " if ctes else ""
    rows = s.execute(text(with_ + " UNION ALL ".join(selects)), params).all()
    for i, w in enumerate(todo):
        keys = [str(v) for j, v in rows if j == i]
        known[w] = keys if len(keys) <= EXPAND_MAX else None
    page = sorted((int(v) for j, v in rows if j == -1), reverse=True)
    return page, sum(int(v) for j, v in rows if j == -2)


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _prefixed(
    known: dict[tuple[str, str], list[str] | None], kind: str, prefix: str, patterns: tuple[str, ...]
) -> _Term:
    keys = known[(kind, prefix)]
    return _Term(None if keys is None else tuple((kind, k) for k in keys), patterns)


def _matching(s: Session, terms: list[_Term], phrase: tuple[str, ...], limit: int) -> list[int]:
    """The newest `limit` dossiers meeting every term and the regular expressions `phrase` on the name.
    Cost: the walked term's ids down to the `limit`-th match, at most COUNT_CAP for a rare term."""
    if any(t.keys == () for t in terms):
        return []
    listed = [t for t in terms if t.keys is not None]
    patterns = [p for t in terms if t.keys is None for p in t.patterns] + list(phrase)
    if not listed:  # every term a short prefix of many words: frequent, so found among the newest names
        return _newest(s, patterns, limit)
    counts = _counts(s, listed) if len(listed) > 1 else [0]
    # Ties (all above the cap): the later term, usually with the given name, rarer than a family name.
    walked = min(range(len(listed)), key=lambda i: (counts[i], -i))
    params: dict[str, object] = {"n": limit, "all": _ALL}
    branches = []
    for i, (kind, key) in enumerate(listed[walked].keys or ()):
        table, scope, column = _LISTS[kind]
        params[f"k{i}"] = key
        branches.append(
            f"(SELECT dossier_id FROM {table} WHERE {scope}{column} = :k{i} "
            "ORDER BY dossier_id DESC LIMIT :all)"
        )
    probes = [
        _probe(t, f"c{j}", params) for j, t in enumerate(t for i, t in enumerate(listed) if i != walked)
    ]
    joins = "".join(f" CROSS JOIN LATERAL ({c}) AS c{j}" for j, c in enumerate(probes))
    walk = (
        f"SELECT DISTINCT w.dossier_id FROM ({' UNION ALL '.join(branches)}) AS w{joins} "
        "ORDER BY w.dossier_id DESC LIMIT :{}"
    )
    if not patterns:
        return list(s.scalars(text(walk.format("n")), params))
    # The names read only for ids the index probes let through: the walk is a subquery with a LIMIT, so
    # its order is kept, and so is each check's LIMIT 1 (a probe by id, never a join over every name).
    checks = []
    for j, p in enumerate(patterns):
        params[f"p{j}"] = p
        checks.append(
            f" CROSS JOIN LATERAL (SELECT 1 FROM dossiers x WHERE x.id = t.dossier_id"
            f" AND x.applicant_name_folded ~ :p{j} LIMIT 1) AS r{j}"
        )
    sql = f"SELECT t.dossier_id FROM ({walk.format('all')}) AS t{''.join(checks)} ORDER BY t.dossier_id DESC LIMIT :n"
    return list(s.scalars(text(sql), params))


def _by_kind(term: _Term, name: str, params: dict[str, object]) -> list[tuple[str, str, str]]:
    """(table, condition on the kind, bound key list) for each kind of key the term has."""
    out = []
    for kind, (table, scope, column) in _LISTS.items():
        keys = [k for kd, k in term.keys or () if kd == kind]
        if keys:
            params[f"{name}{kind}"] = keys
            out.append((table, f"{scope}{column}", f":{name}{kind}"))
    return out


def _probe(term: _Term, name: str, params: dict[str, object]) -> str:
    """Does dossier w.dossier_id meet `term`: one index probe per kind of key."""
    parts = [
        f"SELECT 1 FROM {table} x WHERE {cond} = ANY({keys}) AND x.dossier_id = w.dossier_id"
        for table, cond, keys in _by_kind(term, name, params)
    ]
    return f"{' UNION ALL '.join(parts)} LIMIT 1"


def _counts(s: Session, terms: list[_Term]) -> list[int]:
    """How many dossiers each term lists, counted up to COUNT_CAP (index-only reads)."""
    params: dict[str, object] = {"cap": COUNT_CAP}
    columns = []
    for i, t in enumerate(terms):
        parts = [
            f"SELECT 1 FROM {table} WHERE {cond} = ANY({keys})"
            for table, cond, keys in _by_kind(t, f"t{i}", params)
        ]
        columns.append(f"(SELECT count(*) FROM ({' UNION ALL '.join(parts)} LIMIT :cap) AS x)")
    return [int(n) for n in s.execute(text("SELECT " + ", ".join(columns)), params).one()]


def _newest(s: Session, patterns: list[str], limit: int) -> list[int]:
    where = " AND ".join(f"applicant_name_folded ~ :p{i}" for i in range(len(patterns)))
    params: dict[str, object] = {f"p{i}": p for i, p in enumerate(patterns)}
    sql = (
        "SELECT id FROM (SELECT id, applicant_name_folded FROM dossiers ORDER BY id DESC LIMIT :all) AS d "
        f"WHERE {where} ORDER BY id DESC LIMIT :n"
    )
    return list(s.scalars(text(sql), {**params, "n": limit, "all": _ALL}))
