"""Collecting fees from the clerk window: the board's "Thu phí, lệ phí…" action, its VietQR code on
screen, paid/unpaid on the board and in the detail view, the receipt reprinted with "Đã nộp".

Real widgets, real SQLite (`ctx`), real PDFs read back; the on-screen QR is decoded with zxing-cpp.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton

from counter_app.domain.vietqr import ascii_purpose, parse_payload
from counter_app.errors import ValidationError
from counter_app.services.board import BoardService
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.forms import FormsService
from counter_app.services.payments import PaymentService
from tests.clerk_support import fill_applicant, pick_procedure, save_shot, type_text, wait_idle
from tests.forms_support import BANK, decode_qrs, flat, page_texts, receive
from ui.clerk.board_view import PAID_TEXT, UNPAID_TEXT
from ui.clerk.common import parse_amount
from ui.clerk.forms_printing import FormsPrinting
from ui.clerk.main_window import MainWindow
from ui.clerk.payment_dialog import PaymentCollector, PaymentDialog

pytest_plugins = ["tests.clerk_fixtures"]

FREE_PROCEDURE = "1.001193"  # Đăng ký khai sinh: no fee
FEE_COLUMN = 5


def _collector(window: MainWindow) -> PaymentCollector:
    c = window.payment_collector
    assert isinstance(c, PaymentCollector)
    return c


def _printing(window: MainWindow) -> FormsPrinting:
    fp = window.forms_printing
    assert isinstance(fp, FormsPrinting)
    return fp


def _pay_button(window: MainWindow) -> QPushButton:
    button = window.board_view.findChild(QPushButton, "action:payment")
    assert button is not None
    return button


def _board(qtbot: Any, window: MainWindow, code: str, tab: str = "today") -> None:
    window.show_panel("board")
    window.board.refresh()
    wait_idle(qtbot)
    assert window.board_view.select_code(tab, code)


def _fee_cell(window: MainWindow, code: str, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> Any:
    model = window.board_view.models[window.board_view.tab_key()]
    row = next(i for i, v in enumerate(model.rows) if v.code == code)
    return model.data(model.index(row, FEE_COLUMN), role)


def _open_dialog(qtbot: Any, window: MainWindow, *, with_qr: bool = True) -> PaymentDialog:
    collector = _collector(window)
    with qtbot.waitSignal(collector.opened, timeout=5000) as sig:
        _pay_button(window).click()
    dialog = sig.args[0]
    assert isinstance(dialog, PaymentDialog) and dialog.isVisible()
    if with_qr:
        qtbot.waitUntil(
            lambda: (
                dialog.request is not None
                and dialog.qr.pixmap() is not None
                and not dialog.qr.pixmap().isNull()
            )
        )
    return dialog


def _screen_qr(dialog: PaymentDialog) -> list[str]:
    """What a phone reads off the dialog's QR on screen."""
    image: QImage = dialog.qr.pixmap().toImage()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    pil = Image.open(io.BytesIO(bytes(buffer.data())))
    return [r.text for r in zxingcpp.read_barcodes(pil) if r.format == zxingcpp.BarcodeFormat.QRCode]


def _set_amount(qtbot: Any, dialog: PaymentDialog, text: str) -> None:
    dialog.amount.setFocus()
    dialog.amount.selectAll()
    type_text(qtbot, dialog.amount, text)


