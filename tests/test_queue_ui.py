"""Kiosk, waiting-room board and the clerk's queue panel, driven through pytest-qt against a real
SQLite queue and a real ESC/POS printer on 127.0.0.1. Screenshots land in tests/_screenshots/."""

from __future__ import annotations

import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from counter_app.services.context import AppContext
from counter_app.services.queue.local import LocalQueue
from tests.clerk_support import finish, wait_idle
from tests.escpos_fake import FakePrinter, raster_image, refused_uri
from ui.clerk.queue_panel import QueuePanel
from ui.display.app import Announcer, DisplayBoard
from ui.display.speech import (
    NUMBER_WORDS,
    RATE,
    CallSound,
    call_text,
    chime_frames,
    clip_names,
    number_words,
    read_frames,
    silence,
    spoken_text,
)
from ui.kiosk.app import KioskWindow
from ui.qt_app import make_app

pytest_plugins = ["tests.clerk_fixtures"]

SHOTS = Path(__file__).resolve().parent / "_screenshots"


def shot(widget: Any, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    QApplication.processEvents()  # let a pending relayout (text just changed) land, as it would on screen
    path = SHOTS / f"queue_{name}.png"
    assert widget.grab().save(str(path))
    return path


@pytest.fixture
def q(ctx: AppContext) -> Iterator[LocalQueue]:
    make_app()
    ctx.config.update({"printer.timeout_ms": 500})
    yield LocalQueue(ctx)
    # Jobs still running must land before the database closes.
    QThreadPool.globalInstance().waitForDone(10_000)
    QApplication.processEvents()


# --- kiosk -----------------------------------------------------------------------------------------


def test_kiosk_issues_prints_shows_and_returns_to_idle(qtbot: Any, ctx: AppContext, q: LocalQueue) -> None:
    with FakePrinter() as printer:
        ctx.config.set("printer.ticket", printer.uri)
        kiosk = KioskWindow(q, agency="UBND Phường Bến Nghé", idle_seconds=0.6)
        qtbot.addWidget(kiosk)
        kiosk.resize(1024, 768)
        with qtbot.waitSignal(kiosk.ready, timeout=5000):
            kiosk.show()
        qtbot.waitUntil(lambda: kiosk.service_button("C").isVisible())
        shot(kiosk, "kiosk_idle")
        kiosk.priority_button.click()
        with qtbot.waitSignal(kiosk.printed, timeout=5000) as got:
            qtbot.mouseClick(kiosk.service_button("B"), Qt.MouseButton.LeftButton)
            # A second tap while the first is in flight must not take a second number.
            kiosk.take("B")
        ticket = got.args[0]
        assert ticket.number == "B001" and ticket.priority and ticket.printed
        assert kiosk.number_label.text() == "B001" and not kiosk.on_idle_page()
        assert "nhận phiếu" in kiosk.print_label.text()
        shot(kiosk, "kiosk_number")
        assert raster_image(printer.jobs[-1]).width == 384
        with qtbot.waitSignal(kiosk.went_idle, timeout=5000):
            pass
        assert kiosk.on_idle_page() and not kiosk.priority_button.isChecked()
        assert q.status().to_json()["waiting"][1]["waiting"] == 1  # exactly one B ticket


def test_kiosk_printer_fault_keeps_the_number_on_screen_and_stored(
    qtbot: Any, ctx: AppContext, q: LocalQueue
) -> None:
    ctx.config.set("printer.ticket", refused_uri())
    kiosk = KioskWindow(q, agency="UBND Phường Bến Nghé", idle_seconds=30)
    qtbot.addWidget(kiosk)
    kiosk.resize(1024, 768)
    with qtbot.waitSignal(kiosk.ready, timeout=5000):
        kiosk.show()
    with qtbot.waitSignal(kiosk.print_failed, timeout=5000) as got:
        kiosk.service_button("A").click()
    assert got.args[0] == "A001" and "từ chối" in got.args[1]
    assert kiosk.number_label.text() == "A001"
    assert "A001" in kiosk.print_label.text() and "in lại" in kiosk.print_label.text()
    assert "127.0.0.1" not in kiosk.print_label.text()  # citizens get plain words, not addresses
    shot(kiosk, "kiosk_print_fault")
    assert q.status().unprinted == ["A001"]
    kiosk.done_button.click()
    assert kiosk.on_idle_page()


# --- speech ----------------------------------------------------------------------------------------


def test_call_text_and_clip_sequence() -> None:
    assert call_text("A012", 3) == "Mời số A012 đến quầy số 3"
    assert spoken_text("A012", 3) == "Mời số a, mười hai, đến quầy số ba"
    assert spoken_text("s105", 12) == "Mời số ét xì, một trăm linh năm, đến quầy số mười hai"
    assert spoken_text("B021", 25) == "Mời số bê, hai mươi mốt, đến quầy số hai mươi lăm"
    assert clip_names("A012", 3) == [
        "chime",
        "moi_so",
        "letter_a",
        "word_muoi",
        "digit_2",
        "den_quay_so",
        "digit_3",
    ]
    assert clip_names("C121", 10) == [
        "chime",
        "moi_so",
        "letter_c",
        "digit_1",
        "word_tram",
        "digit_2",
        "word_muoi_ngang",
        "word_mot_sac",
        "den_quay_so",
        "word_muoi",
    ]


@pytest.mark.parametrize(
    "n,said",
    [
        (0, "không"),
        (1, "một"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi bốn"),
        (25, "hai mươi lăm"),
        (99, "chín mươi chín"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"),
        (1000, "một nghìn"),
        (1005, "một nghìn không trăm linh năm"),
        (1010, "một nghìn không trăm mười"),
        (1100, "một nghìn một trăm"),
        (2021, "hai nghìn không trăm hai mươi mốt"),
        (9999, "chín nghìn chín trăm chín mươi chín"),
    ],
)
def test_numbers_are_read_as_vietnamese_numbers(n: int, said: str) -> None:
    assert " ".join(number_words(n)) == said


def test_every_number_has_its_clips_and_long_numbers_fall_back_to_digits() -> None:
    sounds = Path(__file__).resolve().parents[1] / "resources" / "sounds"
    used = {name for n in range(10_000) for name in clip_names(f"A{n:03d}", 1 + n % 99)}
    assert {name for name in used if not (sounds / f"{name}.wav").exists()} == set()
    assert spoken_text("A12345", 1) == "Mời số a, một hai ba bốn năm, đến quầy số một"
    with pytest.raises(ValueError):
        number_words(10_000)


def test_every_clip_is_there_in_the_format_the_player_joins() -> None:
    sounds = Path(__file__).resolve().parents[1] / "resources" / "sounds"
    names = {
        "chime",
        "moi_so",
        "den_quay_so",
        *(f"digit_{d}" for d in range(10)),
        *(f"letter_{c}" for c in "abcdefghijklmnopqrstuvwxyz"),
        *NUMBER_WORDS,
    }
    for name in names:
        with wave.open(str(sounds / f"{name}.wav"), "rb") as w:
            assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, RATE), name
            assert 0.15 < w.getnframes() / RATE < 2.0, name
    assert read_frames(sounds / "chime.wav") == chime_frames()  # the committed chime is the synthesised one
    assert (sounds / "README.md").read_text(encoding="utf-8").count("espeak-ng") >= 2


def test_clips_are_joined_in_call_order(tmp_path: Path) -> None:
    sounds = Path(__file__).resolve().parents[1] / "resources" / "sounds"
    path = CallSound(mode="clips", out_dir=tmp_path).build("B105", 2)
    parts = [read_frames(sounds / f"{n}.wav") for n in clip_names("B105", 2)]
    expected = parts[0] + silence(0.15) + silence(0.06).join(parts[1:])
    assert read_frames(path) == expected


def test_espeak_voice_when_installed(tmp_path: Path) -> None:
    sound = CallSound(mode="auto", out_dir=tmp_path)
    if sound.espeak is None:
        pytest.skip("espeak-ng is not installed here: the clips are used (tested above)")
    assert sound.engine() == "espeak"
    frames = read_frames(sound.build("A012", 3))
    chime = chime_frames()
    assert frames.startswith(chime)
    speech = frames[len(chime) :]
    assert len(speech) > RATE * 2 * 1.5  # more than 1.5 s of speech after the chime
    assert any(
        abs(int.from_bytes(speech[i : i + 2], "little", signed=True)) > 3000
        for i in range(0, len(speech), 200)
    )


def test_broken_espeak_falls_back_to_clips(tmp_path: Path) -> None:
    fake = tmp_path / "espeak-ng"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    sound = CallSound(mode="espeak", espeak=str(fake), out_dir=tmp_path)
    clips = CallSound(mode="clips", out_dir=tmp_path / "c")
    assert read_frames(sound.build("C007", 1)) == read_frames(clips.build("C007", 1))


# --- display board ---------------------------------------------------------------------------------


class RecordingPlayer:
    """Stands in for the sound card: keeps what it was asked to play."""

    def __init__(self) -> None:
        self.played: list[Path] = []

    def play(self, path: Path) -> None:
        self.played.append(path)


def test_display_shows_calls_highlights_and_announces(qtbot: Any, tmp_path: Path, q: LocalQueue) -> None:
    for service in "AABAC":
        q.issue(service, print_ticket=False)
    q.call_next(1, actor="cb")  # before the board starts: shown, not announced
    player = RecordingPlayer()
    announcer = Announcer(CallSound(mode="clips", out_dir=tmp_path), player, pace=0)
    board = DisplayBoard(
        q,
        agency="UBND Phường Bến Nghé",
        announcer=announcer,
        counters=[1, 2, 3],
        poll_ms=100,
        flash_ms=50,
        clock=q.ctx.now,
    )
    qtbot.addWidget(board)
    board.resize(1366, 768)
    with qtbot.waitSignal(board.refreshed, timeout=5000):
        board.show()
    assert board.tiles[1].number.text() == "A001" and board.highlights == 0 and player.played == []

    q.call_next(3, actor="cb")
    with qtbot.waitSignal(announcer.spoken, timeout=5000) as said:
        pass
    assert said.args[0] == "Mời số a, hai, đến quầy số ba"
    assert board.tiles[3].number.text() == "A002"
    assert board.banner_text.text() == "Mời số A002 đến quầy số 3"
    assert board.highlights == 1
    qtbot.waitUntil(lambda: board.tiles[3].property("flash") == "true")
    shot(board, "display_call")

    # A recall is a call again: highlighted and spoken every time.
    q.recall(3, actor="cb")
    q.call_next(2, actor="cb")
    qtbot.waitUntil(lambda: len(announcer.history) == 3, timeout=5000)
    assert [t for t, _ in announcer.history][1:] == [spoken_text("A002", 3), spoken_text("B001", 2)]
    assert board.highlights == 3
    assert board.tiles[2].number.text() == "B001"
    recent = [label.text() for label in board.recent_labels if label.text()]
    assert recent[0] == "B001  →  Quầy 2" and len(recent) == 4
    assert "Hộ tịch: 1 người chờ" in board.waiting_label.text()
    assert len(player.played) == 3
    sounds = Path(__file__).resolve().parents[1] / "resources" / "sounds"
    expected = [read_frames(sounds / f"{n}.wav") for n in clip_names("B001", 2)]
    assert read_frames(player.played[-1]) == expected[0] + silence(0.15) + silence(0.06).join(expected[1:])


def test_display_without_voice_still_highlights(qtbot: Any, q: LocalQueue) -> None:
    board = DisplayBoard(q, announcer=None, poll_ms=100, flash_ms=50)
    qtbot.addWidget(board)
    with qtbot.waitSignal(board.refreshed, timeout=5000):
        board.show()
    q.issue("C", print_ticket=False)
    q.call_next(5, actor="cb")
    with qtbot.waitSignal(board.called, timeout=5000):
        pass
    assert 5 in board.tiles and board.tiles[5].number.text() == "C001" and board.highlights == 1


# --- clerk panel -----------------------------------------------------------------------------------


def test_queue_panel_actions_and_shortcuts(qtbot: Any, ctx: AppContext, q: LocalQueue) -> None:
    for service, prio in [("A", False), ("A", True), ("B", False)]:
        q.issue(service, priority=prio, print_ticket=False)
    panel = QueuePanel(q, 2, "canbo1", poll_ms=60_000)
    qtbot.addWidget(panel)
    panel.resize(900, 320)
    panel.show()
    qtbot.waitUntil(lambda: "A Hộ tịch: 2, 1 ưu tiên" in panel.waiting_label.text())
    assert not panel.finish_button.isEnabled()

    wait_idle(qtbot)
    with qtbot.waitSignal(panel.called, timeout=5000) as got:
        qtbot.keyClick(panel, Qt.Key.Key_F6)
    assert got.args[0].number == "A002"  # priority first
    qtbot.waitUntil(lambda: panel.number_label.text() == "A002" and panel.finish_button.isEnabled())
    shot(panel, "clerk_panel")

    wait_idle(qtbot)
    qtbot.keyClick(panel, Qt.Key.Key_F7)
    wait_idle(qtbot)
    assert q.ticket("A002").recalls == 1 and "gọi lại 1 lần" in panel.service_label.text()

    with qtbot.waitSignal(panel.transaction_finished, timeout=5000) as done:
        qtbot.keyClick(panel, Qt.Key.Key_F10)
    assert done.args == ["ticket", "A002"]

    wait_idle(qtbot)
    with qtbot.waitSignal(panel.called, timeout=5000):
        panel.call_button.click()
    wait_idle(qtbot)
    assert panel.number_label.text() == "A001" and panel.transfer_button.isEnabled()
    panel.transfer_to("B")
    wait_idle(qtbot)
    assert q.ticket("A001").service == "B"
    qtbot.waitUntil(lambda: panel.number_label.text() == "—")

    with qtbot.waitSignal(panel.called, timeout=5000):
        panel.call_button.click()
    wait_idle(qtbot)
    assert panel.number_label.text() == "A001"  # transferred, issued before B001
    qtbot.keyClick(panel, Qt.Key.Key_F8)
    wait_idle(qtbot)
    assert q.ticket("A001").status == "skipped"

    # The last one, then nobody: a plain message, not an error box.
    with qtbot.waitSignal(panel.called, timeout=5000):
        panel.call_button.click()
    wait_idle(qtbot)
    with qtbot.waitSignal(panel.failed, timeout=5000):
        panel.call_button.click()
    assert "không còn ai chờ" in panel.message.text().lower()
    wait_idle(qtbot)


def test_queue_panel_issue_and_one_action_reprint(qtbot: Any, ctx: AppContext, q: LocalQueue) -> None:
    ctx.config.set("printer.ticket", refused_uri())
    panel = QueuePanel(q, 1, "canbo1", poll_ms=60_000)
    qtbot.addWidget(panel)
    panel.resize(900, 320)
    panel.show()
    wait_idle(qtbot)
    assert panel.service_combo.count() == 3 and panel.issue_button.isEnabled()
    panel.service_combo.setCurrentIndex(panel.service_combo.findData("C"))
    panel.issue_button.click()
    qtbot.waitUntil(lambda: panel.unprinted == ["C001"] and panel.reprint_button.isEnabled(), timeout=5000)
    assert "chưa in được" in panel.message.text()
    shot(panel, "clerk_panel_unprinted")
    with FakePrinter() as printer:
        ctx.config.set("printer.ticket", printer.uri)
        panel.reprint_button.click()
        qtbot.waitUntil(lambda: panel.unprinted == [], timeout=5000)
        assert raster_image(printer.jobs[-1]).width == 384
    assert q.ticket("C001").printed
    wait_idle(qtbot)


def test_panel_is_mounted_in_the_clerk_window(qtbot: Any, window: Any) -> None:
    assert "queue" in window.panels
    panel = window.panels["queue"][0]
    assert isinstance(panel, QueuePanel)
    q = panel.queue
    q.issue("A", print_ticket=False)
    q.issue("A", print_ticket=False)
    finished: list[tuple[str, str]] = []
    window.transaction_finished.connect(lambda kind, ref: finished.append((kind, ref)))
    qtbot.keyClick(window, Qt.Key.Key_F4)
    assert window.current_panel() == "queue"
    with qtbot.waitSignal(panel.called, timeout=5000):
        panel.call_button.click()
    wait_idle(qtbot)
    # Calling the next one ends the current citizen's turn: the window hears of it (the rating screen).
    with qtbot.waitSignal(window.transaction_finished, timeout=5000):
        panel.call_button.click()
    assert finished == [("ticket", "A001")]
    wait_idle(qtbot)
    shot(window, "clerk_window_queue_tab")
    finish(qtbot)
