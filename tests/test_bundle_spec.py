"""The frozen bundle without building it (the build and its smoke test run from .ci/run: minutes).

- packaging/counter-app.spec copies every folder of files the code reads at run time, so a new
  resource folder cannot be forgotten;
- resources.package_dir() gives the bundle's paths when sys.frozen is set, and the modules that read
  files take their folders from it (none locates files from its own __file__);
- nothing in the app starts `sys.executable -m counter_app`: frozen, sys.executable is the bundle's
  program, not a Python.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import resources
from tests.conftest import ROOT

SPEC = ROOT / "packaging" / "counter-app.spec"
APP_PACKAGES = ("counter_app", "db", "printing", "ui", "contract")


def spec_runtime_data() -> list[str]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "RUNTIME_DATA" for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise AssertionError("RUNTIME_DATA not found in packaging/counter-app.spec")


def app_sources() -> list[Path]:
    return [
        p for pkg in APP_PACKAGES for p in sorted((ROOT / pkg).rglob("*.py")) if "__pycache__" not in p.parts
    ]


# How the code names a folder it reads: resource("fonts"), resources.path("sounds"),
# RESOURCES / "calendar", package_dir("db") / "migrations".
FOLDER_PATTERNS = [
    (re.compile(r"""\bresource\(\s*["']([\w-]+)["']"""), "resources/{0}"),
    (re.compile(r"""\bresources\.path\(\s*["']([\w-]+)["']"""), "resources/{0}"),
    (re.compile(r"""\bRESOURCES\s*/\s*["']([\w-]+)["']"""), "resources/{0}"),
    (re.compile(r"""\bpackage_dir\(\s*["'](\w+)["']\s*\)\s*/\s*["']([\w-]+)["']"""), "{0}/{1}"),
]


def folders_the_code_reads() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in app_sources():
        text = path.read_text(encoding="utf-8")
        for pattern, template in FOLDER_PATTERNS:
            for match in pattern.finditer(text):
                found.setdefault(template.format(*match.groups()), str(path.relative_to(ROOT)))
    return found


def test_the_spec_carries_every_folder_the_code_reads() -> None:
    listed = spec_runtime_data()
    read = folders_the_code_reads()
    # The scan finds what it should (a broken pattern would make this test pass vacuously).
    assert {"resources/fonts", "resources/catalog", "resources/calendar", "db/migrations", "ui/i18n"} <= set(
        read
    )
    missing = {folder: where for folder, where in read.items() if folder not in listed}
    assert not missing, f"add these folders to RUNTIME_DATA in packaging/counter-app.spec: {missing}"
    for folder in listed:
        assert (ROOT / folder).is_dir(), f"RUNTIME_DATA names {folder}, which does not exist"


def test_every_resource_folder_with_data_is_in_the_spec() -> None:
    listed = spec_runtime_data()
    with_data = [
        f"resources/{d.name}"
        for d in sorted((ROOT / "resources").iterdir())
        if d.is_dir() and any(p.is_file() and p.suffix not in (".py", ".pyc") for p in d.rglob("*"))
    ]
    assert with_data, "resources/ has no data folders?"
    assert [f for f in with_data if f not in listed] == []


def test_no_module_finds_its_files_from_its_own_location() -> None:
    """Frozen, a module's __file__ is a name inside the archive, not a folder with files beside it:
    data folders come from resources.package_dir() (resources/__init__.py)."""
    offenders = [
        str(p.relative_to(ROOT))
        for p in app_sources()
        if re.search(r"Path\(\s*__file__\s*\)|os\.path\.\w+\(\s*__file__", p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_nothing_restarts_the_interpreter_as_the_command_line() -> None:
    """Frozen, sys.executable is counter-app itself: a child command must run counter-app-cli beside it."""
    offenders = [
        str(p.relative_to(ROOT)) for p in app_sources() if "sys.executable" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_package_dir_outside_the_bundle_is_the_checkout() -> None:
    assert not resources.frozen()
    assert resources.package_dir("db") == ROOT / "db"
    assert resources.path("fonts", "NotoSans-Regular.ttf").is_file()


def test_package_dir_in_the_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.frozen()
    assert resources.install_root() == tmp_path
    assert resources.package_dir("db") / "migrations" == tmp_path / "db" / "migrations"
    assert resources.path("sounds") == tmp_path / "resources" / "sounds"


def test_the_modules_read_their_files_from_the_bundle_when_frozen(tmp_path: Path) -> None:
    """A fresh interpreter that looks frozen (sys.frozen, sys._MEIPASS) before importing the app: every
    folder the modules read lies under the bundle's data folder."""
    bundle = tmp_path / "_internal"
    probe = f"""
import json, sys
sys.frozen = True
sys._MEIPASS = {str(bundle)!r}
import counter_app.paths, counter_app.domain.calendar, counter_app.services.catalog
import db.engine, printing.fonts, printing.ticket, ui.qt_app, ui.display.speech
print(json.dumps({{
    "resources": str(counter_app.paths.RESOURCES),
    "calendar": str(counter_app.domain.calendar.OFFICIAL_DAYS_FILE),
    "catalog": str(counter_app.services.catalog.BUNDLED),
    "migrations": str(db.engine.MIGRATIONS_DIR),
    "pdf fonts": str(printing.fonts.FONT_DIR),
    "ticket fonts": str(printing.ticket.FONTS_DIR),
    "i18n": str(ui.qt_app.I18N_DIR),
    "icon": str(ui.qt_app.APP_ICON),
    "sounds": str(ui.display.speech.SOUNDS_DIR),
}}))
"""
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    paths = {k: Path(v) for k, v in json.loads(out.stdout).items()}
    assert paths["migrations"] == bundle / "db" / "migrations"
    assert paths["i18n"] == bundle / "ui" / "i18n"
    assert paths["sounds"] == bundle / "resources" / "sounds"
    outside = {k: str(v) for k, v in paths.items() if not v.is_relative_to(bundle)}
    assert outside == {}


def test_the_windowed_program_gets_streams_to_write_to() -> None:
    """counter-app.exe (windowed) starts with sys.stdout and sys.stderr None; its entry point gives them a
    sink, so a direct write such as a second start's message (ui/cli.py) cannot fail."""
    probe = (
        "import runpy, sys\n"
        "sys.stdout = sys.stderr = None\n"
        "runpy.run_path('packaging/counter_app_main.py', run_name='bundle_entry')\n"
        "sys.stderr.write('a second start: the window is already open\\n')\n"
        "sys.__stdout__.write(str(sys.stdout is not None and sys.stderr is not None))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "True"
