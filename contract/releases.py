"""The latest version of the counter software, as the city server publishes it (`city-server release
publish`) and counters read it (`GET VERSION_PATH`, public: it says nothing about anyone). Counters only
tell their administrator; nothing is ever installed by itself.
"""

from __future__ import annotations

import re
from typing import TypedDict

VERSION_PATH = "/api/v1/version"

VERSION_RE = re.compile(r"[0-9]{1,4}(\.[0-9]{1,6}){1,3}")  # 1.2, 1.2.3, 2026.12.0.1
MAX_NOTICE = 500
MAX_URL = 500


class LatestVersion(TypedDict):
    """`latest` is None while nothing was published; `notice` a line for the administrator; `url` where
    the installer is (https://…, or empty)."""

    latest: str | None
    notice: str
    url: str


def release_key(version: str) -> tuple[int, ...] | None:
    """Numeric order of versions ("1.2.10" > "1.2.9"); None for anything not of VERSION_RE's shape."""
    if not VERSION_RE.fullmatch(version or ""):
        return None
    parts = tuple(int(p) for p in version.split("."))
    while len(parts) > 1 and parts[-1] == 0:  # 1.2 == 1.2.0
        parts = parts[:-1]
    return parts


def is_newer(latest: str | None, running: str) -> bool:
    """True when `latest` is a well-formed version above `running` (a malformed one never is)."""
    new, old = release_key(latest or ""), release_key(running)
    return new is not None and old is not None and new > old
