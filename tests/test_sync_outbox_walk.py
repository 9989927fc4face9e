"""Every business write of every feature lands in the outbox, in the write's own transaction.

Every public method that writes (found by tests/test_sync_outbox_static.py, the static half) is walked
below, or listed in NOT_WALKED with the reason.

Dynamic half, on a real SQLite file: each writing call of each service runs twice. First with a trigger
that makes any outbox INSERT fail: the call must fail and leave the database exactly as it was (so the
business rows cannot exist without their event). Then for real: exactly the expected events appear. A
write the city need not know (accounts, settings, printer attempts…) must add an audit row and no
event. Finally everything is synced to a real city server, which must hold exactly the counter's events.
"""
# ruff: noqa: F811 - pytest fixtures imported from tests.citykit are used as parameters

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import update

from contract import events
from counter_app.domain import sipas
from counter_app.services.calendar import CalendarService
from counter_app.services.catalog import CatalogService
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.feedback import FeedbackService
from counter_app.services.files import Choice, FileService
from counter_app.services.forms import FormsService
from counter_app.services.intake import IntakeService
from counter_app.services.payments import PaymentService
from counter_app.services.privacy import REMOVED
from counter_app.services.queue.local import LocalQueue
from counter_app.services.queue.ticket_printing import PrinterFault
from counter_app.services.ratings import RatingService
from counter_app.services.settings import SettingsService
from counter_app.services.sync import SyncService
from counter_app.services.users import UserService
from counter_app.timeutil import parse_local
from db.models import OutboxEvent
from tests.citykit import (  # noqa: F401 - `city` is a fixture
    City,
    city,
    city_module,
    client_event_ids,
    configure_counter,
    new_counter,
    sync,
)
from tests.conftest import FakeClock, intake_doc, required_components
from tests.core_support import RawDb, ctx_snapshot
from tests.test_contract import payload_key_problems
from tests.test_sync_outbox_static import public_writers

# Public methods that write but are not walked below: "Class.method" → why.
NOT_WALKED: dict[str, str] = {
    "SyncService.run": "the sync itself: its local bookkeeping is LOCAL_ONLY; what it pulls is walked "
    "(CatalogService.import_data, CalendarService.apply_city_days)",
    "CatalogService.seed_if_empty": "first start only; writes through CatalogService.import_data (walked)",
    "OfficeSettingsStore.write": "office mode only: walked through SettingsService.set_many on the office "
    "backend (an office key); tests/test_office_settings.py checks its audit rows",
    "OfficeSettingsStore.adopt_file_values": "first start of an office database only: copies this PC's "
    "settings, audited, no event (tests/test_office_settings.py)",
    "PresenceService.beat": "a heartbeat adds no audit row by design (LOCAL_ONLY); "
    "tests/test_office_presence.py checks it writes neither audit nor outbox",
    "UpdateService.fetch": "keeps the city's answer about the latest version (LOCAL_ONLY)",
    "UpdateService.check": "UpdateService.fetch when a city server is configured",
}


# Event types the walk does not produce (their payload keys are not checked against the contract) → why.
NOT_RECORDED_BY_THE_WALK: dict[str, str] = {
    events.TICKET_PRINTED: "the walk has no ticket printer; same payload type as ticket.print_failed (walked)",
}


# --- dynamic half -----------------------------------------------------------------------------------------


@dataclass
class Step:
    walks: str  # "Class.method" this step exercises
    action: Callable[[], Any]
    events: list[str]  # event types expected in the outbox, in order ([] = local only)
    fails_with: type[BaseException] | None = None  # the real call is expected to raise this (and still write)


