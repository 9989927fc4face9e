"""Helpers of the digitising tests: SANE's virtual scanner, a typed page as a scanner sees it, reading back
the PDFs the counter stores."""

from __future__ import annotations

import io
import os
import random
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from tests.conftest import ROOT

SANE_DIR = ROOT / "tests" / "sane"  # dll.conf enabling only SANE's `test` backend (test:0, test:1)
FONT = ROOT / "resources" / "fonts" / "NotoSerif-Regular.ttf"
WORDS = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam độc lập tự do hạnh phúc giấy khai sinh họ và tên ngày tháng "
    "năm sinh nơi cư trú số định danh cá nhân cơ quan đăng ký hộ tịch phường Bến Nghé"
).split()


def use_sane_test_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    """Point SANE at tests/sane (its virtual scanner); CI installs scanimage (.ci/sane.sh), so there a
    missing scanimage fails the test instead of skipping it."""
    if shutil.which("scanimage") is None:
        if os.environ.get("CI"):
            pytest.fail("scanimage (sane-utils) is not installed: .ci/sane.sh should have installed it")
        pytest.skip("scanimage (sane-utils) is not installed")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(SANE_DIR))


def typed_page(*, dpi: int = 200, skew_deg: float = 0.0, seed: int = 1) -> Image.Image:
    """An A4 page of 12-point text lines on greyish, speckled paper, turned by `skew_deg` (what a clerk's
    flatbed gives for a paper laid slightly askew)."""
    rnd = random.Random(seed)
    w, h = round(8.27 * dpi), round(11.69 * dpi)
    img = Image.new("L", (w, h), 236)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), size=round(dpi * 12 / 72))
    y = dpi
    while y < h - dpi:
        draw.text((dpi, y), " ".join(rnd.choice(WORDS) for _ in range(11)), fill=30, font=font)
        y += round(dpi * 0.28)
    img = ImageChops.add(img, Image.effect_noise((w, h), 6), scale=1.0, offset=-128)
    if skew_deg:
        img = img.rotate(skew_deg, resample=Image.Resampling.BICUBIC, fillcolor=236)
    img.info["dpi"] = (dpi, dpi)
    return img


def save_png(img: Image.Image, path: Path) -> Path:
    img.save(path, "PNG", dpi=img.info.get("dpi", (200, 200)))
    return path


def pdf_pages(data: bytes) -> list[Image.Image]:
    """Every page of a PDF drawn at 50 dpi (pdfium, as a viewer would)."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(data)
    try:
        return [page.render(scale=50 / 72, grayscale=True).to_pil() for page in doc]
    finally:
        doc.close()


def pdf_image_sizes(data: bytes) -> list[tuple[int, int, int]]:
    """(width px, height px, JPEG bytes) of the image on each page, read with pypdf."""
    from pypdf import PdfReader

    out = []
    for page in PdfReader(io.BytesIO(data)).pages:
        xobjects = page["/Resources"]["/XObject"]
        for name in xobjects:
            image = xobjects[name].get_object()
            out.append((int(image["/Width"]), int(image["/Height"]), len(image._data)))
    return out
