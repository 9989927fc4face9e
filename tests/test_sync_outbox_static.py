"""Every business write of the services is meant for the outbox: the static half of the outbox walk.

Every `with ….db.write()` block in counter_app/services calls journal.record (itself or through a helper of
the same module that does), or is listed in LOCAL_ONLY with the reason; nothing writes another way. The
dynamic half, tests/test_sync_outbox_walk.py, runs every public writer found here (`public_writers`).
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass

from tests.conftest import ROOT

SERVICES = ROOT / "counter_app" / "services"

# Write blocks that may skip the outbox: (module, function) → why the city need not know.
LOCAL_ONLY: dict[tuple[str, str], str] = {
    ("sync.py", "_mark"): "the sync's own bookkeeping: which events the server answered",
    ("sync.py", "_set_meta"): "the sync's own bookkeeping: time of the last attempt",
    ("sync.py", "_log_run"): "the sync's own bookkeeping: the run log and last success/error",
    ("privacy.py", "forget_sent_personal_data"): "the outbox's own copies of events the city already "
    "acknowledged lose the citizen's data: nothing new for the city",
    ("presence.py", "beat"): "a window's heartbeat (which PCs run, every 10 s): no business event, "
    "nothing for the city or the auditor",
    ("updates.py", "fetch"): "what the city said is its latest version, kept for the About box: it came "
    "from the city",
}

# --- static half ------------------------------------------------------------------------------------------


def _is_write_block(node: ast.AST) -> bool:
    return isinstance(node, ast.With) and any(
        isinstance(i.context_expr, ast.Call)
        and isinstance(i.context_expr.func, ast.Attribute)
        and i.context_expr.func.attr == "write"
        and isinstance(i.context_expr.func.value, ast.Attribute)
        and i.context_expr.func.value.attr == "db"
        for i in node.items
    )


def _called_names(node: ast.AST) -> set[str]:
    """'journal.record', 'self._close', '_helper' … for every call inside `node`."""
    return {ast.unparse(c.func) for c in ast.walk(node) if isinstance(c, ast.Call)}


@dataclass
class _Module:
    name: str
    functions: dict[str, ast.FunctionDef]  # "Class.method" or "function"


@functools.cache
def _modules() -> list[_Module]:
    out = []
    for path in sorted(SERVICES.rglob("*.py")):  # the queue is a package of several modules
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions: dict[str, ast.FunctionDef] = {}
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                functions[node.name] = node
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef):
                        functions[f"{node.name}.{item.name}"] = item
        out.append(_Module(path.relative_to(SERVICES).as_posix(), functions))
    return out


# Parsed once, at import (collection), before any test has started a thread: CPython 3.11's ast can fail
# with "AST constructor recursion depth mismatch" when another thread parses at the same moment (a job
# thread formatting a traceback does).
_modules()


def _recorders(mod: _Module) -> set[str]:
    """Functions of the module that call journal.record, directly or through another one of them."""
    found = {q for q, fn in mod.functions.items() if "journal.record" in _called_names(fn)}
    while True:
        more = {q for q, fn in mod.functions.items() if q not in found and _calls_any(mod, q, fn, found)}
        if not more:
            return found
        found |= more


def _inherited_recorders() -> set[str]:
    """`self.<name>` helpers defined on a base class in another module that call journal.record
    themselves (the queue's `QueueLookups._record_ticket`)."""
    return {
        "self." + q.split(".")[1]
        for mod in _modules()
        for q, fn in mod.functions.items()
        if "." in q and q.split(".")[1].startswith("_record") and "journal.record" in _called_names(fn)
    }


def _calls_any(mod: _Module, qualname: str, node: ast.AST, targets: set[str]) -> bool:
    cls = qualname.split(".")[0] if "." in qualname else None
    for name in _called_names(node):
        if name.startswith("self.") and cls and f"{cls}.{name[5:]}" in targets:
            return True
        if cls and name in _INHERITED:
            return True
        if name in targets:
            return True
    return False


_INHERITED = _inherited_recorders()


def _write_blocks() -> list[tuple[_Module, str, ast.With]]:
    return [
        (mod, q, node)
        for mod in _modules()
        for q, fn in mod.functions.items()
        for node in ast.walk(fn)
        if _is_write_block(node)
    ]


def test_every_write_block_in_the_services_records_an_event_or_is_listed_local_only() -> None:
    blocks = _write_blocks()
    assert len(blocks) >= 30  # the scan really found the services' writes
    unrecorded = []
    for mod, qualname, node in blocks:
        if _calls_any(mod, qualname, node, _recorders(mod) | {"journal.record"}):
            continue
        if (mod.name, qualname.split(".")[-1]) not in LOCAL_ONLY:
            unrecorded.append(f"{mod.name}:{node.lineno} {qualname}")
    assert unrecorded == [], (
        "write blocks that never call journal.record (add it, or list them in LOCAL_ONLY)"
    )
    listed = {(m.name, q.split(".")[-1]) for m, q, _ in blocks}
    assert set(LOCAL_ONLY) <= listed, "LOCAL_ONLY names a write block that no longer exists"


def test_the_services_write_only_through_db_write() -> None:
    """No second way to write (raw connections, engine.begin, sessions of their own) that the rule above
    would not see; and nothing above the services (CLI, windows, demo) writes on its own."""
    offenders = []
    for path in sorted(SERVICES.rglob("*.py")):  # the queue is a package of several modules
        text = path.read_text(encoding="utf-8")
        for needle in ("engine.begin", "engine.connect", "sqlite3.connect", "sessionmaker", ".commit()"):
            # backup.py opens a private copy read-only to check it before a restore, live.py the database
            # read-only to watch PRAGMA data_version: no write there.
            read_only = {
                ("backup.py", "sqlite3.connect"),
                ("live.py", "sqlite3.connect"),
            }
            if needle in text and (path.name, needle) not in read_only:
                offenders.append(f"{path.name}: {needle}")
    above = [
        p
        for p in [*(ROOT / "counter_app").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
        if SERVICES not in p.parents
    ]
    assert len(above) > 20
    for path in above:
        text = path.read_text(encoding="utf-8")
        for needle in ("db.write(", "journal.record(", "engine.begin", "sqlite3.connect", ".commit()"):
            if needle in text:
                offenders.append(f"{path.relative_to(ROOT)}: {needle}")
    assert offenders == []


def public_writers() -> set[str]:
    """'Class.method' for every public method that holds a write block or calls (self.…) one that does."""
    found: set[str] = set()
    for mod in _modules():
        writes = {q for q, fn in mod.functions.items() if any(_is_write_block(n) for n in ast.walk(fn))}
        while True:
            more = {
                q
                for q, fn in mod.functions.items()
                if q not in writes and "." in q and _calls_any(mod, q, fn, writes)
            }
            if not more:
                break
            writes |= more
        found |= {q for q in writes if "." in q and not q.split(".")[-1].startswith("_")}
    return found