class OutboxTrap:
    """A real trigger (SQLite or PostgreSQL) that makes every outbox INSERT fail while it is armed."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def _exec(self, *sql: str) -> None:
        conn = RawDb(self.ctx)
        try:
            for statement in sql:
                conn.execute(statement)
            conn.commit()
        finally:
            conn.close()

    def arm(self) -> None:
        if self.ctx.db.dialect == "postgresql":
            self._exec(
                "CREATE FUNCTION outbox_trap() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'outbox trap'; END $$",
                "CREATE TRIGGER outbox_trap BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_trap()",
            )
        else:
            self._exec(
                "CREATE TRIGGER outbox_trap BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox trap'); END"
            )

    def disarm(self) -> None:
        if self.ctx.db.dialect == "postgresql":
            self._exec("DROP FUNCTION outbox_trap() CASCADE")
        else:
            self._exec("DROP TRIGGER outbox_trap")


def _outbox_types(ctx: AppContext) -> list[str]:
    conn = RawDb(ctx)
    try:
        return [r[0] for r in conn.execute("SELECT type FROM outbox ORDER BY id")]
    finally:
        conn.close()


def _recorded_payloads(ctx: AppContext) -> list[tuple[str, dict[str, Any]]]:
    """(type, payload) of every outbox event, and of every audit entry that kept its whole payload
    (the local-only writes reach only the audit log)."""
    conn = RawDb(ctx)
    try:
        rows = list(conn.execute("SELECT type, payload FROM outbox ORDER BY id"))
        rows += conn.execute("SELECT action, detail FROM audit_log WHERE detail IS NOT NULL ORDER BY id")
    finally:
        conn.close()
    out = [(t, json.loads(p) if isinstance(p, str) else p) for t, p in rows]
    return [(t, p) for t, p in out if isinstance(p, dict) and REMOVED not in p]


def _audit_count(ctx: AppContext) -> int:
    conn = RawDb(ctx)
    try:
        return int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])
    finally:
        conn.close()


def _steps(ctx: AppContext, clock: FakeClock) -> list[Step]:
    intake, dossiers, forms = IntakeService(ctx), DossierService(ctx), FormsService(ctx)
    queue, ratings, feedback = LocalQueue(ctx), RatingService(ctx), FeedbackService(ctx)
    fee_doc = intake_doc(
        procedure="2.000635", components=required_components(ctx, "2.000635")
    )  # 8.000 đ, 1 day
    codes: dict[str, str] = {}
    ids: dict[str, int] = {}
    called: list[str] = []

    def receive(key: str, doc: dict[str, Any] | None = None) -> None:
        codes[key] = intake.receive(doc or intake_doc(), actor="lan").code

    def offer(key: str, ref: str, kind: str = "intake") -> None:
        ids[key] = ratings.offer(kind, ref, "lan")

    def feedback_submit() -> None:
        ids["fb"] = feedback.submit(
            "time", "Chờ lâu quá, mong bộ phận bố trí thêm quầy", "Trần Thị Bích", "0912345678"
        ).id

    catalog_doc = CatalogService(ctx).document()
    catalog_doc["version"] = catalog_doc["version"] + ".1"
    catalog_file = ctx.data_dir / "catalog-next.json"
    catalog_file.write_text(
        json.dumps({**catalog_doc, "version": catalog_doc["version"] + ".1"}, ensure_ascii=False),
        encoding="utf-8",
    )
    criterion = next(iter(sipas.CRITERIA))
    files = FileService(ctx)
    blank_page = files.prepare_images([Image.new("L", (300, 420), 255)])
    return [
        # Counter core: intake, lifecycle, apology, forms that record, catalog and calendar edits.
        Step("IntakeService.receive", lambda: receive("a"), ["dossier.received"]),
        Step("IntakeService.receive", lambda: receive("b"), ["dossier.received"]),
        Step("IntakeService.receive", lambda: receive("fee", fee_doc), ["dossier.received"]),
        # Digitised papers: a scan attached, reused in the same citizen's next dossier, the result.
        Step(
            "FileService.attach",
            lambda: ids.update(
                file=files.attach(codes["a"], 1, blank_page, actor="lan", source="scanner").id
            ),
            ["dossier.file_attached"],
        ),
        Step(
            "FileService.reuse",
            lambda: files.reuse(codes["b"], 1, ids["file"], actor="lan"),
            ["dossier.file_attached"],
        ),
        Step(
            "FileService.apply",
            lambda: files.apply(codes["fee"], None, Choice("file", prepared=blank_page), actor="lan"),
            ["dossier.file_attached"],
        ),
        Step(
            "DossierService.change_status",
            lambda: dossiers.change_status(codes["a"], "processing", actor="lan"),
            ["dossier.status_changed"],
        ),
        Step(
            "FormsService.request_supplement",
            lambda: forms.request_supplement(
                codes["a"], ["Giấy chứng sinh bản chính"], "Thiếu giấy chứng sinh", actor="lan"
            ),
            ["dossier.status_changed"],
        ),
        Step(
            "DossierService.change_status",
            lambda: dossiers.change_status(codes["a"], "processing", actor="lan", note="Đã bổ sung"),
            ["dossier.status_changed"],
        ),
        Step(
            "FormsService.reject",
            lambda: forms.reject(codes["b"], "Không thuộc thẩm quyền", actor="lan"),
            ["dossier.status_changed"],
        ),
        Step(
            "DossierService.stop",
            lambda: dossiers.stop(codes["fee"], "Người nộp đề nghị dừng giải quyết", actor="lan"),
            ["dossier.stopped"],
        ),
        Step(
            "DossierService.apologize",
            lambda: (
                clock.set("2026-11-26T09:00"),
                dossiers.apologize(codes["a"], parse_local("2026-11-30T09:00"), "Chờ xác minh", actor="hung"),
            ),
            ["dossier.apologized"],
        ),
        Step(
            "DossierService.change_status",
            lambda: dossiers.change_status(codes["a"], "ready", actor="lan"),
            ["dossier.status_changed"],
        ),
        Step(
            "CatalogService.import_data",
            lambda: CatalogService(ctx).import_data(catalog_doc, actor="admin"),
            ["catalog.imported"],
        ),
        Step(
            "CatalogService.import_file",
            lambda: CatalogService(ctx).import_file(catalog_file, actor="admin"),
            ["catalog.imported"],
        ),
        Step(
            "CalendarService.set_day",
            lambda: CalendarService(ctx).set_day(date(2026, 12, 19), True, "Làm bù", actor="admin"),
            ["calendar.day_set"],
        ),
        Step(
            "CalendarService.clear_day",
            lambda: CalendarService(ctx).clear_day(date(2026, 12, 19), actor="admin"),
            ["calendar.day_cleared"],
        ),
        # Payments.
        Step(
            "PaymentService.record",
            lambda: PaymentService(ctx).record(codes["fee"], "vietqr", 8000, actor="lan"),
            ["payment.recorded"],
        ),
        # Queue: lines and tickets (no printer configured: the ticket is stored, the print attempt local).
        Step(
            "ServiceLineAdmin.add_service",
            lambda: queue.add_service("D", "Đất đai", actor="admin"),
            ["queue.service_added"],
        ),
        Step(
            "ServiceLineAdmin.update_service",
            lambda: queue.update_service("D", name="Đất đai, xây dựng", actor="admin"),
            ["queue.service_updated"],
        ),
        Step(
            "ServiceLineAdmin.remove_service",
            lambda: queue.remove_service("D", actor="admin"),
            ["queue.service_removed"],
        ),
        Step(
            "TicketIssuing.issue",
            lambda: queue.issue("A", print_ticket=False, actor="kiosk"),
            ["ticket.issued"],
        ),
        Step(
            "TicketIssuing.issue",
            lambda: queue.issue("A", print_ticket=False, actor="kiosk"),
            ["ticket.issued"],
        ),
        Step(
            "TicketIssuing.issue",
            lambda: queue.issue("B", print_ticket=False, actor="kiosk"),
            ["ticket.issued"],
        ),
        Step(
            "CounterCalls.call_next", lambda: queue.call_next(1, service="A", actor="lan"), ["ticket.called"]
        ),
        Step("CounterCalls.recall", lambda: queue.recall(1, actor="lan"), ["ticket.recalled"]),
        Step("CounterCalls.skip", lambda: queue.skip("A001", actor="lan"), ["ticket.skipped"]),
        Step(
            "CounterCalls.reactivate", lambda: queue.reactivate("A001", actor="lan"), ["ticket.reactivated"]
        ),
        Step(
            "CounterPauses.pause", lambda: queue.pause(1, "Nghỉ trưa", actor="lan"), ["queue.counter_paused"]
        ),
        Step("CounterPauses.resume", lambda: queue.resume(1, actor="lan"), ["queue.counter_resumed"]),
        Step(
            "CounterCalls.transfer", lambda: queue.transfer("A002", "B", actor="lan"), ["ticket.transferred"]
        ),
        Step(
            "CounterCalls.call_next",
            lambda: called.append(queue.call_next(1, actor="lan").number),
            ["ticket.called"],
        ),
        Step("CounterCalls.finish", lambda: queue.finish(called[-1], actor="lan"), ["ticket.finished"]),
        Step(
            "TicketPrinting.print_ticket",
            lambda: queue.print_ticket("A002", actor="lan"),
            [],
            fails_with=PrinterFault,
        ),
        # Ratings and the SIPAS survey.
        Step("RatingService.offer", lambda: offer("r1", codes["a"]), ["rating.offered"]),
        Step("RatingService.rate", lambda: ratings.rate(ids["r1"], "dissatisfied"), ["rating.recorded"]),
        Step(
            "RatingService.explain",
            lambda: ratings.explain(ids["r1"], [criterion], "Chờ lâu"),
            ["rating.explained"],
        ),
        Step(
            "RatingService.record_survey",
            lambda: ratings.record_survey(ids["r1"], {criterion: False}),
            ["survey.recorded"],
        ),
        Step("RatingService.offer", lambda: offer("r2", codes["fee"]), ["rating.offered"]),
        Step("RatingService.no_rating", lambda: ratings.no_rating(ids["r2"]), ["rating.none"]),
        Step("RatingService.offer", lambda: offer("r3", codes["b"]), ["rating.offered"]),
        Step("RatingService.cancel", lambda: ratings.cancel(ids["r3"], actor="lan"), ["rating.cancelled"]),
        Step("RatingService.offer", lambda: offer("r5", codes["b"]), ["rating.offered"]),
        Step("RatingService.not_seen", lambda: ratings.not_seen(ids["r5"]), ["rating.cancelled"]),
        Step("RatingService.offer", lambda: offer("r4", codes["a"], "return"), ["rating.offered"]),
        # Shown to nobody for an hour: the screen closes it as "no rating" instead of showing it.
        Step(
            "RatingService.next_offer",
            lambda: (clock.advance(hours=1), ratings.next_offer(max_age_s=600)),
            ["rating.none"],
        ),
        # Feedback and its answer.
        Step("FeedbackService.submit", feedback_submit, ["feedback.received"]),
        Step(
            "FeedbackService.answer",
            lambda: feedback.answer(ids["fb"], "Bộ phận đã bố trí thêm một quầy từ tuần sau.", actor="hung"),
            ["feedback.answered"],
        ),
        # Local only: the city has no use for these.
        Step(
            "UserService.add",
            lambda: UserService(ctx).add("lan.nt", "Nguyễn Thị Lan", "clerk", "matkhau-2026", actor="admin"),
            [],
        ),
        Step(
            "UserService.set_password",
            lambda: UserService(ctx).set_password("lan.nt", "matkhau-2027", actor="admin"),
            [],
        ),
        Step(
            "UserService.set_role",
            lambda: UserService(ctx).set_role("lan.nt", "supervisor", actor="admin"),
            [],
        ),
        Step(
            "SettingsService.set",
            lambda: SettingsService(ctx).set("printer.ticket_width", "80", actor="admin"),
            [],
        ),
        Step(  # on the office backend the office's key goes through OfficeSettingsStore.write
            "SettingsService.set_many",
            lambda: SettingsService(ctx).set_many(
                {"agency.head_name": "Nguyễn Văn Bình", "printer.ticket_mode": "text"}, actor="admin"
            ),
            [],
        ),
        Step(
            "CalendarService.apply_city_days",
            lambda: CalendarService(ctx).apply_city_days(
                [{"date": "2026-12-26", "working": True, "note": "Làm bù"}], version=1
            ),
            [],
        ),
        Step("SyncService.requeue", lambda: SyncService(ctx).requeue(None, actor="admin"), []),
    ]


def test_the_walk_covers_every_public_writer(ctx: AppContext, clock: FakeClock) -> None:
    walked = {s.walks for s in _steps(ctx, clock)}
    writers = public_writers()
    assert len(writers) >= 25
    missing = writers - walked - set(NOT_WALKED)
    assert missing == set(), "public methods that write but are not walked by the test below"
    assert set(NOT_WALKED) <= writers


def test_every_write_lands_in_the_outbox_in_its_own_transaction(
    ctx: AppContext, clock: FakeClock, city: City
) -> None:
    # The module's city server sees this walk from a counter on each backend, one day: the same codes
    # from a second counter of one agency would be refused (docs/domain.md, Dossier code), so the office
    # database's walk is another agency's (set up so from the start: its first events re-stamped).
    if ctx.db.engine.dialect.name == "postgresql":
        ctx.config.set("agency.code", "000.00.77.H56")
        with ctx.db.write() as s:
            s.execute(update(OutboxEvent).values(agency_code="000.00.77.H56"))
    steps = _steps(ctx, clock)
    walked = {s.walks for s in steps}
    trap = OutboxTrap(ctx)
    for step in steps:
        label = f"{step.walks} → {step.events}"
        if step.events:
            before = ctx_snapshot(ctx)
            trap.arm()
            try:
                step.action()
            except Exception:
                pass
            else:
                raise AssertionError(f"{label}: completed although its outbox event could not be written")
            finally:
                trap.disarm()
            assert ctx_snapshot(ctx) == before, f"{label}: something was written without its outbox event"
        types_before, audit_before = _outbox_types(ctx), _audit_count(ctx)
        if step.fails_with is not None:
            with pytest.raises(step.fails_with):
                step.action()
        else:
            step.action()
        new = _outbox_types(ctx)[len(types_before) :]
        assert new == step.events, label
        assert _audit_count(ctx) >= audit_before + max(1, len(step.events)), f"{label}: no audit row"
    assert walked >= {
        "IntakeService.receive",
        "RatingService.rate",
        "FeedbackService.answer",
        "PaymentService.record",
        "TicketIssuing.issue",
    }

    # Every payload written has the keys of its TypedDict (contract/payloads.py), and the walk saw them all.
    recorded = _recorded_payloads(ctx)
    problems = [p for t, payload in recorded for p in payload_key_problems(t, payload)]
    assert problems == [], problems
    assert {t for t, _ in recorded} >= events.ALL - set(NOT_RECORDED_BY_THE_WALK)

    # Every synced event type is taken by the city server, none refused; it then holds exactly ours.
    configure_counter(ctx, city.url, cred := new_counter(city.db, ctx))
    result = sync(ctx, pull=False)
    assert (result.rejected, result.pending) == (0, 0)
    assert sorted(city.db.event_ids(cred["counter_id"])) == sorted(client_event_ids(ctx))
