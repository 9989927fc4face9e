"""Name search shapes a clerk types (given name alone, family + given, words in another order, a repeated
word, one letter), the same answers on both backends whatever path PostgreSQL's word tables take, and the
word tables kept right when a name changes or an older register is migrated
(db/migrations/versions/0603_dossier_name_words.py, counter_app/services/name_search_pg.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from counter_app.domain.text import fold
from counter_app.services import name_search, name_search_pg
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from tests.conftest import intake_doc

# Received in this order: newest first means from the bottom up.
PEOPLE = [
    "Nguyễn Văn An",
    "Trần Thị Ngọc Anh",
    "Lê An Nguyễn",
    "Nguyễn Thị Minh Minh",
    "Hoàng Văn Thái",
    "Nguyễn Ngọc Anh",
]


@pytest.fixture
def people(ctx: AppContext) -> AppContext:
    for i, name in enumerate(PEOPLE):
        doc = intake_doc(
            applicant={
                "full_name": name,
                "id_number": f"0792030099{i:02d}",
                "phone": f"09123400{i:02d}",
                "address": "1 Lê Lợi",
            }
        )
        IntakeService(ctx).receive(doc, actor="clerk1")
    return ctx


def names(ctx: AppContext, query: str) -> list[str]:
    return [v.full_name for v in DossierService(ctx).find(query)]


# PostgreSQL's paths: as configured; every prefix checked on the names (none listed) and every walk a tie;
# a prefix with one key listed, more checked on the names.
SETTINGS = [(name_search_pg.EXPAND_MAX, name_search_pg.COUNT_CAP), (0, 1), (1, 1)]


@pytest.mark.parametrize(("expand_max", "count_cap"), SETTINGS)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Given name alone, a prefix of longer ones.
        ("an", ["Nguyễn Ngọc Anh", "Lê An Nguyễn", "Trần Thị Ngọc Anh", "Nguyễn Văn An"]),
        # Family + given, the middle name left out: every word somewhere.
        ("nguyen an", ["Nguyễn Ngọc Anh", "Lê An Nguyễn", "Nguyễn Văn An"]),
        # The same words next to each other somewhere come first, alone.
        ("an nguyen", ["Lê An Nguyễn"]),
        ("ngoc anh", ["Nguyễn Ngọc Anh", "Trần Thị Ngọc Anh"]),
        ("anh ngoc", ["Nguyễn Ngọc Anh", "Trần Thị Ngọc Anh"]),
        ("thi ngoc anh", ["Trần Thị Ngọc Anh"]),
        ("thi ngoc a", ["Trần Thị Ngọc Anh"]),
        ("ngoc thi anh", ["Trần Thị Ngọc Anh"]),
        # A middle word.
        ("thi", ["Nguyễn Thị Minh Minh", "Trần Thị Ngọc Anh"]),
        ("van", ["Hoàng Văn Thái", "Nguyễn Văn An"]),
        # A repeated word, and a word that another typed word already covers (as SQLite's FTS5 AND).
        ("minh minh", ["Nguyễn Thị Minh Minh"]),
        ("minh thi", ["Nguyễn Thị Minh Minh"]),
        ("an an", ["Lê An Nguyễn", "Nguyễn Văn An"]),
        ("ngoc n", ["Nguyễn Ngọc Anh", "Trần Thị Ngọc Anh"]),
        # One letter; family + given in the other order; nobody.
        ("t", ["Hoàng Văn Thái", "Nguyễn Thị Minh Minh", "Trần Thị Ngọc Anh"]),
        ("thai hoang", ["Hoàng Văn Thái"]),
        ("hoang th", ["Hoàng Văn Thái"]),
        ("an minh", []),
        ("tran nguyen", []),
        ("nguyen thi minh minh", ["Nguyễn Thị Minh Minh"]),
    ],
)
def test_find_name_shapes(
    people: AppContext,
    monkeypatch: pytest.MonkeyPatch,
    expand_max: int,
    count_cap: int,
    query: str,
    expected: list[str],
) -> None:
    monkeypatch.setattr(name_search_pg, "EXPAND_MAX", expand_max)
    monkeypatch.setattr(name_search_pg, "COUNT_CAP", count_cap)
    assert names(people, query) == expected


def test_find_a_few_newest_of_many(people: AppContext) -> None:
    assert [v.full_name for v in DossierService(people).find("nguyen", limit=2)] == [
        "Nguyễn Ngọc Anh",
        "Nguyễn Thị Minh Minh",
    ]
    assert [v.full_name for v in DossierService(people).find("nguyen an", limit=1)] == ["Nguyễn Ngọc Anh"]


def test_a_start_shared_by_many_names_is_searched_by_words(
    people: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More than RANGE_MAX names with that start (here: any): the word search answers, the same."""
    monkeypatch.setattr(name_search, "RANGE_MAX", 0)
    assert names(people, "nguyen thi minh m") == ["Nguyễn Thị Minh Minh"]
    assert names(people, "nguyen ngoc") == ["Nguyễn Ngọc Anh"]
    assert names(people, "nguyen n") == ["Nguyễn Ngọc Anh"]


