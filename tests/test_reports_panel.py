"""The clerk window's "Báo cáo" tab: real widgets over the generated month (tests/reports_support.py);
figures written by hand; computing and exporting off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QBarSeries, QLineSeries
from PySide6.QtCore import Qt

from counter_app.services.context import AppContext
from counter_app.services.reports import ReportService
from counter_app.services.users import UserInfo, UserService
from tests.clerk_support import PASSWORD, finish, open_window, save_shot, wait_idle
from tests.reports_support import build_month
from tests.test_reports_month import pdf_text
from ui.clerk.reports_panel import ReportsPanel
from ui.clerk.services import ClerkServices

pytest_plugins = ["tests.clerk_fixtures"]


def _table(panel: ReportsPanel, key: str) -> list[list[str]]:
    t = panel.tables[key]
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_panel_shows_the_month_and_exports(
    qtbot: Any, app_qt: Any, ctx: AppContext, clock: Any, tmp_path: Path
) -> None:
    codes = build_month(ctx, clock)  # the clock ends on 05/11/2026: the panel opens on October
    panel = ReportsPanel(ReportService(ctx))
    qtbot.addWidget(panel)
    panel.resize(1366, 768)
    with qtbot.waitSignal(panel.loaded, timeout=10_000) as blocker:
        panel.show()
    assert blocker.args[0].month == "2026-10"
    cards = {k: v.text() for k, v in panel.cards.items()}
    assert cards == {
        "received": "12",
        "resolved": "8",
        "on_time_pct": "62,5%",
        "overdue_open": "2",
        "missing": "4",
        "satisfied_pct": "75%",
        "wait_avg": "26 phút 24 giây",
        "fees": "8.000 ₫",
    }
    register = _table(panel, "register")
    assert [r[1] for r in register] == [codes[k] for k in ("D4", "D10", "D11", "D5", "D13", "D7")]
    assert [r[5].startswith("CHƯA CÓ") for r in register] == [False, False, True, True, True, True]
    flagged = panel.tables["register"].item(2, 0).background().color().name()
    assert (
        flagged == "#fde8e8"
        and panel.tables["register"].item(0, 0).background().style() == Qt.BrushStyle.NoBrush
    )
    groups = _table(panel, "groups")
    assert [g[3] for g in groups] == ["66,7%", "66,7%", "80%", "100%", "—"]
    assert _table(panel, "clerks")[0] == ["Trần Thị Lan (lan)", "3", "2", "66,7%"]
    # SIPAS chart: one bar series (5 groups) and a dashed target line per group.
    series = panel.sipas_view.chart().series()
    assert [type(x) for x in series].count(QBarSeries) == 1 and [type(x) for x in series].count(
        QLineSeries
    ) == 5
    bars = [x for x in series if isinstance(x, QBarSeries)][0].barSets()[0]
    assert [round(bars.at(i), 1) for i in range(bars.count())] == [66.7, 66.7, 80.0, 100.0, 0.0]
    trend = [x for x in panel.trend_view.chart().series() if isinstance(x, QLineSeries)][0]
    assert [(p.x(), p.y()) for p in trend.points()] == [(5.0, 62.5)]
    save_shot(panel, "reports/panel-2026-10-1366x768")
    save_shot(panel.content, "reports/panel-2026-10-full")  # the whole scrolled page

    pdf, csv_file = tmp_path / "panel.pdf", tmp_path / "panel.csv"
    with qtbot.waitSignal(panel.exported, timeout=10_000):
        panel.export_pdf(str(pdf))
    assert "Tỷ lệ giải quyết đúng hạn" in pdf_text(pdf) and "62,5%" in pdf_text(pdf)
    with qtbot.waitSignal(panel.exported, timeout=10_000):
        panel.export_csv(str(csv_file))
    assert "dossiers.on_time_pct,62.5" in csv_file.read_text(encoding="utf-8-sig").splitlines()

    # Another month: the empty August.
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.set_month("2026-08")
    assert panel.cards["received"].text() == "0" and panel.cards["on_time_pct"].text() == "—"
    assert panel.tables["register"].isHidden() and "Không có hồ sơ quá hạn" in panel.notes["register"].text()
    wait_idle(qtbot)


@pytest.mark.parametrize(("role", "has_tab"), [("supervisor", True), ("admin", True), ("clerk", False)])
def test_tab_only_for_supervisors_and_admins(
    qtbot: Any, services: ClerkServices, languages: Any, role: str, has_tab: bool
) -> None:
    user: UserInfo = UserService(services.ctx).add(
        f"u{role}", "Nguyễn Văn Bình", role, PASSWORD, actor="system"
    )
    window = open_window(qtbot, services, user, languages)
    try:
        assert ("reports" in window.panels) is has_tab
        if has_tab:
            panel = window.panels["reports"][0]
            assert window.tabs.tabText(window.tabs.indexOf(panel)) == "Báo cáo"
            with qtbot.waitSignal(panel.loaded, timeout=10_000):
                window.show_panel("reports")
            if role == "supervisor":
                save_shot(window, "reports/window-reports-tab-1366x768")
        wait_idle(qtbot)
    finally:
        finish(qtbot)
