"""Where the data lives: every command takes --data-dir before or after its name; else $COUNTER_APP_HOME;
else the platform's user data dir."""

from __future__ import annotations

import argparse
import io
import json
import os
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import platformdirs
import pytest

from counter_app.cli import build_parser
from counter_app.cli import main as cli_main
from counter_app.paths import ENV_HOME


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            rc = cli_main(list(args))
        except SystemExit as exc:
            rc = int(exc.code or 0)
    return rc, out.getvalue(), err.getvalue()


def _leaves(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], set[str]]]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    options = {o for a in parser._actions for o in a.option_strings}
    if not subs:
        return [(path, options)]
    return [leaf for s in subs for name, p in s.choices.items() for leaf in _leaves(p, (*path, name))]


def test_every_command_accepts_data_dir_and_clerk() -> None:
    leaves = _leaves(build_parser())
    assert len(leaves) >= 40  # config, catalog, dossier, calendar, outbox, user, report, sync, queue, …
    missing = [" ".join(path) for path, options in leaves if not {"--data-dir", "--clerk"} <= options]
    assert missing == []


def test_data_dir_before_or_after_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_HOME, raising=False)
    a, b = tmp_path / "a", tmp_path / "b"
    assert _cli("--data-dir", str(a), "config", "set", "counter.number", "3")[0] == 0
    assert _cli("config", "set", "counter.number", "4", "--data-dir", str(b))[0] == 0
    # Nested commands too, with the option between the words.
    assert _cli("calendar", "--data-dir", str(a), "set-day", "2026-12-19", "work", "--note", "Làm bù")[0] == 0
    rc, out, err = _cli("config", "show", "--json", "--data-dir", str(a))
    assert rc == 0, err
    assert json.loads(out)["counter.number"] == 3
    assert json.loads(_cli("--data-dir", str(b), "config", "show", "--json")[1])["counter.number"] == 4
    rc, out, _ = _cli("--data-dir", str(a), "calendar", "holidays", "--year", "2026", "--json")
    assert {
        "date": "2026-12-19",
        "name": "Làm bù",
        "working": True,
        "kind": "make_up_work",
        "source": "Làm bù",
        "origin": "override",
    } in json.loads(out)
    rc, out, _ = _cli("calendar", "holidays", "--year", "2026", "--json", "--data-dir", str(b))
    assert "2026-12-19" not in out
    assert {p.name for p in a.iterdir()} >= {"config.toml", "counter.sqlite"}


def test_counter_app_home_then_the_platform_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv(ENV_HOME, str(home))
    assert _cli("config", "set", "counter.number", "7")[0] == 0
    assert (home / "config.toml").exists() and (home / "counter.sqlite").exists()
    # --data-dir wins over the environment.
    other = tmp_path / "other"
    assert json.loads(_cli("config", "show", "--json", "--data-dir", str(other))[1])["counter.number"] == 1
    assert json.loads(_cli("config", "show", "--json")[1])["counter.number"] == 7

    # Neither: the platform's user data dir (pointed into tmp_path through the variables it reads).
    monkeypatch.delenv(ENV_HOME)
    for var in ("XDG_DATA_HOME", "HOME", "APPDATA", "LOCALAPPDATA", "USERPROFILE"):
        monkeypatch.setenv(var, str(tmp_path / "profile"))
    platform_dir = Path(platformdirs.user_data_dir("counter-app", appauthor=False))
    if not platform_dir.is_relative_to(tmp_path):
        pytest.skip("this platform's user data dir ignores the environment")
    assert _cli("config", "set", "counter.number", "9")[0] == 0
    assert (platform_dir / "config.toml").exists()
    assert json.loads(_cli("config", "show", "--json")[1])["counter.number"] == 9


def test_a_new_data_dir_is_private(tmp_path: Path) -> None:
    from counter_app.paths import data_dir

    made = data_dir(tmp_path / "new" / "data")
    assert made.is_dir()
    if os.name == "posix":  # personal data: only the app's user may enter
        assert made.stat().st_mode & 0o077 == 0
