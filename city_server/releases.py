"""The latest counter software version, announced by the city's administrator (`city-server release
publish`) and read by counters at `GET /api/v1/version` (contract/releases.py). Versions only go up:
a counter is never told to go back.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from city_server.db import Store
from city_server.ingest import server_now
from city_server.models import AppRelease
from city_server.service import AdminError
from contract.releases import MAX_NOTICE, MAX_URL, LatestVersion, release_key


def publish_release(store: Store, version: str, notice: str = "", url: str = "") -> dict[str, Any]:
    version, notice, url = version.strip(), " ".join(notice.split()), url.strip()
    key = release_key(version)
    if key is None:
        raise AdminError(f"Phiên bản: '{version}' không đúng dạng số (ví dụ 1.4.0)")
    if len(notice) > MAX_NOTICE:
        raise AdminError(f"Thông báo: dài quá {MAX_NOTICE} ký tự")
    if url and (
        len(url) > MAX_URL or not url.startswith(("https://", "http://")) or any(c.isspace() for c in url)
    ):
        raise AdminError("Địa chỉ tải về: phải là một địa chỉ https://… (hoặc để trống)")
    with store.write() as s:
        if not store.is_sqlite:
            s.execute(select(func.pg_advisory_xact_lock(728003)))  # two publishers: one after the other
        for known in s.scalars(select(AppRelease.version)):
            old = release_key(known)
            if old is not None and old >= key:
                raise AdminError(
                    f"Phiên bản: '{version}' không mới hơn phiên bản đã công bố '{known}'; "
                    "các quầy chỉ được báo phiên bản mới hơn"
                )
        s.add(AppRelease(version=version, notice=notice, url=url, published_at=server_now()))
    return {"latest": version, "notice": notice, "url": url}


def latest_release(store: Store) -> LatestVersion:
    with store.read() as s:
        row = s.scalars(select(AppRelease).order_by(AppRelease.id.desc()).limit(1)).first()
        if row is None:
            return {"latest": None, "notice": "", "url": ""}
        return {"latest": row.version, "notice": row.notice, "url": row.url}
