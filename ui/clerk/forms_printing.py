"""Printing the official forms from the clerk window.

- After each saved dossier the receipt (Mẫu 01) is printed when `forms.auto_print` is on; so are the
  supplement request (Mẫu 02), the rejection (Mẫu 03) and the apology (Mẫu 04) once the clerk has
  recorded one on the board (BoardController.decision_recorded).
- The board gets a "Biểu mẫu…" action: preview or print any form the selected dossier has.
- The "Biểu mẫu" menu prints the register (Mẫu 06, Sổ theo dõi hồ sơ) for a range of days.
- A system printer comes from `printer.receipt` (cups://NAME or win32://NAME). With none configured the
  PDF is saved under <data dir>/forms/ and opened with the desktop's viewer; a printer that cannot be
  found also falls back to the saved PDF, and the clerk is told.
- A thermal `printer.receipt` (tcp://, usb://, serial://, file://) prints the receipt as an 80 mm
  ESC/POS slip (counter_app/services/receipt_printing.py); the A4 forms are then saved as PDF, saying so.
- A print that failed never reads as printed: the clerk sees the reason with an "In lại" button.

Rendering the PDF, rasterising its pages (QtPdf) and painting them on the printer all run in jobs
(ui.jobs through `start_job`); the GUI thread only shows the outcome.

MainWindow owns one (`window.forms_printing`) and wires it to the intake, the board and the menu bar.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QEvent,
    QObject,
    QRect,
    QSize,
    QSizeF,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMenu,
    QMenuBar,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.output_files import write_pdf
from counter_app.services.dossier_view import DossierView
from counter_app.services.forms import FORM_LABELS_VI
from counter_app.services.intake import Receipt
from counter_app.services.receipt_printing import ReceiptPrinted, ReceiptPrinting, is_thermal
from counter_app.services.users import UserInfo
from ui.clerk.common import error_text, replace_dialog, start_job
from ui.clerk.services import ClerkServices

FILE_NAMES = {
    "receipt": "bien-nhan",
    "supplement": "yeu-cau-bo-sung",
    "rejection": "tu-choi",
    "apology": "xin-loi",
    "stop": "dung-giai-quyet",
    "control": "kiem-soat",
    "register": "so-theo-doi",
}
# FORM_LABELS_VI's names, listed for lupdate (shown through translate("FormsDialog", name)).
_FORM_TEXTS = [
    QT_TRANSLATE_NOOP("FormsDialog", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
    QT_TRANSLATE_NOOP("FormsDialog", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
    QT_TRANSLATE_NOOP("FormsDialog", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
    QT_TRANSLATE_NOOP("FormsDialog", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"),
    QT_TRANSLATE_NOOP("FormsDialog", "Thông báo dừng giải quyết hồ sơ"),
    QT_TRANSLATE_NOOP("FormsDialog", "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
    QT_TRANSLATE_NOOP("FormsDialog", "Sổ theo dõi hồ sơ"),
]
PRINT_DPI = 300
PREVIEW_DPI = 110


@dataclass(frozen=True)
class RenderedForm:
    form: str
    code: str
    pdf: bytes

    @property
    def doc_name(self) -> str:
        return f"{FILE_NAMES.get(self.form, self.form)}-{self.code}"


def render_form(
    services: ClerkServices, form: str, code: str, paper: str | None, copies: int | None
) -> RenderedForm:
    """Worker: the form's PDF, from the database as it is now (a reprint shows payments made since)."""
    pdf = services.forms.render(form, code, paper=paper, copies=copies)
    return RenderedForm(form, code, pdf)


def render_register(services: ClerkServices, date_from: date, date_to: date) -> RenderedForm:
    """Worker: the register (Mẫu 06) of the dossiers received between the two days, both included."""
    pdf = services.forms.render_register(date_from, date_to)
    return RenderedForm("register", f"{date_from:%Y%m%d}-{date_to:%Y%m%d}", pdf)


