"""Fills the "Chỉ số 766" tab (ui/clerk/index766_view.py): the month's indicators and the month before,
computed off the GUI thread by counter_app/services/index766.py; selecting an indicator lists the
dossiers that pull it down, and opening one shows its detail (ui/clerk/dialogs.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from contract import index766 as ix
from counter_app.services.dossier_view import DossierView
from counter_app.services.index766 import IndexReport, IndexService
from counter_app.services.payments import PaymentStatus
from counter_app.services.report_document import fmt_pct
from counter_app.services.report_model import Month
from ui.clerk.common import error_text, replace_dialog, start_job
from ui.clerk.dialogs import DossierDetailDialog
from ui.clerk.index766_view import BAD, GOOD, Index766View
from ui.clerk.services import ClerkServices
from ui.i18n import QT_TRANSLATE_NOOP

ROLES = ("supervisor", "admin")
_CTX = "Index766Controller"
# contract/index766.py's names and groups, listed for lupdate (shown through translate(_CTX, …));
# tests/test_index766_tab.py checks that the list still matches the contract.
NAMES = {
    ix.ON_TIME: QT_TRANSLATE_NOOP(_CTX, "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn"),
    ix.DIGITISED_INTAKE: QT_TRANSLATE_NOOP(_CTX, "Tỷ lệ số hóa hồ sơ khi tiếp nhận"),
    ix.DIGITISED_RESULT: QT_TRANSLATE_NOOP(_CTX, "Tỷ lệ số hóa kết quả giải quyết thủ tục hành chính"),
    ix.REUSE: QT_TRANSLATE_NOOP(_CTX, "Tỷ lệ khai thác, sử dụng lại giấy tờ đã số hóa"),
    ix.ONLINE_INTAKE: QT_TRANSLATE_NOOP(_CTX, "Tỷ lệ hồ sơ tiếp nhận trực tuyến"),
    ix.CASHLESS: QT_TRANSLATE_NOOP(_CTX, "Tỷ lệ thanh toán trực tuyến, không dùng tiền mặt"),
    ix.SATISFACTION: QT_TRANSLATE_NOOP(_CTX, "Tỷ lệ hài lòng trong tiếp nhận, giải quyết thủ tục hành chính"),
}
GROUPS = {
    ix.GROUP_DISCLOSURE: QT_TRANSLATE_NOOP(_CTX, "Công khai, minh bạch"),
    ix.GROUP_PROGRESS: QT_TRANSLATE_NOOP(_CTX, "Tiến độ, kết quả giải quyết"),
    ix.GROUP_DIGITISATION: QT_TRANSLATE_NOOP(_CTX, "Số hóa hồ sơ"),
    ix.GROUP_ONLINE: QT_TRANSLATE_NOOP(_CTX, "Cung cấp dịch vụ trực tuyến"),
    ix.GROUP_SATISFACTION: QT_TRANSLATE_NOOP(_CTX, "Mức độ hài lòng"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


class Index766Controller(QObject):
    loaded = Signal(object)  # (this month, previous month) shown
    failed = Signal(str)
    dossier_opened = Signal(str)  # the code whose detail was shown

    def __init__(self, view: Index766View, services: ClerkServices, parent: QObject | None = None) -> None:
        super().__init__(parent or view)
        self.view, self.services = view, services
        self.index: IndexService = services.index766
        self.reports: tuple[IndexReport, IndexReport] | None = None
        self.busy = 0
        self.dialog: DossierDetailDialog | None = None
        self._state: Callable[[], str] | None = None
        now = services.ctx.now().date()
        view.set_month_range(QDate(now.year, now.month, 1))
        view.month_edit.setDate(QDate(now.year, now.month, 1))
        view.month_changed.connect(self.refresh)
        view.refresh_requested.connect(self.refresh)
        view.table.itemSelectionChanged.connect(self._show_selected)
        view.codes.open_requested.connect(self.open_dossier)
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # Computed when the tab is first shown, not at login: most sessions never look at it.
        if event.type() == QEvent.Type.Show and self.reports is None and self.busy == 0:
            self.refresh()
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    # --- loading ------------------------------------------------------------------------------------------

    def selected_month(self) -> Month:
        d = self.view.month_edit.date()
        return Month(d.year(), d.month())

    def refresh(self) -> None:
        month = self.selected_month()
        self.busy += 1
        self._set_state(lambda: self.tr("Đang tính chỉ số tháng {m}…").format(m=month.short_label), None)
        start_job(self.view, self.index.with_previous, month, on_done=self._show, on_error=self._fail)

    def _show(self, result: tuple[IndexReport, IndexReport]) -> None:
        self.busy -= 1
        if result[0].month != str(self.selected_month()):
            return  # another month was picked meanwhile; its own job will land
        self.reports = result
        self.fill()
        m = Month.parse(result[0].month)
        if result[0].as_of >= m.end:
            self._set_state(lambda: self.tr("Số liệu cả tháng {m}").format(m=m.short_label), None)
        else:
            at = result[0].as_of.strftime("%H:%M %d/%m/%Y")
            self._set_state(lambda: self.tr("Số liệu tháng {m} đến {t}").format(m=m.short_label, t=at), None)
        self.loaded.emit(result)

    def _fail(self, exc: BaseException) -> None:
        self.busy -= 1
        message = error_text(exc)
        self._set_state(lambda: message, BAD)
        self.failed.emit(message)

    def _set_state(self, text: Callable[[], str], color: str | None) -> None:
        self._state = text
        self.view.state_label.setText(text())
        self.view.state_label.setStyleSheet(f"color:{color}" if color else "")

    def retranslate(self) -> None:
        self.view.retranslate()
        if self._state is not None:
            self.view.state_label.setText(self._state())
        if self.reports is not None:
            self.fill()

    # --- filling ------------------------------------------------------------------------------------------

    def fill(self) -> None:
        assert self.reports is not None
        now, before = self.reports
        table = self.view.table
        keep = max(self.view.selected_row(), 0)
        table.setRowCount(len(now.indicators))
        self.view.set_month_headers(Month.parse(now.month).short_label, Month.parse(before.month).short_label)
        for row, v in enumerate(now.indicators):
            prev = before.value(v["key"])
            target = now.targets.get(v["key"])
            cells = [
                _tr(NAMES.get(v["key"], v["name"])),
                _tr(GROUPS.get(v["group"], v["group"])),
                fmt_pct(v["value_pct"]),
                fmt_pct(prev["value_pct"]),
                "—" if target is None else f"{target}%",
                f"{v['numerator']}/{v['denominator']}",
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 2 and target is not None and v["value_pct"] is not None:
                    item.setForeground(QBrush(QColor(GOOD if v["value_pct"] >= target else BAD)))
                table.setItem(row, col, item)
        table.selectRow(min(keep, table.rowCount() - 1))
        self._show_selected()

    def _show_selected(self) -> None:
        if self.reports is None:
            return
        row = self.view.selected_row()
        view = self.view
        if row < 0 or row >= len(self.reports[0].indicators):
            view.codes.clear()
            return
        v = self.reports[0].indicators[row]
        view.detail_title.setText(_tr(NAMES.get(v["key"], v["name"])))
        formula = self.tr("Công thức: {f}").format(f=v["formula"])
        if not v["official"]:
            formula += " " + self.tr(
                "(Chưa tìm thấy công thức trong văn bản chính thức: đây là cách tính của phần mềm, "
                "xem docs/index-766.md.)"
            )
        view.formula.setText(formula)
        view.source.setText(self.tr("Nguồn: {s}").format(s=v["source"]))
        view.codes.clear()
        view.codes.addItems(v["below"])
        view.codes_caption.setText(
            self.tr("Hồ sơ kéo chỉ số xuống: {n}").format(n=len(v["below"]))
            if v["below"]
            else self.tr("Không có hồ sơ nào kéo chỉ số này xuống.")
        )
        if v["below"]:
            view.codes.setCurrentRow(0)

    # --- opening a dossier --------------------------------------------------------------------------------

    def open_dossier(self, code: str) -> None:
        start_job(
            self.view,
            self.services.dossier_now,
            code,
            on_done=lambda r: self._show_detail(*r),
            on_error=self._fail,
        )

    def _show_detail(self, dossier: DossierView, pay: PaymentStatus) -> None:
        window: QWidget = self.view.window()
        dialog = DossierDetailDialog(dossier, window, payment=pay)
        replace_dialog(self.dialog, dialog)
        self.dialog = dialog
        dialog.open()
        self.dossier_opened.emit(dossier.code)
