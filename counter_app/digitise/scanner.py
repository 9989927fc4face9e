"""The scanner of this PC: SANE on Linux (and other Unix), WIA on Windows."""

from __future__ import annotations

import sys

from PIL import Image


def scan(device: str | None, *, dpi: int, source: str = "", timeout_s: float = 120) -> list[Image.Image]:
    if sys.platform == "win32":
        from counter_app.digitise import wia

        return wia.scan(device, dpi=dpi)
    from counter_app.digitise import sane

    return sane.scan(device, dpi=dpi, source=source, timeout_s=timeout_s)


def device_names() -> list[tuple[str, str]]:
    """(name to pass as DEVICE, model) of every scanner found."""
    if sys.platform == "win32":
        from counter_app.digitise import wia

        return wia.devices()
    from counter_app.digitise import sane

    return [(d.name, d.model) for d in sane.devices()]
