"""Satisfaction ratings: the clerk side offers a finished transaction, the citizen's screen rates it.

The offer lives in the database, so the rating screen may run in the clerk's process or as its own
`counter-app rating` process: it polls `next_offer(counter)`. Every write is one transaction with its
audit row and outbox event; the tap on a level is stored at once (it survives a crash right after),
reasons for "Không hài lòng" follow in a second write.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from contract import events
from counter_app.domain import sipas
from counter_app.domain.text import clean_text, collapse_spaces, nfc
from counter_app.errors import AppError, ConflictError, NotFoundError, ValidationError
from counter_app.services import journal
from counter_app.services.queue import open_queue
from counter_app.services.users import NO_CLERK
from counter_app.timeutil import day_start, iso
from db.models import Dossier
from db.models.ratings import Rating, RatingOffer, SurveyAnswer

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

KINDS = ("intake", "return", "ticket")
PENDING, RATED, NO_RATING, CANCELLED = "pending", "rated", "no_rating", "cancelled"
STATES = (PENDING, RATED, NO_RATING, CANCELLED)
CITIZEN = "citizen"  # the actor of what the citizen does on the screen
_CLOSE_EVENTS = {CANCELLED: events.RATING_CANCELLED, NO_RATING: events.RATING_NONE}
COMMENT_MAX = 1000
_REF = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-/_]{0,59}")


def _offer_not_found(offer_id: int) -> NotFoundError:
    return NotFoundError(f"không có lượt đánh giá số {offer_id}", field="offer_id", label="Lượt đánh giá")


@dataclass(frozen=True)
class OfferView:
    id: int
    kind: str
    ref: str
    clerk: str
    counter_number: int
    field: str | None
    offered_at: datetime
    state: str
    closed_at: datetime | None = None
    level: str | None = None
    reasons: list[str] = dc_field(default_factory=list)
    comment: str | None = None
    rated_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "ref": self.ref,
            "clerk": self.clerk,
            "counter": self.counter_number,
            "field": self.field,
            "offered_at": iso(self.offered_at),
            "state": self.state,
            "closed_at": iso(self.closed_at),
            "level": self.level,
            "reasons": list(self.reasons),
            "comment": self.comment,
            "rated_at": iso(self.rated_at),
        }


def _view(o: RatingOffer, r: Rating | None) -> OfferView:
    return OfferView(
        id=o.id,
        kind=o.kind,
        ref=o.ref,
        clerk=o.clerk,
        counter_number=o.counter_number,
        field=o.field,
        offered_at=o.offered_at,
        state=o.state,
        closed_at=o.closed_at,
        level=r.level if r else None,
        reasons=list(r.reasons or []) if r else [],
        comment=r.comment if r else None,
        rated_at=r.rated_at if r else None,
    )


def _payload(o: RatingOffer) -> dict[str, Any]:
    return {
        "offer_id": o.id,
        "kind": o.kind,
        "ref": o.ref,
        "clerk": o.clerk,
        "counter": o.counter_number,
        "field": o.field,
        "offered_at": iso(o.offered_at),
    }


def clean_reasons(reasons: Iterable[str] | None) -> list[str]:
    out: list[str] = []
    for key in reasons or ():
        if key not in sipas.CRITERIA:
            raise ValidationError(
                f"tiêu chí '{key}' không có trong bộ tiêu chí SIPAS", field="reasons", label="Lý do"
            )
        if key not in out:
            out.append(key)
    return out


def clean_comment(comment: str | None) -> str | None:
    if comment is None:
        return None
    if not isinstance(comment, str):
        raise ValidationError("không hợp lệ", field="comment", label="Ý kiến")
    return clean_text(comment, field="comment", label="Ý kiến", max_len=COMMENT_MAX, required=False) or None


class RatingService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # --- clerk side -------------------------------------------------------------------------------

    def offer(
        self, kind: str, ref: str, clerk: str, counter: int | None = None, field: str | None = None
    ) -> int:
        """Ask the citizen at `counter` to rate this finished transaction; returns the offer id.

        Offering the same transaction again while it waits returns the same offer (the clerk window may
        signal twice); once rated it is refused. An older offer still waiting at that counter is
        cancelled: the citizen now in front of the screen is the one just served (a screen already
        showing the older one may still store its answer).
        """
        if kind not in KINDS:
            raise ValidationError("chỉ nhận " + ", ".join(KINDS), field="kind", label="Loại giao dịch")
        ref = (ref or "").strip()
        if not _REF.fullmatch(ref):
            raise ValidationError("mã hồ sơ hoặc số thứ tự không hợp lệ", field="ref", label="Mã giao dịch")
        clerk = (clerk or NO_CLERK).strip()  # a script's offer (no --clerk) belongs to no clerk
        counter = self.ctx.counter_number if counter is None else int(counter)
        if not 1 <= counter <= 99:
            raise ValidationError("phải từ 1 đến 99", field="counter", label="Số quầy")
        now = self.ctx.now()
        if kind == "ticket" and not field:
            field = self._ticket_field(ref)
        with self.ctx.db.write() as s:
            if kind in ("intake", "return"):
                d = s.scalar(select(Dossier).where(Dossier.code == ref))
                if d is None:
                    raise NotFoundError(f"không tìm thấy hồ sơ '{ref}'", field="ref", label="Mã hồ sơ")
                field = field or d.field
                txn_key = f"{kind}:{ref}"
            else:
                ref = ref.upper()
                txn_key = f"ticket:{now.date().isoformat()}:{ref}"  # numbers restart every day
            field = collapse_spaces(nfc(field))[:100] if field else None
            existing = s.scalar(select(RatingOffer).where(RatingOffer.txn_key == txn_key))
            if existing is not None:
                if existing.state == RATED:
                    raise ConflictError(
                        "giao dịch này đã được người dân đánh giá; mỗi giao dịch chỉ được đánh giá một lần",
                        field="ref",
                        label="Đánh giá",
                    )
                if existing.state == PENDING and existing.counter_number == counter:
                    return existing.id
            self._cancel_waiting(s, counter, actor=clerk, keep=existing.id if existing else None)
            if existing is not None:
                # Timed out or withdrawn earlier, not rated: the clerk asks again.
                offer = existing
                offer.clerk, offer.counter_number, offer.field = clerk, counter, field
                offer.offered_at, offer.state, offer.closed_at = now, PENDING, None
            else:
                offer = RatingOffer(
                    txn_key=txn_key,
                    kind=kind,
                    ref=ref,
                    clerk=clerk,
                    counter_number=counter,
                    field=field,
                    offered_at=now,
                    state=PENDING,
                )
                s.add(offer)
            s.flush()
            journal.record(
                s,
                self.ctx,
                actor=clerk,
                event_type=events.RATING_OFFERED,
                entity="rating_offer",
                entity_id=str(offer.id),
                payload=_payload(offer),
            )
            return offer.id

    def _ticket_field(self, number: str) -> str | None:
        """The procedure field of a queue ticket's line (its only field, else the line's name), when the
        queue knows the ticket; a ticket rating does not depend on it."""
        try:
            queue = open_queue(self.ctx)
            ticket = queue.ticket(number)
            line = next((x for x in queue.services() if x.prefix == ticket.service), None)
        except AppError:  # no such ticket (any more): the rating is kept without a field
            return None
        if line is not None and len(line.fields) == 1:
            return str(line.fields[0])
        return ticket.service_name or None

    def _cancel_waiting(self, s: Session, counter: int, *, actor: str, keep: int | None) -> None:
        q = select(RatingOffer).where(RatingOffer.counter_number == counter, RatingOffer.state == PENDING)
        for old in s.scalars(q):
            if old.id != keep:
                self._close(s, old, CANCELLED, actor=actor, why="superseded")

    def _close(self, s: Session, o: RatingOffer, state: str, *, actor: str, why: str) -> None:
        """A waiting offer ends unrated (cancelled or "no rating"), with its audit row and sync event."""
        o.state, o.closed_at = state, self.ctx.now()
        journal.record(
            s,
            self.ctx,
            actor=actor,
            event_type=_CLOSE_EVENTS[state],
            entity="rating_offer",
            entity_id=str(o.id),
            payload={**_payload(o), "why": why},
        )

    def _close_pending(self, offer_id: int, state: str, *, actor: str, why: str) -> OfferView:
        with self.ctx.db.write() as s:
            o = self._load(s, offer_id)
            if o.state != PENDING:
                raise ConflictError(
                    "lượt đánh giá này không còn chờ", field="offer_id", label="Lượt đánh giá"
                )
            self._close(s, o, state, actor=actor, why=why)
            return _view(o, None)

    def cancel(self, offer_id: int, *, actor: str) -> OfferView:
        """The clerk withdraws an offer still waiting (e.g. offered by mistake)."""
        return self._close_pending(offer_id, CANCELLED, actor=actor, why="withdrawn")

    # --- the rating screen ------------------------------------------------------------------------

    def pending(self, counter: int | None = None) -> OfferView | None:
        """The newest offer waiting at this counter (what the citizen's screen should ask about)."""
        counter = self.ctx.counter_number if counter is None else counter
        with self.ctx.db.read() as s:
            o = s.scalar(
                select(RatingOffer)
                .where(RatingOffer.counter_number == counter, RatingOffer.state == PENDING)
                .order_by(RatingOffer.offered_at.desc(), RatingOffer.id.desc())
                .limit(1)
            )
            return _view(o, None) if o else None

    def last_clerk(self, counter: int | None = None) -> str | None:
        """Who made the latest offer at this counter today (the clerk the idle screen names)."""
        counter = self.ctx.counter_number if counter is None else counter
        with self.ctx.db.read() as s:
            return s.scalar(
                select(RatingOffer.clerk)
                .where(
                    RatingOffer.counter_number == counter,
                    RatingOffer.offered_at >= day_start(self.ctx.now().date()),
                )
                .order_by(RatingOffer.offered_at.desc(), RatingOffer.id.desc())
                .limit(1)
            )

    def next_offer(self, counter: int | None = None, *, max_age_s: int | None = None) -> OfferView | None:
        """Like `pending`, but an offer older than `max_age_s` is closed as "no rating" and skipped.

        An offer made while no rating screen ran must not be shown, hours later, to another citizen.
        """
        offer = self.pending(counter)
        if offer is None or max_age_s is None:
            return offer
        if self.ctx.now() - offer.offered_at <= timedelta(seconds=max_age_s):
            return offer
        try:
            self.no_rating(offer.id, why="stale")
        except ConflictError:
            pass  # rated or closed meanwhile by another screen: nothing waits
        return self.next_offer(counter, max_age_s=max_age_s)

    def rate(
        self, offer_id: int, level: str, reasons: Iterable[str] | None = None, comment: str | None = None
    ) -> OfferView:
        """Store the citizen's answer: one rating per transaction, a second one is refused."""
        allowed = [lv.key for lv in sipas.levels_for(self.ctx.config.rating.levels)]
        if level not in allowed:
            raise ValidationError("chỉ nhận " + ", ".join(allowed), field="level", label="Mức độ hài lòng")
        clean = clean_reasons(reasons)
        if clean and level != sipas.DISSATISFIED:
            raise ValidationError('chỉ hỏi lý do khi chọn "Không hài lòng"', field="reasons", label="Lý do")
        note = clean_comment(comment)
        now = self.ctx.now()
        try:
            with self.ctx.db.write() as s:
                o = self._load(s, offer_id)
                self._check_rateable(s, o)
                r = Rating(
                    offer_id=o.id,
                    level=level,
                    reasons=clean,
                    comment=note,
                    rated_at=now,
                    explained_at=now if (clean or note) else None,
                )
                s.add(r)
                o.state, o.closed_at = RATED, now
                s.flush()
                journal.record(
                    s,
                    self.ctx,
                    actor=CITIZEN,
                    event_type=events.RATING_RECORDED,
                    entity="rating",
                    entity_id=str(o.id),
                    payload={
                        **_payload(o),
                        "level": level,
                        "reasons": clean,
                        "comment": note,
                        "rated_at": iso(now),
                    },
                )
                return _view(o, r)
        except IntegrityError:
            # Another process stored its rating between our check and insert (unique offer_id).
            raise self._already_rated() from None

    def explain(self, offer_id: int, reasons: Iterable[str] | None, comment: str | None = None) -> OfferView:
        """Reasons and comment for a "Không hài lòng" already stored; given once."""
        clean = clean_reasons(reasons)
        note = clean_comment(comment)
        if not clean and not note:
            raise ValidationError("chưa chọn lý do nào và chưa có ý kiến", field="reasons", label="Lý do")
        with self.ctx.db.write() as s:
            o = self._load(s, offer_id)
            r = s.scalar(select(Rating).where(Rating.offer_id == o.id))
            if r is None:
                raise ConflictError(
                    "giao dịch này chưa được đánh giá", field="offer_id", label="Lượt đánh giá"
                )
            if r.level != sipas.DISSATISFIED:
                raise ConflictError('chỉ hỏi lý do khi chọn "Không hài lòng"', field="reasons", label="Lý do")
            if r.explained_at is not None:
                raise ConflictError("lý do của đánh giá này đã được ghi", field="reasons", label="Lý do")
            r.reasons, r.comment, r.explained_at = clean, note, self.ctx.now()
            journal.record(
                s,
                self.ctx,
                actor=CITIZEN,
                event_type=events.RATING_EXPLAINED,
                entity="rating",
                entity_id=str(o.id),
                payload={**_payload(o), "reasons": clean, "comment": note},
            )
            return _view(o, r)

    def no_rating(self, offer_id: int, *, why: str = "timeout") -> OfferView:
        """The citizen did not answer in time: the offer closes as "no rating"."""
        return self._close_pending(offer_id, NO_RATING, actor=CITIZEN, why=why)

    def not_seen(self, offer_id: int) -> OfferView:
        """The question timed out on a screen nobody could see (hidden, minimised): the offer is withdrawn,
        not counted as the citizen's "no rating" (which the satisfaction figures include)."""
        return self._close_pending(offer_id, CANCELLED, actor=CITIZEN, why="not_seen")

    def record_survey(self, offer_id: int, answers: Mapping[str, bool]) -> int:
        """Answers of the detailed SIPAS survey (criterion key → satisfied?); each criterion once."""
        if not answers:
            raise ValidationError("chưa có câu trả lời nào", field="answers", label="Khảo sát")
        for key, value in answers.items():
            if key not in sipas.CRITERIA:
                raise ValidationError(
                    f"tiêu chí '{key}' không có trong bộ tiêu chí SIPAS", field="answers", label="Khảo sát"
                )
            if not isinstance(value, bool):
                raise ValidationError(
                    f"câu trả lời cho '{key}' phải là có hoặc không", field="answers", label="Khảo sát"
                )
        now = self.ctx.now()
        try:
            with self.ctx.db.write() as s:
                o = self._load(s, offer_id)
                if o.state != RATED:
                    raise ConflictError(
                        "chỉ khảo sát sau khi giao dịch đã được đánh giá", field="offer_id", label="Khảo sát"
                    )
                done = set(s.scalars(select(SurveyAnswer.criterion).where(SurveyAnswer.offer_id == o.id)))
                again = sorted(done & set(answers))
                if again:
                    raise ConflictError(
                        "đã trả lời trước đó: " + ", ".join(again), field="answers", label="Khảo sát"
                    )
                for key, value in answers.items():
                    s.add(
                        SurveyAnswer(
                            offer_id=o.id,
                            group_key=sipas.CRITERIA[key].group,
                            criterion=key,
                            satisfied=value,
                            answered_at=now,
                        )
                    )
                journal.record(
                    s,
                    self.ctx,
                    actor=CITIZEN,
                    event_type=events.SURVEY_RECORDED,
                    entity="rating",
                    entity_id=str(o.id),
                    payload={**_payload(o), "answers": dict(answers)},
                )
                return len(answers)
        except IntegrityError:
            raise ConflictError("đã trả lời trước đó", field="answers", label="Khảo sát") from None

    # --- reading ----------------------------------------------------------------------------------

    def get(self, offer_id: int) -> OfferView:
        with self.ctx.db.read() as s:
            o = self._load(s, offer_id)
            return _view(o, s.scalar(select(Rating).where(Rating.offer_id == o.id)))

    def for_ref(self, ref: str) -> list[OfferView]:
        """Every offer about a dossier code or ticket number, oldest first."""
        with self.ctx.db.read() as s:
            rows = s.execute(
                select(RatingOffer, Rating)
                .outerjoin(Rating, Rating.offer_id == RatingOffer.id)
                .where(RatingOffer.ref == ref.strip())
                .order_by(RatingOffer.id)
            ).all()
            return [_view(o, r) for o, r in rows]

    def list(
        self, *, start: date | None = None, end: date | None = None, limit: int = 1000
    ) -> list[OfferView]:
        """Offers made from `start` to `end` inclusive (local days), newest first."""
        q = select(RatingOffer, Rating).outerjoin(Rating, Rating.offer_id == RatingOffer.id)
        if start is not None:
            q = q.where(RatingOffer.offered_at >= day_start(start))
        if end is not None:
            q = q.where(RatingOffer.offered_at < day_start(end) + timedelta(days=1))
        q = q.order_by(RatingOffer.offered_at.desc(), RatingOffer.id.desc()).limit(limit)
        with self.ctx.db.read() as s:
            return [_view(o, r) for o, r in s.execute(q).all()]

    def survey_answers(self, offer_id: int) -> dict[str, bool]:
        with self.ctx.db.read() as s:
            rows = s.execute(
                select(SurveyAnswer.criterion, SurveyAnswer.satisfied).where(
                    SurveyAnswer.offer_id == offer_id
                )
            ).all()
            return {k: bool(v) for k, v in rows}

    # --- helpers ----------------------------------------------------------------------------------

    @staticmethod
    def _load(s: Session, offer_id: int) -> RatingOffer:
        o = s.get(RatingOffer, int(offer_id))
        if o is None:
            raise _offer_not_found(offer_id)
        return o

    def _check_rateable(self, s: Session, o: RatingOffer) -> None:
        if o.state == RATED or s.scalar(select(Rating.id).where(Rating.offer_id == o.id)) is not None:
            raise self._already_rated()
        # A cancelled offer may still be rated: the citizen was already looking at it when the clerk
        # offered the next transaction (or withdrew this one); their answer is not thrown away.
        if o.state == NO_RATING:
            raise ConflictError(
                "đã hết thời gian đánh giá giao dịch này", field="offer_id", label="Lượt đánh giá"
            )

    @staticmethod
    def _already_rated() -> ConflictError:
        return ConflictError(
            "giao dịch này đã được đánh giá; mỗi giao dịch chỉ được đánh giá một lần",
            field="offer_id",
            label="Đánh giá",
        )
