"""Static scan of the windows' translatable texts, for the completeness test (tests/test_clerk_i18n.py).

Reads every ui/**/*.py with `ast` (no Qt, no lupdate subprocess: a few milliseconds) and collects:
- `self.tr("…")` / `cls.tr("…")` inside a class → context = that class (what PySide6 looks up first);
- `translate("Context", "…")` (QCoreApplication.translate or a module's `translate`) and
  `QT_TRANSLATE_NOOP("Context", "…")` → the given context;
- a literal disambiguation (`self.tr("Chỉ tiêu", "target percentage")`, translate's third argument,
  QT_TRANSLATE_NOOP3) makes its own message, as lupdate does (the .ts <comment>).
A literal `x.tr("…")` on any other object is reported as a problem: its context is the runtime class of
`x`, which lupdate and this scan cannot know, so such a text silently stays Vietnamese.

Run `python -m tests.i18n_support` to list what the .ts lacks.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "ui"
TS_EN = UI / "i18n" / "counter_app_en.ts"
PLACEHOLDER = re.compile(r"\{(\w*)\}")
Key = tuple[str, str, str]  # context, source text, disambiguation ("" when none)


@dataclass
class Scan:
    texts: dict[Key, list[str]] = field(default_factory=dict)  # (context, source, disambiguation) → where
    problems: list[str] = field(default_factory=list)


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _call_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


class _Visitor(ast.NodeVisitor):
    def __init__(self, scan: Scan, where: str) -> None:
        self.scan, self.where, self.classes = scan, where, []  # type: tuple[Scan, str, list[str]]

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node.func)
        loc = f"{self.where}:{node.lineno}"
        if name == "tr" and isinstance(node.func, ast.Attribute) and node.args:
            text = _literal(node.args[0])
            if text is not None:
                receiver = node.func.value
                if isinstance(receiver, ast.Name) and receiver.id in ("self", "cls") and self.classes:
                    self._add(self.classes[-1], text, self._comment(node, 1), loc)
                else:
                    self.scan.problems.append(
                        f"{loc}: {ast.unparse(receiver)}.tr({text!r}) — context unknown to lupdate; use self.tr "
                        "inside the class or QCoreApplication.translate('Context', …)"
                    )
        elif name in ("translate", "QT_TRANSLATE_NOOP", "QT_TRANSLATE_NOOP3") and len(node.args) >= 2:
            context, text = _literal(node.args[0]), _literal(node.args[1])
            if context is not None and text is not None:
                self._add(context, text, self._comment(node, 2), loc)
        self.generic_visit(node)

    @staticmethod
    def _comment(node: ast.Call, index: int) -> str:
        if len(node.args) > index:
            return _literal(node.args[index]) or ""
        given = [k.value for k in node.keywords if k.arg == "disambiguation"]
        return (_literal(given[0]) or "") if given else ""

    def _add(self, context: str, text: str, comment: str, loc: str) -> None:
        self.scan.texts.setdefault((context, text, comment), []).append(loc)


def scan_sources(root: Path = UI) -> Scan:
    scan = Scan()
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        _Visitor(scan, str(path.relative_to(root.parent))).visit(tree)
    return scan


def ts_messages(path: Path = TS_EN) -> dict[Key, str | None]:
    """(context, source, disambiguation) → the finished translation, or None when unfinished or obsolete."""
    out: dict[Key, str | None] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            node = message.find("translation")
            done = node is not None and not node.get("type") and bool(node.text)
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            out[key] = node.text if done and node is not None else None
    return out


def untranslated(wanted: dict[Key, list[str]], have: dict[Key, str | None]) -> list[str]:
    """Texts with no finished translation, or whose translation lost or invented a {placeholder}."""
    out = []
    for (context, source, comment), where in sorted(wanted.items()):
        text = have.get((context, source, comment))
        if text is None:
            out.append(f"{where[0]}: [{context}] {source!r} has no finished English translation")
        elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            out.append(f"{where[0]}: [{context}] {source!r} → {text!r}: placeholders differ")
    return out


if __name__ == "__main__":
    found = scan_sources()
    for line in found.problems + untranslated(found.texts, ts_messages()):
        print(line)
