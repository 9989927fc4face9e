"""The office benchmark's register (benchmarks/office_bench.py): a PostgreSQL database of generated
dossiers, loaded set-wise (INSERT … SELECT generate_series: a fixture, not the thing measured; the name
search's word tables are filled by the same triggers as in the app), and the queries a clerk would type.

Loading a million dossiers takes minutes of a shared machine's CPU: `--dataset NAME` keeps them in a named
database that later runs reuse (migrated first, so a run after a new migration measures its backfill).
"""

from __future__ import annotations

import random
import time
from pathlib import Path

# Ids of generated dossiers start above this; the ones received during a run come after them.
FIRST_ID = 1_000_000


def with_database(url: str, name: str, driver: str = "postgresql+psycopg") -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername=driver, database=name).render_as_string(hide_password=False)


def database_name(url: str) -> str:
    from sqlalchemy.engine import make_url

    return str(make_url(url).database)


def admin(url: str, sql: str) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(with_database(url, "postgres", "postgresql"), autocommit=True) as conn:
        cur = conn.execute(sql)  # type: ignore[arg-type]
        return list(cur.fetchall()) if cur.description else []


def office_dir(parent: Path, db_url: str) -> Path:
    """A data dir whose config points at `db_url` (what each PC of the office has)."""
    office = parent / "office"
    office.mkdir(parents=True, exist_ok=True)
    (office / "config.toml").write_text(f'[database]\nurl = "{db_url}"\n')
    return office


def migrate(office: Path) -> float:
    """Bring the database to the app's schema (as the first PC starting does); seconds taken."""
    from counter_app.services.context import AppContext

    t0 = time.perf_counter()
    AppContext(office).close()
    return time.perf_counter() - t0


