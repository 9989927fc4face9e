"""The reports' routes: JSON under /api/v1/reports/, pages under /bao-cao (included by city_server.app)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from city_server.ingest import server_now
from city_server.openapi import errors
from city_server.reports.figures import agency_report, city_report
from city_server.reports.index766 import agency_index, city_index
from city_server.reports.index766_page import index766_html
from city_server.reports.pages import agency_html, city_html
from city_server.service import AdminError, agency_names

router = APIRouter(tags=["reports"])


def _json(value: Any) -> Response:
    return Response(
        json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        media_type="application/json",
    )


# The description tools read (city_server/openapi.py): the same patterns the handlers enforce.
AGENCY = r"^[0-9A-Z]{1,6}(\.[0-9A-Z]{1,6}){1,5}$"
MONTH = r"^20[0-9]{2}-(0[1-9]|1[0-2])$"
ANSWERS = errors(404, 422)


def _begun(month: str) -> None:
    if month > server_now()[:7]:
        raise HTTPException(404, "tháng này chưa bắt đầu: chưa có số liệu")


async def _agency(request: Request, agency: str, month: str) -> dict[str, Any]:
    _begun(month)
    try:
        return await run_in_threadpool(agency_report, request.app.state.store, agency.strip(), month.strip())
    except AdminError as exc:
        raise HTTPException(422, str(exc)) from None
    except LookupError:
        raise HTTPException(404, f"không có dữ liệu của cơ quan '{agency}'") from None


async def _city(request: Request, month: str) -> dict[str, Any]:
    _begun(month)
    try:
        return await run_in_threadpool(city_report, request.app.state.store, month.strip())
    except AdminError as exc:
        raise HTTPException(422, str(exc)) from None


@router.get("/api/v1/reports/monthly", summary="Báo cáo tháng của một cơ quan (JSON)", responses=ANSWERS)
async def agency_json(
    request: Request,
    agency: str = Query(..., max_length=40, pattern=AGENCY),
    month: str = Query(..., max_length=7, pattern=MONTH),
) -> Response:
    return _json(await _agency(request, agency, month))


@router.get(
    "/api/v1/reports/city",
    summary="Xếp hạng các cơ quan theo tỷ lệ đúng hạn và hài lòng (JSON)",
    responses=ANSWERS,
)
async def city_json(request: Request, month: str = Query(..., max_length=7, pattern=MONTH)) -> Response:
    return _json(await _city(request, month))


@router.get(
    "/api/v1/index766",
    summary="Chỉ số phục vụ theo Quyết định 766/QĐ-TTg: một cơ quan, hoặc mọi cơ quan xếp hạng (JSON)",
    responses=ANSWERS,
)
async def index766_json(
    request: Request,
    month: str = Query(..., max_length=7, pattern=MONTH),
    agency: str | None = Query(None, max_length=40, pattern=AGENCY),
) -> Response:
    _begun(month)
    store = request.app.state.store
    try:
        if agency:
            return _json(await run_in_threadpool(agency_index, store, agency.strip(), month.strip()))
        return _json(await run_in_threadpool(city_index, store, month.strip()))
    except AdminError as exc:
        raise HTTPException(422, str(exc)) from None
    except LookupError:
        raise HTTPException(404, f"không có dữ liệu của cơ quan '{agency}'") from None


@router.get(
    "/bao-cao", response_class=HTMLResponse, summary="Báo cáo tháng của một cơ quan", responses=ANSWERS
)
async def agency_page(
    request: Request,
    cq: str = Query(..., max_length=40, pattern=AGENCY),
    thang: str = Query(..., max_length=7, pattern=MONTH),
) -> HTMLResponse:
    report = await _agency(request, cq, thang)
    names = await run_in_threadpool(agency_names, request.app.state.store)
    return HTMLResponse(agency_html(report, names))


@router.get(
    "/bao-cao/thanh-pho",
    response_class=HTMLResponse,
    summary="Xếp hạng các cơ quan trong tháng",
    responses=ANSWERS,
)
async def city_page(request: Request, thang: str = Query(..., max_length=7, pattern=MONTH)) -> HTMLResponse:
    report = await _city(request, thang)
    names = await run_in_threadpool(agency_names, request.app.state.store)
    return HTMLResponse(city_html(report, names))


@router.get(
    "/bao-cao/chi-so-766",
    response_class=HTMLResponse,
    summary="Chỉ số phục vụ theo Quyết định 766/QĐ-TTg, các cơ quan xếp hạng",
    responses=ANSWERS,
)
async def index766_page(
    request: Request, thang: str = Query(..., max_length=7, pattern=MONTH)
) -> HTMLResponse:
    _begun(thang)
    try:
        ranking = await run_in_threadpool(city_index, request.app.state.store, thang.strip())
    except AdminError as exc:
        raise HTTPException(422, str(exc)) from None
    names = await run_in_threadpool(agency_names, request.app.state.store)
    return HTMLResponse(index766_html(ranking, names))
