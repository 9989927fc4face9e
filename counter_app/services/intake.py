"""Receiving a dossier: validate, number it, compute its due time, save it with its outbox event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from contract import events
from contract.envelope import new_tracking_key
from contract.index766 import CHANNELS
from counter_app.domain.applicant import Applicant, normalise_address
from counter_app.domain.dates import parse_moment
from counter_app.domain.dossier_code import format_code
from counter_app.domain.lifecycle import RECEIVED
from counter_app.domain.text import collapse_spaces, fold, has_bad_chars, nfc
from counter_app.errors import ValidationError
from counter_app.services import intake_retry as retry
from counter_app.services import journal
from counter_app.services.catalog import KINDS
from counter_app.services.dossier_view import view_of
from counter_app.services.numbering import Numbering, numbering
from counter_app.services.sequences import next_value
from counter_app.services.users import NO_CLERK, UserService
from counter_app.timeutil import iso, parse_local
from db.models import Dossier, DossierComponent, DossierHistory, Procedure

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

ALLOWED_KEYS = {
    "procedure",
    "applicant",
    "components",
    "sets",
    "delivery",
    "channel",
    "post_address",
    "received_at",
    "clerk",
    "request_id",
}
# "required" is accepted and ignored so that a catalog component (catalog list --json) can be passed as is.
COMPONENT_KEYS = {"name", "kind", "count", "required"}


@dataclass(frozen=True)
class Receipt:
    """What intake answers: enough for the clerk to tell the citizen, and for the receipt form."""

    code: str
    received_at: datetime
    due_at: datetime
    status: str
    fee_vnd: int
    warning: str | None = None  # e.g. the same CCCD and procedure received minutes ago (intake_retry.py)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "received_at": iso(self.received_at),
            "due_at": iso(self.due_at),
            "status": self.status,
            "fee_vnd": self.fee_vnd,
        }
        if self.warning:
            out["warning"] = self.warning
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Receipt:
        return cls(
            code=data["code"],
            received_at=parse_local(data["received_at"]),
            due_at=parse_local(data["due_at"]),
            status=data["status"],
            fee_vnd=int(data["fee_vnd"]),
            warning=data.get("warning"),
        )


def _err(field: str, label: str, message: str) -> ValidationError:
    return ValidationError(message, field=field, label=label)


def check_components(procedure: Procedure, given: Any) -> list[dict[str, Any]]:
    """Only papers on the procedure's legal list (HCMC 1008 §2.7); every required one present."""
    label = "Thành phần hồ sơ"
    if not isinstance(given, list):
        raise _err("components", label, "phải là một danh sách giấy tờ")
    legal = {fold(c.name): c for c in procedure.components}
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for item in given:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise _err("components", label, "mỗi giấy tờ cần có tên")
        unknown = sorted(str(k) for k in set(item) - COMPONENT_KEYS)
        if unknown:
            raise _err(
                "components", label, f"trường '{unknown[0]}' không được hỗ trợ (chỉ nhận name, kind, count)"
            )
        key = fold(item["name"])
        spec = legal.get(key)
        if spec is None:
            raise _err(
                "components",
                label,
                f"'{collapse_spaces(nfc(item['name']))}' không có trong thành phần hồ sơ theo quy định của thủ tục "
                "(không được yêu cầu giấy tờ ngoài quy định)",
            )
        if key in seen:
            raise _err("components", label, f"'{spec.name}' được khai hai lần")
        seen.add(key)
        kind = item.get("kind", spec.kind)
        if kind not in KINDS:
            raise _err("components", label, f"'{spec.name}': loại phải là một trong " + ", ".join(KINDS))
        count = item.get("count", spec.count)
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 99:
            raise _err("components", label, f"'{spec.name}': số lượng phải từ 1 đến 99")
        out.append({"name": spec.name, "kind": kind, "count": count, "position": spec.position})
    missing = [c.name for c in procedure.components if c.required and fold(c.name) not in seen]
    if missing:
        raise _err("components", label, "thiếu giấy tờ bắt buộc: " + "; ".join(f"'{m}'" for m in missing))
    out.sort(key=lambda c: c["position"])
    return out


