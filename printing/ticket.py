"""The queue ticket: drawn as a 1-bit image with the bundled font and sent as ESC/POS raster.

Cheap 58 mm printers have no Vietnamese code page and cp1258 cannot encode precomposed letters like
"ế", so the default is an image (GS v 0) exactly as wide as the paper's print head. Text mode with
the TCVN-3 code pages (Epson profiles) is kept as an option for printers that print images badly.
"""

from __future__ import annotations

import copy
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import qrcode
from escpos.capabilities import CAPABILITIES, Profile, get_profile_class
from escpos.printer import Dummy
from PIL import Image, ImageDraw, ImageFont

import resources

FONTS_DIR = resources.path("fonts")
BOLD = "NotoSans-Bold.ttf"
REGULAR = "NotoSans-Regular.ttf"

# Print-head width in dots (203 dpi heads): 48 mm printable on 58 mm paper, 72 mm on 80 mm paper.
DOTS = {58: 384, 80: 576}


@dataclass(frozen=True)
class TicketContent:
    agency: str
    service: str
    number: str
    issued_at: datetime
    waiting: int
    url: str
    footer: str = ""
    priority: bool = False
    title: str = "PHIẾU SỐ THỨ TỰ"


def dots_for(paper_mm: int) -> int:
    try:
        return DOTS[int(paper_mm)]
    except (KeyError, ValueError):
        raise ValueError(f"khổ giấy {paper_mm} mm không hỗ trợ (chỉ 58 hoặc 80)") from None


@lru_cache(maxsize=16)
def _profile_class(width_dots: int, name: str) -> type[Profile]:
    # profile_data is a class attribute shared by every user of the named profile: copy, then change.
    data = copy.deepcopy(get_profile_class(name).profile_data)
    data.setdefault("media", {}).setdefault("width", {})["pixels"] = width_dots
    # The generic profile claims no cutter, so python-escpos' cut() would send nothing; receipt printers
    # sold for tickets have one (and those without ignore GS V).
    data.setdefault("features", {}).update({"paperFullCut": True, "paperPartCut": True})
    return type(f"Ticket{width_dots}Profile", (Profile,), {"profile_data": data})


def profile_for(width_dots: int, name: str = "default") -> Profile:
    """A python-escpos profile that knows the paper width (so `image()` checks it and never prints
    the "width unknown" notice to stdout)."""
    cls = _profile_class(width_dots, name)
    # Profile.__init__ replaces `features` with its argument: hand it the class's own set.
    return cls(features=dict(cls.profile_data["features"]))


