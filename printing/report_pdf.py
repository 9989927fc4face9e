"""A4 report PDFs (the monthly service-quality report) with tables and charts, in Vietnamese.

Takes a `ReportDocument` of plain dataclasses — sections of paragraphs, tables and charts, all text
already worded by the caller — and knows nothing of where the figures came from.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from printing.fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD, SERIF_ITALIC, register_pdf_fonts

PAGE_W, PAGE_H = A4
MARGIN = 16 * mm
CONTENT_W = PAGE_W - 2 * MARGIN

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#1f5f99")
GOOD = colors.HexColor("#2f855a")
BAD = colors.HexColor("#c53030")
GRID = colors.HexColor("#9aa5b1")
HEAD_BG = colors.HexColor("#e4ecf5")
FLAG_BG = colors.HexColor("#fde8e8")


# --- the document model -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A paragraph. style: body, note (small grey), warning (red, bold), heading (sub-heading)."""

    text: str
    style: str = "body"


@dataclass(frozen=True)
class TableBlock:
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths_mm: Sequence[float] | None = None
    title: str = ""
    align: Sequence[str] | None = None  # per column: "left", "right", "center"
    flagged_rows: frozenset[int] = frozenset()  # row indexes (0 = first data row) shaded red
    bold_last_row: bool = False
    empty_text: str = "Không có."


@dataclass(frozen=True)
class BarChartBlock:
    """Bars per category with an optional target line drawn across each bar."""

    title: str
    categories: Sequence[str]
    values: Sequence[float | None]
    targets: Sequence[float | None] = ()
    value_max: float = 100.0
    unit: str = "%"
    value_label: str = "Đạt được"
    target_label: str = "Chỉ tiêu"
    height_mm: float = 70.0


@dataclass(frozen=True)
class LineChartBlock:
    title: str
    labels: Sequence[str]
    values: Sequence[float | None]
    value_max: float = 100.0
    unit: str = "%"
    height_mm: float = 60.0


@dataclass(frozen=True)
class HistogramBlock:
    title: str
    bins: Sequence[str]
    counts: Sequence[int]
    x_title: str = ""
    y_title: str = ""
    height_mm: float = 60.0


Block = Text | TableBlock | BarChartBlock | LineChartBlock | HistogramBlock


@dataclass(frozen=True)
class Section:
    title: str
    blocks: Sequence[Block]


@dataclass(frozen=True)
class ReportDocument:
    header_left: Sequence[str]  # agency parent, agency, unit (the last one bold)
    header_right: Sequence[str]  # national motto lines
    title: str
    subtitle: str
    place_date: str
    sections: Sequence[Section]
    signer_title: str = ""
    signer_name: str = ""
    preparer_title: str = "NGƯỜI LẬP BÁO CÁO"
    footer: str = ""
    meta_title: str = "Báo cáo"
    author: str = ""
    extra: dict[str, str] = field(default_factory=dict)


