"""Collecting a dossier's fee at the counter: the board's "Thu phí, lệ phí…" action and its dialog.

The dialog shows what is still due, takes the method (cash, transfer, VietQR) and the amount (all that
is due by default, never more), and shows the VietQR code on screen for the citizen to scan with a bank
app. The code's payload comes from `FormsService.payment_request`, the very function the receipt's QR
is drawn from. Recording goes through `PaymentService.record` (one transaction, audited, synced); the
receipt can then be printed again and shows "Đã nộp".

MainWindow owns one (`window.payment_collector`) and wires it to the board, the intake and the forms.
"""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qrcode.constants import ERROR_CORRECT_M

from counter_app.domain.money_words import amount_words
from counter_app.services.board import payment_due
from counter_app.services.dossier_view import DossierView
from counter_app.services.payments import METHODS, PaymentStatus
from counter_app.services.users import UserInfo
from printing.form_data import PaymentRequest
from ui.clerk.common import (
    ErrorLabel,
    error_text,
    field_label,
    format_amount,
    method_label,
    parse_amount,
    payment_label,
    replace_dialog,
    start_job,
)
from ui.clerk.services import ClerkServices

QR_MODULE_PX = 6  # a version-6 code (~140 characters) is 41 modules + 8 quiet: ~290 px, easy for a phone
QR_DELAY_MS = 250  # the code is redrawn once the clerk stops typing the amount


