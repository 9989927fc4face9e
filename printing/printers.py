"""ESC/POS printers by URI, one job per connection, every job bounded in time.

    tcp://HOST:PORT                     network printer (port 9100 when omitted)
    usb://VID:PID                       USB, ids in hex (04b8:0202); needs pyusb + libusb
    serial:///dev/ttyUSB0?baudrate=19200  serial / USB-serial (COM3 on Windows: serial://COM3)
    file:///path                        a device node or a plain file (spooling, tests)
    cups://NAME                         a CUPS queue (where pycups is installed)
    win32://NAME                        a Windows printer, raw (needs pywin32)

Why each job opens and closes its own connection: a network printer whose connection is kept open
stalls the jobs that come later. Why the deadline: a USB printer without a timeout can hang forever,
and the window waiting on it must get an answer. Faults raise a PrinterError subclass whose message
is Vietnamese and says what to do.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from escpos.escpos import Escpos
from escpos.printer import CupsPrinter, File, Network, Serial, Usb, Win32Raw

DEFAULT_TIMEOUT = 5.0
# How long to wait for the answer to a paper status query before taking the printer as one that does
# not answer (many cheap printers ignore DLE EOT). Short: it is paid on every ticket for those.
STATUS_WAIT = 0.3
# Polling step while waiting for a printer that gives no status to take the last bytes.
DRAIN_STEP = 0.002

DLE_EOT_PAPER = b"\x10\x04\x04"  # DLE EOT 4: transmit paper roll sensor status
PAPER_NEAR_END = 0x0C  # bits 2-3
PAPER_END = 0x60  # bits 5-6


class PrinterError(Exception):
    """A print job that did not complete. `message` is for people (Vietnamese)."""

    kind = "error"

    def __init__(self, message: str, *, uri: str = "") -> None:
        self.message = message
        self.uri = uri
        super().__init__(message)


class PrinterAddressError(PrinterError, ValueError):
    kind = "address"


class PrinterUnavailable(PrinterError):
    """The back-end for this URI cannot work here (missing library, wrong operating system)."""

    kind = "unavailable"


class PrinterUnreachable(PrinterError):
    kind = "unreachable"


class PrinterRefused(PrinterError):
    kind = "refused"


class PrinterTimeout(PrinterError):
    kind = "timeout"


class PrinterDisconnected(PrinterError):
    kind = "disconnected"


class PaperOut(PrinterError):
    kind = "paper_out"


@dataclass(frozen=True)
class PrinterAddress:
    scheme: str
    target: str  # host, device path, queue name or "VID:PID"
    port: int | None = None
    options: dict[str, str] = field(default_factory=dict)
    uri: str = ""


def parse_uri(uri: str) -> PrinterAddress:
    raw = (uri or "").strip()
    bad = PrinterAddressError(
        f"địa chỉ máy in '{raw}' không hợp lệ; dùng tcp://HOST:PORT, usb://VID:PID, serial:///dev/ttyUSB0, "
        "file:///đường/dẫn, cups://TÊN hoặc win32://TÊN",
        uri=raw,
    )
    if "://" not in raw:
        raise bad
    scheme, rest = raw.split("://", 1)
    scheme = scheme.lower()
    parts = urlsplit(raw)
    options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    if scheme == "tcp":
        try:
            host, port = parts.hostname, parts.port or 9100
        except ValueError:
            raise bad from None
        if not host:
            raise bad
        return PrinterAddress("tcp", host, port, options, raw)
    if scheme == "usb":
        ids = rest.split("?", 1)[0].strip("/")
        try:
            vid, pid = (int(x, 16) for x in ids.split(":"))
        except ValueError:
            raise bad from None
        return PrinterAddress("usb", f"{vid:04x}:{pid:04x}", None, options, raw)
    if scheme in ("serial", "file"):
        path = unquote(rest.split("?", 1)[0])
        if not path:
            raise bad
        return PrinterAddress(scheme, path, None, options, raw)
    if scheme in ("cups", "win32"):
        name = unquote(rest.split("?", 1)[0]).strip("/")
        if not name:
            raise bad
        return PrinterAddress(scheme, name, None, options, raw)
    raise bad


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def left(self, uri: str) -> float:
        left = self.remaining()
        if left <= 0:
            raise PrinterTimeout(_timeout_message(self.seconds), uri=uri)
        return left


def _timeout_message(seconds: float) -> str:
    return (
        f"máy in không phản hồi sau {seconds:g} giây (máy treo, kẹt giấy hoặc mất kết nối); "
        "kiểm tra máy in rồi in lại"
    )


class TcpPrinter(Network):
    """python-escpos' network printer with one deadline for the whole job, and status reads."""

    def __init__(self, host: str, port: int, deadline: _Deadline, uri: str, **kwargs: Any) -> None:
        super().__init__(host=host, port=port, timeout=max(deadline.remaining(), 0.001), **kwargs)
        self.deadline = deadline
        self.uri = uri

    def open(self, raise_not_found: bool = True) -> None:
        if self._device:
            self.close()
        try:
            infos = socket.getaddrinfo(self.host, self.port, type=socket.SOCK_STREAM)
        except socket.gaierror:
            raise PrinterUnreachable(
                f"không tìm thấy máy in '{self.host}' trên mạng; kiểm tra tên/địa chỉ IP trong cấu hình",
                uri=self.uri,
            ) from None
        family, kind, proto, _name, addr = infos[0]
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(self.deadline.left(self.uri))
            sock.connect(addr)
        except ConnectionRefusedError:
            sock.close()
            raise PrinterRefused(
                f"máy in {self.host}:{self.port} từ chối kết nối (máy tắt, đang khởi động hoặc sai cổng)",
                uri=self.uri,
            ) from None
        except TimeoutError:
            sock.close()
            raise PrinterTimeout(_timeout_message(self.deadline.seconds), uri=self.uri) from None
        except OSError as exc:
            sock.close()
            raise PrinterUnreachable(
                f"không kết nối được máy in {self.host}:{self.port} ({exc.strerror or exc}); "
                "kiểm tra dây mạng và nguồn máy in",
                uri=self.uri,
            ) from None
        # The job ends with a 3-byte status query; with Nagle's algorithm on, those bytes waited for the
        # ACK of the job, which a printer that has just answered a status query delays (~40 ms) hoping
        # to reply with data: a few tickets in ten took 40 ms longer (benchmarks/queue_bench.py).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.device = sock

    def _raw(self, msg: bytes) -> None:
        sock = self.device
        assert isinstance(sock, socket.socket)
        view = memoryview(msg)
        try:
            while view:
                sock.settimeout(self.deadline.left(self.uri))
                sent = sock.send(view)
                view = view[sent:]
        except TimeoutError:
            raise PrinterTimeout(_timeout_message(self.deadline.seconds), uri=self.uri) from None
        except OSError:
            raise _disconnected(self.uri) from None

    def unsent(self) -> int | None:
        """Bytes the printer has not acknowledged yet (TIOCOUTQ); None where the OS cannot tell."""
        sock = self.device
        assert isinstance(sock, socket.socket)
        try:
            import fcntl
            import termios

            raw = fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0")
        except (ImportError, AttributeError, OSError):  # Windows: no such ioctl
            return None
        return int(struct.unpack("i", raw)[0])

    def drain(self) -> None:
        """Until the printer's TCP stack has acknowledged every byte, or the deadline: a printer that
        answers no status query could otherwise hang with our job still sitting in this PC's buffer."""
        while True:
            left = self.unsent()
            if not left:
                return
            if self.deadline.remaining() <= 0:
                raise PrinterTimeout(_timeout_message(self.deadline.seconds), uri=self.uri)
            time.sleep(DRAIN_STEP)

    def read_status(self, wait: float) -> int | None:
        """One status byte, None when the printer says nothing within `wait` seconds."""
        sock = self.device
        assert isinstance(sock, socket.socket)
        try:
            sock.settimeout(max(0.001, min(wait, self.deadline.left(self.uri))))
            data = sock.recv(16)
        except TimeoutError:
            return None
        except OSError:
            raise _disconnected(self.uri) from None
        if not data:
            raise _disconnected(self.uri)
        return data[-1]