@lru_cache(maxsize=64)
def _font(name: str, size: int, fonts_dir: str) -> ImageFont.FreeTypeFont:
    path = Path(fonts_dir) / name
    if not path.exists():
        raise FileNotFoundError(f"thiếu phông chữ {path}")
    return ImageFont.truetype(str(path), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        words = para.split()
        line = ""
        for word in words:
            trial = f"{line} {word}".strip()
            if font.getlength(trial) <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


@lru_cache(maxsize=32)
def _qr_version(shape: str) -> int:
    """The QR version that fits a URL of this shape (digits blanked): found once, then reused."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(shape)
    qr.make(fit=True)
    return int(qr.version)


def _qr_image(url: str, box: int) -> Image.Image:
    # A fixed version and mask skip qrcode's pure-Python searches (most of a ticket's drawing time);
    # any mask gives a valid code, and tickets are scanned from a few centimetres.
    qr = qrcode.QRCode(
        version=_qr_version(re.sub(r"\d", "0", url)),
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=1,
        border=2,
        mask_pattern=2,
    )
    qr.add_data(url)
    qr.make(fit=False)
    matrix = qr.get_matrix()
    n = len(matrix)
    modules = Image.frombytes("L", (n, n), bytes(0 if v else 255 for row in matrix for v in row))
    return modules.resize((n * box, n * box), Image.Resampling.NEAREST)


@lru_cache(maxsize=256)
def _block(
    text: str,
    font_name: str,
    size: int,
    width: int,
    inner: int,
    gap: int,
    fonts_dir: str,
    invert: bool = False,
) -> Image.Image:
    """Centred, wrapped text as a strip `width` wide. Cached: the agency, titles, service names and
    footer are the same on every ticket, and FreeType rendering is the costly part of drawing."""
    font = _font(font_name, size, fonts_dir)
    lines = _wrap(text, font, inner)
    boxes = [font.getbbox(line) for line in lines]
    height = math.ceil(sum(b[3] - b[1] + gap for b in boxes))
    strip = Image.new("L", (width, max(1, height)), 0 if invert else 255)
    draw = ImageDraw.Draw(strip)
    y: float = 0
    for line, (left, top, right, bottom) in zip(lines, boxes, strict=True):
        draw.text(((width - (right - left)) / 2 - left, y - top), line, font=font, fill=255 if invert else 0)
        y += bottom - top + gap
    return strip


def render_image(t: TicketContent, width: int = 384, fonts_dir: Path | None = None) -> Image.Image:
    """The ticket as a black-on-white 1-bit image exactly `width` dots wide."""
    fd = str(fonts_dir or FONTS_DIR)
    k = width / 384  # every size below is for 58 mm paper, scaled for 80 mm
    margin = round(12 * k)
    inner = width - 2 * margin
    canvas = Image.new("L", (width, round(1400 * k)), 255)
    draw = ImageDraw.Draw(canvas)
    y = round(8 * k)

    def centered(text: str, font_name: str, size: float, gap: int = 4) -> None:
        nonlocal y
        strip = _block(text, font_name, round(size * k), width, inner, round(gap * k), fd)
        canvas.paste(strip, (0, y))
        y += strip.height

    def rule() -> None:
        nonlocal y
        y += round(4 * k)
        draw.line([(margin, y), (width - margin, y)], fill=0, width=max(2, round(2 * k)))
        y += round(10 * k)

    centered(t.agency.upper(), BOLD, 22, gap=6)
    rule()
    centered(t.title, REGULAR, 20, gap=6)
    centered(t.service, BOLD, 30, gap=4)

    # The number: as large as fits the paper, capped so the ticket stays short.
    y += round(2 * k)
    centered(t.number, BOLD, _number_size(t.number, inner, fd) / k, gap=8)

    if t.priority:
        label = _block("ƯU TIÊN", BOLD, round(26 * k), round(140 * k), round(140 * k), 0, fd, invert=True)
        pad = round(8 * k)
        badge = Image.new("L", (label.width, label.height + 2 * pad), 0)
        badge.paste(label, (0, pad))
        canvas.paste(badge, ((width - badge.width) // 2, y))
        y += badge.height + round(10 * k)

    centered(f"Giờ lấy số: {t.issued_at:%H:%M  %d/%m/%Y}", REGULAR, 22)
    centered(f"Số người đang chờ: {t.waiting}", BOLD, 24, gap=8)

    if t.url:
        qr = _qr_image(t.url, box=max(3, round(5 * k)))
        if qr.width > inner:  # a URL too long for this paper: say so rather than print an unreadable code
            raise ValueError("địa chỉ trong mã QR quá dài cho khổ giấy")
        canvas.paste(qr, ((width - qr.width) // 2, y))
        y += qr.height + round(2 * k)
        centered("Quét mã để theo dõi lượt gọi", REGULAR, 18)

    if t.footer:
        rule()
        centered(t.footer, REGULAR, 20)
    y += round(8 * k)
    # Hard threshold, no dithering: thermal heads print crisp text and QR modules that way.
    return canvas.crop((0, 0, width, y)).point(_THRESHOLD).convert("1", dither=Image.Dither.NONE)


_THRESHOLD = [0] * 128 + [255] * 128


@lru_cache(maxsize=64)
def _number_size(number: str, inner: int, fd: str) -> int:
    """The largest type size (≤ 170 dots on 58 mm) at which the number fits across the paper."""
    size = round(170 * inner / 360)
    while _font(BOLD, size, fd).getlength(number) > inner and size > 40:
        size -= 4
    return size


def raster_job(t: TicketContent, width: int = 384, fonts_dir: Path | None = None) -> bytes:
    """The complete ESC/POS job: initialise, the image as GS v 0 raster, feed and cut."""
    return image_job(render_image(t, width, fonts_dir), width)


def image_job(img: Image.Image, width: int) -> bytes:
    p = Dummy(profile=profile_for(width))
    p.hw("INIT")
    p.image(img, impl="bitImageRaster", center=False)
    p.cut()
    return bytes(p.output)


# --- text mode ------------------------------------------------------------------------------------

ESC, GS = b"\x1b", b"\x1d"
CODE_PAGE_LOWER, CODE_PAGE_UPPER = 30, 31  # Epson "TCVN-3-1" (lower case) / "TCVN-3-2" (capitals)


@lru_cache(maxsize=1)
def _tcvn3_table() -> dict[str, tuple[int, int]]:
    """char → (code page, byte) from python-escpos' capability tables for the two TCVN-3 pages."""
    table: dict[str, tuple[int, int]] = {}
    for page, name in ((CODE_PAGE_LOWER, "TCVN-3-1"), (CODE_PAGE_UPPER, "TCVN-3-2")):
        rows = CAPABILITIES["encodings"][name]["data"]
        for r, row in enumerate(rows):
            for c, ch in enumerate(row):
                if ch != " " and ch not in table:
                    table[ch] = (page, 0x80 + 16 * r + c)
    return table


def encode_tcvn3(text: str) -> bytes:
    """Vietnamese text as TCVN-3 bytes, switching code pages (ESC t) where a letter needs the other one.

    A character in neither page falls back to its unaccented letter, never to '?' silently mid-word.
    """
    table = _tcvn3_table()
    out = bytearray()
    page: int | None = None
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            out += ch.encode("ascii")
            continue
        hit = table.get(ch)
        if hit is None:
            base = unicodedata.normalize("NFD", ch)[0].replace("đ", "d").replace("Đ", "D")
            out += base.encode("ascii", "replace")
            continue
        want, byte = hit
        if want != page:
            out += ESC + b"t" + bytes([want])
            page = want
        out.append(byte)
    return bytes(out)


def text_job(t: TicketContent, width: int = 384) -> bytes:
    """Text-mode ticket (printer font, TCVN-3): for printers whose raster output is poor."""
    p = Dummy(profile=profile_for(width))
    p.hw("INIT")
    raw = p._raw
    raw(ESC + b"a\x01")  # centre
    raw(ESC + b"E\x01" + encode_tcvn3(t.agency.upper()) + b"\n" + ESC + b"E\x00")
    raw(encode_tcvn3(t.title) + b"\n")
    raw(GS + b"!\x11" + encode_tcvn3(t.service) + b"\n")
    raw(GS + b"!\x77" + t.number.encode("ascii") + b"\n" + GS + b"!\x00")
    if t.priority:
        raw(GS + b"B\x01" + encode_tcvn3(" ƯU TIÊN ") + GS + b"B\x00\n")
    raw(encode_tcvn3(f"Giờ lấy số: {t.issued_at:%H:%M %d/%m/%Y}") + b"\n")
    raw(encode_tcvn3(f"Số người đang chờ: {t.waiting}") + b"\n")
    if t.url:
        p.image(_qr_image(t.url, box=4), impl="bitImageRaster", center=True)
    if t.footer:
        raw(encode_tcvn3(t.footer) + b"\n")
    p.cut()
    return bytes(p.output)


def build_job(
    t: TicketContent, paper_mm: int = 58, mode: str = "raster", fonts_dir: Path | None = None
) -> bytes:
    width = dots_for(paper_mm)
    if mode == "text":
        return text_job(t, width)
    if mode != "raster":
        raise ValueError(f"chế độ in '{mode}' không hỗ trợ (raster hoặc text)")
    return raster_job(t, width, fonts_dir)
