"""The configuration file as a person edits it: every declared key checked at load with the rules of
`config set`, read back through typed accessors; a bad file stops the app with one Vietnamese message."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.config import KEYS, Config, ConfigFileError
from tests.conftest import run_cli
from tests.core_support import run_main

ROOT = Path(__file__).resolve().parent.parent

# The exit status of a refused configuration file (sysexits' EX_CONFIG): apart from 1 (unexpected),
# 2 (bad input on the command line, argparse) and 3 (nothing to do).
EXIT_CONFIG = 78


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "key", "line", "hint"),
    [
        ('[agency]\nname = "UBND Phường X"\ncode = "x y"\n', "agency.code", 3, "dấu chấm"),
        ("[agency]\ncode = 5\n", "agency.code", 2, "dấu chấm"),
        ("[counter]\nnumber = -5\n", "counter.number", 2, "từ 1 đến 99"),
        ("[counter]\nnumber = 1e3\n", "counter.number", 2, "số nguyên"),
        ('[counter]\nnumber = "abc"\n', "counter.number", 2, "số nguyên"),
        ('\n# hand edit\ncounter.number = "abc"\n', "counter.number", 3, "số nguyên"),
        ('[counter]\n  "number" = 0\n', "counter.number", 2, "từ 1 đến 99"),
        ('[printer]\nreceipt = "LPT1"\n', "printer.receipt", 2, "tcp://"),
        ('[office]\nhours = "7h30-11h30"\n', "office.hours", 2, "HH:MM-HH:MM"),
        ("[agency]\nname = [1, 2]\n", "agency.name", 2, "một giá trị"),
        ('[rating]\nopen_with_clerk = "maybe"\n', "rating.open_with_clerk", 2, "auto, always hoặc never"),
        ('[forms]\nauto_print = "maybe"\n', "forms.auto_print", 2, "true hoặc false"),
        ("[report.target]\nstaff = 101\n", "report.target.staff", 2, "từ 0 đến 100"),
    ],
)
def test_a_hand_edited_bad_value_is_refused_naming_key_and_line(
    tmp_path: Path, body: str, key: str, line: int, hint: str
) -> None:
    path = write(tmp_path / "config.toml", body)
    with pytest.raises(ConfigFileError) as caught:
        Config(path)
    message = str(caught.value)
    assert key in message and KEYS[key].label in message, message
    assert f"dòng {line}" in message and hint in message, message
    assert str(path) in message
    assert caught.value.exit_code == EXIT_CONFIG


def test_every_bad_key_is_named_at_once(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", '[agency]\ncode = "x y"\n\n[counter]\nnumber = -5\n')
    with pytest.raises(ConfigFileError) as caught:
        Config(path)
    message = str(caught.value)
    assert "dòng 2" in message and "agency.code" in message
    assert "dòng 5" in message and "counter.number" in message


def test_a_section_that_is_not_a_table_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", 'agency = "UBND"\n')
    with pytest.raises(ConfigFileError) as caught:
        Config(path)
    assert "agency" in str(caught.value) and "dòng 1" in str(caught.value)


def test_good_hand_edited_values_are_read_as_their_types(tmp_path: Path) -> None:
    path = write(
        tmp_path / "config.toml",
        '[agency]\ncode = " 000.00.07.H56 "\n[counter]\nnumber = "3"\n'
        '[printer]\nticket_width = 80\n[forms]\nauto_print = "no"\n[unknown]\nkey = 1\n',
    )
    config = Config(path)
    assert config.agency.code == "000.00.07.H56"
    assert config.counter.number == 3
    assert config.printer.ticket_width == 80
    assert config.forms.auto_print is False
    assert config.forms.title("receipt") == KEYS["forms.title.receipt"].default
    assert config.report.target("staff") == KEYS["report.target.staff"].default


def test_every_declared_key_has_a_typed_accessor(tmp_path: Path) -> None:
    config = Config(tmp_path / "absent.toml")
    for name, spec in KEYS.items():
        assert config.get(name) == spec.default, name
        if spec.default is not None:
            assert isinstance(config.get(name), type(spec.default)), name


def test_set_values_come_back_typed(tmp_path: Path) -> None:
    config = Config(tmp_path / "config.toml")
    config.set("counter.number", "7")
    config.set("rating.levels", "4")
    again = Config(tmp_path / "config.toml")
    assert again.counter.number == 7 and again.rating.levels == 4


def test_the_cli_refuses_to_start_on_a_bad_file(data_dir: Path) -> None:
    write(data_dir / "config.toml", "[counter]\nnumber = 1e3\n")
    rc, out, err = run_main("config", "show", data_dir=data_dir)
    assert rc == EXIT_CONFIG and out == ""
    assert "counter.number" in err and "Số quầy" in err and "dòng 2" in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("raw", "hint"),
    [
        (b'[agency]\nname = "UBND Ph\xb0\xe0ng"\n', "UTF-8"),
        (b"[agency\ncode = 1\n", "dòng 1"),
        (b"[counter]\nnumber = = 2\n", "dòng 2"),
    ],
)
def test_an_unreadable_file_is_one_vietnamese_sentence(data_dir: Path, raw: bytes, hint: str) -> None:
    (data_dir / "config.toml").write_bytes(raw)
    proc = run_cli("config", "show", data_dir=data_dir)
    assert proc.returncode == EXIT_CONFIG, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert "Tệp cấu hình" in proc.stderr and hint in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_no_config_key_is_read_by_string_outside_the_config_module() -> None:
    """Reads go through the typed accessors (`ctx.config.counter.number`); the declarations in
    counter_app/config_keys.py and counter_app/config.py know the dotted names. Generic code that walks KEYS (settings window, `config show`) reads by a
    variable, which this does not match."""
    sections = sorted({name.split(".", 1)[0] for name in KEYS})
    read = re.compile(r"""\.get\(\s*f?["'](?:""" + "|".join(sections) + r")\.")
    offenders = []
    for package in ("counter_app", "ui", "printing", "db", "city_server"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if path in (ROOT / "counter_app" / "config.py", ROOT / "counter_app" / "config_keys.py"):
                continue
            for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if read.search(text):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {text.strip()}")
    assert offenders == []


_SCALARS = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
)


@settings(max_examples=150, deadline=None)
@given(values=st.dictionaries(st.sampled_from(sorted(KEYS)), _SCALARS, max_size=6))
def test_any_hand_edit_loads_or_is_refused_in_vietnamese(
    tmp_path_factory: pytest.TempPathFactory, values: dict[str, Any]
) -> None:
    """Whatever a person types in the file: the typed values come back in their declared types, or the
    start is refused with ConfigFileError; never another exception."""
    tree: dict[str, Any] = {}
    for name, value in values.items():
        *tables, leaf = name.split(".")
        node = tree
        for part in tables:
            node = node.setdefault(part, {})
        node[leaf] = value
    path = tmp_path_factory.mktemp("cfg") / "config.toml"
    path.write_bytes(tomli_w.dumps(tree).encode("utf-8"))
    try:
        config = Config(path)
    except ConfigFileError as exc:
        assert "Tệp cấu hình" in str(exc) and "dòng" in str(exc), str(exc)
        return
    for name, spec in KEYS.items():
        assert isinstance(config.get(name), type(spec.default)), name
