"""Start-up: each command imports only what it uses (benchmarks/startup_bench.py measures the time).

Checked in a fresh interpreter per case: what a process has imported is the whole point.
"""

from __future__ import annotations

import argparse
import json
import os
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from counter_app.cli import COMMANDS, build_parser, commands
from tests.conftest import ROOT

HEAVY = ("reportlab", "PySide6", "fastapi", "escpos")

PROBE = """
import json, sys
{code}
print(json.dumps(sorted(sys.modules)))
"""


def imported_after(code: str, data_dir: Path | None = None) -> set[str]:
    """The top-level packages loaded by `code` in a fresh interpreter."""
    return {m.split(".")[0] for m in modules_after(code, data_dir)}


def modules_after(code: str, data_dir: Path | None = None) -> set[str]:
    """Every module loaded by `code` in a fresh interpreter."""
    env_code = f"import os; os.environ['COUNTER_APP_HOME'] = {str(data_dir)!r}\n" if data_dir else ""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(code=env_code + code)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout.splitlines()[-1]))


def run_cli(*argv: str) -> str:
    return (
        "import contextlib, io\nfrom counter_app.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    try:\n        main({list(argv)!r})\n    except SystemExit:\n        pass\n"
    )


def test_importing_the_cli_entry_loads_no_heavy_library() -> None:
    loaded = imported_after("import counter_app.cli")
    assert not loaded & {*HEAVY, "sqlalchemy"}


def test_help_loads_neither_the_database_nor_any_window() -> None:
    loaded = imported_after(run_cli("--help"))
    assert not loaded & {*HEAVY, "sqlalchemy", "holidays", "alembic", "httpx"}


def test_dossier_find_loads_no_printer_pdf_or_window_code(tmp_path: Path) -> None:
    loaded = imported_after(run_cli("dossier", "find", "nguyen", "--json"), data_dir=tmp_path)
    assert "sqlalchemy" in loaded  # it did run
    # A database already at its schema's heads is recognised without Alembic.
    modules = modules_after(run_cli("dossier", "find", "nguyen", "--json"), data_dir=tmp_path)
    assert not {m.split(".")[0] for m in modules} & {*HEAVY, "holidays", "alembic", "httpx", "qrcode"}
    # On SQLite: no PostgreSQL dialect; only the core tables mapped (db/models/__init__.py); no change
    # feed (a read announces nothing).
    assert "sqlalchemy.dialects.postgresql" not in modules
    assert {m for m in modules if m.startswith("db.models.")} == {"db.models.core"}
    assert "counter_app.services.live" not in modules
    # Nor what only writes and reports use: the users/journal/outbox tables (db/models/admin.py, mapped
    # by the first write), the payloads of events, the QĐ 766 formulas (their config defaults come from
    # contract/index766_targets.py).
    assert not modules & {"db.models.admin", "contract.payloads", "contract.index766", "contract.figures"}
    # The catalog service is loaded only by a first start (an empty catalog to fill), the working
    # calendar by a command that counts working days.
    assert not modules & {"counter_app.services.catalog", "counter_app.domain.calendar"}
    assert "counter_app.services.name_search_pg" not in modules  # PostgreSQL's name search
    assert "platformdirs" not in modules  # the data dir is given ($COUNTER_APP_HOME)


