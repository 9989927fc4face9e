"""The QĐ 766 ranking as a public page (/bao-cao/chi-so-766): every agency's indicators and score, from
index766.city_index; no dossier code, name or ID number (those stay in the per-agency JSON's lists)."""

from __future__ import annotations

from html import escape
from typing import Any

from city_server.reports.pages import _page, _pct, _table, agency_label


def index766_html(c: dict[str, Any], names: dict[str, str] | None = None) -> str:
    heads = [i["name"] for i in c["indicators"]]
    rows = [
        [str(a["rank"]), agency_label(a["agency"], names), _pct(a["score"])]
        + [f"{_pct(i['value_pct'])} ({i['numerator']}/{i['denominator']})" for i in a["indicators"]]
        for a in c["agencies"]
    ]
    month = f"{c['month'][5:]}/{c['month'][:4]}"
    body = (
        f'<form method="get">Tháng: <input name="thang" value="{escape(c["month"])}"> <button>Xem</button></form>'
        + _table(["Hạng", "Cơ quan", "Điểm chung", *heads], rows, numeric_from=2)
        + '<p class="note">Các chỉ số phía quầy của Bộ chỉ số theo Quyết định 766/QĐ-TTg ngày 23/6/2022. '
        "Điểm chung: trung bình cộng các chỉ số có số liệu (không phải thang điểm 100 chính thức); cơ quan "
        "chưa có chỉ số nào xếp cuối. Công thức và nguồn: docs/index-766.md.</p>"
    )
    return _page(f"Chỉ số phục vụ theo Quyết định 766/QĐ-TTg tháng {month}", body)
