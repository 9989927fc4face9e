"""Changing the configuration as a clerk: validated by counter_app.config, recorded in the audit log.

On an office database the keys the whole office shares go to it (value and audit row in one transaction,
counter_app/services/office_settings.py) and every PC sees them; this PC's keys go to its config.toml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from contract import events, payloads
from counter_app.config import KEYS
from counter_app.services import journal

if TYPE_CHECKING:
    from counter_app.services.context import AppContext


class SettingsService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def set(self, key: str, raw: Any, *, actor: str) -> Any:
        """Validate and store one key (ValidationError naming it when bad), then audit who changed it."""
        return self.set_many({key: raw}, actor=actor)[key]

    def set_many(self, values: dict[str, Any], *, actor: str) -> dict[str, Any]:
        """Several keys at once: all checked before any is stored; returns the parsed values."""
        config = self.ctx.config
        parsed = config.parse(values)
        # The office's keys: stored and audited by the office database in one transaction.
        config.update({k: v for k, v in parsed.items() if config.shared(k)}, validated=True, actor=actor)
        mine = {k: v for k, v in parsed.items() if not config.shared(k)}
        if mine:
            config.update(mine, validated=True)
            with self.ctx.db.write() as s:
                for key, value in mine.items():
                    # Local only (sync=False): the city has no use for a counter's printer address.
                    journal.record(
                        s,
                        self.ctx,
                        actor=actor,
                        event_type=events.CONFIG_SET,
                        entity="config",
                        entity_id=key,
                        payload=payloads.ConfigSet(
                            {"key": key, "value": "********" if KEYS[key].secret else value}
                        ),
                        sync=False,
                    )
        if "office.hours" in parsed:
            self.ctx.invalidate_calendar()
        return parsed