def pdf_pages(pdf: bytes, dpi: int) -> list[QImage]:
    """Worker: every page as an image (QtPdf, so no extra dependency at run time)."""
    fd, name = tempfile.mkstemp(suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(pdf)
        doc = QPdfDocument()
        if doc.load(name) != QPdfDocument.Error.None_:
            raise RuntimeError(f"QtPdf cannot read the form ({doc.error()})")
        images = []
        for i in range(doc.pageCount()):
            pts = doc.pagePointSize(i)
            size = QSize(round(pts.width() * dpi / 72), round(pts.height() * dpi / 72))
            # QtPdf leaves the page transparent: lay it on white paper, or it prints (and shows) black.
            page = QImage(size, QImage.Format.Format_RGB32)
            page.fill(Qt.GlobalColor.white)
            painter = QPainter(page)
            painter.drawImage(0, 0, doc.render(i, size))
            painter.end()
            images.append(page)
        doc.close()
        return images
    finally:
        Path(name).unlink(missing_ok=True)


def paint_pages(printer: QPrinter, images: list[QImage]) -> None:
    """Each image on its own sheet, scaled to the whole page (the PDF already has its margins)."""
    if images:
        first = images[0]
        landscape = first.width() > first.height()
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("printer refused to start")
    try:
        for i, image in enumerate(images):
            if i:
                printer.newPage()
            area = painter.viewport()
            scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(
                area.x() + (area.width() - scaled.width()) // 2,
                area.y() + (area.height() - scaled.height()) // 2,
                scaled.width(),
                scaled.height(),
            )
            painter.drawImage(target, image)
    finally:
        painter.end()


def printer_name(uri: str) -> str | None:
    """'cups://HP_LaserJet' → 'HP_LaserJet'; None for an empty or non-system (ESC/POS) printer."""
    for scheme in ("cups://", "win32://"):
        if uri.startswith(scheme):
            return uri[len(scheme) :]
    return None


def print_to(name: str, rendered: RenderedForm) -> str:
    """Worker: rasterise and send to the named system printer; returns the printer's name."""
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        raise LookupError(name)
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setDocName(rendered.doc_name)
    printer.setFullPage(True)
    dpi = min(PRINT_DPI, max(printer.resolution(), 150))
    images = pdf_pages(rendered.pdf, dpi)
    fit_paper(printer, images, dpi)
    paint_pages(printer, images)
    return info.printerName()


def fit_paper(printer: QPrinter, images: list[QImage], dpi: int) -> None:
    """Paper as the PDF's pages (A4, A5, or A4 landscape for the register)."""
    if images:
        w, h = images[0].width() * 72 / dpi, images[0].height() * 72 / dpi
        printer.setPageSize(QPageSize(QSizeF(min(w, h), max(w, h)), QPageSize.Unit.Point))


def save_to_forms_dir(data_dir: Path, rendered: RenderedForm, now: datetime) -> Path:
    """Worker: <data dir>/forms/<form>-<code>-<time>.pdf (a new name each time: an open viewer locks on Windows)."""
    folder = data_dir / "forms"
    folder.mkdir(parents=True, exist_ok=True)
    return write_pdf(rendered.pdf, folder / f"{rendered.doc_name}-{now:%Y%m%d-%H%M%S}.pdf")


class FormsPrinting(QObject):
    done = Signal(str, str)  # "printed" (printer name) or "saved" (file path), and that name or path
    failed = Signal(str)  # a message for the clerk
    preview_opened = Signal(object)  # the QPrintPreviewDialog

    def __init__(self, services: ClerkServices, user: UserInfo, parent: QWidget) -> None:
        super().__init__(parent)
        self.services, self.user, self.widget = services, user, parent
        self.preview_dialog: QPrintPreviewDialog | None = None
        self._preview_printer: QPrinter | None = None
        self.preview_pages: list[QImage] = []
        self.dialog: FormsDialog | None = None
        self.register_dialog: RegisterDialog | None = None
        self.message_box: QMessageBox | None = None
        self.menu: QMenu | None = None
        self.register_action: QAction | None = None

    @staticmethod
    def board_action_title() -> str:
        """The board's per-dossier button (MainWindow adds it)."""
        return QCoreApplication.translate("FormsPrinting", "Biểu mẫu… (in lại)")

    def add_menu(self, menu_bar: QMenuBar) -> None:
        """The "Biểu mẫu" menu with the register (Mẫu 06); it follows the window's language switches."""
        self.menu = menu_bar.addMenu("")
        self.register_action = QAction(self.widget)
        self.register_action.setObjectName("print_register")
        self.register_action.triggered.connect(self.open_register_dialog)
        self.menu.addAction(self.register_action)
        self.widget.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        if self.menu is not None and self.register_action is not None:
            self.menu.setTitle(self.tr("Biểu mẫu"))
            self.register_action.setText(self.tr("Sổ theo dõi hồ sơ (Mẫu 06)…"))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    # --- entry points -------------------------------------------------------------------------------

    def receipt_saved(self, receipt: Receipt) -> None:
        if self.services.config.forms.auto_print:
            self.output("receipt", receipt.code)

    def decision_recorded(self, form: str, code: str) -> None:
        """A supplement request, rejection or apology was just recorded: its form goes to the citizen."""
        if self.services.config.forms.auto_print:
            self.output(form, code)

    def output(self, form: str, code: str, *, paper: str | None = None, copies: int | None = None) -> None:
        """Render, then print on the configured printer or save and open the PDF."""
        if form == "receipt" and is_thermal(self.services.config.printer.receipt):
            self.print_thermal(code, copies)
            return
        self._output(lambda: render_form(self.services, form, code, paper, copies))

    def print_thermal(self, code: str, copies: int | None = None) -> None:
        """The receipt as an 80 mm ESC/POS slip; a failure keeps a one-click reprint."""
        start_job(
            self,
            ReceiptPrinting(self.services.ctx).print_receipt,
            code,
            copies=copies,
            on_done=self._thermal_printed,
            on_error=lambda exc: self._not_printed(exc, lambda: self.print_thermal(code, copies)),
        )

    def _thermal_printed(self, done: ReceiptPrinted) -> None:
        self._report("printed", done.uri)
        if done.warning:
            self._warn(
                self.tr("Đã in giấy tiếp nhận {code}. Lưu ý: {warning}.").format(
                    code=done.code, warning=done.warning
                )
            )

    def preview(self, form: str, code: str, *, paper: str | None = None, copies: int | None = None) -> None:
        self._preview(lambda: render_form(self.services, form, code, paper, copies))

    def output_register(self, date_from: date, date_to: date) -> None:
        self._output(lambda: render_register(self.services, date_from, date_to))

    def preview_register(self, date_from: date, date_to: date) -> None:
        self._preview(lambda: render_register(self.services, date_from, date_to))

    def _output(self, make: Callable[[], RenderedForm]) -> None:
        start_job(self, make, on_done=self._rendered, on_error=self._failed)

    def _preview(self, make: Callable[[], RenderedForm]) -> None:
        def work() -> tuple[RenderedForm, list[QImage]]:
            rendered = make()
            return rendered, pdf_pages(rendered.pdf, PREVIEW_DPI)

        start_job(self, work, on_done=self._show_preview, on_error=self._failed)

    def open_register_dialog(self) -> None:
        today = self.services.ctx.now().date()
        dialog = RegisterDialog(today, self.widget)
        if self.register_dialog is not None:
            replace_dialog(self.register_dialog, dialog)
        self.register_dialog = dialog
        self.register_dialog.preview_requested.connect(self.preview_register)
        self.register_dialog.print_requested.connect(self.output_register)
        self.register_dialog.open()

    def open_dialog(self, view: DossierView) -> None:
        """The board's action: which forms this dossier has is read off the GUI thread first."""
        start_job(
            self,
            self.services.forms.available,
            view.code,
            on_done=lambda forms: self._open_dialog(view, forms),
            on_error=self._failed,
        )

    # --- outcomes -----------------------------------------------------------------------------------

    def _rendered(self, rendered: RenderedForm) -> None:
        uri = self.services.config.printer.receipt
        name = printer_name(uri)
        if name:
            start_job(
                self,
                print_to,
                name,
                rendered,
                on_done=lambda n: self._report("printed", n),
                on_error=lambda exc: self._print_failed(exc, name, rendered),
            )
        elif is_thermal(uri):  # an 80 mm slip printer takes the receipt only: the A4 form is kept as PDF
            self._save(
                rendered,
                self.tr(
                    "Máy in biên nhận {uri} là máy in nhiệt 80 mm, chỉ in giấy tiếp nhận; biểu mẫu này chưa được in."
                ).format(uri=uri),
            )
        else:
            self._save(rendered)

    def _save(self, rendered: RenderedForm, note: str = "", retry: Callable[[], None] | None = None) -> None:
        start_job(
            self,
            save_to_forms_dir,
            self.services.ctx.data_dir,
            rendered,
            self.services.ctx.now(),
            on_done=lambda path: self._saved(path, note, retry),
            on_error=self._failed,
        )

    def _saved(self, path: Path, note: str, retry: Callable[[], None] | None = None) -> None:
        # Offscreen (tests, headless kiosks) has no desktop to show the file on.
        if QGuiApplication.platformName() != "offscreen":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        if note:
            self._warn(note + "\n" + self.tr("Đã lưu tệp PDF: {path}").format(path=path), retry)
        self._report("saved", str(path))

    def _print_failed(self, exc: BaseException, name: str, rendered: RenderedForm) -> None:
        if isinstance(exc, LookupError):
            note = self.tr("Không tìm thấy máy in '{name}' (printer.receipt).").format(name=name)
        else:
            note = self.tr("Không in được trên máy in '{name}': {error}").format(
                name=name, error=error_text(exc)
            )
        # The citizen still gets a paper (the PDF), and one click tries the printer again.
        self._save(rendered, note, retry=lambda: self._rendered(rendered))

    def _report(self, kind: str, where: str) -> None:
        text = (
            self.tr("Đã gửi biểu mẫu đến máy in {where}")
            if kind == "printed"
            else self.tr("Đã lưu biểu mẫu: {where}")
        ).format(where=where)
        window = self.widget.window()
        bar = getattr(window, "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 10_000)
        self.done.emit(kind, where)

    def _failed(self, exc: BaseException) -> None:
        message = self.tr("Không in được biểu mẫu: {error}").format(error=error_text(exc))
        self._warn(message)
        self.failed.emit(message)

    def _not_printed(self, exc: BaseException, retry: Callable[[], None]) -> None:
        """Nothing printed: the reason, where it shows, and one click (or Enter) to print again."""
        message = self.tr("Chưa in được giấy tiếp nhận: {error}").format(error=error_text(exc))
        bar = getattr(self.widget.window(), "statusBar", None)
        if callable(bar):
            bar().showMessage(message, 30_000)
        self._warn(message, retry)
        self.failed.emit(message)

    def _warn(self, text: str, retry: Callable[[], None] | None = None) -> None:
        buttons = QMessageBox.StandardButton.Close if retry else QMessageBox.StandardButton.Ok
        self.message_box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("In biểu mẫu"), text, buttons, self.widget
        )
        if retry is not None:
            self.message_box.button(QMessageBox.StandardButton.Close).setText(self.tr("Đó&ng"))
            again = self.message_box.addButton(self.tr("&In lại"), QMessageBox.ButtonRole.AcceptRole)
            again.setObjectName("reprint")
            self.message_box.setDefaultButton(again)
            again.clicked.connect(retry)
        self.message_box.open()  # not exec(): the counter keeps working

    def _show_preview(self, result: tuple[RenderedForm, list[QImage]]) -> None:
        rendered, images = result
        name = printer_name(self.services.config.printer.receipt)
        info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo()
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution) if not info.isNull() else QPrinter()
        printer.setDocName(rendered.doc_name)
        printer.setFullPage(True)
        fit_paper(printer, images, PREVIEW_DPI)
        dialog = QPrintPreviewDialog(printer, self.widget)
        dialog.setObjectName("forms_preview")
        dialog.setWindowTitle(
            self.tr("Xem trước: {form} — {code}").format(
                form=QCoreApplication.translate(
                    "FormsDialog", FORM_LABELS_VI.get(rendered.form, rendered.form)
                ),
                code=rendered.code,
            )
        )
        # The dialog does not own the printer: dropping the Python object would leave it dangling, so the
        # printer is kept as long as its preview is (one preview at a time, see replace_dialog below).
        self._preview_printer = printer
        self.preview_pages = images  # what the preview paints (tests read it)
        # Painting prepared images is quick; the PDF was rendered and rasterised in the job.
        dialog.paintRequested.connect(lambda p: paint_pages(p, images))
        dialog.resize(900, 1000)
        if self.preview_dialog is not None:
            replace_dialog(self.preview_dialog, dialog)
        self.preview_dialog = dialog
        dialog.open()
        self.preview_opened.emit(dialog)

    def _open_dialog(self, view: DossierView, forms: list[str]) -> None:
        dialog = FormsDialog(view, forms, self.services, self.widget)
        if self.dialog is not None:
            replace_dialog(self.dialog, dialog)
        self.dialog = dialog
        self.dialog.preview_requested.connect(
            lambda f, paper, n: self.preview(f, view.code, paper=paper, copies=n)
        )
        self.dialog.print_requested.connect(
            lambda f, paper, n: self.output(f, view.code, paper=paper, copies=n)
        )
        self.dialog.open()


