"""The receipt (Mẫu 01) on an 80 mm ESC/POS thermal printer: real bytes over a real socket to the test
printer on 127.0.0.1 (tests/escpos_fake.py), the raster decoded back to an image, both QR codes read
with zxing-cpp as a phone would; failures say why (service, CLI exit 1) and print nothing as "printed".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.services.context import AppContext
from counter_app.services.forms import FormsService
from counter_app.services.payments import PaymentService
from counter_app.services.receipt_printing import ReceiptNotPrinted, ReceiptPrinting, is_thermal
from tests.clerk_support import wait_idle
from tests.conftest import run_cli
from tests.escpos_fake import FakePrinter, parse, refused_uri
from tests.forms_support import BANK, receive
from ui.clerk.main_window import MainWindow

pytest_plugins = ["tests.clerk_fixtures"]

SHOTS = Path(__file__).resolve().parent / "_screenshots"


def copies_of(job: bytes) -> list[Image.Image]:
    """Each cut slip of the job as a 1-bit image (black = printed), its raster blocks stacked."""
    cmds, consumed = parse(job)
    assert consumed == len(job), "the job ends in an incomplete command"
    slips: list[Image.Image] = []
    blocks: list[tuple[int, int, bytes]] = []
    for c in cmds:
        if c.name == "raster":
            blocks.append((c.arg[0], c.arg[1], c.data))
        elif c.name == "cut":
            assert blocks, "a cut with nothing printed before it"
            width = blocks[0][0] * 8
            img = Image.new("1", (width, sum(h for _, h, _ in blocks)), 1)
            y = 0
            for xb, h, data in blocks:
                img.paste(Image.frombytes("1", (xb * 8, h), bytes(255 - v for v in data)), (0, y))
                y += h
            slips.append(img)
            blocks = []
    assert not blocks, "raster after the last cut: the slip would stay in the printer"
    return slips


def qr_texts(img: Image.Image) -> list[str]:
    return [
        r.text for r in zxingcpp.read_barcodes(img.convert("L")) if r.format == zxingcpp.BarcodeFormat.QRCode
    ]


@pytest.fixture
def fee_due(ctx: AppContext) -> str:
    ctx.config.update({**BANK, "printer.timeout_ms": 1000})
    return receive(ctx, actor="admin")  # 15 000 đồng, nothing paid: the receipt carries VietQR


def test_receipt_prints_on_a_thermal_printer_with_both_codes_readable(ctx: AppContext, fee_due: str) -> None:
    form = FormsService(ctx).receipt(fee_due)
    assert form.payment is not None
    with FakePrinter() as printer:
        ctx.config.set("printer.receipt", printer.uri)
        done = ReceiptPrinting(ctx).print_receipt(fee_due, copies=2)
        job = printer.jobs[-1]
    assert done.uri == printer.uri and done.copies == 2 and done.bytes_sent > 0 and done.warning is None
    slips = copies_of(job)
    assert len(slips) == 2  # Liên 1 (kept) and Liên 2 (the citizen's), each cut off
    SHOTS.mkdir(exist_ok=True)
    slips[1].save(SHOTS / "receipt_80mm.png")
    for slip in slips:
        assert slip.width == 576
        assert 1500 < slip.height < 4000
        assert sorted(qr_texts(slip)) == sorted([form.tracking_url, form.payment.payload])
    assert slips[0].tobytes() != slips[1].tobytes()  # the copy label differs


def test_paid_receipt_has_the_tracking_code_only(ctx: AppContext, fee_due: str) -> None:
    PaymentService(ctx).record(fee_due, "cash", 15_000, actor="admin")
    target = ctx.data_dir / "printer.bin"
    ctx.config.set("printer.receipt", f"file://{target}")
    done = ReceiptPrinting(ctx).print_receipt(fee_due, copies=1)
    (slip,) = copies_of(target.read_bytes())
    assert done.copies == 1
    form = FormsService(ctx).receipt(fee_due)
    assert form.payment is None and form.tracking_key
    assert qr_texts(slip) == [form.tracking_url]


@pytest.mark.parametrize("behaviour", ["refused", "paper_out", "close_mid"])
def test_a_failed_print_says_why(ctx: AppContext, fee_due: str, behaviour: str) -> None:
    if behaviour == "refused":
        ctx.config.set("printer.receipt", refused_uri())
        with pytest.raises(ReceiptNotPrinted) as err:
            ReceiptPrinting(ctx).print_receipt(fee_due)
    else:
        with FakePrinter(behaviour) as printer:
            ctx.config.set("printer.receipt", printer.uri)
            with pytest.raises(ReceiptNotPrinted) as err:
                ReceiptPrinting(ctx).print_receipt(fee_due)
    assert err.value.field == "printer.receipt" and err.value.exit_code == 1
    assert {"refused": "từ chối kết nối", "paper_out": "hết giấy", "close_mid": "ngắt kết nối"}[
        behaviour
    ] in str(err.value)


def test_no_receipt_printer_is_a_reason_not_a_silent_pdf(ctx: AppContext, fee_due: str) -> None:
    ctx.config.set("printer.receipt", "")
    with pytest.raises(ReceiptNotPrinted, match="chưa cấu hình máy in biên nhận"):
        ReceiptPrinting(ctx).print_receipt(fee_due)
    assert is_thermal("tcp://192.168.1.50:9100") and is_thermal("usb://04b8:0202")
    assert is_thermal("serial:///dev/ttyUSB0?baudrate=19200") and is_thermal("file:///dev/usb/lp0")
    assert not is_thermal("cups://HP") and not is_thermal("win32://EPSON") and not is_thermal("")


def test_cli_form_receipt_print(ctx: AppContext, fee_due: str) -> None:
    with FakePrinter() as printer:
        ctx.config.set("printer.receipt", printer.uri)
        ok = run_cli("form", "receipt", fee_due, "--print", "--copies", "1", data_dir=ctx.data_dir)
        assert ok.returncode == 0, ok.stderr
        assert printer.wait_for_connections(1)
        assert printer.wait_for_bytes(0, 1000)
    assert f"Đã in giấy tiếp nhận {fee_due}" in ok.stdout
    assert len(copies_of(printer.jobs[0][3:])) == 1  # after the status query DLE EOT 4

    ctx.config.set("printer.receipt", refused_uri())
    bad = run_cli("form", "receipt", fee_due, "--print", data_dir=ctx.data_dir)
    assert bad.returncode == 1 and "Máy in biên nhận" in bad.stderr and "từ chối kết nối" in bad.stderr
    assert "Traceback" not in bad.stderr and "Đã in" not in bad.stdout

    ctx.config.set("printer.receipt", "")
    none = run_cli("form", "receipt", fee_due, "--print", data_dir=ctx.data_dir)
    assert none.returncode == 1 and "chưa cấu hình máy in biên nhận" in none.stderr

    neither = run_cli("form", "receipt", fee_due, data_dir=ctx.data_dir)
    assert neither.returncode == 2 and "-o FILE.pdf hoặc --print" in neither.stderr


def test_clerk_window_failed_receipt_says_why_and_reprints_by_enter(
    qtbot: Any, window: MainWindow, ctx: AppContext, fee_due: str
) -> None:
    fp = window.forms_printing  # type: ignore[attr-defined]
    ctx.config.set("printer.receipt", refused_uri())
    with qtbot.waitSignal(fp.failed, timeout=15_000) as sig:
        fp.output("receipt", fee_due, copies=1)
    assert "từ chối kết nối" in sig.args[0]
    box = fp.message_box
    qtbot.waitUntil(lambda: box is not None and box.isVisible())
    assert "Chưa in được giấy tiếp nhận" in box.text() and "từ chối kết nối" in box.text()
    assert "Chưa in được" in window.statusBar().currentMessage()  # never "Đã gửi … đến máy in"
    with FakePrinter() as printer:
        ctx.config.set("printer.receipt", printer.uri)  # the clerk switched the printer on
        box.activateWindow()
        qtbot.waitUntil(box.isActiveWindow)
        reprint = QApplication.focusWidget()
        assert reprint is not None and reprint.objectName() == "reprint"
        with qtbot.waitSignal(fp.done, timeout=15_000) as done:
            qtbot.keyClick(reprint, Qt.Key.Key_Return)
        assert done.args == ["printed", printer.uri]
        (slip,) = copies_of(printer.jobs[-1][3:])
    assert len(qr_texts(slip)) == 2
    assert window.statusBar().currentMessage().startswith("Đã gửi biểu mẫu đến máy in")
    wait_idle(qtbot)


def test_clerk_window_a4_form_on_a_thermal_printer_is_saved_and_said(
    qtbot: Any, window: MainWindow, ctx: AppContext, fee_due: str
) -> None:
    fp = window.forms_printing  # type: ignore[attr-defined]
    ctx.config.set("printer.receipt", "tcp://192.168.1.50:9100")
    with qtbot.waitSignal(fp.done, timeout=15_000) as sig:
        fp.output("control", fee_due)
    assert sig.args[0] == "saved" and Path(sig.args[1]).exists()
    qtbot.waitUntil(lambda: fp.message_box is not None and fp.message_box.isVisible())
    assert "máy in nhiệt 80 mm" in fp.message_box.text() and "chưa được in" in fp.message_box.text()
    fp.message_box.accept()
    wait_idle(qtbot)
