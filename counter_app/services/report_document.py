"""The monthly report worded in Vietnamese for the PDF (printing/report_pdf.py) and the CSV export.

Formatting helpers here are shared with the clerk window's "Báo cáo" tab so both say the same thing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.domain.wording import format_vnd
from counter_app.output_files import write_atomically
from counter_app.services.payments import METHOD_LABELS_VI
from counter_app.services.reports import Month, MonthlyReport, RegisterEntry, pct
from counter_app.timeutil import local
from printing.report_pdf import (
    BarChartBlock,
    Block,
    HistogramBlock,
    LineChartBlock,
    ReportDocument,
    Section,
    TableBlock,
    Text,
    render_report,
)

if TYPE_CHECKING:
    from counter_app.config import Config

ABSENT_VI = {
    "ratings": "chức năng đánh giá mức độ hài lòng",
    "queue": "chức năng xếp hàng lấy số thứ tự",
    "payments": "chức năng thu phí, lệ phí",
    "feedback": "chức năng tiếp nhận phản ánh, kiến nghị",
}


# --- formatting -----------------------------------------------------------------------------------------


def fmt_pct(value: float | None) -> str:
    """'83,3%' — Vietnamese decimal comma; '—' when there is nothing to divide."""
    if value is None:
        return "—"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def fmt_int(value: int | None) -> str:
    return "—" if value is None else format_vnd(value)


def fmt_vnd(value: int) -> str:
    return f"{format_vnd(value)} ₫"


def fmt_duration(seconds: int | None) -> str:
    """'7 phút 05 giây'; '1 giờ 02 phút' from an hour on."""
    if seconds is None:
        return "—"
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    if h:
        return f"{h} giờ {m:02d} phút"
    return f"{m} phút {s:02d} giây"


def shorten(text: str, limit: int = 60) -> str:
    """Long legal procedure names cut at a word boundary for narrow table columns."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;")
    return cut + "…"


def fmt_dt(dt: datetime | None) -> str:
    return "" if dt is None else f"{local(dt):%H:%M %d/%m/%Y}"


def fmt_date(dt: datetime | None) -> str:
    return "" if dt is None else f"{local(dt):%d/%m/%Y}"


def absent_text(report: MonthlyReport, section: str) -> str:
    why = report.sources.get(section, "")
    tables = why.split("no table", 1)[1].strip() if "no table" in why else ""
    return (
        f"Chưa có số liệu: {ABSENT_VI[section]} chưa được cài đặt trên máy này"
        + (f" (không có bảng {tables})." if tables else ".")
        + " Mục này không được tính, không ghi số 0."
    )


# --- sections -------------------------------------------------------------------------------------------


def dossier_rows(report: MonthlyReport) -> list[list[str]]:
    d = report.dossiers
    return [
        ["Hồ sơ tiếp nhận trong tháng", fmt_int(d.received), ""],
        ["Hồ sơ đã giải quyết (có kết quả) trong tháng", fmt_int(d.resolved), "100%" if d.resolved else "—"],
        ["   – Trước hạn", fmt_int(d.early), fmt_pct(pct(d.early, d.resolved))],
        ["   – Đúng hạn", fmt_int(d.on_time), fmt_pct(pct(d.on_time, d.resolved))],
        ["   – Quá hạn", fmt_int(d.late), fmt_pct(pct(d.late, d.resolved))],
        [
            "Tỷ lệ giải quyết đúng hạn (trước hạn + đúng hạn)",
            fmt_int(d.early + d.on_time),
            fmt_pct(d.on_time_pct),
        ],
        ["Hồ sơ từ chối tiếp nhận, giải quyết trong tháng", fmt_int(d.rejected), ""],
        ["Hồ sơ dừng giải quyết trong tháng", fmt_int(d.stopped), ""],
        ["Hồ sơ chưa giải quyết xong tại thời điểm cuối kỳ", fmt_int(d.open_at_end), ""],
        ["   – trong đó đã quá hạn hẹn trả", fmt_int(d.overdue_open), ""],
        ["Phiếu xin lỗi đã lập trong tháng", fmt_int(report.apologies.issued), ""],
        ["Hồ sơ quá hạn chưa có phiếu xin lỗi", fmt_int(report.apologies.missing), ""],
    ]


