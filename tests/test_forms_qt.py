"""Forms from the clerk window: receipt after intake, reprint and preview from the board (no printer)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from counter_app.services.context import AppContext
from tests.clerk_support import back_to, fill_applicant, pick_procedure, save_shot, wait_idle
from tests.forms_support import BANK, decode_qrs, flat, page_texts, receive
from ui.clerk.forms_printing import FormsDialog, FormsPrinting
from ui.clerk.main_window import MainWindow

pytest_plugins = ["tests.clerk_fixtures"]


def _printing(window: MainWindow) -> FormsPrinting:
    fp = window.forms_printing
    assert isinstance(fp, FormsPrinting)
    return fp


def _receive_typed(qtbot: Any, window: MainWindow) -> str:
    pick_procedure(qtbot, window, "xác nhận tình trạng hôn nhân")
    fill_applicant(
        qtbot,
        window,
        full_name="Nguyễn Thị Hồng Nhung",
        id_number="079303001234",
        phone="0912345678",
        address="45 Nguyễn Huệ, Phường Bến Nghé",
    )
    with qtbot.waitSignal(window.transaction_finished, timeout=5000) as sig:
        qtbot.keyClick(
            window.intake_view.fields["address"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    return str(sig.args[1])


def test_receipt_saved_as_pdf_after_intake_without_printer(
    qtbot: Any, window: MainWindow, ctx: AppContext, data_dir: Path
) -> None:
    ctx.config.update(BANK)
    assert ctx.config.get("printer.receipt") == "" and ctx.config.get("forms.auto_print") is True
    with qtbot.waitSignal(_printing(window).done, timeout=15_000) as sig:
        code = _receive_typed(qtbot, window)
    kind, where = sig.args
    path = Path(where)
    assert kind == "saved" and path.parent == data_dir / "forms" and path.exists()
    assert path.name.startswith(f"bien-nhan-{code}-")
    pdf = path.read_bytes()
    pages = page_texts(pdf)
    assert len(pages) == 2
    assert "Liên 1: Lưu" in pages[0] and "Liên 2: Giao người nộp hồ sơ" in pages[1]
    assert f"Mã hồ sơ: {code}" in pages[0] and "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung" in flat(pages[0])
    assert "Trần Thị Mai" in pages[0]  # the clerk who received it
    assert any(t.startswith("000201") for t in decode_qrs(pdf))
    assert window.statusBar().currentMessage().startswith("Đã lưu biểu mẫu:")
    wait_idle(qtbot)
    window.intake.summary_dialog.accept()
    back_to(qtbot, window)


def test_no_receipt_when_auto_print_is_off(
    qtbot: Any, window: MainWindow, ctx: AppContext, data_dir: Path
) -> None:
    ctx.config.set("forms.auto_print", "false")
    _receive_typed(qtbot, window)
    wait_idle(qtbot)
    assert not (data_dir / "forms").exists()
    window.intake.summary_dialog.accept()


def test_reprint_and_preview_from_the_board(
    qtbot: Any, window: MainWindow, ctx: AppContext, data_dir: Path
) -> None:
    code = receive(ctx, actor="admin")
    window.board.refresh()
    wait_idle(qtbot)
    fp = _printing(window)
    window.show_panel("board")
    wait_idle(qtbot)
    button = window.board_view.findChild(QPushButton, "action:forms")
    assert button is not None and button.text() == "Biểu mẫu… (in lại)"
    save_shot(window, "forms_board")
    view = window.services.dossiers.get(code)
    fp.open_dialog(view)
    qtbot.waitUntil(lambda: isinstance(fp.dialog, FormsDialog) and fp.dialog.isVisible())
    dialog = fp.dialog
    assert dialog is not None
    forms = [dialog.form.itemData(i) for i in range(dialog.form.count())]
    assert forms == ["receipt", "control"]  # no supplement, rejection or apology yet
    save_shot(dialog, "forms_dialog")
    dialog.form.setCurrentIndex(forms.index("control"))
    assert not dialog.paper.isEnabled()
    with qtbot.waitSignal(fp.done, timeout=15_000) as sig:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    path = Path(sig.args[1])
    assert path.parent == data_dir / "forms" and path.name.startswith(f"kiem-soat-{code}-")
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in page_texts(path.read_bytes())[0]

    with qtbot.waitSignal(fp.preview_opened, timeout=15_000) as sig:
        fp.preview("receipt", code, paper="A5", copies=2)
    preview = sig.args[0]
    assert preview is fp.preview_dialog
    first = fp.preview_pages[0]
    # A5 at readable sizes (body ≥ 10 pt, QR ≥ 22 mm): two sheets per copy for this receipt.
    assert len(fp.preview_pages) == 4 and first.width() < first.height()
    # White paper with dark print on it (QtPdf renders transparent pages: a naive conversion is all black).
    assert first.pixelColor(3, 3).lightness() == 255
    dark = sum(
        first.pixelColor(x, y).lightness() < 100
        for x in range(0, first.width(), 7)
        for y in range(0, first.height(), 7)
    )
    assert 0 < dark < (first.width() // 7) * (first.height() // 7) // 4
    save_shot(preview, "forms_preview")
    preview.close()


def test_missing_printer_falls_back_to_saved_pdf(qtbot: Any, window: MainWindow, ctx: AppContext) -> None:
    ctx.config.set("printer.receipt", "cups://May-In-Khong-Co")
    code = receive(ctx, actor="admin")
    fp = _printing(window)
    with qtbot.waitSignal(fp.done, timeout=15_000) as sig:
        fp.output("receipt", code, copies=1)
    assert sig.args[0] == "saved" and Path(sig.args[1]).exists()
    qtbot.waitUntil(lambda: fp.message_box is not None and fp.message_box.isVisible())
    assert "Không tìm thấy máy in 'May-In-Khong-Co'" in fp.message_box.text()
    fp.message_box.accept()


def _decide(qtbot: Any, window: MainWindow, code: str, key: str, reason: str, items: str = "") -> None:
    """Record a decision the way the clerk does: select, the action's button, the reason, Ctrl+Enter."""
    bv = window.board_view
    window.show_panel("board")
    window.board.refresh()
    wait_idle(qtbot)
    assert bv.select_code("overdue", code) or bv.select_code("today", code)
    bv.action_buttons[key].click()
    qtbot.waitUntil(
        lambda: window.board.dialog is not None and window.board.dialog.objectName() == f"reason:{key}"
    )
    dialog = window.board.dialog
    qtbot.waitUntil(dialog.isActiveWindow)  # Ctrl+Enter is the dialog's shortcut: it must have the focus
    dialog.reason.setPlainText(reason)
    if items:
        dialog.items.setPlainText(items)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_supplement_rejection_and_apology_print_their_forms_once_recorded(
    qtbot: Any, window: MainWindow, ctx: AppContext, clock: Any, data_dir: Path
) -> None:
    fp = _printing(window)
    first, second = receive(ctx, actor="admin"), receive(ctx, actor="admin")
    with qtbot.waitSignal(fp.done, timeout=15_000) as sig:
        _decide(
            qtbot,
            window,
            first,
            "supplement",
            "Giấy khai sinh bản sao không có chứng thực",
            "Bản sao có chứng thực Giấy khai sinh\nẢnh 4x6",
        )
    path = Path(sig.args[1])
    assert sig.args[0] == "saved" and path.name.startswith(f"yeu-cau-bo-sung-{first}-")
    text = flat(page_texts(path.read_bytes())[0])
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text and "Ảnh 4x6" in text
    assert "Giấy khai sinh bản sao không có chứng thực" in text and first in text
    wait_idle(qtbot)

    with qtbot.waitSignal(fp.done, timeout=15_000) as sig:
        _decide(qtbot, window, second, "rejected", "Hồ sơ không thuộc thẩm quyền giải quyết của phường")
    path = Path(sig.args[1])
    assert path.name.startswith(f"tu-choi-{second}-")
    text = flat(page_texts(path.read_bytes())[0])
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Hồ sơ không thuộc thẩm quyền giải quyết của phường" in text
    wait_idle(qtbot)

    window.services.dossiers.change_status(first, "processing", actor="admin")
    clock.set("2026-12-10T10:00")  # long past the due time
    with qtbot.waitSignal(fp.done, timeout=15_000) as sig:
        _decide(qtbot, window, first, "apology", "Cần xác minh thêm với cơ quan cấp trên")
    path = Path(sig.args[1])
    assert path.name.startswith(f"xin-loi-{first}-")
    assert "Cần xác minh thêm với cơ quan cấp trên" in flat(page_texts(path.read_bytes())[0])
    wait_idle(qtbot)
    assert sorted(p.name.split("-000")[0] for p in (data_dir / "forms").iterdir()) == [
        "tu-choi",
        "xin-loi",
        "yeu-cau-bo-sung",
    ]
    # Each can be reprinted from the board afterwards.
    for code, wanted in (
        (first, ["receipt", "control", "supplement", "apology"]),
        (second, ["receipt", "control", "rejection"]),
    ):
        fp.open_dialog(window.services.dossiers.get(code))
        qtbot.waitUntil(
            lambda c=code: fp.dialog is not None and fp.dialog.view.code == c and fp.dialog.isVisible()
        )
        assert [fp.dialog.form.itemData(i) for i in range(fp.dialog.form.count())] == wanted
        fp.dialog.reject()