@pytest.mark.parametrize("range_max", [name_search.RANGE_MAX, 3, 2])
def test_a_page_of_a_start_shared_by_more_names(
    people: AppContext, monkeypatch: pytest.MonkeyPatch, range_max: int
) -> None:
    """Three names start "nguyen van", a page of two: the newest two, whether the start's range is read
    (up to RANGE_MAX names, counted on the server, only the page sent back) or the words are."""
    for i, name in enumerate(["Nguyễn Văn Bình", "Nguyễn Văn Cường"]):
        doc = intake_doc(
            applicant={
                "full_name": name,
                "id_number": f"0792030088{i:02d}",
                "phone": f"09123500{i:02d}",
                "address": "1 Lê Lợi",
            }
        )
        IntakeService(people).receive(doc, actor="clerk1")
    monkeypatch.setattr(name_search, "RANGE_MAX", range_max)
    found = DossierService(people).find("nguyen van", limit=2)
    assert [v.full_name for v in found] == ["Nguyễn Văn Cường", "Nguyễn Văn Bình"]
    assert names(people, "nguyen van") == ["Nguyễn Văn Cường", "Nguyễn Văn Bình", "Nguyễn Văn An"]


def _rename(ctx: AppContext, old: str, new: str) -> None:
    with ctx.db.write() as s:
        s.execute(
            text(
                "UPDATE dossiers SET applicant_name = :n, applicant_name_folded = :f WHERE applicant_name = :o"
            ),
            {"n": new, "f": fold(new), "o": old},
        )


def test_a_changed_name_is_found_by_its_new_words_only(people: AppContext) -> None:
    _rename(people, "Nguyễn Văn An", "Phạm Văn Bình")
    assert names(people, "binh") == ["Phạm Văn Bình"]
    assert names(people, "pham binh") == ["Phạm Văn Bình"]
    assert names(people, "van binh") == ["Phạm Văn Bình"]
    assert names(people, "nguyen an") == ["Nguyễn Ngọc Anh", "Lê An Nguyễn"]
    assert names(people, "van an") == []
    _rename(people, "Phạm Văn Bình", "Nguyễn Văn An")
    assert names(people, "van an") == ["Nguyễn Văn An"]


def test_the_migration_fills_the_word_tables_for_an_older_register(people: AppContext) -> None:
    """An office database from before the word tables: the migration lists every dossier already there."""
    if people.db.dialect != "postgresql":
        pytest.skip("the word tables are PostgreSQL's (SQLite has its FTS5 index)")
    from alembic import command
    from alembic.config import Config

    from db.engine import MIGRATIONS_DIR

    with people.db.engine.connect() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0602_dossier_name_key")
        assert conn.execute(text("SELECT to_regclass('dossier_name_words')")).scalar() is None
        command.upgrade(cfg, "heads")
    assert names(people, "nguyen an") == ["Nguyễn Ngọc Anh", "Lê An Nguyễn", "Nguyễn Văn An"]
    with people.db.read() as s:
        words = s.execute(text("SELECT count(*) FROM dossier_name_words")).scalar()
        pairs = s.execute(
            text("SELECT count(*), count(*) FILTER (WHERE apart) FROM dossier_name_pairs")
        ).one()
    # 3 + 4 + 3 + 3 (minh once) + 3 + 3 words; pairs: every two words in name order, once each (Nguyễn Thị
    # Minh Minh: nguyen thi, thi minh, minh minh next to each other; nguyen minh, thi minh apart).
    assert words == 19
    assert tuple(pairs) == (3 + 6 + 3 + 5 + 3 + 3, 1 + 3 + 1 + 2 + 1 + 1)
    # And a dossier received afterwards is listed too.
    doc = intake_doc(
        applicant={
            "full_name": "Đỗ Gia Bảo",
            "id_number": "079203009990",
            "phone": "0912340099",
            "address": "1",
        }
    )
    IntakeService(people).receive(doc, actor="clerk1")
    assert names(people, "do bao") == ["Đỗ Gia Bảo"]