def register_rows(entries: list[RegisterEntry]) -> list[list[str]]:
    rows = []
    for i, e in enumerate(entries, 1):
        state = f"Trả kết quả {fmt_dt(e.resolved_at)}" if e.resolved_at else "Chưa có kết quả"
        apology = (
            f"Số {e.apology_number}, ngày {fmt_date(e.apology_issued_at)}" if e.apology_number else "CHƯA CÓ"
        )
        rows.append(
            [
                str(i),
                e.code,
                shorten(e.procedure_name, 45),
                fmt_dt(e.original_due_at),
                state,
                apology,
                fmt_dt(e.apology_new_due_at),
            ]
        )
    return rows


REGISTER_HEADER = [
    "TT",
    "Mã hồ sơ",
    "Thủ tục",
    "Hạn trả ban đầu",
    "Tình trạng",
    "Phiếu xin lỗi",
    "Hẹn trả lại",
]
REGISTER_WIDTHS = [9, 48, 31, 21, 24, 24, 21]


def _dossier_section(report: MonthlyReport) -> Section:
    blocks: list[Block] = [
        TableBlock(["Chỉ tiêu", "Số lượng", "Tỷ lệ"], dossier_rows(report), widths_mm=[110, 34, 34]),
        TableBlock(
            ["Lĩnh vực", "Tiếp nhận", "Đã giải quyết", "Quá hạn", "Đúng hạn (%)"],
            [
                [f.field, fmt_int(f.received), fmt_int(f.resolved), fmt_int(f.late), fmt_pct(f.on_time_pct)]
                for f in report.by_field
            ],
            widths_mm=[70, 27, 27, 27, 27],
            title="Theo lĩnh vực",
            empty_text="Không có hồ sơ tiếp nhận hoặc giải quyết trong tháng.",
        ),
        LineChartBlock(
            f"Tỷ lệ giải quyết hồ sơ đúng hạn {len(report.trend)} tháng gần nhất",
            [Month.parse(t.month).short_label for t in report.trend],
            [t.on_time_pct for t in report.trend],
        ),
    ]
    return Section("I. TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ", blocks)


def _register_section(report: MonthlyReport) -> Section:
    with_apology, without = report.late_with_apology, report.late_without_apology
    blocks: list[Block] = [
        Text(
            f"Hồ sơ quá hạn trong kỳ: {len(report.register)} (giải quyết quá hạn trong tháng và chưa giải quyết "
            f"đã quá hạn ban đầu tại cuối kỳ); có phiếu xin lỗi: {len(with_apology)}; "
            f"chưa có phiếu xin lỗi: {len(without)}."
        ),
        TableBlock(
            REGISTER_HEADER,
            register_rows(with_apology),
            widths_mm=REGISTER_WIDTHS,
            align=["center", "left", "left", "left", "left", "left", "left"],
            title="Hồ sơ quá hạn đã có phiếu xin lỗi và hẹn lại ngày trả",
            empty_text="Không có hồ sơ quá hạn nào đã lập phiếu xin lỗi.",
        ),
    ]
    if without:
        blocks += [
            Text(
                f"CẢNH BÁO: {len(without)} hồ sơ quá hạn CHƯA CÓ phiếu xin lỗi — mỗi hồ sơ quá hạn phải có "
                "đúng một phiếu xin lỗi và hẹn lại ngày trả.",
                "warning",
            ),
            TableBlock(
                REGISTER_HEADER,
                register_rows(without),
                widths_mm=REGISTER_WIDTHS,
                align=["center", "left", "left", "left", "left", "left", "left"],
                title="Hồ sơ quá hạn CHƯA CÓ phiếu xin lỗi",
                flagged_rows=frozenset(range(len(without))),
            ),
        ]
    else:
        blocks.append(Text("Mọi hồ sơ quá hạn đều đã có phiếu xin lỗi.", "note"))
    return Section("II. HỒ SƠ QUÁ HẠN VÀ PHIẾU XIN LỖI", blocks)


