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
    QChartView,
)
from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QPainter, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.config import Config
from counter_app.services import report_document as words
from counter_app.services.reports import Month, MonthlyReport, RegisterEntry, ReportService, write_csv
from ui.clerk import report_charts, report_tables
from ui.clerk.common import error_text, start_job
from ui.clerk.report_charts import ACCENT, BAD, GOOD

ROLES = ("supervisor", "admin")


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
        return report_tables.label(text)

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

        self.trend_view.setChart(report_charts.trend_chart(r))
        self.sipas_view.setChart(report_charts.sipas_chart(r))
        self.wait_view.setChart(report_charts.wait_chart(r))

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
        report_tables.fill(self.tables[key], self.notes[key], key, header, rows, flagged, empty)

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
