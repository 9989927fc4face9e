"""The monthly reports as HTML pages: one agency (/bao-cao) and every agency ranked (/bao-cao/thanh-pho),
with small inline SVG charts. Plain functions of the report dicts figures.py builds; no data access.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from html import escape
from typing import Any

from contract.labels import LEVEL_VI, SIPAS_GROUPS

SIPAS_TICKS = {g.key: g.short_vi for g in SIPAS_GROUPS}


# --- HTML ----------------------------------------------------------------------------------------------

_STYLE = """
body{font-family:"Noto Sans","Segoe UI",Roboto,Arial,sans-serif;margin:0;background:#f4f6f8;color:#1d2733}
header{background:#1f5f99;color:#fff;padding:14px 20px}header h1{margin:0;font-size:1.25rem}
main{max-width:1100px;margin:20px auto;background:#fff;border-radius:8px;padding:20px 24px;
box-shadow:0 1px 3px rgba(0,0,0,.12)}h2{color:#1f5f99;font-size:1.1rem;margin-top:24px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{padding:6px 8px;border:1px solid #d5dbe1}
th{background:#e4ecf5;text-align:center}td.n{text-align:right}tr.flag td{background:#fde8e8}
.warn{color:#c53030;font-weight:bold}.note{color:#55606e;font-size:.9rem}
form{margin:8px 0 16px}input{font-size:1rem;padding:4px 6px}.reg td:first-child{white-space:nowrap}
svg{display:block;margin:8px 0;width:100%;max-width:560px;height:auto}.code{color:#55606e;font-size:.85rem}
td{overflow-wrap:anywhere}
@media (max-width:640px){main{margin:0;border-radius:0;padding:12px 10px}header{padding:12px 10px}
table.wide,table.wide tbody,table.wide tr,table.wide td{display:block;width:auto}
table.wide tr:first-child{display:none}table.wide tr{border:1px solid #d5dbe1;margin:0 0 8px;padding:4px 0}
table.wide td{border:0;padding:3px 8px;text-align:left!important;white-space:normal!important}
table.wide td::before{content:attr(data-label) ": ";color:#55606e}}
"""


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


def _n(v: Any) -> str:
    return "—" if v is None else f"{v:,}".replace(",", ".")


def _dur(v: int | None) -> str:
    return "—" if v is None else f"{v // 60} phút {v % 60:02d} giây"


def _when(v: str | None) -> str:
    if not v:
        return ""
    dt = datetime.fromisoformat(v)
    return f"{dt:%H:%M %d/%m/%Y}"


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>{escape(title)}</h1></header><main>{body}</main></body></html>"
    )


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    flags: Iterable[int] = (),
    numeric_from: int = 1,
    cls: str = "",
) -> str:
    """A table; one of more than three columns is `wide`: on a phone each row becomes a card of
    "heading: value" lines (the CSS above), never a table to scroll sideways. Cells are escaped, except
    `Markup` ones (already HTML)."""
    flagged = set(flags)
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join(
        f"<tr{' class=flag' if i in flagged else ''}>"
        + "".join(
            f'<td data-label="{escape(header[j]) if j < len(header) else ""}"'
            f"{' class=n' if j >= numeric_from else ''}>"
            f"{c if isinstance(c, Markup) else escape(str(c))}</td>"
            for j, c in enumerate(r)
        )
        + "</tr>"
        for i, r in enumerate(rows)
    )
    if len(header) > 3:
        cls = f"{cls} wide".strip()
    klass = f' class="{cls}"' if cls else ""
    return f"<table{klass}><tr>{head}</tr>{body}</table>"


class Markup(str):
    """A table cell that is already HTML (built here from escaped parts)."""


def agency_label(code: str, names: dict[str, str] | None) -> Markup:
    """The agency's name with its code beside it (the code alone when no name was given)."""
    name = (names or {}).get(code)
    if not name:
        return Markup(escape(code))
    return Markup(f'{escape(name)} <span class="code">({escape(code)})</span>')


def _short(text: str | None, limit: int = 60) -> str:
    text = text or ""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",;") + "…"


def svg_bars(
    labels: Sequence[str],
    values: Sequence[float | None],
    targets: Sequence[float | None] = (),
    title: str = "",
) -> str:
    """A small inline SVG bar chart (0–100 %), green/red against the dashed target when there is one."""
    w, h, left, bottom, top = 560, 220, 40, 30, 28
    plot_h, slot = h - bottom - top, (w - left - 10) / max(len(labels), 1)
    parts = [
        # viewBox and no fixed size: the chart scales down to a phone's width (CSS: svg width 100%).
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" '
        f'aria-label="{escape(title)}" style="font-family:inherit;font-size:11px">',
        f'<text x="{w / 2}" y="16" text-anchor="middle" font-weight="bold">{escape(title)}</text>',
    ]
    for tick in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - tick / 100)
        parts.append(
            f'<line x1="{left}" x2="{w - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e7eb"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="#52606d">{tick}%</text>'
        )
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        x0 = left + slot * i
        target = targets[i] if i < len(targets) else None
        color = "#1f5f99" if target is None or v is None else ("#2f855a" if v >= target else "#c53030")
        if v is not None:
            bh = plot_h * v / 100
            parts.append(
                f'<rect x="{x0 + slot * 0.25:.1f}" y="{top + plot_h - bh:.1f}" width="{slot * 0.5:.1f}" '
                f'height="{bh:.1f}" fill="{color}"/>'
            )
        if target is not None:
            ty = top + plot_h * (1 - target / 100)
            parts.append(
                f'<line x1="{x0 + slot * 0.1:.1f}" x2="{x0 + slot * 0.9:.1f}" y1="{ty:.1f}" y2="{ty:.1f}" '
                'stroke="#1f2933" stroke-width="2" stroke-dasharray="5,3"/>'
            )
        label_y = top + plot_h - (plot_h * v / 100 if v is not None else 0) - 4
        parts.append(
            f'<text x="{x0 + slot / 2:.1f}" y="{label_y:.1f}" text-anchor="middle" font-weight="bold">'
            f"{escape(_pct(v))}</text>"
            f'<text x="{x0 + slot / 2:.1f}" y="{h - 10}" text-anchor="middle">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _absent(name: str) -> str:
    return f'<p class="warn">Chưa có số liệu {escape(name)}: cơ quan chưa đồng bộ dữ liệu loại này.</p>'


def agency_html(r: dict[str, Any], names: dict[str, str] | None = None) -> str:
    d = r["dossiers"]
    parts = [
        f'<form method="get"><input type="hidden" name="cq" value="{escape(r["agency"]["code"])}">'
        f'Tháng: <input name="thang" value="{escape(r["month"])}" pattern="\\d{{4}}-\\d{{2}}"> '
        '<button type="submit">Xem</button> · <a href="/bao-cao/thanh-pho?thang='
        + escape(r["month"])
        + '">Xếp hạng toàn thành phố</a></form>',
        "<h2>I. Tiếp nhận và giải quyết hồ sơ</h2>",
        _table(
            ["Chỉ tiêu", "Số lượng"],
            [
                ["Hồ sơ tiếp nhận trong tháng", _n(d["received"])],
                ["Hồ sơ đã giải quyết trong tháng", _n(d["resolved"])],
                ["– Trước hạn", _n(d["early"])],
                ["– Đúng hạn", _n(d["on_time"])],
                ["– Quá hạn", _n(d["late"])],
                ["Tỷ lệ giải quyết đúng hạn", _pct(d["on_time_pct"])],
                ["Hồ sơ từ chối trong tháng", _n(d["rejected"])],
                ["Chưa giải quyết cuối kỳ", _n(d["open_at_end"])],
                ["– trong đó quá hạn", _n(d["overdue_open"])],
                ["Phiếu xin lỗi lập trong tháng", _n(r["apologies"]["issued"])],
                ["Hồ sơ quá hạn chưa có phiếu xin lỗi", _n(r["apologies"]["missing"])],
            ],
        ),
        svg_bars(
            [f"{t['month'][5:]}/{t['month'][:4]}" for t in r["on_time_trend"]],
            [t["on_time_pct"] for t in r["on_time_trend"]],
            title="Tỷ lệ đúng hạn 6 tháng gần nhất",
        ),
        "<h2>II. Hồ sơ quá hạn và phiếu xin lỗi</h2>",
    ]
    reg = r["overdue_register"]
    parts.append(
        _table(
            ["Mã hồ sơ", "Thủ tục", "Hạn trả ban đầu", "Tình trạng", "Phiếu xin lỗi", "Hẹn trả lại"],
            [
                [
                    x["code"],
                    _short(x["procedure"]),
                    _when(x["original_due_at"]),
                    f"Có kết quả {_when(x['resolved_at'])}" if x["resolved_at"] else "Chưa có kết quả",
                    f"Số {x['apology']['number']}, {_when(x['apology']['issued_at'])}"
                    if x["apology"]
                    else "CHƯA CÓ",
                    _when(x["apology"]["new_due_at"]) if x["apology"] else "",
                ]
                for x in reg
            ],
            flags=[i for i, x in enumerate(reg) if x["missing_apology"]],
            numeric_from=99,
            cls="reg",
        )
        if reg
        else '<p class="note">Không có hồ sơ quá hạn.</p>'
    )
    rt = r["ratings"]
    parts.append("<h2>III. Mức độ hài lòng</h2>")
    if rt is None:
        parts.append(_absent("đánh giá"))
    else:
        parts.append(
            _table(
                ["Chỉ tiêu", "Số lượng"],
                [
                    *[[LEVEL_VI.get(k, k), _n(v)] for k, v in rt["by_level"].items()],
                    ["Số lượt mời đánh giá", _n(rt["offered"])],
                    ["Số lượt đánh giá", _n(rt["rated"])],
                    ["Tỷ lệ đánh giá", _pct(rt["response_pct"])],
                    ["Tỷ lệ hài lòng", _pct(rt["satisfied_pct"])],
                ],
            )
        )
        groups = list(rt["by_group"].values())
        parts.append(
            _table(
                ["Nhóm tiêu chí SIPAS", "Câu trả lời", "Tỷ lệ hài lòng", "Chỉ tiêu", "Kết quả"],
                [
                    [
                        g["label"],
                        _n(g["answers"]),
                        _pct(g["satisfied_pct"]),
                        _pct(g["target_pct"]),
                        "—" if g["meets_target"] is None else ("Đạt" if g["meets_target"] else "Không đạt"),
                    ]
                    for g in groups
                ],
                flags=[i for i, g in enumerate(groups) if g["meets_target"] is False],
            )
        )
        parts.append(
            svg_bars(
                [SIPAS_TICKS[k] for k in rt["by_group"]],
                [g["satisfied_pct"] for g in groups],
                [g["target_pct"] for g in groups],
                title="Tỷ lệ hài lòng theo nhóm SIPAS (đường đứt: chỉ tiêu)",
            )
        )
    q = r["queue"]
    parts.append("<h2>IV. Xếp hàng lấy số</h2>")
    parts.append(
        _absent("xếp hàng")
        if q is None
        else _table(
            ["Dịch vụ", "Số phát", "Đã phục vụ", "Vắng mặt", "Chờ TB", "Chờ P90"],
            [
                [
                    s["name"],
                    _n(s["tickets"]),
                    _n(s["served"]),
                    _n(s["no_shows"]),
                    _dur(s["wait_avg_s"]),
                    _dur(s["wait_p90_s"]),
                ]
                for s in q["by_service"]
            ]
            + [
                [
                    "Tổng cộng",
                    _n(q["tickets"]),
                    _n(q["served"]),
                    _n(q["no_shows"]),
                    _dur(q["wait_avg_s"]),
                    _dur(q["wait_p90_s"]),
                ]
            ],
        )
    )
    p = r["payments"]
    parts.append("<h2>V. Phí, lệ phí</h2>")
    parts.append(
        _absent("thu phí")
        if p is None
        else _table(
            ["Chỉ tiêu", "Giá trị"],
            [
                ["Tổng số tiền đã thu", _n(p["total_vnd"]) + " ₫"],
                ["Số lượt nộp", _n(p["payments"])],
                ["Tỷ lệ không dùng tiền mặt (theo lượt)", _pct(p["cashless_pct"])],
            ],
        )
    )
    f = r["feedback"]
    parts.append("<h2>VI. Phản ánh, kiến nghị</h2>")
    parts.append(
        _absent("phản ánh")
        if f is None
        else _table(
            ["Chỉ tiêu", "Số lượng"],
            [
                ["Tiếp nhận trong tháng", _n(f["received"])],
                ["Trả lời trong tháng", _n(f["answered"])],
                ["– đúng hạn", _n(f["answered_in_time"])],
                ["– quá hạn", _n(f["answered_late"])],
                ["Chưa trả lời cuối kỳ", _n(f["open"])],
                ["– đã quá hạn", _n(f["overdue"])],
            ],
        )
    )
    parts.append(
        '<p class="note">Đúng hạn so với thời hạn hẹn trả ban đầu (hồ sơ đã xin lỗi vẫn tính theo hạn cũ); '
        "trước hạn: có kết quả vào ngày trước ngày hẹn. Số liệu từ dữ liệu các quầy đã đồng bộ.</p>"
    )
    code = r["agency"]["code"]
    name = (names or {}).get(code)
    who = f"{name} ({code})" if name else code
    title = f"Báo cáo chất lượng phục vụ tháng {r['month'][5:]}/{r['month'][:4]} — {who}"
    return _page(title, "".join(parts))


def city_html(c: dict[str, Any], names: dict[str, str] | None = None) -> str:
    rows = [
        [
            str(a["rank"]),
            agency_label(a["agency"], names),
            _n(a["received"]),
            _n(a["resolved"]),
            _pct(a["on_time_pct"]),
            _n(a["overdue_open"]),
            _n(a["apologies_missing"]),
            _pct(a["satisfied_pct"]),
        ]
        for a in c["agencies"]
    ]
    links = "".join(
        f'<li><a href="/bao-cao?cq={escape(a["agency"])}&amp;thang={escape(c["month"])}">'
        f"{agency_label(a['agency'], names)}</a></li>"
        for a in c["agencies"]
    )
    t = c["totals"]
    body = (
        f'<form method="get">Tháng: <input name="thang" value="{escape(c["month"])}"> <button>Xem</button></form>'
        + _table(
            [
                "Hạng",
                "Cơ quan",
                "Tiếp nhận",
                "Đã giải quyết",
                "Đúng hạn",
                "Tồn quá hạn",
                "Quá hạn chưa xin lỗi",
                "Hài lòng",
            ],
            rows,
            flags=[i for i, a in enumerate(c["agencies"]) if a["apologies_missing"]],
            numeric_from=2,
        )
        + f"<p>Toàn thành phố: {_n(t['agencies'])} cơ quan, tiếp nhận {_n(t['received'])}, đã giải quyết "
        f"{_n(t['resolved'])}, đúng hạn {_pct(t['on_time_pct'])}, tồn quá hạn {_n(t['overdue_open'])}.</p>"
        '<p class="note">Xếp hạng theo tỷ lệ giải quyết đúng hạn, rồi tỷ lệ hài lòng; cơ quan chưa có hồ sơ '
        "giải quyết trong tháng xếp cuối.</p>"
        f"<h2>Báo cáo từng cơ quan</h2><ul>{links}</ul>"
    )
    return _page(f"Xếp hạng chất lượng phục vụ các cơ quan tháng {c['month'][5:]}/{c['month'][:4]}", body)
