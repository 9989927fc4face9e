"""The scan-to-folder directory: files an office scanner drops there are offered once they stopped growing."""

from __future__ import annotations

import os
from pathlib import Path

from counter_app.digitise.folder import ScanInbox, listing
from tests.files_support import save_png, typed_page


def test_files_dropped_in_are_offered_once_complete_oldest_first(tmp_path: Path) -> None:
    folder = tmp_path / "scan"
    folder.mkdir()
    inbox = ScanInbox(folder)
    assert inbox.ready() == []
    first = save_png(typed_page(dpi=60), folder / "SCAN0001.png")
    os.utime(first, (1_000_000, 1_000_000))
    (folder / "ghi-chu.txt").write_text("not a scan", encoding="utf-8")
    (folder / ".~lock.tmp.pdf").write_bytes(b"%PDF-")
    growing = folder / "SCAN0002.pdf"
    growing.write_bytes(b"%PDF-1.4\n")  # the scanner is still writing it
    assert inbox.ready() == []  # seen once: not yet known to be complete
    with growing.open("ab") as f:
        f.write(b"more pages")
    assert [f.name for f in inbox.ready()] == ["SCAN0001.png"]
    assert [f.name for f in inbox.ready()] == ["SCAN0001.png", "SCAN0002.pdf"]
    first.unlink()
    assert [f.name for f in inbox.ready()] == ["SCAN0002.pdf"]


def test_a_missing_folder_offers_nothing(tmp_path: Path) -> None:
    assert listing(tmp_path / "khong-co") == []
    assert ScanInbox(tmp_path / "khong-co").ready() == []
