"""Which numbers this database may hand out: office-wide, or a block of its own (docs/domain.md, Dossier code).

One database numbers its dossiers, register entries and queue tickets from one sequence each
(counter_app/services/sequences.py), so within a database nothing collides. Two databases of one agency
(two counters each with its own SQLite file) share nothing, so each takes a block of the four-digit
space: block b hands out b·1000 + 1 … b·1000 + 999. Block 0 is 0001–0999, what a one-counter office
has always printed; counter N takes block N−1 by default (counters 1–10). On the office's shared
PostgreSQL every PC draws from the same sequences and the numbers stay a plain office-wide 0001–9999.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from counter_app.errors import ConflictError

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

BLOCK_SIZE = 1000
BLOCKS = 10  # four digits hold blocks 0–9
OFFICE_MAX = 9999  # office-wide: the whole NNNN

KEY = "counter.number_block"
BLOCK_CHOICES = ("auto", "office", *(str(b) for b in range(BLOCKS)))


@dataclass(frozen=True)
class Numbering:
    """`block` None: office-wide numbers; else this database's block (0–9)."""

    block: int | None

    @property
    def office_wide(self) -> bool:
        return self.block is None

    def sequence(self, name: str) -> str:
        """The sequence's name for this block. Blocks None and 0 keep the historic names, so a one-counter
        office that upgrades in the middle of a day carries on where it was."""
        return name if not self.block else f"{name}:b{self.block}"

    def number(self, seq: int, *, what: str, label: str, field: str) -> int:
        """The `seq`-th number of this block; ConflictError (nothing saved) past its end."""
        if self.block is None:
            if not 1 <= seq <= OFFICE_MAX:
                raise ConflictError(f"đã dùng hết {OFFICE_MAX} số {what} trong kỳ", field=field, label=label)
            return seq
        if not 1 <= seq < BLOCK_SIZE:
            first = self.block * BLOCK_SIZE + 1
            raise ConflictError(
                f"khối số của quầy ({first:04d}–{first + BLOCK_SIZE - 2:04d}) đã dùng hết {BLOCK_SIZE - 1} "
                f"số {what} trong kỳ; tiếp nhận ở quầy khác, hoặc dùng cơ sở dữ liệu chung của văn phòng",
                field=field,
                label=label,
            )
        return self.block * BLOCK_SIZE + seq

    def register_book(self, year: int) -> str:
        """Each block keeps its own register book ("2026", block 2's "2026-2"); numbers run per book."""
        return str(year) if not self.block else f"{year}-{self.block}"


def numbering(ctx: AppContext) -> Numbering:
    """This PC's numbering, from `counter.number_block`: `office` (the only numbering source of the agency),
    a block 0–9, or `auto`: office-wide on a shared database, block counter.number − 1 on a SQLite file."""
    chosen = ctx.config.counter.number_block
    if chosen == "office":
        return Numbering(None)
    if chosen != "auto":
        return Numbering(int(chosen))
    if ctx.office_mode:
        return Numbering(None)
    counter = ctx.counter_number
    if not 1 <= counter <= BLOCKS:
        raise ConflictError(
            f"quầy số {counter} dùng cơ sở dữ liệu riêng nhưng chỉ quầy 1–{BLOCKS} có khối số riêng; "
            f"đặt {KEY} (0–9, khác các quầy khác của cơ quan) hoặc dùng cơ sở dữ liệu chung của văn phòng",
            field=KEY,
            label="Khối số của quầy",
        )
    return Numbering(counter - 1)
