"""The rating screen as a real process: where it opens with one or two screens, and a tap that survives
SIGKILL right after it was stored."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from counter_app.services.ratings import RatingService
from tests.conftest import ROOT, FakeClock, intake_doc

TWO_SCREENS = ROOT / "tests" / "qt-two-screens.json"


def _child(mode: str, data_dir: Path, platform: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": platform, "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.rating_child", mode, str(data_dir)], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )


def _placement(data_dir: Path, platform: str) -> dict[str, object]:
    proc = _child("place", data_dir, platform)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def test_full_screen_on_the_second_screen(data_dir: Path) -> None:
    info = _placement(data_dir, f"offscreen:configfile={TWO_SCREENS}")
    assert sorted(info["screens"]) == ["CITIZEN", "CLERK"]  # type: ignore[arg-type]
    assert info["citizen_screen"] == "CITIZEN" and info["window_screen"] == "CITIZEN"
    assert info["geometry"] == [1366, 0, 1024, 600]  # exactly the citizen screen
    assert info["full_screen"] is True and info["frameless"] is True
    assert info["still_visible_after_close"] is True


def test_one_screen_opens_a_normal_window(data_dir: Path) -> None:
    info = _placement(data_dir, "offscreen")
    assert len(info["screens"]) == 1 and info["citizen_screen"] is None  # type: ignore[arg-type]
    assert info["full_screen"] is False and info["frameless"] is False and info["visible"] is True
    assert info["geometry"][2:] == [1024, 640]  # type: ignore[index]


def test_a_tap_survives_sigkill_right_after(data_dir: Path) -> None:
    ctx = AppContext(data_dir, clock=FakeClock())
    try:
        code = IntakeService(ctx).receive(intake_doc(), actor="hoa").code
    finally:
        ctx.close()
    proc = _child("rate", data_dir, "offscreen")
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
        # The clerk side, in this process, offers the transaction with the real clock (as the app does).
        ctx = AppContext(data_dir)
        try:
            offer_id = RatingService(ctx).offer("intake", code, "hoa")
        finally:
            ctx.close()
        deadline = time.monotonic() + 30
        line = ""
        while time.monotonic() < deadline and not line:
            line = proc.stdout.readline().strip()
        assert line == f"rated {offer_id}"
        proc.send_signal(signal.SIGKILL)  # the moment the screen says it is stored
        proc.wait(timeout=10)
        assert proc.returncode == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    ctx = AppContext(data_dir)
    try:
        view = RatingService(ctx).get(offer_id)
        assert (view.state, view.level, view.ref) == ("rated", "very_satisfied", code)
    finally:
        ctx.close()


pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
