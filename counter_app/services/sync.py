"""The nightly sync: upload the outbox to the city server in batches, then pull catalog and calendar.

Safe to cut at any point. The server keeps each event once (by its UUID) and answers per event;
only then are the answered events marked, in one local transaction. Whatever was not marked is sent
again next time and comes back "duplicate" if the server already held it: nothing lost, nothing twice.
A rejected event is set aside with the server's reason (visible to the admin) and never blocks the
events after it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import httpx
from sqlalchemy import select, type_coerce, update
from sqlalchemy.types import Text

from contract import envelope as wire
from contract import events, payloads
from counter_app.errors import AppError, ValidationError
from counter_app.services import journal, meta
from counter_app.services.city_link import RetryPolicy, SyncError, require_safe_transport, signed_call
from counter_app.services.meta import CALENDAR_VERSION, LAST_ATTEMPT, LAST_ERROR, LAST_SUCCESS
from counter_app.services.outbox import OutboxService
from counter_app.services.privacy import forget_sent_personal_data
from counter_app.services.upload_lock import BUSY, GRACE_S, upload_lock
from counter_app.timeutil import iso
from db.models import OutboxEvent
from db.models.sync import SyncRun

if TYPE_CHECKING:
    from counter_app.services.context import AppContext


@dataclass
class SyncResult:
    sent: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    pending: int = 0
    duration_s: float = 0.0
    catalog_version: str | None = None  # a newer catalog applied this run
    calendar_days: int = 0  # city calendar days changed this run
    error: str | None = None
    rejected_ids: list[str] = field(default_factory=list)
    skipped: str | None = None  # why nothing was done: another uploader holds the office's lock

    def to_json(self) -> dict[str, Any]:
        """The CLI's figures (with "error" only when the run failed, "skipped" only when it was skipped)."""
        keys = ("sent", "accepted", "duplicates", "rejected", "pending", "duration_s")
        out: dict[str, Any] = {k: getattr(self, k) for k in keys}
        if self.error is not None:
            out["error"] = self.error
        if self.skipped is not None:
            out["skipped"] = self.skipped
        return out


Progress = Callable[[int, int], None]  # (events answered so far, events pending at start)


@dataclass
class _Batch:
    last_id: int
    body: bytes = b""
    by_event: dict[str, int] = field(default_factory=dict)  # event id → outbox sequence
    broken: dict[str, str] = field(default_factory=dict)  # set aside locally, with the reason


def office_credential_hint(ctx: AppContext) -> str:
    """Which credential an office database needs, and the city's command that issues it."""
    return (
        "văn phòng dùng chung một cơ sở dữ liệu cần chứng thư văn phòng, không phải chứng thư riêng của một "
        f"quầy: nhờ máy chủ thành phố cấp bằng lệnh city-server counter add --agency {ctx.agency_code} "
        "--office rồi đặt city.counter_id và city.secret mới"
    )


def office_credential_needed(ctx: AppContext) -> SyncError:
    """The city refused another counter's events under a one-counter credential: what the admin does."""
    return SyncError(
        f"máy chủ thành phố không nhận sự kiện của các quầy khác, vì {office_credential_hint(ctx)} "
        "(không sự kiện nào bị đánh dấu từ chối; lần sau sẽ gửi lại)",
        field="city.counter_id",
        label="Chứng thư văn phòng",
    )


