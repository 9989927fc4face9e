"""Monthly report: a generated month (tests/reports_support.py) against figures computed by hand.

Every expected number below was worked out on paper from the scenario described in reports_support.py;
none is computed by the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from counter_app.domain import sipas
from counter_app.errors import ValidationError
from counter_app.services.dossiers import DossierService
from counter_app.services.feedback import FeedbackService
from counter_app.services.intake import IntakeService
from counter_app.services.ratings import RatingService
from counter_app.services.report_document import write_pdf
from counter_app.services.reports import ReportService
from counter_app.services.users import UserService
from counter_app.timeutil import iso
from tests.conftest import ROOT, intake_doc, run_cli
from tests.reports_support import build_month

SHOTS = ROOT / "tests" / "_screenshots" / "reports"


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def save_pages(path: Path, stem: str) -> list[Path]:
    """PNG of every page, to look at (tests/_screenshots is not committed)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf = pdfium.PdfDocument(str(path))
    out = []
    for i in range(len(pdf)):
        png = SHOTS / f"{stem}-p{i + 1}.png"
        pdf[i].render(scale=1.4).to_pil().save(png)
        out.append(png)
    pdf.close()
    return out


@pytest.fixture
def month(ctx: Any, clock: Any) -> dict[str, str]:
    return build_month(ctx, clock)


def test_scenario_due_times_are_what_the_hand_computation_assumed(ctx: Any, month: dict[str, str]) -> None:
    ds = DossierService(ctx)
    due = {k: iso(ds.get(month[k]).due_at) for k in ("D11", "D3", "D5", "D6", "D13", "D7", "D8", "D10")}
    assert due == {
        "D11": "2026-10-01T09:00:00+07:00",
        "D3": "2026-10-07T14:00:00+07:00",
        "D5": "2026-10-09T08:00:00+07:00",
        "D6": "2026-10-15T16:30:00+07:00",  # 330 office minutes left at the pause, counted from 15/10 09:00
        "D13": "2026-10-29T09:00:00+07:00",
        "D7": "2026-10-30T14:00:00+07:00",
        "D8": "2026-11-02T09:00:00+07:00",
        "D10": "2026-11-04T10:00:00+07:00",  # after its apology
    }
    fb = FeedbackService(ctx)
    assert iso(fb.get(month["F3"]).due_at) == "2026-10-22T09:00:00+07:00"
    assert iso(fb.get(month["F4"]).due_at) == "2026-11-09T09:00:00+07:00"