def _disconnected(uri: str) -> PrinterDisconnected:
    return PrinterDisconnected(
        "máy in ngắt kết nối giữa chừng, phiếu có thể chưa in hết; kiểm tra máy in rồi in lại", uri=uri
    )


def _unavailable(what: str, uri: str) -> PrinterUnavailable:
    return PrinterUnavailable(f"máy tính này chưa dùng được {what}", uri=uri)


def _make(addr: PrinterAddress, deadline: _Deadline, profile: Any) -> Escpos:
    kw: dict[str, Any] = {"profile": profile} if profile is not None else {}
    if addr.scheme == "tcp":
        assert addr.port is not None
        return TcpPrinter(addr.target, addr.port, deadline, addr.uri, **kw)
    if addr.scheme == "file":
        return File(devfile=addr.target, **kw)
    if addr.scheme == "usb":
        if not Usb.is_usable():
            raise _unavailable("máy in USB (thiếu thư viện pyusb/libusb)", addr.uri)
        vid, pid = (int(x, 16) for x in addr.target.split(":"))
        return Usb(vid, pid, timeout=int(deadline.seconds * 1000), **kw)
    if addr.scheme == "serial":
        if not Serial.is_usable():
            raise _unavailable("máy in cổng COM (thiếu thư viện pyserial)", addr.uri)
        try:
            baud = int(addr.options.get("baudrate", "9600"))
        except ValueError:
            raise PrinterAddressError("baudrate phải là số, ví dụ ?baudrate=19200", uri=addr.uri) from None
        return Serial(devfile=addr.target, baudrate=baud, timeout=deadline.seconds, **kw)
    if addr.scheme == "cups":
        if not CupsPrinter.is_usable():
            raise _unavailable("hàng in CUPS (thiếu thư viện pycups)", addr.uri)
        return CupsPrinter(printer_name=addr.target, **kw)
    if addr.scheme == "win32":
        if not Win32Raw.is_usable():
            raise _unavailable("máy in Windows (chỉ có trên Windows, cần pywin32)", addr.uri)
        return Win32Raw(printer_name=addr.target, **kw)
    raise PrinterAddressError(f"kiểu máy in '{addr.scheme}' không hỗ trợ", uri=addr.uri)


