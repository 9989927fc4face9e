"""Is there a newer version of this software? The city server says which is the latest
(`GET /api/v1/version`, contract/releases.py); the answer is kept in the meta table so the About box and
an offline start still know it. Only the administrator is told (ui/clerk/update_notice.py); nothing is
ever downloaded or installed from here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from contract.releases import MAX_NOTICE, MAX_URL, VERSION_PATH, VERSION_RE, is_newer
from counter_app import __version__
from counter_app.services import meta
from counter_app.services.city_link import require_safe_transport

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

log = logging.getLogger("counter_app.updates")

LATEST = "update.latest"
NOTICE = "update.notice"
URL = "update.url"
CHECKED_AT = "update.checked_at"
TIMEOUT_S = 5.0


@dataclass(frozen=True)
class UpdateInfo:
    latest: str | None  # None: the city has published nothing (or was never asked)
    notice: str = ""
    url: str = ""
    checked_at: str = ""
    running: str = __version__

    @property
    def newer(self) -> bool:
        return is_newer(self.latest, self.running)

    def to_json(self) -> dict[str, Any]:
        return {
            "running": self.running,
            "latest": self.latest,
            "newer": self.newer,
            "notice": self.notice,
            "url": self.url,
            "checked_at": self.checked_at or None,
        }


class UpdateService:
    def __init__(self, ctx: AppContext, *, transport: httpx.BaseTransport | None = None) -> None:
        self.ctx = ctx
        self.transport = transport

    def known(self) -> UpdateInfo:
        """What the city said last time it was asked (no network)."""
        with self.ctx.db.read() as s:
            values = {k: meta.get(s, k) or "" for k in (LATEST, NOTICE, URL, CHECKED_AT)}
        return UpdateInfo(values[LATEST] or None, values[NOTICE], values[URL], values[CHECKED_AT])

    def known_or_none(self) -> UpdateInfo:
        """`known()`, or nothing known when even that cannot be read: a notice is not worth an error."""
        try:
            return self.known()
        except Exception as exc:
            log.warning("latest version not read from the database: %s", type(exc).__name__)
            return UpdateInfo(None)

    def check(self) -> UpdateInfo:
        """Ask the city server when one is configured; on any failure (offline, an old server), what was
        known before. Blocking: run it in a job. Never raises: the notice is a courtesy."""
        url = self.ctx.config.city.server_url.rstrip("/")
        if not url:
            return self.known_or_none()
        try:
            return self.fetch(url)
        except Exception as exc:
            log.info("latest version not read from %s: %s", url, type(exc).__name__)
            return self.known_or_none()

    def fetch(self, url: str) -> UpdateInfo:
        require_safe_transport(url, allow_http=self.ctx.config.city.allow_http)
        with httpx.Client(
            base_url=url,
            timeout=TIMEOUT_S,
            transport=self.transport,
            headers={"User-Agent": f"counter-app/{__version__}"},
        ) as client:
            response = client.get(VERSION_PATH)
            response.raise_for_status()
            answer = response.json()
        info = _parse(answer, self.ctx.now().isoformat())
        with self.ctx.db.write() as s:
            meta.put(s, LATEST, info.latest or "")
            meta.put(s, NOTICE, info.notice)
            meta.put(s, URL, info.url)
            meta.put(s, CHECKED_AT, info.checked_at)
        return info


def _parse(answer: Any, checked_at: str) -> UpdateInfo:
    """The server's answer, checked: a malformed one is refused whole (ValueError)."""
    if not isinstance(answer, dict):
        raise ValueError("not an object")
    latest, notice, url = answer.get("latest"), answer.get("notice") or "", answer.get("url") or ""
    if latest is not None and not (isinstance(latest, str) and VERSION_RE.fullmatch(latest)):
        raise ValueError("latest")
    if not isinstance(notice, str) or not isinstance(url, str):
        raise ValueError("notice/url")
    if url and not url.startswith(("https://", "http://")):
        url = ""  # only a web address is shown as a link
    return UpdateInfo(latest, " ".join(notice.split())[:MAX_NOTICE], url[:MAX_URL], checked_at)
