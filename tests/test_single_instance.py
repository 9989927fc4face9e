"""One window of each kind per data dir on this PC (ui/single_instance.py), by real processes.

A first window is started offscreen as its own process; a second start of the same window on the same
data dir must exit 0 at once with a short message, and the first must have been asked to come to the
front (its log says so, under its own process id). A first process killed with SIGKILL leaves its lock
and socket files behind: the next start must still become the first.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.services.context import AppContext
from tests.citykit import wait_for
from tests.clerk_support import add_user
from tests.conftest import ROOT
from ui.single_instance import server_name

START_S = 120.0  # a loaded two-core machine starting Qt and migrating a fresh database
PROGRAM_LOG = {"gui": "gui", "kiosk": "kiosk", "display": "display", "rating": "rating"}


def _env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("COUNTER_APP_HOME", None)
    env.pop("COUNTER_APP_CLERK", None)
    return env


def _start(window: str, data_dir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "counter_app", "--data-dir", str(data_dir), window],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def _log(data_dir: Path, window: str) -> str:
    path = data_dir / "logs" / f"{PROGRAM_LOG[window]}.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _said(data_dir: Path, window: str, pid: int, text: str) -> bool:
    return any(f"[{pid} " in line and text in line for line in _log(data_dir, window).splitlines())


def _wait_listening(proc: subprocess.Popen[str], data_dir: Path, window: str) -> None:
    def ready() -> bool:
        if proc.poll() is not None:
            raise AssertionError(f"the first {window} exited ({proc.returncode}): {proc.stderr.read()}")  # type: ignore[union-attr]
        return _said(data_dir, window, proc.pid, "single instance: listening on")

    wait_for(ready, timeout=START_S, what=f"the first {window} to listen")


def _second_start(window: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "counter_app", "--data-dir", str(data_dir), window],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=START_S,
    )


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=30)
    # A killed window leaves its lock and socket files in the temp dir (which is the case tested above);
    # these names are this test's own (per data dir), so tidy them up.
    from PySide6.QtCore import QDir

    for proc in started:
        argv = [str(a) for a in proc.args]  # type: ignore[union-attr]
        name = server_name(argv[4], Path(argv[3]))
        for leftover in (Path(QDir.tempPath(), name), Path(QDir.tempPath(), name + ".lock")):
            leftover.unlink(missing_ok=True)


def _with_account(data_dir: Path) -> Path:
    ctx = AppContext.open(data_dir)
    try:
        add_user(ctx)
    finally:
        ctx.close()
    return data_dir


def test_a_second_clerk_window_brings_the_first_to_the_front_and_exits_0(
    tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    data_dir = _with_account(tmp_path / "office")
    first = _start("gui", data_dir)
    processes.append(first)
    _wait_listening(first, data_dir, "gui")

    second = _second_start("gui", data_dir)
    assert second.returncode == 0, second.stderr
    assert "đã đang chạy trên máy này" in second.stderr and "đưa cửa sổ đó lên trước" in second.stderr
    assert "Traceback" not in second.stderr
    # The first got the request and raised its login dialog (the clerk had not logged in yet).
    assert _said(data_dir, "gui", first.pid, "show request from a second start")
    assert _said(data_dir, "gui", first.pid, "LoginDialog brought to the front")
    assert first.poll() is None  # still running

    # Another data dir is another office's database: its window runs beside the first.
    other_dir = _with_account(tmp_path / "other")
    other = _start("gui", other_dir)
    processes.append(other)
    _wait_listening(other, other_dir, "gui")
    assert first.poll() is None and other.poll() is None


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and a socket file are the Unix case")
def test_a_crashed_first_window_does_not_block_the_next_start(
    tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    data_dir = _with_account(tmp_path / "office")
    crashed = _start("gui", data_dir)
    processes.append(crashed)
    _wait_listening(crashed, data_dir, "gui")
    crashed.send_signal(signal.SIGKILL)
    crashed.wait(timeout=30)
    # What a crash leaves behind: the lock file naming a dead process and the socket file.
    from PySide6.QtCore import QDir

    name = server_name("gui", data_dir)
    assert Path(QDir.tempPath(), name + ".lock").exists()
    assert Path(QDir.tempPath(), name).exists()

    first = _start("gui", data_dir)
    processes.append(first)
    _wait_listening(first, data_dir, "gui")
    second = _second_start("gui", data_dir)
    assert second.returncode == 0, second.stderr
    assert _said(data_dir, "gui", first.pid, "show request from a second start")


@pytest.mark.parametrize("window", ["kiosk", "display", "rating"])
def test_the_citizens_screens_are_single_too(
    window: str, tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    data_dir = tmp_path / window
    first = _start(window, data_dir)
    processes.append(first)
    _wait_listening(first, data_dir, window)
    second = _second_start(window, data_dir)
    assert second.returncode == 0, second.stderr
    assert re.search(r"đã đang chạy trên máy này", second.stderr)
    assert _said(data_dir, window, first.pid, "brought to the front")


def test_the_server_name_is_per_program_and_data_dir(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert server_name("gui", a) == server_name("gui", a / "." / ".." / "a")
    assert len({server_name("gui", a), server_name("gui", b), server_name("kiosk", a)}) == 3
    assert len(server_name("display", a)) < 60  # a Unix socket path must stay short
