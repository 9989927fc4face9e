"""The reports' routes: JSON under /api/v1/reports/, pages under /bao-cao (included by city_server.app)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from city_server.reports.figures import agency_report, city_report
from city_server.reports.pages import agency_html, city_html
from city_server.service import AdminError

router = APIRouter(tags=["reports"])


def _json(value: Any) -> Response:
    return Response(
        json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        media_type="application/json",
    )


async def _agency(request: Request, agency: str, month: str) -> dict[str, Any]:
    try:
        return await run_in_threadpool(agency_report, request.app.state.store, agency.strip(), month.strip())
    except AdminError as exc:
        raise HTTPException(422, str(exc)) from None
    except LookupError:
        raise HTTPException(404, f"không có dữ liệu của cơ quan '{agency}'") from None


async def _city(request: Request, month: str) -> dict[str, Any]:
    try:
        return await run_in_threadpool(city_report, request.app.state.store, month.strip())
    except AdminError as exc:
        raise HTTPException(422, str(exc)) from None


@router.get("/api/v1/reports/monthly", summary="Báo cáo tháng của một cơ quan (JSON)")
async def agency_json(
    request: Request, agency: str = Query(..., max_length=40), month: str = Query(..., max_length=7)
) -> Response:
    return _json(await _agency(request, agency, month))


@router.get("/api/v1/reports/city", summary="Xếp hạng các cơ quan theo tỷ lệ đúng hạn và hài lòng (JSON)")
async def city_json(request: Request, month: str = Query(..., max_length=7)) -> Response:
    return _json(await _city(request, month))


@router.get("/bao-cao", response_class=HTMLResponse, summary="Báo cáo tháng của một cơ quan")
async def agency_page(
    request: Request, cq: str = Query(..., max_length=40), thang: str = Query(..., max_length=7)
) -> HTMLResponse:
    return HTMLResponse(agency_html(await _agency(request, cq, thang)))


@router.get("/bao-cao/thanh-pho", response_class=HTMLResponse, summary="Xếp hạng các cơ quan trong tháng")
async def city_page(request: Request, thang: str = Query(..., max_length=7)) -> HTMLResponse:
    return HTMLResponse(city_html(await _city(request, thang)))
