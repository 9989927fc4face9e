"""The clerk window's "Báo cáo" tab (supervisors and admins): the monthly service-quality report with
charts, a month picker, and export to PDF and CSV.

The figures come from counter_app.services.reports (the same as the PDF and `counter-app report
monthly`); the tables reuse the PDF's wording (report_document). Computing and exporting run off the
GUI thread; the panel only shows what arrives.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QEvent, QLocale, QMargins, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.config import Config
from counter_app.services import report_document as words
from counter_app.services.reports import Month, MonthlyReport, RegisterEntry, ReportService, write_csv
from ui.clerk.common import error_text, start_job
from ui.i18n import QT_TRANSLATE_NOOP

ROLES = ("supervisor", "admin")
# Axis ticks of the SIPAS chart (the tables carry the full group names).
SIPAS_TICKS = {
    "access": QT_TRANSLATE_NOOP("ReportsPanel", "Tiếp cận"),
    "procedure": QT_TRANSLATE_NOOP("ReportsPanel", "Thủ tục"),
    "staff": QT_TRANSLATE_NOOP("ReportsPanel", "Công chức"),
    "result": QT_TRANSLATE_NOOP("ReportsPanel", "Kết quả"),
    "feedback": QT_TRANSLATE_NOOP("ReportsPanel", "Phản ánh"),
}
# The report's own wording (counter_app.services.report_document, sipas levels and groups) that the tables
# show as row labels and headers, listed for lupdate; each cell goes through self.tr() (see `_label`).
# The PDF stays Vietnamese: it is the official report.
REPORT_WORDS = [
    QT_TRANSLATE_NOOP("ReportsPanel", "Hồ sơ tiếp nhận trong tháng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Hồ sơ đã giải quyết (có kết quả) trong tháng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "– Trước hạn"),
    QT_TRANSLATE_NOOP("ReportsPanel", "– Đúng hạn"),
    QT_TRANSLATE_NOOP("ReportsPanel", "– Quá hạn"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tỷ lệ giải quyết đúng hạn (trước hạn + đúng hạn)"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Hồ sơ từ chối tiếp nhận, giải quyết trong tháng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Hồ sơ chưa giải quyết xong tại thời điểm cuối kỳ"),
    QT_TRANSLATE_NOOP("ReportsPanel", "– trong đó đã quá hạn hẹn trả"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Phiếu xin lỗi đã lập trong tháng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Hồ sơ quá hạn chưa có phiếu xin lỗi"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Rất hài lòng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Hài lòng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Bình thường"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Không hài lòng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tổng số lượt đánh giá"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Số lượt mời đánh giá"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tỷ lệ người dân đánh giá (đánh giá ÷ mời)"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tỷ lệ hài lòng (Rất hài lòng + Hài lòng)"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tiếp cận dịch vụ"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Thủ tục hành chính"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Công chức"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Kết quả giải quyết"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Đạt"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Không đạt"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tiền mặt"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Chuyển khoản"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Chuyển khoản VietQR"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tổng cộng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Phản ánh, kiến nghị tiếp nhận trong tháng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Đã trả lời trong tháng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "– trả lời đúng hạn"),
    QT_TRANSLATE_NOOP("ReportsPanel", "– trả lời quá hạn"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Chưa trả lời tại cuối kỳ"),
    QT_TRANSLATE_NOOP("ReportsPanel", "– trong đó đã quá hạn trả lời"),
    QT_TRANSLATE_NOOP("ReportsPanel", "TT"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Mã hồ sơ"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Thủ tục"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Hạn trả ban đầu"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Tình trạng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Phiếu xin lỗi"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Hẹn trả lại"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Quầy / dịch vụ"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Số phát"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Đã phục vụ"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Vắng mặt"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Chờ TB"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Chờ P90"),
    QT_TRANSLATE_NOOP("ReportsPanel", "Phục vụ TB"),
    QT_TRANSLATE_NOOP("ReportsPanel", "chức năng đánh giá mức độ hài lòng"),
    QT_TRANSLATE_NOOP("ReportsPanel", "chức năng xếp hàng lấy số thứ tự"),
    QT_TRANSLATE_NOOP("ReportsPanel", "chức năng thu phí, lệ phí"),
    QT_TRANSLATE_NOOP("ReportsPanel", "chức năng tiếp nhận phản ánh, kiến nghị"),
]
ACCENT, GOOD, BAD, FLAG = "#1f5f99", "#2f855a", "#c53030", "#fde8e8"


def export_pdf(config: Config, report: MonthlyReport, path: str) -> str:
    words.write_pdf(report, config, path)
    return path


def export_csv(report: MonthlyReport, path: str) -> str:
    write_csv(report, path)
    return path


class ReportsPanel(QWidget):
    loaded = Signal(object)  # MonthlyReport shown
    exported = Signal(str)  # path written
    failed = Signal(str)  # message shown to the supervisor

    def __init__(self, reports: ReportService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPanel")
        self.reports = reports
        ctx = reports.ctx
        self.report: MonthlyReport | None = None
        self.busy = 0
        self._state: Callable[[], str] | None = None  # the state line, re-made on a language change

        top = QHBoxLayout()
        self.month_caption = QLabel()
        top.addWidget(self.month_caption)
        self.month_edit = QDateEdit()
        self.month_edit.setObjectName("reports_month")
        self.month_edit.setDisplayFormat("MM/yyyy")
        self.month_edit.setCalendarPopup(False)
        now = ctx.now().date()
        self.month_edit.setMaximumDate(QDate(now.year, now.month, 1))
        last = Month.of(now).prev()
        self.month_edit.setDate(QDate(last.year, last.month, 1))
        top.addWidget(self.month_edit)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("reports_refresh")
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        top.addSpacing(16)
        self.pdf_button = QPushButton()
        self.pdf_button.setObjectName("reports_pdf")
        self.pdf_button.clicked.connect(self._ask_pdf)
        self.csv_button = QPushButton()
        self.csv_button.setObjectName("reports_csv")
        self.csv_button.clicked.connect(self._ask_csv)
        top.addWidget(self.pdf_button)
        top.addWidget(self.csv_button)
        self.state_label = QLabel("")
        self.state_label.setObjectName("reports_state")
        top.addWidget(self.state_label, 1)
        self.month_edit.dateChanged.connect(lambda _d: self.refresh())

        self.content = QWidget()
        self.grid = QVBoxLayout(self.content)
        self.grid.setContentsMargins(4, 4, 4, 4)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.content)

        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(scroll, 1)
        self._build_body()
        self.retranslate()
        self._set_buttons()

    # --- mounting ---------------------------------------------------------------------------------------

    # --- language -----------------------------------------------------------------------------------------

    def _card_titles(self) -> dict[str, str]:
        return {
            "received": self.tr("Hồ sơ tiếp nhận"),
            "resolved": self.tr("Đã giải quyết"),
            "on_time_pct": self.tr("Đúng hạn"),
            "overdue_open": self.tr("Tồn quá hạn cuối kỳ"),
            "missing": self.tr("Quá hạn chưa có phiếu xin lỗi"),
            "satisfied_pct": self.tr("Hài lòng"),
            "wait_avg": self.tr("Thời gian chờ TB"),
            "fees": self.tr("Phí, lệ phí đã thu"),
        }

    def _section_titles(self) -> dict[str, str]:
        return {
            "dossiers": self.tr("I. Tiếp nhận và giải quyết hồ sơ"),
            "ratings": self.tr("III. Mức độ hài lòng"),
            "register": self.tr("II. Hồ sơ quá hạn và phiếu xin lỗi"),
            "groups": self.tr("Nhóm tiêu chí SIPAS so với chỉ tiêu"),
            "clerks": self.tr("Hài lòng theo cán bộ"),
            "fields": self.tr("Hài lòng theo lĩnh vực"),
            "queue": self.tr("IV. Xếp hàng lấy số thứ tự"),
            "payments": self.tr("V. Thu phí, lệ phí"),
            "feedback": self.tr("VI. Phản ánh, kiến nghị"),
        }

    def retranslate(self) -> None:
        self.month_caption.setText(self.tr("Tháng báo cáo:"))
        self.refresh_button.setText(self.tr("Xem báo cáo"))
        self.pdf_button.setText(self.tr("Xuất PDF…"))
        self.csv_button.setText(self.tr("Xuất CSV…"))
        for key, title in self._card_titles().items():
            self.card_captions[key].setText(title)
        for key, title in self._section_titles().items():
            self.heads[key].setText(title)
        if self._state is not None:
            self.state_label.setText(self._state())
        if self.report is not None:
            self._fill(self.report)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _set_state(self, text: Callable[[], str]) -> None:
        self._state = text
        self.state_label.setText(text())

    def _label(self, text: str) -> str:
        """A label of the report's own wording in the current language, its indent kept."""
        core = text.strip()
        return text[: len(text) - len(text.lstrip())] + self.tr(core) if core else text

    def _duration(self, seconds: int | None) -> str:
        """words.fmt_duration in the current language."""
        if seconds is None:
            return "—"
        h, rest = divmod(int(seconds), 3600)
        m, s = divmod(rest, 60)
        if h:
            return self.tr("{h} giờ {m} phút").format(h=h, m=f"{m:02d}")
        return self.tr("{m} phút {s} giây").format(m=m, s=f"{s:02d}")

    def _absent(self, r: MonthlyReport, section: str) -> str:
        """words.absent_text in the current language."""
        why = r.sources.get(section, "")
        tables = why.split("no table", 1)[1].strip() if "no table" in why else ""
        return (
            self.tr("Chưa có số liệu: {what} chưa được cài đặt trên máy này").format(
                what=self.tr(words.ABSENT_VI[section])
            )
            + (self.tr(" (không có bảng {tables}).").format(tables=tables) if tables else ".")
            + self.tr(" Mục này không được tính, không ghi số 0.")
        )

    def _register_rows(self, entries: list[RegisterEntry]) -> list[list[str]]:
        rows = words.register_rows(entries)
        for row, e in zip(rows, entries, strict=True):
            row[4] = (
                self.tr("Trả kết quả {t}").format(t=words.fmt_dt(e.resolved_at))
                if e.resolved_at
                else self.tr("Chưa có kết quả")
            )
            if e.apology_number:
                row[5] = self.tr("Số {n}, ngày {d}").format(
                    n=e.apology_number, d=words.fmt_date(e.apology_issued_at)
                )
        return rows

    def _queue_rows(self, r: MonthlyReport) -> list[list[str]]:
        """words.queue_rows with the durations in the current language."""
        q = r.queue
        assert q is not None
        rows = [
            [
                f"{s.service} – {s.name}",
                words.fmt_int(s.tickets),
                words.fmt_int(s.served),
                words.fmt_int(s.no_shows),
                self._duration(s.wait_avg_s),
                self._duration(s.wait_p90_s),
                self._duration(s.service_avg_s),
            ]
            for s in q.by_service
        ]
        rows.append(
            [
                self.tr("Tổng cộng"),
                words.fmt_int(q.tickets),
                words.fmt_int(q.served),
                words.fmt_int(q.no_shows),
                self._duration(q.wait_avg_s),
                self._duration(q.wait_p90_s),
                self._duration(q.service_avg_s),
            ]
        )
        return rows

    # --- layout -------------------------------------------------------------------------------------------

    def _build_body(self) -> None:
        self.cards: dict[str, QLabel] = {}
        self.card_captions: dict[str, QLabel] = {}
        self.heads: dict[str, QLabel] = {}
        cards = QGridLayout()
        for i, (key, title) in enumerate(self._card_titles().items()):
            box = QFrame()
            box.setFrameShape(QFrame.Shape.StyledPanel)
            box.setObjectName(f"card_{key}")
            lay = QVBoxLayout(box)
            lay.setContentsMargins(8, 4, 8, 4)
            caption = QLabel(title)
            caption.setStyleSheet("color:#52606d")
            self.card_captions[key] = caption
            value = QLabel("—")
            value.setObjectName(f"reports_card_{key}")
            value.setStyleSheet("font-size:18px; font-weight:bold")
            lay.addWidget(caption)
            lay.addWidget(value)
            self.cards[key] = value
            cards.addWidget(box, 0, i)
        self.grid.addLayout(cards)

        charts = QHBoxLayout()
        self.trend_view = self._chart_view("reports_trend_chart")
        self.sipas_view = self._chart_view("reports_sipas_chart")
        self.wait_view = self._chart_view("reports_wait_chart")
        for v in (self.trend_view, self.sipas_view, self.wait_view):
            charts.addWidget(v, 1)
        self.grid.addLayout(charts)

        self.tables: dict[str, QTableWidget] = {}
        self.notes: dict[str, QLabel] = {}
        titles = self._section_titles()
        row1 = QHBoxLayout()
        row1.addLayout(self._section("dossiers", titles["dossiers"]), 1)
        row1.addLayout(self._section("ratings", titles["ratings"]), 1)
        self.grid.addLayout(row1)
        self.grid.addLayout(self._section("register", titles["register"]))
        self.grid.addLayout(self._section("groups", titles["groups"]))
        row2 = QHBoxLayout()
        row2.addLayout(self._section("clerks", titles["clerks"]), 1)
        row2.addLayout(self._section("fields", titles["fields"]), 1)
        self.grid.addLayout(row2)
        self.grid.addLayout(self._section("queue", titles["queue"]))
        row3 = QHBoxLayout()
        row3.addLayout(self._section("payments", titles["payments"]), 1)
        row3.addLayout(self._section("feedback", titles["feedback"]), 1)
        self.grid.addLayout(row3)
        self.grid.addStretch(1)

    def _chart_view(self, name: str) -> QChartView:
        view = QChartView()
        view.setObjectName(name)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(230)
        view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return view

    def _section(self, key: str, title: str) -> QVBoxLayout:
        lay = QVBoxLayout()
        head = QLabel(title)
        head.setStyleSheet(f"font-weight:bold; color:{ACCENT}; font-size:14px; margin-top:6px")
        self.heads[key] = head
        lay.addWidget(head)
        note = QLabel("")
        note.setObjectName(f"reports_note_{key}")
        note.setWordWrap(True)
        note.hide()
        lay.addWidget(note)
        table = QTableWidget(0, 0)
        table.setObjectName(f"reports_table_{key}")
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        lay.addWidget(table)
        lay.addStretch(1)  # side-by-side sections start level whatever their heights
        self.tables[key], self.notes[key] = table, note
        return lay

    # --- loading ------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Computed when the tab is first opened, not at login: most sessions never look at it.
        if self.report is None and self.busy == 0:
            self.refresh()
        super().showEvent(event)

    def selected_month(self) -> Month:
        d = self.month_edit.date()
        return Month(d.year(), d.month())

    def set_month(self, month: str | Month) -> None:
        m = month if isinstance(month, Month) else Month.parse(month)
        self.month_edit.setDate(QDate(m.year, m.month, 1))  # dateChanged → refresh

    def refresh(self) -> None:
        month = self.selected_month()
        self.busy += 1
        self._set_buttons()
        self._set_state(lambda: self.tr("Đang tính số liệu tháng {m}…").format(m=month.short_label))
        start_job(self, self.reports.monthly, month, on_done=self._show, on_error=self._fail)

    def _show(self, report: MonthlyReport) -> None:
        self.busy -= 1
        if str(self.selected_month()) != report.month:
            self._set_buttons()
            return  # the supervisor picked another month meanwhile; its own job will land
        self.report = report
        self._fill(report)
        self._set_state(
            lambda: self.tr("Số liệu tháng {m}, tính lúc {t}").format(
                m=Month.parse(report.month).short_label, t=words.fmt_dt(report.generated_at)
            )
        )
        self._set_buttons()
        self.loaded.emit(report)

    def _fail(self, exc: BaseException) -> None:
        self.busy -= 1
        message = error_text(exc)
        self._set_state(lambda: message)
        self.state_label.setStyleSheet(f"color:{BAD}")
        self._set_buttons()
        self.failed.emit(message)

    def _set_buttons(self) -> None:
        ready = self.report is not None and self.busy == 0
        self.pdf_button.setEnabled(ready)
        self.csv_button.setEnabled(ready)
        if self.busy == 0 and self.report is not None:
            self.state_label.setStyleSheet("")

    # --- filling ------------------------------------------------------------------------------------------

    def _fill(self, r: MonthlyReport) -> None:
        d = r.dossiers
        self.cards["received"].setText(words.fmt_int(d.received))
        self.cards["resolved"].setText(words.fmt_int(d.resolved))
        self.cards["on_time_pct"].setText(words.fmt_pct(d.on_time_pct))
        self.cards["overdue_open"].setText(words.fmt_int(d.overdue_open))
        self.cards["missing"].setText(words.fmt_int(r.apologies.missing))
        self.cards["missing"].setStyleSheet(
            f"font-size:18px; font-weight:bold; color:{BAD if r.apologies.missing else GOOD}"
        )
        self.cards["satisfied_pct"].setText(
            words.fmt_pct(r.ratings.satisfied_pct) if r.ratings else self.tr("chưa có")
        )
        self.cards["wait_avg"].setText(self._duration(r.queue.wait_avg_s) if r.queue else self.tr("chưa có"))
        self.cards["fees"].setText(words.fmt_vnd(r.payments.total_vnd) if r.payments else self.tr("chưa có"))

        self._table(
            "dossiers", [self.tr("Chỉ tiêu"), self.tr("Số lượng"), self.tr("Tỷ lệ")], words.dossier_rows(r)
        )
        with_apology = r.late_with_apology
        without = r.late_without_apology
        rows = self._register_rows(with_apology + without)
        for row in rows[len(with_apology) :]:
            row[5] = self.tr("CHƯA CÓ — cần lập phiếu xin lỗi")
        self._table(
            "register",
            words.REGISTER_HEADER,
            rows,
            flagged=range(len(with_apology), len(rows)),
            empty=self.tr("Không có hồ sơ quá hạn trong kỳ."),
        )

        self._section_or_absent(
            "ratings",
            r,
            lambda: self._table(
                "ratings",
                [self.tr("Mức đánh giá"), self.tr("Số lượt"), self.tr("Tỷ lệ")],
                words.rating_level_rows(r),
            ),
        )
        self._section_or_absent(
            "groups",
            r,
            lambda: self._table(
                "groups",
                [
                    self.tr("Nhóm tiêu chí"),
                    self.tr("Câu trả lời"),
                    self.tr("Hài lòng"),
                    self.tr("Tỷ lệ"),
                    self.tr("Chỉ tiêu", "target percentage"),
                    self.tr("Kết quả"),
                ],
                words.group_rows(r),
                flagged=[i for i, g in enumerate(r.ratings.by_group.values()) if g.meets_target is False]
                if r.ratings
                else (),
            ),
            source="ratings",
        )
        self._section_or_absent(
            "clerks",
            r,
            lambda: self._table(
                "clerks",
                [self.tr("Cán bộ"), self.tr("Số lượt"), self.tr("Hài lòng"), self.tr("Tỷ lệ")],
                [
                    [
                        b.label,
                        words.fmt_int(b.rated),
                        words.fmt_int(b.satisfied),
                        words.fmt_pct(b.satisfied_pct),
                    ]
                    for b in (r.ratings.by_clerk if r.ratings else [])
                ],
                empty=self.tr("Chưa có lượt đánh giá nào."),
            ),
            source="ratings",
        )
        self._section_or_absent(
            "fields",
            r,
            lambda: self._table(
                "fields",
                [self.tr("Lĩnh vực"), self.tr("Số lượt"), self.tr("Hài lòng"), self.tr("Tỷ lệ")],
                [
                    [
                        b.label,
                        words.fmt_int(b.rated),
                        words.fmt_int(b.satisfied),
                        words.fmt_pct(b.satisfied_pct),
                    ]
                    for b in (r.ratings.by_field if r.ratings else [])
                ],
                empty=self.tr("Chưa có lượt đánh giá nào."),
            ),
            source="ratings",
        )
        self._section_or_absent(
            "queue", r, lambda: self._table("queue", words.QUEUE_HEADER, self._queue_rows(r))
        )
        self._section_or_absent(
            "payments",
            r,
            lambda: self._table(
                "payments",
                [self.tr("Hình thức nộp"), self.tr("Số lượt"), self.tr("Số tiền")],
                words.payment_rows(r),
            ),
        )
        self._section_or_absent(
            "feedback",
            r,
            lambda: self._table(
                "feedback", [self.tr("Chỉ tiêu"), self.tr("Số lượng")], words.feedback_rows(r)
            ),
        )

        self._trend_chart(r)
        self._sipas_chart(r)
        self._wait_chart(r)

    def _section_or_absent(
        self, key: str, r: MonthlyReport, fill: Callable[[], None], source: str = ""
    ) -> None:
        present = getattr(r, source or key) is not None
        note, table = self.notes[key], self.tables[key]
        if present:
            note.hide()
            table.show()
            fill()
        else:
            note.setText(self._absent(r, source or key))
            note.setStyleSheet(f"color:{BAD}; font-weight:bold")
            note.show()
            table.hide()

    def _table(
        self,
        key: str,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        flagged: Any = (),
        empty: str = "",
    ) -> None:
        table, note = self.tables[key], self.notes[key]
        if not rows and empty:
            note.setText(empty)
            note.setStyleSheet("color:#52606d")
            note.show()
            table.hide()
            return
        note.hide()
        table.show()
        table.clear()
        table.setColumnCount(len(header))
        table.setHorizontalHeaderLabels([self._label(h) for h in header])
        table.setRowCount(len(rows))
        marked = set(flagged)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if j == 0 or (key == "groups" and j == len(row) - 1):  # row labels and the SIPAS verdict
                    value = self._label(str(value))
                item = QTableWidgetItem(str(value).strip() if j == 0 else str(value))
                if j == 0 and str(value).startswith(" "):
                    item.setText("    " + str(value).strip())
                if j > 0 and key not in ("register",):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if i in marked:
                    item.setBackground(QBrush(QColor(FLAG)))
                    item.setForeground(QBrush(QColor(BAD)))
                table.setItem(i, j, item)
        hh = table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(0 if key != "register" else 2, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        height = hh.height() + sum(table.rowHeight(i) for i in range(table.rowCount())) + 4
        table.setFixedHeight(max(height, hh.height() + 4))

    # --- charts ---------------------------------------------------------------------------------------------

    def _new_chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        # Decimal comma in value labels ("66,7%"), as everywhere else in the window.
        chart.setLocalizeNumbers(True)
        chart.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        chart.legend().setVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        return chart

    @staticmethod
    def _small_labels(*axes: Any) -> None:
        font = QFont()
        font.setPointSizeF(7.5)
        for axis in axes:
            axis.setLabelsFont(font)

    def _trend_chart(self, r: MonthlyReport) -> None:
        chart = self._new_chart(self.tr("Tỷ lệ đúng hạn {n} tháng gần nhất").format(n=len(r.trend)))
        series = QLineSeries()
        series.setPointsVisible(True)
        series.setPointLabelsVisible(True)
        series.setPointLabelsFormat("@yPoint%")
        series.setPen(QPen(QColor(ACCENT), 2))
        for i, t in enumerate(r.trend):
            if t.on_time_pct is not None:
                series.append(i, t.on_time_pct)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append([Month.parse(t.month).short_label for t in r.trend])
        y = QValueAxis()
        y.setRange(0, 100)
        y.setLabelFormat("%.0f%")  # localized numbers: printf-like, "%" taken literally
        self._small_labels(x, y)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        self.trend_view.setChart(chart)

    def _sipas_chart(self, r: MonthlyReport) -> None:
        chart = self._new_chart(self.tr("Hài lòng theo nhóm SIPAS so với chỉ tiêu"))
        x = QBarCategoryAxis()
        y = QValueAxis()
        y.setRange(0, 100)
        y.setLabelFormat("%.0f%")  # localized numbers: printf-like, "%" taken literally
        self._small_labels(x, y)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        if r.ratings is None:
            chart.setTitle(self.tr("Hài lòng theo nhóm SIPAS: chưa có số liệu"))
            self.sipas_view.setChart(chart)
            return
        groups = list(r.ratings.by_group.values())
        x.append([self.tr(SIPAS_TICKS[g.key]) if g.key in SIPAS_TICKS else g.key for g in groups])
        bars = QBarSet(self.tr("Tỷ lệ hài lòng"))
        for g in groups:
            bars.append(g.satisfied_pct or 0.0)
        for i, g in enumerate(groups):
            if g.meets_target is not None:
                bars.setBarSelected(i, not g.meets_target)
        bars.setColor(QColor(GOOD))
        bars.setSelectedColor(QColor(BAD))
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        chart.addSeries(series)
        series.attachAxis(x)
        series.attachAxis(y)
        pen = QPen(QColor("#1f2933"), 2, Qt.PenStyle.DashLine)
        for i, g in enumerate(groups):  # target: a dashed line across the bar
            line = QLineSeries()
            line.append(i - 0.4, g.target_pct)
            line.append(i + 0.4, g.target_pct)
            line.setPen(pen)
            chart.addSeries(line)
            line.attachAxis(x)
            line.attachAxis(y)
        self.sipas_view.setChart(chart)

    def _wait_chart(self, r: MonthlyReport) -> None:
        chart = self._new_chart(self.tr("Phân bố thời gian chờ (phút)"))
        x = QBarCategoryAxis()
        y = QValueAxis()
        y.setLabelFormat("%.0f")
        self._small_labels(x, y)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        if r.queue is None:
            chart.setTitle(self.tr("Thời gian chờ: chưa có số liệu"))
            self.wait_view.setChart(chart)
            return
        # The last bin is "từ 60" (60 minutes and more).
        x.append(
            [
                self.tr("từ {n}").format(n=b[3:]) if b.startswith("từ ") else b
                for b, _ in r.queue.wait_histogram
            ]
        )
        counts = QBarSet(self.tr("Số lượt"))
        for _, n in r.queue.wait_histogram:
            counts.append(n)
        counts.setColor(QColor("#3b8bc9"))
        series = QBarSeries()
        series.append(counts)
        series.setBarWidth(0.9)
        chart.addSeries(series)
        top = max([n for _, n in r.queue.wait_histogram] + [1])
        y.setRange(0, top)
        y.setTickCount(min(top, 5) + 1)
        series.attachAxis(x)
        series.attachAxis(y)
        self.wait_view.setChart(chart)

    # --- export ---------------------------------------------------------------------------------------------

    def _ask_pdf(self) -> None:
        if self.report is None:
            return
        name = f"bao-cao-{self.report.month}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Lưu báo cáo PDF"), str(self._default_dir() / name), "PDF (*.pdf)"
        )
        if path:
            self.export_pdf(path)

    def _ask_csv(self) -> None:
        if self.report is None:
            return
        name = f"bao-cao-{self.report.month}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Lưu số liệu CSV"), str(self._default_dir() / name), "CSV (*.csv)"
        )
        if path:
            self.export_csv(path)

    def _default_dir(self) -> Path:
        return Path(self.reports.ctx.data_dir) / "reports"

    def export_pdf(self, path: str) -> None:
        assert self.report is not None
        self._export(export_pdf, self.reports.ctx.config, self.report, path)

    def export_csv(self, path: str) -> None:
        assert self.report is not None
        self._export(export_csv, self.report, path)

    def _export(self, fn: Callable[..., str], *args: Any) -> None:
        self.busy += 1
        self._set_buttons()
        self._set_state(lambda: self.tr("Đang ghi tệp…"))

        def done(path: str) -> None:
            self.busy -= 1
            self._set_buttons()
            self._set_state(lambda: self.tr("Đã lưu {p}").format(p=path))
            self.exported.emit(path)

        start_job(self, fn, *args, on_done=done, on_error=self._fail)