def test_month_figures_match_the_hand_computation(ctx: Any, month: dict[str, str]) -> None:
    r = ReportService(ctx).monthly("2026-10").to_json()
    assert r["month"] == "2026-10"
    assert r["as_of"] == "2026-11-01T00:00:00+07:00"
    assert r["dossiers"] == {
        "received": 12,
        "resolved": 8,
        "early": 2,
        "on_time": 3,
        "late": 3,
        "on_time_pct": 62.5,
        "open_at_end": 4,
        "overdue_open": 2,
        "rejected": 1,
        "stopped": 0,
    }
    assert r["dossiers_by_field"] == [
        {"field": "Chứng thực", "received": 4, "resolved": 3, "late": 0, "on_time_pct": 100.0},
        {"field": "Hộ tịch", "received": 8, "resolved": 5, "late": 3, "on_time_pct": 40.0},
    ]
    assert r["apologies"] == {"issued": 2, "missing": 4}
    reg = [
        (e["code"], e["state"], e["apology"]["number"] if e["apology"] else None, e["missing_apology"])
        for e in r["overdue_register"]
    ]
    assert reg == [
        (month["D11"], "resolved_late", None, True),
        (month["D4"], "resolved_late", "01/PXL", False),
        (month["D5"], "resolved_late", None, True),
        (month["D13"], "open_late", None, True),
        (month["D10"], "open_late", "02/PXL", False),
        (month["D7"], "open_late", None, True),
    ]
    d4 = r["overdue_register"][1]
    assert d4["original_due_at"] == "2026-10-08T09:00:00+07:00"
    assert d4["apology"] == {
        "number": "01/PXL",
        "issued_at": "2026-10-08T10:00:00+07:00",
        "new_due_at": "2026-10-12T10:00:00+07:00",
    }
    assert [(t["month"], t["resolved"], t["on_time_pct"]) for t in r["on_time_trend"]] == [
        ("2026-05", 0, None),
        ("2026-06", 0, None),
        ("2026-07", 0, None),
        ("2026-08", 0, None),
        ("2026-09", 0, None),
        ("2026-10", 8, 62.5),
    ]

    rt = r["ratings"]
    assert (
        rt["offered"],
        rt["rated"],
        rt["satisfied"],
        rt["satisfied_pct"],
        rt["response_pct"],
        rt["surveys"],
    ) == (5, 4, 3, 75.0, 80.0, 4)
    assert rt["by_level"] == {"very_satisfied": 1, "satisfied": 2, "dissatisfied": 1}
    assert rt["by_level_pct"] == {"very_satisfied": 25.0, "satisfied": 50.0, "dissatisfied": 25.0}
    groups = {
        k: (g["answers"], g["satisfied"], g["satisfied_pct"], g["target_pct"], g["meets_target"])
        for k, g in rt["by_group"].items()
    }
    assert groups == {
        "access": (3, 2, 66.7, 86.0, False),
        "procedure": (3, 2, 66.7, 92.0, False),
        "staff": (5, 4, 80.0, 87.0, False),
        "result": (1, 1, 100.0, 90.0, True),
        "feedback": (0, 0, None, 85.0, None),
    }
    assert [(b["label"], b["rated"], b["satisfied"], b["satisfied_pct"]) for b in rt["by_clerk"]] == [
        ("Trần Thị Lan (lan)", 3, 2, 66.7),
        ("Lê Văn Minh (minh)", 1, 1, 100.0),
    ]
    assert [(b["label"], b["rated"], b["satisfied"], b["satisfied_pct"]) for b in rt["by_field"]] == [
        ("Chứng thực", 3, 2, 66.7),
        ("Hộ tịch", 1, 1, 100.0),
    ]

    q = r["queue"]
    assert (q["tickets"], q["served"], q["no_shows"]) == (5, 4, 1)
    assert (q["wait_avg_s"], q["wait_p90_s"], q["service_avg_s"], q["service_p90_s"]) == (
        1584,
        2436,
        1200,
        2700,
    )
    assert [
        (
            s["service"],
            s["tickets"],
            s["served"],
            s["no_shows"],
            s["wait_avg_s"],
            s["wait_p90_s"],
            s["service_avg_s"],
        )
        for s in q["by_service"]
    ] == [("A", 3, 2, 1, 1240, 1848, 480), ("B", 1, 1, 0, 1500, 1500, 240), ("C", 1, 1, 0, 2700, 2700, 3600)]
    assert [h["tickets"] for h in q["wait_histogram"]] == [0, 0, 1, 1, 1, 1, 1, 0]

    assert r["payments"] == {
        "payments": 5,
        "total_vnd": 8000,
        "by_method": {"cash": 3000, "transfer": 1000, "vietqr": 4000},
        "by_method_count": {"cash": 2, "transfer": 1, "vietqr": 2},
        "cashless_vnd": 5000,
        "cashless_pct": 60.0,
    }
    assert r["feedback"] == {
        "received": 4,
        "answered": 3,
        "answered_in_time": 1,
        "answered_late": 2,
        "open": 2,
        "overdue": 1,
    }
    assert r["sources"] == {
        "dossiers": "data",
        "ratings": "data",
        "queue": "data",
        "payments": "data",
        "feedback": "data",
    }


