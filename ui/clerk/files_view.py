"""Widgets of digitising (số hóa): the dossier's papers with what was scanned (`FilesDialog`, from the
board), and a list to pick from (`PickDialog`: a file of the scan-to-folder directory, or a paper the
citizen had digitised before). Layout only: `ui/clerk/files_controller.py` drives them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.clerk.common import ErrorLabel

SOURCES = ("scanner", "folder", "file", "reuse")


class FilesDialog(QDialog):
    """One row per paper of the dossier's checklist, then its result; the buttons act on the selected row."""

    source_chosen = Signal(str)  # one of SOURCES, for the selected row

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.setObjectName("files_dialog")
        self.setMinimumSize(760, 380)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("files_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for source in SOURCES:
            b = QPushButton()
            b.setObjectName(f"digitise_{source}")
            b.clicked.connect(lambda _c=False, s=source: self.source_chosen.emit(s))
            self.buttons[source] = b
            row.addWidget(b)
        row.addStretch(1)
        self.close_button = QPushButton()
        self.close_button.setObjectName("close")
        self.close_button.clicked.connect(self.accept)
        row.addWidget(self.close_button)
        self.message = ErrorLabel()
        self.message.setObjectName("files_message")
        self.inbox_note = QLabel()
        self.inbox_note.setObjectName("scan_inbox")
        self.inbox_note.setWordWrap(True)
        self.inbox_note.setStyleSheet("color: #0d47a1;")
        self.inbox_note.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.inbox_note)
        layout.addLayout(row)
        self.retranslate()

    def set_rows(self, rows: list[tuple[str, str, str]]) -> None:
        """(number, paper name, what was digitised) per row; the selection stays where it was."""
        keep = max(self.table.currentRow(), 0)
        self.table.setRowCount(len(rows))
        for i, texts in enumerate(rows):
            for j, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(i, j, item)
        self.table.resizeRowsToContents()
        if rows:
            self.table.selectRow(min(keep, len(rows) - 1))

    def set_busy(self, busy: bool, text: str = "") -> None:
        for b in self.buttons.values():
            b.setEnabled(not busy)
        self.message.set_tone(error=not busy)
        self.message.show_message(text or None)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Số hóa hồ sơ {code}").format(code=self.code))
        self.table.setHorizontalHeaderLabels([self.tr("Số"), self.tr("Giấy tờ"), self.tr("Bản số hóa")])
        self.buttons["scanner"].setText(self.tr("&Quét"))
        self.buttons["folder"].setText(self.tr("Từ &thư mục quét…"))
        self.buttons["file"].setText(self.tr("Từ tệ&p…"))
        self.buttons["reuse"].setText(self.tr("&Dùng lại bản đã có…"))
        self.close_button.setText(self.tr("Đóng"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class PickDialog(QDialog):
    """Pick one line (Enter) or none (Esc); the list may be refreshed while open (a watched folder)."""

    def __init__(self, title: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pick_dialog")
        self.setWindowTitle(title)
        self.setMinimumSize(520, 300)
        self.empty_text = empty_text
        self.items = QListWidget()
        self.items.setObjectName("pick_list")
        self.items.itemActivated.connect(lambda _i: self.accept())
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #666;")
        self.ok = QPushButton(self.tr("Chọn"))
        self.ok.setDefault(True)
        self.ok.clicked.connect(self.accept)
        cancel = QPushButton(self.tr("Hủy"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.items, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.set_items([])

    def set_items(self, items: list[tuple[str, object]]) -> None:
        """(text, value) lines; the current line stays on the same value when it is still there."""
        current = self.value()
        self.items.clear()
        for text, value in items:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, value)
            self.items.addItem(item)
        values = [v for _t, v in items]
        if items:
            self.items.setCurrentRow(values.index(current) if current in values else 0)
        self.ok.setEnabled(bool(items))
        self.note.setText("" if items else self.empty_text)
        self.items.setFocus()

    def value(self) -> object | None:
        item = self.items.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)
