"""Mẫu 01, the receipt, drawn straight on the reportlab canvas.

It is printed for every dossier, often twice, while the citizen waits, so it skips platypus: a small
layout pass (greedy line wrapping with the font metrics, a grid table, side-by-side columns) records
draw operations, checks that a copy fits its sheet (shrinking the type if not, without building a PDF
twice), then emits them once per copy.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from printing.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_pdf_fonts
from printing.form_data import ReceiptForm
from printing.pdf_common import (
    COPY_LABELS,
    MOTTO_1,
    MOTTO_2,
    QUIET_MODULES,
    date_line,
    draw_qr,
    qr_matrix,
    vnd,
    when,
)

R, B, IT = SERIF, SERIF_BOLD, SERIF_ITALIC
Run = tuple[str, str]  # (text, font)
_SPACES = re.compile(r"( +)")  # only ordinary spaces break a line; U+00A0 keeps words together
_WIDTHS: dict[tuple[str, str], float] = {}  # (word, font) → width at 1 pt: the same words recur on every form


def _width(word: str, font: str, size: float) -> float:
    w = _WIDTHS.get((word, font))
    if w is None:
        if len(_WIDTHS) > 50_000:  # bounded: names and addresses vary without end
            _WIDTHS.clear()
        w = _WIDTHS[(word, font)] = stringWidth(word, font, 1.0)
    return w * size


# --- layout primitives ---------------------------------------------------------------------------------


@dataclass
class Ops:
    """Draw operations of one copy, in page coordinates (points, origin bottom-left)."""

    texts: list[tuple[str, float, float, float, str]] = field(default_factory=list)  # font, size, x, y, text
    lines: list[tuple[float, float, float, float, float]] = field(
        default_factory=list
    )  # x1, y1, x2, y2, width
    qrs: list[tuple[float, float, float, list[list[bool]]]] = field(
        default_factory=list
    )  # x, y, size, matrix

    def emit(self, c: Canvas) -> None:
        font = size = None
        for f, s, x, y, text in self.texts:
            if (f, s) != (font, size):
                c.setFont(f, s)
                font, size = f, s
            c.drawString(x, y, text)
        for x1, y1, x2, y2, w in self.lines:
            c.setLineWidth(w)
            c.line(x1, y1, x2, y2)
        for x, y, s, matrix in self.qrs:
            draw_qr(c, x, y, s, matrix)


def wrap(runs: Sequence[Run], size: float, width: float) -> list[tuple[float, list[tuple[float, str, str]]]]:
    """Greedy wrapping at spaces; each line is (its width, [(x offset, text, font)]), same-font text merged."""
    lines: list[tuple[float, list[tuple[float, str, str]]]] = []
    line: list[tuple[float, str, str]] = []
    line_w = 0.0
    word: list[tuple[str, str, float]] = []
    word_w = 0.0
    gap: tuple[str, int] | None = None  # the spaces before the pending word: (font, count)

    def flush() -> None:
        nonlocal line, line_w, word, word_w, gap
        if not word:
            return
        gap_w = _width(" ", gap[0], size) * gap[1] if gap and line else 0.0
        if line and line_w + gap_w + word_w > width:
            lines.append((line_w, line))
            line, line_w, gap_w = [], 0.0, 0.0
        if gap_w and gap:
            line.append((line_w, " " * gap[1], gap[0]))
            line_w += gap_w
        for text, font, w in word:
            line.append((line_w, text, font))
            line_w += w
        word, word_w, gap = [], 0.0, None

    for text, font in runs:
        for tok in _SPACES.split(text):
            if not tok:
                continue
            if tok[0] == " ":
                flush()
                gap = (font, len(tok))
                continue
            w = _width(tok, font, size)
            word.append((tok, font, w))
            word_w += w
    flush()
    if line:
        lines.append((line_w, line))
    merged: list[tuple[float, list[tuple[float, str, str]]]] = []
    for lw, items in lines:
        out: list[tuple[float, str, str]] = []
        for x, text, font in items:
            if out and out[-1][2] == font:
                out[-1] = (out[-1][0], out[-1][1] + text, font)
            else:
                out.append((x, text, font))
        merged.append((lw, out))
    return merged


class Para:
    """A wrapped paragraph of a known height, drawn later at any position."""

    def __init__(
        self,
        runs: Sequence[Run],
        size: float,
        width: float,
        *,
        leading: float | None = None,
        align: str = "left",
        indent: float = 0.0,
        after: float = 0.0,
    ) -> None:
        self.size, self.width, self.align, self.indent, self.after = size, width, align, indent, after
        self.leading = leading or size * 1.3
        self.lines = wrap(runs, size, width - indent)
        self.height = len(self.lines) * self.leading + after

    def draw(self, ops: Ops, x: float, top: float) -> float:
        """Draw with the top edge at `top`; returns the new top (below the paragraph)."""
        y = top
        for lw, items in self.lines:
            y -= self.leading
            base = y + (self.leading - self.size) * 0.5 + self.size * 0.24
            if self.align == "center":
                x0 = x + (self.width - lw) / 2
            elif self.align == "right":
                x0 = x + self.width - lw
            else:
                x0 = x + self.indent
            for dx, text, font in items:
                ops.texts.append((font, self.size, x0 + dx, base, text))
        return y - self.after


class Sizes:
    def __init__(self, scale: float, base: float = 11.5) -> None:
        self.s = scale
        self.body = base * scale
        self.small = self.body * 0.8
        self.tiny = self.body * 0.74
        self.head = self.body * 0.9
        self.title = self.body * 1.2
        self.cell = self.body * 0.88
        self.qr_text = self.body * 0.9


# --- the receipt ---------------------------------------------------------------------------------------


def render_receipt(form: ReceiptForm, *, paper: str = "A4", copies: int = 2) -> bytes:
    """One page per copy: 'Liên 1: Lưu' then 'Liên 2: Giao người nộp hồ sơ' (copies=1: the citizen's).
    On A5 a copy that does not fit one sheet at readable sizes takes two; one that does not fit two goes
    on A4."""
    if paper not in ("A4", "A5"):
        raise ValueError("paper must be A4 or A5")
    if copies not in (1, 2):
        raise ValueError("copies must be 1 or 2")
    register_pdf_fonts()
    tracking = qr_matrix(form.tracking_url)
    payment = qr_matrix(form.payment.payload) if form.payment else None
    fitted = _fit(form, paper, tracking, payment)
    if fitted is None:  # A5 at the smallest readable type is too short: the same receipt on A4
        paper = "A4"
        fitted = _fit(form, paper, tracking, payment)
    assert fitted is not None  # A4 always fits at its smallest step
    pagesize, pages, corner = fitted
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=pagesize)
    title = f"{form.label.title} — {form.code}"
    c.setTitle(title)
    c.setSubject(title)
    c.setAuthor("Bộ phận Một cửa")
    c.setCreator("counter-app")
    labels = COPY_LABELS if copies == 2 else COPY_LABELS[1:]
    font, size, x, y = corner
    for label in labels:
        for i, ops in enumerate(pages):
            c.setFont(font, size)
            c.drawString(x, y, label if i == 0 else f"{label} (tiếp theo, tờ {i + 1}/{len(pages)})")
            ops.emit(c)
            c.showPage()
    c.save()
    return buf.getvalue()


# On A5 the body stays at least 10 pt and the QR codes at least 22 mm, so an elderly citizen can read the
# paper and a phone can scan it; a receipt too long for that goes on A4 instead of shrinking further.
A5_MIN_BODY_PT = 10.0
MIN_QR_MM = 22.0


def _fit(
    form: ReceiptForm, paper: str, tracking: list[list[bool]], payment: list[list[bool]] | None
) -> tuple[tuple[float, float], list[Ops], tuple[str, float, float, float]] | None:
    pagesize = A4 if paper == "A4" else A5
    base = 1.0 if paper == "A4" else A5_MIN_BODY_PT / 11.5
    margins = (20 * mm * base, 14 * mm * base, 10 * mm * base, 8 * mm * base)  # left, right, top, bottom
    if paper == "A5":
        # One sheet per copy when it fits, else two: the codes and signatures on the second, or, for a
        # long list of papers, everything after the list.
        for split in (0, 1, 2):
            pages, corner, bottom = _layout(form, Sizes(base), pagesize, margins, tracking, payment, split)
            if bottom >= margins[3]:
                return pagesize, pages, corner
        return None
    # A long list of papers shrinks the type rather than spilling a copy onto a second sheet.
    steps = (1.0, 0.95, 0.9, 0.84, 0.78, 0.72, 0.66)
    for shrink in steps:
        pages, corner, bottom = _layout(form, Sizes(base * shrink), pagesize, margins, tracking, payment)
        if bottom >= margins[3] or shrink == steps[-1]:
            return pagesize, pages, corner
    return None


def _layout(
    form: ReceiptForm,
    z: Sizes,
    pagesize: tuple[float, float],
    margins: tuple[float, float, float, float],
    tracking: list[list[bool]],
    payment: list[list[bool]] | None,
    split: int = 0,
) -> tuple[list[Ops], tuple[str, float, float, float], float]:
    """Lay out one copy; returns its pages' operations, where the copy label goes, and the lowest y used.
    `split` 1 puts the QR codes and signatures on a second page, 2 everything after the list of papers
    (A5 at readable sizes)."""
    s = z.s
    ops = Ops()
    left, right, top, _ = margins
    x, width = left, pagesize[0] - left - right
    y = pagesize[1] - top

    # Corner: copy label (drawn per copy) | form number and legal basis.
    corner_para = Para([("Liên", B)], z.small, width * 0.4)
    corner = (B, z.small, x, y - corner_para.leading + (corner_para.leading - z.small) * 0.5 + z.small * 0.24)
    # The legal basis may use the whole width beside the longest copy label.
    right_w = width - max(stringWidth(label, B, z.small) for label in COPY_LABELS) - 6 * mm * s
    y_right = Para([(form.label.number, B)], z.small, right_w, align="right").draw(
        ops, x + width - right_w, y
    )
    if form.label.legal_basis:
        y_right = Para(
            [(f"({form.label.legal_basis})", IT)], z.tiny, right_w, align="right", leading=z.tiny * 1.2
        ).draw(ops, x + width - right_w, y_right)
    y = min(y_right, y - corner_para.leading) - 2 * s

    # Letterhead: agency | national motto (underlined); the place and date under the motto.
    lw, rw = width * 0.46, width * 0.54
    yl = y
    head = [p for p in (form.head.parent, form.head.agency) if p]
    for text in head:
        yl = Para([(text.upper(), R)], z.head, lw, align="center", leading=z.head * 1.25).draw(ops, x, yl)
    yl = Para([(form.head.unit.upper(), B)], z.head, lw, align="center", leading=z.head * 1.25).draw(
        ops, x, yl
    )
    rule = 28 * mm * s
    ops.lines.append((x + (lw - rule) / 2, yl - 3.5 * s, x + (lw + rule) / 2, yl - 3.5 * s, 0.6))
    yl -= 6 * s
    yr = Para([(MOTTO_1, B)], z.head, rw, align="center", leading=z.head * 1.25).draw(ops, x + lw, y)
    motto = Para([(MOTTO_2, B)], z.head * 1.05, rw, align="center", leading=z.head * 1.3)
    yr = motto.draw(ops, x + lw, yr)
    mw = motto.lines[0][0]
    ops.lines.append((x + lw + (rw - mw) / 2, yr + 1.2 * s, x + lw + (rw + mw) / 2, yr + 1.2 * s, 0.6))
    y = min(yl, yr) - 3 * s
    y = Para([(date_line(form.head.place, form.dated), IT)], z.body, rw, align="center").draw(ops, x + lw, y)

    # Title and code.
    y -= 3 * s
    y = Para([(form.label.title, B)], z.title, width, align="center").draw(ops, x, y)
    y = Para([(f"Mã hồ sơ: {form.code}", B)], z.body, width, align="center").draw(ops, x, y) - 3 * s

    def para(*runs: Run, indent: float = 0.0) -> None:
        nonlocal y
        y = Para(runs, z.body, width, indent=indent, after=1.2 * s).draw(ops, x, y)

    a = form.applicant
    para((f"{form.head.unit_in_text} {form.head.agency}", R))
    para(("Tiếp nhận hồ sơ của: ", R), (a.full_name, B))
    if a.id_number:
        para((f"Số CCCD/Định danh cá nhân: {a.id_number}", R))
    para((f"Địa chỉ: {a.address}", R))
    para((f"Số điện thoại: {a.phone}" + (f"    Email: {a.email}" if a.email else ""), R))  # no empty Email:
    para(("Nội dung yêu cầu giải quyết: ", R), (form.procedure_name, B))
    para(("1. Thành phần hồ sơ nộp gồm:", R))
    y = _components(ops, form, z, x, width, y) - 2 * s
    pages = [ops]
    lowest = y
    if split == 2:
        ops = Ops()
        pages.append(ops)
        y = pagesize[1] - top - corner_para.leading - 2 * s
    para((f"2. Số lượng hồ sơ: {form.sets:02d} (bộ)", R))
    para((f"3. Thời gian giải quyết hồ sơ theo quy định: {form.processing_days:02d} ngày làm việc", R))
    para((f"4. Thời gian nhận hồ sơ: {when(form.received_at)}", R))
    para(("5. Thời gian trả kết quả giải quyết hồ sơ: ", R), (when(form.due_at, weekday=True), B))
    para((f"6. Đăng ký nhận kết quả tại: {form.delivery}", R))
    if form.fee_vnd == 0:
        para(("7. Phí, lệ phí: Không thu phí, lệ phí", R))
    else:
        para(("7. Phí, lệ phí: ", R), (vnd(form.fee_vnd), B), (f" ({form.fee_words})", R))
        for note in form.paid:
            para(
                (f"Đã nộp {vnd(note.amount_vnd)}", B),
                (f" – hình thức: {note.method_label} – lúc {when(note.paid_at)}", R),
                indent=10 * s,
            )
        due = form.fee_vnd - form.paid_vnd
        if due > 0:
            how = (
                "tiền mặt tại quầy hoặc quét mã VietQR dưới đây"
                if form.payment
                else (form.cash_hint or "tiền mặt tại quầy")
            )
            lead = "Còn phải nộp" if form.paid else "Chưa nộp"
            para((f"{lead}: ", R), (vnd(due), B), (f" – nộp {how}", R), indent=10 * s)
    y = (
        Para(
            [(f"Vào Sổ theo dõi hồ sơ, Quyển số {form.register_book}, Số thứ tự {form.register_number}", IT)],
            z.body,
            width,
        ).draw(ops, x, y)
        - 2 * s
    )

    if split == 1:  # the codes and signatures on a second sheet of the same copy
        lowest = y
        pages.append(Ops())
        y = pagesize[1] - top - corner_para.leading - 2 * s
    y = _qr_block(pages[-1], form, z, x, width, y, tracking, payment) - 2 * s
    y = _signatures(pages[-1], form, z, x, width, y)
    return pages, corner, min(lowest, y)


def _components(ops: Ops, form: ReceiptForm, z: Sizes, x: float, width: float, top: float) -> float:
    """The papers as a grid: TT | Tên giấy tờ | Hình thức | Số lượng (header bold, centred)."""
    s = z.s
    widths = [9 * mm * s, width - (9 + 34 + 17) * mm * s, 34 * mm * s, 17 * mm * s]
    pad = 2.5 * s
    lead = z.cell * 1.22
    rows: list[list[Para]] = [
        [
            Para([(h, B)], z.cell, w - 2 * pad, leading=lead, align="center")
            for h, w in zip(("TT", "Tên giấy tờ", "Hình thức", "Số lượng"), widths, strict=True)
        ]
    ]
    for i, comp in enumerate(form.components, 1):
        rows.append(
            [
                Para([(str(i), R)], z.cell, widths[0] - 2 * pad, leading=lead, align="center"),
                Para([(comp.name, R)], z.cell, widths[1] - 2 * pad, leading=lead),
                Para([(comp.kind_label, R)], z.cell, widths[2] - 2 * pad, leading=lead, align="center"),
                Para([(str(comp.count), R)], z.cell, widths[3] - 2 * pad, leading=lead, align="center"),
            ]
        )
    y = top
    edges = [x]
    for w in widths:
        edges.append(edges[-1] + w)
    ops.lines.append((x, y, x + width, y, 0.5))
    for row in rows:
        h = max(p.height for p in row) + pad * 1.6
        for p, cx in zip(row, edges, strict=False):
            p.draw(ops, cx + pad, y - (h - p.height) / 2)  # vertically centred
        y -= h
        ops.lines.append((x, y, x + width, y, 0.5))
    for ex in edges:
        ops.lines.append((ex, top, ex, y, 0.5))
    return y


def _qr_block(
    ops: Ops,
    form: ReceiptForm,
    z: Sizes,
    x: float,
    width: float,
    top: float,
    tracking: list[list[bool]],
    payment: list[list[bool]] | None,
) -> float:
    s = z.s
    # The symbol itself (quiet zone aside) is at least MIN_QR_MM wide.
    n = max(len(m) for m in (tracking, payment) if m is not None)
    q = max(31 * mm * s, (MIN_QR_MM + 0.5) * mm * (n + 2 * QUIET_MODULES) / n)  # a hair over: print tolerance
    # The tracking column is as wide as the printed code, so the code never breaks across lines.
    col = max(q + 6 * mm * s, stringWidth(form.code, B, z.small) + 3 * mm * s)
    columns: list[tuple[float, float, list[Para], list[list[bool]] | None]] = []  # x, width, paras, qr
    track = [
        Para([(form.code, B)], z.small, col, align="center", leading=z.small * 1.25),
        Para(
            [("Quét mã để tra cứu tình trạng hồ sơ", R)], z.small, col, align="center", leading=z.small * 1.25
        ),
    ]
    if form.tracking_key:  # typed with the code on the lookup page when the QR cannot be scanned
        track.insert(
            1,
            Para(
                [("Mã tra cứu: ", R), (form.tracking_key, B)],
                z.small,
                col,
                align="center",
                leading=z.small * 1.25,
            ),
        )
    columns.append((x, col, track, tracking))
    text_x = x + col + 2 * mm * s
    if form.payment is not None and payment is not None:
        due = form.payment
        columns.append(
            (
                x + col,
                col,
                [
                    Para(
                        [("VietQR", B), (" – quét bằng ứng dụng ngân hàng", R)],
                        z.small,
                        col,
                        align="center",
                        leading=z.small * 1.25,
                    )
                ],
                payment,
            )
        )
        text_x = x + 2 * col + 2 * mm * s
        tw = x + width - text_x
        lead = z.qr_text * 1.28
        text = [
            Para([("NỘP PHÍ, LỆ PHÍ QUA VIETQR", B)], z.qr_text, tw, leading=lead, after=2 * s),
            Para([("Số tiền: ", R), (vnd(due.amount_vnd), B)], z.qr_text, tw, leading=lead),
            Para([("Bằng chữ: ", R), (due.amount_words, IT)], z.qr_text, tw, leading=lead),
            Para([(f"Ngân hàng: {due.bank_name}", R)], z.qr_text, tw, leading=lead),
            Para([("Số tài khoản: ", R), (due.account, B)], z.qr_text, tw, leading=lead),
            Para([(f"Chủ tài khoản: {due.account_name}", R)], z.qr_text, tw, leading=lead),
            Para([(f"Nội dung chuyển khoản: {due.purpose}", R)], z.qr_text, tw, leading=lead),
        ]
    else:
        tw = x + width - text_x
        lead = z.qr_text * 1.28
        text = []
        if form.fee_vnd and form.paid_vnd >= form.fee_vnd:
            last = form.paid[-1]
            text += [
                Para([(f"ĐÃ NỘP PHÍ, LỆ PHÍ: {vnd(form.paid_vnd)}", B)], z.body, tw),
                Para([(f"Hình thức: {last.method_label}", R)], z.qr_text, tw, leading=lead),
                Para([(f"Thời gian: {when(last.paid_at)}", R)], z.qr_text, tw, leading=lead, after=3 * s),
            ]
        text.append(
            Para(
                [
                    (
                        "Tra cứu tình trạng hồ sơ: quét mã QR bên cạnh hoặc nhập mã hồ sơ và mã tra cứu tại "
                        "trang tra cứu của cơ quan.",
                        R,
                    )
                ],
                z.qr_text,
                tw,
                leading=lead,
            )
        )
    heights = [q + sum(p.height for p in paras) for _, _, paras, _ in columns]
    text_h = sum(p.height for p in text)
    block = max([*heights, text_h])
    for (cx, cw, paras, matrix), h in zip(columns, heights, strict=True):
        y = top - (block - h) / 2
        if matrix is not None:
            ops.qrs.append((cx + (cw - q) / 2, y - q, q, matrix))
        y -= q
        for p in paras:
            y = p.draw(ops, cx, y)
    y = top - (block - text_h) / 2
    for p in text:
        y = p.draw(ops, text_x, y)
    return top - block


def _signatures(ops: Ops, form: ReceiptForm, z: Sizes, x: float, width: float, top: float) -> float:
    s = z.s
    half = width / 2
    low = top
    for i, signer in enumerate((form.submitter, form.receiver)):
        cx = x + i * half
        y = Para([(signer.title, B)], z.body, half, align="center").draw(ops, cx, top)
        if signer.note:
            y = Para([(signer.note, IT)], z.body, half, align="center").draw(ops, cx, y)
        y -= 14 * mm * s
        if signer.name:
            y = Para([(signer.name, B)], z.body, half, align="center").draw(ops, cx, y)
        low = min(low, y)
    return low
