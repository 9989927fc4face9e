"""The web app: the signed sync API for counters, public tracking pages, city-wide figures.

OpenAPI at /docs. Bodies of sync requests are read raw (the signature covers the exact bytes) and only
then parsed; request bodies are never logged (they carry citizens' data).
"""

from __future__ import annotations

import json
import os
import zlib
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from city_server import pages, reports, service
from city_server.auth import Authenticator, AuthError
from city_server.db import ENV_DB, Store
from city_server.ingest import CounterInfo, Forbidden, ingest
from contract.envelope import (
    CALENDAR_PATH,
    CATALOG_PATH,
    EVENTS_PATH,
    HELLO_PATH,
    MAX_BATCH,
    MAX_BODY_BYTES,
)
from contract.events import DOSSIER_RECEIVED

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
    status: str = Field(description="accepted | duplicate | rejected")
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


SIGNED = {
    "parameters": [
        {"name": h, "in": "header", "required": True, "schema": {"type": "string"}}
        for h in ("X-Counter-Id", "X-Timestamp", "X-Nonce", "X-Signature")
    ],
}


def _json(value: Any, status: int = 200) -> Response:
    return Response(
        json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        status_code=status,
        media_type="application/json",
    )


def create_app(store: Store) -> FastAPI:
    app = FastAPI(
        title="Máy chủ thành phố — đồng bộ Bộ phận Một cửa",
        description="Nhận đồng bộ hằng đêm từ các quầy, tra cứu hồ sơ công khai, số liệu hằng tháng.",
        version="1.0",
    )
    app.state.store = store
    auth = Authenticator(store)
    app.include_router(reports.router)  # monthly reports: /bao-cao, /api/v1/reports/*

    @app.exception_handler(AuthError)
    async def _auth_error(_request: Request, exc: AuthError) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=exc.status)

    async def signed(request: Request) -> tuple[CounterInfo, bytes]:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
            raise HTTPException(413, "yêu cầu quá lớn")
        chunks, size = [], 0
        async for chunk in request.stream():  # capped even without a Content-Length (chunked bodies)
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise HTTPException(413, "yêu cầu quá lớn")
            chunks.append(chunk)
        body = b"".join(chunks)
        target = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1")
        if request.scope.get("query_string"):
            target += "?" + request.scope["query_string"].decode("latin-1")
        headers = {k.lower(): v for k, v in request.headers.items()}
        counter = await run_in_threadpool(auth.check, request.method, target, headers, body)
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
    )
    async def upload(request: Request) -> Response:
        counter, body = await signed(request)
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise HTTPException(400, "nội dung không phải JSON") from None
        events = data.get("events") if isinstance(data, dict) else None
        if not isinstance(events, list):
            raise HTTPException(400, 'cần {"events": [...]}')
        if len(events) > MAX_BATCH:
            raise HTTPException(413, f"tối đa {MAX_BATCH} sự kiện mỗi lô")
        try:
            results = await run_in_threadpool(ingest, store, counter, events)
        except Forbidden as exc:
            raise HTTPException(403, str(exc)) from None
        return _json({"results": results})

    @app.get(
        CATALOG_PATH,
        tags=["sync"],
        openapi_extra=SIGNED,
        summary="Danh mục thủ tục mới nhất (document rỗng khi quầy đã có phiên bản này)",
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
    )
    async def calendar(request: Request, since: int = Query(0, ge=0)) -> Response:
        await signed(request)
        return _json(await run_in_threadpool(service.calendar_since, store, since))

    @app.get(HELLO_PATH, tags=["sync"], openapi_extra=SIGNED, summary="Kiểm tra chứng thư của quầy")
    async def hello(request: Request) -> Response:
        counter, _ = await signed(request)
        return _json(
            {
                "counter_id": counter.id,
                "agency_code": counter.agency_code,
                "counter_number": counter.counter_number,
            }
        )

    # --- public ---------------------------------------------------------------------------------------

    @app.get("/tra-cuu", response_class=HTMLResponse, tags=["public"], summary="Trang tra cứu hồ sơ")
    async def lookup_page(ma: str = Query("", max_length=60)) -> HTMLResponse:
        d = await run_in_threadpool(service.dossier_public, store, ma) if ma.strip() else None
        return HTMLResponse(
            pages.dossier_page(ma.strip(), d), status_code=404 if ma.strip() and d is None else 200
        )

    @app.get(
        "/api/v1/dossiers/{code}", tags=["public"], summary="Tra cứu hồ sơ (JSON, không có dữ liệu cá nhân)"
    )
    async def lookup_json(code: str) -> Response:
        d = await run_in_threadpool(service.dossier_public, store, code)
        if d is None:
            raise HTTPException(404, "không tìm thấy hồ sơ")
        return _json(d)

    @app.get(
        "/so-thu-tu",
        response_class=HTMLResponse,
        tags=["public"],
        summary="Tra cứu số thứ tự (mã QR trên phiếu)",
    )
    async def ticket_page(
        so: str = Query(..., max_length=10),
        cq: str = Query(..., max_length=40),
        ngay: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
    ) -> HTMLResponse:
        t = await run_in_threadpool(service.ticket_public, store, so, cq, ngay)
        return HTMLResponse(pages.ticket_page(so, cq, t), status_code=200 if t else 404)

    @app.get("/api/v1/tickets", tags=["public"], summary="Tra cứu số thứ tự (JSON)")
    async def ticket_json(
        so: str = Query(..., max_length=10),
        cq: str = Query(..., max_length=40),
        ngay: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
    ) -> Response:
        t = await run_in_threadpool(service.ticket_public, store, so, cq, ngay)
        if t is None:
            raise HTTPException(404, "không tìm thấy số thứ tự")
        return _json(t)

    @app.get(
        "/api/v1/stats", response_model=StatsModel, tags=["public"], summary="Số liệu tháng của một cơ quan"
    )
    async def stats(
        agency: str = Query(..., max_length=40), month: str = Query(..., max_length=7)
    ) -> Response:
        try:
            return _json(await run_in_threadpool(reports.stats, store, agency, month))
        except service.AdminError as exc:
            raise HTTPException(422, str(exc)) from None

    @app.get("/healthz", include_in_schema=False)
    async def health() -> Response:
        return _json({"ok": True})

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


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` workers: the database URL comes from $CITY_SERVER_DB."""
    return create_app(Store(os.environ.get(ENV_DB)))