def rating_level_rows(report: MonthlyReport) -> list[list[str]]:
    r = report.ratings
    assert r is not None
    rows = [[label, fmt_int(r.by_level.get(key, 0)), fmt_pct(r.level_pct(key))] for key, label in r.levels]
    rows += [
        ["Tổng số lượt đánh giá", fmt_int(r.rated), "100%" if r.rated else "—"],
        ["Số lượt mời đánh giá", fmt_int(r.offered), ""],
        ["Tỷ lệ người dân đánh giá (đánh giá ÷ mời)", "", fmt_pct(r.response_pct)],
        ["Tỷ lệ hài lòng (Rất hài lòng + Hài lòng)", fmt_int(r.satisfied), fmt_pct(r.satisfied_pct)],
    ]
    return rows


def group_rows(report: MonthlyReport) -> list[list[str]]:
    r = report.ratings
    assert r is not None
    out = []
    for g in r.by_group.values():
        verdict = "—" if g.meets_target is None else ("Đạt" if g.meets_target else "Không đạt")
        out.append(
            [
                g.label,
                fmt_int(g.answers),
                fmt_int(g.satisfied),
                fmt_pct(g.satisfied_pct),
                fmt_pct(g.target_pct),
                verdict,
            ]
        )
    return out


def _ratings_section(report: MonthlyReport) -> Section:
    r = report.ratings
    if r is None:
        return Section(
            "III. MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN", [Text(absent_text(report, "ratings"), "warning")]
        )
    groups = list(r.by_group.values())
    missed = {i for i, g in enumerate(groups) if g.meets_target is False}
    blocks: list[Block] = [
        TableBlock(
            ["Mức đánh giá", "Số lượt", "Tỷ lệ"],
            rating_level_rows(report),
            widths_mm=[110, 34, 34],
            title="Đánh giá nhanh tại quầy",
        ),
        TableBlock(
            ["Nhóm tiêu chí SIPAS", "Câu trả lời", "Hài lòng", "Tỷ lệ", "Chỉ tiêu", "Kết quả"],
            group_rows(report),
            widths_mm=[66, 22, 20, 20, 20, 22],
            title=f"Khảo sát chi tiết theo 5 nhóm tiêu chí SIPAS ({fmt_int(r.surveys)} phiếu khảo sát)",
            flagged_rows=frozenset(missed),
        ),
        BarChartBlock(
            "Tỷ lệ hài lòng theo nhóm tiêu chí SIPAS so với chỉ tiêu",
            [short_group(g.key) for g in groups],
            [g.satisfied_pct for g in groups],
            [g.target_pct for g in groups],
            value_label="Tỷ lệ hài lòng",
            target_label="Chỉ tiêu",
        ),
        TableBlock(
            ["Cán bộ", "Số lượt đánh giá", "Hài lòng", "Tỷ lệ hài lòng"],
            [[b.label, fmt_int(b.rated), fmt_int(b.satisfied), fmt_pct(b.satisfied_pct)] for b in r.by_clerk],
            widths_mm=[90, 30, 28, 30],
            title="Theo cán bộ tiếp nhận",
            empty_text="Chưa có lượt đánh giá nào trong tháng.",
        ),
        TableBlock(
            ["Lĩnh vực", "Số lượt đánh giá", "Hài lòng", "Tỷ lệ hài lòng"],
            [[b.label, fmt_int(b.rated), fmt_int(b.satisfied), fmt_pct(b.satisfied_pct)] for b in r.by_field],
            widths_mm=[90, 30, 28, 30],
            title="Theo lĩnh vực thủ tục",
            empty_text="Chưa có lượt đánh giá nào trong tháng.",
        ),
    ]
    return Section("III. MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN", blocks)