def qr_image(payload: str, module_px: int = QR_MODULE_PX) -> QImage:
    """Worker: the payload as a black-on-white QR with the 4-module quiet zone scanners need (level M,
    like the receipt's). A QImage, not a QPixmap: pixmaps belong to the GUI thread."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4, box_size=1)
    code.add_data(payload.encode("ascii"))
    code.make(fit=True)
    matrix = code.get_matrix()
    n = len(matrix)
    image = QImage(n * module_px, n * module_px, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                painter.fillRect(QRect(c * module_px, r * module_px, module_px, module_px), QColor("black"))
    painter.end()
    return image


def why_nothing_due(view: DossierView, pay: PaymentStatus) -> str:
    """The tooltip of a disabled "Thu phí" button."""
    if pay.fee_vnd == 0:
        return QCoreApplication.translate("PaymentCollector", "Thủ tục không thu phí, lệ phí")
    if view.status == "rejected":
        return QCoreApplication.translate(
            "PaymentCollector", "Hồ sơ đã bị từ chối tiếp nhận: không thu phí, lệ phí"
        )
    return QCoreApplication.translate("PaymentCollector", "Đã nộp đủ {fee}").format(
        fee=format_amount(pay.fee_vnd)
    )


class PaymentDialog(QDialog):
    """Method, amount (default: all that is due), transaction reference; the VietQR code beside them.

    `submitted(method, amount, reference)` fires when the clerk confirms valid values; the collector
    records the payment and closes the dialog, or shows the refusal with `show_error`.
    """

    submitted = Signal(str, int, str)
    amount_changed = Signal(int)  # a valid amount was typed: the QR is redrawn for it

    def __init__(
        self,
        view: DossierView,
        pay: PaymentStatus,
        *,
        bank_ready: bool,
        reprint: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("payment")
        self.view, self.pay, self.bank_ready = view, pay, bank_ready
        self.busy = False
        self.request: PaymentRequest | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.due_line = QLabel()
        self.due_line.setObjectName("due_line")
        self.due_line.setWordWrap(True)
        self.method = QComboBox()
        self.method.setObjectName("method")
        for m in METHODS:
            self.method.addItem(method_label(m), m)
        self.amount = QLineEdit(
            format_amount(pay.due_vnd).rsplit(" ", 1)[0]
        )  # "15.000" ("15,000" in English)
        self.amount.setObjectName("amount")
        self.amount_message = ErrorLabel()
        self.amount_message.setObjectName("amount_message")
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.setMaxLength(100)
        self.reprint = QCheckBox()
        self.reprint.setObjectName("reprint")
        self.reprint.setChecked(reprint)
        self.labels = {k: field_label() for k in ("method", "amount", "reference")}
        for key, w in (("method", self.method), ("amount", self.amount), ("reference", self.reference)):
            self.labels[key].setBuddy(w)
        amount_cell = QVBoxLayout()
        amount_cell.setSpacing(1)
        amount_cell.addWidget(self.amount)
        amount_cell.addWidget(self.amount_message)
        form = QFormLayout()
        form.addRow(self.labels["method"], self.method)
        form.addRow(self.labels["amount"], amount_cell)
        form.addRow(self.labels["reference"], self.reference)
        form.addRow("", self.reprint)

        self.qr = QLabel()
        self.qr.setObjectName("qr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(300, 300)
        self.qr.setStyleSheet("background: white; border: 1px solid #bbb;")
        self.qr_caption = QLabel()
        self.qr_caption.setObjectName("qr_caption")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption.setStyleSheet("font-weight: bold; color: #0d47a1;")
        self.qr_caption.setWordWrap(True)
        self.bank_info = QLabel()
        self.bank_info.setObjectName("bank_info")
        self.bank_info.setWordWrap(True)
        self.bank_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        qr_box = QFrame()
        qr_box.setFixedWidth(330)
        ql = QVBoxLayout(qr_box)
        ql.setContentsMargins(0, 0, 0, 0)
        ql.addWidget(self.qr_caption)
        ql.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        ql.addWidget(self.bank_info)
        ql.addStretch(1)

        self.message = ErrorLabel()
        self.message.setObjectName("message")
        box = QDialogButtonBox()
        self.ok = QPushButton()
        self.ok.setObjectName("record")
        self.ok.setDefault(True)
        self.cancel = QPushButton()
        box.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(self.cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self.try_submit)
        self.cancel.clicked.connect(self.reject)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, self.try_submit)

        left = QVBoxLayout()
        left.addWidget(self.intro)
        left.addWidget(self.due_line)
        left.addSpacing(6)
        left.addLayout(form)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(qr_box)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        layout.addWidget(box)
        self.setMinimumWidth(820)

        self.amount.textChanged.connect(self._amount_edited)
        self.retranslate()
        self._amount_edited()
        self.amount.setFocus()
        self.amount.selectAll()

    # --- amount -------------------------------------------------------------------------------------

    def amount_error(self) -> tuple[int | None, str | None]:
        """The typed amount, or why it cannot be taken (Vietnamese, naming the field; no overpayment)."""
        amount = parse_amount(self.amount.text())
        due = self.pay.due_vnd
        if not self.amount.text().strip():
            return None, self.tr("Số tiền: không được để trống")
        if amount is None:
            return None, self.tr("Số tiền: phải là số nguyên đồng, ví dụ 10.000")
        if amount <= 0:
            return None, self.tr("Số tiền: phải lớn hơn 0 đồng")
        if amount > due:
            return None, self.tr(
                "Số tiền: {amount} vượt số còn phải nộp ({due}); không thu quá số phải nộp"
            ).format(amount=format_amount(amount), due=format_amount(due))
        return amount, None

    def _amount_edited(self) -> None:
        if not self.busy:
            self.message.show_message(None)  # a refusal of the amount before it was edited is stale now
        amount, error = self.amount_error()
        if error:
            self.amount_message.set_tone(error=True)
            self.amount_message.show_message(error)
            self.set_request(None, None)
            return
        assert amount is not None
        self.amount_message.set_tone(error=False)
        self.amount_message.show_message(amount_words(amount))  # what the citizen hands over, in words
        if self.request is None or self.request.amount_vnd != amount:
            self.amount_changed.emit(amount)

    def set_request(self, request: PaymentRequest | None, image: QImage | None) -> None:
        """Show the VietQR code for `request` (None: no code, with the reason)."""
        self.request = request
        if request is not None and image is not None:
            self.qr.setPixmap(QPixmap.fromImage(image))
        else:
            self.qr.clear()
        self._qr_texts()

    def _qr_texts(self) -> None:
        r = self.request
        if r is not None:
            self.qr.setToolTip(r.payload)
            self.qr_caption.setText(
                self.tr("Quét mã VietQR để chuyển khoản {amount}").format(amount=format_amount(r.amount_vnd))
            )
            lines = [
                self.tr("Ngân hàng: {bank}").format(bank=r.bank_name),
                self.tr("Số tài khoản: {account}").format(account=r.account),
                self.tr("Chủ tài khoản: {name}").format(name=r.account_name or "—"),
                self.tr("Nội dung: {purpose}").format(purpose=r.purpose),
            ]
            self.bank_info.setText("<br>".join(lines))
            return
        self.qr.setToolTip("")
        self.bank_info.setText("")
        if not self.bank_ready:
            self.qr.setText(
                self.tr(
                    "Chưa khai báo tài khoản ngân hàng\n(Cài đặt → Tài khoản ngân hàng):\n"
                    "không có mã VietQR, chỉ thu tiền mặt."
                )
            )
            self.qr_caption.setText("")
        else:
            self.qr.setText(self.tr("Nhập số tiền hợp lệ\nđể hiện mã VietQR."))
            self.qr_caption.setText("")

    # --- submit -------------------------------------------------------------------------------------

    def values(self) -> tuple[str, int | None, str]:
        amount, _error = self.amount_error()
        return str(self.method.currentData()), amount, self.reference.text().strip()

    def try_submit(self) -> None:
        if self.busy:
            return
        amount, error = self.amount_error()
        if error or amount is None:
            self.show_error(error or "")
            self.amount.setFocus()
            self.amount.selectAll()
            return
        self.set_busy(True)
        self.submitted.emit(str(self.method.currentData()), amount, self.reference.text().strip())

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.ok.setEnabled(not busy)
        self.message.set_tone(error=not busy)
        self.message.show_message(self.tr("Đang ghi nhận…") if busy else None)

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.message.set_tone(error=True)
        self.message.show_message(text)

    # --- language -----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        v, p = self.view, self.pay
        self.setWindowTitle(self.tr("Thu phí, lệ phí — {code}").format(code=v.code))
        self.intro.setText(
            self.tr("Hồ sơ <b>{code}</b> — {name}<br>{procedure}").format(
                code=v.code, name=v.full_name, procedure=v.procedure_name
            )
        )
        self.due_line.setText(
            self.tr("Phí, lệ phí: {fee} · Đã nộp: {paid} · <b>Còn phải nộp: {due}</b> ({state})").format(
                fee=format_amount(p.fee_vnd),
                paid=format_amount(p.paid_vnd),
                due=format_amount(p.due_vnd),
                state=payment_label(p, v.status),
            )
        )
        for i, m in enumerate(METHODS):
            self.method.setItemText(i, method_label(m))
        self.labels["method"].setText(self.tr("&Hình thức nộp:"))
        self.labels["amount"].setText(self.tr("&Số tiền (đồng):"))
        self.labels["reference"].setText(self.tr("&Mã giao dịch (nếu có):"))
        self.reprint.setText(self.tr('&In lại giấy tiếp nhận (ghi "Đã nộp")'))
        self.ok.setText(self.tr("&Ghi nhận đã thu (Ctrl+Enter)"))
        self.cancel.setText(self.tr("Hủy"))
        self._qr_texts()
        if not self.amount_message.text() or self.amount_error()[1]:
            self._amount_edited()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class PaymentCollector(QObject):
    """The board's "Thu phí, lệ phí…" action: loads the dossier's payments, runs the dialog, records."""

    recorded = Signal(str, object)  # code, PaymentStatus after the payment
    opened = Signal(object)  # the PaymentDialog
    qr_shown = Signal(object)  # the PaymentRequest whose code is now on screen
    board_outdated = Signal()  # what the board shows of a dossier's payments is out of date
    message = Signal(str, bool)  # a line for the clerk (on the board and in the status bar), is it an error
    reprint_requested = Signal(str)  # dossier code: print its receipt again (it now says "Đã nộp")

    def __init__(self, services: ClerkServices, user: UserInfo, parent: QWidget) -> None:
        super().__init__(parent)
        self.services, self.user, self.parent_widget = services, user, parent
        self.dialog: PaymentDialog | None = None
        self._qr_ticket = 0
        self._pending_amount: int | None = None
        self.qr_timer = QTimer(self)
        self.qr_timer.setSingleShot(True)
        self.qr_timer.setInterval(QR_DELAY_MS)
        self.qr_timer.timeout.connect(self._draw_qr)

    def open(self, view: DossierView) -> None:
        self.open_code(view.code)

    def open_code(self, code: str) -> None:
        # The board row may be a minute old (another counter may have collected): read it fresh.
        start_job(
            self, self.services.forms.payment_due, code, on_done=self._loaded, on_error=self._board_error
        )

    def _loaded(self, result: tuple[DossierView, PaymentStatus, PaymentRequest | None]) -> None:
        view, pay, request = result
        if payment_due(view, {view.code: pay.paid_vnd}) <= 0:
            self._board_message(
                QCoreApplication.translate(
                    "PaymentCollector", "Hồ sơ {code} không còn khoản phí nào phải nộp ({state})."
                ).format(code=view.code, state=payment_label(pay, view.status))
            )
            self.board_outdated.emit()
            return
        cfg = self.services.config
        bank_ready = bool(cfg.bank.bin) and bool(cfg.bank.account)
        dialog = PaymentDialog(
            view,
            pay,
            bank_ready=bank_ready,
            reprint=cfg.forms.auto_print,
            parent=self.parent_widget,
        )
        dialog.amount_changed.connect(self._amount_changed)
        dialog.submitted.connect(lambda m, a, r: self._submit(dialog, m, a, r))
        if self.dialog is not None:
            replace_dialog(self.dialog, dialog)
        self.dialog = dialog
        if request is not None:
            self._amount_changed(request.amount_vnd, immediate=True)
        dialog.open()
        self.opened.emit(dialog)

    # --- the QR follows the amount ------------------------------------------------------------------

    def _amount_changed(self, amount: int, *, immediate: bool = False) -> None:
        self._pending_amount = amount
        if immediate:
            self.qr_timer.stop()
            self._draw_qr()
        else:
            self.qr_timer.start()

    def _draw_qr(self) -> None:
        dialog, amount = self.dialog, self._pending_amount
        if dialog is None or amount is None or not dialog.bank_ready:
            return
        self._qr_ticket += 1
        ticket = self._qr_ticket
        forms, view, pay = self.services.forms, dialog.view, dialog.pay

        def work() -> tuple[PaymentRequest | None, QImage | None]:
            request = forms.payment_request(view, pay, amount)
            return request, (qr_image(request.payload) if request is not None else None)

        def done(result: tuple[PaymentRequest | None, QImage | None]) -> None:
            if ticket != self._qr_ticket or self.dialog is not dialog:
                return  # the clerk typed again meanwhile: a newer code is on its way
            request = result[0]
            if request is not None and dialog.amount_error()[0] != request.amount_vnd:
                return  # the amount was changed (or made invalid) since: never show a code for another sum
            dialog.set_request(*result)
            self.qr_shown.emit(result[0])

        start_job(self, work, on_done=done, on_error=lambda e: dialog.show_error(error_text(e)))

    # --- recording ----------------------------------------------------------------------------------

    def _submit(self, dialog: PaymentDialog, method: str, amount: int, reference: str) -> None:
        start_job(
            self,
            self.services.payments.record,
            dialog.view.code,
            method,
            amount,
            actor=self.user.username,
            reference=reference or None,
            on_done=lambda pay: self._recorded(dialog, method, amount, pay),
            on_error=lambda e: dialog.show_error(error_text(e)),
        )

    def _recorded(self, dialog: PaymentDialog, method: str, amount: int, pay: PaymentStatus) -> None:
        code = dialog.view.code
        reprint = dialog.reprint.isChecked()
        dialog.set_busy(False)
        dialog.accept()
        self._board_message(
            QCoreApplication.translate(
                "PaymentCollector", "Đã thu {amount} ({method}) của hồ sơ {code}: {state}."
            ).format(
                amount=format_amount(amount),
                method=method_label(method),
                code=code,
                state=payment_label(pay, dialog.view.status)
                + (
                    ""
                    if pay.paid
                    else QCoreApplication.translate("PaymentCollector", ", còn {due}").format(
                        due=format_amount(pay.due_vnd)
                    )
                ),
            )
        )
        self.recorded.emit(code, pay)
        self.board_outdated.emit()
        if reprint:
            self.reprint_requested.emit(code)  # the receipt now says "Đã nộp", with method and time

    def _board_message(self, text: str) -> None:
        self.message.emit(text, False)

    def _board_error(self, exc: BaseException) -> None:
        self.message.emit(error_text(exc), True)
