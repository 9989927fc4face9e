"""Qt translation sources (.ts) of the windows; Vietnamese is the source language of every tr() text.

counter_app_en.ts is the English translation of the clerk window. After changing texts in ui/clerk/,
refresh it (keeps existing translations, drops texts that are gone) and translate the new entries,
e.g. with pyside6-linguist:

    cd ui/clerk && pyside6-lupdate -no-obsolete -locations none -target-language en *.py \\
        -ts ../i18n/counter_app_en.ts

The app compiles it with pyside6-lrelease into <data dir>/cache/i18n/ when English is first needed
(ui.qt_app.compile_translation); tests check that every text of the views has a translation.
"""