_GROUP_SHORT = {
    "access": "Tiếp cận dịch vụ",
    "procedure": "Thủ tục hành chính",
    "staff": "Công chức",
    "result": "Kết quả giải quyết",
    "feedback": "Xử lý phản ánh",
}


def short_group(key: str) -> str:
    return _GROUP_SHORT.get(key, key)


def queue_rows(report: MonthlyReport) -> list[list[str]]:
    q = report.queue
    assert q is not None
    rows = [
        [
            f"{s.service} – {s.name}",
            fmt_int(s.tickets),
            fmt_int(s.served),
            fmt_int(s.no_shows),
            fmt_duration(s.wait_avg_s),
            fmt_duration(s.wait_p90_s),
            fmt_duration(s.service_avg_s),
        ]
        for s in q.by_service
    ]
    rows.append(
        [
            "Tổng cộng",
            fmt_int(q.tickets),
            fmt_int(q.served),
            fmt_int(q.no_shows),
            fmt_duration(q.wait_avg_s),
            fmt_duration(q.wait_p90_s),
            fmt_duration(q.service_avg_s),
        ]
    )
    return rows


QUEUE_HEADER = ["Quầy / dịch vụ", "Số phát", "Đã phục vụ", "Vắng mặt", "Chờ TB", "Chờ P90", "Phục vụ TB"]


def _queue_section(report: MonthlyReport) -> Section:
    q = report.queue
    if q is None:
        return Section("IV. XẾP HÀNG LẤY SỐ THỨ TỰ", [Text(absent_text(report, "queue"), "warning")])
    blocks: list[Block] = [
        TableBlock(
            QUEUE_HEADER, queue_rows(report), widths_mm=[36, 16, 18, 18, 30, 30, 30], bold_last_row=True
        ),
        Text(
            "Chờ TB, Chờ P90: thời gian chờ trung bình và phân vị 90 (90% số người chờ không quá mức này), "
            "từ lúc lấy số đến lúc được gọi; Phục vụ TB: từ lúc được gọi đến lúc xong. Vắng mặt: số đã gọi "
            "nhưng người dân không có mặt (bỏ qua).",
            "note",
        ),
        HistogramBlock(
            "Phân bố thời gian chờ",
            [b for b, _ in q.wait_histogram],
            [n for _, n in q.wait_histogram],
            x_title="Thời gian chờ (phút)",
            y_title="Số lượt",
        ),
    ]
    return Section("IV. XẾP HÀNG LẤY SỐ THỨ TỰ", blocks)


def payment_rows(report: MonthlyReport) -> list[list[str]]:
    p = report.payments
    assert p is not None
    rows = [[METHOD_LABELS_VI[k], fmt_int(p.by_method_count[k]), fmt_vnd(v)] for k, v in p.by_method.items()]
    rows.append(["Tổng cộng", fmt_int(p.payments), fmt_vnd(p.total_vnd)])
    return rows


def _payments_section(report: MonthlyReport) -> Section:
    p = report.payments
    if p is None:
        return Section("V. THU PHÍ, LỆ PHÍ", [Text(absent_text(report, "payments"), "warning")])
    return Section(
        "V. THU PHÍ, LỆ PHÍ",
        [
            TableBlock(
                ["Hình thức nộp", "Số lượt nộp", "Số tiền"],
                payment_rows(report),
                widths_mm=[90, 40, 48],
                bold_last_row=True,
            ),
            Text(
                f"Tổng số phí, lệ phí đã thu: {fmt_vnd(p.total_vnd)}. Tỷ lệ thanh toán không dùng tiền mặt "
                f"(chuyển khoản + VietQR, theo số lượt nộp): {fmt_pct(p.cashless_pct)}."
            ),
        ],
    )


