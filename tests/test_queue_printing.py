"""Tickets on a real ESC/POS printer listening on 127.0.0.1: the raster decoded back into an image
(width, QR), and every printer fault leaving the number stored, unprinted and reprintable."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import func, select

from counter_app.services.context import AppContext
from counter_app.services.queue.local import LocalQueue
from counter_app.services.queue.ticket_printing import PrinterFault
from db.models.queue import QueueTicket
from printing import printers
from printing.ticket import TicketContent, encode_tcvn3, render_image, text_job
from tests.escpos_fake import STATUS_PAPER_NEAR_END, FakePrinter, parse, raster_image, refused_uri

SHOTS = Path(__file__).resolve().parent / "_screenshots"
TICKET_URL = "https://dichvucong.example.gov.vn/so-thu-tu?so={number}&cq=000.00.06.H56"


def qr_texts(img: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(img.convert("L"))]


@pytest.fixture
def q(ctx: AppContext) -> LocalQueue:
    ctx.config.update({"printer.timeout_ms": 500})  # the hang test must not take the real 5 s
    return LocalQueue(ctx)


@pytest.mark.parametrize("paper,dots", [(58, 384), (80, 576)])
def test_ticket_raster_decodes_to_the_right_width_and_qr(
    ctx: AppContext, q: LocalQueue, paper: int, dots: int
) -> None:
    ctx.config.update({"printer.ticket_width": paper})
    with FakePrinter() as printer:
        ctx.config.set("printer.ticket", printer.uri)
        q.issue("A", print_ticket=False)
        t = q.issue("A", priority=True)
        assert t.printed and t.print_error is None and t.number == "A002"
        job = printer.jobs[-1]
    cmds, consumed = parse(job)
    assert consumed == len(job)
    names = [c.name for c in cmds]
    assert names[0] == "status" and names[1] == "\x1b@" and "raster" in names and "cut" in names
    img = raster_image(job)
    SHOTS.mkdir(exist_ok=True)
    img.save(SHOTS / f"queue_ticket_{paper}mm.png")
    assert img.width == dots
    assert 400 < img.height < 1400
    assert qr_texts(img) == [TICKET_URL.format(number="A002")]
    with ctx.db.read() as s:
        row = s.scalar(select(QueueTicket).where(QueueTicket.number == "A002"))
        assert row is not None and row.printed and row.print_attempts == 1 and row.printed_at is not None


def test_ticket_image_carries_the_number_in_very_large_type() -> None:
    content = TicketContent(
        agency="UBND Phường Bến Nghé",
        service="Chứng thực",
        number="B014",
        issued_at=datetime(2026, 11, 23, 9, 5),
        waiting=3,
        url="https://x.vn/?so=B014",
        footer="Xin cảm ơn quý khách!",
    )
    img = render_image(content, 384)
    # The tallest run of rows that hold ink without a gap: the big number's glyph height.
    rows = [any(img.getpixel((x, y)) == 0 for x in range(0, 384, 2)) for y in range(img.height)]
    longest = run = 0
    for inked in rows:
        run = run + 1 if inked else 0
        longest = max(longest, run)
    assert longest >= 100  # ≥ 12 mm on a 203 dpi head


def test_text_mode_uses_tcvn3_code_pages(ctx: AppContext, q: LocalQueue) -> None:
    assert encode_tcvn3("ế") == b"\x1bt\x1e\xd5"
    assert encode_tcvn3("Hộ tịch") == b"H\x1bt\x1e\xe9 t\xdech"  # TCVN-3: ộ E9, ị DE
    assert encode_tcvn3("Ư") == b"\x1bt\x1f\xad"  # capitals live in the second page
    ctx.config.update({"printer.ticket_mode": "text"})
    with FakePrinter() as printer:
        ctx.config.set("printer.ticket", printer.uri)
        assert q.issue("B").printed
        cmds, _ = parse(printer.jobs[-1])
    text = b"".join(c.data for c in cmds if c.name == "text")
    assert b"B001" in text
    assert any(c.name == "\x1bt" and c.arg == 30 for c in cmds)
    job = text_job(TicketContent("X", "Y", "C001", datetime(2026, 1, 1), 0, ""), 384)
    assert b"C001" in job


def test_file_printer(tmp_path: Path, ctx: AppContext, q: LocalQueue) -> None:
    target = tmp_path / "spool.bin"
    ctx.config.set("printer.ticket", target.as_uri())
    assert q.issue("C").printed
    assert raster_image(target.read_bytes()).width == 384


def _assert_stored_unprinted(ctx: AppContext, q: LocalQueue, number: str, *, attempts: int = 1) -> None:
    with ctx.db.read() as s:
        rows = [
            (r.printed, r.print_error, r.print_attempts)
            for r in s.scalars(select(QueueTicket).where(QueueTicket.number == number))
        ]
        total = s.scalar(select(func.count()).select_from(QueueTicket))
    assert len(rows) == 1, "exactly one ticket with this number"
    printed, error, tries = rows[0]
    assert not printed and error and tries == attempts
    assert number in q.status().unprinted
    assert total == int(number[1:])  # no number skipped or doubled


@pytest.mark.parametrize(
    "behaviour,kind,words",
    [
        ("refused", "refused", "từ chối kết nối"),
        ("hang", "timeout", "không phản hồi"),
        ("close_mid", "disconnected", "ngắt kết nối"),
        ("paper_out", "paper_out", "hết giấy"),
    ],
)
def test_printer_faults_keep_the_number_stored_and_reprintable(
    ctx: AppContext, q: LocalQueue, behaviour: str, kind: str, words: str
) -> None:
    q.issue("A", print_ticket=False)  # A001 exists already: the failing one is A002
    if behaviour == "refused":
        ctx.config.set("printer.ticket", refused_uri())
        started = time.monotonic()
        issued = q.issue("A")
    else:
        with FakePrinter(behaviour) as bad:
            ctx.config.set("printer.ticket", bad.uri)
            started = time.monotonic()
            issued = q.issue("A")
    elapsed = time.monotonic() - started
    assert elapsed < 2.0  # the configured 0.5 s bounds every fault, a hang included
    assert issued.number == "A002" and not issued.printed and words in (issued.print_error or "")
    _assert_stored_unprinted(ctx, q, "A002")
    # The same fault on reprint raises, says why, and still adds no ticket.
    if behaviour == "refused":
        with pytest.raises(PrinterFault) as err:
            q.print_ticket("A002", actor="cb")
        assert err.value.kind == kind and err.value.number == "A002"
        _assert_stored_unprinted(ctx, q, "A002", attempts=2)
    # Printer fixed: one action reprints the same number.
    with FakePrinter() as good:
        ctx.config.set("printer.ticket", good.uri)
        again = q.print_ticket("A002", actor="cb")
        img = raster_image(good.jobs[-1])
    assert again.printed and again.number == "A002"
    assert qr_texts(img) == [TICKET_URL.format(number="A002")]
    assert q.status().unprinted == []
    assert q.issue("A").number == "A003"


def test_paper_near_end_prints_with_a_warning(ctx: AppContext, q: LocalQueue) -> None:
    with FakePrinter(paper=STATUS_PAPER_NEAR_END) as printer:
        ctx.config.set("printer.ticket", printer.uri)
        t = q.issue("A")
    assert t.printed and t.print_warning == "giấy trong máy in sắp hết"


def test_printer_that_never_answers_status_still_prints(ctx: AppContext, q: LocalQueue) -> None:
    with FakePrinter("silent") as printer:
        ctx.config.set("printer.ticket", printer.uri)
        t = q.issue("A")
        assert printer.wait_for_connections(1)
    assert t.printed


def test_each_job_uses_its_own_connection(ctx: AppContext, q: LocalQueue) -> None:
    with FakePrinter() as printer:
        ctx.config.set("printer.ticket", printer.uri)
        for _ in range(3):
            assert q.issue("B").printed
        jobs = printer.jobs
    assert len(jobs) == 3 and all(raster_image(j).width == 384 for j in jobs)


def test_the_status_query_after_a_job_is_not_held_back_by_nagle() -> None:
    """A small write after a large one waited for the printer's delayed ACK (~40 ms on some tickets):
    the socket has Nagle's algorithm off, and the job and its closing query leave in one write."""
    import socket

    with FakePrinter() as printer:
        addr = printers.parse_uri(printer.uri)
        assert addr.port is not None
        tcp = printers.TcpPrinter(addr.target, addr.port, printers._Deadline(5), printer.uri)
        tcp.open()
        try:
            assert tcp.device.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        finally:
            tcp.close()
        writes: list[bytes] = []

        class Recording(printers.TcpPrinter):
            def _raw(self, msg: bytes) -> None:
                writes.append(bytes(msg))
                super()._raw(msg)

        job = b"\x1b@" + b"x" * 50_000
        printers._job(
            Recording(addr.target, addr.port, printers._Deadline(5), printer.uri),
            job,
            printers._Deadline(5),
            printer.uri,
        )
    assert writes == [printers.DLE_EOT_PAPER, job + printers.DLE_EOT_PAPER]


