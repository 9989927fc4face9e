"""The Windows installer script (packaging/counter-app.iss) cannot run here; what can be checked is."""

from __future__ import annotations

import re
import tomllib

from counter_app.config import KEYS
from tests.conftest import ROOT

ISS = ROOT / "packaging" / "counter-app.iss"


def test_installer_takes_the_version_from_the_command_line_only() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert re.search(r"^AppVersion=\{#AppVersion\}$", text, re.M)
    assert "#error" in text  # iscc without /DAppVersion= stops
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert version not in text  # no second copy of the number to forget


def test_installer_start_menu_windows_and_nightly_sync() -> None:
    text = ISS.read_text(encoding="utf-8")
    icons = dict(
        re.findall(
            r'^Name: "\{group\}\\([^"]+)"; Filename: "\{app\}\\counter-app\.exe"; Parameters: "(\w+)"',
            text,
            re.M,
        )
    )
    assert icons == {
        "Bộ phận Một cửa": "gui",
        "Màn hình đánh giá": "rating",
        "Máy lấy số": "kiosk",
        "Bảng hiển thị": "display",
    }
    sync_time = str(KEYS["sync.time"].default)
    assert f"/SC DAILY /ST {sync_time}" in text and f"({sync_time})" in text
    assert "counter-app-cli.exe" in text and "Tasks: startup" in text
    # Uninstalling removes the task and the program files, never the data dir.
    assert "[UninstallDelete]" not in text and "localappdata" not in text.lower().replace(
        "%localappdata%", ""
    )