def test_decisions_not_printed_when_auto_print_is_off(
    qtbot: Any, window: MainWindow, ctx: AppContext, data_dir: Path
) -> None:
    ctx.config.set("forms.auto_print", "false")
    code = receive(ctx, actor="admin")
    with qtbot.waitSignal(window.board.decision_recorded, timeout=5000) as sig:
        _decide(qtbot, window, code, "rejected", "Không thuộc thẩm quyền")
    assert sig.args == ["rejection", code]
    wait_idle(qtbot)
    assert window.services.dossiers.get(code).status == "rejected"
    assert not (data_dir / "forms").exists()


def test_register_from_the_menu(
    qtbot: Any, window: MainWindow, ctx: AppContext, clock: Any, data_dir: Path
) -> None:
    codes = [receive(ctx, actor="admin") for _ in range(3)]
    clock.set("2026-11-24T09:00")
    later = receive(ctx, actor="admin")
    fp = _printing(window)
    assert fp.menu.title() == "Biểu mẫu" and fp.register_action.text() == "Sổ theo dõi hồ sơ (Mẫu 06)…"
    fp.register_action.trigger()
    dialog = fp.register_dialog
    assert dialog is not None and dialog.isVisible() and dialog.dates()[0].isoformat() == "2026-11-24"
    dialog.date_from.setDate(dialog.date_from.date().addDays(-1))
    dialog.date_to.setDate(dialog.date_from.date().addDays(-1))  # before the start: refused, named
    dialog.print_button.click()
    assert dialog.isVisible() and dialog.message.text() == "Đến ngày: phải không trước ngày bắt đầu"
    dialog.date_to.setDate(dialog.date_from.date())
    save_shot(dialog, "forms_register_dialog")
    with qtbot.waitSignal(fp.preview_opened, timeout=15_000) as sig:
        dialog.preview_button.click()
    preview = sig.args[0]
    assert preview is fp.preview_dialog
    assert fp.preview_pages[0].width() > fp.preview_pages[0].height()  # A4 landscape
    save_shot(preview, "forms_register_preview")
    preview.close()
    with qtbot.waitSignal(fp.done, timeout=15_000) as sig:
        dialog.print_button.click()
    path = Path(sig.args[1])
    assert path.parent == data_dir / "forms" and path.name.startswith("so-theo-doi-20261123-20261123-")
    text = flat(" ".join(page_texts(path.read_bytes())))
    assert "SỔ THEO DÕI HỒ SƠ" in text and all(c in text for c in codes) and later not in text
    wait_idle(qtbot)


