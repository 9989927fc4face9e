"""Fixtures of the clerk window tests (a pytest plugin: `pytest_plugins = ["tests.clerk_fixtures"]`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from counter_app.services.context import AppContext
from counter_app.services.users import UserInfo
from tests.clerk_support import add_user, finish, open_window
from ui.clerk.main_window import MainWindow
from ui.clerk.services import ClerkServices
from ui.qt_app import LanguageManager, make_app


@pytest.fixture
def app_qt(qapp: QApplication) -> QApplication:
    return make_app()


@pytest.fixture
def languages(app_qt: QApplication, data_dir: Path) -> Iterator[LanguageManager]:
    manager = LanguageManager(data_dir / "cache" / "i18n")
    yield manager
    if manager.current != "vi":
        manager.apply_now("vi")


@pytest.fixture
def services(ctx: AppContext) -> ClerkServices:
    return ClerkServices.from_ctx(ctx)


@pytest.fixture
def admin(ctx: AppContext) -> UserInfo:
    return add_user(ctx)


@pytest.fixture
def window(
    qtbot: Any, services: ClerkServices, admin: UserInfo, languages: LanguageManager
) -> Iterator[MainWindow]:
    w = open_window(qtbot, services, admin, languages)
    yield w
    finish(qtbot)
