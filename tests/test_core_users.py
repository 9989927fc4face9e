"""Clerk accounts: roles, scrypt password hashes, login, and the audit trail of account changes."""

from __future__ import annotations

import hashlib
import json

import pytest

from counter_app.errors import ConflictError, NotFoundError, ValidationError
from counter_app.services.context import AppContext
from counter_app.services.users import UserService, hash_password, verify_password
from tests.core_support import RawDb, ctx_snapshot, run_main


def test_scrypt_hash_and_verify() -> None:
    stored = hash_password("mật khẩu dài 8+")
    scheme, n, r, p, salt, digest = stored.split("$")
    assert scheme == "scrypt" and int(n) >= 2**14 and int(r) == 8
    assert verify_password("mật khẩu dài 8+", stored)
    assert not verify_password("mật khẩu dài 8-", stored)
    assert hash_password("mật khẩu dài 8+") != stored  # salted
    # The digest really is scrypt of the password with that salt (a standard KDF, checkable elsewhere).
    import base64

    want = hashlib.scrypt(
        "mật khẩu dài 8+".encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    assert base64.b64decode(digest) == want
    for damaged in ("", "plain", "scrypt$x$8$1$AAAA$BBBB", "md5$1$2$3$4$5", stored[:-4] + "!!!!"):
        assert not verify_password("mật khẩu dài 8+", damaged)


def test_add_list_passwd_authenticate_and_audit(ctx: AppContext) -> None:
    svc = UserService(ctx)
    u = svc.add(" NTLan ", "Nguyễn Thị Lan", "clerk", "matkhau123", actor="admin")
    assert u.to_json() == {
        "username": "ntlan",
        "full_name": "Nguyễn Thị Lan",
        "role": "clerk",
        "active": True,
    }
    svc.add("lanhdao", "Trần Văn Hùng", "supervisor", "matkhau456", actor="admin")
    assert [x.username for x in svc.list()] == ["lanhdao", "ntlan"]
    assert svc.authenticate("ntlan", "matkhau123") is not None
    assert svc.authenticate("NTLAN", "matkhau123") is not None
    assert svc.authenticate("ntlan", "sai-mat-khau") is None
    assert svc.authenticate("khongco", "matkhau123") is None
    svc.set_password("ntlan", "matkhaumoi1", actor="admin")
    assert svc.authenticate("ntlan", "matkhau123") is None
    assert svc.authenticate("ntlan", "matkhaumoi1") is not None
    svc.set_role("ntlan", "clerk", actor="admin", active=False)
    assert svc.authenticate("ntlan", "matkhaumoi1") is None  # disabled accounts cannot log in

    conn = RawDb(ctx)
    try:
        rows = list(
            conn.execute(
                "SELECT actor, action, entity_id, detail FROM audit_log WHERE entity='user' ORDER BY id"
            )
        )
        hashes = [r[0] for r in conn.execute("SELECT password_hash FROM users")]
        user_events = conn.execute("SELECT count(*) FROM outbox WHERE type LIKE 'user.%'").fetchone()[0]
    finally:
        conn.close()
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("admin", "user.added", "ntlan"),
        ("admin", "user.added", "lanhdao"),
        ("admin", "user.password_set", "ntlan"),
        ("admin", "user.updated", "ntlan"),
    ]
    assert all("matkhau" not in (r[3] or "") for r in rows)  # no password in the audit log
    assert all(h.startswith("scrypt$") and "matkhau" not in h for h in hashes)
    assert user_events == 0  # accounts stay local: the city has no use for them


@pytest.mark.parametrize(
    ("args", "error", "label"),
    [
        (("a", "Nguyễn Văn A", "clerk", "matkhau123"), ValidationError, "Tên đăng nhập"),
        (("nguyen van a", "Nguyễn Văn A", "clerk", "matkhau123"), ValidationError, "Tên đăng nhập"),
        (("nva", "Nguyen Van 4", "clerk", "matkhau123"), ValidationError, "Họ và tên"),
        (("nva", "Nguyễn Văn A", "boss", "matkhau123"), ValidationError, "Vai trò"),
        (("nva", "Nguyễn Văn A", "clerk", "ngan"), ValidationError, "Mật khẩu"),
        (("admin", "Nguyễn Văn A", "clerk", "matkhau123"), ConflictError, "Tên đăng nhập"),
    ],
)
def test_bad_accounts_are_refused(
    ctx: AppContext, args: tuple[str, str, str, str], error: type, label: str
) -> None:
    UserService(ctx).add("admin", "Quản Trị", "admin", "matkhau123", actor="system")
    before = ctx_snapshot(ctx)
    with pytest.raises(error) as err:
        UserService(ctx).add(*args, actor="admin")
    assert label in str(err.value)
    assert ctx_snapshot(ctx) == before


def test_unknown_user(ctx: AppContext) -> None:
    with pytest.raises(NotFoundError, match="không có tài khoản 'ai'"):
        UserService(ctx).set_password("ai", "matkhau123", actor="admin")


def test_user_cli(ctx: AppContext) -> None:
    d = ctx.data_dir
    rc, out, err = run_main(
        "user",
        "add",
        "ttmai",
        "--name",
        "Trần Thị Mai",
        "--role",
        "supervisor",
        "--password",
        "matkhau123",
        data_dir=d,  # the first account: no clerk can be named yet (--clerk must be an account)
    )
    assert rc == 0 and "ttmai" in out and "Lãnh đạo bộ phận" in out, err
    rc, out, _ = run_main("user", "list", "--json", data_dir=d)
    assert json.loads(out) == [
        {"username": "ttmai", "full_name": "Trần Thị Mai", "role": "supervisor", "active": True}
    ]
    rc, _, err = run_main("user", "passwd", "ttmai", "--password", "matkhau789", data_dir=d)
    assert rc == 0, err
    assert UserService(ctx).authenticate("ttmai", "matkhau789") is not None
    rc, _, err = run_main("user", "passwd", "ttmai", "--password", "123", data_dir=d)
    assert rc == 2 and "Mật khẩu: phải có ít nhất 8 ký tự" in err
    rc, _, err = run_main(
        "user", "add", "ttmai", "--name", "Trần Thị Mai", "--password", "matkhau123", data_dir=d
    )
    assert rc == 2 and "đã có" in err
    rc, out, _ = run_main("user", "list", data_dir=d)
    assert "Trần Thị Mai" in out
