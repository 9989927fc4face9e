"""The web app: the signed sync API for counters, public tracking pages, city-wide figures.

OpenAPI at /openapi.json (a docs page at /docs only with `serve --docs`: city_server/openapi.py).
Bodies of sync requests are read raw (the signature covers the exact bytes) and only after the
headers passed every check they can (city_server/guard.py); request bodies are never logged (they
carry citizens' data). Public lookups need the dossier's key as well as its code, and are rate-limited
per client.
"""

from __future__ import annotations

import json
import os
import zlib
from typing import Any, Literal, TypeVar

from fastapi import FastAPI, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from city_server import pages, reports, service
from city_server.auth import Authenticator, AuthError
from city_server.db import ENV_DB, ENV_DOCS, ENV_PUBLIC_RATE, PUBLIC_RATE_PER_MIN, Store
from city_server.guard import (
    RateLimited,
    RateLimiter,
    SecurityHeaders,
    client_host,
    declared_length,
    read_capped,
)
from city_server.ingest import CounterInfo, Forbidden, ingest, server_now
from city_server.openapi import docs_html, errors, install
from city_server.releases import latest_release
from city_server.validation import BatchError, parse_batch
from contract.envelope import (
    CALENDAR_PATH,
    CATALOG_PATH,
    EVENTS_PATH,
    H_REFUSAL,
    HELLO_PATH,
    MAX_BODY_BYTES,
    SCOPE_COUNTER,
    SCOPE_OFFICE,
    normalize_tracking_key,
)
from contract.events import DOSSIER_RECEIVED
from contract.releases import VERSION_PATH

# --- OpenAPI shapes (documentation; the handlers validate the raw JSON themselves) ---------------------


class EventModel(BaseModel):
    event_id: str = Field(description="UUID; the server keeps each event once")
    seq: int = Field(description="the counter's outbox sequence")
    type: str = Field(examples=[DOSSIER_RECEIVED])
    agency_code: str
    counter_number: int
    created_at: str = Field(description="ISO 8601 with offset")
    payload: dict[str, Any]


class BatchModel(BaseModel):
    events: list[EventModel]


class ResultModel(BaseModel):
    event_id: str
    status: Literal["accepted", "duplicate", "rejected"]
    reason: str | None = None


class BatchResultModel(BaseModel):
    results: list[ResultModel]


class StatsModel(BaseModel):
    agency: str
    month: str
    received: int
    resolved: int
    on_time_pct: float | None
    overdue: int
    apologies: int
    satisfied_pct: float | None
    conflicts: int = Field(
        description="hồ sơ bị từ chối vì mã đã thuộc hồ sơ của quầy khác (không gộp hai hồ sơ làm một)"
    )


class LatestVersionModel(BaseModel):
    latest: str | None = Field(description="null while nothing was published", examples=["1.4.0"])
    notice: str = Field(description="a line for the counter's administrator")
    url: str = Field(description="where the installer is (https://…), or empty")


SIGNED = {
    "parameters": [
        {"name": h, "in": "header", "required": True, "schema": {"type": "string", "pattern": pattern}}
        for h, pattern in (
            ("X-Counter-Id", r"^[0-9A-Za-z_-]{1,64}$"),
            ("X-Timestamp", r"^[0-9]{1,12}$"),
            ("X-Nonce", r"^[0-9A-Za-z_-]{16,64}$"),
            ("X-Signature", r"^[0-9a-fA-F]{64}$"),
        )
    ],
}
AGENCY_PATTERN = r"^[0-9A-Z]{1,6}(\.[0-9A-Z]{1,6}){1,5}$"
MONTH_PATTERN = r"^20[0-9]{2}-(0[1-9]|1[0-2])$"
DAY_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_HINTS = {
    "month": "YYYY-MM",
    "thang": "YYYY-MM",
    "ngay": "YYYY-MM-DD",
    "agency": "mã cơ quan, ví dụ 000.00.06.H56",
    "cq": "mã cơ quan, ví dụ 000.00.06.H56",
}


R = TypeVar("R", bound=Response)


def _json(value: Any, status: int = 200) -> Response:
    return Response(
        json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        status_code=status,
        media_type="application/json",
    )


