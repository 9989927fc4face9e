"""The city announces the latest counter version (city-server release publish → GET /api/v1/version);
the clerk window tells the administrator, never installs anything. A real city server on 127.0.0.1."""

# ruff: noqa: F811 - pytest fixtures imported from tests.citykit are used as parameters
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from city_server.cli import main as city_cli
from city_server.releases import latest_release, publish_release
from city_server.service import AdminError
from contract.releases import VERSION_PATH, is_newer, release_key
from counter_app import __version__
from counter_app.services.context import AppContext
from counter_app.services.updates import UpdateService
from tests.citykit import City, ServerDb, city, city_module, free_port, serve  # noqa: F401 - fixtures
from tests.clerk_support import add_user, finish, open_window, save_shot
from ui.clerk.services import ClerkServices

pytest_plugins = ["tests.clerk_fixtures"]

NEWER = "99.1.0"
URL = "https://dichvucong.example.gov.vn/tai-ve/counter-app-99.1.0.exe"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Any]:
    db = ServerDb("sqlite", tmp_path)
    gen = serve(db)
    srv, _ = next(gen)
    srv.db = db
    try:
        yield srv
    finally:
        gen.close()
        db.close()


def _about() -> QMessageBox | None:
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "about_box" and w.isVisible()]
    return boxes[0] if boxes else None  # type: ignore[return-value]


def _about_text(qtbot: Any, window: Any) -> str:
    window.about_action.trigger()
    qtbot.waitUntil(lambda: _about() is not None)
    box = _about()
    assert box is not None
    text = box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _about() is None)
    return text


def test_the_administrator_sees_a_newer_version_in_the_status_bar_and_the_about_box(
    qtbot: Any, ctx: AppContext, languages: Any, server: Any
) -> None:
    publish_release(server.db.store, NEWER, "Sửa lỗi in biên nhận   khổ A5", URL)
    ctx.config.update({"city.server_url": server.url})
    window = open_window(qtbot, ClerkServices.from_ctx(ctx), add_user(ctx), languages)
    notice = window.update_notice
    qtbot.waitUntil(lambda: notice.info is not None, timeout=10_000)
    label = notice.label
    qtbot.waitUntil(label.isVisible)
    assert f"Đã có phiên bản mới {NEWER} (máy này: {__version__})" in label.text()
    assert "Sửa lỗi in biên nhận khổ A5" in label.text() and f'href="{URL}"' in label.text()
    save_shot(window, "update-notice-admin")
    text = _about_text(qtbot, window)
    assert f"Đã có phiên bản mới {NEWER}" in text and URL in text
    # Kept: the About box of a later, offline start still knows it.
    assert UpdateService(ctx).known().latest == NEWER
    finish(qtbot)


def test_a_version_not_newer_is_no_news_and_a_clerk_is_not_told(
    qtbot: Any, ctx: AppContext, languages: Any, server: Any
) -> None:
    publish_release(server.db.store, __version__)  # the city announces the version this PC runs
    ctx.config.update({"city.server_url": server.url})
    admin = open_window(qtbot, ClerkServices.from_ctx(ctx), add_user(ctx), languages)
    qtbot.waitUntil(lambda: admin.update_notice.info is not None, timeout=10_000)
    assert admin.update_notice.info is not None and admin.update_notice.info.latest == __version__
    assert not admin.update_notice.label.isVisible()
    assert "Đây là phiên bản mới nhất thành phố đã công bố." in _about_text(qtbot, admin)
    admin.close()

    publish_release(server.db.store, NEWER, "", URL)
    clerk = open_window(qtbot, ClerkServices.from_ctx(ctx), add_user(ctx, "lan.nt", "clerk"), languages)
    qtbot.waitUntil(lambda: clerk.update_notice.info is not None, timeout=10_000)
    assert not clerk.update_notice.label.isVisible()  # only the administrator is told
    with pytest.raises(AdminError, match="không mới hơn"):  # versions only go up
        publish_release(server.db.store, "99.0.9")
    with pytest.raises(AdminError, match="Phiên bản"):
        publish_release(server.db.store, "bản mới")
    finish(qtbot)


def test_an_unreachable_or_silent_city_leaves_what_was_known(ctx: AppContext, server: Any) -> None:
    service = UpdateService(ctx)
    ctx.config.update({"city.server_url": server.url})
    nothing = service.check()
    assert nothing.latest is None and not nothing.newer  # nothing published yet
    publish_release(server.db.store, NEWER, "Bản vá", URL)
    assert service.check().newer
    ctx.config.update({"city.server_url": f"http://127.0.0.1:{free_port()}"})  # nobody listens there
    offline = service.check()
    assert offline.latest == NEWER and offline.notice == "Bản vá" and offline.newer
    # A malformed answer is refused whole and changes nothing stored.
    bad = httpx.MockTransport(lambda _req: httpx.Response(200, json={"latest": "<b>9</b>", "notice": 1}))
    assert UpdateService(ctx, transport=bad).check().latest == NEWER


def test_the_city_publishes_by_its_cli_and_answers_publicly(city: City, capsys: Any) -> None:
    before = httpx.get(city.url + VERSION_PATH, timeout=10).json()
    version = f"{int((before['latest'] or '0').split('.')[0]) + 1}.0.0"  # the module's server is shared
    argv = ["--db", city.db.url, "release", "publish", version, "--notice", "Bản mới", "--url", URL, "--json"]
    assert city_cli(argv) == 0
    assert json.loads(capsys.readouterr().out)["latest"] == version
    answer = httpx.get(city.url + VERSION_PATH, timeout=10)
    assert answer.status_code == 200
    assert answer.json() == {"latest": version, "notice": "Bản mới", "url": URL}
    assert latest_release(city.db.store)["latest"] == version
    assert city_cli(["--db", city.db.url, "release", "publish", version]) != 0  # not newer: refused
    assert "không mới hơn" in capsys.readouterr().err
    assert city_cli(["--db", city.db.url, "release", "publish", "2.0", "--url", "ftp://x"]) != 0


def test_versions_compare_as_numbers() -> None:
    assert release_key("1.2.10") > release_key("1.2.9")  # type: ignore[operator]
    assert release_key("1.2") == release_key("1.2.0")
    assert release_key("1.2.3-beta") is None and release_key("") is None
    assert is_newer("1.0.1", "1.0.0") and not is_newer("1.0", "1.0.0") and not is_newer(None, "1.0")
    assert not is_newer("bad", "1.0.0")
