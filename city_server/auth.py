"""Who is calling: HMAC-signed requests from known, unrevoked counters, fresh and never replayed.

The nonce store is a table, so every worker process (and every server behind a load balancer sharing
the database) refuses a replay seen by any other.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from city_server.db import Store
from city_server.ingest import CounterInfo
from city_server.models import Counter, Nonce
from contract.envelope import (
    H_COUNTER,
    H_NONCE,
    H_SIGNATURE,
    H_TIMESTAMP,
    MAX_SKEW_S,
    verify_signature,
    well_formed_auth,
)

NONCE_KEEP_S = 2 * MAX_SKEW_S + 60  # older nonces cannot pass the timestamp check anyway
_PURGE_EVERY_S = 60


@dataclass
class AuthError(Exception):
    status: int  # 401: who are you / bad proof; 403: known but not allowed
    message: str


class Authenticator:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._last_purge = 0.0

    def check(
        self, method: str, target: str, headers: dict[str, str], body: bytes, *, now: float | None = None
    ) -> CounterInfo:
        """Refuse unless the request is signed by a live counter, is fresh and is seen for the first time."""
        now = time.time() if now is None else now
        cid, ts, nonce, sig = (headers.get(h.lower()) for h in (H_COUNTER, H_TIMESTAMP, H_NONCE, H_SIGNATURE))
        if not well_formed_auth(cid, ts, nonce, sig):
            raise AuthError(
                401, "thiếu hoặc sai định dạng chữ ký (X-Counter-Id, X-Timestamp, X-Nonce, X-Signature)"
            )
        assert cid and ts and nonce and sig
        if abs(now - int(ts)) > MAX_SKEW_S:
            raise AuthError(401, "thời điểm ký lệch quá 5 phút so với máy chủ: kiểm tra đồng hồ của máy quầy")
        with self.store.read() as s:
            counter = s.get(Counter, cid)
            info = (
                (counter.secret, counter.revoked_at, counter.agency_code, counter.counter_number)
                if counter
                else None
            )
        if info is None:
            raise AuthError(401, "quầy không được máy chủ cấp chứng thư")
        secret, revoked_at, agency, number = info
        if not verify_signature(secret, cid, method, target, ts, nonce, body, sig):
            raise AuthError(401, "chữ ký không đúng")
        if revoked_at is not None:
            raise AuthError(403, "chứng thư của quầy đã bị thu hồi")
        self._remember_nonce(cid, nonce, int(now))
        return CounterInfo(id=cid, agency_code=agency, counter_number=number)

    def _remember_nonce(self, counter_id: str, nonce: str, now: int) -> None:
        ins = (sqlite_insert if self.store.is_sqlite else pg_insert)(Nonce)
        stmt = (
            ins.values(counter_id=counter_id, nonce=nonce, seen_at=now)
            .on_conflict_do_nothing()
            .returning(Nonce.nonce)
        )
        with self.store.write() as s:
            if now - self._last_purge > _PURGE_EVERY_S:
                self._last_purge = now
                s.execute(delete(Nonce).where(Nonce.seen_at < now - NONCE_KEEP_S))
            fresh = s.scalar(stmt)
        if fresh is None:
            raise AuthError(401, "yêu cầu bị gửi lại (nonce đã dùng)")