def test_collect_fee_with_vietqr_on_screen_then_receipt_says_paid(
    qtbot: Any, window: MainWindow, ctx: AppContext, clock: Any, data_dir: Path
) -> None:
    ctx.config.update(BANK)
    code = receive(ctx, actor="admin")  # 15 000 đồng
    _board(qtbot, window, code)
    assert _fee_cell(window, code) == "Chưa nộp"
    assert _fee_cell(window, code, Qt.ItemDataRole.ForegroundRole) == UNPAID_TEXT
    assert "15.000 đồng" in _fee_cell(window, code, Qt.ItemDataRole.ToolTipRole)
    assert "Phí, lệ phí: 15.000 đồng" in window.board_view.selected.text()
    pay_button = _pay_button(window)
    assert pay_button.isEnabled() and pay_button.text() == "Thu &phí, lệ phí…"

    dialog = _open_dialog(qtbot, window)
    assert dialog.amount.text() == "15.000" and dialog.method.currentData() == "cash"
    assert "Còn phải nộp: 15.000 đồng" in dialog.due_line.text()
    assert dialog.amount_message.text() == "Mười lăm nghìn đồng"
    # The code on screen is the receipt's: same function, same payload, and a phone reads it.
    receipt_payload = FormsService(ctx).receipt(code).payment.payload  # type: ignore[union-attr]
    assert dialog.request is not None and dialog.request.payload == receipt_payload
    assert _screen_qr(dialog) == [receipt_payload]
    qr = parse_payload(receipt_payload)
    assert (qr.bin, qr.account, qr.amount, qr.purpose) == (
        BANK["bank.bin"],
        BANK["bank.account"],
        15000,
        ascii_purpose(code),
    )
    assert "Vietcombank" in dialog.bank_info.text() and BANK["bank.account"] in dialog.bank_info.text()
    save_shot(dialog, "payment-1-dialog-vietqr")

    # Overpayment: refused on the spot, named, no code for it, nothing saved.
    _set_amount(qtbot, dialog, "20.000")
    assert "Số tiền: 20.000 đồng vượt số còn phải nộp (15.000 đồng)" in dialog.amount_message.text()
    assert dialog.request is None and dialog.qr.pixmap().isNull()
    dialog.ok.click()
    assert dialog.isVisible() and "vượt số còn phải nộp" in dialog.message.text()
    save_shot(dialog, "payment-2-overpayment")
    assert PaymentService(ctx).status(code).paid_vnd == 0
    _set_amount(qtbot, dialog, "abc")
    assert dialog.amount_message.text() == "Số tiền: phải là số nguyên đồng, ví dụ 10.000"

    # A part of it by VietQR: the code on screen follows the amount typed.
    _set_amount(qtbot, dialog, "5.000")
    qtbot.waitUntil(lambda: dialog.request is not None and dialog.request.amount_vnd == 5000, timeout=5000)
    assert parse_payload(_screen_qr(dialog)[0]).amount == 5000
    dialog.method.setCurrentIndex(dialog.method.findData("vietqr"))
    dialog.reference.setText("FT26327001")
    dialog.reprint.setChecked(False)
    clock.set("2026-11-23T09:10")
    with qtbot.waitSignal(_collector(window).recorded, timeout=5000):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    status = PaymentService(ctx).status(code)
    assert (status.paid_vnd, status.status, status.entries[0].method) == (5000, "partial", "vietqr")
    assert status.entries[0].reference == "FT26327001" and status.entries[0].clerk == "admin"
    wait_idle(qtbot)
    assert "Đã thu 5.000 đồng (Chuyển khoản VietQR)" in window.board_view.action_message.text()
    assert window.board_view.select_code("today", code)
    assert _fee_cell(window, code) == "Nộp thiếu" and _pay_button(window).isEnabled()

    # The rest in cash, receipt reprinted: it now says "Đã nộp" and asks for nothing more.
    clock.set("2026-11-23T09:20")
    dialog = _open_dialog(qtbot, window)
    assert dialog.amount.text() == "10.000" and dialog.reprint.isChecked()  # forms.auto_print is on
    assert parse_payload(_screen_qr(dialog)[0]).amount == 10000
    with qtbot.waitSignal(_printing(window).done, timeout=15_000) as sig:
        dialog.ok.click()
    kind, where = sig.args
    path = Path(where)
    assert (
        kind == "saved" and path.parent == data_dir / "forms" and path.name.startswith(f"bien-nhan-{code}-")
    )
    text = flat(page_texts(path.read_bytes())[0])
    assert "Đã nộp" in text and "Tiền mặt" in text and "Chuyển khoản VietQR" in text
    assert not [t for t in decode_qrs(path.read_bytes()) if t.startswith("000201")]  # no payment QR left
    wait_idle(qtbot)
    assert window.board_view.select_code("today", code)
    assert _fee_cell(window, code) == "Đã nộp"
    assert _fee_cell(window, code, Qt.ItemDataRole.ForegroundRole) == PAID_TEXT
    assert not _pay_button(window).isEnabled() and _pay_button(window).toolTip() == "Đã nộp đủ 15.000 đồng"
    save_shot(window, "payment-3-board-paid")

    # The detail view: paid with method and time, both payments in the history.
    window.board.open_detail(window.board_view.current_view())  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: window.board.dialog is not None and window.board.dialog.objectName() == "detail")
    detail = window.board.dialog
    fee_value = next(val.text() for k, val in detail.info_labels if k.text() == "Phí, lệ phí:")
    assert fee_value == "15.000 đồng — Đã nộp (Tiền mặt, 09:20 23/11/2026)"
    rows = [[detail.history.item(r, c).text() for c in range(6)] for r in range(detail.history.rowCount())]
    paid_rows = [r for r in rows if r[3] == "Thu phí, lệ phí"]
    assert [r[0] for r in paid_rows] == ["09:10 23/11/2026", "09:20 23/11/2026"]
    assert [r[2] for r in paid_rows] == ["1", "1"]  # the counter it was paid at (counter.number)
    assert paid_rows[0][5] == "5.000 đồng — Chuyển khoản VietQR · mã giao dịch FT26327001"
    save_shot(detail, "payment-4-detail")
    detail.accept()


