"""The API's description as tools read it (/openapi.json), and the page `serve --docs` makes of it.

Every status a handler can answer is listed with its body's shape (errors are always
{"detail": "Vietnamese sentence"}, 422 included: city_server/app.py turns FastAPI's own list of
validation errors into one sentence), and the sync upload's body, which the handler reads raw for its
signature, is described by its models here. The docs page is rendered on the server from the same
description: no script, nothing loaded from another site.
"""

from __future__ import annotations

from html import escape
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, Field


class ErrorModel(BaseModel):
    detail: str = Field(description="lý do, bằng tiếng Việt")


_WHY = {
    400: "yêu cầu sai dạng",
    401: "xác thực không thành công (một câu trả lời chung cho mọi lý do)",
    403: "chứng thư đã bị thu hồi, hoặc lô sự kiện nhận thay quầy/cơ quan khác",
    404: "không tìm thấy (hoặc tháng chưa bắt đầu)",
    413: "yêu cầu quá lớn",
    422: "tham số không hợp lệ",
    429: "tra cứu quá nhiều lần; thử lại sau (Retry-After)",
}
HTML_ERROR = {"text/html": {"schema": {"type": "string"}}}
JSON_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorModel"}}}


def errors(*statuses: int, html: bool = False) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: each status with the error body (HTML pages answer HTML, but a
    parameter FastAPI refuses before the handler runs is answered in JSON, 422, on every route)."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        if html and status != 422:
            out[status] = {"description": _WHY[status], "content": HTML_ERROR}
        else:  # spelled out: a `model` would take an HTML route's media type
            out[status] = {"description": _WHY[status], "content": JSON_ERROR}
    return out


def install(app: FastAPI, extra_models: tuple[type[BaseModel], ...]) -> None:
    """Generate the description once, with `extra_models` (referenced only from openapi_extra) added to
    its components so that no reference dangles."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            schemas = spec.setdefault("components", {}).setdefault("schemas", {})
            _one_error_shape(spec, schemas)
            for model in extra_models:
                js = model.model_json_schema(ref_template="#/components/schemas/{model}")
                schemas.update(js.pop("$defs", {}))
                schemas[model.__name__] = js
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _one_error_shape(spec: dict[str, Any], schemas: dict[str, Any]) -> None:
    """FastAPI documents a 422 of its own (a list of errors) on every route with parameters; the app
    answers {"detail": sentence} instead (city_server/app.py), so that is what the description says."""
    for ops in spec.get("paths", {}).values():
        for op in ops.values():
            answer = op.get("responses", {}).get("422")
            if answer and "HTTPValidationError" in str(answer):
                answer.update(description=_WHY[422], content=JSON_ERROR)
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas.setdefault("ErrorModel", ErrorModel.model_json_schema())


def docs_html(spec: dict[str, Any]) -> str:
    """A plain HTML reference of every operation: path, summary, parameters, answers."""
    parts = [
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(spec['info']['title'])}</title><style>"
        "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:900px;padding:12px;color:#1d2733}"
        "code{background:#eef1f4;padding:1px 4px;border-radius:3px;overflow-wrap:anywhere}"
        "section{border-top:1px solid #dde2e7;padding:8px 0}li{margin:2px 0}</style></head><body>"
        f"<h1>{escape(spec['info']['title'])}</h1><p>{escape(spec['info'].get('description', ''))}</p>"
        '<p>Mô tả máy đọc được: <a href="/openapi.json">/openapi.json</a></p>'
    ]
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            params = "".join(
                f"<li><code>{escape(p['name'])}</code> ({escape(p['in'])}"
                f"{', bắt buộc' if p.get('required') else ''})"
                f"{' — mẫu <code>' + escape(p['schema']['pattern']) + '</code>' if p.get('schema', {}).get('pattern') else ''}"
                "</li>"
                for p in op.get("parameters", [])
            )
            answers = "".join(
                f"<li><b>{escape(str(code))}</b> {escape(r.get('description', ''))}</li>"
                for code, r in op.get("responses", {}).items()
            )
            parts.append(
                f"<section><h2><code>{method.upper()} {escape(path)}</code></h2>"
                f"<p>{escape(op.get('summary', ''))}</p>"
                + (f"<h3>Tham số</h3><ul>{params}</ul>" if params else "")
                + f"<h3>Trả lời</h3><ul>{answers}</ul></section>"
            )
    parts.append("</body></html>")
    return "".join(parts)