class IntakeService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def receive(self, data: Any, *, actor: str) -> Receipt:
        """One transaction: either the dossier, its history, audit and outbox event all land, or nothing."""
        if not isinstance(data, dict):
            raise _err("dossier", "Hồ sơ", "dữ liệu phải là một đối tượng JSON")
        unknown = sorted(set(data) - ALLOWED_KEYS)
        if unknown:
            raise _err(unknown[0], unknown[0], "trường không được hỗ trợ")
        request_id = retry.check_request_id(data.get("request_id"))
        with self.ctx.db.read() as s:
            earlier = retry.earlier_answer(s, request_id)
        if earlier is not None:  # a retry of an intake that was saved: its first answer
            return Receipt.from_json(earlier)
        applicant = Applicant.from_input(data.get("applicant"))
        sets = data.get("sets", 1)
        if isinstance(sets, bool) or not isinstance(sets, int) or not 1 <= sets <= 50:
            raise _err("sets", "Số lượng hồ sơ (bộ)", "phải là số nguyên từ 1 đến 50")
        delivery = data.get("delivery", "counter")
        if delivery not in ("counter", "post"):
            raise _err(
                "delivery", "Nơi nhận kết quả", "chỉ nhận 'counter' (tại quầy) hoặc 'post' (bưu chính)"
            )
        # Received at this counter, or submitted online and taken in here (the QĐ 766 index counts it).
        channel = data.get("channel", "counter")
        if channel not in CHANNELS:
            raise _err(
                "channel", "Kênh tiếp nhận", "chỉ nhận 'counter' (tại quầy) hoặc 'online' (trực tuyến)"
            )
        post_address = None
        if delivery == "post":
            try:
                post_address = normalise_address(data.get("post_address"))
            except ValidationError as exc:
                raise _err("post_address", "Địa chỉ nhận qua bưu chính", exc.message) from None
        elif data.get("post_address"):
            raise _err("post_address", "Địa chỉ nhận qua bưu chính", "chỉ ghi khi nhận kết quả qua bưu chính")
        received_at = self.ctx.now()
        if data.get("received_at") is not None:
            received_at = parse_moment(data["received_at"], field="received_at", label="Thời gian nhận")
            received_at = received_at.replace(microsecond=0)
            if not 2000 <= received_at.year <= 2099:
                # The code carries a two-digit year (yyMMdd): outside this century two days would share codes.
                raise _err("received_at", "Thời gian nhận", "phải trong khoảng năm 2000–2099")
        if applicant.birth_date is not None and applicant.birth_date > received_at.date():
            raise _err("applicant.birth_date", "Ngày sinh", "không được sau ngày nộp hồ sơ")
        if data.get("clerk") is not None:  # named in the JSON: an account, or refused
            if not isinstance(data["clerk"], str) or has_bad_chars(data["clerk"]):
                raise _err("clerk", "Cán bộ tiếp nhận", "không hợp lệ")
            clerk = UserService(self.ctx).clerk(data["clerk"], field="clerk", label="Cán bộ tiếp nhận")
        else:
            clerk = (actor or NO_CLERK).strip()
        code_in = data.get("procedure")
        if not isinstance(code_in, str) or not code_in.strip():
            raise _err("procedure", "Thủ tục", "chưa chọn thủ tục")

        agency = self.ctx.agency_code
        numbers = numbering(self.ctx)
        with self.ctx.db.write() as s:
            earlier = retry.earlier_answer(s, request_id)  # the same retry sent twice at once
            if earlier is not None:
                return Receipt.from_json(earlier)
            procedure = s.get(Procedure, code_in.strip(), options=[joinedload(Procedure.components)])
            if procedure is None or not procedure.active:
                raise _err("procedure", "Thủ tục", f"mã '{code_in}' không có trong danh mục")
            components = check_components(procedure, data.get("components"))
            warning = retry.recent_same(s, applicant.id_number, procedure.code, received_at)
            due_at = self.ctx.calendar.due(received_at, procedure.processing_days)
            day = received_at.date()
            code = self._new_code(s, numbers, agency, day)
            register_number = next_value(s, numbers.sequence(f"register:{agency}"), str(day.year))
            dossier = Dossier(
                code=code,
                agency_code=agency,
                procedure_code=procedure.code,
                procedure_name=procedure.name,
                field=procedure.field,
                processing_days=procedure.processing_days,
                fee_vnd=procedure.fee_vnd,
                applicant_name=applicant.full_name,
                applicant_name_folded=fold(applicant.full_name),
                id_number=applicant.id_number,
                phone=applicant.phone,
                email=applicant.email,
                address=applicant.address,
                birth_date=applicant.birth_date,
                sets=sets,
                delivery=delivery,
                channel=channel,
                post_address=post_address,
                status=RECEIVED,
                received_at=received_at,
                due_at=due_at,
                clerk=clerk,
                counter_number=self.ctx.counter_number,
                register_book=numbers.register_book(day.year),
                register_number=register_number,
                tracking_key=new_tracking_key(),
                apology=None,  # known to be none: spares view_of a lazy SELECT
                components=[
                    DossierComponent(position=i, name=c["name"], kind=c["kind"], count=c["count"])
                    for i, c in enumerate(components)
                ],
                history=[
                    DossierHistory(
                        at=self.ctx.now(),
                        clerk=clerk,
                        counter_number=self.ctx.counter_number,
                        action="receive",
                        from_status=None,
                        to_status=RECEIVED,
                        note=None,
                        data={"due_at": iso(due_at)},
                    )
                ],
            )
            s.add(dossier)
            s.flush()
            journal.record(
                s,
                self.ctx,
                actor=clerk,
                event_type=events.DOSSIER_RECEIVED,
                entity="dossier",
                entity_id=code,
                payload=dict(view_of(dossier, with_history=False).to_json()),
            )
            receipt = Receipt(code, received_at, due_at, RECEIVED, procedure.fee_vnd, warning)
            retry.remember(s, request_id, code, self.ctx.now(), receipt.to_json())
        return receipt

    @staticmethod
    def _new_code(s: Session, numbers: Numbering, agency: str, day: date) -> str:
        """The next free code of this database's numbers for `day`. One already held here (the numbering
        switched between office-wide and a block during the day) is passed over: never given twice."""
        while True:
            seq = next_value(s, numbers.sequence(f"dossier:{agency}"), day.isoformat())
            code = format_code(agency, day, numbers.number(seq, what="hồ sơ", label="Mã hồ sơ", field="code"))
            if s.scalar(select(Dossier.id).where(Dossier.code == code)) is None:
                return code
