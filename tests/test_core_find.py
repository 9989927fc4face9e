"""Search: code (or a tracking URL), phone (+84 too), CCCD, or name ignoring case and diacritics."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from counter_app.domain import lifecycle as lc
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService, load_views
from counter_app.services.intake import IntakeService
from counter_app.timeutil import parse_local
from db.models import Dossier
from tests.conftest import FakeClock, intake_doc
from tests.core_support import run_main

PEOPLE = [
    ("Nguyễn Văn An", "079203001234", "0912345678"),
    ("Nguyễn Văn Anh", "079203001235", "0912345679"),
    ("Trần Minh Đức", "001085004321", "0987654321"),
    ("Lê Thị Thu Hà", "036190007777", "0356789012"),
    ("Phạm Đức Thắng", "079088112233", "0703123456"),
    ("Nguyễn Thị Văn", "079190001111", "0905000111"),
]


@pytest.fixture
def codes(ctx: AppContext) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, cccd, phone in PEOPLE:
        doc = intake_doc(
            applicant={"full_name": name, "id_number": cccd, "phone": phone, "address": "1 Lê Lợi"}
        )
        out[name] = IntakeService(ctx).receive(doc, actor="clerk1").code
    return out


def names(ctx: AppContext, query: str) -> list[str]:
    return [v.full_name for v in DossierService(ctx).find(query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen van an", ["Nguyễn Văn Anh", "Nguyễn Văn An"]),  # newest first; "an" is a prefix of "anh"
        ("Nguyễn Văn An", ["Nguyễn Văn Anh", "Nguyễn Văn An"]),
        ("NGUYEN VAN ANH", ["Nguyễn Văn Anh"]),
        ("duc", ["Phạm Đức Thắng", "Trần Minh Đức"]),
        ("Đức", ["Phạm Đức Thắng", "Trần Minh Đức"]),
        ("minh duc", ["Trần Minh Đức"]),
        ("duc minh", ["Trần Minh Đức"]),  # no name has them in this order: any order then
        ("nguyen an", ["Nguyễn Văn Anh", "Nguyễn Văn An"]),  # the middle name left out
        ("thu ha", ["Lê Thị Thu Hà"]),
        ("le thi thu ha", ["Lê Thị Thu Hà"]),
        ("van", ["Nguyễn Thị Văn", "Nguyễn Văn Anh", "Nguyễn Văn An"]),
        ("  nguyễn   văn  ", ["Nguyễn Văn Anh", "Nguyễn Văn An"]),  # consecutive words first
        ("nguyen thi van", ["Nguyễn Thị Văn"]),
        ("xyz", []),
        ("", []),
        ("'\"*()", []),  # FTS syntax characters are not an error
    ],
)
def test_find_by_name(ctx: AppContext, codes: dict[str, str], query: str, expected: list[str]) -> None:
    assert names(ctx, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("0987654321", "Trần Minh Đức"),
        ("+84987654321", "Trần Minh Đức"),
        ("+84 98 765 4321", "Trần Minh Đức"),
        ("84987654321", "Trần Minh Đức"),
        ("0987.654.321", "Trần Minh Đức"),
        ("036190007777", "Lê Thị Thu Hà"),
        ("036 190 007 777", "Lê Thị Thu Hà"),
    ],
)
def test_find_by_phone_and_cccd(ctx: AppContext, codes: dict[str, str], query: str, expected: str) -> None:
    assert names(ctx, query) == [expected]


def test_find_by_code_and_tracking_url(ctx: AppContext, codes: dict[str, str]) -> None:
    code = codes["Lê Thị Thu Hà"]
    assert names(ctx, code) == ["Lê Thị Thu Hà"]
    assert names(ctx, code.lower()) == ["Lê Thị Thu Hà"]
    assert names(ctx, f"https://dichvucong.example.gov.vn/tra-cuu?ma={code}") == ["Lê Thị Thu Hà"]
    assert names(ctx, f"https://dichvucong.example.gov.vn/tra-cuu?ma={code}&lang=vi") == ["Lê Thị Thu Hà"]
    assert names(ctx, code[:-4] + "9999") == []
    # A code prefix (agency and day) lists that day's dossiers, newest first.
    assert len(names(ctx, code.rsplit("-", 1)[0] + "-")) == len(PEOPLE)


def test_find_cli_json(ctx: AppContext, codes: dict[str, str]) -> None:
    rc, out, err = run_main("dossier", "find", "nguyen van an", "--json", data_dir=ctx.data_dir)
    assert rc == 0, err
    found = json.loads(out)
    assert [d["applicant"]["full_name"] for d in found] == ["Nguyễn Văn Anh", "Nguyễn Văn An"]
    assert found[1]["code"] == codes["Nguyễn Văn An"] and found[1]["applicant"]["phone"] == "0912345678"
    rc, out, _ = run_main("dossier", "find", "+84912345678", data_dir=ctx.data_dir)
    assert rc == 0 and codes["Nguyễn Văn An"] in out and "Nguyễn Văn An" in out


def test_found_views_are_the_dossiers_whole(ctx: AppContext, clock: FakeClock) -> None:
    """The views a search reads many at a time (PostgreSQL: one statement, the parts as JSON) are the ones
    `dossier show` reads one by one: components in order, every history line with its data, the apology."""
    svc = DossierService(ctx)
    clock.set("2026-11-25T09:00")
    doc = intake_doc(
        applicant={
            "full_name": "Võ Thị Hồng",
            "id_number": "079190002222",
            "phone": "0905000222",
            "address": "1 Lê Lợi",
        }
    )
    code = IntakeService(ctx).receive(doc, actor="clerk1").code
    other = IntakeService(ctx).receive(intake_doc(), actor="clerk1").code
    svc.change_status(code, lc.PROCESSING, actor="clerk1", note="Bắt đầu “xử lý” \\ 100%")
    svc.change_status(code, lc.SUPPLEMENT, actor="clerk1", note="Thiếu giấy chứng sinh")
    svc.change_status(code, lc.PROCESSING, actor="clerk1")
    clock.set("2026-12-10T09:00")
    svc.apologize(code, parse_local("2026-12-15T09:00"), "Chờ xác minh", actor="lanhdao")
    whole = svc.get(code)
    assert whole.apology is not None and len(whole.history) == 5 and len(whole.components) == 3
    assert whole.history[2].data == {"remaining_minutes": whole.history[2].data["remaining_minutes"]}
    for query in (code, "vo thi hong", "hong", "0905000222", "079190002222"):
        assert svc.find(query) == [whole], query
    assert svc.get(other) in svc.list()
    with ctx.db.read() as s:
        assert load_views(s, [dossier_id(ctx, other), 10**9, dossier_id(ctx, code)]) == [
            svc.get(other),
            whole,
        ]
        assert load_views(s, []) == []


def dossier_id(ctx: AppContext, code: str) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(Dossier.id).where(Dossier.code == code)) or 0)
