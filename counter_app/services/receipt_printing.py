"""Printing the receipt (Mẫu 01) on `printer.receipt`, or saying exactly why it did not print.

- tcp://, usb://, serial://, file:// are ESC/POS thermal printers: the receipt goes as an 80 mm raster
  image (printing/receipt_escpos.py), one cut slip per copy, through printing.printers (one connection
  per job, bounded by `printer.timeout_ms`).
- cups://NAME takes the PDF through `lp` (the clerk window paints it through Qt instead).
- win32://NAME is printed by the clerk window (Qt); from the command line it is refused with that reason.

Nothing here records anything: a receipt is a copy of what the dossier holds, so printing it again is
always safe, and a failure leaves everything as it was for a one-click reprint.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.errors import AppError, ValidationError
from counter_app.services.forms import FormsService
from printing import printers, receipt_escpos

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

THERMAL_SCHEMES = ("tcp", "usb", "serial", "file")
SYSTEM_SCHEMES = ("cups", "win32")
LABEL = "Máy in biên nhận"


class ReceiptNotPrinted(AppError):
    """Nothing (or not all) was printed; the message says why and what to do. `kind` as PrinterError's."""

    exit_code = 1

    def __init__(self, message: str, *, kind: str = "error") -> None:
        super().__init__(message, field="printer.receipt", label=LABEL)
        self.kind = kind


@dataclass(frozen=True)
class ReceiptPrinted:
    code: str
    uri: str
    copies: int
    bytes_sent: int
    warning: str | None = None  # e.g. the paper is nearly out


def scheme_of(uri: str) -> str:
    return uri.split("://", 1)[0].lower() if "://" in uri else ""


def is_thermal(uri: str) -> bool:
    """True for a printer that takes ESC/POS (the 80 mm receipt), False for a system printer or none."""
    return scheme_of(uri.strip()) in THERMAL_SCHEMES


class ReceiptPrinting:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.forms = FormsService(ctx)

    def target(self, uri: str | None = None) -> str:
        target = (uri if uri is not None else self.ctx.config.printer.receipt).strip()
        if not target:
            raise ReceiptNotPrinted(
                "chưa cấu hình máy in biên nhận (printer.receipt); khai báo trong Cài đặt → Máy in",
                kind="unconfigured",
            )
        try:
            printers.parse_uri(target)
        except printers.PrinterError as exc:
            raise ReceiptNotPrinted(exc.message, kind=exc.kind) from None
        return target

    def copies(self, copies: int | None) -> int:
        n = copies if copies is not None else self.ctx.config.forms.receipt_copies
        if n not in (1, 2):
            raise ValidationError("chỉ nhận 1 hoặc 2 liên", field="copies", label="Số liên")
        return n

    def thermal_job(self, code: str, copies: int | None = None) -> bytes:
        """The ESC/POS bytes of the receipt as the dossier stands now (payments since included)."""
        form = self.forms.receipt(code)
        try:
            return receipt_escpos.receipt_job(form, self.copies(copies))
        except (OSError, ValueError) as exc:  # a missing font, a tracking URL too long for the paper
            raise ReceiptNotPrinted(f"không tạo được giấy tiếp nhận khổ 80 mm: {exc}") from None

    def print_receipt(
        self, code: str, *, copies: int | None = None, uri: str | None = None
    ) -> ReceiptPrinted:
        """Print on the receipt printer; raises ReceiptNotPrinted (with the reason) when it did not."""
        target = self.target(uri)
        n = self.copies(copies)
        scheme = scheme_of(target)
        if scheme in THERMAL_SCHEMES:
            payload = self.thermal_job(code, n)
            try:
                report = printers.send(target, payload, timeout=self._timeout())
            except printers.PrinterError as exc:
                raise ReceiptNotPrinted(exc.message, kind=exc.kind) from None
            return ReceiptPrinted(code, target, n, report.bytes_sent, report.warning)
        if scheme == "cups":
            pdf = self.forms.render_receipt(code, copies=n)
            _lp(target.split("://", 1)[1].strip("/"), pdf, f"bien-nhan-{code}", self._timeout() * 6)
            return ReceiptPrinted(code, target, n, len(pdf))
        raise ReceiptNotPrinted(
            "máy in Windows (win32://) chỉ in được từ cửa sổ cán bộ; từ dòng lệnh hãy dùng -o FILE.pdf "
            "hoặc một máy in nhiệt (tcp://, usb://, serial://)",
            kind="unavailable",
        )

    def _timeout(self) -> float:
        return self.ctx.config.printer.timeout_ms / 1000


def _lp(queue: str, pdf: bytes, title: str, timeout: float) -> None:
    """Hand the PDF to CUPS (`lp -d QUEUE`), which prints PDF itself; its refusal becomes the reason."""
    lp = shutil.which("lp")
    if lp is None:
        raise ReceiptNotPrinted(
            "máy này không có lệnh in của CUPS (lp); cài CUPS hoặc dùng máy in khác", kind="unavailable"
        )
    with tempfile.TemporaryDirectory(prefix="counter-receipt-") as folder:
        path = Path(folder) / f"{title}.pdf"
        path.write_bytes(pdf)
        try:
            done = subprocess.run(
                [lp, "-d", queue, "-t", title, str(path)],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ReceiptNotPrinted(f"CUPS không nhận lệnh in sau {timeout:g} giây", kind="timeout") from None
        if done.returncode != 0:
            why = (done.stderr or done.stdout).strip().splitlines()
            raise ReceiptNotPrinted(
                f"CUPS từ chối in trên '{queue}': {why[-1] if why else 'lỗi ' + str(done.returncode)}",
                kind="refused",
            )
