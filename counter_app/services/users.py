"""Clerk accounts: roles, scrypt password hashes, login."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from contract import events, payloads
from counter_app.domain.applicant import normalise_name
from counter_app.errors import ConflictError, NotFoundError, ValidationError
from counter_app.services import journal
from db.models import User

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

ROLES = ("clerk", "supervisor", "admin")
ROLE_LABELS_VI = {"clerk": "Cán bộ tiếp nhận", "supervisor": "Lãnh đạo bộ phận", "admin": "Quản trị"}
# scrypt with n=2**14, r=8 uses 16 MiB per hash: memory-hard, still ~50 ms on a clerk's PC.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        want = base64.b64decode(digest, validate=True)
        got = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt, validate=True),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(want),
        )
    except (ValueError, TypeError):  # a damaged hash never logs anyone in (binascii.Error is a ValueError)
        return False
    return hmac.compare_digest(got, want)


@dataclass(frozen=True)
class UserInfo:
    username: str
    full_name: str
    role: str
    active: bool

    @property
    def role_label(self) -> str:
        return ROLE_LABELS_VI[self.role]

    def to_json(self) -> dict[str, object]:
        return {
            "username": self.username,
            "full_name": self.full_name,
            "role": self.role,
            "active": self.active,
        }


def _info(u: User) -> UserInfo:
    return UserInfo(u.username, u.full_name, u.role, u.active)


def _check_password(password: str) -> None:
    if len(password) < 8:
        raise ValidationError("phải có ít nhất 8 ký tự", field="password", label="Mật khẩu")


# The clerk of an action done by a script or a scheduled job: no account. Records keep it empty, signature
# blocks stay blank, and reports leave it out of their per-clerk rows.
NO_CLERK = ""


def _username(raw: str) -> str:
    username = raw.strip().lower()
    if not re.fullmatch(r"[a-z0-9._-]{3,32}", username):
        raise ValidationError(
            "3–32 ký tự: chữ thường không dấu, số, dấu chấm, gạch",
            field="username",
            label="Tên đăng nhập",
        )
    return username


class UserService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def clerk(self, name: object, *, field: str = "clerk", label: str = "Cán bộ") -> str:
        """`name` as a clerk to record: an existing, unlocked account (its canonical username), or
        NO_CLERK when blank. Anything else is refused naming the field, before anything is written."""
        if name is None or (isinstance(name, str) and not name.strip()):
            return NO_CLERK
        if not isinstance(name, str) or len(name) > 64:
            raise ValidationError("phải là tên đăng nhập của một tài khoản", field=field, label=label)
        with self.ctx.db.read() as s:
            user = s.scalar(select(User).where(User.username == name.strip().lower()))
            if user is None:
                raise ValidationError(
                    f"'{name.strip()}' không phải tài khoản nào trong hệ thống (xem `counter-app user list`)",
                    field=field,
                    label=label,
                )
            if not user.active:
                raise ValidationError(f"tài khoản '{user.username}' đã bị khóa", field=field, label=label)
            return str(user.username)

    def count(self) -> int:
        with self.ctx.db.read() as s:
            return int(s.scalar(select(func.count()).select_from(User)) or 0)

    def list(self) -> list[UserInfo]:
        with self.ctx.db.read() as s:
            return [_info(u) for u in s.scalars(select(User).order_by(User.username))]

    def get(self, username: str) -> UserInfo:
        with self.ctx.db.read() as s:
            u = s.scalar(select(User).where(User.username == username.strip().lower()))
            if u is None:
                raise NotFoundError(
                    f"không có tài khoản '{username}'", field="username", label="Tên đăng nhập"
                )
            return _info(u)

    def check_new(self, username: str, full_name: str, role: str) -> str:
        """Refuse a bad or taken username, name or role before anyone is asked for a password; returns
        the username as it will be stored."""
        username = _username(username)
        self.check_name_and_role(full_name, role)
        with self.ctx.db.read() as s:
            if s.scalar(select(User.id).where(User.username == username)) is not None:
                raise ConflictError(f"tài khoản '{username}' đã có", field="username", label="Tên đăng nhập")
        return username

    @staticmethod
    def check_name_and_role(full_name: str, role: str) -> str:
        try:
            full_name = normalise_name(full_name)
        except ValidationError as exc:
            raise ValidationError(exc.message, field="full_name", label="Họ và tên") from None
        if role not in ROLES:
            raise ValidationError("chỉ nhận " + ", ".join(ROLES), field="role", label="Vai trò")
        return full_name

    def add(self, username: str, full_name: str, role: str, password: str, *, actor: str) -> UserInfo:
        username = _username(username)
        full_name = self.check_name_and_role(full_name, role)
        _check_password(password)
        pw_hash = hash_password(password)
        with self.ctx.db.write() as s:
            if s.scalar(select(User.id).where(User.username == username)) is not None:
                raise ConflictError(f"tài khoản '{username}' đã có", field="username", label="Tên đăng nhập")
            user = User(
                username=username,
                full_name=full_name,
                role=role,
                password_hash=pw_hash,
                active=True,
                created_at=self.ctx.now(),
            )
            s.add(user)
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.USER_ADDED,
                entity="user",
                entity_id=username,
                payload=payloads.UserAdded({"username": username, "full_name": full_name, "role": role}),
                sync=False,
            )
            return _info(user)

    def set_password(self, username: str, password: str, *, actor: str) -> None:
        _check_password(password)
        pw_hash = hash_password(password)
        with self.ctx.db.write() as s:
            u = s.scalar(select(User).where(User.username == username.strip().lower()))
            if u is None:
                raise NotFoundError(
                    f"không có tài khoản '{username}'", field="username", label="Tên đăng nhập"
                )
            u.password_hash = pw_hash
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.USER_PASSWORD_SET,
                entity="user",
                entity_id=username,
                payload=payloads.UserPasswordSet({"username": username}),
                sync=False,
            )

    def set_role(self, username: str, role: str, *, actor: str, active: bool | None = None) -> UserInfo:
        if role not in ROLES:
            raise ValidationError("chỉ nhận " + ", ".join(ROLES), field="role", label="Vai trò")
        with self.ctx.db.write() as s:
            u = s.scalar(select(User).where(User.username == username.strip().lower()))
            if u is None:
                raise NotFoundError(
                    f"không có tài khoản '{username}'", field="username", label="Tên đăng nhập"
                )
            u.role = role
            if active is not None:
                u.active = active
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.USER_UPDATED,
                entity="user",
                entity_id=username,
                payload=payloads.UserUpdated({"username": username, "role": role, "active": u.active}),
                sync=False,
            )
            return _info(u)

    def authenticate(self, username: str, password: str) -> UserInfo | None:
        with self.ctx.db.read() as s:
            u = s.scalar(select(User).where(User.username == username.strip().lower()))
            # Read inside the snapshot: the session's objects expire when it ends.
            info, stored = (_info(u), u.password_hash) if u is not None else (None, "")
        if info is None or not info.active or not verify_password(password, stored):
            return None
        return info
