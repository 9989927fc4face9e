"""Property-based fuzzing of intake: every input is either saved and reads back as normalised, or refused
with a ValidationError naming a field and the database left exactly as it was."""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.domain.applicant import PROVINCE_CODES
from counter_app.domain.text import collapse_spaces, fold
from counter_app.errors import ValidationError
from counter_app.services.catalog import CatalogService
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from counter_app.timeutil import parse_local
from tests.conftest import intake_doc, run_cli
from tests.core_support import ctx_snapshot, run_main

VN_LETTERS = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
GIVEN = ["Văn", "Thị", "Đức", "Ánh", "Thuỷ", "Thủy", "Quốc", "Hữu", "Ngọc", "Yến", "Phượng", "Khánh", "An"]

# --- strategies: each field is sometimes valid, sometimes subtly or grossly wrong ----------------------

vn_word = st.text(alphabet=VN_LETTERS + VN_LETTERS.upper(), min_size=1, max_size=8)
good_name = st.lists(st.one_of(st.sampled_from(FAMILY + GIVEN), vn_word), min_size=1, max_size=5).map(
    " ".join
)


def _spaced_decomposed(name: str, form: str, pad: str) -> str:
    return pad + unicodedata.normalize(form, name).replace(" ", " " + pad) + pad


good_cccd = st.builds(
    lambda p, rest: f"{p:03d}{rest:09d}", st.sampled_from(sorted(PROVINCE_CODES)), st.integers(0, 10**9 - 1)
)
good_phone = st.builds(
    lambda p, rest: f"{p}{rest:08d}",
    st.sampled_from(["03", "05", "07", "08", "09"]),
    st.integers(0, 10**8 - 1),
)
good_address = st.text(alphabet=VN_LETTERS + VN_LETTERS.upper() + "0123456789 ,/.-", max_size=80).filter(
    lambda t: t.strip() != ""
)

# Each field: (a strategy of valid values, in the forms a clerk or a scanner produce them;
#              a strategy of anything, mostly wrong).
FIELDS: dict[str, tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]] = {
    "full_name": (
        st.one_of(
            good_name,
            st.builds(
                _spaced_decomposed,
                good_name,
                st.sampled_from(["NFC", "NFD"]),
                st.sampled_from(["", " ", "\t"]),
            ),
        ),
        st.one_of(
            st.text(max_size=30),
            st.text(alphabet=VN_LETTERS + " 0-_.'", max_size=120),
            st.none(),
            st.integers(),
        ),
    ),
    "id_number": (
        good_cccd,
        st.one_of(st.from_regex(r"\d{10,13}", fullmatch=True), st.text(max_size=14), st.integers()),
    ),
    "phone": (
        st.one_of(
            good_phone,
            good_phone.map(lambda p: "+84" + p[1:]),
            good_phone.map(lambda p: f"{p[:4]} {p[4:7]} {p[7:]}"),
            good_phone.map(lambda p: "84" + p[1:]),
        ),
        st.one_of(st.from_regex(r"\+?\d[\d .\-]{6,13}", fullmatch=True), st.text(max_size=15), st.none()),
    ),
    "address": (
        good_address,
        st.one_of(
            st.text(max_size=40),
            st.just("  "),
            st.none(),
            st.just("a" * 301),
            st.sampled_from(["12 Lê Lợi\ud800", "Số 5\x07", "Hẻm 3\ue000"]),
        ),
    ),
    "email": (
        st.one_of(
            st.none(), st.just(""), st.emails().filter(lambda e: len(e) < 80), st.just("an@example.vn ")
        ),
        st.one_of(st.text(max_size=20), st.integers()),
    ),
    "birth_date": (
        st.one_of(
            st.none(),
            st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2026, 11, 1)).map(str),
        ),
        st.one_of(st.dates().map(str), st.text(max_size=12), st.just("1990-02-30"), st.integers()),
    ),
    "sets": (
        st.integers(1, 50),
        st.one_of(st.integers(-2, 60), st.booleans(), st.text(max_size=3), st.none()),
    ),
    "delivery": (st.sampled_from(["counter", "post"]), st.sampled_from(["email", "", None, "Post"])),
    "post_address": (
        st.one_of(st.none(), good_address),
        st.one_of(st.just(""), st.text(max_size=40), st.none()),
    ),
    "received_at": (
        st.one_of(
            st.none(),
            st.just("2026-11-23T09:00"),
            st.just("2026-11-23T09:00:00+00:00"),
            st.datetimes(
                min_value=datetime.datetime(2026, 11, 2), max_value=datetime.datetime(2099, 1, 1)
            ).map(lambda d: d.isoformat(timespec="seconds")),
        ),
        st.one_of(
            st.datetimes().map(lambda d: d.isoformat(timespec="seconds")), st.text(max_size=20), st.integers()
        ),
    ),
}
APPLICANT_FIELDS = {"full_name", "id_number", "phone", "address", "email", "birth_date"}
OPTIONAL_FIELDS = {"email", "birth_date", "sets", "delivery", "post_address", "received_at"}


