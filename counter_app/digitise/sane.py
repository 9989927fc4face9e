"""Scanning through SANE (Linux): the `scanimage` program of sane-utils, run as a child process.

A child process keeps a driver that hangs or crashes away from the app and the GUI thread (the scan
runs in a job anyway), and `scanimage` is what every SANE installation ships; the Python bindings are
not packaged for every distribution. Pages come back as grey PNGs at the office's resolution; with a
document feeder (`scanner.source` naming it) every sheet in the feeder is scanned.

`SANE_CONFIG_DIR` is passed through: the tests point it at tests/sane/, which enables SANE's own
`test` backend (a virtual scanner `test:0`) without editing /etc/sane.d.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from counter_app.errors import ValidationError

FIELD, LABEL = "scan", "Máy quét"
FEEDER_WORDS = ("adf", "feeder", "automatic document", "nạp giấy")
GREY_MODE = "Gray"  # SANE_VALUE_SCAN_MODE_GRAY of sane/saneopts.h


@dataclass(frozen=True)
class ScanDevice:
    name: str  # what `scanimage -d` takes, e.g. "test:0", "epson2:net:192.168.1.20"
    model: str


def _scanimage() -> str:
    exe = shutil.which("scanimage")
    if exe is None:
        raise ValidationError(
            "không tìm thấy chương trình scanimage — cài gói sane-utils (Debian/Ubuntu: "
            "sudo apt install sane-utils) rồi thử lại",
            field=FIELD,
            label=LABEL,
        )
    return exe


def _run(args: list[str], timeout_s: float) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(args, capture_output=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired:
        raise ValidationError(
            f"máy quét không trả lời sau {timeout_s:.0f} giây (kiểm tra giấy, nắp máy, cáp nối)",
            field=FIELD,
            label=LABEL,
        ) from None
    except OSError as exc:
        raise ValidationError(
            f"không chạy được scanimage: {exc.strerror or exc}", field=FIELD, label=LABEL
        ) from None


def devices(*, timeout_s: float = 30) -> list[ScanDevice]:
    out = _run([_scanimage(), "-f", "%d\t%v %m%n"], timeout_s)
    found = []
    for line in out.stdout.decode("utf-8", "replace").splitlines():
        name, _, model = line.partition("\t")
        if name.strip():
            found.append(ScanDevice(name.strip(), model.strip()))
    return found


def _reason(stderr: bytes) -> str:
    lines = [ln.strip() for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    useful = [ln for ln in lines if not ln.lower().startswith(("scanning", "scanned", "batch"))]
    return (useful or lines or ["không rõ lý do"])[-1][:200]


def scan(device: str | None, *, dpi: int, source: str = "", timeout_s: float = 120) -> list[Image.Image]:
    """Scan with `device` (None or "": the first one found); one image per sheet."""
    exe = _scanimage()
    if not device:
        found = devices(timeout_s=timeout_s)
        if not found:
            raise ValidationError(
                "không thấy máy quét nào (kiểm tra cáp, nguồn và driver SANE: scanimage -L)",
                field=FIELD,
                label=LABEL,
            )
        device = found[0].name
    feeder = any(w in source.lower() for w in FEEDER_WORDS)
    with tempfile.TemporaryDirectory(prefix="counter-scan-") as tmp:
        pattern = str(Path(tmp) / "page%03d.png")
        tail = ["--resolution", str(dpi)] + (["--source", source] if source else [])
        tail += [f"--batch={pattern}"] + ([] if feeder else ["--batch-count=1"])
        result = _run([exe, "-d", device, "--format=png", "--mode", GREY_MODE, *tail], timeout_s)
        files = sorted(Path(tmp).glob("page*.png"))
        if not files and b"--mode" in result.stderr:
            # Not every driver names its grey mode "Gray" (SANE's standard name): scan in the device's
            # own default mode then; the page is made grey anyway (counter_app/digitise/pages.py).
            result = _run([exe, "-d", device, "--format=png", *tail], timeout_s)
            files = sorted(Path(tmp).glob("page*.png"))
        if not files:
            raise ValidationError(
                f"quét không được trên '{device}': {_reason(result.stderr)}", field=FIELD, label=LABEL
            )
        images = []
        for f in files:
            with Image.open(f) as img:
                img.load()
                page = img.copy()
                page.info = dict(img.info)
                page.info.setdefault("dpi", (dpi, dpi))
                images.append(page)
        return images
