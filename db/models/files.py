"""Digitised papers (số hóa): the PDF of each paper of a dossier's checklist and of its result.

The PDF itself lives in the data dir (`stored_as` is its path under `<data dir>/files/`) or, in office
mode, in `stored_files` (same key) so that every PC of the office sees it. `id_number` is the citizen's
CCCD copied from the dossier: a paper still valid can be reused in the citizen's next dossier
(`reused_from` then names the original row).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, LocalDateTime


class DossierFile(Base):
    __tablename__ = "dossier_files"
    __table_args__ = (
        CheckConstraint("role IN ('paper', 'result')", name="role_known"),
        Index("ix_dossier_files_id_number", "id_number"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10))  # paper | result
    paper: Mapped[int | None] = mapped_column(Integer)  # 1-based place in the checklist; None: the result
    name: Mapped[str] = mapped_column(String(300))  # the paper's name, or "Kết quả giải quyết"
    pages: Mapped[int] = mapped_column(Integer)
    bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    stored_as: Mapped[str] = mapped_column(String(200))
    by: Mapped[str] = mapped_column(String(64))  # the clerk; "" for a script
    at: Mapped[datetime] = mapped_column(LocalDateTime)
    reused_from: Mapped[int | None] = mapped_column(ForeignKey("dossier_files.id"))
    id_number: Mapped[str] = mapped_column(String(12))
    valid_until: Mapped[date | None] = mapped_column(Date)
    # Where the pages came from: scanner, folder (scan to folder), file, reuse.
    source: Mapped[str] = mapped_column(String(10), default="file")


class StoredFile(Base):
    """Office mode: the bytes of a digitised paper in the shared database (key = DossierFile.stored_as)."""

    __tablename__ = "stored_files"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(LocalDateTime)
