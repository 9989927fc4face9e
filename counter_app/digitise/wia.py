"""Scanning on Windows through WIA 2.0 (Windows Image Acquisition), which every scanner driver for
Windows 7 and later provides, reached as COM automation (`WIA.DeviceManager`) with pywin32.

Not exercised by the test suite (it runs on Linux, where counter_app/digitise/sane.py is used); what is
known to be missing: a feeder scans one sheet per call (WIA's `Transfer` on the feeder item would need
the document-handling properties 3088/3086 set per driver), and TWAIN-only scanners are not reached.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PIL import Image

from counter_app.errors import ValidationError

FIELD, LABEL = "scan", "Máy quét"
WIA_FORMAT_PNG = "{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}"
# WIA item properties (wiadef.h): current intent, horizontal and vertical resolution.
WIA_IPS_CUR_INTENT, WIA_IPS_XRES, WIA_IPS_YRES = 6146, 6147, 6148
WIA_INTENT_IMAGE_TYPE_GRAYSCALE = 2
WIA_DEVICE_TYPE_SCANNER = 1


def _manager() -> Any:
    try:
        import win32com.client
    except ImportError:
        raise ValidationError(
            "thiếu gói pywin32 nên không gọi được WIA của Windows", field=FIELD, label=LABEL
        ) from None
    return win32com.client.Dispatch("WIA.DeviceManager")


def _set(props: Any, pid: int, value: int) -> None:
    for i in range(1, props.Count + 1):
        if props.Item(i).PropertyID == pid:
            props.Item(i).Value = value
            return


def devices() -> list[tuple[str, str]]:
    infos = _manager().DeviceInfos
    out = []
    for i in range(1, infos.Count + 1):
        info = infos.Item(i)
        if info.Type == WIA_DEVICE_TYPE_SCANNER:
            out.append((str(info.DeviceID), str(info.Properties("Name").Value)))
    return out


def scan(device: str | None, *, dpi: int) -> list[Image.Image]:
    infos = _manager().DeviceInfos
    chosen = None
    for i in range(1, infos.Count + 1):
        info = infos.Item(i)
        if info.Type == WIA_DEVICE_TYPE_SCANNER and (not device or str(info.DeviceID) == device):
            chosen = info
            break
    if chosen is None:
        raise ValidationError("không thấy máy quét nào qua WIA", field=FIELD, label=LABEL)
    item = chosen.Connect().Items(1)
    _set(item.Properties, WIA_IPS_CUR_INTENT, WIA_INTENT_IMAGE_TYPE_GRAYSCALE)
    _set(item.Properties, WIA_IPS_XRES, dpi)
    _set(item.Properties, WIA_IPS_YRES, dpi)
    image_file = item.Transfer(WIA_FORMAT_PNG)
    with tempfile.TemporaryDirectory(prefix="counter-scan-") as tmp:
        target = Path(tmp) / "page.png"
        image_file.SaveFile(str(target))
        with Image.open(target) as img:
            img.load()
            page = img.copy()
            page.info = {**img.info, "dpi": (dpi, dpi)}
            return [page]
