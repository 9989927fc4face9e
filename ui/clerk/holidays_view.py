"""Holiday overrides editor: a calendar of the year with public holidays (from the `holidays` package),
the office's own days off and make-up working days; set or clear a day through CalendarService."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale
from PySide6.QtGui import QBrush, QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.users import UserInfo
from ui.clerk.common import error_text, start_job
from ui.clerk.services import ClerkServices

OFF_BG, WORK_BG, HOLIDAY_BG = QColor("#ffcdd2"), QColor("#c8e6c9"), QColor("#ffe0b2")


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class HolidaysView(QWidget):
    def __init__(self, services: ClerkServices, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.user = services, user
        self.rows: list[dict[str, Any]] = []
        self.year = services.ctx.now().year
        self._marked: list[QDate] = []

        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("holiday_calendar")
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setSelectedDate(_qdate(services.ctx.now().date()))
        self.calendar.currentPageChanged.connect(self._page_changed)
        self.calendar.selectionChanged.connect(self._selected)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.day_label = QLabel()
        self.day_label.setWordWrap(True)
        self.day_label.setStyleSheet("font-weight: bold;")
        self.note = QLineEdit()
        self.note.setObjectName("holiday_note")
        self.note_label = QLabel()
        self.note_label.setBuddy(self.note)
        self.off_button = QPushButton()
        self.off_button.setObjectName("day_off")
        self.work_button = QPushButton()
        self.work_button.setObjectName("day_work")
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("day_clear")
        self.off_button.clicked.connect(lambda: self._set(False))
        self.work_button.clicked.connect(lambda: self._set(True))
        self.clear_button.clicked.connect(self._clear)
        self.message = QLabel()
        self.message.setWordWrap(True)

        self.table = QTableWidget(0, 3)
        self.table.setObjectName("holiday_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.cellClicked.connect(self._row_clicked)
        self.table_label = QLabel()

        left = QVBoxLayout()
        left.addWidget(self.calendar)
        left.addWidget(self.legend)
        left.addWidget(self.day_label)
        nrow = QHBoxLayout()
        nrow.addWidget(self.note_label)
        nrow.addWidget(self.note, 1)
        left.addLayout(nrow)
        brow = QHBoxLayout()
        brow.addWidget(self.off_button)
        brow.addWidget(self.work_button)
        brow.addWidget(self.clear_button)
        left.addLayout(brow)
        left.addWidget(self.message)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.table_label)
        right.addWidget(self.table, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.calendar.setLocale(QLocale())
        self.legend.setText(
            self.tr(
                "Đỏ: ngày nghỉ do cơ quan đặt · Xanh: ngày làm bù · Cam: ngày lễ theo quy định. "
                "Thứ Bảy, Chủ nhật là ngày nghỉ trừ khi đặt làm bù."
            )
        )
        self.note_label.setText(self.tr("&Ghi chú:"))
        self.note.setPlaceholderText(self.tr("ví dụ: Nghỉ bù Tết, làm bù ngày 2/1"))
        self.off_button.setText(self.tr("Đặt là ngày &nghỉ"))
        self.work_button.setText(self.tr("Đặt là ngày làm &bù"))
        self.clear_button.setText(self.tr("Bỏ điều &chỉnh"))
        self.table_label.setText(self.tr("Ngày nghỉ và ngày làm bù năm {year}").format(year=self.year))
        self.table.setHorizontalHeaderLabels([self.tr("Ngày"), self.tr("Loại"), self.tr("Tên, ghi chú")])
        self._fill_table()
        self._selected()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self) -> None:
        start_job(
            self, self.services.calendar.holidays, self.year, on_done=self._loaded, on_error=self._error
        )

    def _loaded(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        for d in self._marked:
            self.calendar.setDateTextFormat(d, QTextCharFormat())
        self._marked = []
        for r in rows:
            fmt = QTextCharFormat()
            bg = WORK_BG if r["working"] else (OFF_BG if r["origin"] == "override" else HOLIDAY_BG)
            fmt.setBackground(QBrush(bg))
            fmt.setToolTip(r["name"])
            qd = _qdate(date.fromisoformat(r["date"]))
            self.calendar.setDateTextFormat(qd, fmt)
            self._marked.append(qd)
        self.table_label.setText(self.tr("Ngày nghỉ và ngày làm bù năm {year}").format(year=self.year))
        self._fill_table()
        self._selected()

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            d = date.fromisoformat(r["date"])
            if r["working"]:
                kind = self.tr("Làm bù")
            else:
                kind = self.tr("Nghỉ (cơ quan đặt)") if r["origin"] == "override" else self.tr("Nghỉ lễ")
            for col, text in enumerate((f"{d:%d/%m/%Y}", kind, r["name"])):
                self.table.setItem(i, col, QTableWidgetItem(text))

    def _page_changed(self, year: int, _month: int) -> None:
        if year != self.year:
            self.year = year
            self.load()

    def _row_clicked(self, row: int, _col: int) -> None:
        self.calendar.setSelectedDate(_qdate(date.fromisoformat(self.rows[row]["date"])))

    def selected_day(self) -> date:
        picked = self.calendar.selectedDate()
        return date(picked.year(), picked.month(), picked.day())

    def _selected(self) -> None:
        d = self.selected_day()
        row = next((r for r in self.rows if r["date"] == d.isoformat()), None)
        text = f"{d:%d/%m/%Y}"
        if row is not None:
            text += " — " + row["name"]
        self.day_label.setText(text)
        self.clear_button.setEnabled(bool(row and row["origin"] == "override"))

    def _set(self, working: bool) -> None:
        day, note = self.selected_day(), self.note.text().strip()
        start_job(
            self,
            self.services.calendar.set_day,
            day,
            working,
            note,
            actor=self.user.username,
            on_done=lambda _r: self._done(),
            on_error=self._error,
        )

    def _clear(self) -> None:
        start_job(
            self,
            self.services.calendar.clear_day,
            self.selected_day(),
            actor=self.user.username,
            on_done=lambda _r: self._done(),
            on_error=self._error,
        )

    def _done(self) -> None:
        self.note.clear()
        self.message.setText(self.tr("Đã lưu. Hạn trả của hồ sơ nhận từ nay tính theo lịch mới."))
        self.load()

    def _error(self, exc: BaseException) -> None:
        self.message.setText(error_text(exc))
