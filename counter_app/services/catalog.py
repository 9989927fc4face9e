"""The procedure catalog: what the office handles, how long it takes, what it costs, which papers."""

from __future__ import annotations

import builtins
import dataclasses
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, selectinload

from contract import catalog as catalog_rules
from contract import events
from counter_app.domain.text import fold
from counter_app.errors import NotFoundError, ValidationError
from counter_app.output_files import write_atomically
from counter_app.paths import resource
from counter_app.services import journal, meta
from db import AnyDatabase
from db.models import Procedure, ProcedureComponent

KINDS = catalog_rules.CATALOG_KINDS
KIND_LABELS_VI = {"original": "Bản chính", "copy": "Bản sao", "certified_copy": "Bản sao chứng thực"}
VERSION_KEY = meta.CATALOG_VERSION
BUNDLED = resource("catalog", "procedures.json")
LABEL = "Danh mục thủ tục"
MAX_FILE_BYTES = 16 * 1024 * 1024  # the bundled catalog is ~0.1 MB


@dataclass(frozen=True)
class ComponentSpec:
    name: str
    kind: str
    count: int
    required: bool


@dataclass(frozen=True)
class ProcedureInfo:
    code: str
    name: str
    field: str
    processing_days: int
    fee_vnd: int
    components: list[ComponentSpec] = dataclasses.field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def search_key(self) -> str:
        return fold(f"{self.code} {self.name} {self.field}")


def _info(p: Procedure) -> ProcedureInfo:
    return ProcedureInfo(
        code=p.code,
        name=p.name,
        field=p.field,
        processing_days=p.processing_days,
        fee_vnd=p.fee_vnd,
        components=[ComponentSpec(c.name, c.kind, c.count, c.required) for c in p.components],
    )


def _bad(message: str) -> ValidationError:
    return ValidationError(message, field="catalog", label=LABEL)


def parse_catalog(data: Any) -> tuple[str, list[ProcedureInfo]]:
    """Validate a whole catalog document before anything is written (the rules are the wire contract's:
    the city refuses to publish what a counter would refuse to apply)."""
    try:
        version, procedures = catalog_rules.check_catalog(data)
    except catalog_rules.CatalogError as exc:
        raise _bad(str(exc)) from None
    return version, [
        ProcedureInfo(
            code=p["code"],
            name=p["name"],
            field=p["field"],
            processing_days=p["processing_days"],
            fee_vnd=p["fee_vnd"],
            components=[ComponentSpec(**c) for c in p["components"]],
        )
        for p in procedures
    ]


class CatalogContext(journal.Stamp, Protocol):
    """What the catalog needs of the app context. AppContext has it; the context seeds the catalog when
    it opens a data dir, so this module does not import it (see `lint-imports`, pyproject.toml)."""

    @property
    def db(self) -> AnyDatabase: ...