def test_unconfigured_printer_leaves_an_unprinted_ticket(q: LocalQueue) -> None:
    t = q.issue("A")
    assert not t.printed and "printer.ticket" in (t.print_error or "")
    assert q.status().unprinted == ["A001"]


@pytest.mark.parametrize(
    "uri,scheme,target",
    [
        ("tcp://192.0.2.10", "tcp", "192.0.2.10"),
        ("tcp://printer.local:9101", "tcp", "printer.local"),
        ("usb://04b8:0202", "usb", "04b8:0202"),
        ("serial:///dev/ttyUSB0?baudrate=19200", "serial", "/dev/ttyUSB0"),
        ("serial://COM3", "serial", "COM3"),
        ("file:///tmp/x.bin", "file", "/tmp/x.bin"),
        ("cups://POS-58", "cups", "POS-58"),
        ("win32://XP-58 (copy 1)", "win32", "XP-58 (copy 1)"),
    ],
)
def test_printer_uris(uri: str, scheme: str, target: str) -> None:
    addr = printers.parse_uri(uri)
    assert (addr.scheme, addr.target) == (scheme, target)
    if scheme == "tcp":
        assert addr.port == (9101 if "9101" in uri else 9100)
    if scheme == "serial" and "baudrate" in uri:
        assert addr.options["baudrate"] == "19200"


@pytest.mark.parametrize("uri", ["", "lpt1", "usb://zz:01", "http://x", "tcp://"])
def test_bad_printer_uris_are_refused_in_vietnamese(uri: str) -> None:
    with pytest.raises(printers.PrinterAddressError, match="không hợp lệ"):
        printers.parse_uri(uri)


def test_backends_missing_here_say_so() -> None:
    with pytest.raises(printers.PrinterError) as err:
        printers.send("win32://POS-58", b"x", timeout=0.5)
    assert "Windows" in err.value.message or "pywin32" in err.value.message