def open_dataset(url: str, name: str, n: int, work: Path) -> dict[str, object]:
    """The named database holding `n` generated dossiers: made and loaded on first use, else reused after
    its pending migrations. Returns its URL, the office data dir, load and migration seconds."""
    db_url = with_database(url, name)
    new = not admin(url, f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
    if new:
        admin(url, f'CREATE DATABASE "{name}"')
    office = office_dir(work, db_url)
    migrate_s = migrate(office)
    have = generated_count(db_url)
    load_s = None
    if have == 0:
        print(f"  generating {n:,} dossiers set-wise into {name} (kept for later runs) …", flush=True)
        load_s = load_dossiers(db_url, n)
    elif have != n:
        raise SystemExit(
            f"database {name} holds {have:,} generated dossiers, not {n:,}: drop it or pass --dossiers {have}"
        )
    _ids_after_generated(db_url)
    return {"url": db_url, "office": office, "load_s": load_s, "migrate_s": None if new else migrate_s}


def _ids_after_generated(db_url: str) -> None:
    """Dossiers received in a run get ids after the generated ones (they are the newest): also in a
    register generated before the loader said so."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('dossiers', 'id'), (SELECT max(id) FROM dossiers))"
                )
            )
    finally:
        engine.dispose()


def generated_count(db_url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            sql = "SELECT count(*) FROM dossiers WHERE clerk = 'bench'"
            return int(conn.execute(text(sql)).scalar_one())
    finally:
        engine.dispose()


FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Gia", "Xuân", "Hoài", "Kim"]
GIVEN = [
    "An", "Anh", "Bình", "Châu", "Cường", "Dũng", "Duy", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa",
    "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Ngân", "Nhung", "Phong",
    "Phúc", "Quân", "Quang", "Sơn", "Tâm", "Thảo", "Thắng", "Thu", "Trang", "Trung", "Tuấn", "Vân", "Vy",
]  # fmt: skip


def _array(values: list[str]) -> str:
    return "(ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "])"


def load_dossiers(db_url: str, n: int) -> float:
    """`n` dossiers (each with one history row and two papers) inserted set-wise; seconds taken."""
    from sqlalchemy import create_engine, text

    from counter_app.domain.text import fold

    f, m, g = (len(FAMILY), len(MIDDLE), len(GIVEN))
    name = (
        f"{_array(FAMILY)}[1 + (i * 7919) % {f}] || ' ' || {_array(MIDDLE)}[1 + (i * 104729) % {m}]"
        f" || ' ' || {_array(GIVEN)}[1 + (i * 1299709) % {g}]"
    )
    folded = (
        f"{_array([fold(x) for x in FAMILY])}[1 + (i * 7919) % {f}] || ' ' || "
        f"{_array([fold(x) for x in MIDDLE])}[1 + (i * 104729) % {m}] || ' ' || "
        f"{_array([fold(x) for x in GIVEN])}[1 + (i * 1299709) % {g}]"
    )
    day = "(DATE '2023-01-02' + (i / 1300)::int)"
    received = f"(to_char({day}, 'YYYY-MM-DD') || 'T09:00:00+07:00')"
    sql = f"""
        INSERT INTO dossiers (id, code, agency_code, procedure_code, procedure_name, field, processing_days,
            fee_vnd, applicant_name, applicant_name_folded, id_number, phone, email, address, birth_date, sets,
            delivery, post_address, status, received_at, due_at, clerk, counter_number, register_book,
            register_number)
        SELECT {FIRST_ID} + i, '000.00.06.H56-' || to_char({day}, 'YYMMDD') || '-' || lpad((i % 1300 + 1)::text, 4, '0')
               , '000.00.06.H56', p.code, p.name, p.field, 3, 0, {name}, {folded},
               lpad((79000000000 + i)::text, 12, '0'), '09' || lpad((i * 37 % 100000000)::text, 8, '0'),
               NULL, 'Số ' || (i % 300) || ' đường ' || (i % 97), NULL, 1, 'counter', NULL,
               CASE WHEN i > {n} - 5000 THEN 'processing' ELSE 'returned' END,
               {received}, {received}, 'bench', 1 + i % 20, '2023', i
        FROM generate_series(1::bigint, {n}) AS i, (SELECT code, name, field FROM procedures ORDER BY code LIMIT 1) AS p
    """
    engine = create_engine(db_url)
    t0 = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(text(sql))
        conn.execute(
            text(
                "INSERT INTO dossier_history (dossier_id, at, clerk, action, from_status, to_status)"
                " SELECT id, received_at, 'bench', 'receive', NULL, 'received' FROM dossiers"
                f" WHERE id > {FIRST_ID}"
            )
        )
        conn.execute(
            text(
                "INSERT INTO dossier_components (dossier_id, position, name, kind, count)"
                " SELECT d.id, k, 'Giấy tờ ' || k, 'original', 1 FROM dossiers d, generate_series(0, 1) k"
                f" WHERE d.id > {FIRST_ID}"
            )
        )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        # Received dossiers get the ids after the generated ones.
        conn.execute(
            text("SELECT setval(pg_get_serial_sequence('dossiers', 'id'), (SELECT max(id) FROM dossiers))")
        )
        for table in (
            "dossiers",
            "dossier_history",
            "dossier_components",
            "dossier_name_words",
            "dossier_name_pairs",
        ):
            if conn.execute(text("SELECT to_regclass(:t)"), {"t": table}).scalar() is not None:
                conn.execute(text(f"VACUUM ANALYZE {table}"))
    engine.dispose()
    return time.perf_counter() - t0


def sample_queries(db_url: str, count: int, n: int) -> list[tuple[str, str]]:
    """`count` queries for generated dossiers picked at random, in turn of each shape a clerk types."""
    from sqlalchemy import create_engine, text

    rng = random.Random(7)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        lo, hi = FIRST_ID + 1, FIRST_ID + n
        rows = [
            conn.execute(
                text("SELECT code, applicant_name_folded, phone, id_number FROM dossiers WHERE id = :i"),
                {"i": rng.randint(lo, hi)},
            ).one()
            for _ in range(count)
        ]
    engine.dispose()
    from core_bench import query_shapes  # this script's folder is on sys.path when it runs

    return query_shapes(rows, ("name (given only)", "name (middle word)"))
