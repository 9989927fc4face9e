"""Digitised papers of a dossier (số hóa, Thông tư 01/2023/TT-VPCP): attach, list, reuse, read back.

Each paper of the dossier's checklist (N = its 1-based place, as the receipt lists them) and the result
returned can get a PDF, made by counter_app/digitise from a scanner, the scan-to-folder directory or a
file. Storing is two-step and all-or-nothing: the PDF is written first (a 0600 file in a 0700 folder
under `<data dir>/files/`), then its row and its `dossier.file_attached` event commit in one
transaction; if that fails the file is removed. In office mode (the shared PostgreSQL database) the
bytes go into `stored_files` inside that same transaction instead, so every PC of the office sees them.

A citizen who comes back (same CCCD) can reuse papers digitised before and still valid: the new row
points at the same stored PDF and names the original (`reused_from`), which the QĐ 766 index counts.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from contract import events, payloads
from counter_app.digitise.pages import PreparedPdf, pdf_of_images, prepare_file
from counter_app.domain.lifecycle import REJECTED
from counter_app.errors import ConflictError, NotFoundError, ValidationError
from counter_app.services import journal
from counter_app.timeutil import iso
from db.models import Dossier, DossierComponent
from db.models.files import DossierFile, StoredFile

if TYPE_CHECKING:
    from PIL import Image

    from counter_app.services.context import AppContext

log = logging.getLogger(__name__)

RESULT_NAME = "Kết quả giải quyết"
SOURCES = ("scanner", "folder", "file", "reuse")
FILES_DIR = "files"


@dataclass(frozen=True)
class FileEntry:
    id: int
    code: str
    role: str
    paper: int | None
    name: str
    pages: int
    bytes: int
    sha256: str
    by: str
    at: datetime
    reused_from: int | None
    source: str
    valid_until: date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "role": self.role,
            "paper": self.paper,
            "name": self.name,
            "pages": self.pages,
            "bytes": self.bytes,
            "sha256": self.sha256,
            "by": self.by,
            "at": iso(self.at),
            "reused_from": self.reused_from,
            "source": self.source,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
        }


@dataclass(frozen=True)
class Reusable:
    """A paper digitised for this CCCD, still valid, that a new dossier may take instead of a new scan."""

    id: int
    code: str  # the dossier it was digitised for
    name: str
    pages: int
    bytes: int
    at: datetime
    valid_until: date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "code": self.code,
            "name": self.name,
            "pages": self.pages,
            "bytes": self.bytes,
            "at": iso(self.at),
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
        }


@dataclass(frozen=True)
class Choice:
    """What a clerk chose for one paper: pages to store (scanned, from the scan folder, from a file) or a
    paper digitised before to reuse. The clerk window keeps one beside each paper until the dossier is
    saved (ui/clerk/files_controller.py); `FileService.apply` stores it."""

    source: str  # scanner | folder | file | reuse
    prepared: PreparedPdf | None = None
    reuse_id: int | None = None
    reused_code: str | None = None  # the dossier the reused paper was digitised for (shown to the clerk)
    folder_file: Path | None = None  # the scan-folder file the pages came from: deleted once stored


@dataclass(frozen=True)
class ChecklistRow:
    paper: int | None  # None: the result
    name: str
    entry: FileEntry | None  # the latest file attached to it


@dataclass(frozen=True)
class Checklist:
    code: str
    id_number: str
    rows: list[ChecklistRow]


def _dossier(s: Session, code: str) -> Dossier:
    d = s.scalar(select(Dossier).where(Dossier.code == code.strip()))
    if d is None:
        raise NotFoundError(f"không tìm thấy hồ sơ '{code}'", field="code", label="Mã hồ sơ")
    return d


def _paper_name(s: Session, d: Dossier, paper: int | None) -> str:
    if paper is None:
        return RESULT_NAME
    names = list(
        s.scalars(
            select(DossierComponent.name)
            .where(DossierComponent.dossier_id == d.id)
            .order_by(DossierComponent.position, DossierComponent.id)
        )
    )
    if isinstance(paper, bool) or not isinstance(paper, int) or not 1 <= paper <= len(names):
        raise ValidationError(
            f"hồ sơ {d.code} có {len(names)} giấy tờ, không có giấy tờ số {paper}"
            if names
            else f"hồ sơ {d.code} không có giấy tờ nào trong thành phần hồ sơ",
            field="paper",
            label="Giấy tờ số",
        )
    return names[paper - 1]


def _entry(f: DossierFile, code: str) -> FileEntry:
    return FileEntry(
        f.id, code, f.role, f.paper, f.name, f.pages, f.bytes, f.sha256, f.by, f.at,
        f.reused_from, f.source, f.valid_until,
    )  # fmt: skip


class FileService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # --- where the bytes live ------------------------------------------------------------------------

    @property
    def office_mode(self) -> bool:
        """The PDFs go into the office database (stored_files), which every PC of the office reads."""
        return self.ctx.office_mode

    @property
    def root(self) -> Path:
        return self.ctx.data_dir / FILES_DIR

    def _key(self, code: str, paper: int | None, now: datetime) -> str:
        safe = re.sub(r"[^0-9A-Za-z.\-]", "_", code)
        what = f"p{paper}" if paper is not None else "kq"
        return f"{now:%Y}/{now:%m}/{safe}/{what}-{now:%Y%m%d%H%M%S}-{secrets.token_hex(4)}.pdf"

    def _write_private(self, key: str, data: bytes) -> Path:
        """The PDF as a 0600 file in 0700 folders, complete or not there (written aside, then renamed)."""
        target = self.root / key
        folder = self.root
        for part in ("", *Path(key).parent.parts):
            folder = folder / part if part else folder
            if not folder.is_dir():
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                if os.name != "nt":
                    os.chmod(folder, 0o700)  # mkdir's mode is cut by the umask
        tmp = target.with_name(target.name + ".part")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return target

    def read(self, file_id: int) -> bytes:
        """The stored PDF of one attached file."""
        with self.ctx.db.read() as s:
            f = s.get(DossierFile, file_id)
            if f is None:
                raise NotFoundError(f"không có tệp số {file_id}", field="file_id", label="Tệp đã số hóa")
            if self.office_mode:
                stored = s.get(StoredFile, f.stored_as)
                if stored is None:
                    raise NotFoundError("tệp không còn trong cơ sở dữ liệu", field="file_id", label="Tệp")
                return bytes(stored.data)
        try:
            return (self.root / f.stored_as).read_bytes()
        except OSError as exc:
            raise NotFoundError(
                f"không đọc được tệp đã lưu ({exc.strerror or exc})", field="file_id", label="Tệp đã số hóa"
            ) from None

    def path_of(self, file_id: int) -> Path | None:
        """The stored file on disk (None in office mode, where `read` gives the bytes)."""
        if self.office_mode:
            return None
        with self.ctx.db.read() as s:
            f = s.get(DossierFile, file_id)
            return None if f is None else self.root / f.stored_as

    # --- making the PDF ---------------------------------------------------------------------------------

    @property
    def _budget(self) -> int:
        return self.ctx.config.scanner.page_kb * 1024

    def prepare_file(self, path: str | Path) -> PreparedPdf:
        return prepare_file(Path(path), dpi=self.ctx.config.scanner.dpi, budget_bytes=self._budget)

    def prepare_images(self, images: list[Image.Image]) -> PreparedPdf:
        return pdf_of_images(images, dpi=self.ctx.config.scanner.dpi, budget_bytes=self._budget)

    def prepare_scan(self, device: str | None = None) -> PreparedPdf:
        """Scan now (the configured scanner when `device` is None) and make the PDF."""
        from counter_app.digitise import scanner

        cfg = self.ctx.config.scanner
        images = scanner.scan(
            device or cfg.device or None, dpi=cfg.dpi, source=cfg.source, timeout_s=cfg.timeout_s
        )
        return self.prepare_images(images)

    # --- recording ------------------------------------------------------------------------------------------

    def attach(
        self,
        code: str,
        paper: int | None,
        prepared: PreparedPdf,
        *,
        actor: str,
        source: str = "file",
        valid_until: date | None = None,
    ) -> FileEntry:
        """Store `prepared` as paper N of the dossier (None: its result) and record it."""
        if source not in SOURCES[:3]:
            raise ValidationError("nguồn không hợp lệ", field="source", label="Nguồn")
        now = self.ctx.now()
        if valid_until is not None and valid_until < now.date():
            raise ValidationError(
                f"{valid_until:%d/%m/%Y} đã qua", field="valid_until", label="Giá trị sử dụng đến ngày"
            )
        with self.ctx.db.read() as s:  # refuse bad input before a byte is written
            d = _dossier(s, code)
            _paper_name(s, d, paper)
            self._check_state(d, paper)
        key = self._key(d.code, paper, now)
        written = None if self.office_mode else self._write_private(key, prepared.data)
        try:
            with self.ctx.db.write() as s:
                d = _dossier(s, code)
                name = _paper_name(s, d, paper)
                self._check_state(d, paper)
                if self.office_mode:
                    s.add(StoredFile(key=key, data=prepared.data, sha256=prepared.sha256, created_at=now))
                row = DossierFile(
                    dossier_id=d.id, role="paper" if paper is not None else "result", paper=paper,
                    name=name, pages=prepared.pages, bytes=prepared.size, sha256=prepared.sha256,
                    stored_as=key, by=actor, at=now, reused_from=None, id_number=d.id_number,
                    valid_until=valid_until, source=source,
                )  # fmt: skip
                s.add(row)
                s.flush()
                self._record(s, actor, d.code, row, reused_from_code=None)
                return _entry(row, d.code)
        except BaseException:
            if written is not None:
                written.unlink(missing_ok=True)
            raise

    @staticmethod
    def _check_state(d: Dossier, paper: int | None) -> None:
        if d.status == REJECTED:
            raise ConflictError(
                "hồ sơ đã bị từ chối tiếp nhận, không số hóa thêm", field="code", label="Mã hồ sơ"
            )

    def reuse(self, code: str, paper: int, file_id: int, *, actor: str) -> FileEntry:
        """Paper N of the dossier is a paper this citizen had digitised before: no new scan."""
        now = self.ctx.now()
        with self.ctx.db.write() as s:
            d = _dossier(s, code)
            name = _paper_name(s, d, paper)
            self._check_state(d, paper)
            original = s.get(DossierFile, file_id) if isinstance(file_id, int) else None
            if original is None or original.role != "paper":
                raise NotFoundError(
                    f"không có giấy tờ đã số hóa số {file_id}", field="reuse", label="Giấy tờ dùng lại"
                )
            if original.reused_from is not None:  # always name the first digitisation
                root = s.get(DossierFile, original.reused_from)
                original = root if root is not None else original
            if original.id_number != d.id_number:
                raise ConflictError(
                    "giấy tờ này được số hóa cho công dân khác (khác số CCCD)",
                    field="reuse",
                    label="Giấy tờ dùng lại",
                )
            if original.valid_until is not None and original.valid_until < now.date():
                raise ConflictError(
                    f"giấy tờ đã hết hiệu lực từ {original.valid_until:%d/%m/%Y}",
                    field="reuse",
                    label="Giấy tờ dùng lại",
                )
            if original.dossier_id == d.id:
                raise ConflictError("giấy tờ đã thuộc hồ sơ này", field="reuse", label="Giấy tờ dùng lại")
            original_code = s.scalar(select(Dossier.code).where(Dossier.id == original.dossier_id))
            row = DossierFile(
                dossier_id=d.id, role="paper", paper=paper, name=name, pages=original.pages,
                bytes=original.bytes, sha256=original.sha256, stored_as=original.stored_as, by=actor,
                at=now, reused_from=original.id, id_number=d.id_number,
                valid_until=original.valid_until, source="reuse",
            )  # fmt: skip
            s.add(row)
            s.flush()
            self._record(s, actor, d.code, row, reused_from_code=original_code)
            return _entry(row, d.code)

    def _record(
        self, s: Session, actor: str, code: str, row: DossierFile, *, reused_from_code: str | None
    ) -> None:
        journal.record(
            s,
            self.ctx,
            actor=actor,
            event_type=events.DOSSIER_FILE_ATTACHED,
            entity="dossier",
            entity_id=code,
            payload=payloads.DossierFileAttached(
                {
                    "code": code,
                    "role": row.role,
                    "paper": row.paper,
                    "name": row.name,
                    "pages": row.pages,
                    "bytes": row.bytes,
                    "sha256": row.sha256,
                    "reused_from_code": reused_from_code,
                    "at": iso(row.at),
                }
            ),
        )

    def apply(self, code: str, paper: int | None, choice: Choice, *, actor: str) -> FileEntry:
        """Store what the clerk chose for paper N (None: the result); a scan-folder file is then deleted
        from the folder (it holds a citizen's papers, and the folder is often shared)."""
        if choice.source == "reuse":
            if paper is None or choice.reuse_id is None:
                raise ValidationError("chỉ dùng lại được giấy tờ", field="reuse", label="Giấy tờ dùng lại")
            return self.reuse(code, paper, choice.reuse_id, actor=actor)
        if choice.prepared is None:
            raise ValidationError("chưa có trang nào", field="file", label="Tệp")
        entry = self.attach(code, paper, choice.prepared, actor=actor, source=choice.source)
        if choice.folder_file is not None:
            try:
                choice.folder_file.unlink(missing_ok=True)
            except OSError:  # read-only share: the file stays; it is stored all the same
                log.warning("could not delete the scanned file from the scan folder")
        return entry

    def checklist(self, code: str) -> Checklist:
        """The dossier's papers and its result, each with the latest file attached (None: not yet)."""
        with self.ctx.db.read() as s:
            d = _dossier(s, code)
            names = list(
                s.scalars(
                    select(DossierComponent.name)
                    .where(DossierComponent.dossier_id == d.id)
                    .order_by(DossierComponent.position, DossierComponent.id)
                )
            )
            latest: dict[int | None, FileEntry] = {}
            rows = s.scalars(
                select(DossierFile).where(DossierFile.dossier_id == d.id).order_by(DossierFile.id)
            ).all()
            for f in rows:
                latest[f.paper] = _entry(f, d.code)
            out = [ChecklistRow(i, n, latest.get(i)) for i, n in enumerate(names, start=1)]
            out.append(ChecklistRow(None, RESULT_NAME, latest.get(None)))
            return Checklist(d.code, d.id_number, out)

    # --- reading ----------------------------------------------------------------------------------------------

    def listing(self, code: str) -> list[FileEntry]:
        """Every file attached to the dossier, papers in checklist order then the result, oldest first."""
        with self.ctx.db.read() as s:
            d = _dossier(s, code)
            rows = s.scalars(select(DossierFile).where(DossierFile.dossier_id == d.id)).all()
            out = [_entry(f, d.code) for f in rows]
        return sorted(out, key=lambda e: (e.paper is None, e.paper or 0, e.at, e.id))

    def papers(self, code: str) -> list[str]:
        """The names of the dossier's checklist, in the order N counts them."""
        with self.ctx.db.read() as s:
            d = _dossier(s, code)
            return list(
                s.scalars(
                    select(DossierComponent.name)
                    .where(DossierComponent.dossier_id == d.id)
                    .order_by(DossierComponent.position, DossierComponent.id)
                )
            )

    def reusable(self, id_number: str, *, exclude_code: str | None = None) -> list[Reusable]:
        """Papers digitised for this CCCD and valid today, newest first, one per paper name."""
        cccd = (id_number or "").strip()
        if not re.fullmatch(r"\d{12}", cccd):
            raise ValidationError("phải gồm đúng 12 chữ số", field="id_number", label="Số CCCD")
        today = self.ctx.now().date()
        with self.ctx.db.read() as s:
            rows = s.execute(
                select(DossierFile, Dossier.code)
                .join(Dossier, Dossier.id == DossierFile.dossier_id)
                .where(
                    DossierFile.id_number == cccd,
                    DossierFile.role == "paper",
                    DossierFile.reused_from.is_(None),
                    or_(DossierFile.valid_until.is_(None), DossierFile.valid_until >= today),
                )
                .order_by(DossierFile.at.desc(), DossierFile.id.desc())
            ).all()
        seen: set[str] = set()
        out = []
        for f, code in rows:
            if code == exclude_code or f.name in seen:
                continue
            seen.add(f.name)
            out.append(Reusable(f.id, code, f.name, f.pages, f.bytes, f.at, f.valid_until))
        return out
