"""Log files, unexpected errors told in one sentence, and the support bundle (no citizens' data)."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from counter_app.services.dossiers import DossierService
from tests.core_support import run_main


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    root = tmp_path / "office"
    rc, _, err = run_main("demo", data_dir=root)
    assert rc == 0, err
    return root


def test_an_unexpected_error_is_logged_with_its_traceback_and_told_in_one_sentence(
    demo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: DossierService, query: str) -> list[object]:
        raise RuntimeError("an index the code did not expect")

    monkeypatch.setattr(DossierService, "find", broken)
    rc, out, err = run_main("dossier", "find", "nguyen", data_dir=demo_dir)
    assert rc == 70 and out == ""
    assert "Traceback" not in err and "Chi tiết đã ghi vào nhật ký" in err and "RuntimeError" in err
    assert len(err.strip().splitlines()) == 1
    log = (demo_dir / "logs" / "cli.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "an index the code did not expect" in log
    assert "in broken" in log
    assert (demo_dir / "logs" / "cli.log").stat().st_mode & 0o077 == 0


def _demo_people(root: Path) -> set[str]:
    conn = sqlite3.connect(root / "counter.sqlite")
    try:
        rows = conn.execute("SELECT applicant_name, id_number, phone FROM dossiers").fetchall()
    finally:
        conn.close()
    return {str(v) for row in rows for v in row if v}


def test_support_bundle_holds_logs_config_versions_and_quick_check_but_no_citizen(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_main("config", "set", "city.secret", "khoa-bi-mat-9f3a", data_dir=demo_dir)[0] == 0
    people = _demo_people(demo_dir)
    assert len(people) > 30
    # Searches by name, phone and ID number, and a failure whose message carries a citizen's number:
    # whatever reaches the log is blanked in the bundle.
    some_id = next(p for p in people if p.isdigit() and len(p) == 12)
    for query in ("nguyen van", some_id):
        assert run_main("dossier", "find", query, "--json", data_dir=demo_dir)[0] == 0

    def broken(self: DossierService, query: str) -> list[object]:
        raise RuntimeError(f"no match for {query}")

    monkeypatch.setattr(DossierService, "find", broken)
    assert run_main("dossier", "find", some_id, data_dir=demo_dir)[0] == 70
    monkeypatch.undo()

    target = tmp_path / "ho-tro.zip"
    rc, out, err = run_main("support-bundle", "-o", str(target), data_dir=demo_dir)
    assert rc == 0, err
    assert target.stat().st_mode & 0o077 == 0
    with zipfile.ZipFile(target) as zf:
        names = set(zf.namelist())
        texts = {n: zf.read(n).decode("utf-8") for n in names}
    assert {"versions.json", "config.json", "quick_check.json", "logs/cli.log"} <= names
    assert not any(n.endswith((".sqlite", ".pdf", ".toml")) for n in names)
    versions = json.loads(texts["versions.json"])
    assert versions["counter_app"] and versions["libraries"]["sqlalchemy"]
    config = json.loads(texts["config.json"])
    assert config["city.secret"] == "********"
    assert json.loads(texts["quick_check.json"])["quick_check"] == ["ok"]
    assert "RuntimeError" in texts["logs/cli.log"]
    everything = "\n".join(texts.values())
    assert "khoa-bi-mat-9f3a" not in everything
    leaked = sorted(p for p in people if p in everything)
    assert leaked == []


def test_support_bundle_works_when_the_config_cannot_be_read(demo_dir: Path, tmp_path: Path) -> None:
    (demo_dir / "config.toml").write_text("[city]\nsecret = 'x'\n[[broken", encoding="utf-8")
    target = tmp_path / "b.zip"
    rc, _, err = run_main("support-bundle", "-o", str(target), data_dir=demo_dir)
    assert rc == 0, err
    with zipfile.ZipFile(target) as zf:
        assert "error" in json.loads(zf.read("config.json"))


def test_a_failed_job_and_an_escaped_exception_reach_the_log_and_the_clerk(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    from counter_app import logs
    from ui.jobs import excepthook, run_job

    path = logs.setup(tmp_path, "gui")
    window = QWidget()
    qtbot.addWidget(window)
    window.show()

    def print_receipt() -> None:
        raise KeyError("template")

    run_job(print_receipt)  # no on_error: still logged, still shown

    def box() -> QMessageBox | None:
        found = [w for w in QApplication.topLevelWidgets() if w.objectName() == "unexpected_error"]
        return found[0] if found and found[0].isVisible() else None  # type: ignore[return-value]

    qtbot.waitUntil(lambda: box() is not None)
    shown = box()
    assert shown is not None
    assert shown.text() == "Đã xảy ra lỗi không mong đợi (KeyError). Chi tiết đã ghi vào nhật ký."
    text = path.read_text(encoding="utf-8")
    assert "job " in text and "print_receipt" in text and "Traceback" in text
    qtbot.keyClick(shown, "\r")  # Enter closes it
    qtbot.waitUntil(lambda: box() is None)

    try:
        raise ZeroDivisionError("in a slot")
    except ZeroDivisionError as exc:
        excepthook(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: box() is not None)
    assert "ZeroDivisionError" in box().text()  # type: ignore[union-attr]
    assert "in a slot" in path.read_text(encoding="utf-8")
    box().close()  # type: ignore[union-attr]