def feedback_rows(report: MonthlyReport) -> list[list[str]]:
    f = report.feedback
    assert f is not None
    return [
        ["Phản ánh, kiến nghị tiếp nhận trong tháng", fmt_int(f.received)],
        ["Đã trả lời trong tháng", fmt_int(f.answered)],
        ["   – trả lời đúng hạn", fmt_int(f.answered_in_time)],
        ["   – trả lời quá hạn", fmt_int(f.answered_late)],
        ["Chưa trả lời tại cuối kỳ", fmt_int(f.open)],
        ["   – trong đó đã quá hạn trả lời", fmt_int(f.overdue)],
    ]


def _feedback_section(report: MonthlyReport) -> Section:
    if report.feedback is None:
        return Section("VI. PHẢN ÁNH, KIẾN NGHỊ", [Text(absent_text(report, "feedback"), "warning")])
    return Section(
        "VI. PHẢN ÁNH, KIẾN NGHỊ",
        [
            TableBlock(["Chỉ tiêu", "Số lượng"], feedback_rows(report), widths_mm=[130, 48]),
        ],
    )


NOTES_VI = (
    "Thời gian tính theo giờ Việt Nam (Asia/Ho_Chi_Minh), từ 00:00 ngày đầu tháng đến 00:00 ngày đầu tháng sau.",
    "Hồ sơ đã giải quyết: có kết quả trong tháng (chuyển sang “Đã có kết quả”, hoặc trả kết quả). "
    "Đúng hạn/quá hạn so với thời hạn hẹn trả BAN ĐẦU — hồ sơ đã xin lỗi và hẹn lại vẫn tính theo hạn cũ; "
    "thời gian chờ bổ sung không tính. Trước hạn: có kết quả vào ngày trước ngày hẹn trả; "
    "đúng hạn: không trước ngày hẹn nhưng không muộn hơn giờ hẹn; quá hạn: sau giờ hẹn.",
    "Tỷ lệ đúng hạn = (trước hạn + đúng hạn) ÷ số hồ sơ đã giải quyết.",
    "Tỷ lệ hài lòng = (Rất hài lòng + Hài lòng) ÷ số lượt đánh giá; tỷ lệ đánh giá = số lượt đánh giá ÷ số lượt mời.",
)


def build_document(report: MonthlyReport, config: Config) -> ReportDocument:
    m = Month.parse(report.month)
    running = report.as_of < m.end
    period = (
        f"Số liệu từ 01/{m.short_label} đến {fmt_dt(report.as_of)} (tháng chưa kết thúc)"
        if running
        else f"Số liệu từ 01/{m.short_label} đến hết ngày {fmt_date(m.end.replace(day=1) - timedelta(days=1))}"
    )
    notes = Section("GHI CHÚ CÁCH TÍNH", [Text(n, "note") for n in NOTES_VI])
    place = config.agency.place
    gen = local(report.generated_at)
    return ReportDocument(
        header_left=[
            config.agency.parent.upper(),
            report.agency_name.upper(),
            "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
        ],
        header_right=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        title=f"BÁO CÁO TỰ ĐÁNH GIÁ CHẤT LƯỢNG GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH {m.label_vi.upper()}",
        subtitle=f"{period} — Mã cơ quan: {report.agency_code}",
        place_date=f"{place + ', ' if place else ''}ngày {gen:%d} tháng {gen:%m} năm {gen:%Y}",
        sections=[
            _dossier_section(report),
            _register_section(report),
            _ratings_section(report),
            _queue_section(report),
            _payments_section(report),
            _feedback_section(report),
            notes,
        ],
        signer_title=config.agency.head_title,
        signer_name=config.agency.head_name,
        footer=f"Báo cáo {m.label_vi} — {report.agency_name} ({report.agency_code}) — lập lúc {fmt_dt(gen)}",
        meta_title=f"Báo cáo chất lượng phục vụ {m.label_vi}",
        author=report.agency_name,
    )


def write_pdf(report: MonthlyReport, config: Config, path: str | Path | None = None) -> bytes:
    """The report's PDF; also written to `path` when given (whole, 0600, its folder made when missing,
    never over a folder or a device)."""
    data = render_report(build_document(report, config))
    if path is not None:
        write_atomically(data, path, label="Tệp báo cáo", parents=True)
    return data