def preview_print_buttons(
    dialog: QDialog, close: str, preview: str, print_: str
) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """Close / Preview / Print, texts translated by the caller's own context. The caller makes Print the
    default once the box is in its layout (`print_button.setDefault(True)`): only a button already inside
    the dialog becomes its default, and set earlier, Enter pressed "Đóng" instead."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText(close)
    preview_button = QPushButton(preview)
    preview_button.setObjectName("preview")
    print_button = QPushButton(print_)
    print_button.setObjectName("print")
    buttons.addButton(preview_button, QDialogButtonBox.ButtonRole.ActionRole)
    buttons.addButton(print_button, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.rejected.connect(dialog.reject)
    return buttons, preview_button, print_button


class FormsDialog(QDialog):
    """Choose one of the dossier's forms; preview it or print it (receipt: paper and copies)."""

    preview_requested = Signal(str, str, int)  # form, paper, copies
    print_requested = Signal(str, str, int)

    def __init__(
        self, view: DossierView, forms: list[str], services: ClerkServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("forms_dialog")
        self.view = view
        self.setWindowTitle(self.tr("Biểu mẫu của hồ sơ {code}").format(code=view.code))
        self.form = QComboBox()
        self.form.setObjectName("form")
        for key in forms:
            self.form.addItem(self.tr(FORM_LABELS_VI[key]), key)
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        self.paper.addItems(["A4", "A5"])
        self.paper.setCurrentText(services.config.forms.receipt_paper)
        self.copies = QSpinBox()
        self.copies.setObjectName("copies")
        self.copies.setRange(1, 2)
        self.copies.setValue(services.config.forms.receipt_copies)
        intro = QLabel(f"{view.code} — {view.full_name}\n{view.procedure_name}")
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Biểu mẫu"), self.form)
        form.addRow(self.tr("Khổ giấy (giấy tiếp nhận)"), self.paper)
        form.addRow(self.tr("Số liên (giấy tiếp nhận)"), self.copies)
        buttons, self.preview_button, self.print_button = preview_print_buttons(
            self, self.tr("Đó&ng"), self.tr("&Xem trước"), self.tr("&In")
        )
        self.preview_button.clicked.connect(lambda: self.preview_requested.emit(*self._choice()))
        self.print_button.clicked.connect(self._print)
        self.form.currentIndexChanged.connect(self._form_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.print_button.setDefault(True)
        self.form.setFocus()
        self._form_changed()

    def _choice(self) -> tuple[str, str, int]:
        return str(self.form.currentData()), self.paper.currentText(), self.copies.value()

    def _form_changed(self) -> None:
        receipt = self.form.currentData() == "receipt"
        self.paper.setEnabled(receipt)
        self.copies.setEnabled(receipt)

    def _print(self) -> None:
        self.print_requested.emit(*self._choice())
        self.accept()


class RegisterDialog(QDialog):
    """Mẫu 06 for a range of days (default: today); preview or print."""

    preview_requested = Signal(object, object)  # date_from, date_to
    print_requested = Signal(object, object)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("register_dialog")
        self.setWindowTitle(self.tr("Sổ theo dõi hồ sơ (Mẫu 06)"))
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        for edit, name in ((self.date_from, "date_from"), (self.date_to, "date_to")):
            edit.setObjectName(name)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.setDate(QDate(today.year, today.month, today.day))
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Từ ngày"), self.date_from)
        form.addRow(self.tr("Đến &ngày"), self.date_to)
        buttons, self.preview_button, self.print_button = preview_print_buttons(
            self, self.tr("Đó&ng"), self.tr("&Xem trước"), self.tr("&In")
        )
        self.preview_button.clicked.connect(lambda: self._emit(self.preview_requested, close=False))
        self.print_button.clicked.connect(lambda: self._emit(self.print_requested, close=True))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Hồ sơ tiếp nhận trong khoảng ngày (cả hai ngày):")))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.print_button.setDefault(True)
        self.date_from.setFocus()

    def dates(self) -> tuple[date, date]:
        return self.date_from.date().toPython(), self.date_to.date().toPython()  # type: ignore[return-value]

    def _emit(self, signal: Any, *, close: bool) -> None:
        d1, d2 = self.dates()
        if d2 < d1:  # the service says so too; here the clerk sees it before anything runs
            self.message.setText(self.tr("Đến ngày: phải không trước ngày bắt đầu"))
            self.date_to.setFocus()
            return
        self.message.setText("")
        signal.emit(d1, d2)
        if close:
            self.accept()
