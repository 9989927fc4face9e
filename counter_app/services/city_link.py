"""The counter's link to the city server: signed requests, retried with backoff, over TLS.

Every request is signed with the counter's secret (contract/envelope.py); personal data never goes in
clear text to another machine. counter_app/services/sync.py decides what to send and what to pull.
"""

from __future__ import annotations

import gzip
import ipaddress
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from contract import envelope as wire
from counter_app.errors import AppError, ValidationError

log = logging.getLogger("counter_app.sync")

COMPRESS_OVER = 16 * 1024  # bytes: smaller bodies go as they are


class SyncError(AppError):
    """The sync could not finish (network, server, credentials). What was confirmed stays confirmed."""

    exit_code = 4
    refusal: str | None = None  # the server's named cause of a 403 (contract/envelope.py H_REFUSAL)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff for one request: base, base·factor, … capped, with a little jitter."""

    attempts: int = 6
    base_s: float = 0.5
    factor: float = 2.0
    max_s: float = 30.0
    jitter: float = 0.2

    def delay(self, attempt: int) -> float:
        d = min(self.max_s, self.base_s * self.factor ** (attempt - 1))
        return d * (1 + random.uniform(-self.jitter, self.jitter))


class _Retryable(Exception):
    pass


def require_safe_transport(url: str, *, allow_http: bool) -> None:
    """Events carry CCCD numbers, phones and addresses: they go over TLS, except to this very machine
    (tests, a local proxy) or when the office has explicitly allowed plain http (and is warned)."""
    parsed = urlsplit(url)
    if parsed.scheme == "https":
        return
    if parsed.scheme == "http" and _loopback(parsed.hostname or ""):
        return
    if parsed.scheme == "http" and allow_http:
        log.warning("city.allow_http: events with personal data go to %s without encryption", parsed.hostname)
        return
    raise ValidationError(
        "phải là địa chỉ https:// (dữ liệu cá nhân không được gửi không mã hóa); chỉ khi thật cần, "
        "đặt city.allow_http = true",
        field="city.server_url",
        label="Máy chủ thành phố",
    )


def signed_call(
    client: httpx.Client,
    retry: RetryPolicy,
    sleep: Callable[[float], None],
    counter_id: str,
    secret: str,
    method: str,
    path: str,
    body: bytes = b"",
    params: dict[str, Any] | None = None,
) -> Any:
    """One signed request, retried with backoff on network faults, timeouts, 5xx and 429.

    Each attempt is signed anew (fresh timestamp and nonce): the server refuses a replayed nonce.
    """
    headers = {"Content-Type": "application/json"} if body else {}
    if len(body) > COMPRESS_OVER:
        body = gzip.compress(body, compresslevel=1)
        headers["Content-Encoding"] = "gzip"
    last = ""
    for attempt in range(1, retry.attempts + 1):
        request = client.build_request(method, path, content=body or None, headers=headers, params=params)
        target = request.url.raw_path.decode("ascii")
        request.headers.update(wire.sign_headers(secret, counter_id, method, target, body))
        try:
            response = client.send(request)
            if response.status_code >= 500 or response.status_code in (408, 429):
                raise _Retryable(f"máy chủ trả lỗi {response.status_code}")
            if response.status_code in (401, 403):
                refused = SyncError(
                    f"máy chủ từ chối quầy ({response.status_code}): {_detail(response)}",
                    field="city.secret",
                    label="Xác thực với máy chủ",
                )
                refused.refusal = response.headers.get(wire.H_REFUSAL)
                raise refused
            if response.status_code >= 400:
                raise SyncError(
                    f"máy chủ không nhận yêu cầu ({response.status_code}): {_detail(response)}",
                    field="sync",
                    label="Đồng bộ",
                )
            try:
                return response.json()
            except ValueError:
                raise _Retryable("câu trả lời của máy chủ bị cắt hoặc hỏng") from None
        except (httpx.TransportError, _Retryable) as exc:
            last = _explain(exc)
        if attempt < retry.attempts:
            sleep(retry.delay(attempt))
    raise SyncError(f"không đồng bộ được sau {retry.attempts} lần thử: {last}", field="sync", label="Đồng bộ")


def _loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _detail(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    return str(detail or response.reason_phrase)[:300]


def _explain(exc: Exception) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "quá thời gian chờ máy chủ"
    if isinstance(exc, httpx.ConnectError):
        return "không kết nối được máy chủ"
    if isinstance(exc, httpx.TransportError):
        return "kết nối bị ngắt giữa chừng"
    return str(exc)
