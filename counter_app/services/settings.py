"""Changing the configuration as a clerk: validated by counter_app.config, recorded in the audit log."""

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
        value = self.ctx.config.set(key, raw)
        shown = "********" if KEYS[key].secret else value
        with self.ctx.db.write() as s:
            # Local only (sync=False): the city has no use for a counter's printer address.
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.CONFIG_SET,
                entity="config",
                entity_id=key,
                payload=payloads.ConfigSet({"key": key, "value": shown}),
                sync=False,
            )
        if key == "office.hours":
            self.ctx.invalidate_calendar()
        return value
