"""The Windows installer script (packaging/counter-app.iss) cannot run here; what can be checked is."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import tasks
from counter_app.config import KEYS
from tests.conftest import ROOT

ISS = ROOT / "packaging" / "counter-app.iss"


def test_installer_takes_the_version_from_pyproject_only(tmp_path: Path) -> None:
    text = ISS.read_text(encoding="utf-8")
    assert re.search(r"^AppVersion=\{#AppVersion\}$", text, re.M)
    assert "#error" in text  # iscc with neither the generated include nor /DAppVersion= stops
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert version not in text  # no second copy of the number to forget
    # `tasks.py bundle` writes the include the script reads.
    assert '#include "..\\build\\installer-version.iss"' in text
    written = tasks.write_installer_version(tmp_path)
    assert written.name == "installer-version.iss"
    assert written.read_text(encoding="utf-8") == f'#define AppVersion "{version}"\n'


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
    assert "Tasks: startup" in text
    # The nightly task runs the windowed program: no console window over the clerk's screen.
    assert '/TR ""\\""{app}\\counter-app.exe\\"" sync""' in text
    # Inno Setup has no official Vietnamese messages: the script must compile without them.
    assert 'MessagesFile: "compiler:Default.isl"' in text
    # Uninstalling removes the task and the program files, never the data dir.
    assert "[UninstallDelete]" not in text and "localappdata" not in text.lower().replace(
        "%localappdata%", ""
    )
