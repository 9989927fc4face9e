"""The tables of the "Báo cáo" tab (ui/clerk/reports_panel.py): the report's own wording in the window's
language, and filling one table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem

from ui.clerk.report_charts import BAD
from ui.i18n import QT_TRANSLATE_NOOP

FLAG = "#fde8e8"  # background of a row that misses its target
# The report's own wording (counter_app.services.report_document, sipas levels and groups) that the tables
# show as row labels and headers, listed for lupdate; each cell goes through `label`.
# The PDF stays Vietnamese: it is the official report.
REPORT_WORDS = [
    QT_TRANSLATE_NOOP("ReportsPanel", "Hồ sơ tiếp nhận trong tháng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Hồ sơ đã giải quyết (có kết quả) trong tháng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "– Trước hạn"),
    QT_TRANSLATE_NOOP("ReportsPanel", "– Đúng hạn"),
    QT_TRANSLATE_NOOP("ReportsPanel", "– Quá hạn"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tỷ lệ giải quyết đúng hạn (trước hạn + đúng hạn)"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Hồ sơ từ chối tiếp nhận, giải quyết trong tháng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Hồ sơ dừng giải quyết trong tháng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Hồ sơ chưa giải quyết xong tại thời điểm cuối kỳ"),
    QT_TRANSLATE_NOOP("ReportsPanel", "– trong đó đã quá hạn hẹn trả"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Phiếu xin lỗi đã lập trong tháng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Hồ sơ quá hạn chưa có phiếu xin lỗi"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Rất hài lòng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Hài lòng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Bình thường"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Không hài lòng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tổng số lượt đánh giá"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Số lượt mời đánh giá"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tỷ lệ người dân đánh giá (đánh giá ÷ mời)"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tỷ lệ hài lòng (Rất hài lòng + Hài lòng)"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tiếp cận dịch vụ"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Thủ tục hành chính"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Công chức"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Kết quả giải quyết"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Đạt"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Không đạt"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tiền mặt"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Chuyển khoản"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Chuyển khoản VietQR"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tổng cộng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Phản ánh, kiến nghị tiếp nhận trong tháng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Đã trả lời trong tháng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "– trả lời đúng hạn"),
    QT_TRANSLATE_NOOP("ReportsPanel", "– trả lời quá hạn"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Chưa trả lời tại cuối kỳ"),
    QT_TRANSLATE_NOOP("ReportsPanel", "– trong đó đã quá hạn trả lời"),
    QT_TRANSLATE_NOOP("ReportsPanel", "TT"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Mã hồ sơ"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Thủ tục"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Hạn trả ban đầu"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tình trạng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Phiếu xin lỗi"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Hẹn trả lại"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Quầy / dịch vụ"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Số phát"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Đã phục vụ"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Vắng mặt"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Chờ TB"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Chờ P90"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Phục vụ TB"),
    QT_TRANSLATE_NOOP("ReportsPanel", "chức năng đánh giá mức độ hài lòng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "chức năng xếp hàng lấy số thứ tự"),
    QT_TRANSLATE_NOOP("ReportsPanel", "chức năng thu phí, lệ phí"),
    QT_TRANSLATE_NOOP("ReportsPanel", "chức năng tiếp nhận phản ánh, kiến nghị"),
]


def label(text: str) -> str:
    """A label of the report's own wording in the current language, its indent kept."""
    core = text.strip()
    return (
        text[: len(text) - len(text.lstrip())] + QCoreApplication.translate("ReportsPanel", core)
        if core
        else text
    )


def fill(
    table: QTableWidget,
    note: QLabel,
    key: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    flagged: Any = (),
    empty: str = "",
) -> None:
    """Show `rows` under `header` (row labels and the SIPAS verdict translated, `flagged` rows in red), or
    the note `empty` when there are none; the table is as tall as its rows (the tab scrolls, not it)."""
    if not rows and empty:
        note.setText(empty)
        note.setStyleSheet("color:#52606d")
        note.show()
        table.hide()
        return
    note.hide()
    table.show()
    table.clear()
    table.setColumnCount(len(header))
    table.setHorizontalHeaderLabels([label(h) for h in header])
    table.setRowCount(len(rows))
    marked = set(flagged)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if j == 0 or (key == "groups" and j == len(row) - 1):  # row labels and the SIPAS verdict
                value = label(str(value))
            item = QTableWidgetItem(str(value).strip() if j == 0 else str(value))
            if j == 0 and str(value).startswith(" "):
                item.setText("    " + str(value).strip())
            if j > 0 and key not in ("register",):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if i in marked:
                item.setBackground(QBrush(QColor(FLAG)))
                item.setForeground(QBrush(QColor(BAD)))
            table.setItem(i, j, item)
    hh = table.horizontalHeader()
    hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    hh.setSectionResizeMode(0 if key != "register" else 2, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
    height = hh.height() + sum(table.rowHeight(i) for i in range(table.rowCount())) + 4
    table.setFixedHeight(max(height, hh.height() + 4))
