"""English for the whole clerk window: every Qt text of ui/ has a finished translation in the .ts, and
the panels other features mount (queue, feedback, reports) switch to English and back at run time."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import PySide6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QScrollArea,
    QTableWidget,
    QWidget,
)

from counter_app.config import KEYS
from counter_app.domain import feedback as fb
from counter_app.domain import sipas
from counter_app.services import report_document as words
from counter_app.services.context import AppContext
from counter_app.services.forms import FORM_LABELS_VI
from counter_app.services.queue import open_queue
from tests.clerk_support import add_user, finish, open_window, save_shot, wait_idle
from tests.i18n_support import UI, scan_sources, ts_messages, untranslated
from tests.reports_support import build_month
from ui.clerk.config_form import _LABELS, CHOICES, UNTRANSLATED_CHOICES
from ui.clerk.main_window import MainWindow
from ui.clerk.services import ClerkServices
from ui.qt_app import TsTranslator, ts_file

pytest_plugins = ["tests.clerk_fixtures"]

# Letters only Vietnamese uses (English text never has them): a panel text with one is untranslated.
VIETNAMESE = re.compile(
    "[àáạảãâầấậẩẫăằắặẳẵđèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ]", re.IGNORECASE
)


# --- the .ts is complete ------------------------------------------------------------------------------


def test_every_qt_text_under_ui_has_english() -> None:
    """Scans ALL ui/**/*.py for tr("…") / translate("Context", "…") / QT_TRANSLATE_NOOP literals."""
    scan = scan_sources()
    assert len(scan.texts) > 400, "the scan found the clerk window's texts"
    assert not scan.problems, "\n".join(scan.problems)
    missing = untranslated(scan.texts, ts_messages())
    assert not missing, "add English to ui/i18n/counter_app_en.ts for:\n" + "\n".join(missing[:20])


def test_lupdate_over_the_documented_files_finds_the_same_texts(tmp_path: Path) -> None:
    """The refresh command in ui/i18n/__init__.py keeps every text (with -no-obsolete it would drop any
    that lupdate cannot see), and the scan above sees what lupdate sees."""
    exe = Path(PySide6.__file__).parent / ("lupdate.exe" if sys.platform == "win32" else "lupdate")
    tool = str(exe) if exe.exists() else shutil.which("pyside6-lupdate")
    assert tool
    files = sorted((UI / "clerk").glob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [tool, "-silent", "-locations", "none", *map(str, files), "-ts", str(fresh)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert set(ts_messages(fresh)) == set(scan_sources().texts)


def test_texts_shown_through_variables_have_english() -> None:
    """Names that the views pass to tr() in a variable, from the core's tables: a renamed one must be
    listed again (QT_TRANSLATE_NOOP next to its use) and translated."""
    have = ts_messages()
    wanted = (
        [("FeedbackPanel", c.vi, "") for c in fb.CATEGORIES.values()]
        + [("FormsDialog", label, "") for label in FORM_LABELS_VI.values()]
        + [
            ("ReportsPanel", text, "")
            for text in (
                *(lv.vi for lv in sipas.LEVELS.values()),
                *(g.vi for g in sipas.GROUPS),
                *words.METHOD_LABELS_VI.values(),
                *words.REGISTER_HEADER,
                *words.QUEUE_HEADER,
                *words.ABSENT_VI.values(),
            )
        ]
    )
    missing = [w for w in wanted if not have.get(w)]
    assert not missing, f"no English for {missing}"
    # The citizen screen says the same in English: the clerk's tables should not say it differently.
    categories, levels = fb.CATEGORIES.values(), sipas.LEVELS.values()
    assert [have[("FeedbackPanel", c.vi, "")] for c in categories] == [c.en for c in categories]
    assert [have[("ReportsPanel", lv.vi, "")] for lv in levels] == [lv.en for lv in levels]


def test_every_settings_label_and_choice_has_english() -> None:
    """The settings window shows each declared key by its label through translate("ConfigLabels", label):
    a key a feature adds must be listed in _LABELS (for lupdate) and translated, or it stays Vietnamese."""
    have, scanned = ts_messages(), scan_sources().texts
    labels = [spec.label for spec in KEYS.values()]
    unlisted = [label for label in labels if label not in _LABELS]
    assert not unlisted, (
        f'add QT_TRANSLATE_NOOP("ConfigLabels", …) to _LABELS in ui/clerk/config_form.py: {unlisted}'
    )
    assert not [label for label in _LABELS if label not in labels], (
        "_LABELS lists a label no key has any more"
    )
    untranslated_labels = [label for label in labels if not have.get(("ConfigLabels", label, ""))]
    assert not untranslated_labels, f"no English in the ConfigLabels context for {untranslated_labels}"
    # Choice lists: every label passed through QT_TRANSLATE_NOOP (lupdate sees it) and translated;
    # only the language names stay as they are, each in its own language.
    choices = [
        (key, label)
        for key, options in CHOICES.items()
        if key not in UNTRANSLATED_CHOICES
        for _value, label in options
    ]
    assert len(choices) >= 12
    unseen = [c for c in choices if ("ConfigForm", c[1], "") not in scanned]
    assert not unseen, f'list these with QT_TRANSLATE_NOOP("ConfigForm", …): {unseen}'
    missing = [c for c in choices if not have.get(("ConfigForm", c[1], ""))]
    assert not missing, f"no English in the ConfigForm context for {missing}"
    assert [label for _v, label in CHOICES["ui.language"]] == ["Tiếng Việt", "English"]


def test_the_fallback_translator_tells_disambiguations_apart(app_qt: Any) -> None:
    translator = TsTranslator(ts_file("en"))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("ReportsPanel", "Chỉ tiêu", "target percentage") == "Target"
        assert QCoreApplication.translate("ReportsPanel", "Chỉ tiêu") == "Indicator"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_the_scan_catches_missing_unfinished_and_unknown_contexts(tmp_path: Path) -> None:
    src = tmp_path / "ui"
    src.mkdir()
    (src / "view.py").write_text(
        "class View:\n"
        "    def texts(self, window):\n"
        "        self.tr('Có bản dịch')\n"
        "        self.tr('Chưa dịch xong')\n"
        "        self.tr('Quầy {n}')\n"
        "        window.tr('Không rõ ngữ cảnh')\n"
        "        QCoreApplication.translate('Other', 'Mới thêm')\n",
        encoding="utf-8",
    )
    ts = tmp_path / "en.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="en"><context><name>View</name>'
        "<message><source>Có bản dịch</source><translation>Translated</translation></message>"
        '<message><source>Chưa dịch xong</source><translation type="unfinished">Half</translation></message>'
        "<message><source>Quầy {n}</source><translation>Counter {number}</translation></message>"
        "</context></TS>",
        encoding="utf-8",
    )
    scan = scan_sources(src)
    assert len(scan.problems) == 1 and "window.tr('Không rõ ngữ cảnh')" in scan.problems[0]
    missing = untranslated(scan.texts, ts_messages(ts))
    assert len(missing) == 3
    assert (
        "'Chưa dịch xong'" in missing[1] and "placeholders differ" in missing[2] and "[Other]" in missing[0]
    )


# --- switching the mounted panels ---------------------------------------------------------------------


def _chrome(panel: QWidget, data: set[QWidget]) -> list[str]:
    """The visible texts a panel writes itself: buttons, captions, group titles, table headers."""
    texts = [w.text() for w in panel.findChildren(QAbstractButton) if w.isVisibleTo(panel)]
    texts += [w.text() for w in panel.findChildren(QLabel) if w.isVisibleTo(panel) and w not in data]
    texts += [w.title() for w in [panel, *panel.findChildren(QGroupBox)] if isinstance(w, QGroupBox)]
    for table in panel.findChildren(QTableWidget):
        if table.isVisibleTo(panel):
            texts += [table.horizontalHeaderItem(i).text() for i in range(table.columnCount())]
    return [t for t in texts if t]


def _column(table: QTableWidget, c: int) -> list[str]:
    return [table.item(r, c).text() for r in range(table.rowCount())]


def _switch(qtbot: Any, window: MainWindow, lang: str) -> None:
    assert window.languages is not None
    with qtbot.waitSignal(window.languages.changed, timeout=10_000):
        window.languages.switch(lang)
    wait_idle(qtbot)


def test_queue_feedback_and_reports_tabs_switch_to_english_and_back(
    qtbot: Any, ctx: AppContext, clock: Any, services: ClerkServices, languages: Any
) -> None:
    build_month(ctx, clock)  # October 2026 with dossiers, ratings, queue, payments and feedback
    queue = open_queue(ctx)
    queue.issue("A", priority=True, print_ticket=False, actor="lan")
    queue.issue("A", print_ticket=False, actor="lan")
    queue.call_next(1, actor="lan")
    window = open_window(qtbot, services, add_user(ctx), languages)
    try:
        q, f, r = window.queue_panel, window.feedback_panel, window.reports_panel
        assert f is not None and r is not None
        with qtbot.waitSignal(f.loaded, timeout=10_000):
            window.show_panel("feedback")
        with qtbot.waitSignal(r.loaded, timeout=10_000):
            window.show_panel("reports")
        window.show_panel("queue")
        qtbot.waitUntil(lambda: q.current is not None and "ưu tiên" in q.service_label.text())
        assert q.call_button.text() == "Gọi số tiếp (F6)" and f.refresh_button.text() == "Làm mới"
        assert r.cards["wait_avg"].text() == "26 phút 24 giây"
        queue_data = {q.number_label, q.service_label, q.waiting_label, q.message, q.unprinted_label}

        _switch(qtbot, window, "en")
        tabs = [window.tabs.tabText(window.tabs.indexOf(p)) for p in (q, f, r)]
        assert tabs == ["Queue (F4)", "Feedback", "Reports"]
        # Queue: title, buttons with their keys, the called ticket's details and the waiting counts.
        assert q.title() == "Queue — Counter 1" and q.call_button.text() == "Call next (F6)"
        assert q.skip_button.text() == "No-show (F8)" and q.priority_check.text() == "Priority"
        assert q.service_label.text().endswith(" · priority")
        assert q.waiting_label.text().startswith("Waiting — A ")
        # Feedback: headers, category and state of each row, the summary line.
        assert (
            f.title.text() == "Citizens' feedback and complaints" and f.answer_button.text() == "Save answer"
        )
        assert f.table.horizontalHeaderItem(2).text() == "Answer due"
        assert set(_column(f.table, 6)) <= {"Awaiting answer", "Answer overdue"} and f.table.rowCount() == 2
        assert set(_column(f.table, 3)) <= {c.en for c in fb.CATEGORIES.values()}
        assert f.summary.text() == "2 awaiting an answer, 1 of them overdue"
        # Reports: cards, section heads, row labels of the tables, the chart titles.
        assert (
            r.refresh_button.text() == "Show report"
            and r.card_captions["missing"].text() == "Overdue, no apology"
        )
        assert r.cards["wait_avg"].text() == "26 min 24 s" and r.heads["queue"].text() == "IV. Queue tickets"
        assert _column(r.tables["dossiers"], 0)[0] == "Dossiers received this month"
        assert _column(r.tables["groups"], 5)[:2] == ["Missed", "Missed"]
        # The same Vietnamese word, two meanings (told apart by a disambiguation).
        assert r.tables["groups"].horizontalHeaderItem(4).text() == "Target"
        assert r.tables["dossiers"].horizontalHeaderItem(0).text() == "Indicator"
        assert r.sipas_view.chart().title() == "SIPAS satisfaction vs. target"
        assert r.state_label.text().startswith("Figures for 10/2026, computed at ")
        for key in ("dossiers", "ratings", "groups", "payments", "feedback"):
            labels = _column(r.tables[key], 0)
            assert not [t for t in labels if VIETNAMESE.search(t)], f"{key}: {labels}"
        # Nothing the panels write themselves is left in Vietnamese (data such as names may be).
        for panel, data in ((q, queue_data), (f, set()), (r, set())):
            left = [t for t in _chrome(panel, data) if VIETNAMESE.search(t)]
            assert not left, f"{type(panel).__name__}: {left}"
        # Sync (status bar and View menu).
        assert window.sync_controller.action.text() == "Sync &now with the city server"
        for key in ("queue", "feedback", "reports", "board"):
            window.show_panel(key)
            save_shot(window, f"i18n-en-{key}-1366x768")
        save_shot(r.content, "i18n-en-reports-full")  # the whole scrolled page

        _switch(qtbot, window, "vi")
        assert window.tabs.tabText(window.tabs.indexOf(f)) == "Phản ánh, kiến nghị"
        assert q.call_button.text() == "Gọi số tiếp (F6)" and q.title() == "Số thứ tự — Quầy 1"
        assert q.service_label.text().endswith(" · ưu tiên")
        assert f.title.text() == "Phản ánh, kiến nghị của người dân" and "Chờ trả lời" in _column(f.table, 6)
        assert r.refresh_button.text() == "Xem báo cáo" and r.cards["wait_avg"].text() == "26 phút 24 giây"
        assert _column(r.tables["dossiers"], 0)[0] == "Hồ sơ tiếp nhận trong tháng"
        assert window.sync_controller.action.text() == "Đồng bộ &ngay với máy chủ thành phố"
        wait_idle(qtbot)
    finally:
        finish(qtbot)


def _clipped(widget: QWidget) -> bool:
    """Narrower than its text needs (a one-line label or a combo's current choice cut off on the right)."""
    return widget.width() < widget.sizeHint().width()


def test_settings_window_in_english_shows_every_label_in_full(qtbot: Any, window: MainWindow) -> None:
    """Every tab of the settings window at 1366×768 in English: no row label, choice or tab title left in
    Vietnamese, none cut off, no page taller than the window (no scrolling); a screenshot of each tab."""
    window.show_panel("settings")
    settings = window.settings
    assert settings is not None
    language = settings.forms["ui"].widgets["ui.language"]
    assert isinstance(language, QComboBox)
    language.setCurrentIndex(language.findData("en"))
    assert window.languages is not None
    with qtbot.waitSignal(window.languages.changed, timeout=10_000):
        settings.save_button.click()  # as an administrator does: saved, then applied
    wait_idle(qtbot)
    assert language.currentText() == "English"
    assert settings.message.text() == "Changes saved: 1."  # written before the switch, retranslated by it
    tab_bar = settings.tabs.tabBar()
    shown = 0
    assert settings.tabs.count() == len(settings.forms)
    for i, (key, form) in enumerate(settings.forms.items()):
        settings.tabs.setCurrentIndex(i)
        wait_idle(qtbot)
        save_shot(window, f"1366x768-14-settings-en-{i}-{key}")
        assert not VIETNAMESE.search(settings.tabs.tabText(i)), settings.tabs.tabText(i)
        scroll = settings.tabs.widget(i)
        assert isinstance(scroll, QScrollArea) and not scroll.verticalScrollBar().isVisible(), (
            f"{key} scrolls"
        )
        for name, label in form.labels.items():
            text = label.text()
            assert text.endswith(":") and not VIETNAMESE.search(text), f"{name}: {text!r}"
            assert not _clipped(label), (
                f"{name}: {text!r} is cut off ({label.width()} < {label.sizeHint().width()})"
            )
            field = form.widgets[name]
            if isinstance(field, QComboBox):
                items = [field.itemText(j) for j in range(field.count())]
                if name not in UNTRANSLATED_CHOICES:
                    assert not [t for t in items if VIETNAMESE.search(t)], f"{name}: {items}"
                assert not _clipped(field), f"{name}: {field.currentText()!r} is cut off"
            shown += 1
    assert shown == len(KEYS), "every declared key is on one of the tabs"
    assert tab_bar.sizeHint().width() <= tab_bar.width(), "all tab titles fit without scroll arrows"
