"""Which PCs of the office are running, and as what: each window beats every HEARTBEAT_S seconds.

The seam (the supervisor view and `counter-app office status` read it):
- `PresenceService(ctx).beat(role, counter, clerk)`: one small upsert of this PC's row for `role`, in
  its own write transaction. Called off the GUI thread (ui/presence.py). Heartbeats are not business
  events: no audit row, no outbox event, no change notification (they would drown the real ones).
- `PresenceService(ctx).list()`: every row, freshest first, each with `online` (heard from within
  ONLINE_S seconds).
A PC is its data dir: a UUID kept in the file `pc-id` there, so the same PC keeps its row across restarts
and two data dirs on one machine are two PCs. On SQLite the table lists this PC's own windows only.
"""

from __future__ import annotations

import logging
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update

from counter_app import __version__
from counter_app.errors import ValidationError
from db.models.office import OfficePc

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

log = logging.getLogger(__name__)

ROLES = ("clerk", "kiosk", "board", "rating", "supervisor", "cli")
HEARTBEAT_S = 10
# Three missed heartbeats: the window was closed, the PC switched off or cut from the office network.
ONLINE_S = 3 * HEARTBEAT_S
PC_ID_FILE = "pc-id"


@dataclass(frozen=True)
class PcPresence:
    pc_id: str
    role: str
    counter: int
    clerk: str | None
    host: str
    version: str
    started_at: datetime
    last_seen: datetime
    online: bool


def pc_id(root: Path) -> str:
    """This PC's stable id, made once and kept in the data dir."""
    path = root / PC_ID_FILE
    try:
        known = path.read_text(encoding="ascii").strip()
        return str(uuid.UUID(known))
    except (OSError, ValueError):
        pass
    new = str(uuid.uuid4())
    try:
        path.write_text(new + "\n", encoding="ascii")
    except OSError as exc:  # a read-only data dir still runs; this process is then a PC of its own
        log.warning("Không ghi được mã máy %s: %s", path, exc)
    return new


class PresenceService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.pc_id = pc_id(ctx.data_dir)
        self.started_at = ctx.now()  # this process's start: a window restarted shows a new time
        self.host = socket.gethostname()[:100]

    def beat(self, role: str, counter: int | None = None, clerk: str | None = None) -> None:
        """This PC is alive as `role` at `counter` (default: this PC's counter.number), `clerk` logged in."""
        if role not in ROLES:
            raise ValidationError(f"phải là một trong {', '.join(ROLES)}", field="role", label="Vai trò")
        values = {
            "counter_number": self.ctx.counter_number if counter is None else counter,
            "clerk": clerk or None,
            "host": self.host,
            "version": __version__,
            "started_at": self.started_at,
            "last_seen": self.ctx.now(),
        }
        mine = (OfficePc.pc_id == self.pc_id) & (OfficePc.role == role)
        # Update, else insert: portable across SQLite and PostgreSQL, and safe because write() is the
        # one writer at a time on either backend.
        with self.ctx.db.write() as s:
            known = s.scalar(select(OfficePc.pc_id).where(mine))
            if known is None:
                s.execute(insert(OfficePc).values(pc_id=self.pc_id, role=role, **values))
            else:
                s.execute(update(OfficePc).where(mine).values(**values))

    def list(self) -> list[PcPresence]:
        """Every PC window the office has seen: the online ones first, then by counter and role."""
        now = self.ctx.now()
        with self.ctx.db.read() as s:
            rows = s.scalars(select(OfficePc)).all()
        out = [
            PcPresence(
                pc_id=r.pc_id,
                role=r.role,
                counter=r.counter_number,
                clerk=r.clerk,
                host=r.host,
                version=r.version,
                started_at=r.started_at,
                last_seen=r.last_seen,
                online=(now - r.last_seen).total_seconds() <= ONLINE_S,
            )
            for r in rows
        ]
        return sorted(out, key=lambda p: (not p.online, p.counter, p.role, p.pc_id))