@st.composite
def components(draw: st.DrawFn, legal: list[dict[str, Any]], wild: bool) -> Any:
    if wild and draw(st.booleans()):
        return draw(st.one_of(st.none(), st.text(max_size=5), st.lists(st.integers(), max_size=2)))
    chosen = draw(st.lists(st.sampled_from(legal), unique_by=lambda c: c["name"], max_size=len(legal)))
    if not wild or draw(st.booleans()):
        chosen = [c for c in legal if c["required"]] + [c for c in chosen if not c["required"]]
    out: list[dict[str, Any]] = []
    for c in draw(st.permutations(chosen)):
        item: dict[str, Any] = {
            "name": draw(st.sampled_from([c["name"], c["name"].upper(), fold(c["name"])]))
        }
        if draw(st.booleans()):
            kinds = ["original", "copy", "certified_copy"] + (["scan", None] if wild else [])
            item["kind"] = draw(st.sampled_from(kinds))
        if draw(st.booleans()):
            item["count"] = draw(
                st.one_of(st.integers(-1, 120), st.just("1")) if wild else st.integers(1, 99)
            )
        out.append(item)
    if wild and draw(st.booleans()):
        out.append({"name": draw(st.sampled_from(["Sổ hộ khẩu", "Giấy xác nhận cư trú", "CMND"]))})
    return out


