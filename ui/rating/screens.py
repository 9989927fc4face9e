"""Which monitor the citizen's rating screen takes (config key `rating.screen`).

The clerk window stays on the primary screen (ui/clerk/app.py). "auto" gives the citizen the first
other screen, counted left to right; a screen name (Windows says "\\\\.\\DISPLAY2"; "DISPLAY2" is
enough) or a place counted from the left ("2") picks one. The rating screen is full screen, frameless
and cannot be closed from its side, so it never goes full screen over the clerk window: a choice that
lands on the clerk's screen, or a single screen, gives a normal window instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtGui import QGuiApplication, QScreen

log = logging.getLogger(__name__)

AUTO = "auto"


@dataclass(frozen=True)
class ScreenChoice:
    screen: QScreen | None  # full screen on it; None → a normal window on the clerk's screen
    why: str  # auto | configured | one_screen | not_found | clerk_screen (tests and the log say which)


def left_to_right(screens: list[QScreen]) -> list[QScreen]:
    return sorted(screens, key=lambda s: (s.geometry().x(), s.geometry().y()))


def _plain(name: str) -> str:
    return name.strip().lstrip("\\.").casefold()


def find_screen(setting: str, screens: list[QScreen]) -> QScreen | None:
    """The screen a setting names: a place counted from the left (1, 2…) or a name, case ignored."""
    value = setting.strip()
    if value.isdigit():
        ordered = left_to_right(screens)
        place = int(value)
        return ordered[place - 1] if 1 <= place <= len(ordered) else None
    return next((s for s in screens if _plain(s.name()) == _plain(value)), None)


def choose_citizen_screen(setting: str | None = AUTO, clerk: QScreen | None = None) -> ScreenChoice:
    """Where the rating screen goes, given the setting and the clerk window's screen (default primary)."""
    screens = QGuiApplication.screens()
    clerk = clerk or QGuiApplication.primaryScreen()
    if len(screens) < 2:
        return ScreenChoice(None, "one_screen")
    value = (setting or "").strip() or AUTO
    if value.casefold() != AUTO:
        chosen = find_screen(value, screens)
        if chosen is None:
            names = ", ".join(s.name() for s in left_to_right(screens))
            log.warning("no screen %r (rating.screen); screens: %s; using auto", value, names)
        elif clerk is not None and chosen.name() == clerk.name():
            return ScreenChoice(None, "clerk_screen")
        else:
            return ScreenChoice(chosen, "configured")
    others = [s for s in left_to_right(screens) if clerk is None or s.name() != clerk.name()]
    if not others:
        return ScreenChoice(None, "one_screen")
    return ScreenChoice(others[0], "auto" if value.casefold() == AUTO else "not_found")