def test_pdf_carries_the_figures_and_flags_missing_apologies(
    ctx: Any, month: dict[str, str], tmp_path: Path
) -> None:
    report = ReportService(ctx).monthly("2026-10")
    pdf = tmp_path / "bao-cao.pdf"
    write_pdf(report, ctx.config, pdf)
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    for needle in (
        "BÁO CÁO TỰ ĐÁNH GIÁ CHẤT LƯỢNG GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH THÁNG 10/2026",
        "Hồ sơ tiếp nhận trong tháng 12",
        "Hồ sơ đã giải quyết (có kết quả) trong tháng 8 100%",
        "Trước hạn 2 25%",
        "Đúng hạn 3 37,5%",
        "Quá hạn 3 37,5%",
        "Tỷ lệ giải quyết đúng hạn (trước hạn + đúng hạn) 5 62,5%",
        "trong đó đã quá hạn hẹn trả 2",
        "Hồ sơ quá hạn chưa có phiếu xin lỗi 4",
        "Số 01/PXL, ngày 08/10/2026",
        "CẢNH BÁO: 4 hồ sơ quá hạn CHƯA CÓ phiếu xin lỗi",
        "Rất hài lòng 1 25%",
        "Tỷ lệ hài lòng (Rất hài lòng + Hài lòng) 3 75%",
        "Tỷ lệ người dân đánh giá (đánh giá ÷ mời) 80%",
        "Công chức 5 4 80% 87% Không đạt",
        "Kết quả giải quyết 1 1 100% 90% Đạt",
        "Trần Thị Lan (lan) 3 2 66,7%",
        "Tổng cộng 5 4 1 26 phút 24 giây 40 phút 36 giây 20 phút 00 giây",
        "Tổng số phí, lệ phí đã thu: 8.000 ₫",
        "(chuyển khoản + VietQR, theo số lượt nộp): 60%",
        "trả lời đúng hạn 1",
        "trong đó đã quá hạn trả lời 1",
    ):
        assert needle in flat, needle
    # The flagged table lists exactly the four dossiers without an apology, after its heading.
    flagged = flat.split("Hồ sơ quá hạn CHƯA CÓ phiếu xin lỗi", 2)[-1].split("III. MỨC ĐỘ HÀI LÒNG")[0]
    for key in ("D11", "D5", "D13", "D7"):
        assert month[key] in flagged, key
    for key in ("D4", "D10"):
        assert month[key] not in flagged, key
    assert "Chưa có số liệu" not in flat  # every section is backed by its tables here
    pages = save_pages(pdf, "month-2026-10")
    assert len(pages) >= 3


def test_cli_prints_the_json_and_writes_pdf_and_csv(
    ctx: Any, month: dict[str, str], data_dir: Path, tmp_path: Path
) -> None:
    # October 2026 is over on the real clock too: the subprocess sees the same month end.
    pdf, csv_file = tmp_path / "out" / "thang-10.pdf", tmp_path / "thang-10.csv"
    proc = run_cli(
        "report",
        "monthly",
        "--month",
        "2026-10",
        "-o",
        str(pdf),
        "--csv",
        str(csv_file),
        "--json",
        data_dir=data_dir,
    )
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)
    assert {
        k: r["dossiers"][k]
        for k in ("received", "resolved", "early", "on_time", "late", "on_time_pct", "overdue_open")
    } == {
        "received": 12,
        "resolved": 8,
        "early": 2,
        "on_time": 3,
        "late": 3,
        "on_time_pct": 62.5,
        "overdue_open": 2,
    }
    assert r["apologies"] == {"issued": 2, "missing": 4}
    assert {k: r["ratings"][k] for k in ("offered", "rated", "satisfied_pct")} == {
        "offered": 5,
        "rated": 4,
        "satisfied_pct": 75.0,
    }
    assert r["ratings"]["by_group"]["staff"]["satisfied_pct"] == 80.0
    assert {
        k: r["queue"][k] for k in ("tickets", "wait_avg_s", "wait_p90_s", "service_avg_s", "no_shows")
    } == {"tickets": 5, "wait_avg_s": 1584, "wait_p90_s": 2436, "service_avg_s": 1200, "no_shows": 1}
    assert {k: r["payments"][k] for k in ("total_vnd", "cashless_pct")} == {
        "total_vnd": 8000,
        "cashless_pct": 60.0,
    }
    assert {k: r["feedback"][k] for k in ("received", "answered_in_time", "overdue")} == {
        "received": 4,
        "answered_in_time": 1,
        "overdue": 1,
    }
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "62,5%" in pdf_text(pdf)
    rows = csv_file.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "chỉ tiêu,giá trị"
    assert "dossiers.on_time_pct,62.5" in rows
    assert "ratings.by_group.access.satisfied_pct,66.7" in rows
    assert "payments.cashless_pct,60.0" in rows


