"""Mẫu 01, the receipt, for an 80 mm ESC/POS thermal printer: one 1-bit image 576 dots wide per copy.

The same content as the A5/A4 receipt (printing/receipt_pdf.py) laid out as one column: letterhead and
motto, title and code, the applicant, the papers, items 2–7, the register line, the tracking QR, the
VietQR code with the bank details (when something is due), and the two signature blocks. Drawn with the
bundled Noto Sans like the queue ticket (printing/ticket.py) because thermal printers have no
Vietnamese code page; sent as GS v 0 raster, each copy cut off on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_M

from printing.form_data import ReceiptForm, Signer
from printing.pdf_common import COPY_LABELS, MOTTO_1, MOTTO_2, QR_MASK, QUIET_MODULES, date_line, vnd, when
from printing.ticket import BOLD, FONTS_DIR, REGULAR, image_job

WIDTH = 576  # 80 mm paper, 203 dpi head: 72 mm printable
Run = tuple[str, str]  # (text, font file)


@lru_cache(maxsize=32)
def _font(name: str, size: int, fonts_dir: str) -> ImageFont.FreeTypeFont:
    path = Path(fonts_dir) / name
    if not path.exists():
        raise FileNotFoundError(f"thiếu phông chữ {path}")
    return ImageFont.truetype(str(path), size)


class _Sheet:
    """A tall white strip drawn top to bottom; `y` is where the next line goes."""

    def __init__(self, width: int, fonts_dir: Path | None) -> None:
        self.width = width
        self.k = width / WIDTH
        self.margin = round(10 * self.k)
        self.inner = width - 2 * self.margin
        self.fd = str(fonts_dir or FONTS_DIR)
        self.image = Image.new("L", (width, round(6000 * self.k)), 255)
        self.draw = ImageDraw.Draw(self.image)
        self.y = round(6 * self.k)

    def size(self, points: float) -> int:
        return round(points * self.k)

    def _grow(self, need: int) -> None:
        if self.y + need > self.image.height:  # a very long list of papers: a longer strip
            bigger = Image.new("L", (self.width, self.image.height + need + 2000), 255)
            bigger.paste(self.image, (0, 0))
            self.image, self.draw = bigger, ImageDraw.Draw(bigger)

    def para(
        self, runs: Sequence[Run], size: int, *, align: str = "left", indent: int = 0, gap: int = 4
    ) -> None:
        """Runs wrapped at spaces across the paper (a word longer than a line is cut by letters)."""
        px = self.size(size)
        words: list[tuple[str, str]] = []  # (word, font); "" marks a space
        for text, font in runs:
            for i, part in enumerate(text.split(" ")):
                if i:
                    words.append(("", font))
                if part:
                    words.append((part, font))
        lines: list[list[tuple[str, str, float]]] = [[]]
        width = 0.0
        avail = self.inner - indent
        for word, font in words:
            f = _font(font, px, self.fd)
            if word == "":
                if lines[-1]:
                    w = f.getlength(" ")
                    lines[-1].append((" ", font, w))
                    width += w
                continue
            w = f.getlength(word)
            if lines[-1] and width + w > avail:
                while lines[-1] and lines[-1][-1][0] == " ":
                    width -= lines[-1].pop()[2]
                lines.append([])
                width = 0.0
            while w > avail:  # one unbroken token wider than the paper (a long e-mail): split it
                cut = len(word)
                while cut > 1 and f.getlength(word[:cut]) > avail:
                    cut -= 1
                lines[-1].append((word[:cut], font, f.getlength(word[:cut])))
                lines.append([])
                word = word[cut:]
                w = f.getlength(word)
            lines[-1].append((word, font, w))
            width += w
        ascent, descent = _font(REGULAR, px, self.fd).getmetrics()
        line_h = ascent + descent + self.size(gap)
        for line in lines:
            while line and line[-1][0] == " ":
                line.pop()
            total = sum(w for _, _, w in line)
            self._grow(line_h)
            if align == "center":
                x = self.margin + (self.inner - total) / 2
            elif align == "right":
                x = self.margin + self.inner - total
            else:
                x = self.margin + indent
            for text, font, w in line:
                self.draw.text((x, self.y), text, font=_font(font, px, self.fd), fill=0)
                x += w
            self.y += line_h

    def rule(self, length: int | None = None, *, thick: int = 2) -> None:
        self.y += self.size(4)
        n = self.inner if length is None else self.size(length)
        x0 = self.margin + (self.inner - n) // 2
        self.draw.line([(x0, self.y), (x0 + n, self.y)], fill=0, width=max(1, self.size(thick)))
        self.y += self.size(8)

    def space(self, dots: int) -> None:
        self.y += self.size(dots)

    def qr(self, data: str, caption: Sequence[Sequence[Run]] = (), size: int = 20) -> None:
        """A QR code centred, as large as fits up to 6 dots a module, then its caption lines."""
        code = qrcode.QRCode(
            error_correction=ERROR_CORRECT_M, border=QUIET_MODULES, box_size=1, mask_pattern=QR_MASK
        )
        code.add_data(data.encode("utf-8"))
        code.make(fit=True)
        matrix = code.get_matrix()  # quiet zone included: the white margin scanners need
        n = len(matrix)
        module = max(3, min(self.size(6), self.inner // n))
        if n * module > self.inner:
            raise ValueError("nội dung mã QR quá dài cho khổ giấy 80 mm")
        modules = Image.frombytes("L", (n, n), bytes(0 if v else 255 for row in matrix for v in row))
        img = modules.resize((n * module, n * module), Image.Resampling.NEAREST)
        self._grow(img.height)
        self.image.paste(img, ((self.width - img.width) // 2, self.y))
        self.y += img.height
        for runs in caption:
            self.para(runs, size, align="center", gap=2)

    def columns(
        self, left: Sequence[tuple[Sequence[Run], int]], right: Sequence[tuple[Sequence[Run], int]]
    ) -> None:
        """Two centred columns side by side (the signature blocks); each item is (runs, size) or a gap."""
        top = self.y
        bottoms = []
        half = self.inner // 2
        for i, items in enumerate((left, right)):
            col = _Sheet(half, None)
            col.fd, col.k, col.margin, col.inner = self.fd, self.k, 0, half
            col.y = 0
            for runs, size in items:
                if runs:
                    col.para(runs, size, align="center", gap=2)
                else:
                    col.space(size)
            part = col.image.crop((0, 0, half, col.y))
            self._grow(part.height)
            self.image.paste(part, (self.margin + i * half, top))
            bottoms.append(top + part.height)
        self.y = max(bottoms)

    def finish(self) -> Image.Image:
        self.y += self.size(12)
        strip = self.image.crop((0, 0, self.width, self.y))
        # Hard threshold, no dithering: crisp letters and QR modules on a thermal head.
        return strip.point([0] * 128 + [255] * 128).convert("1", dither=Image.Dither.NONE)


def render_image(
    form: ReceiptForm, *, copy_label: str = "", width: int = WIDTH, fonts_dir: Path | None = None
) -> Image.Image:
    """One copy of the receipt as a black-on-white 1-bit image exactly `width` dots wide."""
    R, B = REGULAR, BOLD
    s = _Sheet(width, fonts_dir)
    body, small = 22, 19
    if copy_label:
        s.para([(copy_label, B)], small, gap=2)
    s.para([(form.label.number, B)], small, align="right", gap=2)
    if form.label.legal_basis:
        s.para([(f"({form.label.legal_basis})", R)], 16, align="right", gap=2)
    s.space(6)
    for text in (form.head.parent, form.head.agency):
        if text:
            s.para([(text.upper(), R)], 21, align="center", gap=2)
    s.para([(form.head.unit.upper(), B)], 21, align="center", gap=2)
    s.rule(160)
    s.para([(MOTTO_1, B)], 21, align="center", gap=2)
    s.para([(MOTTO_2, B)], 22, align="center", gap=2)
    s.rule(260, thick=1)
    s.para([(date_line(form.head.place, form.dated), R)], body, align="center")
    s.space(6)
    s.para([(form.label.title, B)], 27, align="center")
    s.para([(f"Mã hồ sơ: {form.code}", B)], 25, align="center")
    s.space(6)

    a = form.applicant
    s.para([(f"{form.head.unit.capitalize()} {form.head.agency}", R)], body)
    s.para([("Tiếp nhận hồ sơ của: ", R), (a.full_name, B)], body)
    if a.id_number:
        s.para([(f"Số CCCD/Định danh cá nhân: {a.id_number}", R)], body)
    s.para([(f"Địa chỉ: {a.address}", R)], body)
    s.para([(f"Số điện thoại: {a.phone}", R)], body)
    s.para([(f"Email: {a.email or '…'}", R)], body)
    s.para([("Nội dung yêu cầu giải quyết: ", R), (form.procedure_name, B)], body)
    s.para([("1. Thành phần hồ sơ nộp gồm:", R)], body)
    for i, comp in enumerate(form.components, 1):
        s.para(
            [(f"{i}) {comp.name} – ", R), (f"{comp.kind_label}: {comp.count}", B)], body, indent=s.size(16)
        )
    s.para([(f"2. Số lượng hồ sơ: {form.sets:02d} (bộ)", R)], body)
    s.para(
        [(f"3. Thời gian giải quyết hồ sơ theo quy định: {form.processing_days:02d} ngày làm việc", R)], body
    )
    s.para([(f"4. Thời gian nhận hồ sơ: {when(form.received_at)}", R)], body)
    s.para([("5. Thời gian trả kết quả giải quyết hồ sơ: ", R), (when(form.due_at, weekday=True), B)], body)
    s.para([(f"6. Đăng ký nhận kết quả tại: {form.delivery}", R)], body)
    if form.fee_vnd == 0:
        s.para([("7. Phí, lệ phí: Không thu phí, lệ phí", R)], body)
    else:
        s.para([("7. Phí, lệ phí: ", R), (vnd(form.fee_vnd), B), (f" ({form.fee_words})", R)], body)
        for note in form.paid:
            s.para(
                [
                    (f"Đã nộp {vnd(note.amount_vnd)}", B),
                    (f" – hình thức: {note.method_label} – lúc {when(note.paid_at)}", R),
                ],
                body,
                indent=s.size(16),
            )
        due = form.fee_vnd - form.paid_vnd
        if due > 0:
            how = (
                "tiền mặt tại quầy hoặc quét mã VietQR dưới đây"
                if form.payment
                else (form.cash_hint or "tiền mặt tại quầy")
            )
            lead = "Còn phải nộp" if form.paid else "Chưa nộp"
            s.para([(f"{lead}: ", R), (vnd(due), B), (f" – nộp {how}", R)], body, indent=s.size(16))
    s.para(
        [(f"Vào Sổ theo dõi hồ sơ, Quyển số {form.register_book}, Số thứ tự {form.register_number}", R)], body
    )

    s.rule()
    caption: list[list[Run]] = [[(form.code, B)]]
    if form.tracking_key:  # typed with the code on the lookup page when the QR cannot be scanned
        caption.append([("Mã tra cứu: ", R), (form.tracking_key, B)])
    caption.append([("Quét mã để tra cứu tình trạng hồ sơ", R)])
    s.qr(form.tracking_url, caption)
    p = form.payment
    if p is not None:
        s.rule()
        s.para([("NỘP PHÍ, LỆ PHÍ QUA VIETQR", B)], 24, align="center")
        s.qr(p.payload, [[("VietQR", B), (" – quét bằng ứng dụng ngân hàng", R)]])
        s.space(4)
        s.para([("Số tiền: ", R), (vnd(p.amount_vnd), B)], body)
        s.para([(f"Bằng chữ: {p.amount_words}", R)], body)
        s.para([(f"Ngân hàng: {p.bank_name}", R)], body)
        s.para([("Số tài khoản: ", R), (p.account, B)], body)
        s.para([(f"Chủ tài khoản: {p.account_name}", R)], body)
        s.para([(f"Nội dung chuyển khoản: {p.purpose}", R)], body)
    elif form.fee_vnd and form.paid_vnd >= form.fee_vnd:
        last = form.paid[-1]
        s.para([(f"ĐÃ NỘP PHÍ, LỆ PHÍ: {vnd(form.paid_vnd)}", B)], body, align="center")
        s.para([(f"Hình thức: {last.method_label} – lúc {when(last.paid_at)}", R)], small, align="center")
    s.rule()

    def signer(sig: Signer) -> list[tuple[Sequence[Run], int]]:
        items: list[tuple[Sequence[Run], int]] = [([(sig.title, B)], small)]
        if sig.note:
            items.append(([(sig.note, R)], 17))
        items.append(((), 96))  # room to sign
        if sig.name:
            items.append(([(sig.name, B)], small))
        return items

    s.columns(signer(form.submitter), signer(form.receiver))
    return s.finish()


def render_copies(
    form: ReceiptForm, copies: int = 2, *, width: int = WIDTH, fonts_dir: Path | None = None
) -> list[Image.Image]:
    """'Liên 1: Lưu' then 'Liên 2: Giao người nộp hồ sơ' (copies=1: the citizen's only), as in the PDF."""
    if copies not in (1, 2):
        raise ValueError("copies must be 1 or 2")
    labels = COPY_LABELS if copies == 2 else COPY_LABELS[1:]
    return [render_image(form, copy_label=label, width=width, fonts_dir=fonts_dir) for label in labels]


def receipt_job(
    form: ReceiptForm, copies: int = 2, *, width: int = WIDTH, fonts_dir: Path | None = None
) -> bytes:
    """The complete ESC/POS job: each copy initialised, sent as raster and cut off."""
    return b"".join(
        image_job(img, width) for img in render_copies(form, copies, width=width, fonts_dir=fonts_dir)
    )
