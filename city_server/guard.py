"""What stands between the internet and the handlers: security headers on every answer, a per-client
rate limit for the public lookups, and request bodies read only up to a limit.

The rate limit lives in each worker's memory (a token bucket per client address): N workers allow
up to N times the rate, which still makes walking through codes hopeless (city_server/pages.py
explains the lookup key). Behind a reverse proxy the client address is the forwarded one (uvicorn's
proxy_headers, trusted from 127.0.0.1 only).
"""

from __future__ import annotations

import ipaddress
import threading
import time
from collections import OrderedDict
from typing import Any

from fastapi import HTTPException, Request

# Pages are plain HTML with one inline <style> and inline SVG: nothing else may load or run, and no
# other site may frame them. no-referrer: a lookup URL carries the dossier's key (…&k=…).
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
        b"frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"strict-transport-security", b"max-age=31536000; includeSubDomains"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)
_REPLACED = {name for name, _ in SECURITY_HEADERS} | {b"server"}


class SecurityHeaders:
    """ASGI middleware: the headers above on every response, whatever produced it (errors too)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _REPLACED]
                message = {**message, "headers": headers + list(SECURITY_HEADERS)}
            await send(message)

        await self.app(scope, receive, send_with_headers)


# --- rate limit -------------------------------------------------------------------------------------------


class RateLimited(Exception):
    """Too many public lookups from one client; `retry_after` seconds until the next is allowed."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


class RateLimiter:
    """Token buckets per client: `per_minute` lookups a minute, in bursts of up to as many.
    `per_minute` 0 turns it off (benchmarks on one loopback address). Bounded memory: the least
    recently seen clients are forgotten beyond `max_clients` (a forgotten client starts full)."""

    def __init__(self, per_minute: int, *, max_clients: int = 100_000, clock: Any = time.monotonic) -> None:
        self.per_minute = per_minute
        self.max_clients = max_clients
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key → (tokens, at)
        self._lock = threading.Lock()

    def take(self, client: str) -> None:
        """Spend one token of `client`'s bucket, or raise RateLimited."""
        if self.per_minute <= 0:
            return
        key = client_key(client)
        rate = self.per_minute / 60.0
        with self._lock:
            now = self.clock()
            tokens, at = self._buckets.pop(key, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - at) * rate)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                raise RateLimited(max(1, int((1.0 - tokens) / rate + 0.999)))
            self._buckets[key] = (tokens - 1.0, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)


def client_key(host: str) -> str:
    """IPv4 addresses as they are; IPv6 by their /64 (one home or phone line holds a whole /64)."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return host[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped
        if mapped is not None:
            return str(mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def client_host(request: Request) -> str:
    return request.client.host if request.client else "?"


# --- bodies -----------------------------------------------------------------------------------------------


def declared_length(request: Request, limit: int) -> None:
    """Refuse on the headers alone: a malformed or too large Content-Length, before any byte is read."""
    declared = request.headers.get("content-length")
    if declared is None:
        return  # chunked: read_capped stops at the limit
    if not declared.isdigit() or len(declared) > 18:
        raise HTTPException(400, "Content-Length không hợp lệ")
    if int(declared) > limit:
        raise HTTPException(413, "yêu cầu quá lớn")


async def read_capped(request: Request, limit: int) -> bytes:
    """The body, read as it streams in and refused as soon as it passes `limit` bytes."""
    body = bytearray()
    async for chunk in request.stream():
        if len(body) + len(chunk) > limit:
            raise HTTPException(413, "yêu cầu quá lớn")
        body += chunk
    return bytes(body)
