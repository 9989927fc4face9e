"""Data files shipped with the app (catalog, fonts, icons, sounds); a package so wheels carry them.

`package_dir(name)` is where the project's package `name` keeps the files it reads at run time
(resources/…, db/migrations, ui/i18n): beside its code in a checkout or an installed wheel, and under
the bundle's data folder (`sys._MEIPASS`) in the frozen program that packaging/counter-app.spec
builds, which lays them out the same way. Stdlib only: db and printing use it too.
"""

from __future__ import annotations

import sys
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def frozen() -> bool:
    """True in the PyInstaller bundle (sys.frozen set by its bootloader)."""
    return bool(getattr(sys, "frozen", False))


def install_root() -> Path:
    """The folder that holds the project's packages as folders."""
    if frozen():
        # One-folder bundle: the data folder beside the programs (`_internal`), where the spec's
        # `datas` put resources/, db/migrations and ui/i18n.
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).resolve().parent))
    return _SOURCE_ROOT


def package_dir(name: str) -> Path:
    return install_root() / name


def path(*parts: str) -> Path:
    """A file or folder under resources/."""
    return package_dir("resources").joinpath(*parts)