class SyncService:
    def __init__(
        self,
        ctx: AppContext,
        *,
        server_url: str | None = None,
        connect_timeout_s: float = 10.0,
        read_timeout_s: float = 60.0,
        retry: RetryPolicy | None = None,
        batch_size: int | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        lock_wait_s: float = GRACE_S,
    ) -> None:
        self.ctx = ctx
        self.server_url = (server_url or "").rstrip("/") or None
        self.timeout = httpx.Timeout(
            connect=connect_timeout_s, read=read_timeout_s, write=read_timeout_s, pool=connect_timeout_s
        )
        self.retry = retry or RetryPolicy()
        self.batch_size = batch_size
        self.transport = transport
        self.sleep = sleep
        self.lock_wait_s = lock_wait_s

    # --- state the windows show -----------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """Pending and rejected counts, last success/attempt/error, and whether the last run failed."""
        backlog = OutboxService(self.ctx).backlog()
        with self.ctx.db.read() as s:
            values = {k: meta.get(s, k) for k in (LAST_SUCCESS, LAST_ATTEMPT, LAST_ERROR)}
        last_error = values[LAST_ERROR] or None
        return {
            "pending": backlog.pending,
            "rejected": backlog.rejected,
            "last_success": values[LAST_SUCCESS] or None,
            "last_attempt": values[LAST_ATTEMPT] or None,
            "last_error": last_error,
            "failed": bool(last_error),
            "configured": self.configured(),
        }

    def catch_up_due(self, now: datetime | None = None) -> bool:
        """At start: true when credentials exist and the last success is older than a day (or never)."""
        if not self.configured():
            return False
        now = now or self.ctx.now()
        last = self.state()["last_success"]
        return last is None or now - datetime.fromisoformat(last) > timedelta(days=1)

    def next_run(self, after: datetime | None = None) -> datetime:
        """The next scheduled time (config sync.time, local) strictly after `after`."""
        after = after or self.ctx.now()
        hh, mm = (int(x) for x in self.ctx.config.sync.time.split(":"))
        at = after.replace(hour=hh, minute=mm, second=0, microsecond=0)
        return at if at > after else at + timedelta(days=1)

    def rejected(self) -> list[dict[str, Any]]:
        """Events the server refused, with its reason: the admin fixes the cause, then requeues them."""
        with self.ctx.db.read() as s:
            rows = s.scalars(
                select(OutboxEvent).where(OutboxEvent.rejected_at.is_not(None)).order_by(OutboxEvent.id)
            )
            return [
                {
                    "seq": r.id,
                    "event_id": r.event_id,
                    "type": r.type,
                    "created_at": iso(r.created_at),
                    "rejected_at": iso(r.rejected_at),
                    "reason": r.rejected_reason,
                }
                for r in rows
            ]

    def requeue(self, event_ids: list[str] | None, *, actor: str) -> int:
        """Put rejected events back in the queue (all when `event_ids` is None)."""
        with self.ctx.db.write() as s:
            q = update(OutboxEvent).where(OutboxEvent.rejected_at.is_not(None))
            if event_ids is not None:
                q = q.where(OutboxEvent.event_id.in_(event_ids))
            requeued = q.values(rejected_at=None, rejected_reason=None).returning(OutboxEvent.event_id)
            n = len(s.scalars(requeued).all())
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.OUTBOX_REQUEUED,
                entity="outbox",
                entity_id="rejected",
                payload=payloads.OutboxRequeued({"count": n, "event_ids": event_ids}),
                sync=False,
            )
        return int(n)

    def runs(self, limit: int = 30) -> list[dict[str, Any]]:
        with self.ctx.db.read() as s:
            rows = s.scalars(select(SyncRun).order_by(SyncRun.id.desc()).limit(limit))
            return [
                {
                    "started_at": iso(r.started_at),
                    "finished_at": iso(r.finished_at),
                    "trigger": r.trigger,
                    "ok": r.ok,
                    "sent": r.sent,
                    "accepted": r.accepted,
                    "duplicates": r.duplicates,
                    "rejected": r.rejected,
                    "pending": r.pending,
                    "duration_s": r.duration_ms / 1000,
                    "error": r.error,
                }
                for r in rows
            ]

    # --- the run ------------------------------------------------------------------------------------------

    def run(
        self,
        *,
        trigger: str = "cli",
        progress: Progress | None = None,
        should_stop: Callable[[], bool] | None = None,
        pull: bool = True,
        live: bool = False,
    ) -> SyncResult:
        """Upload everything pending, then pull. Raises SyncError (with the partial result) on failure.

        One uploader at a time per office database (counter_app/services/upload_lock.py): while another
        holds the lock, nothing is done and the result says so (`skipped`). `live`: the office-hours run
        of counter_app/services/live_sync.py (upload only; with nothing to send it still tells the server
        it is alive; a run that sent nothing and failed nothing leaves no row in the sync log)."""
        with upload_lock(self.ctx, wait_s=self.lock_wait_s) as mine:
            if not mine:
                return SyncResult(skipped=BUSY, pending=OutboxService(self.ctx).pending_count())
            return self._run(trigger, progress, should_stop, pull and not live, live)

    def _run(
        self,
        trigger: str,
        progress: Progress | None,
        should_stop: Callable[[], bool] | None,
        pull: bool,
        live: bool,
    ) -> SyncResult:
        started, t0 = self.ctx.now(), time.monotonic()
        result = SyncResult()
        self._set_meta({LAST_ATTEMPT: iso(started) or ""})
        failure: AppError | None = None
        try:
            url, counter_id, secret = self._credentials()
            with httpx.Client(
                base_url=url,
                timeout=self.timeout,
                transport=self.transport,
                headers={"User-Agent": "counter-app-sync/1"},
            ) as client:
                self._push(client, counter_id, secret, result, progress, should_stop, heartbeat=live)
                if not live:
                    forget_sent_personal_data(self.ctx)  # nightly is often enough
                if pull and not (should_stop and should_stop()):
                    self._pull(client, counter_id, secret, result)
                    if result.catalog_version:
                        # Applying the city's catalog is itself an event: send it now, not tomorrow.
                        self._push(client, counter_id, secret, result, None, should_stop)
        except SyncError as exc:
            failure = office_credential_needed(self.ctx) if exc.refusal == wire.REFUSAL_OTHER_COUNTER else exc
        except AppError as exc:
            failure = exc
        except Exception as exc:
            failure = SyncError(f"lỗi không lường trước: {type(exc).__name__}", field="sync", label="Đồng bộ")
        if failure is not None:
            result.error = str(failure)
        result.pending = OutboxService(self.ctx).pending_count()
        result.duration_s = round(time.monotonic() - t0, 3)
        self._log_run(started, trigger, result, row=not (live and failure is None and not result.sent))
        if failure is not None:
            failure.result = result  # type: ignore[attr-defined]
            raise failure
        return result

    def check(self) -> dict[str, Any]:
        """Ask the server who it thinks we are (credentials, clock, reachability)."""
        url, counter_id, secret = self._credentials()
        with httpx.Client(base_url=url, timeout=self.timeout, transport=self.transport) as client:
            return self._call(client, counter_id, secret, "GET", wire.HELLO_PATH)

    # --- pieces -------------------------------------------------------------------------------------------

    def configured(self) -> bool:
        cfg = self.ctx.config
        return bool((self.server_url or cfg.city.server_url) and cfg.city.counter_id and cfg.city.secret)

    def _credentials(self) -> tuple[str, str, str]:
        cfg = self.ctx.config
        url = self.server_url or cfg.city.server_url.rstrip("/")
        if not url:
            raise ValidationError(
                "chưa cấu hình địa chỉ máy chủ", field="city.server_url", label="Máy chủ thành phố"
            )
        require_safe_transport(url, allow_http=cfg.city.allow_http)
        counter_id = cfg.city.counter_id
        if not counter_id:
            raise ValidationError(
                "chưa cấu hình (counter-app config set city.counter_id …)",
                field="city.counter_id",
                label="Mã quầy trên máy chủ",
            )
        secret = cfg.city.secret
        if not secret:
            raise ValidationError(
                "chưa cấu hình (counter-app config set city.secret …)",
                field="city.secret",
                label="Khóa bí mật của quầy",
            )
        return url, counter_id, secret

    def _push(
        self,
        client: httpx.Client,
        counter_id: str,
        secret: str,
        result: SyncResult,
        progress: Progress | None,
        should_stop: Callable[[], bool] | None,
        *,
        heartbeat: bool = False,
    ) -> None:
        """Batches in sequence order. The next batch is read and encoded while the current one is on the
        wire (one request at a time, so the server still sees them in order). `heartbeat`: with nothing to
        send, an empty batch all the same (the city's pages tell how fresh the office's figures are)."""
        size = int(self.batch_size or self.ctx.config.sync.batch_size)
        total = OutboxService(self.ctx).pending_count()
        if progress:
            progress(0, total)
        batch = self._prepare(0, size)
        if batch is None and heartbeat:
            self._call(client, counter_id, secret, "POST", wire.EVENTS_PATH, b'{"events":[]}')
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-http") as pool:
            while batch is not None and not (should_stop and should_stop()):
                future = (
                    pool.submit(self._call, client, counter_id, secret, "POST", wire.EVENTS_PATH, batch.body)
                    if batch.body
                    else None
                )
                upcoming = self._prepare(batch.last_id, size)
                answers: list[wire.EventResult] = future.result()["results"] if future else []
                answers += [
                    {"event_id": e, "status": wire.REJECTED, "reason": r} for e, r in batch.broken.items()
                ]
                self._mark(answers, batch.by_event, result)
                if progress:
                    progress(result.sent, total)
                missing = len(batch.by_event) - len(
                    {a.get("event_id") for a in answers} & set(batch.by_event)
                )
                if missing:
                    raise SyncError(
                        f"máy chủ không trả lời đủ ({missing} sự kiện không có kết quả); sẽ gửi lại lần sau",
                        field="sync",
                        label="Đồng bộ",
                    )
                batch = upcoming

    def _prepare(self, after_id: int, size: int) -> _Batch | None:
        """The next `size` pending events after `after_id`, as the request body (None: nothing left)."""
        # The stored JSON text and time string go out as they are: no decoding and re-encoding.
        payload_text = type_coerce(OutboxEvent.payload, Text)
        created_text = type_coerce(OutboxEvent.created_at, Text)
        with self.ctx.db.read() as s:
            rows = s.execute(
                select(
                    OutboxEvent.id,
                    OutboxEvent.event_id,
                    OutboxEvent.type,
                    OutboxEvent.agency_code,
                    OutboxEvent.counter_number,
                    created_text,
                    payload_text,
                )
                .where(
                    OutboxEvent.sent_at.is_(None),
                    OutboxEvent.rejected_at.is_(None),
                    OutboxEvent.id > after_id,
                )
                .order_by(OutboxEvent.id)
                .limit(size)
            ).all()
        if not rows:
            return None
        batch = _Batch(last_id=rows[-1][0])
        envelopes: list[str] = []
        own = (self.ctx.agency_code, self.ctx.counter_number)
        # An office database holds every counter's events of the office: its one uploader sends them all,
        # under the office's credential (city-server counter add --office). A counter's own file holds
        # only its own.
        office = self.ctx.office_mode
        for seq, event_id, etype, agency, counter, created, raw in rows:
            batch.by_event[event_id] = seq
            if agency != own[0] or (counter != own[1] and not office):
                # Written before the agency code or counter number was changed: this credential
                # cannot vouch for it (the server would refuse the whole batch), so set it aside.
                batch.broken[event_id] = (
                    f"sự kiện ghi dưới mã cơ quan {agency}, quầy {counter}, khác cấu hình "
                    f"hiện tại ({own[0]}, quầy {own[1]}); không gửi bằng chứng thư này"
                    if not office
                    else f"sự kiện ghi dưới mã cơ quan {agency}, khác mã cơ quan hiện tại của văn phòng "
                    f"({own[0]}); không gửi bằng chứng thư này"
                )
                continue
            try:
                if not isinstance(json.loads(raw), dict):
                    raise ValueError
            except (TypeError, ValueError):
                batch.broken[event_id] = "nội dung sự kiện trong máy quầy bị hỏng (không phải JSON)"
                continue
            envelopes.append(
                f'{{"event_id":"{event_id}","seq":{int(seq)},"type":{json.dumps(etype)},'
                f'"agency_code":{json.dumps(agency)},"counter_number":{int(counter)},'
                f'"created_at":{json.dumps(created)},"payload":{raw}}}'
            )
        if envelopes:
            batch.body = ('{"events":[' + ",".join(envelopes) + "]}").encode("utf-8")
        return batch

    def _mark(self, answers: list[wire.EventResult], by_event: dict[str, int], result: SyncResult) -> None:
        """Record the server's answers in one local transaction."""
        done: list[int] = []
        refused: list[dict[str, Any]] = []
        now = self.ctx.now()
        for a in answers:
            seq = by_event.get(str(a.get("event_id")))
            if seq is None:
                continue
            status = a.get("status")
            if status == wire.ACCEPTED:
                result.accepted += 1
                done.append(seq)
            elif status == wire.DUPLICATE:
                result.duplicates += 1
                done.append(seq)
            elif status == wire.REJECTED:
                result.rejected += 1
                result.rejected_ids.append(str(a.get("event_id")))
                refused.append({"b_id": seq, "reason": str(a.get("reason") or "không rõ lý do")[:1000]})
            else:
                continue
            result.sent += 1
        with self.ctx.db.write() as s:
            for start in range(0, len(done), 500):
                s.execute(
                    update(OutboxEvent)
                    .where(OutboxEvent.id.in_(done[start : start + 500]), OutboxEvent.sent_at.is_(None))
                    .values(sent_at=now)
                )
            for r in refused:
                s.execute(
                    update(OutboxEvent)
                    .where(OutboxEvent.id == r["b_id"])
                    .values(rejected_at=now, rejected_reason=r["reason"])
                )

    def _pull(self, client: httpx.Client, counter_id: str, secret: str, result: SyncResult) -> None:
        from counter_app.services.calendar import CalendarService
        from counter_app.services.catalog import CatalogService

        catalogs = CatalogService(self.ctx)
        # Versioned by the city's own numbering: a catalog the office imported itself, whatever its
        # version, gives way to the next one the city publishes (server wins).
        since = catalogs.city_version()
        got = self._call(client, counter_id, secret, "GET", wire.CATALOG_PATH, params={"since": since})
        if got.get("document"):
            try:
                applied = catalogs.import_data(got["document"], actor="city", from_city=True)
            except ValidationError as exc:
                raise SyncError(
                    f"danh mục thủ tục từ máy chủ không hợp lệ: {exc}",
                    field="catalog",
                    label="Danh mục thủ tục",
                ) from None
            if applied.get("applied"):
                result.catalog_version = str(applied["version"])
        with self.ctx.db.read() as s:
            stored = meta.get(s, CALENDAR_VERSION) or ""
            cal_since = int(stored) if stored.isdigit() else 0
        got = self._call(client, counter_id, secret, "GET", wire.CALENDAR_PATH, params={"since": cal_since})
        version = int(got.get("version") or 0)
        if got.get("days") or version != cal_since:
            result.calendar_days = CalendarService(self.ctx).apply_city_days(
                list(got.get("days") or []), version=version
            )

    def _call(
        self,
        client: httpx.Client,
        counter_id: str,
        secret: str,
        method: str,
        path: str,
        body: bytes = b"",
        params: dict[str, Any] | None = None,
    ) -> Any:
        return signed_call(client, self.retry, self.sleep, counter_id, secret, method, path, body, params)

    def _set_meta(self, values: dict[str, str]) -> None:
        with self.ctx.db.write() as s:
            for key, value in values.items():
                meta.put(s, key, value)

    def _log_run(self, started: datetime, trigger: str, r: SyncResult, *, row: bool = True) -> None:
        """The run's log row (unless `row` is False) and the meta keys, together."""
        finished = self.ctx.now()
        with self.ctx.db.write() as s:
            if row:
                s.add(
                    SyncRun(
                        started_at=started,
                        finished_at=finished,
                        trigger=trigger[:20],
                        ok=r.error is None,
                        sent=r.sent,
                        accepted=r.accepted,
                        duplicates=r.duplicates,
                        rejected=r.rejected,
                        pending=r.pending,
                        duration_ms=int(r.duration_s * 1000),
                        error=r.error,
                    )
                )
            values = {LAST_ERROR: r.error or ""}
            if r.error is None:
                values[LAST_SUCCESS] = iso(finished) or ""
            for key, value in values.items():
                meta.put(s, key, value)
