"""Real parts for the sync and city-server tests: a uvicorn server on 127.0.0.1 (in a thread), a TCP
proxy that cuts or stalls connections, an ASGI wrapper that answers 500 or delays, and the server
database on SQLite or PostgreSQL (CITY_SERVER_PG_URL)."""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import create_engine, func, select, text, update

from city_server.app import create_app
from city_server.db import Store
from city_server.models import Event
from city_server.service import add_counter
from counter_app.services.city_link import RetryPolicy
from counter_app.services.context import AppContext
from counter_app.services.sync import SyncService

PG_ENV = "CITY_SERVER_PG_URL"
FAST_RETRY = RetryPolicy(attempts=6, base_s=0.01, factor=2.0, max_s=0.05, jitter=0.0)


def wait_for(cond: Callable[[], Any], timeout: float = 10.0, what: str = "condition") -> Any:
    """Poll a real condition until it holds (never a bare sleep as synchronisation)."""
    deadline = time.monotonic() + timeout
    while True:
        value = cond()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.005)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- the server database: SQLite file or a fresh PostgreSQL schema --------------------------------------


def pg_params() -> list[Any]:
    return [
        "sqlite",
        pytest.param(
            "postgres",
            marks=[
                pytest.mark.postgres,
                pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"{PG_ENV} not set"),
            ],
        ),
    ]


def _with_search_path(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}"


class ServerDb:
    """A database URL for one test (module): a new SQLite file, or a new PostgreSQL schema dropped after."""

    def __init__(self, kind: str, tmp: Path) -> None:
        self.kind = kind
        self._schema: str | None = None
        if kind == "sqlite":
            self.url = f"sqlite:///{tmp / 'city.sqlite'}"
        else:
            from city_server.db import normalize_url

            base = normalize_url(os.environ[PG_ENV])
            self._base = base
            self._schema = "t_" + secrets.token_hex(6)
            eng = create_engine(base)
            with eng.begin() as conn:
                conn.execute(text(f"CREATE SCHEMA {self._schema}"))
            eng.dispose()
            self.url = _with_search_path(base, self._schema)
        self.store = Store(self.url)
        self.store.migrate()

    def close(self) -> None:
        self.store.close()
        if self._schema:
            eng = create_engine(self._base)
            with eng.begin() as conn:
                conn.execute(text(f"DROP SCHEMA {self._schema} CASCADE"))
            eng.dispose()

    def event_ids(self, counter_id: str | None = None) -> list[str]:
        with self.store.read() as s:
            q = select(Event.event_id)
            if counter_id:
                q = q.where(Event.counter_id == counter_id)
            return list(s.scalars(q))

    def count(self, model: Any = Event, counter_id: str | None = None) -> int:
        with self.store.read() as s:
            q = select(func.count()).select_from(model)
            if counter_id is not None:
                q = q.where(model.counter_id == counter_id)
            return int(s.scalar(q) or 0)


# --- a real uvicorn server in a thread -----------------------------------------------------------------


class ServerThread:
    def __init__(self, app: Any, port: int | None = None) -> None:
        self.port = port or free_port()
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_keep_alive=30,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerThread:
        self.thread.start()
        wait_for(lambda: self.server.started, 15, "uvicorn to start")
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


