"""Plain data for the official forms (docs/domain.md, Official forms). Built by the app, laid out by printing.pdf_forms.

Text arrives ready to print (Vietnamese, NFC); times are aware local datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

UNIT = "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"


@dataclass(frozen=True)
class Letterhead:
    """Left column of the official two-column header, and the place name of the date line."""

    agency: str  # "UBND Phường Bến Nghé"
    place: str  # "Bến Nghé" → "Bến Nghé, ngày 23 tháng 11 năm 2026"
    parent: str = ""  # "UBND Thành phố Hồ Chí Minh"; empty to leave the line out
    unit: str = UNIT  # the one-stop unit as configured ("Trung tâm Phục vụ hành chính công")

    @property
    def unit_in_text(self) -> str:
        """The unit's name inside a sentence: its own case, first letter capital (never .capitalize(),
        which would lower "Phục vụ")."""
        return self.unit[:1].upper() + self.unit[1:]


@dataclass(frozen=True)
class FormLabel:
    """Configurable wording: the form's number, its title and the legal-basis line."""

    number: str  # "Mẫu số 01"
    title: str  # "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
    legal_basis: str = ""


@dataclass(frozen=True)
class Signer:
    title: str  # "NGƯỜI TIẾP NHẬN HỒ SƠ"
    name: str = ""
    note: str = "(Ký và ghi rõ họ tên)"
    above: str = ""  # e.g. "TM. ỦY BAN NHÂN DÂN" over the title


@dataclass(frozen=True)
class Applicant:
    full_name: str
    id_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class ComponentLine:
    name: str
    kind_label: str  # "Bản chính", "Bản sao", "Bản sao chứng thực"
    count: int


@dataclass(frozen=True)
class PaymentRequest:
    """What the citizen still has to pay, with the VietQR code for it."""

    amount_vnd: int
    amount_words: str  # "Mười lăm nghìn đồng"
    payload: str  # the VietQR string drawn as the QR code
    bank_name: str
    account: str
    account_name: str
    purpose: str  # the transfer content as the bank app shows it


@dataclass(frozen=True)
class PaidNote:
    amount_vnd: int
    method_label: str  # "Tiền mặt", "Chuyển khoản", "Chuyển khoản VietQR"
    paid_at: datetime


@dataclass(frozen=True)
class ReceiptForm:
    """Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""

    head: Letterhead
    label: FormLabel
    code: str
    dated: date
    applicant: Applicant
    procedure_name: str
    components: list[ComponentLine]
    sets: int
    processing_days: int
    received_at: datetime
    due_at: datetime
    delivery: str  # where the result is collected, ready to print
    register_book: str
    register_number: int
    tracking_url: str
    fee_vnd: int
    fee_words: str
    paid: list[PaidNote] = field(default_factory=list)
    payment: PaymentRequest | None = None  # None: nothing (more) to pay, or no bank configured
    cash_hint: str = ""  # printed when a fee is due but there is no QR (no bank account configured)
    submitter: Signer = field(default_factory=lambda: Signer("NGƯỜI NỘP HỒ SƠ"))
    receiver: Signer = field(default_factory=lambda: Signer("NGƯỜI TIẾP NHẬN HỒ SƠ"))
    tracking_key: str = ""  # printed under the tracking QR, for typing on the lookup page

    @property
    def paid_vnd(self) -> int:
        return sum(p.amount_vnd for p in self.paid)


@dataclass(frozen=True)
class SupplementForm:
    """Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."""

    head: Letterhead
    label: FormLabel
    code: str
    dated: date
    applicant: Applicant
    procedure_name: str
    received_at: datetime
    items: list[str]
    reason: str
    contact_name: str
    contact_phone: str
    unit_address: str = ""  # where the office is, for the citizen who comes back
    guide: Signer = field(default_factory=lambda: Signer("NGƯỜI HƯỚNG DẪN"))


@dataclass(frozen=True)
class RejectionForm:
    """Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

    head: Letterhead
    label: FormLabel
    code: str
    dated: date
    applicant: Applicant
    procedure_name: str
    received_at: datetime
    reason: str
    submitter: Signer = field(default_factory=lambda: Signer("NGƯỜI NỘP HỒ SƠ"))
    receiver: Signer = field(default_factory=lambda: Signer("NGƯỜI TIẾP NHẬN HỒ SƠ"))


@dataclass(frozen=True)
class ApologyForm:
    """Mẫu 04 — Văn bản xin lỗi và đề nghị gia hạn (2025) / Phiếu xin lỗi và hẹn lại (2018)."""

    head: Letterhead
    label: FormLabel
    number: str  # "01/PXL"
    dated: date
    applicant: Applicant
    code: str
    procedure_name: str
    received_at: datetime
    old_due_at: datetime
    new_due_at: datetime
    reason: str
    signer: Signer


@dataclass(frozen=True)
class ControlStep:
    """One handover in the control sheet; `at` None leaves the line to be filled in by hand."""

    giver: str
    receiver: str
    at: datetime | None = None
    result: str = ""  # "Trước hạn", "Đúng hạn", "Quá hạn" or ""
    note: str = ""
    event: str = ""  # not a handover (e.g. an apology letter): printed instead of Giao/Nhận


@dataclass(frozen=True)
class ControlForm:
    """Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 06 of 2025, Mẫu 05 of 2018)."""

    head: Letterhead
    label: FormLabel
    code: str
    dated: date
    applicant: Applicant
    procedure_name: str
    received_at: datetime
    due_at: datetime  # the original appointment
    handling_office: str
    steps: list[ControlStep]
    blank_rows: int = 2
    new_due_at: datetime | None = None  # the appointment an apology set, shown beside the original


@dataclass(frozen=True)
class StopForm:
    """Mẫu 05 of Thông tư 03/2025/TT-VPCP — Thông báo dừng giải quyết hồ sơ."""

    head: Letterhead
    label: FormLabel
    number: str  # "01/TB-DGQ"
    code: str
    dated: date
    applicant: Applicant
    procedure_name: str
    received_at: datetime
    due_at: datetime
    stopped_at: datetime
    reason: str
    contact_name: str
    contact_phone: str
    signer: Signer


@dataclass(frozen=True)
class RegisterRow:
    index: int
    code: str
    procedure_name: str
    applicant_name: str
    address_phone: str
    handling_office: str
    received_at: datetime
    due_at: datetime
    returned_at: datetime | None
    delivery: str  # "Tại Bộ phận TN&TKQ" or "Bưu chính công ích"
    status: str = ""  # e.g. "Từ chối", shown under the return date when there is no return


@dataclass(frozen=True)
class RegisterForm:
    """Sổ theo dõi hồ sơ (Mẫu 07 of 2025, Mẫu 06 of 2018), for a period."""

    head: Letterhead
    label: FormLabel
    date_from: date
    date_to: date
    dated: date
    rows: list[RegisterRow]
    book: str = ""
