"""QApplication setup shared by every window: bundled fonts, the app icon, the UI language.

- `make_app(argv)` returns the QApplication (reusing one that exists, e.g. under pytest-qt), with the
  Noto fonts from resources/fonts registered and set as the default font, and the app icon.
- Languages: Vietnamese is the source language of every `tr()` string; other languages are Qt
  translation sources in ui/i18n/counter_app_<lang>.ts. `LanguageManager` compiles a .ts with
  pyside6-lrelease into <data dir>/cache/i18n/ the first time it is needed (off the GUI thread when
  switching at run time) and installs it; Qt then sends LanguageChange to every widget and each view's
  `retranslate()` sets its texts again, so nothing typed is lost. Without lrelease (a broken install)
  the .ts is read directly by a small Python translator.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QThreadPool, QTimer, QTranslator, Signal
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from counter_app.paths import resource
from resources import package_dir
from ui.jobs import excepthook, run_job

I18N_DIR = package_dir("ui") / "i18n"
LANGUAGES = ("vi", "en")
FONT_FAMILY = "Noto Sans"
APP_ICON = resource("icons", "counter-app.svg")

_fonts_loaded: list[str] = []


def load_fonts() -> list[str]:
    """Register the bundled TTFs once; returns the families Qt now knows from them."""
    if _fonts_loaded:
        return list(_fonts_loaded)
    folder = resource("fonts")
    for path in sorted(folder.glob("*.ttf")) if folder.is_dir() else []:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            _fonts_loaded.extend(
                f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in _fonts_loaded
            )
    return list(_fonts_loaded)


def make_app(argv: list[str] | None = None, *, name: str = "counter-app") -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(name)
    app.setOrganizationName("counter-app")
    families = load_fonts()
    if FONT_FAMILY in families:
        font = QFont(FONT_FAMILY)
        font.setPointSize(10)
        app.setFont(font)
    if APP_ICON.exists():
        app.setWindowIcon(QIcon(str(APP_ICON)))
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    # Jobs mostly wait (disk, printer, network): a hung printer must not hold the only two threads a
    # two-core clerk PC would get by default, or every later save and search would queue behind it.
    pool = QThreadPool.globalInstance()
    pool.setMaxThreadCount(max(8, pool.maxThreadCount()))
    if sys.excepthook is sys.__excepthook__:  # (pytest-qt installs its own, which fails the test)
        sys.excepthook = excepthook
    return app


# --- translations ---------------------------------------------------------------------------------


def ts_file(lang: str) -> Path:
    return I18N_DIR / f"counter_app_{lang}.ts"


def find_lrelease() -> Path | None:
    """PySide6 ships lrelease next to its package; the venv's `pyside6-lrelease` wraps the same tool."""
    import PySide6

    exe = "lrelease.exe" if os.name == "nt" else "lrelease"
    bundled = Path(PySide6.__file__).resolve().parent / exe
    if bundled.exists():
        return bundled
    for name in ("pyside6-lrelease", "lrelease"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def compile_translation(lang: str, cache_dir: Path) -> Path | None:
    """The compiled .qm for `lang` (built if missing or stale); None when there is nothing to build.

    Blocking (runs a subprocess): call it from a job, or before the event loop starts.
    """
    source = ts_file(lang)
    if not source.exists():
        return None
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    target = Path(cache_dir) / f"counter_app_{lang}-{digest}.qm"
    if target.exists():
        return target
    tool = find_lrelease()
    if tool is None:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp.qm")
    proc = subprocess.run(
        [str(tool), "-silent", str(source), "-qm", str(tmp)], capture_output=True, text=True, timeout=60
    )
    if proc.returncode != 0 or not tmp.exists():
        return None
    os.replace(tmp, target)
    for old in target.parent.glob(f"counter_app_{lang}-*.qm"):
        if old != target:
            old.unlink(missing_ok=True)
    return target


class TsTranslator(QTranslator):
    """Reads a .ts file directly: the fallback when lrelease is not available."""

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table: dict[tuple[str, str, str], str] = {}  # (context, source, disambiguation)
        root = ET.parse(path).getroot()
        for context in root.iter("context"):
            ctx_name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source") or ""
                node = message.find("translation")
                if (
                    node is None
                    or node.get("type") in ("unfinished", "obsolete", "vanished")
                    or not node.text
                ):
                    continue
                self._table[(ctx_name, source, message.findtext("comment") or "")] = node.text

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, not "": Qt then keeps the source text.
        return self._table.get((context, source, disambiguation or ""))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not self._table


class LanguageManager(QObject):
    """Installs the translator of the chosen language; `changed` fires after the windows retranslated."""

    changed = Signal(str)

    def __init__(self, cache_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache_dir = Path(cache_dir)
        self.current = "vi"
        self._translator: QTranslator | None = None

    def apply_now(self, lang: str) -> bool:
        """Blocking variant for start-up (before any window is shown)."""
        return self._install(lang, compile_translation(lang, self.cache_dir) if lang != "vi" else None)

    def switch(self, lang: str, on_done: Callable[[bool], None] | None = None) -> None:
        """Compile off the GUI thread if needed, then install on the GUI thread."""
        if lang == "vi":
            ok = self._install("vi", None)
            if on_done:
                on_done(ok)
            return

        def installed(qm: Path | None) -> None:
            ok = self._install(lang, qm)
            if on_done:
                on_done(ok)

        run_job(
            compile_translation,
            lang,
            self.cache_dir,
            on_done=installed,
            on_error=lambda _exc: installed(None),
        )

    def _install(self, lang: str, qm: Path | None) -> bool:
        if lang not in LANGUAGES:
            return False
        translator: QTranslator | None = None
        if lang != "vi":
            translator = QTranslator(self)
            if qm is None or not translator.load(str(qm)):
                if not ts_file(lang).exists():
                    return False
                translator = TsTranslator(ts_file(lang), self)
        if self._translator is not None:
            QCoreApplication.removeTranslator(self._translator)
            self._translator.deleteLater()
        self._translator = translator
        if translator is not None:
            QCoreApplication.installTranslator(translator)
        self.current = lang
        locale = (
            QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
            if lang == "vi"
            else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
        )
        QLocale.setDefault(locale)
        # Qt posts LanguageChange to every window; announce the switch once those have been handled.
        QTimer.singleShot(0, self, lambda: self.changed.emit(lang))
        return True