@dataclass(frozen=True)
class JobReport:
    uri: str
    bytes_sent: int
    seconds: float
    status_answered: bool  # the printer answered DLE EOT 4
    warning: str | None = None  # e.g. paper nearly out


def _read_status(printer: Escpos, wait: float) -> int | None:
    """Ask DLE EOT 4 where the back-end can read an answer; None when it cannot or nothing came."""
    if isinstance(printer, TcpPrinter):
        printer._raw(DLE_EOT_PAPER)
        return printer.read_status(wait)
    if isinstance(printer, Serial):
        printer._raw(DLE_EOT_PAPER)
        printer.device.timeout = wait
        data = printer.device.read(16)
        return data[-1] if data else None
    if isinstance(printer, Usb):
        printer._raw(DLE_EOT_PAPER)
        try:
            data = printer.device.read(printer.in_ep, 16, timeout=max(1, int(wait * 1000)))
        except Exception:  # pyusb: timeout or no IN endpoint — the printer just does not answer
            return None
        return data[-1] if data else None
    return None  # file, cups, win32: one-way


def _is_status(byte: int | None) -> bool:
    # A real status byte has bits 1 and 4 set, bits 0 and 7 clear; anything else is not an answer.
    return byte is not None and byte & 0x93 == 0x12


def _check_paper(byte: int | None, uri: str) -> str | None:
    if not _is_status(byte):
        return None
    assert byte is not None
    if byte & PAPER_END:
        raise PaperOut("máy in hết giấy; thay cuộn giấy mới rồi in lại", uri=uri)
    if byte & PAPER_NEAR_END:
        return "giấy trong máy in sắp hết"
    return None