class CatalogService:
    def __init__(self, ctx: CatalogContext) -> None:
        self.ctx = ctx

    # --- reading ----------------------------------------------------------------------------------

    def list(self, *, include_inactive: bool = False) -> list[ProcedureInfo]:
        with self.ctx.db.read() as s:
            q = select(Procedure).options(selectinload(Procedure.components)).order_by(Procedure.position)
            if not include_inactive:
                q = q.where(Procedure.active.is_(True))
            return [_info(p) for p in s.scalars(q)]

    def get(self, code: str) -> ProcedureInfo:
        with self.ctx.db.read() as s:
            p = s.get(Procedure, code)
            if p is None or not p.active:
                raise NotFoundError(
                    f"mã '{code}' không có trong danh mục", field="procedure", label="Thủ tục"
                )
            return _info(p)

    def search(self, text: str) -> builtins.list[ProcedureInfo]:
        """Search as you type: every word of the query, ignoring case and diacritics."""
        words = fold(text).split()
        return [p for p in self.list() if all(w in p.search_key for w in words)]

    def version(self) -> str:
        with self.ctx.db.read() as s:
            return meta.get(s, VERSION_KEY) or ""

    def city_version(self) -> str:
        """The city's catalog version applied last ("" before the first one)."""
        with self.ctx.db.read() as s:
            return meta.get(s, meta.CITY_CATALOG_VERSION) or ""

    def document(self) -> dict[str, Any]:
        return {"version": self.version(), "procedures": [p.to_json() for p in self.list()]}

    def export_file(self, path: Path) -> None:
        write_atomically(
            lambda: (json.dumps(self.document(), ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
            path,
            field="file",
            label="Tệp danh mục",
        )

    # --- writing ----------------------------------------------------------------------------------

    def import_file(self, path: Path, *, actor: str) -> dict[str, Any]:
        try:
            if Path(path).stat().st_size > MAX_FILE_BYTES:
                raise _bad(f"tệp lớn quá {MAX_FILE_BYTES // (1024 * 1024)} MB")
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _bad(f"không đọc được tệp: {exc}") from None
        except RecursionError:  # thousands of nested brackets: no catalog looks like that
            raise _bad("tệp JSON lồng nhau quá sâu, không phải một danh mục") from None
        return self.import_data(data, actor=actor)

    def import_data(
        self,
        data: Any,
        *,
        actor: str,
        only_if_empty: bool = False,
        from_city: bool = False,
    ) -> dict[str, Any]:
        """Replace the catalog in one transaction; procedures left out become inactive (dossiers keep them).

        `from_city`: the city's catalog wins over the office's own, whatever version that one has, unless
        the city's is not newer than the city version applied last (remembered in the same transaction).
        """
        from contract import payloads  # a write's: the catalog check at every start does not load it

        version, procedures = parse_catalog(data)
        with self.ctx.db.write() as s:
            current = meta.get(s, VERSION_KEY)
            city = meta.get(s, meta.CITY_CATALOG_VERSION)
            if from_city and city and _version_key(city) >= _version_key(version):
                return {"version": current or "", "applied": False, "procedures": 0}
            if only_if_empty and s.scalar(select(Procedure.code).limit(1)) is not None:
                # Checked under the write lock: two first starts at once seed the catalog only once.
                return {"version": current or "", "applied": False, "procedures": 0}
            if from_city:
                meta.put(s, meta.CITY_CATALOG_VERSION, version)
            _replace(s, version, procedures)
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.CATALOG_IMPORTED,
                entity="catalog",
                entity_id=version,
                payload=payloads.CatalogImported({"version": version, "codes": [p.code for p in procedures]}),
            )
        return {"version": version, "applied": True, "procedures": len(procedures)}

    def seed_if_empty(self) -> None:
        with self.ctx.db.read() as s:
            if s.scalar(select(Procedure.code).limit(1)) is not None:
                return
        if BUNDLED.exists():
            data = json.loads(BUNDLED.read_text(encoding="utf-8"))
            self.import_data(data, actor="", only_if_empty=True)  # the first start: no clerk (users.NO_CLERK)


_version_key = catalog_rules.catalog_version_key


def _replace(s: Session, version: str, procedures: list[ProcedureInfo]) -> None:
    """In a few set-wise statements: row by row through the ORM, two thousand procedures held the write
    lock (and every clerk's save) for twenty seconds (benchmarks/catalog_import_bench.py)."""
    s.execute(update(Procedure).values(active=False))
    if procedures:
        # Each backend's upsert, its dialect imported here: every start on SQLite need not load PostgreSQL's.
        insert: Any
        if s.get_bind().dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as postgres_insert

            insert = postgres_insert
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            insert = sqlite_insert
        upsert = insert(Procedure.metadata.tables["procedures"])
        s.execute(
            upsert.on_conflict_do_update(
                index_elements=["code"],
                set_={
                    key: upsert.excluded[key]
                    for key in ("name", "field", "processing_days", "fee_vnd", "active", "position")
                },
            ),
            [
                {
                    "code": p.code,
                    "name": p.name,
                    "field": p.field,
                    "processing_days": p.processing_days,
                    "fee_vnd": p.fee_vnd,
                    "active": True,
                    "position": pos,
                }
                for pos, p in enumerate(procedures)
            ],
        )
        codes = [p.code for p in procedures]
        for chunk in (codes[i : i + 500] for i in range(0, len(codes), 500)):  # bound-parameter limit
            s.execute(delete(ProcedureComponent).where(ProcedureComponent.procedure_code.in_(chunk)))
        rows = [
            {
                "procedure_code": p.code,
                "position": i,
                "name": c.name,
                "kind": c.kind,
                "count": c.count,
                "required": c.required,
            }
            for p in procedures
            for i, c in enumerate(p.components)
        ]
        if rows:
            # Core, not the ORM's bulk path: a third of the time.
            s.execute(ProcedureComponent.metadata.tables["procedure_components"].insert(), rows)
    s.expire_all()
    meta.put(s, VERSION_KEY, version)
