"""The meta table's reserved keys and reading/writing one of them inside a caller's transaction."""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.models import Meta

CATALOG_VERSION = "catalog.version"
LAST_SUCCESS = "sync.last_success"
LAST_ATTEMPT = "sync.last_attempt"
LAST_ERROR = "sync.last_error"
CALENDAR_VERSION = "sync.calendar_version"
CITY_CATALOG_VERSION = "sync.catalog_version"  # the city's catalog version last applied (server wins)


def get(s: Session, key: str) -> str | None:
    row = s.get(Meta, key)
    return None if row is None else row.value


def put(s: Session, key: str, value: str) -> None:
    row = s.get(Meta, key)
    if row is None:
        s.add(Meta(key=key, value=value))
    else:
        row.value = value
