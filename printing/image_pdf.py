"""A PDF of scanned pages: each page one JPEG image filling it, at the size the scan had on paper.

Written by hand rather than through reportlab: the JPEG bytes go in unchanged (DCTDecode), the file
carries nothing else, and making it costs no import of a PDF library (a scan runs in a job, but the
command line `counter-app dossier attach` starts fast too).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class JpegPage:
    jpeg: bytes  # a baseline or progressive JPEG, greyscale (1 component) or colour (3)
    width_px: int
    height_px: int
    dpi: float
    grey: bool = True

    @property
    def size_pt(self) -> tuple[float, float]:
        return self.width_px * 72.0 / self.dpi, self.height_px * 72.0 / self.dpi


def pdf_of_pages(pages: list[JpegPage]) -> bytes:
    """One PDF 1.4 document, page i showing pages[i]."""
    if not pages:
        raise ValueError("a PDF needs at least one page")
    # Objects: 1 catalog, 2 page tree, then per page: page, its content stream, its image.
    objects: list[bytes] = []
    kids = []
    for i, page in enumerate(pages):
        page_no, content_no, image_no = 3 + 3 * i, 4 + 3 * i, 5 + 3 * i
        kids.append(f"{page_no} 0 R")
        w, h = page.size_pt
        draw = f"q {w:.2f} 0 0 {h:.2f} 0 0 cm /Im0 Do Q".encode("ascii")
        objects.append(
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w:.2f} {h:.2f}] "
                f"/Resources << /XObject << /Im0 {image_no} 0 R >> >> /Contents {content_no} 0 R >>"
            ).encode("ascii")
        )
        objects.append(f"<< /Length {len(draw)} >>\nstream\n".encode("ascii") + draw + b"\nendstream")
        colour = "/DeviceGray" if page.grey else "/DeviceRGB"
        objects.append(
            (
                f"<< /Type /XObject /Subtype /Image /Width {page.width_px} /Height {page.height_px} "
                f"/ColorSpace {colour} /BitsPerComponent 8 /Filter /DCTDecode /Length {len(page.jpeg)} >>"
                "\nstream\n"
            ).encode("ascii")
            + page.jpeg
            + b"\nendstream"
        )
    head = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode("ascii"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate([*head, *objects], start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += b"".join(f"{o:010d} 00000 n \n".encode("ascii") for o in offsets)
    out += f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    return bytes(out)
