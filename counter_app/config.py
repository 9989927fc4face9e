"""The counter's configuration: a TOML file in the data dir, every key declared and validated here.

Each key is declared once, in its area's section in counter_app/config_keys.py, which gives both the entry
of KEYS (`counter-app config show|set`, the settings window) and the typed way to read it through this
module's Config: `ctx.config.counter.number` is an int.

Every key has a scope. OFFICE keys are what the whole office shares (agency, office hours, bank account,
forms, the queue's tickets, ratings policy, city credentials and sync): on an office database (PostgreSQL,
`database.url`) they live in its `office_settings` table, so every PC reads one truth
(counter_app/services/office_settings.py attaches them here). PC keys belong to this PC (counter number,
printers, screens, language, the database's address) and stay in the TOML file. On SQLite (one PC) every
key is in the file, as always. A section declares its scope (this PC's when it does not); a key may say
otherwise.

The file is checked when it is opened, with the rules of `config set` (counter_app/config_rules.py): a
hand-edited value that `config set` would refuse stops the app with a message naming the key and the
line (ConfigFileError, counter_app/config_file.py), instead of being used as it is.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

import tomli_w

from counter_app.config_file import load_checked
from counter_app.config_keys import (
    KEYS,
    OFFICE,
    PC,
    SCOPE_LABELS,
    AgencySettings,
    BankSettings,
    CitySettings,
    ConfigKey,
    CounterSettings,
    DatabaseSettings,
    FeedbackSettings,
    FormsSettings,
    OfficeSettings,
    PrinterSettings,
    QueueSettings,
    RatingSettings,
    ReportSettings,
    ScannerSettings,
    SyncSettings,
    UiSettings,
)
from counter_app.config_rules import AGENCY_CODE_RE
from counter_app.errors import ConfigFileError, ValidationError

__all__ = ["AGENCY_CODE_RE", "KEYS", "OFFICE", "PC", "SCOPE_LABELS", "Config", "ConfigFileError", "ConfigKey"]


# --- the file ---------------------------------------------------------------------------------------


class OfficeStore(Protocol):
    """Where the OFFICE keys live on an office database (counter_app/services/office_settings.py)."""

    def values(self) -> Mapping[str, Any]:
        """The office keys set for the office, parsed (a key not there has its default)."""
        ...

    def write(self, values: dict[str, Any], *, actor: str) -> None:
        """Store parsed values in one transaction with their audit rows."""
        ...

    def listen(self) -> None:
        """Follow the office's changes from now on (a process that runs all day)."""
        ...

    def close(self) -> None: ...


class Config:
    """Effective configuration: declared defaults overlaid by the file, and on an office database the OFFICE
    keys by the office's (`attach_office`). Writes go straight to disk, or to the office database."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._tree: dict[str, Any] = {}
        self.office_store: OfficeStore | None = None
        if self.path.exists():
            self._tree = load_checked(self.path, KEYS)
        self.database = DatabaseSettings(self)
        self.agency = AgencySettings(self)
        self.counter = CounterSettings(self)
        self.office = OfficeSettings(self)
        self.bank = BankSettings(self)
        self.city = CitySettings(self)
        self.printer = PrinterSettings(self)
        self.forms = FormsSettings(self)
        self.queue = QueueSettings(self)
        self.rating = RatingSettings(self)
        self.feedback = FeedbackSettings(self)
        self.sync = SyncSettings(self)
        self.ui = UiSettings(self)
        self.scanner = ScannerSettings(self)
        self.report = ReportSettings(self)

    def attach_office(self, store: OfficeStore) -> None:
        """From now on the OFFICE keys are the office database's; the file's are ignored."""
        self.office_store = store

    def shared(self, key: str) -> bool:
        """True when `key` is read from and written to the office database (an OFFICE key, office mode)."""
        return self.office_store is not None and self._spec(key).scope == OFFICE

    def file_value(self, key: str) -> Any:
        """The key's value in this PC's file; KeyError when the file does not give it."""
        return _dig(self._tree, key)

    def get(self, key: str) -> Any:
        """A key's value by its dotted name, for code that walks KEYS (settings window, `config show`);
        everything else reads the typed attributes (`config.counter.number`)."""
        spec = self._spec(key)
        if self.office_store is not None and spec.scope == OFFICE:
            return self.office_store.values().get(key, spec.default)
        try:
            return _dig(self._tree, key)
        except KeyError:
            return spec.default

    def text(self, key: str) -> str:
        value = self.get(key)
        assert isinstance(value, str), key
        return value

    def as_dict(self, *, reveal_secrets: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, spec in KEYS.items():
            value = self.get(name)
            out[name] = "********" if spec.secret and value and not reveal_secrets else value
        return out

    def set(self, key: str, raw: Any, *, actor: str = "") -> Any:
        """Validate and store one key; a bad value is refused with a Vietnamese message naming it."""
        return self.update({key: raw}, actor=actor)[key]

    def parse(self, values: dict[str, Any]) -> dict[str, Any]:
        """Every value checked by its key's rule; the first bad one refused with a message naming it."""
        parsed: dict[str, Any] = {}
        for key, raw in values.items():
            spec = self._spec(key)
            try:
                parsed[key] = spec.parse(raw)
            except ValueError as exc:
                raise ValidationError(str(exc), field=key, label=spec.label) from None
        return parsed

    def update(self, values: dict[str, Any], *, validated: bool = False, actor: str = "") -> dict[str, Any]:
        """Set several keys at once: all are checked before any is written. The office's keys go to the
        office database first (one transaction, audited as `actor`), then this PC's to the file.
        Returns the parsed values."""
        parsed = dict(values) if validated else self.parse(values)
        office = {k: v for k, v in parsed.items() if self.shared(k)}
        if office:
            assert self.office_store is not None
            self.office_store.write(office, actor=actor)
        mine = {k: v for k, v in parsed.items() if k not in office}
        if mine:
            self._write_file(mine)
        return parsed

    def _write_file(self, parsed: dict[str, Any]) -> None:
        for key, value in parsed.items():
            section, _, leaf = key.rpartition(".")
            node = self._tree
            for part in section.split("."):
                node = node.setdefault(part, {})
            node[leaf] = value
        self._save()

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".toml.tmp")
        # The file can hold the counter's sync secret: readable by the app's user only.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            tomli_w.dump(self._tree, fh)
        os.replace(tmp, self.path)
        try:
            os.chmod(self.path, 0o600)
        except OSError:  # pragma: no cover - Windows ACLs differ; the user profile dir is private there
            pass

    @staticmethod
    def _spec(key: str) -> ConfigKey[Any]:
        try:
            return KEYS[key]
        except KeyError:
            raise ValidationError(
                "khóa cấu hình không tồn tại; xem `counter-app config show`", field=key, label=key
            ) from None


SCOPES_FIELD = "scopes"  # not a key: keys are dotted ("agency.name")


def with_scopes(values: dict[str, Any]) -> dict[str, Any]:
    """`config show --json` (and the support bundle): every key's value, as scripts have always read it,
    and under "scopes" whose each key is: "office" (shared by the office's PCs) or "pc" (this PC's)."""
    return {**values, SCOPES_FIELD: {key: KEYS[key].scope for key in values}}


def _dig(tree: dict[str, Any], dotted: str) -> Any:
    node: Any = tree
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(dotted)
        node = node[part]
    return node
