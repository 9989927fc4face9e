"""A month crossing Tết: February 2027 (Tết Nguyên Đán holidays Thu 04/02 – Wed 10/02/2027).

Dossiers received before Tết are due after it: the report must judge them against working days, not
calendar days. Every figure below is worked out by hand.

  T5 H 1 day recv Fri 29/01 09:00 → due Mon 01/02 09:00; ready 01/02 08:00 → on time (received in January)
  T1 H 1 day recv Tue 02/02 15:00 → due Wed 03/02 15:00; ready Thu 11/02 09:00 → late (no apology)
  T2 H 1 day recv Wed 03/02 09:00 → due Thu 11/02 09:00 (the seven days of Tết do not count);
        ready 11/02 08:45 → on time — eight calendar days after receipt
  T3 H 3 days (1.004873) recv Wed 03/02 10:00 → due Mon 15/02 10:00; ready Fri 12/02 14:00 → early
  T4 H 1 day recv Wed 03/02 16:00 → due Thu 11/02 16:00; still open at the end of February → overdue
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from counter_app.services.dossiers import DossierService
from counter_app.services.report_document import write_pdf
from counter_app.services.reports import ReportService
from counter_app.timeutil import iso
from tests.reports_support import receive, status
from tests.test_reports_month import pdf_text, save_pages

MARRIAGE_STATUS = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân: 3 working days


def test_february_2027_across_tet(ctx: Any, clock: Any, tmp_path: Path) -> None:
    t5 = receive(ctx, clock, "2027-01-29T09:00")
    status(ctx, clock, t5, "2027-02-01T08:00", "ready")
    t1 = receive(ctx, clock, "2027-02-02T15:00")
    t2 = receive(ctx, clock, "2027-02-03T09:00")
    t3 = receive(ctx, clock, "2027-02-03T10:00", MARRIAGE_STATUS)
    t4 = receive(ctx, clock, "2027-02-03T16:00")
    status(ctx, clock, t2, "2027-02-11T08:45", "ready")
    status(ctx, clock, t1, "2027-02-11T09:00", "ready")
    status(ctx, clock, t3, "2027-02-12T14:00", "ready")
    ds = DossierService(ctx)
    assert [iso(ds.get(c).due_at) for c in (t1, t2, t3, t4)] == [
        "2027-02-03T15:00:00+07:00",
        "2027-02-11T09:00:00+07:00",
        "2027-02-15T10:00:00+07:00",
        "2027-02-11T16:00:00+07:00",
    ]
    clock.set("2027-03-02T09:00")
    report = ReportService(ctx).monthly("2027-02")
    r = report.to_json()
    assert r["dossiers"] == {
        "received": 4,
        "resolved": 4,
        "early": 1,
        "on_time": 2,
        "late": 1,
        "on_time_pct": 75.0,
        "open_at_end": 1,
        "overdue_open": 1,
        "rejected": 0,
        "stopped": 0,
    }
    assert [(e["code"], e["state"], e["original_due_at"]) for e in r["overdue_register"]] == [
        (t1, "resolved_late", "2027-02-03T15:00:00+07:00"),
        (t4, "open_late", "2027-02-11T16:00:00+07:00"),
    ]
    assert r["apologies"] == {"issued": 0, "missing": 2}
    assert [(t["month"], t["on_time_pct"]) for t in r["on_time_trend"]][-2:] == [
        ("2027-01", None),
        ("2027-02", 75.0),
    ]

    pdf = tmp_path / "tet.pdf"
    write_pdf(report, ctx.config, pdf)
    flat = " ".join(pdf_text(pdf).split())
    assert "THÁNG 02/2027" in flat
    assert "Tỷ lệ giải quyết đúng hạn (trước hạn + đúng hạn) 3 75%" in flat
    assert "CẢNH BÁO: 2 hồ sơ quá hạn CHƯA CÓ phiếu xin lỗi" in flat
    save_pages(pdf, "tet-2027-02")


def test_running_month_counts_up_to_now(ctx: Any, clock: Any) -> None:
    """For the month in progress the figures stop at now, not at a month end still ahead."""
    code = receive(ctx, clock, "2027-02-03T09:00")  # due Thu 11/02 09:00, after Tết
    clock.set("2027-02-10T12:00")  # still Tết: not overdue yet
    r = ReportService(ctx).monthly("2027-02").to_json()
    assert r["as_of"] == "2027-02-10T12:00:00+07:00"
    assert (r["dossiers"]["open_at_end"], r["dossiers"]["overdue_open"]) == (1, 0)
    clock.set("2027-02-11T09:01")
    r = ReportService(ctx).monthly("2027-02").to_json()
    assert (r["dossiers"]["open_at_end"], r["dossiers"]["overdue_open"]) == (1, 1)
    assert [e["code"] for e in r["overdue_register"]] == [code]


def test_a_supplement_pause_across_month_end_is_neither_late_nor_overdue(ctx: Any, clock: Any) -> None:
    """Received Wed 24/02/2027 09:00 (due Thu 25/02 09:00), supplement asked 24/02 10:00 with most of the
    day left: at the end of February its clock is stopped, so the stored 25/02 is not a missed date.
    Another one is paused only after its due time had passed (nothing left): it stays late and overdue."""
    paused = receive(ctx, clock, "2027-02-24T09:00")
    status(ctx, clock, paused, "2027-02-24T10:00", "supplement", note="Thiếu giấy chứng sinh")
    late = receive(ctx, clock, "2027-02-22T09:00")  # due Tue 23/02 09:00
    status(ctx, clock, late, "2027-02-24T10:00", "supplement", note="Thiếu giấy chứng sinh")
    clock.set("2027-03-10T09:00")
    r = ReportService(ctx).monthly("2027-02").to_json()
    assert (r["dossiers"]["open_at_end"], r["dossiers"]["overdue_open"]) == (2, 1)
    assert [e["code"] for e in r["overdue_register"]] == [late]
