"""The dossier board's widgets: search box, tabs (today, due soon, overdue, ready, search results) with
counts in their titles, and the action panel of the selected dossier. `BoardController` drives it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.board import (
    ACTIONS,
    TAB_DUE_SOON,
    TAB_OVERDUE,
    TABS,
    URGENT_DUE_SOON,
    URGENT_OVERDUE,
    payment_of,
)
from counter_app.services.dossier_view import DossierView
from counter_app.services.payments import PaymentStatus
from ui.clerk.common import format_time, payment_label, payment_tooltip, status_label

TAB_SEARCH = "search"
SCOPE_OFFICE, SCOPE_MINE = "office", "mine"
AMBER, RED = QColor("#ffe0b2"), QColor("#ffcdd2")
AMBER_TEXT, RED_TEXT = QColor("#e65100"), QColor("#c62828")
PAID_TEXT, UNPAID_TEXT, FREE_TEXT = QColor("#2e7d32"), QColor("#c62828"), QColor("#666666")

_Index = QModelIndex | QPersistentModelIndex


class DossierTableModel(QAbstractTableModel):
    COLUMNS = ("code", "name", "procedure", "received", "due", "fee", "status")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DossierView] = []
        self.urgency: Callable[[DossierView], str] = lambda _v: ""
        self.paid: dict[str, int] = {}
        self._headers: list[str] = [""] * len(self.COLUMNS)
        # Per row, made on first paint: painting asks for every cell and role many times.
        self._cells: dict[int, tuple[tuple[str, ...], str]] = {}

    def set_rows(
        self,
        rows: list[DossierView],
        urgency: Callable[[DossierView], str],
        paid: dict[str, int] | None = None,
    ) -> None:
        self.beginResetModel()
        self.rows, self.urgency, self.paid = list(rows), urgency, dict(paid or {})
        self._cells.clear()
        self.endResetModel()

    def set_headers(self, headers: list[str]) -> None:
        self._headers = headers
        self._cells.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(headers) - 1)
        if self.rows:  # status labels change language too
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.COLUMNS) - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        v = self.rows[row]
        col = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole):
            cells = self._cells.get(row)
            if cells is None:
                texts = (
                    v.code,
                    v.full_name,
                    v.procedure_name,
                    format_time(v.received_at),
                    format_time(v.due_at),
                    payment_label(self.payment(v), v.status),
                    status_label(v.status),
                )
                cells = self._cells[row] = (texts, self.urgency(v))
            if role == Qt.ItemDataRole.DisplayRole:
                return cells[0][index.column()]
            return RED if cells[1] == URGENT_OVERDUE else AMBER if cells[1] == URGENT_DUE_SOON else None
        if role == Qt.ItemDataRole.ToolTipRole and col == "procedure":
            return v.procedure_name
        if role == Qt.ItemDataRole.ToolTipRole and col == "fee":
            return payment_tooltip(self.payment(v))
        if role == Qt.ItemDataRole.ForegroundRole and col == "fee":
            pay = self.payment(v)
            return (
                FREE_TEXT
                if pay.status == "free" or (v.status == "rejected" and not pay.paid_vnd)
                else PAID_TEXT
                if pay.paid
                else UNPAID_TEXT
            )
        if role == Qt.ItemDataRole.FontRole and col == "code":
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.UserRole:
            return v
        return None

    def view_at(self, row: int) -> DossierView | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def payment(self, v: DossierView) -> PaymentStatus:
        return payment_of(v, self.paid)


class BoardView(QWidget):
    activated = Signal(object)  # DossierView: Enter or double-click on a row
    selection_changed = Signal()
    retranslated = Signal()
    scope_changed = Signal()  # "Cả bộ phận" ↔ "Của tôi"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("board")
        self.search = QLineEdit()
        self.search.setObjectName("board_search")
        self.search.setClearButtonEnabled(True)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refresh")
        self.updated = QLabel()
        self.updated.setStyleSheet("color: #666;")
        # Whose dossiers: the whole office (every counter's) or mine (this clerk's and this counter's).
        self.scope = QComboBox()
        self.scope.setObjectName("board_scope")
        self.scope.addItem("", SCOPE_OFFICE)
        self.scope.addItem("", SCOPE_MINE)
        self.scope.currentIndexChanged.connect(lambda _i: self.scope_changed.emit())
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.scope)
        top.addWidget(self.refresh_button)
        top.addWidget(self.updated)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("board_tabs")
        self.models: dict[str, DossierTableModel] = {}
        self.tables: dict[str, QTableView] = {}
        for key in (*TABS, TAB_SEARCH):
            model = DossierTableModel(self)
            table = QTableView()
            table.setObjectName(f"table:{key}")
            table.setModel(model)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setAlternatingRowColors(False)
            table.verticalHeader().setVisible(False)
            table.verticalHeader().setDefaultSectionSize(26)
            table.setWordWrap(False)
            table.setTextElideMode(Qt.TextElideMode.ElideRight)
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            header.setStretchLastSection(False)
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
            for col, width in ((0, 205), (1, 170), (3, 125), (4, 125), (5, 95), (6, 120)):
                table.setColumnWidth(col, width)
            table.doubleClicked.connect(lambda idx, m=model: self._activate(m, idx.row()))
            table.activated.connect(lambda idx, m=model: self._activate(m, idx.row()))
            table.selectionModel().selectionChanged.connect(lambda *_a: self.selection_changed.emit())
            self.models[key], self.tables[key] = model, table
            self.tabs.addTab(table, "")
        self.tabs.currentChanged.connect(lambda _i: self.selection_changed.emit())

        self.actions_box = QGroupBox()
        self.actions_box.setMinimumWidth(230)
        self.actions_box.setMaximumWidth(300)
        self.selected = QLabel()
        self.selected.setObjectName("selected")
        self.selected.setWordWrap(True)
        self.selected.setMinimumHeight(60)
        self.detail_button = QPushButton()
        self.detail_button.setObjectName("action:detail")
        self.action_buttons: dict[str, QPushButton] = {}
        al = QVBoxLayout(self.actions_box)
        al.addWidget(self.selected)
        al.addWidget(self.detail_button)
        al.addSpacing(6)
        for key in ACTIONS:
            b = QPushButton()
            b.setObjectName(f"action:{key}")
            self.action_buttons[key] = b
            al.addWidget(b)
        # Extension point: other helpers' per-dossier buttons (e.g. "reprint") land below this line.
        self.extra_actions = QVBoxLayout()
        al.addSpacing(6)
        al.addLayout(self.extra_actions)
        al.addStretch(1)
        self.action_message = QLabel()
        self.action_message.setWordWrap(True)
        self.action_message.setObjectName("action_message")
        al.addWidget(self.action_message)

        self.more_note = QLabel()
        self.more_note.setObjectName("more_note")
        self.more_note.setStyleSheet("color: #555;")
        self.more_note.setWordWrap(True)
        self.more_note.hide()
        self.tabs.currentChanged.connect(lambda _i: self._note_more())
        left = QVBoxLayout()
        left.addWidget(self.tabs, 1)
        left.addWidget(self.more_note)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.actions_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self.tab_titles: dict[str, str] = {}
        self.counts: dict[str, int | None] = {k: None for k in (*TABS, TAB_SEARCH)}
        self.retranslate()

    def mine(self) -> bool:
        """True while the board lists only this clerk's and this counter's dossiers."""
        return self.scope.currentData() == SCOPE_MINE

    def toggle_scope(self) -> None:
        self.scope.setCurrentIndex(1 - self.scope.currentIndex())

    def _note_more(self) -> None:
        """Under a tab listing fewer rows than it counts: how to reach the others."""
        key = self.tab_key()
        shown, total = self.models[key].rowCount(), self.counts[key]
        if key == TAB_SEARCH or total is None or total <= shown:
            self.more_note.hide()
            return
        self.more_note.setText(
            self.tr(
                "Đang hiện {shown} trong {total} hồ sơ, cần làm trước lên đầu; tìm theo mã, tên, "
                "số điện thoại để thấy hồ sơ khác."
            ).format(shown=shown, total=total)
        )
        self.more_note.show()

    def add_extra_button(self, key: str) -> QPushButton:
        b = QPushButton()
        b.setObjectName(f"action:{key}")
        self.extra_actions.addWidget(b)
        return b

    def _activate(self, model: DossierTableModel, row: int) -> None:
        v = model.view_at(row)
        if v is not None:
            self.activated.emit(v)

    def tab_key(self, index: int | None = None) -> str:
        keys = (*TABS, TAB_SEARCH)
        return keys[self.tabs.currentIndex() if index is None else index]

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex((*TABS, TAB_SEARCH).index(key))

    def current_view(self) -> DossierView | None:
        key = self.tab_key()
        rows = self.tables[key].selectionModel().selectedRows()
        return self.models[key].view_at(rows[0].row()) if rows else None

    def current_payment(self) -> PaymentStatus | None:
        """The selected dossier's fee and what the board's last load says it has paid."""
        view = self.current_view()
        return self.models[self.tab_key()].payment(view) if view is not None else None

    def set_rows(
        self,
        key: str,
        rows: list[DossierView],
        urgency: Callable[[DossierView], str],
        paid: dict[str, int] | None = None,
        total: int | None = None,
    ) -> None:
        """The tab's rows; `total` is how many dossiers the tab holds when it lists only the first."""
        table, model = self.tables[key], self.models[key]
        current = self.current_view() if self.tab_key() == key else None
        keep = current.code if current else None
        model.set_rows(rows, urgency, paid)
        self.counts[key] = len(rows) if total is None else max(total, len(rows))
        self._titles()
        self._note_more()
        target = next((i for i, v in enumerate(rows) if v.code == keep), 0 if rows else None)
        if target is not None:
            table.selectRow(target)
        # A model reset drops the selection without selectionChanged: say so, or the actions panel
        # keeps showing (and acting on) a dossier no longer listed.
        self.selection_changed.emit()

    def select_code(self, key: str, code: str) -> bool:
        for i, v in enumerate(self.models[key].rows):
            if v.code == code:
                self.show_tab(key)
                self.tables[key].selectRow(i)
                return True
        return False

    def _titles(self) -> None:
        for i, key in enumerate((*TABS, TAB_SEARCH)):
            n = self.counts[key]
            title = self.tab_titles.get(key, key)
            self.tabs.setTabText(i, f"{title} ({n})" if n is not None else title)
        self.tabs.tabBar().setTabTextColor(TABS.index(TAB_DUE_SOON), AMBER_TEXT)
        self.tabs.tabBar().setTabTextColor(TABS.index(TAB_OVERDUE), RED_TEXT)

    def retranslate(self) -> None:
        self.search_label.setText(self.tr("&Tìm hồ sơ:"))
        self.search.setPlaceholderText(
            self.tr(
                "Mã hồ sơ, số điện thoại, số CCCD hoặc họ tên (không cần dấu) — hoặc quét mã QR trên biên nhận"
            )
        )
        self.refresh_button.setText(self.tr("Làm mới (F5)"))
        self.scope.setItemText(0, self.tr("Cả bộ phận"))
        self.scope.setItemText(1, self.tr("Của tôi"))
        self.scope.setToolTip(
            self.tr(
                "Cả bộ phận: hồ sơ của mọi quầy. Của tôi: hồ sơ anh/chị tiếp nhận, nhận tại quầy này "
                "hoặc đã xử lý tại quầy này. Đổi nhanh: Ctrl+M"
            )
        )
        self.tab_titles = {
            "today": self.tr("Nhận hôm nay"),
            "due_soon": self.tr("Sắp đến hạn"),
            "overdue": self.tr("Quá hạn"),
            "ready": self.tr("Chờ trả kết quả"),
            TAB_SEARCH: self.tr("Kết quả tìm kiếm"),
        }
        self.tabs.setTabToolTip(1, self.tr("Hạn trả trong vòng một ngày làm việc"))
        self._titles()
        headers = [
            self.tr("Mã hồ sơ"),
            self.tr("Người nộp"),
            self.tr("Thủ tục"),
            self.tr("Nhận lúc"),
            self.tr("Hẹn trả"),
            self.tr("Phí, lệ phí"),
            self.tr("Trạng thái"),
        ]
        for model in self.models.values():
            model.set_headers(headers)
        self.actions_box.setTitle(self.tr("Hồ sơ đang chọn"))
        self.detail_button.setText(self.tr("Chi tiết, &lịch sử (Enter)"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.retranslated.emit()
        super().changeEvent(event)

    def set_updated(self, at: datetime | None) -> None:
        self.updated.setText(self.tr("Cập nhật {t}").format(t=f"{at:%H:%M}") if at else "")
