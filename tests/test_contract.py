"""The shared contract package: stdlib-only, and the one place event types are spelled."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import Any, is_typeddict

from contract import events
from contract.payloads import PAYLOADS

ROOT = Path(__file__).resolve().parents[1]


def _record_calls() -> list[tuple[Path, int, ast.expr]]:
    """Every `journal.record(..., event_type=X)` in the counter: (file, line, X)."""
    found = []
    for path in sorted((ROOT / "counter_app").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "record"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "journal"
            ):
                for kw in node.keywords:
                    if kw.arg == "event_type":
                        found.append((path, node.lineno, kw.value))
    return found


def test_every_recorded_event_type_comes_from_the_contract() -> None:
    calls = _record_calls()
    assert len(calls) >= 25  # the scan sees the call sites at all
    spelled = [
        f"{p.relative_to(ROOT)}:{line}"
        for p, line, value in calls
        for node in ast.walk(value)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    assert spelled == [], f"event types spelled as strings (use contract.events): {spelled}"


def payload_key_problems(event_type: str, payload: dict[str, Any]) -> list[str]:
    """What is wrong with the keys of one event's payload against its TypedDict (contract/payloads.py):
    required keys missing, keys it does not declare. "actor" is added to every one by the journal."""
    td = PAYLOADS[event_type]
    keys = set(payload) - {"actor"}
    missing = sorted(td.__required_keys__ - keys)  # type: ignore[attr-defined]
    unknown = sorted(keys - td.__required_keys__ - td.__optional_keys__)  # type: ignore[attr-defined]
    return [f"{event_type}: missing {missing}"] * bool(missing) + [f"{event_type}: unknown {unknown}"] * bool(
        unknown
    )


def test_every_event_type_has_a_payload_type() -> None:
    assert set(PAYLOADS) == events.ALL
    assert all(is_typeddict(t) for t in PAYLOADS.values())
    # The check can fail: a missing key and a stray one are both seen.
    assert len(payload_key_problems(events.USER_PASSWORD_SET, {"user": "an"})) == 2
    assert payload_key_problems(events.USER_PASSWORD_SET, {"username": "an", "actor": "admin"}) == []


def test_event_constants_are_unique_area_verb_names() -> None:
    names = {k: v for k, v in vars(events).items() if k.isupper() and isinstance(v, str)}
    assert set(names.values()) == events.ALL
    assert len(set(names.values())) == len(names)
    for value in names.values():
        area, _, verb = value.partition(".")
        assert area and verb and value == value.lower(), value


def test_contract_imports_only_the_standard_library() -> None:
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import contract, contract.envelope, contract.events, contract.catalog, contract.payloads\n"
        "roots = {m.split('.')[0] for m in set(sys.modules) - before}\n"
        "print(sorted(r for r in roots if r != 'contract' and r not in sys.stdlib_module_names))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_one_wording_of_the_dossier_states_on_both_sides() -> None:
    from city_server import projection
    from contract import labels
    from counter_app.domain import lifecycle
    from ui.clerk import common

    assert set(lifecycle.STATES) == set(labels.DOSSIER_STATES)
    assert lifecycle.LABELS_VI == projection.STATUS_LABELS == labels.DOSSIER_STATUS_VI
    # The clerk window's labels are listed literally for lupdate: the same Vietnamese words.
    assert {k: common._STATUS[k] for k in labels.DOSSIER_STATES} == labels.DOSSIER_STATUS_VI


def test_sipas_groups_are_the_contracts(tmp_path: Path) -> None:
    from contract import labels
    from counter_app.config import Config
    from counter_app.domain import sipas

    assert [(g.key, g.vi, float(g.target_pct)) for g in sipas.GROUPS] == [
        (g.key, g.vi, g.target_pct) for g in labels.SIPAS_GROUPS
    ]
    assert {k: lv.vi for k, lv in sipas.LEVELS.items()} == labels.LEVEL_VI
    assert {k for k, lv in sipas.LEVELS.items() if lv.satisfied} == labels.SATISFIED_LEVELS
    defaults = Config(
        tmp_path / "config.toml"
    ).report  # an office may override; the defaults are the contract's
    assert {g.key: float(defaults.target(g.key)) for g in labels.SIPAS_GROUPS} == labels.SIPAS_TARGETS
