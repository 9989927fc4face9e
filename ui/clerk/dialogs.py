"""Dialogs of the board: reason (supplement, rejection, apology with its new due time), confirmation,
and the dossier's detail with its full history. All open non-blocking (`open()`), Enter confirms."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, Qt, QTimeZone
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.dossier_view import DossierView
from counter_app.services.payments import PaymentStatus
from counter_app.timeutil import VN_TZ
from ui.clerk.common import (
    ErrorLabel,
    delivery_label,
    format_amount,
    format_due,
    format_time,
    format_vnd,
    history_action_label,
    kind_label,
    method_label,
    payment_label,
    status_label,
)


def _buttons(
    dialog: QDialog, ok_text: str, cancel_text: str
) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    box = QDialogButtonBox()
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = box.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)
    ok.setDefault(True)
    box.rejected.connect(dialog.reject)
    return box, ok, cancel


class ReasonDialog(QDialog):
    """A reason (required), optionally the papers to add (supplement) or the new due time (apology)."""

    def __init__(
        self,
        kind: str,
        view: DossierView,
        parent: QWidget | None = None,
        *,
        suggested_due: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind, self.view = kind, view
        self.setObjectName(f"reason:{kind}")
        self.setMinimumWidth(560)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)
        self.items = QPlainTextEdit()
        self.items.setObjectName("items")
        self.items.setTabChangesFocus(True)
        self.items.setFixedHeight(90)
        self.items_label = QLabel()
        self.items_label.setBuddy(self.items)
        self.new_due = QDateTimeEdit()
        self.new_due.setObjectName("new_due")
        self.new_due.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.new_due.setCalendarPopup(True)
        self.new_due.setTimeZone(QTimeZone(b"Asia/Ho_Chi_Minh"))
        if suggested_due is not None:
            self.set_new_due(suggested_due)
        self.new_due_label = QLabel()
        self.new_due_label.setBuddy(self.new_due)
        self.message = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.reason_label, self.reason)
        if kind == "supplement":
            form.addRow(self.items_label, self.items)
        else:
            self.items.hide()
            self.items_label.hide()
        if kind == "apology":
            form.addRow(self.new_due_label, self.new_due)
        else:
            self.new_due.hide()
            self.new_due_label.hide()
        box, self.ok, self.cancel = _buttons(self, "", "")
        self.ok.clicked.connect(self._try_accept)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):  # Enter alone is a new line in the reason
            QShortcut(QKeySequence(seq), self, self._try_accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(box)
        self.retranslate()
        self.reason.setFocus()

    def set_new_due(self, when: datetime) -> None:
        local = when.astimezone(VN_TZ)
        self.new_due.setDateTime(
            QDateTime.fromSecsSinceEpoch(int(local.timestamp()), QTimeZone(b"Asia/Ho_Chi_Minh"))
        )

    def new_due_value(self) -> datetime:
        return datetime.fromtimestamp(self.new_due.dateTime().toSecsSinceEpoch(), VN_TZ)

    def retranslate(self) -> None:
        v = self.view
        titles = {
            "supplement": self.tr("Yêu cầu bổ sung, hoàn thiện hồ sơ"),
            "rejected": self.tr("Từ chối tiếp nhận, giải quyết hồ sơ"),
            "apology": self.tr("Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"),
            "stopped": self.tr("Dừng giải quyết hồ sơ"),
        }
        self.setWindowTitle(titles.get(self.kind, self.kind))
        self.intro.setText(
            self.tr("Hồ sơ <b>{code}</b> — {name}<br>{procedure}<br>Hẹn trả hiện tại: {due}").format(
                code=v.code, name=v.full_name, procedure=v.procedure_name, due=format_due(v.due_at)
            )
        )
        self.reason_label.setText(self.tr("&Lý do:"))
        self.items_label.setText(self.tr("&Nội dung cần bổ sung\n(mỗi dòng một mục):"))
        self.new_due_label.setText(self.tr("&Hẹn trả mới:"))
        self.ok.setText(self.tr("Đồng ý (Ctrl+Enter)"))
        self.cancel.setText(self.tr("&Hủy"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {"reason": self.reason.toPlainText().strip()}
        if self.kind == "supplement":
            out["items"] = [line.strip() for line in self.items.toPlainText().splitlines() if line.strip()]
        if self.kind == "apology":
            out["new_due"] = self.new_due_value()
        return out

    def _try_accept(self) -> None:
        if not self.reason.toPlainText().strip():
            self.message.show_message(self.tr("Lý do: cần ghi rõ lý do"))
            self.reason.setFocus()
            return
        self.accept()


class ConfirmDialog(QDialog):
    def __init__(
        self, title: str, text: str, ok_text: str, cancel_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("confirm")
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        label = QLabel(text)
        label.setWordWrap(True)
        box, self.ok, self.cancel = _buttons(self, ok_text, cancel_text)
        self.ok.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(box)
        self.ok.setFocus()


class DossierDetailDialog(QDialog):
    """Everything about one dossier, with its full history (who did what, when, why), payments included."""

    def __init__(
        self, view: DossierView, parent: QWidget | None = None, *, payment: PaymentStatus | None = None
    ) -> None:
        super().__init__(parent)
        self.view, self.payment = view, payment
        # Status changes and payments in one timeline (payments live in their own table).
        self.timeline: list[tuple[datetime, int, Any]] = sorted(
            [(h.at, 0, h) for h in view.history]
            + [(e.paid_at, 1, e) for e in (payment.entries if payment else [])],
            key=lambda t: (t[0], t[1]),
        )
        self.setObjectName("detail")
        self.resize(980, 640)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold; color: #0d47a1;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info_box = QGroupBox()
        self.info = QGridLayout(self.info_box)
        self.info.setColumnStretch(1, 1)
        self.info.setColumnStretch(3, 1)
        self.info_labels: list[tuple[QLabel, QLabel]] = []
        for i in range(12):
            k, val = QLabel(), QLabel()
            k.setStyleSheet("color: #555;")
            val.setWordWrap(True)
            val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.info.addWidget(k, i // 2, (i % 2) * 2, Qt.AlignmentFlag.AlignTop)
            self.info.addWidget(val, i // 2, (i % 2) * 2 + 1, Qt.AlignmentFlag.AlignTop)
            self.info_labels.append((k, val))
        self.components_box = QGroupBox()
        self.components = QTableWidget(len(view.components), 3)
        self.components.setObjectName("components")
        self._table_style(self.components)
        for r, c in enumerate(view.components):
            for col, text in enumerate((c["name"], "", str(c["count"]))):
                self.components.setItem(r, col, QTableWidgetItem(text))
        cl = QVBoxLayout(self.components_box)
        cl.addWidget(self.components)
        self.history_box = QGroupBox()
        self.history = QTableWidget(len(self.timeline), 6)
        self.history.setObjectName("history")
        self._table_style(self.history)
        hl = QVBoxLayout(self.history_box)
        hl.addWidget(self.history)
        self.close_button = QPushButton()
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.info_box)
        layout.addWidget(self.components_box, 2)
        layout.addWidget(self.history_box, 3)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self.retranslate()

    def _fee_text(self) -> str:
        """'10.000 đồng — Đã nộp (Tiền mặt, 09:10 23/11/2026)' or '… — Chưa nộp, còn 10.000 đồng'."""
        v, p = self.view, self.payment
        if v.fee_vnd == 0 or p is None:
            return format_vnd(v.fee_vnd)
        text = f"{format_amount(v.fee_vnd)} — {payment_label(p, v.status)}"
        if p.last is not None and p.paid:
            text += f" ({method_label(p.last.method)}, {format_time(p.last.paid_at)})"
        elif p.due_vnd and v.status != "rejected":
            text += ", " + self.tr("còn {due}").format(due=format_amount(p.due_vnd))
        return text

    @staticmethod
    def _table_style(t: QTableWidget) -> None:
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.verticalHeader().setVisible(False)
        t.setWordWrap(True)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def retranslate(self) -> None:
        v = self.view
        self.setWindowTitle(self.tr("Hồ sơ {code}").format(code=v.code))
        self.title.setText(f"{v.code} — {status_label(v.status)}")
        self.info_box.setTitle(self.tr("Thông tin hồ sơ"))
        apology = (
            self.tr("Số {number} ngày {date}, hẹn lại từ {old} sang {new}").format(
                number=v.apology.number,
                date=f"{v.apology.issued_at:%d/%m/%Y}",
                old=format_time(v.apology.old_due_at),
                new=format_time(v.apology.new_due_at),
            )
            if v.apology
            else self.tr("Chưa có")
        )
        delivery = delivery_label(v.delivery) + (f": {v.post_address}" if v.post_address else "")
        rows = [
            (self.tr("Người nộp"), v.full_name),
            (self.tr("Số CCCD"), v.id_number),
            (self.tr("Điện thoại"), v.phone + (f" · {v.email}" if v.email else "")),
            (self.tr("Ngày sinh"), f"{v.birth_date:%d/%m/%Y}" if v.birth_date else "—"),
            (self.tr("Địa chỉ"), v.address),
            (self.tr("Nhận kết quả"), delivery),
            (self.tr("Thủ tục"), f"{v.procedure_name} ({v.procedure_code})"),
            (self.tr("Phí, lệ phí"), self._fee_text()),
            (
                self.tr("Nhận lúc"),
                format_time(v.received_at)
                + " · "
                + self.tr("quầy {n}, {clerk}").format(n=v.counter_number, clerk=v.clerk),
            ),
            (self.tr("Hẹn trả"), format_due(v.due_at)),
            (
                self.tr("Sổ theo dõi"),
                self.tr("Quyển {book}, số {number}").format(book=v.register_book, number=v.register_number),
            ),
            (self.tr("Phiếu xin lỗi"), apology),
        ]
        for (k, val), (key_text, value_text) in zip(self.info_labels, rows, strict=True):
            k.setText(key_text + ":")
            val.setText(value_text)
        self.components_box.setTitle(self.tr("Thành phần hồ sơ đã nhận"))
        self.components.setHorizontalHeaderLabels([self.tr("Giấy tờ"), self.tr("Loại"), self.tr("Số lượng")])
        for r, c in enumerate(v.components):
            item = self.components.item(r, 1)
            if item is not None:
                item.setText(kind_label(c["kind"]))
        self.components.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.history_box.setTitle(self.tr("Lịch sử xử lý"))
        self.history.setHorizontalHeaderLabels(
            [
                self.tr("Thời gian"),
                self.tr("Cán bộ"),
                self.tr("Quầy"),
                self.tr("Việc"),
                self.tr("Trạng thái"),
                self.tr("Ghi chú"),
            ]
        )
        for r, (_at, kind, h) in enumerate(self.timeline):
            if kind == 1:  # a payment
                note = self.tr("{amount} — {method}").format(
                    amount=format_amount(h.amount_vnd), method=method_label(h.method)
                )
                if h.reference:
                    note += " · " + self.tr("mã giao dịch {ref}").format(ref=h.reference)
                for col, text in enumerate(
                    (
                        format_time(h.paid_at),
                        h.clerk,
                        _counter(h.counter),
                        self.tr("Thu phí, lệ phí"),
                        "",
                        note,
                    )
                ):
                    self.history.setItem(r, col, QTableWidgetItem(text))
                continue
            status = (
                f"{status_label(h.from_status)} → " if h.from_status and h.from_status != h.to_status else ""
            ) + status_label(h.to_status)
            note = h.note or ""
            if isinstance(h.data, dict) and h.data.get("items"):
                note += ("\n" if note else "") + "; ".join(str(i) for i in h.data["items"])
            if isinstance(h.data, dict) and h.data.get("new_due_at"):
                note += ("\n" if note else "") + self.tr("Hẹn mới: {t}").format(
                    t=h.data["new_due_at"][:16].replace("T", " ")
                )
            for col, text in enumerate(
                (
                    format_time(h.at),
                    h.clerk,
                    _counter(h.counter),
                    history_action_label(h.action),
                    status,
                    note,
                )
            ):
                self.history.setItem(r, col, QTableWidgetItem(text))
        self.history.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.history.resizeRowsToContents()
        self.components.resizeRowsToContents()
        self.close_button.setText(self.tr("Đón&g (Enter)"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _counter(number: int | None) -> str:
    """The counter a step was done at; blank for lines recorded before counters were kept."""
    return "" if number is None else str(number)
