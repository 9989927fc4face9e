"""The clerk window's "Phản ánh, kiến nghị" tab (supervisors and admins): citizens' feedback with its
answer deadline, overdue ones first, and recording the answer.

Loading and answering run off the GUI thread (start_job); the panel refreshes each time it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import feedback as fb
from counter_app.errors import ValidationError
from counter_app.services.feedback import FeedbackService, FeedbackView
from ui.clerk.common import ErrorLabel, error_text, format_due, format_time, start_job, table_over_detail
from ui.i18n import QT_TRANSLATE_NOOP

ROLES = ("supervisor", "admin")
OVERDUE_BG, ANSWERED_FG = "#fde8e8", "#52606d"
# counter_app.domain.feedback's category names, listed for lupdate (shown through self.tr(cat.vi)).
_CATEGORY_TEXTS = [
    QT_TRANSLATE_NOOP("FeedbackPanel", "Thái độ, tác phong cán bộ"),
    QT_TRANSLATE_NOOP("FeedbackPanel", "Thủ tục, giấy tờ"),
    QT_TRANSLATE_NOOP("FeedbackPanel", "Thời gian giải quyết"),
    QT_TRANSLATE_NOOP("FeedbackPanel", "Phí, lệ phí"),
    QT_TRANSLATE_NOOP("FeedbackPanel", "Cơ sở vật chất"),
    QT_TRANSLATE_NOOP("FeedbackPanel", "Góp ý khác"),
]


class FeedbackPanel(QWidget):
    loaded = Signal(int)  # rows shown
    answered = Signal(str)  # feedback number

    def __init__(self, service: FeedbackService, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedback_panel")
        self.service, self.actor = service, actor
        self.items: list[FeedbackView] = []
        self.loading = False

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.summary = QLabel()
        self.open_only = QCheckBox()
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(lambda _on: self.refresh())
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(lambda _c=False: self.refresh())
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(16)
        top.addWidget(self.summary, 1)
        top.addWidget(self.open_only)
        top.addWidget(self.refresh_button)

        self.table = QTableWidget(0, 7)
        self.table.setObjectName("feedback_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)

        self.detail = QPlainTextEdit()
        self.detail.setObjectName("feedback_detail")
        self.detail.setReadOnly(True)
        self.answer_label = QLabel()
        self.answer_box = QPlainTextEdit()
        self.answer_box.setObjectName("feedback_answer")
        self.answer_box.textChanged.connect(self._update_actions)
        self.answer_button = QPushButton()
        self.answer_button.setObjectName("feedback_answer_button")
        self.answer_button.clicked.connect(lambda _c=False: self.submit_answer())
        self.error = ErrorLabel()
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.detail, 2)
        bl.addWidget(self.answer_label)
        bl.addWidget(self.answer_box, 3)
        row = QHBoxLayout()
        row.addWidget(self.error, 1)
        row.addWidget(self.answer_button)
        bl.addLayout(row)

        table_over_detail(self, top, self.table, bottom)
        self.retranslate()
        self._update_actions()

    # --- texts --------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Phản ánh, kiến nghị của người dân"))
        self.open_only.setText(self.tr("Chỉ hiện phản ánh chưa trả lời"))
        self.refresh_button.setText(self.tr("Làm mới"))
        self.answer_label.setText(self.tr("Nội dung trả lời:"))
        self.answer_button.setText(self.tr("Ghi câu trả lời"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Số phản ánh"),
                self.tr("Nhận lúc"),
                self.tr("Hạn trả lời"),
                self.tr("Loại"),
                self.tr("Nội dung"),
                self.tr("Liên hệ"),
                self.tr("Tình trạng"),
            ]
        )
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()

    # --- data ---------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.loading:
            return
        self.loading = True
        start_job(
            self,
            self.service.list,
            open_only=self.open_only.isChecked(),
            on_done=self._loaded,
            on_error=self._failed,
        )

    def _loaded(self, items: list[FeedbackView]) -> None:
        self.loading = False
        keep = self.selected()
        self.items = items
        self._render(select=keep.id if keep else None)
        self.loaded.emit(len(items))

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self.error.show_message(error_text(exc))

    def _state(self, f: FeedbackView) -> tuple[str, bool]:
        overdue = f.is_overdue(self.service.ctx.now())
        if f.is_open:
            return (self.tr("Quá hạn trả lời") if overdue else self.tr("Chờ trả lời")), overdue
        return (self.tr("Đã trả lời (trễ hạn)") if overdue else self.tr("Đã trả lời")), False

    def _render(self, select: int | None = None) -> None:
        self.table.setRowCount(len(self.items))
        overdue_count = 0
        for r, f in enumerate(self.items):
            state, overdue = self._state(f)
            overdue_count += int(overdue)
            contact = " · ".join(x for x in (f.name, f.phone) if x) or self.tr("(không để lại)")
            cells = [
                f.number,
                format_time(f.received_at),
                format_due(f.due_at),
                self._category(f.category),
                f.text.replace("\n", " "),
                contact,
                state,
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, f.id)
                if overdue:
                    item.setBackground(QBrush(QColor(OVERDUE_BG)))
                elif not f.is_open:
                    item.setForeground(QBrush(QColor(ANSWERED_FG)))
                self.table.setItem(r, c, item)
            if select is not None and f.id == select:
                self.table.selectRow(r)
        waiting = sum(1 for f in self.items if f.is_open)
        self.summary.setText(
            self.tr("{n} chờ trả lời, trong đó {k} quá hạn").format(n=waiting, k=overdue_count)
        )
        self._selected()

    def _category(self, key: str) -> str:
        cat = fb.CATEGORIES.get(key)
        return self.tr(cat.vi) if cat else key

    def selected(self) -> FeedbackView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        fid = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((f for f in self.items if f.id == fid), None)

    def select_number(self, number: str) -> None:
        for r, f in enumerate(self.items):
            if f.number == number:
                self.table.selectRow(r)

    def _selected(self) -> None:
        f = self.selected()
        if f is None:
            self.detail.setPlainText(self.tr("Chọn một phản ánh để xem và trả lời."))
        else:
            contact = " · ".join(x for x in (f.name, f.phone) if x) or self.tr("(không để lại)")
            lines = [
                f"{f.number} — {self._category(f.category)}",
                self.tr("Nhận lúc {at}; hạn trả lời {due}; liên hệ: {contact}").format(
                    at=format_time(f.received_at), due=format_due(f.due_at), contact=contact
                ),
                "",
                f.text,
            ]
            if f.answer:
                who = f"{f.answered_by}, {format_time(f.answered_at)}"
                lines += ["", self.tr("Đã trả lời ({who}): {answer}").format(who=who, answer=f.answer)]
            self.detail.setPlainText("\n".join(lines))
        self.error.show_message(None)
        self._update_actions()

    def _update_actions(self) -> None:
        f = self.selected()
        can = f is not None and f.is_open
        self.answer_box.setEnabled(can)
        self.answer_button.setEnabled(can and bool(self.answer_box.toPlainText().strip()))

    # --- answering ----------------------------------------------------------------------------------------

    def submit_answer(self) -> None:
        f = self.selected()
        if f is None or not f.is_open:
            return
        text = self.answer_box.toPlainText()
        try:
            fb.clean_text(text, "answer")  # instant check; the service checks again in its transaction
        except ValidationError as exc:
            self.error.show_message(error_text(exc))
            return
        self.answer_button.setEnabled(False)

        def done(view: FeedbackView) -> None:
            self.answer_box.clear()
            self.answered.emit(view.number)
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.error.show_message(error_text(exc))
            self._update_actions()

        start_job(self, self.service.answer, f.id, text, actor=self.actor, on_done=done, on_error=failed)
