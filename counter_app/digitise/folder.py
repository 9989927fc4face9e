"""The scan-to-folder directory (`scanner.folder`): office scanners and copiers write each scan there as a
PDF or image file; new files are offered for the dossier at hand.

A file still being written (a network scanner writes a PDF over SMB in pieces) is not offered until its
size and time have stayed the same between two looks (`ScanInbox.ready`). Once attached the file is
deleted from the folder: it holds a citizen's papers and the folder is often shared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from counter_app.digitise.pages import ACCEPTED_SUFFIXES


@dataclass(frozen=True)
class InboxFile:
    path: Path
    size: int
    mtime: float

    @property
    def name(self) -> str:
        return self.path.name


def listing(folder: Path) -> list[InboxFile]:
    """The PDF and image files in `folder` (not its subfolders), oldest first; [] when it is missing."""
    out = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    for p in entries:
        if p.name.startswith((".", "~")) or p.suffix.lower() not in ACCEPTED_SUFFIXES:
            continue
        try:
            st = p.stat()
        except OSError:  # removed meanwhile
            continue
        if p.is_file() and st.st_size > 0:
            out.append(InboxFile(p, st.st_size, st.st_mtime))
    out.sort(key=lambda f: (f.mtime, f.name))
    return out


@dataclass
class ScanInbox:
    """What the folder offers, told apart from files still growing: call `ready()` at each look (a file
    system watcher's signal, or a timer)."""

    folder: Path
    _last: dict[Path, tuple[int, float]] = field(default_factory=dict)

    def ready(self) -> list[InboxFile]:
        now = listing(self.folder)
        stable = [f for f in now if self._last.get(f.path) == (f.size, f.mtime)]
        self._last = {f.path: (f.size, f.mtime) for f in now}
        return stable
