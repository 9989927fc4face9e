"""Who is calling: HMAC-signed requests from known, unrevoked counters, fresh and never replayed.

The nonce store is a table, so every worker process (and every server behind a load balancer sharing
the database) refuses a replay seen by any other.
"""

from __future__ import annotations

import logging
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
    SCOPE_OFFICE,
    verify_signature,
    well_formed_auth,
)

log = logging.getLogger("city_server.auth")

NONCE_KEEP_S = 2 * MAX_SKEW_S + 60  # older nonces cannot pass the timestamp check anyway
_PURGE_EVERY_S = 60


# One answer for every failed proof (unknown counter, bad signature, stale clock, replayed nonce,
# malformed headers): telling them apart would let anyone probe which counter ids exist. The reason
# goes to the server log only; the counter checks its own clock against the answer's Date header.
REFUSED = "xác thực không thành công: kiểm tra mã quầy, khóa bí mật và đồng hồ của máy quầy"
# Revocation is told only to a caller whose signature was right (it already holds the secret).
REVOKED = "chứng thư của quầy đã bị thu hồi"


@dataclass
class AuthError(Exception):
    status: int  # 401: any failed proof; 403: a valid proof from a revoked counter
    message: str


@dataclass(frozen=True)
class Claimant:
    """What the headers claim, checked for shape and freshness before the body is read."""

    counter_id: str
    timestamp: str
    nonce: str
    signature: str
    secret: str
    counter: CounterInfo
    revoked: bool


def _refuse(why: str, counter_id: str | None) -> AuthError:
    log.info("sync request refused (%s) for counter id %r", why, (counter_id or "")[:64])
    return AuthError(401, REFUSED)


class Authenticator:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._last_purge = 0.0

    def admit(self, headers: dict[str, str], *, now: float | None = None) -> Claimant:
        """Cheap refusals before any body is read: headers present and well formed, clock fresh, and the
        counter known. Counter ids are random (city_server/service.py): the early refusal of an unknown
        one tells nothing a guess could use, and the answer is the same as for a bad signature."""
        now = time.time() if now is None else now
        cid, ts, nonce, sig = (headers.get(h.lower()) for h in (H_COUNTER, H_TIMESTAMP, H_NONCE, H_SIGNATURE))
        if not well_formed_auth(cid, ts, nonce, sig):
            raise _refuse("missing or malformed headers", cid)
        assert cid and ts and nonce and sig
        if abs(now - int(ts)) > MAX_SKEW_S:
            raise _refuse(f"clock skew {int(now) - int(ts)} s", cid)
        with self.store.read() as s:
            counter = s.get(Counter, cid)
            info = (
                (
                    counter.secret,
                    counter.revoked_at,
                    counter.agency_code,
                    counter.counter_number,
                    counter.scope,
                )
                if counter
                else None
            )
        if info is None:
            raise _refuse("unknown counter", cid)
        secret, revoked_at, agency, number, scope = info
        return Claimant(
            cid,
            ts,
            nonce,
            sig,
            secret,
            CounterInfo(id=cid, agency_code=agency, counter_number=number, office=scope == SCOPE_OFFICE),
            revoked_at is not None,
        )

    def verify(
        self, claim: Claimant, method: str, target: str, body: bytes, *, now: float | None = None
    ) -> CounterInfo:
        """The signature over the exact bytes, then revocation, then the nonce (first use only)."""
        now = time.time() if now is None else now
        ok = verify_signature(
            claim.secret,
            claim.counter_id,
            method,
            target,
            claim.timestamp,
            claim.nonce,
            body,
            claim.signature,
        )
        if not ok:
            raise _refuse("bad signature", claim.counter_id)
        if claim.revoked:
            log.info("sync request from revoked counter %s", claim.counter_id)
            raise AuthError(403, REVOKED)
        self._remember_nonce(claim.counter_id, claim.nonce, int(now))
        return claim.counter

    def check(
        self, method: str, target: str, headers: dict[str, str], body: bytes, *, now: float | None = None
    ) -> CounterInfo:
        """Refuse unless the request is signed by a live counter, is fresh and is seen for the first time."""
        return self.verify(self.admit(headers, now=now), method, target, body, now=now)

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
            raise _refuse("replayed nonce", counter_id)