def test_pages_painted_on_a_printer(qtbot: Any, window: MainWindow, ctx: AppContext, tmp_path: Path) -> None:
    """What goes to a system printer: the same painting, on a QPrinter writing PDF (no CUPS in tests)."""
    from PySide6.QtPrintSupport import QPrinter

    from ui.clerk.forms_printing import fit_paper, paint_pages, pdf_pages, render_form

    code = receive(ctx, actor="admin")
    rendered = render_form(window.services, "receipt", code, "A5", 2)
    images = pdf_pages(rendered.pdf, 150)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    printer.setFullPage(True)
    fit_paper(printer, images, 150)
    paint_pages(printer, images)
    printed = out.read_bytes()
    assert len(page_texts(printed)) == 4  # two copies, two A5 sheets each
    qrs = decode_qrs(printed, page=3)  # the raster still carries readable codes
    assert any(code in q for q in qrs)


def test_stop_from_the_board_records_it_and_prints_the_notice(
    qtbot: Any, window: MainWindow, ctx: AppContext, data_dir: Path
) -> None:
    """Dừng giải quyết on the board: the button, the reason, Ctrl+Enter; the notice (Mẫu 05) follows."""
    fp = _printing(window)
    code = receive(ctx, actor="admin")
    with qtbot.waitSignal(fp.done, timeout=15_000) as sig:
        _decide(qtbot, window, code, "stopped", "Người nộp hồ sơ có văn bản đề nghị dừng giải quyết")
    path = Path(sig.args[1])
    assert sig.args[0] == "saved" and path.name.startswith(f"dung-giai-quyet-{code}-")
    text = flat(page_texts(path.read_bytes())[0])
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text and "Người nộp hồ sơ có văn bản đề nghị" in text
    assert ctx_status(ctx, code) == "stopped"
    wait_idle(qtbot)
    bv = window.board_view
    assert "Dừng giải quyết" in bv.action_message.text() or code in bv.action_message.text()
    assert not bv.action_buttons["stopped"].isEnabled()  # final: nothing more to do
    assert "stop" in window.services.forms.available(code)


def ctx_status(ctx: AppContext, code: str) -> str:
    from counter_app.services.dossiers import DossierService

    return DossierService(ctx).get(code).status
