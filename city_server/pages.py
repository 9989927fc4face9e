"""Public HTML pages (the QR codes on receipts and tickets lead here). Vietnamese, no personal data."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

_STYLE = """
body{font-family:"Noto Sans","Segoe UI",Roboto,Arial,sans-serif;margin:0;background:#f4f6f8;color:#1d2733}
header{background:#b71c1c;color:#fff;padding:14px 20px}header h1{margin:0;font-size:1.25rem}
main{max-width:720px;margin:20px auto;background:#fff;border-radius:8px;padding:20px 24px;
box-shadow:0 1px 3px rgba(0,0,0,.12)}
td{overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%}th{text-align:left;width:38%;color:#55606e;font-weight:normal}
th,td{padding:8px 6px;border-bottom:1px solid #e3e7eb;vertical-align:top}
.status{font-weight:bold;font-size:1.1rem}.note{color:#55606e;font-size:.9rem;margin-top:16px}
form{margin-top:16px;display:flex;flex-wrap:wrap;gap:10px;align-items:flex-end}
label{display:flex;flex-direction:column;gap:4px;flex:1 1 12rem;color:#55606e;font-size:.9rem}
input{font-size:1rem;padding:8px;min-width:0;border:1px solid #b8c0c8;border-radius:4px}
button{font-size:1rem;padding:8px 18px;border:0;border-radius:4px;background:#b71c1c;color:#fff}
.live{font-size:1.1rem;line-height:1.7;background:#fff6e8;border-left:4px solid #b71c1c;padding:10px 14px;
margin:0 0 16px}.live b{font-size:1.25rem}.stale{background:#fdecea;color:#8a1c1c;padding:8px 12px;
border-radius:4px;margin:0 0 16px}
@media (max-width:600px){main{margin:0;border-radius:0;padding:14px 12px}
th,td{display:block;width:auto;border:0;padding:2px 0}tr{display:block;padding:8px 0;border-bottom:1px solid #e3e7eb}}
"""


def when(value: str | None) -> str:
    """'15:00 ngày 26/11/2026' from ISO text; '—' when unknown."""
    if not value:
        return "—"
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return escape(value)
    return f"{dt:%H:%M} ngày {dt:%d/%m/%Y}"


def _page(
    title: str, body: str, heading: str = "Tra cứu hồ sơ thủ tục hành chính", *, refresh_s: int | None = None
) -> str:
    refresh = f'<meta http-equiv="refresh" content="{refresh_s}">' if refresh_s else ""
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">{refresh}'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>{escape(heading)}</h1></header>"
        f"<main>{body}</main></body></html>"
    )


def _rows(rows: list[tuple[str, str]]) -> str:
    return "<table>" + "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in rows) + "</table>"


TOO_MANY = "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn; vui lòng thử lại sau ít phút."
ASK = "Nhập mã hồ sơ và mã tra cứu (6 ký tự in dưới mã QR) trên giấy tiếp nhận hồ sơ."


def _lookup_form(code: str = "") -> str:
    return (
        '<form method="get" action="/tra-cuu">'
        f'<label>Mã hồ sơ <input name="ma" value="{escape(code)}" autocomplete="off" maxlength="60"></label>'
        '<label>Mã tra cứu <input name="k" autocomplete="off" maxlength="20" '
        'autocapitalize="characters" spellcheck="false"></label>'
        '<button type="submit">Tra cứu</button></form>'
    )


def dossier_page(code: str, d: dict[str, Any] | None, *, asked: bool = True) -> str:
    """`asked`: a lookup was made (code and key given) and found nothing; else only the form."""
    if not asked:
        return _page("Tra cứu hồ sơ", f"<p>{ASK}</p>" + _lookup_form(code))
    if d is None:
        # The same words whether the code is unknown or the key wrong: neither is told apart.
        return _page(
            "Không tìm thấy hồ sơ",
            f"<p>Không tìm thấy hồ sơ <b>{escape(code)}</b> với mã tra cứu này.</p>"
            '<p class="note">Kiểm tra lại mã hồ sơ và mã tra cứu in dưới mã QR. Hồ sơ được đồng bộ '
            "lên hệ thống vào cuối mỗi ngày làm việc; hồ sơ vừa nộp hôm nay có thể chưa tra cứu được.</p>"
            + _lookup_form(code),
        )
    proc = d["procedure"]
    rows = [
        ("Mã hồ sơ", f"<b>{escape(d['code'])}</b>"),
        ("Thủ tục", escape(proc.get("name") or proc.get("code") or "")),
        ("Lĩnh vực", escape(proc.get("field") or "")),
        ("Người nộp", escape(d["applicant"] or "")),
        ("Trạng thái", f'<span class="status">{escape(d["status_label"])}</span>'),
        ("Ngày tiếp nhận", when(d["received_at"])),
    ]
    if d["status"] == "stopped":  # no appointment any more: when it stopped, and where to ask why
        rows.append(("Dừng giải quyết từ", when(d.get("stopped_at"))))
        rows.append(("Ghi chú", "Lý do được ghi trong Thông báo dừng giải quyết hồ sơ gửi người nộp."))
    else:
        rows.append(
            ("Ngày hẹn trả kết quả", when(d["due_at"]) + (" (đã hẹn lại)" if d["apologized"] else ""))
        )
    if d.get("resolved_at"):
        rows.append(("Có kết quả lúc", when(d["resolved_at"])))
    if d.get("returned_at"):
        rows.append(("Đã trả kết quả lúc", when(d["returned_at"])))
    body = _rows(rows) + f'<p class="note">Cập nhật lần cuối: {when(d["updated_at"])}.</p>' + _lookup_form()
    return _page(f"Hồ sơ {d['code']}", body)


def ticket_page(number: str, agency: str, t: dict[str, Any] | None) -> str:
    if t is None:
        return _page(
            "Số thứ tự",
            f"<p>Chưa có thông tin về số <b>{escape(number)}</b> tại cơ quan <b>{escape(agency)}</b>.</p>"
            '<p class="note">Trong giờ làm việc, quầy gửi thông tin số thứ tự lên sau mỗi ít giây; '
            "số vừa lấy có thể chưa có ngay.</p>",
            heading="Tra cứu số thứ tự",
        )
    live = t.get("live") or {}
    waiting = t["status"] in ("waiting", "serving")
    rows = [
        ("Số thứ tự", f"<b>{escape(t['number'])}</b>"),
        ("Ngày", escape(_day(t["day"]))),
        ("Dịch vụ", escape(t.get("service") or "")),
        ("Trạng thái", f'<span class="status">{escape(t["status_label"])}</span>'),
        ("Lấy số lúc", when(t.get("issued_at"))),
    ]
    if t.get("called_at"):
        rows.append(
            ("Được gọi lúc", when(t["called_at"]) + (f" tại quầy {t['counter']}" if t.get("counter") else ""))
        )
    body = (_live_line(t, live) if waiting else "") + _stale_note(live) + _rows(rows)
    # While the citizen waits the page reloads itself: the figures follow the counter's live sync.
    return _page(
        f"Số thứ tự {t['number']}",
        body,
        heading="Tra cứu số thứ tự",
        refresh_s=REFRESH_S if waiting else None,
    )


REFRESH_S = 30
STALE_WORDS = "Quầy chưa gửi số liệu mới (ngoài giờ làm việc hoặc mất kết nối); thông tin trên trang có thể đã thay đổi."


def _live_line(t: dict[str, Any], live: dict[str, Any]) -> str:
    """'Đang gọi số A012 · trước bạn còn 4 người · dự kiến khoảng 12 phút · cập nhật lúc 09:41:05'."""
    parts = []
    if t["status"] == "serving":
        at = f" — mời đến quầy {int(t['counter'])}" if t.get("counter") else ""
        parts.append(f"<b>Đã đến lượt bạn</b>{at}")
    elif live.get("calling"):
        verb = "Đang gọi số" if live.get("calling_now") else "Số vừa gọi:"
        parts.append(f"{verb} <b>{escape(live['calling'])}</b>")
    else:
        parts.append("Chưa gọi số nào của dịch vụ này")
    ahead = live.get("ahead")
    if t["status"] == "waiting" and ahead is not None:
        parts.append(f"trước bạn còn <b>{int(ahead)}</b> người" if ahead else "<b>bạn là người tiếp theo</b>")
        if ahead and live.get("estimate_minutes"):
            parts.append(f"dự kiến khoảng <b>{int(live['estimate_minutes'])}</b> phút")
    if live.get("as_of"):
        parts.append(f"cập nhật lúc {_clock(live['as_of'])}")
    return '<p class="live">' + " · ".join(parts) + "</p>"


def _stale_note(live: dict[str, Any]) -> str:
    if not live or not live.get("stale"):
        return ""
    if not live.get("as_of"):
        return f'<p class="stale">Chưa nhận được số liệu trực tiếp từ quầy. {STALE_WORDS}</p>'
    return (
        f'<p class="stale">Số liệu đã cũ: lần cập nhật cuối lúc {_clock(live["as_of"], with_day=True)}, '
        f"cách đây {_age(int(live.get('age_seconds') or 0))}. {STALE_WORDS}</p>"
    )


def _clock(value: str, *, with_day: bool = False) -> str:
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return escape(value)
    return f"{dt:%H:%M:%S} ngày {dt:%d/%m/%Y}" if with_day else f"{dt:%H:%M:%S}"


def _age(seconds: int) -> str:
    minutes = max(1, seconds // 60)
    if minutes < 120:
        return f"{minutes} phút"
    hours = minutes // 60
    return f"{hours} giờ" if hours < 48 else f"{hours // 24} ngày"


def too_many_page(retry_after: int) -> str:
    minutes = max(1, (retry_after + 59) // 60)
    return _page(
        "Tra cứu quá nhiều lần",
        f'<p>{TOO_MANY}</p><p class="note">Có thể tra cứu lại sau khoảng {minutes} phút.</p>',
    )


def _day(value: str) -> str:
    try:
        return datetime.fromisoformat(value).strftime("%d/%m/%Y")
    except ValueError:
        return value