def test_bad_and_future_months_are_refused_clearly(ctx: Any, data_dir: Path) -> None:
    with pytest.raises(ValidationError) as exc:
        ReportService(ctx).monthly("2026-13")
    assert exc.value.field == "month" and "YYYY-MM" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        ReportService(ctx).monthly("2027-01")  # the fake clock is in November 2026
    assert "chưa bắt đầu" in str(exc.value)
    proc = run_cli("report", "monthly", "--month", "10/2026", "--json", data_dir=data_dir)
    assert proc.returncode == 2
    assert "Tháng báo cáo" in proc.stderr and proc.stdout == ""


def test_empty_month_reports_zeros_and_no_rates(ctx: Any, tmp_path: Path) -> None:
    r = ReportService(ctx).monthly("2026-08")
    j = r.to_json()
    assert j["dossiers"] == {
        "received": 0,
        "resolved": 0,
        "early": 0,
        "on_time": 0,
        "late": 0,
        "on_time_pct": None,
        "open_at_end": 0,
        "overdue_open": 0,
        "rejected": 0,
        "stopped": 0,
    }
    assert j["apologies"] == {"issued": 0, "missing": 0}
    assert j["overdue_register"] == []
    assert (
        j["ratings"]["offered"],
        j["ratings"]["rated"],
        j["ratings"]["satisfied_pct"],
        j["ratings"]["response_pct"],
    ) == (0, 0, None, None)
    assert all(g["satisfied_pct"] is None for g in j["ratings"]["by_group"].values())
    assert (j["queue"]["tickets"], j["queue"]["wait_avg_s"], j["queue"]["wait_p90_s"]) == (0, None, None)
    assert (j["payments"]["total_vnd"], j["payments"]["cashless_pct"]) == (0, None)
    assert j["feedback"] == {
        "received": 0,
        "answered": 0,
        "answered_in_time": 0,
        "answered_late": 0,
        "open": 0,
        "overdue": 0,
    }
    pdf = tmp_path / "empty.pdf"
    write_pdf(r, ctx.config, pdf)
    flat = " ".join(pdf_text(pdf).split())
    assert "Hồ sơ tiếp nhận trong tháng 0" in flat
    assert "Tỷ lệ giải quyết đúng hạn (trước hạn + đúng hạn) 0 —" in flat
    assert "Không có hồ sơ quá hạn nào đã lập phiếu xin lỗi." in flat
    assert "Mọi hồ sơ quá hạn đều đã có phiếu xin lỗi." in flat
    save_pages(pdf, "empty-2026-08")


def test_targets_come_from_config_and_default_to_design(ctx: Any, month: dict[str, str]) -> None:
    assert {g.key: g.target_pct for g in sipas.GROUPS} == {
        "access": 86,
        "procedure": 92,
        "staff": 87,
        "result": 90,
        "feedback": 85,
    }
    for g in sipas.GROUPS:
        assert ctx.config.get(f"report.target.{g.key}") == g.target_pct
    ctx.config.set("report.target.staff", "75")
    staff = ReportService(ctx).monthly("2026-10").to_json()["ratings"]["by_group"]["staff"]
    assert (staff["target_pct"], staff["satisfied_pct"], staff["meets_target"]) == (75.0, 80.0, True)
    with pytest.raises(ValidationError) as exc:
        ctx.config.set("report.target.staff", "120")
    assert exc.value.label == "Chỉ tiêu hài lòng: Công chức (%)"


