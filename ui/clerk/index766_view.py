"""The clerk window's "Chỉ số 766" tab (supervisors and admins), layout only: a month picker, one row per
indicator of Quyết định 766/QĐ-TTg (this month, the month before, the office's target), and below it the
selected indicator's formula, source and the dossiers that pull it down (Enter or a double click opens
one). ui/clerk/index766_controller.py fills it.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ui.clerk.common import table_over_detail

GOOD, BAD, MUTED = "#2e7d32", "#c62828", "#52606d"


class CodeList(QListWidget):
    """The dossier codes under an indicator; Enter opens the current one (as a double click does)."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.itemActivated.connect(lambda item: self.open_requested.emit(item.text()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.open_requested.emit(self.currentItem().text())
            return
        super().keyPressEvent(event)


class Index766View(QWidget):
    month_changed = Signal()
    refresh_requested = Signal()

    COLUMNS = 6  # indicator, group, this month, previous month, target, numerator / denominator

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("index766_panel")
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.month_caption = QLabel()
        self.month_edit = QDateEdit()
        self.month_edit.setObjectName("index766_month")
        self.month_edit.setDisplayFormat("MM/yyyy")
        self.month_edit.setCalendarPopup(False)
        self.month_edit.dateChanged.connect(lambda _d: self.month_changed.emit())
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("index766_refresh")
        self.refresh_button.clicked.connect(lambda _c=False: self.refresh_requested.emit())
        self.state_label = QLabel()
        self.state_label.setObjectName("index766_state")
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(16)
        top.addWidget(self.month_caption)
        top.addWidget(self.month_edit)
        top.addWidget(self.refresh_button)
        top.addWidget(self.state_label, 1)

        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("index766_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the dossier list, not to the next cell
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.detail_title = QLabel()
        self.detail_title.setObjectName("index766_detail_title")
        self.detail_title.setStyleSheet("font-weight: 600;")
        self.detail_title.setWordWrap(True)
        self.formula = QLabel()
        self.formula.setObjectName("index766_formula")
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source = QLabel()
        self.source.setObjectName("index766_source")
        self.source.setWordWrap(True)
        self.source.setStyleSheet(f"color: {MUTED};")
        self.codes_caption = QLabel()
        self.codes_caption.setObjectName("index766_codes_caption")
        self.codes = CodeList()
        self.codes.setObjectName("index766_codes")
        self.open_hint = QLabel()
        self.open_hint.setStyleSheet(f"color: {MUTED};")

        about = QVBoxLayout()
        about.addWidget(self.detail_title)
        about.addWidget(self.formula)
        about.addWidget(self.source)
        about.addStretch(1)
        codes = QVBoxLayout()
        codes.addWidget(self.codes_caption)
        codes.addWidget(self.codes, 1)
        codes.addWidget(self.open_hint)
        lower = QWidget()
        lower_lay = QHBoxLayout(lower)
        lower_lay.setContentsMargins(0, 0, 0, 0)
        lower_lay.addLayout(about, 3)
        lower_lay.addLayout(codes, 2)

        table_over_detail(self, top, self.table, lower)
        self.retranslate()

    # --- words --------------------------------------------------------------------------------------------

    def headers(self) -> list[str]:
        return [
            self.tr("Chỉ số"),
            self.tr("Nhóm (QĐ 766)"),
            self.tr("Tháng này"),
            self.tr("Tháng trước"),
            self.tr("Chỉ tiêu"),
            self.tr("Đạt / tổng"),
        ]

    def retranslate(self) -> None:
        self.title.setText(self.tr("Chỉ số phục vụ theo Quyết định 766/QĐ-TTg"))
        self.month_caption.setText(self.tr("Tháng:"))
        self.refresh_button.setText(self.tr("Tính lại"))
        self.table.setHorizontalHeaderLabels(self.headers())
        self.open_hint.setText(self.tr("Enter hoặc nhấp đúp: mở hồ sơ"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- state --------------------------------------------------------------------------------------------

    def set_month_headers(self, this_month: str, previous: str) -> None:
        """The two figure columns named after their months ("10/2026")."""
        labels = self.headers()
        labels[2] = self.tr("Tháng {m}").format(m=this_month)
        labels[3] = self.tr("Tháng {m}").format(m=previous)
        self.table.setHorizontalHeaderLabels(labels)

    def set_month_range(self, latest: QDate) -> None:
        self.month_edit.setMaximumDate(latest)

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1
