"""The intake screen's widgets (thin: no rules, no services). `IntakeController` drives it.

Layout, left to right: 1. procedure picker (search as you type) and 2. the papers checklist from the
procedure's legal list; 3. the applicant's fields, each with its live message, and 4. fee, due time
and the save button. Keyboard: Alt+letter mnemonics on every label, Enter moves to the next field,
Ctrl+Enter saves, Esc in the search box clears it.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.catalog import KINDS, ComponentSpec
from ui.clerk.common import ErrorLabel, field_label, kind_label

APPLICANT_FIELDS = ("full_name", "id_number", "birth_date", "phone", "email", "address")
# The "Số hóa" menu of each paper (ui/clerk/files_controller.py acts on it).
DIGITISE_SOURCES = ("scanner", "folder", "file", "reuse", "clear")


class _ClickLabel(QLabel):
    """A paper's name: wraps over lines and toggles its checkbox when clicked."""

    clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.clicked.emit()
        super().mousePressEvent(event)


class ComponentsChecklist(QWidget):
    """One row per paper on the legal list: ticked?, name, kind, count, and its "Số hóa" menu. Nothing
    else can be added."""

    changed = Signal()
    components_set = Signal()  # another procedure's papers are shown
    digitise_requested = Signal(int, str)  # row, one of DIGITISE_SOURCES

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.specs: list[ComponentSpec] = []
        self.rows: list[tuple[QCheckBox, _ClickLabel, QComboBox, QSpinBox]] = []  # those in use
        self._pool: list[tuple[QCheckBox, _ClickLabel, QComboBox, QSpinBox]] = []
        self.digitise_buttons: list[QToolButton] = []  # beside the rows of _pool
        self._digitised: dict[int, str] = {}  # row → what is chosen for it ("" none)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(4, 4, 4, 4)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(1, 1)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #666;")
        self.grid.addWidget(self.empty, 0, 0, 1, 4)
        self.grid.setRowStretch(1, 1)

    def set_components(self, specs: list[ComponentSpec]) -> None:
        """Show `specs`, reusing the row widgets of the previous procedure (picking must be quick)."""
        while len(self._pool) < len(specs):
            self._pool.append(self._make_row(len(self._pool)))
        self.specs = list(specs)
        self.rows = self._pool[: len(specs)]
        self._digitised.clear()
        for i, (check, name, kind, count) in enumerate(self._pool):
            widgets = (check, name, kind, count, self.digitise_buttons[i])
            if i >= len(specs):
                for w in widgets:
                    w.hide()
                continue
            spec = specs[i]
            for w in (check, kind, count):
                w.blockSignals(True)
            check.setChecked(spec.required)
            kind.setCurrentIndex(KINDS.index(spec.kind))
            count.setValue(spec.count)
            for w in (check, kind, count):
                w.blockSignals(False)
            for w in widgets:
                w.show()
        self.empty.setVisible(not specs)
        self.retranslate()
        self.changed.emit()
        self.components_set.emit()

    def _make_row(self, i: int) -> tuple[QCheckBox, _ClickLabel, QComboBox, QSpinBox]:
        check = QCheckBox()
        check.setObjectName(f"component:{i}")
        name = _ClickLabel()
        name.setWordWrap(True)
        name.setTextFormat(Qt.TextFormat.RichText)
        name.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        name.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        name.clicked.connect(check.toggle)
        kind = QComboBox()
        kind.setObjectName(f"component_kind:{i}")
        for k in KINDS:
            kind.addItem(kind_label(k), k)
        kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # "Bản sao chứng thực" whole
        count = QSpinBox()
        count.setObjectName(f"component_count:{i}")
        count.setRange(1, 99)
        count.setFixedWidth(56)
        check.toggled.connect(self.changed)
        kind.currentIndexChanged.connect(self.changed)
        count.valueChanged.connect(self.changed)
        self.grid.addWidget(check, i + 1, 0, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(name, i + 1, 1, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(kind, i + 1, 2, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(count, i + 1, 3, Qt.AlignmentFlag.AlignTop)
        digitise = QToolButton()
        digitise.setObjectName(f"digitise:{i}")
        digitise.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # Wide enough for "↺ Dùng lại": the papers' names keep their width when a choice is shown.
        digitise.setMinimumWidth(digitise.fontMetrics().horizontalAdvance("↺ Dùng lại") + 30)
        menu = QMenu(digitise)
        for source in DIGITISE_SOURCES:
            action = menu.addAction("")
            action.setObjectName(f"digitise_{source}")
            action.setData(source)
            action.triggered.connect(lambda _c=False, r=i, s=source: self.digitise_requested.emit(r, s))
        digitise.setMenu(menu)
        self.digitise_buttons.append(digitise)
        self.grid.addWidget(digitise, i + 1, 4, Qt.AlignmentFlag.AlignTop)
        # The stretch row stays below the last row ever made, so rows keep their natural height.
        self.grid.setRowStretch(i + 1, 0)
        self.grid.setRowStretch(i + 2, 1)
        return check, name, kind, count

    def retranslate(self) -> None:
        self.empty.setText(self.tr("Chọn thủ tục để hiện danh sách giấy tờ theo quy định."))
        for spec, (check, name, kind, _count) in zip(self.specs, self.rows, strict=True):
            # Required papers carry a red star (the legend is in the group's title).
            name.setText(
                html.escape(spec.name) + (" <span style='color:#c62828'>*</span>" if spec.required else "")
            )
            check.setToolTip(self.tr("Bắt buộc") if spec.required else self.tr("Không bắt buộc"))
            for j, k in enumerate(KINDS):
                kind.setItemText(j, kind_label(k))
        texts = {
            "scanner": self.tr("&Quét bằng máy quét"),
            "folder": self.tr("Từ &thư mục quét…"),
            "file": self.tr("Từ tệ&p…"),
            "reuse": self.tr("&Dùng lại bản đã số hóa…"),
            "clear": self.tr("&Bỏ bản đã chọn"),
        }
        for i, button in enumerate(self.digitise_buttons):
            for action in button.menu().actions():
                action.setText(texts[str(action.data())])
            chosen = self._digitised.get(i, "")
            button.setText(chosen or self.tr("Số hóa"))
            button.setToolTip(
                chosen or self.tr("Số hóa giấy tờ này: quét, lấy từ thư mục quét, từ tệp, hoặc dùng lại")
            )

    def set_digitised(self, row: int, text: str, detail: str = "") -> None:
        """What is chosen for the paper's digitised copy ("" none): short on its "Số hóa" button, `detail`
        in the button's tooltip."""
        self._digitised[row] = text
        if 0 <= row < len(self.digitise_buttons):
            button = self.digitise_buttons[row]
            button.setText(text or self.tr("Số hóa"))
            button.setToolTip(
                detail
                or text
                or self.tr("Số hóa giấy tờ này: quét, lấy từ thư mục quét, từ tệp, hoặc dùng lại")
            )
            button.setStyleSheet("color: #2e7d32; font-weight: bold;" if text else "")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def state(self) -> list[dict[str, Any]]:
        return [
            {
                "name": spec.name,
                "checked": check.isChecked(),
                "kind": kind.currentData(),
                "count": count.value(),
            }
            for spec, (check, _n, kind, count) in zip(self.specs, self.rows, strict=True)
        ]

    def set_state(self, state: list[dict[str, Any]]) -> None:
        by_name = {s["name"]: s for s in state}
        for spec, (check, _n, kind, count) in zip(self.specs, self.rows, strict=True):
            s = by_name.get(spec.name)
            if s is None:
                continue
            check.setChecked(bool(s["checked"]))
            kind.setCurrentIndex(max(kind.findData(s["kind"]), 0))
            count.setValue(int(s["count"]))

    def chosen(self) -> list[dict[str, Any]]:
        return [
            {"name": s["name"], "kind": s["kind"], "count": s["count"]} for s in self.state() if s["checked"]
        ]

    def missing_required(self) -> list[str]:
        return [
            spec.name
            for spec, (check, *_rest) in zip(self.specs, self.rows, strict=True)
            if spec.required and not check.isChecked()
        ]

    def focus_widgets(self) -> list[QWidget]:
        return [
            w
            for (check, _n, kind, count), digitise in zip(self.rows, self.digitise_buttons, strict=False)
            for w in (check, kind, count, digitise)
        ]


class IntakeView(QWidget):
    retranslated = Signal()  # the controller re-renders its dynamic texts

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intake")

        # 1. procedure
        self.proc_box = QGroupBox()
        self.proc_search = QLineEdit()
        self.proc_search.setObjectName("proc_search")
        self.proc_search.setClearButtonEnabled(True)
        self.proc_search_label = QLabel()
        self.proc_search_label.setBuddy(self.proc_search)
        self.proc_list = QListWidget()
        self.proc_list.setObjectName("proc_list")
        self.proc_list.setWordWrap(True)
        self.proc_list.setUniformItemSizes(False)
        self.proc_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.proc_list.setMinimumHeight(120)
        self.proc_info = QLabel()
        self.proc_info.setWordWrap(True)
        self.proc_info.setObjectName("proc_info")
        self.proc_info.setStyleSheet("font-weight: bold; color: #0d47a1;")
        pl = QVBoxLayout(self.proc_box)
        row = QHBoxLayout()
        row.addWidget(self.proc_search_label)
        row.addWidget(self.proc_search, 1)
        pl.addLayout(row)
        pl.addWidget(self.proc_list, 1)
        pl.addWidget(self.proc_info)

        # 2. papers
        self.comp_box = QGroupBox()
        self.components = ComponentsChecklist()
        self.comp_scroll = QScrollArea()
        self.comp_scroll.setWidgetResizable(True)
        self.comp_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.comp_scroll.setWidget(self.components)
        self.comp_scroll.viewport().setAutoFillBackground(False)
        self.components.setAutoFillBackground(False)
        self.comp_message = ErrorLabel()
        # New files in the scan folder, offered for the papers (ui/clerk/files_controller.py fills it).
        self.scan_inbox = QLabel()
        self.scan_inbox.setObjectName("scan_inbox")
        self.scan_inbox.setWordWrap(True)
        self.scan_inbox.setStyleSheet("color: #0d47a1;")
        self.scan_inbox.hide()
        cl = QVBoxLayout(self.comp_box)
        cl.addWidget(self.comp_scroll, 1)
        cl.addWidget(self.comp_message)
        cl.addWidget(self.scan_inbox)

        # 3. applicant
        self.app_box = QGroupBox()
        self.fields: dict[str, QLineEdit] = {}
        self.field_labels: dict[str, QLabel] = {}
        self.messages: dict[str, ErrorLabel] = {}
        form = QFormLayout(self.app_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(2)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for name in (*APPLICANT_FIELDS, "post_address"):
            edit = QLineEdit()
            edit.setObjectName(name)
            label = field_label()
            label.setBuddy(edit)
            message = ErrorLabel()
            self.fields[name], self.field_labels[name], self.messages[name] = edit, label, message
        self.fields["full_name"].setMaxLength(100)
        self.fields["id_number"].setMaxLength(200)  # a scanned card string is long; checked, not cut
        self.fields["address"].setMaxLength(300)
        self.fields["post_address"].setMaxLength(300)
        self.sets = QSpinBox()
        self.sets.setObjectName("sets")
        self.sets.setRange(1, 50)
        self.sets.setFixedWidth(70)
        self.sets_label = QLabel()
        self.sets_label.setBuddy(self.sets)
        self.delivery = QComboBox()
        self.delivery.setObjectName("delivery")
        self.delivery.addItem("", "counter")
        self.delivery.addItem("", "post")
        self.delivery_label = QLabel()
        self.delivery_label.setBuddy(self.delivery)
        for name in APPLICANT_FIELDS:
            form.addRow(self.field_labels[name], self._cell(self.fields[name], self.messages[name]))
        sets_row = QHBoxLayout()
        sets_row.addWidget(self.sets)
        sets_row.addSpacing(16)
        sets_row.addWidget(self.delivery_label)
        sets_row.addWidget(self.delivery, 1)
        form.addRow(self.sets_label, sets_row)
        form.addRow(
            self.field_labels["post_address"],
            self._cell(self.fields["post_address"], self.messages["post_address"]),
        )

        # 4. fee, due, save
        self.summary = QFrame()
        self.summary.setObjectName("summary")
        self.summary.setFrameShape(QFrame.Shape.StyledPanel)
        self.summary.setStyleSheet(
            "#summary { background: #fff8e1; border: 1px solid #ffcc80; border-radius: 4px; }"
        )
        self.fee_label = QLabel()
        self.fee_label.setObjectName("fee")
        self.due_label = QLabel()
        self.due_label.setObjectName("due")
        self.due_label.setStyleSheet("font-size: 13pt; font-weight: bold; color: #b71c1c;")
        self.form_message = ErrorLabel()
        self.form_message.setObjectName("form_message")
        self.save_button = QPushButton()
        self.save_button.setObjectName("save")
        self.save_button.setMinimumHeight(34)
        self.save_button.setStyleSheet("font-weight: bold;")
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("clear")
        sl = QVBoxLayout(self.summary)
        sl.addWidget(self.fee_label)
        sl.addWidget(self.due_label)
        sl.addWidget(self.form_message)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        sl.addLayout(buttons)

        left = QVBoxLayout()
        left.addWidget(self.proc_box, 4)
        left.addWidget(self.comp_box, 5)
        right = QVBoxLayout()
        right.addWidget(self.app_box)
        right.addWidget(self.summary)
        right.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addLayout(left, 11)
        outer.addLayout(right, 9)
        self.retranslate()

    @staticmethod
    def _cell(field: QWidget, message: QWidget) -> QWidget:
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(field)
        box.addWidget(message)
        return cell

    def retranslate(self) -> None:
        self.proc_box.setTitle(self.tr("1. Thủ tục hành chính"))
        self.proc_search_label.setText(self.tr("&Thủ tục:"))
        self.proc_search.setPlaceholderText(
            self.tr("Gõ tên hoặc mã thủ tục, không cần dấu (ví dụ: khai sinh)")
        )
        self.comp_box.setTitle(
            self.tr("2. Thành phần hồ sơ theo quy định — đánh dấu giấy tờ đã nhận (* bắt buộc)")
        )
        self.app_box.setTitle(self.tr("3. Người nộp hồ sơ"))
        labels = {
            "full_name": self.tr("&Họ và tên:"),
            "id_number": self.tr("Số &CCCD:"),
            "birth_date": self.tr("Ngày &sinh:"),
            "phone": self.tr("Số điện th&oại:"),
            "email": self.tr("&Email:"),
            "address": self.tr("Đị&a chỉ:"),
            "post_address": self.tr("Địa chỉ nhận &qua bưu chính:"),
        }
        for name, text in labels.items():
            self.field_labels[name].setText(text)
        self.fields["full_name"].setPlaceholderText(
            self.tr("Quét mã QR trên CCCD vào ô bất kỳ để điền tự động")
        )
        self.fields["birth_date"].setPlaceholderText(self.tr("ngày/tháng/năm, không bắt buộc"))
        self.fields["email"].setPlaceholderText(self.tr("không bắt buộc"))
        self.sets_label.setText(self.tr("Số &bộ:"))
        self.delivery_label.setText(self.tr("&Nhận kết quả:"))
        self.delivery.setItemText(0, self.tr("Tại quầy"))
        self.delivery.setItemText(1, self.tr("Qua bưu chính công ích"))
        self.save_button.setText(self.tr("&Lưu và in biên nhận (Ctrl+Enter)"))
        self.clear_button.setText(self.tr("Nhập &mới"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.retranslated.emit()
        super().changeEvent(event)

    def tab_chain(self) -> list[QWidget]:
        """Focus order: picker, papers, applicant top to bottom, save."""
        return [
            self.proc_search,
            self.proc_list,
            *self.components.focus_widgets(),
            *(self.fields[n] for n in APPLICANT_FIELDS),
            self.sets,
            self.delivery,
            self.fields["post_address"],
            self.save_button,
            self.clear_button,
        ]

    def apply_tab_order(self) -> None:
        chain = [w for w in self.tab_chain() if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
