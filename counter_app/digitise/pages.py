"""Scanned pages into a small PDF: straightened, grey, at the office's resolution, JPEG inside.

A grey A4 page at 150 dpi is 1240 × 1754 pixels; as JPEG at quality 60 a typed page is some 60–120 KB,
under the `scanner.page_kb` budget (150 KB by default). A page over the budget is compressed harder, then
made smaller, until it fits. Pillow only: no image library beyond what the forms already need.
"""

from __future__ import annotations

import hashlib
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from counter_app.errors import ValidationError
from printing.image_pdf import JpegPage, pdf_of_pages

A4_LONG_IN = 297 / 25.4
QUALITIES = (60, 50, 40, 32)
MAX_PAGES = 200
# A decompression bomb is refused by Pillow above this many pixels (a 600 dpi A3 colour scan is 70 M).
Image.MAX_IMAGE_PIXELS = 120_000_000
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")
ACCEPTED_SUFFIXES = (".pdf", *IMAGE_SUFFIXES)


@dataclass(frozen=True)
class PreparedPdf:
    """A paper ready to store: the PDF, its page count and checksum."""

    data: bytes
    pages: int
    page_bytes: tuple[int, ...]  # the JPEG of each page (0 for a PDF kept as it came)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)


def skew_angle(img: Image.Image, *, max_deg: float = 4.0, step: float = 0.25) -> float:
    """The rotation (degrees, counter-clockwise) that makes the page's text lines run straight; 0.0 when
    there is none to trust.

    Rows of text give the sharpest profile of row darkness when they run level. The page is cut into
    vertical strips, each strip's row profile made once (Pillow's box resize), and for each candidate
    angle the strips are shifted by what that slope moves them and added up: no image is rotated, a few
    tenths of a second for a page. A picture with no text lines (a grid, a photo) sharpens as much at
    +a as at -a: an angle is trusted only when its mirror is clearly worse.
    """
    grey = ImageOps.invert(img.convert("L"))
    small = grey.reduce(max(1, grey.width // 400))
    width, height = small.size
    strips = 16
    strip_w = width / strips
    profiles = [
        small.crop((round(j * strip_w), 0, round((j + 1) * strip_w), height))
        .resize((1, height), Image.Resampling.BOX)
        .tobytes()
        for j in range(strips)
    ]
    scores: dict[float, float] = {}
    n = int(max_deg / step)
    for i in range(-n, n + 1):
        angle = i * step
        slope = math.tan(math.radians(angle))
        combined = [0] * height
        for j, profile in enumerate(profiles):
            shift = round(((j + 0.5) * strip_w - width / 2) * slope)
            lo, hi = max(0, -shift), min(height, height - shift)
            for y in range(lo, hi):
                combined[y] += profile[y + shift]
        scores[angle] = float(sum((combined[y + 1] - combined[y]) ** 2 for y in range(height - 1)))
    best = max(scores, key=lambda a: (scores[a], -abs(a)))
    if best == 0 or scores[best] < 1.5 * scores[-best]:
        return 0.0
    return best


def _straightened(img: Image.Image) -> Image.Image:
    angle = skew_angle(img)
    if abs(angle) < 0.3:  # below what the eye sees: not worth blurring the page by resampling it
        return img
    return img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)


def _whitened(grey: Image.Image) -> Image.Image:
    """Levels: the paper's own shade (the commonest bright grey) and the speckle around it become white,
    the rest is stretched to match. Paper is never quite white, and its grain costs JPEG bytes while
    showing nothing; ink, stamps and pencil are far darker and stay."""
    hist = grey.histogram()
    paper = max(range(128, 256), key=lambda v: hist[v])
    white = max(160, paper - 24)
    return grey.point([min(255, round(v * 255 / white)) for v in range(256)])


def _source_dpi(img: Image.Image) -> float:
    dpi = img.info.get("dpi")
    if isinstance(dpi, tuple) and dpi and float(dpi[0]) >= 50:
        return float(dpi[0])
    # No resolution recorded (a photo, some scanners): take the long side as an A4 page's.
    return max(img.size) / A4_LONG_IN


def _jpeg(img: Image.Image, quality: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, optimize=True, progressive=False)
    return buf.getvalue()


def page_of(img: Image.Image, *, dpi: int, budget_bytes: int, deskew: bool = True) -> JpegPage:
    """One page: grey, at `dpi`, paper background pushed to white, straightened, JPEG within the budget."""
    source_dpi = _source_dpi(img)
    grey = ImageOps.exif_transpose(img).convert("L")
    if source_dpi > dpi * 1.05:
        scale = dpi / source_dpi
        grey = grey.resize((max(1, round(grey.width * scale)), max(1, round(grey.height * scale))))
        source_dpi = dpi
    grey = _whitened(grey)
    if deskew:
        grey = _straightened(grey)
    while True:
        for quality in QUALITIES:
            data = _jpeg(grey, quality)
            if len(data) <= budget_bytes:
                return JpegPage(data, grey.width, grey.height, source_dpi)
        if grey.width < 400:  # nothing sensible is left to shrink: keep the smallest one made
            return JpegPage(data, grey.width, grey.height, source_dpi)
        grey = grey.resize((round(grey.width * 0.85), round(grey.height * 0.85)))
        source_dpi *= 0.85


def pdf_of_images(images: Iterable[Image.Image], *, dpi: int, budget_bytes: int) -> PreparedPdf:
    pages = [page_of(img, dpi=dpi, budget_bytes=budget_bytes) for img in images]
    if not pages:
        raise ValidationError("không có trang nào", field="file", label="Tệp")
    return PreparedPdf(pdf_of_pages(pages), len(pages), tuple(len(p.jpeg) for p in pages))


def _bad_file(message: str, field: str, label: str) -> ValidationError:
    return ValidationError(message, field=field, label=label)


def read_images(path: Path, *, field: str = "file", label: str = "Tệp") -> list[Image.Image]:
    """Every frame of an image file (a multi-page TIFF from a feeder gives several)."""
    try:
        img = Image.open(path)
        frames = []
        for i in range(min(getattr(img, "n_frames", 1), MAX_PAGES)):
            img.seek(i)
            frame = img.copy()
            frame.info = dict(img.info)
            frames.append(frame)
        return frames
    except (UnidentifiedImageError, Image.DecompressionBombError, SyntaxError, EOFError) as exc:
        raise _bad_file(
            f"'{path.name}' không phải ảnh đọc được ({exc.__class__.__name__})", field, label
        ) from None
    except OSError as exc:
        raise _bad_file(f"không đọc được '{path.name}': {exc.strerror or exc}", field, label) from None


def prepare_file(
    path: Path, *, dpi: int, budget_bytes: int, field: str = "file", label: str = "Tệp"
) -> PreparedPdf:
    """A PDF or image file as a paper's PDF. A PDF within the budget per page is kept byte for byte
    (an e-document keeps its text); a heavier one has its pages drawn again as grey JPEG."""
    path = Path(path)
    if not path.is_file():
        raise _bad_file(f"không có tệp '{path}'", field, label)
    try:
        head = path.open("rb").read(5)
    except OSError as exc:
        raise _bad_file(f"không đọc được '{path.name}': {exc.strerror or exc}", field, label) from None
    if head == b"%PDF-":
        return _prepare_pdf(path, dpi=dpi, budget_bytes=budget_bytes, field=field, label=label)
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise _bad_file(f"'{path.name}' không phải PDF hay ảnh (nhận PDF, PNG, JPEG, TIFF)", field, label)
    return pdf_of_images(read_images(path, field=field, label=label), dpi=dpi, budget_bytes=budget_bytes)


def _prepare_pdf(path: Path, *, dpi: int, budget_bytes: int, field: str, label: str) -> PreparedPdf:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    data = path.read_bytes()
    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise _bad_file(
            f"'{path.name}' là PDF hỏng, không đọc được ({exc.__class__.__name__})", field, label
        ) from None
    if pages == 0:
        raise _bad_file(f"'{path.name}' không có trang nào", field, label)
    if pages > MAX_PAGES:
        raise _bad_file(f"'{path.name}' có {pages} trang, quá {MAX_PAGES} trang", field, label)
    if len(data) <= budget_bytes * pages:
        return PreparedPdf(data, pages, (0,) * pages)
    return pdf_of_images(_rendered(data, dpi), dpi=dpi, budget_bytes=budget_bytes)


def _rendered(data: bytes, dpi: int) -> Iterable[Image.Image]:
    import pypdfium2

    doc = pypdfium2.PdfDocument(data)
    try:
        for page in doc:
            img = page.render(scale=dpi / 72, grayscale=True).to_pil()
            img.info["dpi"] = (dpi, dpi)
            yield img
    finally:
        doc.close()
