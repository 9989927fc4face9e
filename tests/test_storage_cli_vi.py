"""The CLI speaks Vietnamese everywhere: argparse's refusals and usage, `user add` without a terminal
(username checked before the password; --password-stdin for scripts), and dates typed as clerks write
them (31/12/2026) wherever a person types a date, with "ngày không tồn tại" for 31/02."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counter_app.domain.dates import parse_day, parse_moment
from counter_app.errors import ValidationError
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from counter_app.services.users import UserService
from tests.conftest import intake_doc, run_cli
from tests.core_support import run_main

ENGLISH = ("invalid choice", "usage:", "required:", "unrecognized", "expected one argument", "invalid int")


def refused(rc: int, err: str) -> str:
    assert rc == 2, err
    assert not any(word in err for word in ENGLISH), err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["dossier", "status", "X", "banana"], ["'banana'", "không hợp lệ", "processing"]),
        (["form"], ["thiếu"]),
        (["form", "register", "-o", "x.pdf"], ["thiếu", "--from"]),
        (["queue", "call", "--counter"], ["cần một giá trị"]),
        (["queue", "call", "--counter", "abc"], ["'abc'", "số nguyên"]),
        (["dossier", "list", "--bogus"], ["không hiểu", "--bogus"]),
        (["banana"], ["'banana'", "không hợp lệ"]),
    ],
)
def test_argparse_refusals_are_vietnamese(
    ctx: AppContext, data_dir: Path, argv: list[str], words: list[str]
) -> None:
    ctx.close()
    rc, _out, err = run_main(*argv, data_dir=data_dir)
    err = refused(rc, err)
    assert "Cách dùng:" in err and "lỗi:" in err
    for word in words:
        assert word in err


def test_help_is_vietnamese() -> None:
    proc = run_cli("dossier", "receive", "--help")
    assert proc.returncode == 0
    assert "Cách dùng:" in proc.stdout and "tùy chọn" in proc.stdout and "hiện hướng dẫn" in proc.stdout
    assert "usage:" not in proc.stdout and "show this help" not in proc.stdout


# --- user add without a terminal -----------------------------------------------------------------------


def test_user_add_without_a_terminal_says_how_instead_of_crashing(ctx: AppContext, data_dir: Path) -> None:
    ctx.close()
    proc = run_cli("user", "add", "thu.nt", "--name", "Nguyễn Thị Thu", data_dir=data_dir, stdin="")
    assert proc.returncode == 2, proc.stderr
    assert "EOFError" not in proc.stderr and "Traceback" not in proc.stderr
    assert "--password-stdin" in proc.stderr


def test_user_add_checks_the_username_before_asking_the_password(ctx: AppContext, data_dir: Path) -> None:
    UserService(ctx).add("thu.nt", "Nguyễn Thị Thu", "clerk", "matkhau-2026", actor="system")
    ctx.close()
    for name, word in (("thu.nt", "đã có"), ("Thu NT!", "Tên đăng nhập")):
        proc = run_cli("user", "add", name, "--name", "Nguyễn Thị Thu", data_dir=data_dir, stdin="")
        assert proc.returncode == 2, proc.stderr
        assert word in proc.stderr and "--password-stdin" not in proc.stderr and "Mật khẩu" not in proc.stderr


def test_password_stdin_for_scripts(ctx: AppContext, data_dir: Path) -> None:
    ctx.close()
    proc = run_cli(
        "user",
        "add",
        "thu.nt",
        "--name",
        "Nguyễn Thị Thu",
        "--password-stdin",
        data_dir=data_dir,
        stdin="bí-mật-2026\n",
    )
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("user", "passwd", "thu.nt", "--password-stdin", data_dir=data_dir, stdin="mới-hơn-2026\n")
    assert proc.returncode == 0, proc.stderr
    ctx2 = AppContext(data_dir)
    try:
        assert UserService(ctx2).authenticate("thu.nt", "mới-hơn-2026") is not None
        assert UserService(ctx2).authenticate("thu.nt", "bí-mật-2026") is None
    finally:
        ctx2.close()
    proc = run_cli("user", "passwd", "nobody", "--password-stdin", data_dir=data_dir, stdin="mới-hơn-2026\n")
    assert proc.returncode == 2 and "nobody" in proc.stderr


# --- dates as people type them ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/12/2026", (2026, 12, 31)),
        ("15/03/1990", (1990, 3, 15)),
        ("1-2-2026", (2026, 2, 1)),
        ("2026-12-31", (2026, 12, 31)),
    ],
)
def test_one_day_parser(text: str, expected: tuple[int, int, int]) -> None:
    assert parse_day(text, field="d", label="Ngày").timetuple()[:3] == expected


@pytest.mark.parametrize("text", ["31/02/2026", "2026-02-31", "29/02/2025", "00/01/2026"])
def test_a_day_that_does_not_exist(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_day(text, field="d", label="Ngày")
    assert "ngày không tồn tại" in info.value.message


def test_moments() -> None:
    at = parse_moment("31/12/2026 15:00", field="t", label="Thời điểm")
    assert (at.year, at.month, at.day, at.hour, at.minute) == (2026, 12, 31, 15, 0)
    assert parse_moment("2026-12-31T15:00+07:00", field="t", label="T") == at
    with pytest.raises(ValidationError) as info:
        parse_moment("31/02/2026 15:00", field="t", label="T")
    assert "ngày không tồn tại" in info.value.message
    with pytest.raises(ValidationError):
        parse_moment("31/12/2026 25:00", field="t", label="T")


def test_the_cli_takes_days_as_clerks_write_them(ctx: AppContext, data_dir: Path, tmp_path: Path) -> None:
    code = IntakeService(ctx).receive(intake_doc(), actor="system").code
    ctx.close()
    rc, _out, err = run_main(
        "calendar", "set-day", "31/12/2026", "off", "--note", "Nghỉ bù", data_dir=data_dir
    )
    assert rc == 0, err
    rc, _out, err = run_main("calendar", "set-day", "31/02/2026", "off", data_dir=data_dir)
    assert rc == 2 and "ngày không tồn tại" in err
    rc, out, err = run_main("dossier", "list", "--date", "23/11/2026", "--json", data_dir=data_dir)
    assert rc == 0, err
    assert [d["code"] for d in json.loads(out)] == [code]
    rc, _out, err = run_main(
        "form",
        "register",
        "--from",
        "01/11/2026",
        "--to",
        "30/11/2026",
        "-o",
        str(tmp_path / "r.pdf"),
        data_dir=data_dir,
    )
    assert rc == 0, err
    rc, out, err = run_main("calendar", "due", "--from", "23/11/2026 09:00", "--days", "1", data_dir=data_dir)
    assert rc == 0, err


def test_intake_takes_a_birth_date_as_written_on_the_form(ctx: AppContext) -> None:
    doc = intake_doc()
    doc["applicant"] = {**doc["applicant"], "birth_date": "15/03/1990"}
    code = IntakeService(ctx).receive(doc, actor="system").code
    assert DossierService(ctx).get(code).birth_date.isoformat() == "1990-03-15"
    doc["applicant"]["birth_date"] = "31/02/1990"
    with pytest.raises(ValidationError) as info:
        IntakeService(ctx).receive(doc, actor="system")
    assert "ngày không tồn tại" in info.value.message and info.value.field == "applicant.birth_date"
