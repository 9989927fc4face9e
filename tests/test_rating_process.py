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
from typing import Any

import pytest

from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from counter_app.services.ratings import RatingService
from tests.clerk_support import add_user
from tests.conftest import ROOT, FakeClock, intake_doc

TWO_SCREENS = ROOT / "tests" / "qt-two-screens.json"


def _child(mode: str, data_dir: Path, platform: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": platform, "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.rating_child", mode, str(data_dir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def _placement(data_dir: Path, platform: str) -> dict[str, object]:
    proc = _child("place", data_dir, platform)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def _run(data_dir: Path, platform: str, mode: str, *extra: str) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": platform, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "tests.rating_child", mode, str(data_dir), *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _screens_file(tmp: Path, screens: list[tuple[str, int, int, int, int]]) -> str:
    path = tmp / "screens.json"
    path.write_text(
        json.dumps(
            {
                "windowFrameMargins": False,
                "screens": [
                    {"name": n, "x": x, "y": y, "width": w, "height": h} for n, x, y, w, h in screens
                ],
            }
        ),
        encoding="utf-8",
    )
    return f"offscreen:configfile={path}"


def test_full_screen_on_the_second_screen(data_dir: Path) -> None:
    info = _placement(data_dir, f"offscreen:configfile={TWO_SCREENS}")
    assert info["screens"] == ["DISPLAY1-CLERK", "DISPLAY2-CITIZEN"]  # the first is primary
    assert info["citizen_screen"] == "DISPLAY2-CITIZEN" and info["window_screen"] == "DISPLAY2-CITIZEN"
    assert info["geometry"] == [1366, 0, 1024, 600]  # exactly the citizen screen
    assert info["full_screen"] is True and info["frameless"] is True
    assert info["still_visible_after_close"] is True


def test_clerk_window_and_rating_screen_each_on_their_own_screen(data_dir: Path, ctx: AppContext) -> None:
    """The app's own start: the clerk window maximised on the primary screen, the rating screen full screen
    on the other one, both at exactly their screen's geometry."""
    add_user(ctx)
    info = _run(data_dir, f"offscreen:configfile={TWO_SCREENS}", "clerk")
    assert info["primary"] == "DISPLAY1-CLERK"
    clerk, rating = info["clerk"], info["rating"]
    assert (
        clerk["screen"] == "DISPLAY1-CLERK" and clerk["geometry"] == [0, 0, 1366, 768] and clerk["maximized"]
    )
    assert rating["screen"] == "DISPLAY2-CITIZEN" and rating["geometry"] == [1366, 0, 1024, 600]
    assert rating["full_screen"] and rating["why"] == "auto"


def test_primary_screen_on_the_right_still_gets_the_clerk_window(
    tmp_path: Path, data_dir: Path, ctx: AppContext
) -> None:
    """Wherever the primary screen sits (here right of the other, as Qt's offscreen platform and some
    Linux desktops allow), the clerk keeps it and the citizen gets the other: never the same screen."""
    add_user(ctx)
    platform = _screens_file(tmp_path, [("A-MAIN", 1920, 0, 1366, 768), ("B-SIDE", 0, 0, 1920, 1080)])
    info = _run(data_dir, platform, "clerk")
    assert info["primary"] == "A-MAIN"
    assert info["clerk"]["screen"] == "A-MAIN" and info["clerk"]["geometry"] == [1920, 0, 1366, 768]
    assert info["rating"]["screen"] == "B-SIDE" and info["rating"]["geometry"] == [0, 0, 1920, 1080]


def test_rating_screen_setting(tmp_path: Path, data_dir: Path) -> None:
    """`rating.screen`: auto, a place from the left, a name (case ignored, Windows' backslash prefix optional);
    an unknown one falls back to auto, and the clerk's own screen gives a normal window, never full screen."""
    platform = _screens_file(
        tmp_path,
        [("DISPLAY1", 0, 0, 1366, 768), ("DISPLAY2", 1366, 0, 1024, 600), ("DISPLAY3", -1920, 0, 1920, 1080)],
    )
    settings = ["auto", "", "1", "2", "3", "4", "display2", "\\\\.\\DISPLAY3", "TV", "DISPLAY1"]
    got = _run(data_dir, platform, "choices", *settings)
    assert got == {
        "auto": ["DISPLAY3", "auto"],  # left to right: DISPLAY3 (x −1920) comes first
        "": ["DISPLAY3", "auto"],
        "1": ["DISPLAY3", "configured"],
        "2": [None, "clerk_screen"],  # DISPLAY1, the primary one where the clerk window is
        "3": ["DISPLAY2", "configured"],
        "4": ["DISPLAY3", "not_found"],
        "display2": ["DISPLAY2", "configured"],
        "\\\\.\\DISPLAY3": ["DISPLAY3", "configured"],
        "TV": ["DISPLAY3", "not_found"],
        "DISPLAY1": [None, "clerk_screen"],
    }


def test_placed_again_when_monitors_change(data_dir: Path) -> None:
    """A monitor switched off or plugged in: the screen is chosen again. With `rating.screen` naming the
    clerk's monitor it leaves full screen for a normal window (never full screen over the clerk's work)."""
    steps = _run(data_dir, f"offscreen:configfile={TWO_SCREENS}", "replug")
    assert [(x["full_screen"], x["visible"]) for x in steps] == [(True, True), (False, True), (True, True)]
    assert steps[2]["geometry"] == [1366, 0, 1024, 600]


def test_one_screen_opens_a_normal_window_that_fits(tmp_path: Path, data_dir: Path) -> None:
    """With one screen: a normal window of 1024×640 at most, never larger than the screen (a 1024×600
    one here: 640 px would run off it)."""
    info = _placement(data_dir, _screens_file(tmp_path, [("ONLY", 0, 0, 1024, 600)]))
    assert len(info["screens"]) == 1 and info["citizen_screen"] is None  # type: ignore[arg-type]
    assert info["full_screen"] is False and info["frameless"] is False and info["visible"] is True
    assert info["geometry"] == [0, 0, 1024, 600]
    info = _placement(data_dir, _screens_file(tmp_path, [("ONLY", 0, 0, 1366, 768)]))
    assert info["geometry"][2:] == [1024, 640]  # type: ignore[index]


def _finished_intake(data_dir: Path, ctx: AppContext) -> str:
    add_user(ctx)
    return IntakeService(ctx).receive(intake_doc(), actor="admin").code


def test_one_screen_the_clerk_window_opens_without_the_rating_screen(
    tmp_path: Path, data_dir: Path, ctx: AppContext
) -> None:
    """A one-monitor counter: by default (`rating.open_with_clerk` = auto) the rating screen does not open
    with the clerk window, where it would only hide behind it."""
    code = _finished_intake(data_dir, ctx)
    info = _run(data_dir, _screens_file(tmp_path, [("ONLY", 0, 0, 1366, 768)]), "offer", code)
    assert info == {"rating": None}
    assert RatingService(ctx).for_ref(code) == []  # nothing waits for a screen nobody sees


def test_one_screen_when_asked_each_question_comes_forward_sized_to_the_screen(
    tmp_path: Path, data_dir: Path, ctx: AppContext
) -> None:
    """`rating.open_with_clerk` = always on one monitor: the question comes in front of the clerk window,
    sized to the screen's available area (never larger: 1024×600 here); once answered it steps back and
    the clerk window has the keyboard again."""
    code = _finished_intake(data_dir, ctx)
    ctx.config.set("rating.open_with_clerk", "always")
    info = _run(data_dir, _screens_file(tmp_path, [("ONLY", 0, 0, 1024, 600)]), "offer", code)
    assert info["rating"] == "opened"
    idle, asking, after = info["idle"], info["asking"], info["after"]
    assert idle["visible"] and not idle["on_top"] and idle["clerk_active"]
    assert asking["page"] == "rate" and asking["visible"] and asking["on_top"] and not asking["full_screen"]
    assert asking["frame"] == asking["available"] == [0, 0, 1024, 600]
    assert after["page"] == "idle" and not after["on_top"] and after["clerk_active"]
    ax, ay, aw, ah = after["available"]
    fx, fy, fw, fh = after["frame"]
    assert ax <= fx and ay <= fy and fx + fw <= ax + aw and fy + fh <= ay + ah  # fits the screen
    assert [o.state for o in RatingService(ctx).for_ref(code)] == ["rated"]


def test_two_screens_the_question_stays_on_the_citizen_screen(data_dir: Path, ctx: AppContext) -> None:
    """With a monitor for the citizen nothing moves: full screen there, the clerk keeps the keyboard."""
    code = _finished_intake(data_dir, ctx)
    info = _run(data_dir, f"offscreen:configfile={TWO_SCREENS}", "offer", code)
    for step in ("idle", "asking", "after"):
        state = info[step]
        assert state["screen"] == "DISPLAY2-CITIZEN" and state["geometry"] == [1366, 0, 1024, 600], step
        assert state["full_screen"] and not state["on_top"] and state["clerk_active"], step
    assert [o.state for o in RatingService(ctx).for_ref(code)] == ["rated"]


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
