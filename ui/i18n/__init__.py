"""Qt translation sources (.ts) of the windows; Vietnamese is the source language of every tr() text.

counter_app_en.ts is the English translation of the clerk window (ui/clerk, with its rating hook).
After changing texts there, refresh it from the repository root (keeps existing translations, drops
texts that are gone) and translate the new entries, e.g. with pyside6-linguist:

    pyside6-lupdate -no-obsolete -locations none -target-language en ui/clerk/*.py -ts ui/i18n/counter_app_en.ts

Leave out the rest of ui/rating, ui/kiosk and ui/display: the citizen screens keep their own VI/EN words
(ui/rating/strings.py) and a plain `tr(key, lang)` that lupdate would take for Qt's. Texts shown through
a variable (feedback categories, form names, the report's wording) are listed with QT_TRANSLATE_NOOP
next to their use so lupdate keeps them. Use `self.tr("…")` inside the class or
`QCoreApplication.translate("Context", "…")`, never `other_object.tr("…")`: its context is unknown
until run time. `python -m tests.i18n_support` lists what the .ts still lacks.

The app compiles it with pyside6-lrelease into <data dir>/cache/i18n/ when English is first needed
(ui.qt_app.compile_translation); tests/test_clerk_i18n.py checks that every text has a translation.
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - lupdate looks for this name
    """Mark `text` for lupdate under `context` and return it unchanged.

    The same name as Qt's macro, so pyside6-lupdate extracts it; PySide6's own is typed to return
    `object`, which every label table would then have to cast back to `str`."""
    return text
