"""What the whole office shares and what is this PC's own (counter_app/config.py scopes): on an office
database the office's keys live in it, so `config set` on one PC is seen by the others; a PC's keys stay
in its config.toml. On SQLite (one PC) every key stays in the file, as before."""
# ruff: noqa: F811 - the `office` fixture imported from tests.office_support is used as a parameter

from __future__ import annotations

import json
import logging
import time
import tomllib
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from counter_app.config import KEYS, OFFICE, PC
from counter_app.errors import ValidationError
from counter_app.services.context import AppContext
from counter_app.services.settings import SettingsService
from tests import office_db
from tests.conftest import run_cli
from tests.core_support import RawDb
from tests.office_support import Office, office  # noqa: F401 - `office` is a fixture

pytestmark = pytest.mark.both_backends


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Polls `condition` until true (the other PC's cache refreshes in the background)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not seen in time"
        time.sleep(0.05)


def _file(data_dir: Path) -> dict:
    return tomllib.loads((data_dir / "config.toml").read_text(encoding="utf-8"))


def test_every_key_has_a_scope_and_the_office_and_pc_groups_are_where_they_belong() -> None:
    scopes = {k: spec.scope for k, spec in KEYS.items()}
    assert set(scopes.values()) == {OFFICE, PC}
    for key in ("agency.name", "agency.code", "office.hours", "bank.account", "city.secret", "forms.set"):
        assert scopes[key] == OFFICE, key
    for key in ("counter.number", "database.url", "printer.ticket", "ui.language", "rating.screen"):
        assert scopes[key] == PC, key
    for key in ("queue.voice", "queue.display_counters", "forms.auto_print", "forms.receipt_paper"):
        assert scopes[key] == PC, key  # a PC's printer, speakers and screens


def test_config_show_says_which_key_is_whose(ctx: AppContext) -> None:
    proc = run_cli("config", "show", "--json", "--detail", data_dir=ctx.data_dir)
    assert proc.returncode == 0, proc.stderr
    detail = json.loads(proc.stdout)
    assert detail["agency.name"]["scope"] == "office" and detail["counter.number"]["scope"] == "pc"
    assert detail["counter.number"]["value"] == 1 and detail["agency.name"]["label"] == "Tên cơ quan"
    plain = json.loads(run_cli("config", "show", "--json", data_dir=ctx.data_dir).stdout)
    assert plain["counter.number"] == 1  # unchanged for scripts
    human = run_cli("config", "show", data_dir=ctx.data_dir).stdout.splitlines()
    line = next(x for x in human if x.startswith("agency.name "))
    assert "văn phòng" in line
    assert "máy này" in next(x for x in human if x.startswith("counter.number "))


def test_setting_several_keys_checks_all_first_and_audits_each(ctx: AppContext, backend: str) -> None:
    settings = SettingsService(ctx)
    with pytest.raises(ValidationError) as err:
        settings.set_many({"agency.name": "UBND Xã Mới", "counter.number": "100"}, actor="admin")
    assert err.value.field == "counter.number"
    assert ctx.config.agency.name != "UBND Xã Mới"  # nothing half-saved
    settings.set_many({"agency.name": "UBND Xã Mới", "counter.number": "4"}, actor="admin")
    assert (ctx.config.agency.name, ctx.config.counter.number) == ("UBND Xã Mới", 4)
    raw = RawDb(ctx)
    try:
        rows = raw.execute(
            "SELECT entity_id, actor FROM audit_log WHERE action = 'config.set' ORDER BY id"
        ).fetchall()
        shared = raw.execute("SELECT key FROM office_settings").fetchall()
    finally:
        raw.close()
    assert sorted(tuple(r) for r in rows[-2:]) == [("agency.name", "admin"), ("counter.number", "admin")]
    tree = _file(ctx.data_dir)
    assert tree["counter"]["number"] == 4
    if backend == "sqlite":  # one PC: the file holds everything, the office table stays empty
        assert tree["agency"]["name"] == "UBND Xã Mới" and shared == []
    else:
        assert "agency" not in tree and [tuple(r) for r in shared] == [("agency.name",)]


def test_an_office_key_set_on_one_pc_is_seen_by_the_other_and_a_pc_key_is_not(office: Office) -> None:
    other = AppContext(office.pc2)
    try:
        assert other.config.office_store is not None
        other.config.office_store.ttl_s = 0.0  # the shipped TTL is a few seconds
        assert other.config.agency.name == KEYS["agency.name"].default
        for key, value in [("agency.name", "UBND Phường Sài Gòn"), ("counter.number", "5")]:
            proc = run_cli("config", "set", key, value, data_dir=office.pc1)
            assert proc.returncode == 0, proc.stderr
        hours = run_cli("config", "set", "office.hours", "07:00-11:00,13:00-17:00", data_dir=office.pc1)
        assert "dùng chung cho cả văn phòng" in hours.stdout, hours.stderr
        wait_for(lambda: other.config.agency.name == "UBND Phường Sài Gòn")
        wait_for(lambda: other.config.office.hours == "07:00-11:00,13:00-17:00")
        assert other.config.counter.number == 2  # its own
        # The working calendar follows the office hours set on the other PC.
        wait_for(lambda: (other.calendar.segments[0].start, other.calendar.segments[0].end) == (420, 660))
    finally:
        other.close()
    assert _file(office.pc1)["counter"]["number"] == 5 and "agency" not in _file(office.pc1)
    shown = json.loads(run_cli("config", "show", "--json", data_dir=office.pc2).stdout)
    assert (shown["agency.name"], shown["counter.number"]) == ("UBND Phường Sài Gòn", 2)


def test_the_first_pc_setup_becomes_the_office_and_later_files_are_ignored(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    if not office_db.available():
        pytest.skip(office_db.SKIP_REASON)
    with office_db.scratch_database() as url:
        o = Office(url, tmp_path / "pc1", tmp_path / "pc2")
        o.add_pc(o.pc1, '[agency]\nname = "UBND Phường Một"\ncode = "000.00.07.H26"\n[counter]\nnumber = 1\n')
        o.add_pc(o.pc2, '[agency]\nname = "UBND Phường Hai"\n[counter]\nnumber = 2\n')
        first = AppContext(o.pc1)  # an empty office database: migrated, then this PC's setup is copied
        try:
            assert (first.config.agency.name, first.agency_code) == ("UBND Phường Một", "000.00.07.H26")
        finally:
            first.close()
        with caplog.at_level(logging.INFO, logger="counter_app.services.office_settings"):
            second = AppContext(o.pc2)
        try:
            assert second.config.agency.name == "UBND Phường Một"
            assert second.agency_code == "000.00.07.H26" and second.counter_number == 2
        finally:
            second.close()
        assert any("Bỏ qua" in r.getMessage() and "agency.name" in r.getMessage() for r in caplog.records)
        raw = RawDb(o.pc1)
        try:
            copied = raw.execute("SELECT key, updated_by FROM office_settings ORDER BY key").fetchall()
        finally:
            raw.close()
        assert [tuple(r) for r in copied] == [("agency.code", ""), ("agency.name", "")]


def test_when_the_office_database_goes_away_the_last_office_values_stay_in_use(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    if not office_db.available():
        pytest.skip(office_db.SKIP_REASON)
    name = office_db.create_database()
    o = Office(office_db.database_url(name), tmp_path / "pc1", tmp_path / "pc2")
    o.add_pc(o.pc1, '[agency]\nname = "UBND Phường Một"\n')
    ctx = AppContext(o.pc1)
    try:
        store = ctx.config.office_store
        assert store is not None
        store.ttl_s = 0.0
        office_db.drop_database(name)  # as if the server went away: every refresh now fails
        with caplog.at_level(logging.WARNING, logger="counter_app.services.office_settings"):
            wait_for(  # each read past the TTL starts a refresh in the background
                lambda: (
                    ctx.config.agency.name == "UBND Phường Một"
                    and any("Không đọc được cài đặt chung" in r.getMessage() for r in caplog.records)
                )
            )
            for _ in range(20):  # read again and again: never an exception, never the shipped default
                assert ctx.config.agency.name == "UBND Phường Một"
        warnings = [r for r in caplog.records if "Không đọc được cài đặt chung" in r.getMessage()]
        assert len(warnings) == 1  # said once, not at every read
    finally:
        ctx.close()
        office_db.drop_database(name)


def test_an_office_key_set_on_one_pc_reaches_a_listening_pc_through_the_change_feed(office: Office) -> None:
    other = AppContext(office.pc2)
    try:
        store = other.config.office_store
        assert store is not None
        # No refresh by the clock in this test: only the office's notice of the change can bring it.
        store.ttl_s = store.listening_ttl_s = 3600.0
        store.listen()
        wait_for(lambda: store.listening)
        assert other.config.sync.live_seconds == KEYS["sync.live_seconds"].default
        proc = run_cli("config", "set", "sync.live_seconds", "7", data_dir=office.pc1)
        assert proc.returncode == 0, proc.stderr
        wait_for(lambda: other.config.sync.live_seconds == 7)
        proc = run_cli("config", "set", "agency.name", "UBND Phường Bến Thành", data_dir=office.pc1)
        assert proc.returncode == 0, proc.stderr
        wait_for(lambda: other.config.agency.name == "UBND Phường Bến Thành")
    finally:
        other.close()
    assert store is not None
    wait_for(lambda: not store.listening)  # closing the context ends the listening thread


def test_config_show_json_gives_every_keys_scope_without_detail(ctx: AppContext) -> None:
    plain = json.loads(run_cli("config", "show", "--json", data_dir=ctx.data_dir).stdout)
    assert plain["counter.number"] == 1 and plain["agency.name"] == ctx.config.agency.name  # as before
    assert plain["scopes"] == {key: spec.scope for key, spec in KEYS.items()}
    assert plain["scopes"]["agency.name"] == "office" and plain["scopes"]["counter.number"] == "pc"
    assert set(plain) == {*KEYS, "scopes"}


def test_the_support_bundle_shows_the_office_databases_settings_and_their_scopes(
    office: Office, tmp_path: Path
) -> None:
    # The office's settings are set on PC 1; PC 2's own file still holds an old agency name of its own.
    office.add_pc(office.pc2, '[counter]\nnumber = 2\n[agency]\nname = "UBND cũ trong tệp"\n')
    for key, value in [("agency.name", "UBND Phường Tân Định"), ("city.secret", "bi-mat-van-phong-7c1")]:
        proc = run_cli("config", "set", key, value, data_dir=office.pc1)
        assert proc.returncode == 0, proc.stderr
    target = tmp_path / "ho-tro.zip"
    proc = run_cli("support-bundle", "-o", str(target), data_dir=office.pc2)
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(target) as zf:
        texts = {n: zf.read(n).decode("utf-8") for n in zf.namelist()}
    config = json.loads(texts["config.json"])
    assert config["agency.name"] == "UBND Phường Tân Định"  # the office's, not the file's
    assert config["counter.number"] == 2  # this PC's own
    assert config["city.secret"] == "********" and config["database.url"] == "********"
    assert config["scopes"]["agency.name"] == "office" and config["scopes"]["counter.number"] == "pc"
    assert config["office"]["read"] is True and config["office"]["database"].endswith(
        office.url.rpartition("/")[2]
    )
    assert "bi-mat-van-phong-7c1" not in "\n".join(texts.values())


def test_the_support_bundle_says_when_the_office_database_cannot_be_read(tmp_path: Path) -> None:
    folder = tmp_path / "pc"
    folder.mkdir()
    port = office_db.free_port()  # nothing listens there: the office server is away
    url = f"postgresql+psycopg://counter:mat-khau-9@127.0.0.1:{port}/office"
    (folder / "config.toml").write_text(f'[database]\nurl = "{url}"\n[counter]\nnumber = 4\n', "utf-8")
    target = tmp_path / "b.zip"
    proc = run_cli("support-bundle", "-o", str(target), data_dir=folder)
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(target) as zf:
        config = json.loads(zf.read("config.json"))
    assert config["office"]["read"] is False and "Mất kết nối máy chủ văn phòng" in config["office"]["error"]
    assert config["counter.number"] == 4 and config["scopes"]["agency.name"] == "office"
    assert "mat-khau-9" not in json.dumps(config, ensure_ascii=False)
