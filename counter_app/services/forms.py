"""Official forms for a dossier: dossier + configuration + payments → printing dataclasses → PDF.

Mẫu 02 (supplement) and Mẫu 03 (rejection) are also decisions: printing one records it on the dossier
first, in its own transaction, through DossierService. Without new content they reprint the last one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from counter_app.domain import lifecycle as lc
from counter_app.domain.form_sets import SETS, FormSet
from counter_app.domain.money_words import amount_words
from counter_app.domain.text import clean_text, collapse_spaces, nfc
from counter_app.domain.vietqr import ascii_purpose, build_payload
from counter_app.errors import ConflictError, NotFoundError, ValidationError
from counter_app.services.catalog import KIND_LABELS_VI
from counter_app.services.dossier_view import DossierView, HistoryEntry, view_of
from counter_app.services.dossiers import DossierService
from counter_app.services.payments import PaymentService, PaymentStatus
from counter_app.services.users import UserService
from counter_app.timeutil import day_start
from db.models import Dossier
from printing.form_data import (
    ApologyForm,
    Applicant,
    ComponentLine,
    ControlForm,
    ControlStep,
    FormLabel,
    Letterhead,
    PaidNote,
    PaymentRequest,
    ReceiptForm,
    RegisterForm,
    RegisterRow,
    RejectionForm,
    Signer,
    StopForm,
    SupplementForm,
)

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

FORM_LABELS_VI = {
    "receipt": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "supplement": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "rejection": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "apology": "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
    "stop": "Thông báo dừng giải quyết hồ sơ",
    "control": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "register": "Sổ theo dõi hồ sơ",
}
MAX_ITEMS = 30
MAX_REGISTER_DAYS = 400


F = TypeVar("F")  # the form a decision prints


def _clean(text: Any) -> str:
    return collapse_spaces(nfc(str(text or "")))


def result_vs_due(at: datetime, due: datetime) -> str:
    """Trước hạn / Đúng hạn / Quá hạn, as Mẫu 05 asks: on the due day but in time counts as on time."""
    if at > due:
        return "Quá hạn"
    return "Trước hạn" if at.date() < due.date() else "Đúng hạn"


class FormsService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.config = ctx.config

    # --- shared pieces ------------------------------------------------------------------------------

    def form_set(self) -> FormSet:
        return SETS[self.config.forms.set]

    def unit_name(self) -> str:
        """The receiving unit as printed: configured, or the chosen set's."""
        return self.config.forms.unit_name or self.form_set().unit_name

    def letterhead(self) -> Letterhead:
        return Letterhead(
            agency=self.config.agency.name,
            place=self.config.agency.place,
            parent=self.config.agency.parent,
            unit=self.unit_name(),
        )

    def label(self, form: str) -> FormLabel:
        fs = self.form_set()
        return FormLabel(
            number=self.config.forms.number(form) or fs.numbers[form],
            title=self.config.forms.title(form) or fs.titles[form],
            legal_basis=self.config.forms.legal_basis or fs.legal_basis,
        )

    def handling_office(self) -> str:
        return self.config.forms.handling_office or self.config.agency.name

    def clerk_name(self, username: str) -> str:
        """The clerk's full name for signature blocks; blank (signed and written by hand) when the
        action was a script's (NO_CLERK) or was recorded under a name that is no account (older data)."""
        try:
            return UserService(self.ctx).get(username).full_name
        except NotFoundError:
            return ""

    def tracking_url(self, code: str, key: str | None = None) -> str:
        """The receipt's QR: the code and the dossier's tracking key, which the city's public lookup
        needs beside the (guessable) code."""
        template = self.config.forms.tracking_url
        return (
            template.replace("{city_server}", self.config.city.server_url)
            .replace("{code}", code)
            .replace("{agency}", self.ctx.agency_code)
            .replace("{key}", key or "")
        )

    @staticmethod
    def _applicant(v: DossierView) -> Applicant:
        return Applicant(v.full_name, v.id_number, v.address, v.phone, v.email or "")

    def _delivery(self, v: DossierView) -> str:
        if v.delivery == "post":
            return f"Dịch vụ bưu chính công ích, địa chỉ nhận: {v.post_address or ''}"
        return f"{self.unit_name()} – {self.config.agency.name} (quầy số\u00a0{v.counter_number})"

    # --- Mẫu 01 -------------------------------------------------------------------------------------

    def receipt(self, code: str) -> ReceiptForm:
        v = DossierService(self.ctx).get(code)
        pay = PaymentService(self.ctx).status(v.code)
        return self.receipt_from(v, pay)

    def payment_request(
        self, v: DossierView, pay: PaymentStatus, amount: int | None = None
    ) -> PaymentRequest | None:
        """The VietQR request for what is still due (or `amount` of it); None when nothing is due, the
        dossier was rejected or no bank account is configured. The receipt and the clerk window's
        "Thu phí" dialog both show this one, so the code on screen is the code on paper."""
        bank_bin, account = self.config.bank.bin, self.config.bank.account
        if pay.due_vnd <= 0 or v.status == lc.REJECTED or not (bank_bin and account):
            return None
        amount = pay.due_vnd if amount is None else amount
        if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= pay.due_vnd:
            raise ValidationError(
                f"phải từ 1 đến {pay.due_vnd} đồng (số còn phải nộp)", field="amount", label="Số tiền"
            )
        purpose = ascii_purpose(v.code)
        return PaymentRequest(
            amount_vnd=amount,
            amount_words=amount_words(amount),
            payload=build_payload(bank_bin, account, amount=amount, purpose=purpose),
            bank_name=self.config.bank.name or f"BIN {bank_bin}",
            account=account,
            account_name=self.config.bank.account_name,
            purpose=purpose,
        )

    def payment_due(
        self, code: str, amount: int | None = None
    ) -> tuple[DossierView, PaymentStatus, PaymentRequest | None]:
        """The dossier, its payments so far and the VietQR request for `amount` (default: all that is due)."""
        v = DossierService(self.ctx).get(code)
        pay = PaymentService(self.ctx).status(v.code)
        return v, pay, self.payment_request(v, pay, amount)

    def receipt_from(self, v: DossierView, pay: PaymentStatus) -> ReceiptForm:
        request = self.payment_request(v, pay)
        return ReceiptForm(
            head=self.letterhead(),
            label=self.label("receipt"),
            code=v.code,
            dated=v.received_at.date(),
            applicant=self._applicant(v),
            procedure_name=v.procedure_name,
            components=[
                ComponentLine(c["name"], KIND_LABELS_VI.get(c["kind"], c["kind"]), int(c["count"]))
                for c in v.components
            ],
            sets=v.sets,
            processing_days=v.processing_days,
            received_at=v.received_at,
            due_at=v.due_at,
            delivery=self._delivery(v),
            register_book=v.register_book,
            register_number=v.register_number,
            tracking_url=self.tracking_url(v.code, v.tracking_key),
            tracking_key=v.tracking_key or "",
            fee_vnd=v.fee_vnd,
            fee_words=amount_words(v.fee_vnd),
            paid=[PaidNote(e.amount_vnd, e.method_label, e.paid_at) for e in pay.entries],
            payment=request,
            cash_hint="tiền mặt tại quầy",
            submitter=Signer("NGƯỜI NỘP HỒ SƠ", name=v.full_name),
            receiver=Signer("NGƯỜI TIẾP NHẬN HỒ SƠ", name=self.clerk_name(v.clerk)),
        )

    def render_receipt(self, code: str, *, paper: str | None = None, copies: int | None = None) -> bytes:
        paper = paper or self.config.forms.receipt_paper
        copies = copies if copies is not None else self.config.forms.receipt_copies
        if copies not in (1, 2):
            raise ValidationError("chỉ nhận 1 hoặc 2 liên", field="copies", label="Số liên")
        return _pdf().render_receipt(self.receipt(code), paper=paper, copies=copies)

    # --- Mẫu 02 -------------------------------------------------------------------------------------

    def request_supplement(
        self,
        code: str,
        items: list[str],
        reason: str,
        *,
        actor: str,
        before_commit: Callable[[SupplementForm], None] | None = None,
    ) -> SupplementForm:
        """Record the supplement request (the clock stops) and return the form for it; `before_commit`
        gets the form while the request can still be undone (a PDF that cannot be written)."""
        cleaned = [_clean(i) for i in items if _clean(i)]
        if not cleaned:
            raise ValidationError(
                "cần ít nhất một nội dung cần bổ sung", field="items", label="Nội dung bổ sung"
            )
        if len(cleaned) > MAX_ITEMS:
            raise ValidationError(f"tối đa {MAX_ITEMS} nội dung", field="items", label="Nội dung bổ sung")
        for item in cleaned:
            clean_text(item, field="items", label="Nội dung bổ sung", max_len=500)
        view = DossierService(self.ctx).change_status(
            code,
            lc.SUPPLEMENT,
            actor=actor,
            note=reason,
            data={"items": cleaned},
            before_commit=None
            if before_commit is None
            else lambda v: before_commit(self.supplement(v.code, view=v)),
        )
        return self.supplement(view.code, view=view)

    def supplement(self, code: str, *, view: DossierView | None = None) -> SupplementForm:
        """The form of the dossier's latest supplement request (a reprint)."""
        v = view or DossierService(self.ctx).get(code)
        entry = _last(v.history, lc.SUPPLEMENT)
        if entry is None:
            raise ConflictError(
                "hồ sơ chưa có yêu cầu bổ sung nào; ghi rõ nội dung (--item) và lý do (--reason)",
                field="items",
                label="Nội dung bổ sung",
            )
        items = list((entry.data or {}).get("items") or [])
        return SupplementForm(
            head=self.letterhead(),
            label=self.label("supplement"),
            code=v.code,
            dated=entry.at.date(),
            applicant=self._applicant(v),
            procedure_name=v.procedure_name,
            received_at=v.received_at,
            items=items or [entry.note or ""],
            reason=entry.note or "",
            contact_name=self.config.forms.contact_name or self.clerk_name(entry.clerk),
            contact_phone=self.config.forms.contact_phone,
            unit_address=self.config.agency.address,
            guide=Signer("NGƯỜI HƯỚNG DẪN", name=self.clerk_name(entry.clerk)),
        )

    # --- Mẫu 03 -------------------------------------------------------------------------------------

    def reject(
        self,
        code: str,
        reason: str | None,
        *,
        actor: str,
        before_commit: Callable[[RejectionForm], None] | None = None,
    ) -> RejectionForm:
        """Mẫu 03: record the rejection (once) and give its form; see `_decide`."""
        return self._decide(
            code,
            lc.REJECTED,
            note=reason,
            actor=actor,
            form_of=lambda v: self.rejection(v.code, view=v),
            before_commit=before_commit,
        )

    def rejection(self, code: str, *, view: DossierView | None = None) -> RejectionForm:
        v = view or DossierService(self.ctx).get(code)
        entry = _decision(
            v, lc.REJECTED, "hồ sơ chưa bị từ chối; ghi rõ lý do (--reason) để lập phiếu từ chối"
        )
        clerk = self.clerk_name(entry.clerk)
        return RejectionForm(
            head=self.letterhead(),
            label=self.label("rejection"),
            code=v.code,
            dated=entry.at.date(),
            applicant=self._applicant(v),
            procedure_name=v.procedure_name,
            received_at=v.received_at,
            reason=v.rejected_reason or entry.note or "",
            submitter=Signer("NGƯỜI NỘP HỒ SƠ", name=v.full_name),
            receiver=Signer("NGƯỜI TIẾP NHẬN HỒ SƠ", name=clerk),
        )

    # --- Mẫu 04 -------------------------------------------------------------------------------------

    def apology(self, code: str) -> ApologyForm:
        v = DossierService(self.ctx).get(code)
        a = v.apology
        if a is None:
            raise ConflictError(
                "hồ sơ chưa có phiếu xin lỗi; lập bằng `counter-app dossier apologize` trước",
                field="apology",
                label="Phiếu xin lỗi",
            )
        head_title = self.config.agency.head_title
        agency = self.config.agency.name
        return ApologyForm(
            head=self.letterhead(),
            label=self.label("apology"),
            number=a.number,
            dated=a.issued_at.date(),
            applicant=self._applicant(v),
            code=v.code,
            procedure_name=v.procedure_name,
            received_at=v.received_at,
            old_due_at=a.old_due_at,
            new_due_at=a.new_due_at,
            reason=a.reason,
            signer=Signer(
                head_title,
                name=self.config.agency.head_name,
                note="(Ký, ghi rõ họ tên và đóng dấu)",
                above=f"TM. {agency.upper()}" if head_title else "",
            ),
        )

    # --- Mẫu 05 -------------------------------------------------------------------------------------

    def control(self, code: str) -> ControlForm:
        v = DossierService(self.ctx).get(code)
        office, unit = self.handling_office(), self.unit_name()
        citizen = f"Tổ chức, cá nhân ({v.full_name})"
        # The header and the on-time judgement keep the original appointment: an apology moves the
        # promise, not the legal due time (the new one is shown beside it).
        original_due = v.apology.old_due_at if v.apology is not None else v.due_at
        steps: list[ControlStep] = []
        for h in v.history:
            if h.action == "receive":
                steps.append(ControlStep(unit, office, h.at, note="Tiếp nhận, chuyển hồ sơ"))
            elif h.action == "apology":
                # Not a handover: the dossier stays with the office; a line of its own, no Giao/Nhận.
                data = h.data or {}
                new_due = v.apology.new_due_at if v.apology is not None else None
                text = f"Văn bản xin lỗi số {data.get('number', '')}"
                if new_due is not None:
                    text += f", hẹn lại ngày trả {new_due:%H:%M ngày %d/%m/%Y}"
                steps.append(ControlStep("", "", h.at, "Quá hạn", h.note or "", event=text))
            elif h.action != "status":
                continue
            elif h.to_status == lc.SUPPLEMENT:
                steps.append(ControlStep(office, unit, h.at, note=f"Yêu cầu bổ sung: {h.note or ''}"))
            elif h.from_status == lc.SUPPLEMENT and h.to_status == lc.PROCESSING:
                steps.append(ControlStep(unit, office, h.at, note="Đã bổ sung hồ sơ"))
            elif h.to_status == lc.READY:
                steps.append(ControlStep(office, unit, h.at, result_vs_due(h.at, original_due), "Có kết quả"))
            elif h.to_status == lc.RETURNED:
                steps.append(
                    ControlStep(unit, citizen, h.at, result_vs_due(h.at, original_due), "Trả kết quả")
                )
            elif h.to_status == lc.REJECTED:
                steps.append(ControlStep(unit, citizen, h.at, note=f"Từ chối: {h.note or ''}"))
            elif h.to_status == lc.STOPPED:
                number = (h.data or {}).get("number", "")
                steps.append(
                    ControlStep(
                        office, unit, h.at, note=f"Dừng giải quyết (thông báo số {number}): {h.note or ''}"
                    )
                )
        return ControlForm(
            head=self.letterhead(),
            label=self.label("control"),
            code=v.code,
            dated=v.received_at.date(),
            applicant=self._applicant(v),
            procedure_name=v.procedure_name,
            received_at=v.received_at,
            due_at=original_due,
            new_due_at=v.apology.new_due_at if v.apology is not None else None,
            handling_office=office,
            steps=steps,
            blank_rows=2 if v.status in lc.OPEN_STATES else 0,
        )

    # --- Mẫu 05 (2025): stop notice ------------------------------------------------------------------

    def stop(
        self,
        code: str,
        reason: str | None,
        *,
        actor: str,
        before_commit: Callable[[StopForm], None] | None = None,
    ) -> StopForm:
        """Mẫu 05 (2025): record the stop (once) and give its notice; see `_decide`."""
        return self._decide(
            code,
            lc.STOPPED,
            note=reason or "",
            actor=actor,
            form_of=lambda v: self.stop_notice(v.code, view=v),
            before_commit=before_commit,
        )

    def _decide(
        self,
        code: str,
        status: str,
        *,
        note: str | None,
        actor: str,
        form_of: Callable[[DossierView], F],
        before_commit: Callable[[F], None] | None,
    ) -> F:
        """A final decision (rejection, stop) with its form: recorded once; asked again, the form of the
        recorded decision is given (a reprint). `before_commit` sees the form while it can be undone."""
        svc = DossierService(self.ctx)
        v = svc.get(code)
        if v.status == status:
            form = form_of(v)
            if before_commit is not None:
                before_commit(form)
            return form
        v = svc.change_status(
            v.code,
            status,
            actor=actor,
            note=note,
            before_commit=None if before_commit is None else lambda changed: before_commit(form_of(changed)),
        )
        return form_of(v)

    def stop_notice(self, code: str, *, view: DossierView | None = None) -> StopForm:
        v = view or DossierService(self.ctx).get(code)
        entry = _decision(
            v,
            lc.STOPPED,
            "hồ sơ chưa dừng giải quyết; ghi rõ lý do (--reason) hoặc dùng `counter-app dossier stop`",
        )
        head_title = self.config.agency.head_title
        agency = self.config.agency.name
        return StopForm(
            head=self.letterhead(),
            label=self.label("stop"),
            number=str((entry.data or {}).get("number") or ""),
            code=v.code,
            dated=entry.at.date(),
            applicant=self._applicant(v),
            procedure_name=v.procedure_name,
            received_at=v.received_at,
            due_at=v.due_at,
            stopped_at=entry.at,
            reason=entry.note or "",
            contact_name=self.config.forms.contact_name or self.clerk_name(entry.clerk),
            contact_phone=self.config.forms.contact_phone,
            signer=Signer(
                head_title,
                name=self.config.agency.head_name,
                note="(Ký, ghi rõ họ tên và đóng dấu)",
                above=f"TM. {agency.upper()}" if head_title else "",
            ),
        )

    # --- Mẫu 06 -------------------------------------------------------------------------------------

    def register(self, date_from: date, date_to: date) -> RegisterForm:
        if date_to < date_from:
            raise ValidationError("phải không trước ngày bắt đầu", field="to", label="Đến ngày")
        if (date_to - date_from).days > MAX_REGISTER_DAYS:
            raise ValidationError(
                f"khoảng thời gian tối đa {MAX_REGISTER_DAYS} ngày", field="to", label="Đến ngày"
            )
        start, end = day_start(date_from), day_start(date_to) + timedelta(days=1)
        with self.ctx.db.read() as s:
            dossiers = s.scalars(
                select(Dossier)
                .where(Dossier.received_at >= start, Dossier.received_at < end)
                .options(selectinload(Dossier.components), selectinload(Dossier.apology))
                .order_by(Dossier.received_at, Dossier.id)
            ).all()
            views = [view_of(d, with_history=False) for d in dossiers]
        office = self.handling_office()
        rows = [
            RegisterRow(
                index=i,
                code=v.code,
                procedure_name=v.procedure_name,
                applicant_name=v.full_name,
                address_phone=f"{v.address}; ĐT: {v.phone}",
                handling_office=office,
                received_at=v.received_at,
                # The appointment written at receipt: an apology moves the promise, not the register.
                due_at=v.apology.old_due_at if v.apology is not None else v.due_at,
                returned_at=v.returned_at,
                delivery="Bưu chính công ích" if v.delivery == "post" else "Tại quầy tiếp nhận",
                status={lc.REJECTED: "Từ chối tiếp nhận", lc.STOPPED: "Dừng giải quyết"}.get(v.status, ""),
            )
            for i, v in enumerate(views, 1)
        ]
        return RegisterForm(
            head=self.letterhead(),
            label=self.label("register"),
            date_from=date_from,
            date_to=date_to,
            dated=self.ctx.now().date(),
            rows=rows,
            book=str(date_from.year) if date_from.year == date_to.year else "",
        )

    def render_register(self, date_from: date, date_to: date) -> bytes:
        return _pdf().render_register(self.register(date_from, date_to))

    # --- any form -----------------------------------------------------------------------------------

    def render(self, form: str, code: str, **options: Any) -> bytes:
        """A reprint of one dossier's form as PDF (what the board's reprint menu calls)."""
        if form == "receipt":
            return self.render_receipt(code, paper=options.get("paper"), copies=options.get("copies"))
        if form == "stop":
            return render_stop_pdf(self.stop_notice(code))
        builders: dict[str, Callable[[str], object]] = {
            "supplement": self.supplement,
            "rejection": self.rejection,
            "apology": self.apology,
            "control": self.control,
        }
        if form not in builders:
            raise ValidationError(
                "chỉ nhận " + ", ".join(builders) + ", stop hoặc receipt", field="form", label="Biểu mẫu"
            )
        return _pdf().render(builders[form](code))

    def available(self, code: str) -> list[str]:
        """Which forms exist for this dossier right now (for a reprint menu)."""
        v = DossierService(self.ctx).get(code)
        out = ["receipt", "control"]
        if _last(v.history, lc.SUPPLEMENT) is not None:
            out.append("supplement")
        if v.status == lc.REJECTED:
            out.append("rejection")
        if v.apology is not None:
            out.append("apology")
        if v.status == lc.STOPPED:
            out.append("stop")
        return out


def _decision(v: DossierView, status: str, not_yet: str) -> HistoryEntry:
    """The history entry of the dossier's final decision (`status`), refused with `not_yet` when the
    dossier is not in that state."""
    entry = _last(v.history, status)
    if v.status != status or entry is None:
        raise ConflictError(not_yet, field="reason", label="Lý do")
    return entry


def _last(history: list[HistoryEntry], status: str) -> HistoryEntry | None:
    for h in reversed(history):
        if h.action == "status" and h.to_status == status:
            return h
    return None


def render_stop_pdf(form: StopForm) -> bytes:
    """Mẫu 05 (2025) as PDF; reportlab imported only now, as for the other forms (see _pdf)."""
    from printing.stop_pdf import render_stop

    return render_stop(form)


def _pdf() -> Any:
    """printing.pdf_forms, imported when a form is first drawn: reportlab costs a quarter of a second,
    which the clerk window's login and most commands need not pay."""
    from printing import pdf_forms

    return pdf_forms