def test_no_payment_action_for_free_or_rejected_dossiers(
    qtbot: Any, window: MainWindow, ctx: AppContext
) -> None:
    free = receive(ctx, FREE_PROCEDURE, actor="admin")
    rejected = receive(ctx, actor="admin")
    DossierService(ctx).change_status(rejected, "rejected", actor="admin", note="Không thuộc thẩm quyền")
    _board(qtbot, window, free)
    assert _fee_cell(window, free) == "Miễn phí" and not _pay_button(window).isEnabled()
    assert _pay_button(window).toolTip() == "Thủ tục không thu phí, lệ phí"
    assert "Phí, lệ phí: Miễn phí" in window.board_view.selected.text()
    assert window.board_view.select_code("today", rejected)
    assert _fee_cell(window, rejected) == "Không thu" and not _pay_button(window).isEnabled()
    assert _pay_button(window).toolTip() == "Hồ sơ đã bị từ chối tiếp nhận: không thu phí, lệ phí"


def test_paid_elsewhere_meanwhile_is_refused_and_nothing_saved(
    qtbot: Any, window: MainWindow, ctx: AppContext
) -> None:
    code = receive(ctx, actor="admin")
    _board(qtbot, window, code)
    dialog = _open_dialog(qtbot, window, with_qr=False)
    # No bank account configured: no code on screen, cash still collected.
    assert dialog.request is None and "Chưa khai báo tài khoản ngân hàng" in dialog.qr.text()
    # Another counter collects 10 000 while this dialog still offers 15 000.
    PaymentService(ctx).record(code, "cash", 10_000, actor="lan")
    dialog.ok.click()
    qtbot.waitUntil(lambda: "vượt số còn phải nộp" in dialog.message.text(), timeout=5000)
    assert dialog.isVisible() and dialog.message.text().startswith("Số tiền: 15.000 đồng vượt")
    assert "5.000 đồng" in dialog.message.text() and dialog.ok.isEnabled()
    assert PaymentService(ctx).status(code).paid_vnd == 10_000
    dialog.reject()
    # The rest is paid elsewhere too: the action says so instead of opening a dialog for nothing.
    PaymentService(ctx).record(code, "cash", 5_000, actor="lan")
    assert _pay_button(window).isEnabled()  # the board has not reloaded yet
    _pay_button(window).click()
    qtbot.waitUntil(lambda: "không còn khoản phí nào phải nộp" in window.board_view.action_message.text())
    wait_idle(qtbot)
    assert window.board_view.select_code("today", code) and not _pay_button(window).isEnabled()


def test_handing_back_an_unpaid_dossier_warns_the_clerk(
    qtbot: Any, window: MainWindow, ctx: AppContext
) -> None:
    code = receive(ctx, actor="admin")
    d = DossierService(ctx)
    d.change_status(code, "ready", actor="admin")
    _board(qtbot, window, code, tab="ready")
    window.board_view.action_buttons["returned"].click()
    confirm = window.board.dialog
    text = confirm.findChild(type(window.board_view.selected)).text()
    assert "Lưu ý: hồ sơ còn phải nộp 15.000 đồng phí, lệ phí" in text
    confirm.reject()


def test_fee_column_and_payment_dialog_in_english(qtbot: Any, window: MainWindow, ctx: AppContext) -> None:
    ctx.config.update(BANK)
    code = receive(ctx, actor="admin")
    assert window.languages is not None
    with qtbot.waitSignal(window.languages.changed, timeout=10_000):
        window.languages.switch("en")
    _board(qtbot, window, code)
    model = window.board_view.models["today"]
    assert model.headerData(FEE_COLUMN, Qt.Orientation.Horizontal) == "Fee"
    assert _fee_cell(window, code) == "Unpaid"
    assert _pay_button(window).text() == "Collect &fee…"
    dialog = _open_dialog(qtbot, window)
    assert dialog.windowTitle() == f"Collect fee — {code}"
    assert "Still due: 15,000 VND" in dialog.due_line.text()
    assert dialog.amount.text() == "15,000"
    assert dialog.method.itemText(0) == "Cash" and dialog.ok.text() == "&Record payment (Ctrl+Enter)"
    assert dialog.qr_caption.text() == "Scan the VietQR code to transfer 15,000 VND"
    _set_amount(qtbot, dialog, "20,000")
    assert dialog.amount_message.text().startswith(
        "Amount: 20,000 VND is more than what is still due (15,000 VND)"
    )
    _set_amount(qtbot, dialog, "15,000")
    qtbot.waitUntil(lambda: dialog.request is not None)
    save_shot(dialog, "payment-5-dialog-english")
    with qtbot.waitSignal(_collector(window).recorded, timeout=5000):
        dialog.ok.click()
    wait_idle(qtbot)
    assert window.board_view.select_code("today", code) and _fee_cell(window, code) == "Paid"
    assert window.board_view.action_message.text() == f"Collected 15,000 VND (Cash) for dossier {code}: Paid."


