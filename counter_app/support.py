"""The support bundle: what a support person needs to see what went wrong, and nothing about citizens.

Not a service: it reads the data dir from outside, without the AppContext and its write rules.

`write_bundle(data_dir, target)` zips the log files, the configuration (secrets masked), the versions
of the app, Python and its libraries, and SQLite's quick_check of the database. Never the database,
the forms, the backups or anything under them. Works on a data dir the app cannot open (a damaged
database, a hand-broken config): that is when it is needed most.
"""

from __future__ import annotations

import json
import platform
import re
import sys
import zipfile
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from counter_app import __version__, logs
from counter_app.paths import config_file, database_file

LIBRARIES = (
    "pyside6",
    "sqlalchemy",
    "alembic",
    "reportlab",
    "python-escpos",
    "pillow",
    "qrcode",
    "httpx",
    "holidays",
    "platformdirs",
    "psycopg",
)

# A log line should never hold personal data, but a library's message might: runs of digits as long
# as an ID card number (12) or a phone number (10, or +84 and 9) are blanked on the way out.
_PERSONAL_NUMBER = re.compile(r"(?<![\d-])(?:\+84\d{9}|\d{9,12})(?![\d-])")


def versions() -> dict[str, Any]:
    libs: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            libs[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            libs[name] = None
    return {
        "counter_app": __version__,
        "python": sys.version,
        "platform": platform.platform(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "libraries": libs,
    }


def quick_check(data_dir: Path) -> dict[str, Any]:
    from db import Database

    path = database_file(data_dir)
    if not path.exists():
        return {"database": str(path), "exists": False}
    db = Database(path)
    try:
        problems = db.quick_check()
        revisions = sorted(db.schema_revisions())
    except Exception as exc:  # a damaged file: what SQLite said is the finding
        return {"database": str(path), "exists": True, "error": str(exc)}
    finally:
        db.close()
    return {
        "database": str(path),
        "exists": True,
        "size_bytes": path.stat().st_size,
        "quick_check": problems or ["ok"],
        "schema": revisions,
    }


def masked_config(data_dir: Path) -> dict[str, Any]:
    """What `config show --json` gives on this PC (secrets masked, every key's scope under "scopes"). In office
    mode the office's keys are the office database's, as every window reads them, and "office" says whether
    it could be read (the file's values of office keys are not used then: showing them would mislead)."""
    from counter_app.config import KEYS, OFFICE, Config, with_scopes
    from counter_app.errors import AppError

    try:
        config = Config(config_file(data_dir))
    except AppError as exc:  # unreadable by the app: say why, do not copy the file (it holds the secret)
        return {"error": str(exc)}
    url = config.text("database.url")
    if not url:
        return with_scopes(config.as_dict())  # one PC: every key in its file
    from counter_app.services.office_settings import shown

    office, problem = _office_values(url)
    values: dict[str, Any] = {}
    for key, spec in KEYS.items():
        values[key] = shown(
            key, (office or {}).get(key, spec.default) if spec.scope == OFFICE else config.get(key)
        )
    from db.office_engine import masked_url

    about: dict[str, Any] = {"database": masked_url(url), "read": office is not None}
    if problem:
        about["error"] = problem
    return {**with_scopes(values), "office": about}


def _office_values(url: str) -> tuple[dict[str, Any] | None, str]:
    """The office database's settings, or None and why they could not be read (one sentence, no password)."""
    from counter_app.services.office_settings import read_office_values
    from counter_app.storage_errors import office_failure
    from db import OfficeDatabase

    try:
        db = OfficeDatabase(url, application_name="counter-app-support")
    except Exception as exc:  # a URL the driver refuses
        return None, f"{type(exc).__name__}"
    try:
        return read_office_values(db), ""
    except Exception as exc:
        failure = office_failure(exc)
        return None, str(failure) if failure is not None else str(exc).splitlines()[0][:300]
    finally:
        db.close()


def write_bundle(data_dir: Path, target: Path) -> list[str]:
    """Write the zip to `target` (0600, replaced whole); returns the names it holds."""
    import os

    data_dir = Path(data_dir)
    tmp = target.with_name(f".{target.name}.tmp")
    names: list[str] = []
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:

            def add(name: str, text: str) -> None:
                zf.writestr(name, text)
                names.append(name)

            add(
                "about.json",
                json.dumps(
                    {"created": datetime.now().astimezone().isoformat(), "data_dir": str(data_dir)},
                    ensure_ascii=False,
                    indent=2,
                ),
            )
            add("versions.json", json.dumps(versions(), ensure_ascii=False, indent=2))
            add("config.json", json.dumps(masked_config(data_dir), ensure_ascii=False, indent=2))
            add("quick_check.json", json.dumps(quick_check(data_dir), ensure_ascii=False, indent=2))
            folder = logs.log_dir(data_dir)
            for path in sorted(folder.glob("*.log*")) if folder.is_dir() else []:
                text = path.read_text(encoding="utf-8", errors="replace")
                add(f"logs/{path.name}", _PERSONAL_NUMBER.sub("[số đã ẩn]", text))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return names