def create_app(store: Store, *, docs: bool = False, public_rate: int = PUBLIC_RATE_PER_MIN) -> FastAPI:
    """The app over `store`. `docs`: serve /docs (and /redoc) pages; `public_rate`: public lookups a
    minute per client (0: no limit, for benchmarks from one address)."""
    app = FastAPI(
        title="Máy chủ thành phố — đồng bộ Bộ phận Một cửa",
        description="Nhận đồng bộ hằng đêm từ các quầy, tra cứu hồ sơ công khai, số liệu hằng tháng.",
        version="1.0",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    auth = Authenticator(store)
    limiter = RateLimiter(public_rate)
    app.include_router(reports.router)  # monthly reports: /bao-cao, /api/v1/reports/*
    app.add_middleware(SecurityHeaders)
    install(app, (BatchModel,))

    @app.exception_handler(AuthError)
    async def _auth_error(_request: Request, exc: AuthError) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # One sentence naming the parameter, as every other error (the schema says detail is a string).
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ())[1:]) or "yêu cầu"
        if first.get("type") == "missing":
            return JSONResponse({"detail": f"thiếu tham số '{where}'"}, status_code=422)
        hint = _HINTS.get(where)
        detail = f"tham số '{where}' không hợp lệ" + (f": phải có dạng {hint}" if hint else "")
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(RateLimited)
    async def _too_many(request: Request, exc: RateLimited) -> Response:
        headers = {"Retry-After": str(exc.retry_after)}
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": pages.TOO_MANY}, status_code=429, headers=headers)
        return HTMLResponse(pages.too_many_page(exc.retry_after), status_code=429, headers=headers)

    def limit(request: Request) -> None:
        limiter.take(client_host(request))

    async def signed(request: Request) -> tuple[CounterInfo, bytes]:
        # Everything the headers alone can refuse is refused before a byte of the body is read.
        declared_length(request, MAX_BODY_BYTES)
        headers = {k.lower(): v for k, v in request.headers.items()}
        claim = await run_in_threadpool(auth.admit, headers)
        body = await read_capped(request, MAX_BODY_BYTES)
        target = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1")
        if request.scope.get("query_string"):
            target += "?" + request.scope["query_string"].decode("latin-1")
        counter = await run_in_threadpool(auth.verify, claim, request.method, target, body)
        if request.headers.get("content-encoding", "").lower() == "gzip":
            body = _gunzip(body)
        return counter, body

    @app.post(
        EVENTS_PATH,
        response_model=BatchResultModel,
        tags=["sync"],
        openapi_extra={
            **SIGNED,
            "requestBody": {
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BatchModel"}}},
                "required": True,
            },
        },
        summary="Gửi một lô sự kiện (mỗi sự kiện: accepted | duplicate | rejected)",
        responses=errors(400, 401, 403, 413),
    )
    async def upload(request: Request) -> Response:
        counter, body = await signed(request)
        try:
            events, plain = parse_batch(body)
        except BatchError as exc:
            raise HTTPException(exc.status, exc.reason) from None
        try:
            results = await run_in_threadpool(ingest, store, counter, events, plain=plain)
        except Forbidden as exc:
            raise HTTPException(403, str(exc), {H_REFUSAL: exc.refusal} if exc.refusal else None) from None
        return _json({"results": results})

    @app.get(
        CATALOG_PATH,
        tags=["sync"],
        openapi_extra=SIGNED,
        summary="Danh mục thủ tục mới nhất (document rỗng khi quầy đã có phiên bản này)",
        responses=errors(401, 403, 413, 422),
    )
    async def catalog(request: Request, since: str = Query("", max_length=40)) -> Response:
        await signed(request)
        latest = await run_in_threadpool(service.latest_catalog, store)
        if latest is None:
            return _json({"version": None, "document": None})
        version, document = latest
        return _json({"version": version, "document": None if version == since else document})

    @app.get(
        CALENDAR_PATH,
        tags=["sync"],
        openapi_extra=SIGNED,
        summary="Ngày nghỉ, ngày làm bù do thành phố quy định, thay đổi sau phiên bản `since`",
        responses=errors(401, 403, 413, 422),
    )
    async def calendar(request: Request, since: int = Query(0, ge=0)) -> Response:
        await signed(request)
        return _json(await run_in_threadpool(service.calendar_since, store, since))

    @app.get(
        HELLO_PATH,
        tags=["sync"],
        openapi_extra=SIGNED,
        summary="Kiểm tra chứng thư của quầy",
        responses=errors(401, 403, 413),
    )
    async def hello(request: Request) -> Response:
        counter, _ = await signed(request)
        return _json(
            {
                "counter_id": counter.id,
                "agency_code": counter.agency_code,
                "counter_number": counter.counter_number,
                "scope": SCOPE_OFFICE if counter.office else SCOPE_COUNTER,
            }
        )

    # --- public ---------------------------------------------------------------------------------------

    @app.get(
        "/tra-cuu",
        response_class=HTMLResponse,
        tags=["public"],
        summary="Trang tra cứu hồ sơ (mã hồ sơ và mã tra cứu in dưới mã QR)",
        responses=errors(404, 422, 429, html=True),
    )
    async def lookup_page(
        request: Request, ma: str = Query("", max_length=60), k: str = Query("", max_length=20)
    ) -> HTMLResponse:
        code, key = ma.strip(), normalize_tracking_key(k)
        if not code or not k.strip():
            # The code alone opens nothing: it only brings the form back, asking for the key.
            return _no_store(HTMLResponse(pages.dossier_page(code, None, asked=False)))
        limit(request)
        d = await run_in_threadpool(service.dossier_public, store, code, key) if key else None
        return _no_store(HTMLResponse(pages.dossier_page(code, d), status_code=200 if d else 404))

    @app.get(
        "/api/v1/dossiers/{code}",
        tags=["public"],
        summary="Tra cứu hồ sơ (JSON, không có dữ liệu cá nhân); cần mã tra cứu k",
        responses=errors(404, 422, 429),
    )
    async def lookup_json(
        request: Request,
        code: str = Path(..., max_length=60),
        k: str = Query(..., max_length=20, description="mã tra cứu in dưới mã QR trên giấy tiếp nhận"),
    ) -> Response:
        limit(request)
        key = normalize_tracking_key(k)
        d = await run_in_threadpool(service.dossier_public, store, code, key) if key else None
        if d is None:
            raise HTTPException(404, "không tìm thấy hồ sơ với mã và mã tra cứu này")
        return _no_store(_json(d))

    @app.get(
        "/so-thu-tu",
        response_class=HTMLResponse,
        tags=["public"],
        summary="Tra cứu số thứ tự (mã QR trên phiếu)",
        responses=errors(404, 422, 429, html=True),
    )
    async def ticket_page(
        request: Request,
        so: str = Query(..., max_length=10),
        cq: str = Query(..., max_length=40),
        ngay: str | None = Query(None, pattern=DAY_PATTERN),
    ) -> HTMLResponse:
        limit(request)
        t = await run_in_threadpool(service.ticket_public, store, so, cq, ngay)
        return HTMLResponse(pages.ticket_page(so, cq, t), status_code=200 if t else 404)

    @app.get(
        "/api/v1/tickets",
        tags=["public"],
        summary="Tra cứu số thứ tự (JSON)",
        responses=errors(404, 422, 429),
    )
    async def ticket_json(
        request: Request,
        so: str = Query(..., max_length=10),
        cq: str = Query(..., max_length=40),
        ngay: str | None = Query(None, pattern=DAY_PATTERN),
    ) -> Response:
        limit(request)
        t = await run_in_threadpool(service.ticket_public, store, so, cq, ngay)
        if t is None:
            raise HTTPException(404, "không tìm thấy số thứ tự")
        return _json(t)

    @app.get(
        "/api/v1/stats",
        response_model=StatsModel,
        tags=["public"],
        summary="Số liệu tháng của một cơ quan",
        responses=errors(404, 422),
    )
    async def stats(
        agency: str = Query(..., max_length=40, pattern=AGENCY_PATTERN),
        month: str = Query(..., max_length=7, pattern=MONTH_PATTERN),
    ) -> Response:
        if month > server_now()[:7]:
            raise HTTPException(404, "tháng này chưa bắt đầu: chưa có số liệu")
        try:
            return _json(await run_in_threadpool(reports.stats, store, agency, month))
        except service.AdminError as exc:
            raise HTTPException(422, str(exc)) from None

    @app.get(
        VERSION_PATH,
        response_model=LatestVersionModel,
        tags=["public"],
        summary="Phiên bản phần mềm quầy mới nhất do thành phố công bố (quầy chỉ báo cho quản trị viên)",
    )
    async def latest_version() -> Response:
        return _json(await run_in_threadpool(latest_release, store))

    @app.get("/healthz", include_in_schema=False)
    async def health() -> Response:
        return _json({"ok": True})

    if docs:

        @app.get("/docs", include_in_schema=False)
        @app.get("/redoc", include_in_schema=False)
        async def docs_page() -> HTMLResponse:
            return HTMLResponse(docs_html(app.openapi()))

    return app


def _gunzip(body: bytes) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, MAX_BODY_BYTES)
    except zlib.error:
        raise HTTPException(400, "nội dung gzip hỏng") from None
    if inflater.unconsumed_tail:
        raise HTTPException(413, "yêu cầu quá lớn sau khi giải nén")
    return out


def _no_store(response: R) -> R:
    response.headers["Cache-Control"] = "no-store"  # the page answers to a key: keep it out of caches
    return response


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` workers: the database URL and the options `serve` was given
    come from the environment ($CITY_SERVER_DB, $CITY_SERVER_DOCS, $CITY_SERVER_PUBLIC_RATE)."""
    rate = os.environ.get(ENV_PUBLIC_RATE, "")
    return create_app(
        Store(os.environ.get(ENV_DB)),
        docs=os.environ.get(ENV_DOCS) == "1",
        public_rate=int(rate) if rate.isdigit() else PUBLIC_RATE_PER_MIN,
    )
