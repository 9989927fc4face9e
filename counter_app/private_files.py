"""Citizens' personal data at rest: the data dir and what the app writes in it are its user's alone.

New files are created 0600 where they are made (db/engine.py, counter_app/output_files.py); this check at
start closes what an older version, a copy by hand or a restored backup left readable by others.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# Folders of the data dir that hold personal data (forms and reports name citizens; backups are copies;
# files holds the citizens' digitised papers, counter_app/services/files.py).
PRIVATE_FOLDERS = ("backups", "files", "forms", "reports")


def _tighten(path: Path, fixed: list[Path]) -> None:
    try:
        st = path.lstat()
    except OSError:
        return
    if stat.S_ISLNK(st.st_mode) or not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
        return
    if st.st_mode & 0o077:
        try:
            os.chmod(path, stat.S_IMODE(st.st_mode) & 0o700)
        except OSError:  # someone else's file in our folder: leave it, it is no file of ours
            return
        fixed.append(path)


def tighten_data_dir(root: Path) -> list[Path]:
    """Remove group and other access from the data dir, its files and its private folders; returns
    what was changed. A no-op on Windows, where the profile folder is private already."""
    fixed: list[Path] = []
    if os.name == "nt":
        return fixed
    _tighten(root, fixed)
    for entry in root.iterdir():
        if entry.is_file():
            _tighten(entry, fixed)
    for name in PRIVATE_FOLDERS:
        folder = root / name
        if not folder.is_dir():
            continue
        _tighten(folder, fixed)
        for entry in folder.iterdir():
            _tighten(entry, fixed)
    return fixed