# --- styles --------------------------------------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=SERIF, fontSize=10.5, leading=14, textColor=INK)
    return {
        "body": base,
        "note": ParagraphStyle("note", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        "warning": ParagraphStyle("warning", parent=base, fontName=SERIF_BOLD, textColor=BAD, keepWithNext=1),
        # keepWithNext: a table's title never ends a page without the table under it.
        "heading": ParagraphStyle(
            "heading", parent=base, fontName=SERIF_BOLD, fontSize=11, spaceBefore=4, keepWithNext=1
        ),
        "section": ParagraphStyle(
            "section",
            parent=base,
            fontName=SERIF_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
            textColor=ACCENT,
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=SERIF_BOLD,
            fontSize=15,
            leading=19,
            alignment=TA_CENTER,
            spaceAfter=2,
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontName=SERIF_ITALIC, alignment=TA_CENTER),
        "head_l": ParagraphStyle("head_l", parent=base, fontSize=10, leading=13, alignment=TA_CENTER),
        "head_lb": ParagraphStyle(
            "head_lb", parent=base, fontName=SERIF_BOLD, fontSize=10, leading=13, alignment=TA_CENTER
        ),
        "place": ParagraphStyle("place", parent=base, fontName=SERIF_ITALIC, alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", fontName=SANS, fontSize=8.5, leading=10.5, textColor=INK),
        "cell_r": ParagraphStyle(
            "cell_r", fontName=SANS, fontSize=8.5, leading=10.5, textColor=INK, alignment=TA_RIGHT
        ),
        "cell_c": ParagraphStyle(
            "cell_c", fontName=SANS, fontSize=8.5, leading=10.5, textColor=INK, alignment=TA_CENTER
        ),
        "cell_h": ParagraphStyle(
            "cell_h", fontName=SANS_BOLD, fontSize=8.5, leading=10.5, textColor=INK, alignment=TA_CENTER
        ),
        "sign": ParagraphStyle("sign", parent=base, fontName=SERIF_BOLD, alignment=TA_CENTER),
        "sign_note": ParagraphStyle(
            "sign_note", parent=base, fontName=SERIF_ITALIC, fontSize=9, alignment=TA_CENTER
        ),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    body = text.lstrip(" ")
    indent = "&nbsp;" * (len(text) - len(body))  # leading spaces indent sub-items ("   – trước hạn")
    return Paragraph(indent + escape(body).replace("\n", "<br/>"), style)


# --- blocks → flowables --------------------------------------------------------------------------------


def _table(block: TableBlock, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    out: list[Flowable] = []
    if block.title:
        out.append(_p(block.title, st["heading"]))
    if not block.rows:
        out.append(_p(block.empty_text, st["note"]))
        return out
    n = len(block.header)
    align = list(block.align or ["left"] + ["right"] * (n - 1))
    cell_style = {"left": st["cell"], "right": st["cell_r"], "center": st["cell_c"]}
    data: list[list[Flowable]] = [[_p(h, st["cell_h"]) for h in block.header]]
    for row in block.rows:
        data.append([_p(str(v), cell_style[align[i]]) for i, v in enumerate(row)])
    if block.widths_mm:
        widths = [w * mm for w in block.widths_mm]
        scale = CONTENT_W / sum(widths) if sum(widths) > CONTENT_W else 1.0
        widths = [w * scale for w in widths]
    else:
        widths = [CONTENT_W / n] * n
    t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    cmds: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for i in block.flagged_rows:
        cmds.append(("BACKGROUND", (0, i + 1), (-1, i + 1), FLAG_BG))
    if block.bold_last_row:
        cmds.append(("BACKGROUND", (0, len(data) - 1), (-1, len(data) - 1), colors.HexColor("#f3f5f7")))
    t.setStyle(TableStyle(cmds))
    out.append(t)
    return out


def _chart_title(d: Drawing, title: str, width: float, height: float) -> None:
    d.add(
        String(
            width / 2,
            height - 12,
            title,
            fontName=SANS_BOLD,
            fontSize=9.5,
            fillColor=INK,
            textAnchor="middle",
        )
    )


def _fmt(v: float, unit: str) -> str:
    text = f"{v:.1f}".rstrip("0").rstrip(".") if unit == "%" else f"{v:,.0f}".replace(",", ".")
    return text.replace(".", ",") + unit if unit == "%" else text


def bar_chart(block: BarChartBlock) -> Drawing:
    """Bars coloured by whether they reach their target (green) or not (red); the target is a dashed
    line across each bar, and the value is written above it."""
    width, height = CONTENT_W, block.height_mm * mm
    d = Drawing(width, height)
    _chart_title(d, block.title, width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 34
    chart.width, chart.height = width - 60, height - 34 - 50
    chart.data = [[v if v is not None else 0 for v in block.values]]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, block.value_max
    chart.valueAxis.valueStep = block.value_max / 5
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labelTextFormat = "%d" + ("%%" if block.unit == "%" else "")
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e4e7eb")
    chart.valueAxis.visibleGrid = True
    chart.categoryAxis.categoryNames = list(block.categories)
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barWidth = 10
    chart.groupSpacing = 14
    has_targets = any(t is not None for t in block.targets)
    for i, v in enumerate(block.values):
        target = block.targets[i] if i < len(block.targets) else None
        if v is not None and target is not None:
            chart.bars[(0, i)].fillColor = GOOD if v >= target else BAD
    d.add(chart)
    n = max(len(block.categories), 1)
    slot = chart.width / n
    for i, v in enumerate(block.values):
        cx = chart.x + slot * (i + 0.5)
        target = block.targets[i] if i < len(block.targets) else None
        top = chart.y + (0 if v is None else v / block.value_max * chart.height)
        if target is not None:
            ty = chart.y + target / block.value_max * chart.height
            d.add(
                Line(
                    cx - slot * 0.42,
                    ty,
                    cx + slot * 0.42,
                    ty,
                    strokeColor=INK,
                    strokeWidth=1.4,
                    strokeDashArray=[4, 2],
                )
            )
            d.add(
                String(
                    cx + slot * 0.42,
                    ty + 2,
                    _fmt(target, block.unit),
                    fontName=SANS,
                    fontSize=6.5,
                    fillColor=MUTED,
                    textAnchor="end",
                )
            )
        label = "chưa có số liệu" if v is None else _fmt(v, block.unit)
        ly = top + 3 if target is None else max(top, chart.y + target / block.value_max * chart.height) + 10
        if v is None:
            ly = chart.y + 4
        d.add(String(cx, ly, label, fontName=SANS_BOLD, fontSize=8, fillColor=INK, textAnchor="middle"))
    if has_targets:
        legend = Legend()
        legend.x, legend.y = chart.x, height - 22
        legend.fontName, legend.fontSize = SANS, 7.5
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.dxTextSpace = 4
        legend.deltax = 110
        legend.colorNamePairs = [
            (GOOD, f"{block.value_label}: đạt chỉ tiêu"),
            (BAD, f"{block.value_label}: chưa đạt"),
        ]
        d.add(legend)
        lx = chart.x + 250
        d.add(
            Line(
                lx,
                height - 26,
                lx + 16,
                height - 26,
                strokeColor=INK,
                strokeWidth=1.4,
                strokeDashArray=[4, 2],
            )
        )
        d.add(String(lx + 20, height - 29, block.target_label, fontName=SANS, fontSize=7.5, fillColor=INK))
    return d


def line_chart(block: LineChartBlock) -> Drawing:
    width, height = CONTENT_W, block.height_mm * mm
    d = Drawing(width, height)
    _chart_title(d, block.title, width, height)
    chart = HorizontalLineChart()
    chart.x, chart.y = 40, 24
    chart.width, chart.height = width - 60, height - 24 - 40
    chart.data = [list(block.values)]  # None leaves a gap: a month without resolved dossiers has no rate
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, block.value_max
    chart.valueAxis.valueStep = block.value_max / 5
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labelTextFormat = "%d" + ("%%" if block.unit == "%" else "")
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e4e7eb")
    chart.categoryAxis.categoryNames = list(block.labels)
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7.5
    chart.lines[0].strokeColor = ACCENT
    chart.lines[0].strokeWidth = 2
    chart.lines[0].symbol = makeMarker("FilledCircle", size=4, fillColor=ACCENT, strokeColor=ACCENT)
    if all(v is None for v in block.values):
        # Nothing to plot: keep the axes, draw no line (reportlab refuses an empty polyline).
        chart.data = [[0] * max(len(block.labels), 1)]
        chart.lines[0].strokeColor = None
        chart.lines[0].symbol = None
    d.add(chart)
    n = max(len(block.labels), 1)
    slot = chart.width / n
    for i, v in enumerate(block.values):
        cx = chart.x + slot * (i + 0.5)
        if v is None:
            d.add(
                String(
                    cx,
                    chart.y + 4,
                    "không có hồ sơ",
                    fontName=SANS,
                    fontSize=6.5,
                    fillColor=MUTED,
                    textAnchor="middle",
                )
            )
        else:
            y = chart.y + v / block.value_max * chart.height
            d.add(
                String(
                    cx,
                    y + 6,
                    _fmt(v, block.unit),
                    fontName=SANS,
                    fontSize=7.5,
                    fillColor=INK,
                    textAnchor="middle",
                )
            )
    return d


def histogram(block: HistogramBlock) -> Drawing:
    width, height = CONTENT_W, block.height_mm * mm
    d = Drawing(width, height)
    _chart_title(d, block.title, width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 34
    chart.width, chart.height = width - 60, height - 34 - 28
    chart.data = [list(block.counts)]
    top = max(list(block.counts) + [1])
    step = max(1, _nice_step(top))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = step * (-(-top // step))
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e4e7eb")
    chart.categoryAxis.categoryNames = list(block.bins)
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.bars[0].fillColor = colors.HexColor("#3b8bc9")
    chart.bars[0].strokeColor = None
    chart.barSpacing = 0
    chart.groupSpacing = 2
    d.add(chart)
    if block.x_title:
        d.add(
            String(
                chart.x + chart.width / 2,
                6,
                block.x_title,
                fontName=SANS,
                fontSize=7.5,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    if block.y_title:
        # Above the value labels, left of the axis: a full first bar carries its count right at the top.
        d.add(
            String(
                chart.x - 6,
                chart.y + chart.height + 9,
                block.y_title,
                fontName=SANS,
                fontSize=7.5,
                fillColor=MUTED,
                textAnchor="end",
            )
        )
    n = max(len(block.bins), 1)
    slot = chart.width / n
    ymax = chart.valueAxis.valueMax
    for i, c in enumerate(block.counts):
        if c:
            d.add(
                String(
                    chart.x + slot * (i + 0.5),
                    chart.y + c / ymax * chart.height + 3,
                    str(c),
                    fontName=SANS,
                    fontSize=7.5,
                    fillColor=INK,
                    textAnchor="middle",
                )
            )
    return d


def _nice_step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 6:
            return step
    return 10000


def _block(block: Block, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    if isinstance(block, Text):
        return [_p(block.text, st.get(block.style, st["body"]))]
    if isinstance(block, TableBlock):
        return _table(block, st)
    if isinstance(block, BarChartBlock):
        return [bar_chart(block)]
    if isinstance(block, LineChartBlock):
        return [line_chart(block)]
    if isinstance(block, HistogramBlock):
        return [histogram(block)]
    raise TypeError(f"unknown block {type(block).__name__}")


# --- the document --------------------------------------------------------------------------------------


def _header(doc: ReportDocument, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    left = [
        _p(line, st["head_lb"] if i == len(doc.header_left) - 1 else st["head_l"])
        for i, line in enumerate(doc.header_left)
    ]
    right = [_p(line, st["head_lb"] if i == 0 else st["head_l"]) for i, line in enumerate(doc.header_right)]
    t = Table([[left, right]], colWidths=[CONTENT_W * 0.42, CONTENT_W * 0.58])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [
        t,
        Spacer(1, 4),
        _p(doc.place_date, st["place"]),
        Spacer(1, 8),
        _p(doc.title, st["title"]),
        _p(doc.subtitle, st["subtitle"]),
        Spacer(1, 6),
    ]


def _signatures(doc: ReportDocument, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    if not doc.signer_title:
        return []
    left = [_p(doc.preparer_title, st["sign"]), _p("(Ký, ghi rõ họ tên)", st["sign_note"])]
    right = [
        _p(doc.signer_title, st["sign"]),
        _p("(Ký, ghi rõ họ tên, đóng dấu)", st["sign_note"]),
        Spacer(1, 36),
        _p(doc.signer_name, st["sign"]),
    ]
    t = Table([[left, right]], colWidths=[CONTENT_W / 2, CONTENT_W / 2])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Spacer(1, 12), KeepTogether([t])]


def render_report(doc: ReportDocument, path: str | Path | None = None) -> bytes:
    """The PDF bytes; also written to `path` when given (written whole: a temp file then rename)."""
    register_pdf_fonts()
    st = _styles()
    buf = io.BytesIO()
    footer = doc.footer

    def on_page(canvas: Canvas, pdf: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(SANS, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 9 * mm, footer)
        canvas.drawRightString(PAGE_W - MARGIN, 9 * mm, f"Trang {pdf.page}")
        canvas.restoreState()

    template = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=doc.meta_title,
        author=doc.author,
        subject=doc.title,
        creator="counter-app",
    )
    story: list[Flowable] = _header(doc, st)
    for section in doc.sections:
        story.append(CondPageBreak(40 * mm))
        story.append(_p(section.title, st["section"]))
        for block in section.blocks:
            flow = _block(block, st)
            if isinstance(block, (BarChartBlock, LineChartBlock, HistogramBlock)):
                story.append(KeepTogether(flow))
            else:
                story.extend(flow)
            story.append(Spacer(1, 5))
    story.extend(_signatures(doc, st))
    template.build(story, onFirstPage=on_page, onLaterPages=on_page)
    data = buf.getvalue()
    if path is not None:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
    return data


__all__ = [
    "BarChartBlock",
    "HistogramBlock",
    "LineChartBlock",
    "ReportDocument",
    "Section",
    "TableBlock",
    "Text",
    "render_report",
]