def _job(printer: Escpos, payload: bytes, deadline: _Deadline, uri: str) -> JobReport:
    start = time.monotonic()
    # Opening is explicit so that a refused or unreachable printer is told apart from a failed write.
    printer.open()
    if getattr(printer, "_device", None) in (None, False):
        raise PrinterUnreachable("không mở được máy in; kiểm tra dây cắm và nguồn máy in", uri=uri)
    first = _read_status(printer, min(STATUS_WAIT, deadline.left(uri)))
    answered = _is_status(first)
    warning = _check_paper(first, uri)
    if isinstance(printer, TcpPrinter | Serial | Usb):
        # Asked again after the job: a printer that answered before must answer again once it has taken
        # the whole job (else it hung or the paper ran out mid-ticket); EOF here means it hung up on us.
        # One write for both, so that no small write follows a large one.
        printer._raw(payload + DLE_EOT_PAPER)
        wait = deadline.left(uri) if answered else 0.05
        if isinstance(printer, TcpPrinter):
            after = printer.read_status(wait)
        else:
            after = _read_after(printer, wait)
        if answered and after is None:
            raise PrinterTimeout(_timeout_message(deadline.seconds), uri=uri)
        if not answered and isinstance(printer, TcpPrinter):
            printer.drain()
        warning = _check_paper(after, uri) or warning
    else:
        printer._raw(payload)
    if isinstance(printer, File):
        printer.flush()
    return JobReport(uri, len(payload), time.monotonic() - start, answered, warning)


def _read_after(printer: Escpos, wait: float) -> int | None:
    try:
        if isinstance(printer, Serial):
            printer.device.timeout = wait
            data = printer.device.read(16)
        else:
            data = printer.device.read(printer.in_ep, 16, timeout=max(1, int(wait * 1000)))
    except Exception:
        return None
    return data[-1] if data else None


def send(uri: str, payload: bytes, *, timeout: float = DEFAULT_TIMEOUT) -> JobReport:
    """Send one complete job to the printer at `uri` and close the connection, within `timeout` s.

    Raises a PrinterError subclass on every fault; never returns before the printer took the bytes
    (where the printer can tell).
    """
    addr = parse_uri(uri)
    deadline = _Deadline(timeout)
    printer = _make(addr, deadline, None)
    if addr.scheme == "tcp":
        # Sockets carry the deadline themselves: run here, no extra thread.
        try:
            return _job(printer, payload, deadline, addr.uri)
        finally:
            _close(printer)
    return _with_backstop(printer, payload, deadline, addr.uri)


def _with_backstop(printer: Escpos, payload: bytes, deadline: _Deadline, uri: str) -> JobReport:
    """Device back-ends can block inside a driver call: run the job on a helper thread and stop
    waiting for it when the deadline passes."""
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["report"] = _job(printer, payload, deadline, uri)
        except BaseException as exc:  # handed over to the caller's thread
            box["error"] = exc
        finally:
            _close(printer)

    worker = threading.Thread(target=work, name="escpos-job", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline.remaining()) + 0.2)
    if worker.is_alive():
        raise PrinterTimeout(_timeout_message(deadline.seconds), uri=uri)
    if "error" in box:
        raise _translate(box["error"], uri)
    return box["report"]


def _translate(exc: BaseException, uri: str) -> BaseException:
    if isinstance(exc, PrinterError):
        return exc
    from escpos.exceptions import DeviceNotFoundError

    if isinstance(exc, DeviceNotFoundError | FileNotFoundError):
        return PrinterUnreachable("không tìm thấy máy in (chưa cắm, chưa bật hoặc sai địa chỉ)", uri=uri)
    if isinstance(exc, PermissionError):
        return PrinterUnreachable("không có quyền mở máy in (quyền truy cập thiết bị)", uri=uri)
    if isinstance(exc, TimeoutError):
        return PrinterTimeout(_timeout_message(DEFAULT_TIMEOUT), uri=uri)
    if isinstance(exc, OSError):
        return PrinterDisconnected(f"lỗi khi gửi tới máy in: {exc.strerror or exc}", uri=uri)
    return exc


def _close(printer: Escpos) -> None:
    try:
        printer.close()
    except Exception:  # closing a broken connection must not hide the fault that broke it
        pass