class Faults:
    """ASGI wrapper: per sync-upload request, optionally answer 500 instead of running (before=True)
    or after the app has done its work (the client never hears the answer), or delay the answer."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.plan: list[str] = []  # consumed per upload: "500-before" | "500-after" | "ok"
        self.delay_s = 0.0
        self.uploads = 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].endswith("/sync/events"):
            await self.app(scope, receive, send)
            return
        self.uploads += 1
        step = self.plan.pop(0) if self.plan else "ok"
        if step == "500-before":
            await _plain(send, 500)
            return
        if step == "500-after":

            async def swallow(_message: dict[str, Any]) -> None:
                return None

            await self.app(scope, receive, swallow)
            await _plain(send, 500)
            return
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        await self.app(scope, receive, send)


async def _plain(send: Any, status: int) -> None:
    await send(
        {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain")]}
    )
    await send({"type": "http.response.body", "body": b"injected fault"})


# --- a TCP proxy that cuts or stalls connections --------------------------------------------------------


@dataclass
class Cut:
    """What happens to one proxied connection: close after `up` bytes client→server or `down` bytes
    server→client (None: no limit); `stall`: never pass the answer on (the client times out)."""

    up: int | None = None
    down: int | None = None
    stall: bool = False


@dataclass
class Proxy:
    target_port: int
    plan: list[Cut] = field(default_factory=list)  # consumed one per new connection; then pass-through
    connections: int = 0
    cuts_done: int = 0

    def __post_init__(self) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = int(self.sock.getsockname()[1])
        self._stop = False
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._stop = True
        self.sock.close()

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                cut = self.plan.pop(0) if self.plan else Cut()
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=10)
            except OSError:
                client.close()
                continue
            conn = _Conn(client, upstream, cut, self)
            threading.Thread(target=conn.pump, args=(client, upstream, cut.up), daemon=True).start()
            threading.Thread(
                target=conn.pump, args=(upstream, client, cut.down, cut.stall), daemon=True
            ).start()


class _Conn:
    def __init__(self, a: socket.socket, b: socket.socket, cut: Cut, proxy: Proxy) -> None:
        self.a, self.b, self.cut, self.proxy = a, b, cut, proxy
        self.closed = threading.Event()

    def close(self) -> None:
        if not self.closed.is_set():
            self.closed.set()
            for s in (self.a, self.b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def pump(self, src: socket.socket, dst: socket.socket, limit: int | None, stall: bool = False) -> None:
        passed = 0
        try:
            while not self.closed.is_set():
                data = src.recv(65536)
                if not data:
                    break
                if stall:
                    continue  # swallow the answer: the client waits until its read timeout
                if limit is not None and passed + len(data) >= limit:
                    dst.sendall(data[: max(0, limit - passed)])
                    self.proxy.cuts_done += 1
                    break
                dst.sendall(data)
                passed += len(data)
        except OSError:
            pass
        self.close()


# --- the counter side -------------------------------------------------------------------------------------


def configure_counter(ctx: AppContext, server_url: str, cred: dict[str, str]) -> None:
    ctx.config.update(
        {"city.server_url": server_url, "city.counter_id": cred["counter_id"], "city.secret": cred["secret"]}
    )


def new_counter(db: ServerDb, ctx: AppContext) -> dict[str, str]:
    """A credential for `ctx` on the (module's shared) server. The tests' counters of one agency each
    number from 0001 in a data dir of their own, and the city refuses a second counter's dossier under a
    code it already holds: so each takes a number block of its own (docs/domain.md, Dossier code), as two
    real counters of one agency do."""
    from city_server.models import Counter

    with db.store.read() as s:
        # Every counter of the server so far (of any agency): the n-th takes block n % 10 of agency n // 10.
        taken = int(s.scalar(select(func.count()).select_from(Counter)) or 0)
    series, block = divmod(taken, 10)
    ctx.config.set("counter.number_block", str(block))
    if series:
        # The ten blocks of the agency are taken: an agency of its own, as if the office had been set up
        # so (its few events so far, written before any dossier, re-stamped).
        from db.models import OutboxEvent

        agency = f"{series:03d}.00.99.T56"
        ctx.config.set("agency.code", agency)
        with ctx.db.write() as s:
            s.execute(update(OutboxEvent).values(agency_code=agency))
    return add_counter(db.store, ctx.agency_code, ctx.counter_number)


def client_event_ids(ctx: AppContext) -> list[str]:
    from db.models import OutboxEvent

    with ctx.db.read() as s:
        return list(s.scalars(select(OutboxEvent.event_id)))


def sync(ctx: AppContext, url: str | None = None, *, pull: bool = True, **kw: Any) -> Any:
    kw.setdefault("retry", FAST_RETRY)
    kw.setdefault("read_timeout_s", 5.0)
    kw.setdefault("connect_timeout_s", 2.0)
    return SyncService(ctx, server_url=url, **kw).run(pull=pull)


def serve(db: ServerDb, faults: bool = False) -> Iterator[tuple[ServerThread, Faults | None]]:
    app: Any = create_app(db.store)
    wrapper = Faults(app) if faults else None
    server = ServerThread(wrapper or app).start()
    try:
        yield server, wrapper
    finally:
        server.stop()


@dataclass
class City:
    db: ServerDb
    server: ServerThread
    faults: Faults

    @property
    def url(self) -> str:
        return self.server.url


@pytest.fixture(scope="module", params=pg_params())
def city_module(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[City]:
    """A real city server on 127.0.0.1 over a fresh database (SQLite, and PostgreSQL when configured),
    shared by a module's tests: each test uses its own counter credential."""
    db = ServerDb(request.param, tmp_path_factory.mktemp("city"))
    gen = serve(db, faults=True)
    server, faults = next(gen)
    assert faults is not None
    try:
        yield City(db, server, faults)
    finally:
        gen.close()
        db.close()


@pytest.fixture
def city(city_module: City) -> City:
    city_module.faults.plan.clear()
    city_module.faults.delay_s = 0.0
    city_module.faults.uploads = 0
    return city_module


NAMES = ["Trần Thị Bích", "Lê Văn Cường", "Phạm Minh Đức", "Hoàng Thị Lan", "Võ Quốc Huy"]


def make_activity(ctx: AppContext, dossiers: int, *, advance: bool = True) -> list[str]:
    """Real business writes: `dossiers` intakes, each moved along (3 events per dossier when advance)."""
    from counter_app.services.dossiers import DossierService
    from counter_app.services.intake import IntakeService
    from tests.conftest import intake_doc

    intake, lifecycle = IntakeService(ctx), DossierService(ctx)
    codes = []
    for i in range(dossiers):
        doc = intake_doc()
        doc["applicant"] = {**doc["applicant"], "full_name": NAMES[i % len(NAMES)]}
        code = intake.receive(doc, actor="an").code
        if advance:
            lifecycle.change_status(code, "processing", actor="an")
            lifecycle.change_status(code, "ready", actor="an")
        codes.append(code)
    return codes
