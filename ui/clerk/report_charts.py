"""The charts of the "Báo cáo" tab (ui/clerk/reports_panel.py): on-time trend, SIPAS groups against their
targets, the wait-time histogram. Texts keep the panel's translation context ("ReportsPanel")."""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QLineSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPen

from counter_app.services.reports import Month, MonthlyReport
from ui.i18n import QT_TRANSLATE_NOOP

ACCENT, GOOD, BAD = "#1f5f99", "#2f855a", "#c53030"
# Axis ticks of the SIPAS chart (the tables carry the full group names).
SIPAS_TICKS = {
    "access": QT_TRANSLATE_NOOP("ReportsPanel", "Tiếp cận"),
    "procedure": QT_TRANSLATE_NOOP("ReportsPanel", "Thủ tục"),
    "staff": QT_TRANSLATE_NOOP("ReportsPanel", "Công chức"),
    "result": QT_TRANSLATE_NOOP("ReportsPanel", "Kết quả"),
    "feedback": QT_TRANSLATE_NOOP("ReportsPanel", "Phản ánh"),
}


def _new_chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    # Decimal comma in value labels ("66,7%"), as everywhere else in the window.
    chart.setLocalizeNumbers(True)
    chart.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    chart.legend().setVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    return chart


def _small_labels(*axes: Any) -> None:
    font = QFont()
    font.setPointSizeF(7.5)
    for axis in axes:
        axis.setLabelsFont(font)


def trend_chart(r: MonthlyReport) -> QChart:
    chart = _new_chart(
        QCoreApplication.translate("ReportsPanel", "Tỷ lệ đúng hạn {n} tháng gần nhất").format(n=len(r.trend))
    )
    series = QLineSeries()
    series.setPointsVisible(True)
    series.setPointLabelsVisible(True)
    series.setPointLabelsFormat("@yPoint%")
    series.setPen(QPen(QColor(ACCENT), 2))
    for i, t in enumerate(r.trend):
        if t.on_time_pct is not None:
            series.append(i, t.on_time_pct)
    chart.addSeries(series)
    x = QBarCategoryAxis()
    x.append([Month.parse(t.month).short_label for t in r.trend])
    y = QValueAxis()
    y.setRange(0, 100)
    y.setLabelFormat("%.0f%")  # localized numbers: printf-like, "%" taken literally
    _small_labels(x, y)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    return chart


def sipas_chart(r: MonthlyReport) -> QChart:
    chart = _new_chart(QCoreApplication.translate("ReportsPanel", "Hài lòng theo nhóm SIPAS so với chỉ tiêu"))
    x = QBarCategoryAxis()
    y = QValueAxis()
    y.setRange(0, 100)
    y.setLabelFormat("%.0f%")  # localized numbers: printf-like, "%" taken literally
    _small_labels(x, y)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    if r.ratings is None:
        chart.setTitle(
            QCoreApplication.translate("ReportsPanel", "Hài lòng theo nhóm SIPAS: chưa có số liệu")
        )
        return chart
        return
    groups = list(r.ratings.by_group.values())
    x.append(
        [
            QCoreApplication.translate("ReportsPanel", SIPAS_TICKS[g.key]) if g.key in SIPAS_TICKS else g.key
            for g in groups
        ]
    )
    bars = QBarSet(QCoreApplication.translate("ReportsPanel", "Tỷ lệ hài lòng"))
    for g in groups:
        bars.append(g.satisfied_pct or 0.0)
    for i, g in enumerate(groups):
        if g.meets_target is not None:
            bars.setBarSelected(i, not g.meets_target)
    bars.setColor(QColor(GOOD))
    bars.setSelectedColor(QColor(BAD))
    series = QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value%")
    chart.addSeries(series)
    series.attachAxis(x)
    series.attachAxis(y)
    pen = QPen(QColor("#1f2933"), 2, Qt.PenStyle.DashLine)
    for i, g in enumerate(groups):  # target: a dashed line across the bar
        line = QLineSeries()
        line.append(i - 0.4, g.target_pct)
        line.append(i + 0.4, g.target_pct)
        line.setPen(pen)
        chart.addSeries(line)
        line.attachAxis(x)
        line.attachAxis(y)
    return chart


def wait_chart(r: MonthlyReport) -> QChart:
    chart = _new_chart(QCoreApplication.translate("ReportsPanel", "Phân bố thời gian chờ (phút)"))
    x = QBarCategoryAxis()
    y = QValueAxis()
    y.setLabelFormat("%.0f")
    _small_labels(x, y)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    if r.queue is None:
        chart.setTitle(QCoreApplication.translate("ReportsPanel", "Thời gian chờ: chưa có số liệu"))
        return chart
        return
    # The last bin is "từ 60" (60 minutes and more).
    x.append(
        [
            QCoreApplication.translate("ReportsPanel", "từ {n}").format(n=b[3:]) if b.startswith("từ ") else b
            for b, _ in r.queue.wait_histogram
        ]
    )
    counts = QBarSet(QCoreApplication.translate("ReportsPanel", "Số lượt"))
    for _, n in r.queue.wait_histogram:
        counts.append(n)
    counts.setColor(QColor("#3b8bc9"))
    series = QBarSeries()
    series.append(counts)
    series.setBarWidth(0.9)
    chart.addSeries(series)
    top = max([n for _, n in r.queue.wait_histogram] + [1])
    y.setRange(0, top)
    y.setTickCount(min(top, 5) + 1)
    series.attachAxis(x)
    series.attachAxis(y)
    return chart
