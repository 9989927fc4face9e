"""Storage failures end in one Vietnamese sentence and a distinct exit status, with the data left intact:
a file that is no database, a damaged or truncated one, a write lock held too long, a full disk; and the
backup / restore commands that get an office out of the damaged case."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

import db.engine
from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from counter_app.storage_errors import EXIT_BUSY, EXIT_DAMAGED, EXIT_DISK_FULL
from tests.conftest import FakeClock, intake_doc
from tests.core_support import run_main, snapshot
from tests.storage_support import fill_disk, small_disk


def one_sentence(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and "sqlalchemy" not in stderr.lower()
    return lines[0]


def fill_db(ctx: AppContext, n: int = 3) -> None:
    for _ in range(n):
        IntakeService(ctx).receive(intake_doc(), actor="system")


def file_bytes(path: Path) -> bytes:
    return path.read_bytes()


# --- damaged files -------------------------------------------------------------------------------


def test_a_file_that_is_no_database_is_named_and_left_alone(data_dir: Path) -> None:
    db_file = data_dir / "counter.sqlite"
    db_file.write_bytes(b"This is a spreadsheet, not a database.\n" * 200)
    before = file_bytes(db_file)
    rc, out, err = run_main("dossier", "list", "--json", data_dir=data_dir)
    assert rc == EXIT_DAMAGED
    line = one_sentence(err)
    assert "hỏng" in line and "restore" in line and str(db_file) in line
    assert file_bytes(db_file) == before
    assert not (data_dir / "backups").exists() or not any((data_dir / "backups").iterdir())


def test_a_truncated_database_is_refused_at_start(ctx: AppContext, data_dir: Path) -> None:
    fill_db(ctx)
    ctx.close()
    db_file = data_dir / "counter.sqlite"
    whole = file_bytes(db_file)
    db_file.write_bytes(whole[: len(whole) // 3])
    before = file_bytes(db_file)
    rc, _out, err = run_main("dossier", "list", "--json", data_dir=data_dir)
    assert rc == EXIT_DAMAGED
    assert "hỏng" in one_sentence(err)
    assert file_bytes(db_file) == before


def test_quick_check_finds_a_damaged_page_and_says_so_plainly(ctx: AppContext, data_dir: Path) -> None:
    fill_db(ctx, 5)
    ctx.close()
    db_file = data_dir / "counter.sqlite"
    conn = sqlite3.connect(db_file)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    # The root page of an index on dossiers: its header scribbled over, the header of the file intact.
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE type='index' AND tbl_name='dossiers' LIMIT 1"
    ).fetchone()[0]
    conn.close()
    raw = bytearray(file_bytes(db_file))
    start = (root - 1) * page_size
    raw[start : start + 64] = b"\xff" * 64
    db_file.write_bytes(bytes(raw))
    rc, _out, err = run_main("dossier", "list", "--json", data_dir=data_dir)
    assert rc == EXIT_DAMAGED, err
    assert "hỏng" in one_sentence(err)
    assert file_bytes(db_file) == bytes(raw)


# --- a write lock held by someone else -------------------------------------------------------------


def test_database_locked_after_the_busy_timeout(
    ctx: AppContext, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db.engine, "BUSY_TIMEOUT_MS", 300)
    ctx.close()
    before = snapshot(data_dir / "counter.sqlite")
    doc = tmp_path / "in.json"
    doc.write_text(json.dumps(intake_doc()), encoding="utf-8")
    holder = sqlite3.connect(data_dir / "counter.sqlite", isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE meta SET value = value WHERE key = 'nothing'")
        rc, _out, err = run_main("dossier", "receive", "--json", str(doc), data_dir=data_dir)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert rc == EXIT_BUSY
    line = one_sentence(err)
    assert "đang bận" in line and "thử lại" in line
    assert snapshot(data_dir / "counter.sqlite") == before
    rc, _out, err = run_main("dossier", "receive", "--json", str(doc), data_dir=data_dir)
    assert rc == 0, err


# --- a full disk, for real -------------------------------------------------------------------------


def test_disk_full_is_one_sentence_and_loses_nothing(
    tmp_path: Path, _template_db: Path, clock: FakeClock
) -> None:
    with small_disk(tmp_path, 2048) as disk:
        data = disk / "data"
        data.mkdir()
        shutil.copyfile(_template_db, data / "counter.sqlite")
        ctx = AppContext(data, clock=clock)
        fill_db(ctx, 1)
        ctx.close()
        before = snapshot(data / "counter.sqlite")
        doc = tmp_path / "in.json"
        doc.write_text(json.dumps(intake_doc()), encoding="utf-8")
        filler = fill_disk(disk)
        rc, _out, err = run_main("dossier", "receive", "--json", str(doc), data_dir=data)
        assert rc == EXIT_DISK_FULL, err
        line = one_sentence(err)
        assert "đầy" in line and "giải phóng" in line
        filler.unlink()
        assert snapshot(data / "counter.sqlite") == before
        rc, _out, err = run_main("dossier", "receive", "--json", str(doc), data_dir=data)
        assert rc == 0, err


# --- backup and restore ----------------------------------------------------------------------------


def test_backup_then_restore_brings_the_data_back_and_keeps_what_it_replaced(
    ctx: AppContext, data_dir: Path, tmp_path: Path
) -> None:
    fill_db(ctx, 2)
    saved = snapshot(data_dir / "counter.sqlite")
    ctx.close()
    target = tmp_path / "copy.sqlite"
    rc, out, err = run_main("backup", "-o", str(target), data_dir=data_dir)
    assert rc == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    ctx2 = AppContext(data_dir, clock=FakeClock())
    fill_db(ctx2, 2)
    ctx2.close()
    changed = snapshot(data_dir / "counter.sqlite")
    rc, out, err = run_main("restore", str(target), data_dir=data_dir)
    assert rc == 0, err
    assert snapshot(data_dir / "counter.sqlite") == saved
    kept = sorted((data_dir / "backups").glob("*before-restore*"))
    assert len(kept) == 1 and snapshot(kept[0]) == changed
    assert stat.S_IMODE(kept[0].stat().st_mode) == 0o600
    assert stat.S_IMODE((data_dir / "counter.sqlite").stat().st_mode) == 0o600


@pytest.mark.parametrize("kind", ["garbage", "foreign", "truncated"])
def test_restore_refuses_a_damaged_or_foreign_file(
    ctx: AppContext, data_dir: Path, tmp_path: Path, kind: str
) -> None:
    fill_db(ctx, 1)
    ctx.close()
    before = snapshot(data_dir / "counter.sqlite")
    bad = tmp_path / "bad.sqlite"
    if kind == "garbage":
        bad.write_bytes(b"not a database at all" * 100)
    elif kind == "foreign":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('An')")
        conn.commit()
        conn.close()
    else:
        whole = (data_dir / "counter.sqlite").read_bytes()
        bad.write_bytes(whole[: len(whole) // 2])
    rc, _out, err = run_main("restore", str(bad), data_dir=data_dir)
    assert rc != 0
    line = one_sentence(err)
    assert str(bad) in line
    assert snapshot(data_dir / "counter.sqlite") == before
    assert (
        not list((data_dir / "backups").glob("*before-restore*")) if (data_dir / "backups").exists() else True
    )


def test_backup_refuses_a_directory_or_a_device(ctx: AppContext, data_dir: Path, tmp_path: Path) -> None:
    ctx.close()
    for target in (tmp_path, Path("/dev/null")):
        rc, _out, err = run_main("backup", "-o", str(target), data_dir=data_dir)
        assert rc == 2, err
        assert str(target) in one_sentence(err)
    assert Path("/dev/null").is_char_device()


# --- personal data at rest -------------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_database_files_are_created_private_in_an_existing_folder(tmp_path: Path) -> None:
    data = tmp_path / "existing"
    data.mkdir(mode=0o755)
    old = os.umask(0o022)
    try:
        ctx = AppContext(data, clock=FakeClock())
        fill_db(ctx, 1)
        for name in ("counter.sqlite", "counter.sqlite-wal", "counter.sqlite-shm"):
            assert mode(data / name) == 0o600, name
        ctx.close()
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_start_fixes_files_left_too_open(ctx: AppContext, data_dir: Path) -> None:
    ctx.close()
    (data_dir / "forms").mkdir()
    form = data_dir / "forms" / "receipt.pdf"
    form.write_bytes(b"%PDF-1.4\n")
    (data_dir / "backups").mkdir(exist_ok=True)
    old_backup = data_dir / "backups" / "counter-old.sqlite"
    old_backup.write_bytes(b"")
    for path in (data_dir / "counter.sqlite", form, old_backup):
        path.chmod(0o644)
    data_dir.chmod(0o755)
    AppContext(data_dir, clock=FakeClock()).close()
    assert mode(data_dir / "counter.sqlite") == 0o600
    assert mode(form) == 0o600 and mode(old_backup) == 0o600
    assert mode(data_dir / "forms") == 0o700
    assert mode(data_dir) == 0o700


def test_the_clerk_window_says_a_damaged_database_in_a_dialog(data_dir: Path, tmp_path: Path) -> None:
    from tests.conftest import run_cli

    (data_dir / "counter.sqlite").write_bytes(b"not a database " * 300)
    shot = tmp_path / "start.png"
    proc = run_cli("gui", "--screenshot", str(shot), data_dir=data_dir, env={"QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == EXIT_DAMAGED, proc.stderr
    qt_noise = "This plugin does not support"
    assert "hỏng" in one_sentence("\n".join(x for x in proc.stderr.splitlines() if qt_noise not in x))
    assert shot.exists() and shot.stat().st_size > 1000
