"""Checking an office database before a PC is pointed at it (first-run wizard, docs/office-setup.md):
can this PC reach it, log in, and is it a new office or one already set up?"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from counter_app.config_rules import database_url
from counter_app.errors import ValidationError
from db.office_engine import CONNECT_TIMEOUT_S

FIELD, LABEL = "database.url", "Cơ sở dữ liệu văn phòng"
DEFAULT_PORT = 5432


@dataclass(frozen=True)
class OfficeDatabaseFacts:
    url: str  # as config.toml keeps it
    server_version: str  # "15.8"
    set_up: bool  # the app's tables are there (another PC opened it before)
    accounts: int  # clerk accounts already made (0: this PC's wizard makes the first administrator)


def office_url(host: str, port: str | int, database: str, user: str, password: str) -> str:
    """The `database.url` for these fields; ValidationError naming the field that is wrong."""
    host, database, user = host.strip(), database.strip(), user.strip()
    for value, label in ((host, "Máy chủ"), (database, "Tên cơ sở dữ liệu"), (user, "Tài khoản")):
        if not value:
            raise ValidationError("không được để trống", field=FIELD, label=label)
    try:
        number = int(str(port).strip() or DEFAULT_PORT)
    except ValueError:
        number = 0
    if not 1 <= number <= 65535:
        raise ValidationError("phải là một số từ 1 đến 65535", field=FIELD, label="Cổng")
    # Quoted by hand: a password may hold spaces, "@" or "/", which the URL must not show as such.
    login = quote(user, safe="") + (f":{quote(password, safe='')}" if password else "")
    url = f"postgresql+psycopg://{login}@{host}:{number}/{database}"
    try:
        return database_url(url)
    except ValueError as exc:
        raise ValidationError(str(exc), field=FIELD, label=LABEL) from None


def url_fields(url: str) -> tuple[str, str, str, str, str]:
    """host, port, database, user, password of a `database.url` (the wizard's fields)."""
    u = make_url(url)
    return (u.host or "", str(u.port or DEFAULT_PORT), u.database or "", u.username or "", u.password or "")


def check_office_database(url: str) -> OfficeDatabaseFacts:
    """Connect (within a few seconds) and look; ValidationError with one Vietnamese sentence saying why
    not. Writes nothing. Slow on a dead network: call it off the GUI thread."""
    try:
        url = database_url(url)
        parsed = make_url(url)
    except (ValueError, ArgumentError) as exc:
        raise ValidationError(str(exc), field=FIELD, label=LABEL) from None
    if not url:
        raise ValidationError("chưa nhập địa chỉ máy chủ", field=FIELD, label=LABEL)
    engine = create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT_S + 3}, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            version = str(conn.execute(text("SHOW server_version")).scalar() or "")
            set_up = bool(conn.execute(text("SELECT to_regclass('users') IS NOT NULL")).scalar())
            accounts = int(conn.execute(text("SELECT count(*) FROM users")).scalar() or 0) if set_up else 0
    except SQLAlchemyError as exc:
        raise ValidationError(_why(str(exc), parsed), field=FIELD, label=LABEL) from None
    finally:
        engine.dispose()
    return OfficeDatabaseFacts(url, version.split()[0] if version else "", set_up, accounts)


def _why(detail: str, url: URL) -> str:
    """What the driver said, as the office's technician can act on it (docs/office-setup.md)."""
    where = f"{url.host}:{url.port or DEFAULT_PORT}"
    low = detail.lower()
    if "password authentication failed" in low or "no password supplied" in low:
        return f"sai tài khoản hoặc mật khẩu ({url.username})"
    if f'database "{url.database}" does not exist'.lower() in low:
        return f"máy chủ {where} chưa có cơ sở dữ liệu {url.database} (tạo theo docs/office-setup.md)"
    if "no pg_hba.conf entry" in low:
        return f"máy chủ {where} không cho máy này kết nối: thêm mạng của văn phòng vào pg_hba.conf"
    if "permission denied" in low:
        return f"tài khoản {url.username} không được đọc cơ sở dữ liệu {url.database}"
    if "could not translate host name" in low or "name or service not known" in low:
        return f"không tìm thấy máy chủ {url.host} trên mạng (kiểm tra tên hoặc địa chỉ IP)"
    return (
        f"không kết nối được máy chủ {where}: máy chủ tắt, sai địa chỉ, PostgreSQL chưa nghe trên mạng "
        f"(listen_addresses) hoặc tường lửa chặn cổng {url.port or DEFAULT_PORT} ({url.render_as_string(hide_password=True)})"
    )