@st.composite
def documents(draw: st.DrawFn, catalog: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """About half the documents are valid; the others carry one to three wrong fields."""
    keys = [*FIELDS, "procedure", "components", "extra"]
    n_wild = draw(st.sampled_from([0, 0, 0, 1, 1, 2, 3]))
    wild = set(draw(st.lists(st.sampled_from(keys), min_size=n_wild, max_size=n_wild, unique=True)))
    code = draw(st.sampled_from(sorted(catalog)))
    doc: dict[str, Any] = {
        "procedure": draw(st.text(max_size=8)) if "procedure" in wild else code,
        "applicant": {},
        "components": draw(components(catalog[code], "components" in wild)),
    }
    for key, (good, bad) in FIELDS.items():
        if key in OPTIONAL_FIELDS and key not in wild and draw(st.booleans()):
            continue  # left out: the default applies
        value = draw(bad if key in wild else good)
        (doc["applicant"] if key in APPLICANT_FIELDS else doc)[key] = value
    if doc.get("delivery") == "post" and "post_address" not in wild:
        doc["post_address"] = draw(good_address)
    elif "post_address" not in wild:
        doc.pop("post_address", None)
    if "extra" in wild:
        doc["applicant" if draw(st.booleans()) else "extra"] = draw(st.one_of(st.none(), st.text(max_size=4)))
    return doc


# --- the oracle of what a saved dossier must look like --------------------------------------------------


def _expected_phone(raw: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", raw)
    if digits.startswith("+84"):
        return "0" + digits[3:]
    if digits.startswith("84") and len(digits) == 11:
        return "0" + digits[2:]
    return digits


def _check_saved(
    ctx: AppContext, doc: dict[str, Any], code: str, catalog: dict[str, list[dict[str, Any]]]
) -> None:
    v = DossierService(ctx).get(code)
    a = doc["applicant"]
    name = collapse_spaces(unicodedata.normalize("NFC", a["full_name"]))
    assert v.full_name == name
    assert 0 < len(v.full_name) <= 100 and all(ch.lower() in VN_LETTERS or ch == " " for ch in v.full_name)
    assert v.id_number == str(a["id_number"]).strip() and re.fullmatch(r"\d{12}", v.id_number)
    assert int(v.id_number[:3]) in PROVINCE_CODES
    assert v.phone == _expected_phone(a["phone"]) and re.fullmatch(r"0[35789]\d{8}", v.phone)
    assert v.address == collapse_spaces(unicodedata.normalize("NFC", a["address"]))
    assert v.email == ((a.get("email") or "").strip() or None)
    assert (str(v.birth_date) if v.birth_date else None) == (a.get("birth_date") or None)
    assert v.sets == doc.get("sets", 1) and 1 <= v.sets <= 50
    assert v.delivery == doc.get("delivery", "counter")
    if v.delivery == "post":
        assert v.post_address == collapse_spaces(unicodedata.normalize("NFC", doc["post_address"]))
    else:
        assert v.post_address is None
    if doc.get("received_at") is not None:
        assert v.received_at == parse_local(doc["received_at"]).replace(microsecond=0)
    else:
        assert v.received_at == ctx.now()
    legal = catalog[v.procedure_code]
    assert v.procedure_code == doc["procedure"].strip()
    given = {fold(c["name"]): c for c in doc["components"]}
    want = [
        {
            "name": c["name"],
            "kind": given[fold(c["name"])].get("kind", c["kind"]),
            "count": given[fold(c["name"])].get("count", c["count"]),
        }
        for c in legal
        if fold(c["name"]) in given
    ]
    assert v.components == want
    assert {c["name"] for c in legal if c["required"]} <= {c["name"] for c in v.components}
    assert v.status == "received" and len(v.history) == 1


@pytest.fixture
def catalog(ctx: AppContext) -> dict[str, list[dict[str, Any]]]:
    return {p.code: [c.__dict__ for c in p.components] for p in CatalogService(ctx).list()}


def test_fuzz_intake_saves_exactly_or_refuses_cleanly(ctx: AppContext, catalog: dict[str, Any]) -> None:
    stats = {"saved": 0, "refused": 0}

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(doc=documents(catalog))
    def check(doc: dict[str, Any]) -> None:
        before = ctx_snapshot(ctx)
        try:
            receipt = IntakeService(ctx).receive(json.loads(json.dumps(doc)), actor="fuzz")
        except ValidationError as exc:
            stats["refused"] += 1
            assert exc.field and exc.label and exc.message, exc
            assert ctx_snapshot(ctx) == before
            return
        stats["saved"] += 1
        _check_saved(ctx, doc, receipt.code, catalog)

    check()
    # The strategies must exercise both paths, or the property proves little.
    assert stats["saved"] >= 10 and stats["refused"] >= 30, stats


@pytest.mark.parametrize(
    "doc",
    [
        intake_doc(applicant={**intake_doc()["applicant"], "full_name": "Nguyễn Văn A\u0000"}),
        intake_doc(sets=10**20),
        intake_doc(applicant={**intake_doc()["applicant"], "address": "12 Lê Lợi\ud800"}),
        intake_doc(components=[{"name": "Giấy chứng sinh", "count": 2**70}]),
        {"procedure": ["1.001193"], "applicant": [], "components": {}},
    ],
)
def test_cli_odd_inputs_exit_2(ctx: AppContext, tmp_path: Path, doc: dict[str, Any]) -> None:
    before = ctx_snapshot(ctx)
    f = tmp_path / "odd.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    rc, out, err = run_main("dossier", "receive", "--json", str(f), data_dir=ctx.data_dir)
    assert rc == 2 and out == "", err
    assert err.startswith("Lỗi: ") and "Traceback" not in err
    assert ctx_snapshot(ctx) == before


def test_cli_refusal_naming_a_lone_surrogate_does_not_crash_the_console(ctx: AppContext) -> None:
    """The message quotes the bad component name; printing it must not fail in a real process."""
    before = ctx_snapshot(ctx)
    doc = intake_doc(components=[{"name": "\ud800"}])
    proc = run_cli("dossier", "receive", "--json", "-", data_dir=ctx.data_dir, stdin=json.dumps(doc))
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("Lỗi: Thành phần hồ sơ") and "Traceback" not in proc.stderr
    assert ctx_snapshot(ctx) == before