def test_dossier_find_configures_no_mapper(tmp_path: Path) -> None:
    """A search reads plain rows (counter_app/services/dossiers.py _find_ids, load_views; the catalog
    check at start): configuring the mappers, ~10 ms of every start, waits for the first ORM query."""
    code = run_cli("dossier", "find", "nguyen", "--json") + (
        "from db.models import Dossier\nprint(json.dumps(Dossier.__mapper__.configured))\n"
    )
    env_code = f"import json, os; os.environ['COUNTER_APP_HOME'] = {str(tmp_path)!r}\n"
    # The first start fills the catalog (an ORM write); the probe is the next one.
    modules_after(run_cli("dossier", "find", "nguyen"), data_dir=tmp_path)
    proc = subprocess.run(
        [sys.executable, "-c", env_code + code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[-1]) is False
    # The same probe sees it configured once a dossier is read whole (the check can fail).
    code += (
        "from counter_app.services.dossiers import _load\n_load()\n"
        "print(json.dumps(Dossier.__mapper__.configured))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", env_code + code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[-1]) is True


def test_base_from_the_models_package_knows_every_table() -> None:
    """Migrations and the schema comparisons take `Base` from db.models: every model module is loaded."""
    code = "import json\nfrom db.models import Base\nprint(json.dumps(sorted(Base.metadata.tables)))\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    tables = set(json.loads(proc.stdout))
    assert {
        "dossiers",
        "users",
        "queue_tickets",
        "ratings",
        "stored_files",
        "payments",
        "sync_runs",
    } <= tables


def test_reading_the_queue_loads_no_printer_profiles(tmp_path: Path) -> None:
    loaded = imported_after(run_cli("queue", "status", "--json"), data_dir=tmp_path)
    assert "sqlalchemy" in loaded and not loaded & {*HEAVY, "PIL", "qrcode"}


def test_every_command_module_is_in_the_table_with_its_own_help() -> None:
    modules = {m.name for m in pkgutil.iter_modules(commands.__path__)}
    assert modules == {module for module, _ in COMMANDS.values()}
    full = build_parser()
    choices = next(a for a in full._actions if isinstance(a, argparse._SubParsersAction)).choices
    for name, (_module, help_text) in COMMANDS.items():
        assert choices[name].description == help_text, name


def test_a_lazily_built_parser_parses_like_the_full_one() -> None:
    argv = ["--data-dir", "/x", "dossier", "find", "nguyen", "--json"]
    assert vars(build_parser("dossier").parse_args(argv)) == vars(build_parser().parse_args(argv))
    # Misspelt: the refusal lists every command, windows included.
    with pytest.raises(SystemExit):
        build_parser("dosier").parse_args(["dosier"])


def test_version_is_the_packages(capsys: pytest.CaptureFixture[str]) -> None:
    from counter_app import __version__
    from counter_app.cli import main

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert __version__ == version
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"counter-app {version}"


def test_heads_read_without_alembic_are_alembics(tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory

    from db.engine import MIGRATIONS_DIR, Database, _script_heads

    db = Database(tmp_path / "x.sqlite")
    try:
        assert _script_heads(MIGRATIONS_DIR / "versions") == set(
            ScriptDirectory.from_config(db._alembic_config()).get_heads()
        )
        assert not db._at_heads()  # an empty file is migrated by Alembic
        db.migrate()
        assert db._at_heads()
    finally:
        db.close()


LOGIN_PROBE = r"""
import json, os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QWidget) and obj.isWindow():
            loaded = sorted({m.split('.')[0] for m in sys.modules})
            sys.stdout.write(json.dumps([type(obj).__name__, loaded]) + "\n")
            sys.stdout.flush()
            os._exit(0)
        return False

app = QApplication(sys.argv[:1])
probe = FirstPaint()
app.installEventFilter(probe)
from counter_app.cli import main
main(["gui"])
"""


def test_the_clerk_login_is_painted_before_the_database_layer_is_imported(tmp_path: Path) -> None:
    from PySide6.QtCore import QDir

    from ui.single_instance import server_name

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COUNTER_APP_HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", LOGIN_PROBE], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    # The probe ended the process at the first paint: its lock and socket files stay behind.
    name = server_name("gui", tmp_path)
    for leftover in (Path(QDir.tempPath(), name), Path(QDir.tempPath(), name + ".lock")):
        leftover.unlink(missing_ok=True)
    assert proc.returncode == 0, proc.stderr
    painted, loaded = json.loads(proc.stdout.splitlines()[-1])
    assert painted == "LoginDialog"
    assert not set(loaded) & {"sqlalchemy", "alembic", "db", "reportlab", "httpx", "escpos"}


def test_a_program_sets_its_loaded_modules_aside_a_caller_keeps_its_collector(tmp_path: Path) -> None:
    """counter_app/cli loading_modules: gc.freeze after loading, only when main() is the program."""
    probe = (
        "import contextlib, gc, io, json, sys\nfrom counter_app.cli import main\n"
        "sys.argv = ['counter-app', {argv}]\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main({call})\n"
        "print(json.dumps([gc.get_freeze_count(), gc.isenabled()]))\n"
    )
    env = {**os.environ, "COUNTER_APP_HOME": str(tmp_path)}
    answers = []
    for call in ("", "sys.argv[1:]"):  # as the program (console script, -m) / called with its argv
        code = probe.format(argv="'dossier', 'find', 'nguyen', '--json'", call=call)
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
        assert proc.returncode == 0, proc.stderr
        answers.append(json.loads(proc.stdout.splitlines()[-1]))
    (frozen, enabled), (frozen_by_call, enabled_by_call) = answers
    assert frozen > 10_000 and enabled
    assert frozen_by_call == 0 and enabled_by_call
