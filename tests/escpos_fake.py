"""A thermal printer on 127.0.0.1 for tests and benchmarks, and an ESC/POS decoder.

The printer is a real TCP server on a thread: it parses the ESC/POS stream as it arrives (so a raster
image that happens to contain the bytes of DLE EOT is not taken for a status query), answers DLE EOT
status queries like an Epson does, and keeps every connection's bytes. Behaviours reproduce the
faults of real printers: hang (accepts, never reads), close mid-job, paper out, no status answers.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

ESC, GS, DLE = 0x1B, 0x1D, 0x10

# Fixed-length commands: prefix byte, command byte → total length.
_FIXED = {
    (ESC, ord("@")): 2,
    (ESC, ord("2")): 2,
    (ESC, ord("a")): 3,
    (ESC, ord("E")): 3,
    (ESC, ord("t")): 3,
    (ESC, ord("d")): 3,
    (ESC, ord("J")): 3,
    (ESC, ord("!")): 3,
    (ESC, ord("3")): 3,
    (ESC, ord("-")): 3,
    (ESC, ord("M")): 3,
    (ESC, ord("G")): 3,
    (ESC, ord("{")): 3,
    (ESC, ord("p")): 5,
    (GS, ord("!")): 3,
    (GS, ord("B")): 3,
    (GS, ord("L")): 4,
    (GS, ord("W")): 4,
    (GS, ord("h")): 3,
    (GS, ord("w")): 3,
    (GS, ord("H")): 3,
    (GS, ord("f")): 3,
    (DLE, 0x04): 3,
}


@dataclass
class Command:
    name: str
    arg: Any = None
    data: bytes = b""


def parse(buf: bytes, start: int = 0) -> tuple[list[Command], int]:
    """Commands in `buf` from `start`; returns them and the offset of the first incomplete one."""
    out: list[Command] = []
    i = start
    n = len(buf)
    text = bytearray()

    def flush_text() -> None:
        if text:
            out.append(Command("text", data=bytes(text)))
            text.clear()

    while i < n:
        b = buf[i]
        if b in (ESC, GS, DLE):
            if i + 1 >= n:
                break
            key = (b, buf[i + 1])
            if key == (GS, ord("v")):  # GS v 0 m xL xH yL yH d1…dk
                if i + 8 > n:
                    break
                xb = buf[i + 4] | buf[i + 5] << 8
                h = buf[i + 6] | buf[i + 7] << 8
                end = i + 8 + xb * h
                if end > n:
                    break
                flush_text()
                out.append(Command("raster", (xb, h), bytes(buf[i + 8 : end])))
                i = end
                continue
            if key == (GS, ord("V")):  # GS V m  or  GS V m n (m = 65/66)
                if i + 2 >= n:
                    break
                m = buf[i + 2]
                length = 4 if m in (65, 66) else 3
                if i + length > n:
                    break
                flush_text()
                out.append(Command("cut", m))
                i += length
                continue
            if key == (GS, ord("(")):  # GS ( X pL pH data
                if i + 5 > n:
                    break
                size = buf[i + 3] | buf[i + 4] << 8
                if i + 5 + size > n:
                    break
                flush_text()
                out.append(Command("GS(" + chr(buf[i + 2]), data=bytes(buf[i + 5 : i + 5 + size])))
                i += 5 + size
                continue
            length = _FIXED.get(key)
            if length is None:
                text.append(b)
                i += 1
                continue
            if i + length > n:
                break
            flush_text()
            args = bytes(buf[i + 2 : i + length])
            if key == (DLE, 0x04):
                out.append(Command("status", args[0]))
            else:
                out.append(Command(chr(buf[i]) + chr(buf[i + 1]), args[0] if len(args) == 1 else args))
            i += length
            continue
        text.append(b)
        i += 1
    flush_text()
    return out, i


def raster_image(data: bytes) -> Image.Image:
    """Every GS v 0 block in the job stacked top to bottom, as a 1-bit image (black = printed)."""
    cmds, _ = parse(data)
    blocks = [c for c in cmds if c.name == "raster"]
    if not blocks:
        raise AssertionError("no GS v 0 raster image in the job")
    width = blocks[0].arg[0] * 8
    height = sum(c.arg[1] for c in blocks)
    img = Image.new("1", (width, height), 1)
    y = 0
    for c in blocks:
        xb, h = c.arg
        assert xb * 8 == width, "raster blocks of different widths"
        # ESC/POS: bit 1 = print a dot; PIL "1": 0 = black. Invert while loading.
        part = Image.frombytes("1", (xb * 8, h), bytes(255 - v for v in c.data))
        img.paste(part, (0, y))
        y += h
    return img


STATUS_PAPER_OK = 0x12
STATUS_PAPER_NEAR_END = 0x12 | 0x0C
STATUS_PAPER_OUT = 0x12 | 0x60 | 0x0C


@dataclass
class Connection:
    data: bytearray = field(default_factory=bytearray)
    closed_by_printer: bool = False
    status_queries: int = 0


class FakePrinter:
    """`with FakePrinter() as p: send(p.uri, …)`; `p.jobs` holds each connection's bytes."""

    def __init__(
        self, behaviour: str = "ok", *, close_after: int = 2000, paper: int = STATUS_PAPER_OK
    ) -> None:
        assert behaviour in {"ok", "silent", "hang", "close_mid", "paper_out"}
        self.behaviour = behaviour
        self.close_after = close_after
        self.paper = STATUS_PAPER_OUT if behaviour == "paper_out" else paper
        self.connections: list[Connection] = []
        self._lock = threading.Condition()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._socks: list[socket.socket] = []
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if behaviour == "hang":
            # A hung printer's tiny receive window: the sender's bytes back up instead of vanishing
            # into a large loopback buffer.
            self.server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(64)
        self.port = self.server.getsockname()[1]
        self.uri = f"tcp://127.0.0.1:{self.port}"

    # --- lifecycle ---
    def __enter__(self) -> FakePrinter:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        t = threading.Thread(target=self._accept_loop, name="fake-printer", daemon=True)
        t.start()
        self._threads.append(t)

    def stop(self) -> None:
        self._stop.set()
        try:
            self.server.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked in accept() on Linux
        except OSError:
            pass
        try:
            self.server.close()
        except OSError:
            pass
        for s in list(self._socks):
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass
        for t in self._threads:
            t.join(timeout=2)

    # --- what tests read ---
    @property
    def jobs(self) -> list[bytes]:
        with self._lock:
            return [bytes(c.data) for c in self.connections]

    def wait_for_bytes(self, connection: int, count: int, timeout: float = 5.0) -> bool:
        """Until connection number `connection` (0-based) has delivered `count` bytes."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.connections) <= connection or len(self.connections[connection].data) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    def wait_for_connections(self, count: int, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.connections) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    # --- server ---
    def _accept_loop(self) -> None:
        self.server.settimeout(0.2)
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            record = Connection()
            with self._lock:
                self.connections.append(record)
                self._socks.append(conn)
                self._lock.notify_all()
            t = threading.Thread(target=self._serve, args=(conn, record), daemon=True)
            t.start()
            self._threads.append(t)

    def _serve(self, conn: socket.socket, record: Connection) -> None:
        try:
            conn.settimeout(0.2)
        except OSError:  # stop() closed it before this thread ran
            return
        if self.behaviour == "hang":
            self._stop.wait()
            return
        parsed = 0
        try:
            while not self._stop.is_set():
                try:
                    chunk = conn.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not chunk:
                    return
                with self._lock:
                    record.data += chunk
                    self._lock.notify_all()
                if self.behaviour == "close_mid" and len(record.data) >= self.close_after:
                    record.closed_by_printer = True
                    # RST rather than FIN, as a printer rebooting mid-job does.
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    conn.close()
                    return
                cmds, parsed = parse(record.data, parsed)
                for c in cmds:
                    if c.name == "status":
                        record.status_queries += 1
                        if self.behaviour != "silent":
                            conn.sendall(bytes([self.paper if c.arg == 4 else 0x12]))
        finally:
            try:
                conn.close()
            except OSError:
                pass


def refused_uri() -> str:
    """A loopback port nobody listens on: connecting is refused at once."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"tcp://127.0.0.1:{port}"
