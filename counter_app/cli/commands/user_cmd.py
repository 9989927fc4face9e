"""counter-app user add|passwd|list|role"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.errors import ValidationError
from counter_app.services.users import ROLES, UserService


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "user", "tài khoản cán bộ")
    s = p.add_subparsers(dest="user_cmd", required=True, metavar="ACTION")
    ad = add(s, common, "add", "thêm tài khoản")
    ad.add_argument("username")
    ad.add_argument("--name", required=True, help="họ và tên")
    ad.add_argument("--role", choices=ROLES, default="clerk")
    ad.add_argument("--password", default=None, help="(mặc định hỏi; hoặc $COUNTER_APP_PASSWORD)")
    ad.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ một dòng đầu vào chuẩn")
    ad.set_defaults(handler=_add)
    pw = add(s, common, "passwd", "đặt lại mật khẩu")
    pw.add_argument("username")
    pw.add_argument("--password", default=None)
    pw.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ một dòng đầu vào chuẩn")
    pw.set_defaults(handler=_passwd)
    rl = add(s, common, "role", "đổi vai trò hoặc khóa/mở tài khoản")
    rl.add_argument("username")
    rl.add_argument("role", choices=ROLES)
    rl.add_argument("--disable", action="store_true")
    rl.add_argument("--enable", action="store_true")
    rl.set_defaults(handler=_role)
    ls = add(s, common, "list", "danh sách tài khoản")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=_list)


def _password(args: argparse.Namespace, *, confirm: bool) -> str:
    """--password, --password-stdin (one line, for scripts), $COUNTER_APP_PASSWORD, else asked twice on
    the terminal; without a terminal to ask on, say how instead of failing on end of input."""
    if args.password:
        return str(args.password)
    if args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise ValidationError("đầu vào chuẩn không có mật khẩu", field="password", label="Mật khẩu")
        return line
    if os.environ.get("COUNTER_APP_PASSWORD"):
        return os.environ["COUNTER_APP_PASSWORD"]
    if not sys.stdin.isatty():
        raise ValidationError(
            "không có màn hình để hỏi mật khẩu; dùng --password-stdin (đọc một dòng từ đầu vào chuẩn) "
            "hoặc biến môi trường COUNTER_APP_PASSWORD",
            field="password",
            label="Mật khẩu",
        )
    try:
        first = getpass.getpass("Mật khẩu: ")
        if confirm and getpass.getpass("Nhập lại mật khẩu: ") != first:
            raise ValidationError("hai lần nhập không khớp", field="password", label="Mật khẩu")
    except EOFError:
        raise ValidationError("chưa nhập mật khẩu", field="password", label="Mật khẩu") from None
    return first


def _add(args: argparse.Namespace, app: CliApp) -> int:
    svc = UserService(app.ctx)
    svc.check_new(args.username, args.name, args.role)  # before the password is asked
    user = svc.add(args.username, args.name, args.role, _password(args, confirm=True), actor=app.actor)
    app.out(f"Đã thêm {user.username} ({user.role_label})")
    return 0


def _passwd(args: argparse.Namespace, app: CliApp) -> int:
    svc = UserService(app.ctx)
    svc.get(args.username)  # an unknown account is said before the password is asked
    svc.set_password(args.username, _password(args, confirm=True), actor=app.actor)
    app.out(f"Đã đặt lại mật khẩu cho {args.username}")
    return 0


def _role(args: argparse.Namespace, app: CliApp) -> int:
    active = True if args.enable else (False if args.disable else None)
    user = UserService(app.ctx).set_role(args.username, args.role, actor=app.actor, active=active)
    app.out(f"{user.username}: {user.role_label}{'' if user.active else ' (đã khóa)'}")
    return 0


def _list(args: argparse.Namespace, app: CliApp) -> int:
    users = UserService(app.ctx).list()
    if args.json:
        app.out_json([u.to_json() for u in users])
    else:
        for u in users:
            app.out(f"{u.username:<16} {u.role_label:<18} {u.full_name}{'' if u.active else ' (đã khóa)'}")
    return 0