def test_amounts_typed_by_the_clerk() -> None:
    ok = {"15000": 15000, "15.000": 15000, "15,000": 15000, "15 000 đ": 15000, "1.250.000 đồng": 1250000}
    assert {t: parse_amount(t) for t in ok} == ok
    for bad in ("15.5", "1,50", "1.000,000", "abc", "", "-5", "１５０００", "12345678901234"):
        assert parse_amount(bad) is None, bad


def test_collect_right_after_intake_from_the_summary(qtbot: Any, window: MainWindow, ctx: AppContext) -> None:
    ctx.config.update(BANK)
    ctx.config.set("forms.auto_print", "false")
    pick_procedure(qtbot, window, "xac nhan tinh trang hon nhan")
    fill_applicant(
        qtbot,
        window,
        full_name="Lê Văn Bình",
        id_number="001099012345",
        phone="0987654321",
        address="3 Tràng Tiền",
    )
    with qtbot.waitSignal(window.intake.saved, timeout=5000) as sig:
        window.intake_view.save_button.click()
    code = sig.args[0].code
    summary = window.intake.summary_dialog
    assert summary is not None and summary.collect.isVisible() and summary.collect.text() == "Thu &phí ngay…"
    with qtbot.waitSignal(_collector(window).opened, timeout=5000) as opened:
        summary.collect.click()
    dialog = opened.args[0]
    assert not summary.isVisible() and dialog.view.code == code and dialog.amount.text() == "15.000"
    qtbot.waitUntil(lambda: dialog.request is not None)
    assert _screen_qr(dialog) == [FormsService(ctx).receipt(code).payment.payload]  # type: ignore[union-attr]
    assert not dialog.reprint.isChecked()  # forms.auto_print is off
    with qtbot.waitSignal(_collector(window).recorded, timeout=5000):
        dialog.ok.click()
    assert PaymentService(ctx).status(code).status == "paid"
    assert window.statusBar().currentMessage().startswith("Đã thu 15.000 đồng (Tiền mặt)")
    wait_idle(qtbot)
    # A fee-free procedure: nothing to collect, no button.
    pick_procedure(qtbot, window, "khai sinh")
    fill_applicant(
        qtbot,
        window,
        full_name="Lê Văn Bình",
        id_number="001099012345",
        phone="0987654321",
        address="3 Tràng Tiền",
    )
    with qtbot.waitSignal(window.intake.saved, timeout=5000):
        window.intake_view.save_button.click()
    assert not window.intake.summary_dialog.collect.isVisibleTo(window.intake.summary_dialog)
    window.intake.summary_dialog.accept()
    wait_idle(qtbot)


def test_board_snapshot_and_search_carry_what_each_dossier_paid(ctx: AppContext) -> None:
    ctx.config.update(BANK)
    paid, unpaid, free = receive(ctx), receive(ctx), receive(ctx, FREE_PROCEDURE)
    PaymentService(ctx).record(paid, "transfer", 15_000, actor="lan")
    snap = BoardService(ctx).snapshot()
    assert snap.paid == {paid: 15_000}
    views = {v.code: v for v in snap.today}
    assert [snap.payment(views[c]).status for c in (paid, unpaid, free)] == ["paid", "unpaid", "free"]
    rows, totals = BoardService(ctx).find("Nguyen Thi Hong Nhung")
    assert {v.code for v in rows} == {paid, unpaid, free} and totals == {paid: 15_000}
    # The pay dialog's code for part of what is due; never for more, nothing once paid or rejected.
    forms = FormsService(ctx)
    view, status, request = forms.payment_due(unpaid, 4_000)
    assert request is not None and parse_payload(request.payload).amount == 4_000
    with pytest.raises(ValidationError) as err:
        forms.payment_request(view, status, 15_001)
    assert err.value.label == "Số tiền"
    assert forms.payment_due(paid)[2] is None and forms.payment_due(free)[2] is None
    DossierService(ctx).change_status(unpaid, "rejected", actor="lan", note="Sai thẩm quyền")
    assert forms.payment_due(unpaid)[2] is None
