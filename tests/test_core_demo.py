"""`counter-app demo`: a living working day — every state, due soon, overdue, apologies, demo accounts."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from counter_app.demo import DEMO_STEPS, run_demo
from counter_app.demo.people import random_applicant
from counter_app.demo.run import DemoRun
from counter_app.domain import lifecycle as lc
from counter_app.domain.applicant import Applicant
from counter_app.errors import ConflictError
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.users import UserService
from counter_app.timeutil import parse_local
from tests.core_support import run_main


def check_living_day(data_dir: Path, end: str, run: DemoRun) -> None:
    now = parse_local(end)
    ctx = AppContext(data_dir, clock=lambda: now)
    try:
        svc = DossierService(ctx)
        views = svc.list(limit=10_000)
        assert len(views) >= 30
        assert set(Counter(v.status for v in views)) == set(lc.STATES)
        assert len({v.procedure_code for v in views}) >= 10
        assert all(v.received_at <= now for v in views)
        assert all(h.at <= now for v in views for h in v.history)
        overdue = [v for v in views if v.is_overdue(now)]
        assert len(overdue) >= 3
        soon = svc.list(due_within_days=1)
        assert soon and all(not v.is_overdue(now) for v in soon)
        apologised = [v for v in views if v.apology is not None]
        assert len(apologised) == 2
        assert any(v.is_overdue(now) for v in apologised)  # late again: a second apology is refused
        assert any(not v.is_overdue(now) and v.due_at > now for v in apologised)
        again = next(v for v in apologised if v.is_overdue(now))
        with pytest.raises(ConflictError, match="một lần"):
            svc.apologize(again.code, now.replace(year=now.year + 1), "lần hai", actor="hung.tv")
        assert any(
            h.to_status == lc.SUPPLEMENT for v in views if v.status == lc.PROCESSING for h in v.history
        )
        assert all(v.rejected_reason for v in views if v.status == lc.REJECTED)
        # Received over the last couple of weeks, by the demo clerks.
        assert (now - min(v.received_at for v in views)).days >= 10
        assert {v.clerk for v in views} == {"lan.nt", "minh.lq"}
        # Everyone is a valid citizen by the app's own rules.
        for v in views:
            Applicant.from_input(
                {"full_name": v.full_name, "id_number": v.id_number, "phone": v.phone, "address": v.address}
            )
        users = UserService(ctx)
        for username, (_, _, password) in run.users.items():
            assert users.authenticate(username, password) is not None
        assert {u.role for u in users.list()} == {"admin", "supervisor", "clerk"}
        assert sum(run.stories.get(s, []).__len__() for s in run.stories) == len(views)
    finally:
        ctx.close()


@pytest.mark.parametrize(
    "end",
    [
        "2026-11-26T10:00",  # an ordinary Thursday morning
        "2027-02-15T08:00",  # the first working morning after Tết (4–10/2/2027 off)
    ],
)
def test_demo_makes_a_living_day(tmp_path: Path, end: str) -> None:
    data_dir = tmp_path / "demo"
    seen: list[int] = []

    def another_feature(run: DemoRun) -> None:  # how queue, ratings, payments add their part
        seen.append(len(run.stories["returned"]))

    run = run_demo(data_dir, end=parse_local(end), steps=[*DEMO_STEPS, another_feature])
    assert seen == [6]
    check_living_day(data_dir, end, run)


def test_demo_cli_refuses_a_used_data_dir_unless_forced(tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    rc, out, err = run_main("demo", "--now", "2026-11-26T10:00", data_dir=data_dir)
    assert rc == 0, err
    for username, password in [
        ("admin", "quantri-2026"),
        ("hung.tv", "lanhdao-2026"),
        ("lan.nt", "canbo1-2026"),
        ("minh.lq", "canbo2-2026"),
    ]:
        assert re.search(rf"{re.escape(username)}\s+{re.escape(password)}", out), out
    assert "Quá hạn:" in out
    rc, out, err = run_main("demo", data_dir=data_dir)
    assert rc == 2 and "đã có" in err and "--force" in err
    rc, out, err = run_main("demo", "--force", "--seed", "7", "--now", "2026-11-27T15:00", data_dir=data_dir)
    assert rc == 0, err
    assert "giữ nguyên mật khẩu" in out
    ctx = AppContext(data_dir)
    try:
        assert len(DossierService(ctx).list(limit=10_000)) >= 60
    finally:
        ctx.close()


def test_random_applicants_are_valid_and_varied() -> None:
    import random

    rng = random.Random(1)
    people = [random_applicant(rng) for _ in range(2000)]
    for p in people:
        a = Applicant.from_input(p)
        assert a.full_name == p["full_name"] and a.phone == p["phone"]
    assert len({p["full_name"] for p in people}) > 1500
    assert 0.25 < sum(p["full_name"].startswith("Nguyễn ") for p in people) / len(people) < 0.5