# The JSON keys that scripts reading `counter-app report monthly --json` rely on: renaming one breaks them.
ISSUE_KEYS: dict[str, tuple[str, ...]] = {
    "dossiers": ("received", "resolved", "early", "on_time", "late", "on_time_pct", "overdue_open"),
    "apologies": ("issued", "missing"),
    "ratings": ("offered", "rated", "by_level", "satisfied_pct", "by_group"),
    "queue": ("tickets", "wait_avg_s", "wait_p90_s", "service_avg_s", "no_shows"),
    "payments": ("total_vnd", "cashless_pct"),
    "feedback": ("received", "answered_in_time", "overdue"),
}


@pytest.mark.parametrize("which", ["2026-10", "2026-08"])  # the generated month, and an empty one
def test_json_carries_every_key_the_issue_lists(ctx: Any, month: dict[str, str], which: str) -> None:
    r = json.loads(json.dumps(ReportService(ctx).monthly(which).to_json()))
    assert r["month"] == which
    for section, keys in ISSUE_KEYS.items():
        assert isinstance(r[section], dict), section
        assert set(keys) <= set(r[section]), (section, set(keys) - set(r[section]))
    assert set(r["ratings"]["by_level"]) == {"very_satisfied", "satisfied", "dissatisfied"}
    assert set(r["ratings"]["by_group"]) == {g.key for g in sipas.GROUPS}


def test_histogram_labels_never_overlap() -> None:
    """A full first bar carries its count at the very top, where the axis title used to be drawn."""
    from reportlab.graphics import renderPDF

    from printing.fonts import register_pdf_fonts
    from printing.report_pdf import HistogramBlock, histogram

    register_pdf_fonts()
    bins = ["0–5", "5–10", "10–15", "15–20", "20–30", "30–45", "45–60", "từ 60"]
    drawing = histogram(
        HistogramBlock(
            "Phân bố thời gian chờ", bins, [15, 10, 2, 0, 0, 0, 0, 0], "Thời gian chờ (phút)", "Số lượt"
        )
    )
    pdf = pdfium.PdfDocument(renderPDF.drawToString(drawing))
    text = pdf[0].get_textpage()
    boxes = [
        (text.get_text_bounded(*r).strip(), r) for r in (text.get_rect(i) for i in range(text.count_rects()))
    ]
    assert {"Số lượt", "15", "10", "2", "từ 60"} <= {t for t, _ in boxes}
    clashes = [
        (a, b)
        for i, (a, ra) in enumerate(boxes)
        for b, rb in boxes[i + 1 :]
        if ra[0] < rb[2] and rb[0] < ra[2] and ra[1] < rb[3] and rb[1] < ra[3]
    ]
    assert clashes == []
    pdf.close()


def test_a_scripts_rating_counts_in_totals_but_is_nobodys_row(ctx: Any) -> None:
    """`rating offer` without --clerk used to record "system", which then showed as a clerk."""
    UserService(ctx).add("lan.nt", "Nguyễn Thị Lan", "clerk", "matkhau123", actor="")
    codes = [IntakeService(ctx).receive(intake_doc(), actor="lan.nt").code for _ in range(3)]
    ratings = RatingService(ctx)
    # A script (no clerk), the clerk, and what older versions recorded for a script.
    offers = [
        ratings.offer("intake", code, clerk)
        for code, clerk in zip(codes, ("", "lan.nt", "system"), strict=True)
    ]
    assert ratings.get(offers[0]).clerk == ""  # not "system"
    for offer in offers:
        ratings.rate(offer, "satisfied")
    month = f"{ctx.now():%Y-%m}"
    figures = ReportService(ctx).monthly(month).to_json()["ratings"]
    assert figures["rated"] == 3
    assert [(b["key"], b["rated"]) for b in figures["by_clerk"]] == [("lan.nt", 1)]
