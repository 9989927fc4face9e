"""Board behaviour: loads the tabs off the GUI thread, searches, runs the selected dossier's actions.

Extension point for other helpers: `add_dossier_action(key, title_fn, handler, enabled_fn=None)` adds a
button under the status actions (e.g. the forms helper's "reprint form"); it gets the selected
`DossierView`. `status_changed(code, status)` fires after every successful status change, and
`decision_recorded(form, code)` after a supplement request, a rejection or an apology was recorded (the
forms feature prints Mẫu 02, 03 or 04 on it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton

from counter_app.domain import lifecycle as lc
from counter_app.domain.cccd import parse_cccd_qr
from counter_app.domain.dossier_code import extract_code
from counter_app.services.board import (
    ACTION_APOLOGY,
    NEEDS_REASON,
    TABS,
    BoardSnapshot,
    actions_for,
)
from counter_app.services.dossier_view import DossierView
from counter_app.services.payments import PaymentStatus
from counter_app.services.users import UserInfo
from counter_app.storage_errors import OFFICE_DOWN
from ui.clerk.board_view import TAB_SEARCH, BoardView
from ui.clerk.common import (
    core_message,
    error_text,
    format_amount,
    format_vnd,
    payment_label,
    replace_dialog,
    start_job,
    status_label,
)
from ui.clerk.dialogs import ConfirmDialog, DossierDetailDialog, ReasonDialog
from ui.clerk.services import ClerkServices
from ui.live import follow

REFRESH_MS = 60_000
SEARCH_DELAY_MS = 300
# The form that records each decision taken on the board (what `decision_recorded` names).
DECISION_FORMS = {
    lc.SUPPLEMENT: "supplement",
    lc.REJECTED: "rejection",
    ACTION_APOLOGY: "apology",
    lc.STOPPED: "stop",
}


@dataclass
class ExtraAction:
    key: str
    title_fn: Callable[[], str]
    handler: Callable[[DossierView], None]
    enabled_fn: Callable[[DossierView], bool] | None
    button: QPushButton
    why_not_fn: Callable[[DossierView], str] | None = None


class BoardController(QObject):
    status_changed = Signal(str, str)  # code, new status
    decision_recorded = Signal(str, str)  # form ("supplement" | "rejection" | "apology"), code
    loaded = Signal()  # a snapshot was rendered
    searched = Signal(int)  # number of results shown

    def __init__(self, view: BoardView, services: ClerkServices, user: UserInfo) -> None:
        super().__init__(view)
        self.view, self.services, self.user = view, services, user
        self.snapshot: BoardSnapshot | None = None
        self.extra: dict[str, ExtraAction] = {}
        self.dialog: Any = None  # the reason / confirm / detail dialog last opened (tests close it)
        self.busy = False
        self._load_ticket = 0
        self._search_ticket = 0
        self._shown_query = ""  # the query whose results the search tab shows
        self._not_found = ""  # the last "Không tìm thấy …" shown, cleared by the next search that finds

        v = view
        v.refresh_button.clicked.connect(self.refresh)
        v.search.returnPressed.connect(lambda: self.search(open_single_code=True))
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(lambda: self.search(open_single_code=False))
        v.search.textEdited.connect(lambda _t: self.search_timer.start())
        v.selection_changed.connect(self.update_actions)
        v.activated.connect(self.open_detail)
        v.retranslated.connect(self.retranslate)
        v.detail_button.clicked.connect(self._detail_clicked)
        for key, button in v.action_buttons.items():
            button.clicked.connect(lambda _c=False, k=key: self.run_action(k))
        v.scope_changed.connect(self.refresh)
        for seq, slot in (("F5", self.refresh), ("Ctrl+F", self.focus_search), ("Ctrl+M", v.toggle_scope)):
            sc = QShortcut(QKeySequence(seq), v)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        # Another PC received, moved or was paid for a dossier: the board follows within a moment (a
        # burst of changes makes one snapshot).
        follow(self, services.live, ("dossier", "payment"), self.refresh, coalesce_ms=250)
        self.retranslate()

    # --- extension point --------------------------------------------------------------------------

    def add_dossier_action(
        self,
        key: str,
        title_fn: Callable[[], str],
        handler: Callable[[DossierView], None],
        enabled_fn: Callable[[DossierView], bool] | None = None,
        why_not_fn: Callable[[DossierView], str] | None = None,
    ) -> QPushButton:
        """Add a per-dossier button (title re-read on language change; enabled per selected dossier;
        `why_not_fn` gives the tooltip saying why it is disabled)."""
        button = self.view.add_extra_button(key)
        action = ExtraAction(key, title_fn, handler, enabled_fn, button, why_not_fn)
        button.clicked.connect(lambda _c=False, a=action: self._run_extra(a))
        self.extra[key] = action
        button.setText(title_fn())
        self.update_actions()
        return button

    def _run_extra(self, action: ExtraAction) -> None:
        view = self.view.current_view()
        if view is not None:
            action.handler(view)

    # --- loading ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._load_ticket += 1
        ticket = self._load_ticket
        # "Mine": received by this clerk, or received or handled at this PC's counter (any counter serves
        # any dossier in an office sharing one database).
        mine = (
            {"clerk": self.user.username, "counter": self.services.ctx.counter_number}
            if self.view.mine()
            else {}
        )
        start_job(
            self,
            self.services.board.snapshot,
            **mine,
            on_done=lambda s: self._render(s, ticket),
            on_error=self._show_error,
        )

    def _render(self, snapshot: BoardSnapshot, ticket: int) -> None:
        if ticket != self._load_ticket:
            return
        self.snapshot = snapshot
        if OFFICE_DOWN in self.view.action_message.text():
            self.view.action_message.clear()  # the office server answered again: that is over
        for key in TABS:
            self.view.set_rows(key, snapshot.tab(key), snapshot.urgency, snapshot.paid, snapshot.total(key))
        if self.view.counts[TAB_SEARCH] is not None and self._shown_query:
            # The search tab's rows are re-read too, even if the box was emptied since they were found.
            self._find(self._shown_query, open_single_code=False)
        self.view.set_updated(snapshot.at)
        self.update_actions()
        self.loaded.emit()

    def focus_search(self) -> None:
        self.view.search.setFocus()
        self.view.search.selectAll()

    def search(self, *, open_single_code: bool) -> None:
        self.search_timer.stop()
        query = self.view.search.text().strip()
        card = parse_cccd_qr(query) if "|" in query else None
        if card is not None:  # a citizen's ID card scanned into the search: their dossiers
            query = card.id_number
        if len(query) < 2:
            return
        self._find(query, open_single_code=open_single_code)

    def _find(self, query: str, *, open_single_code: bool) -> None:
        self._search_ticket += 1
        ticket = self._search_ticket
        start_job(
            self,
            self.services.board.find,
            query,
            on_done=lambda found: self._found(found[0], found[1], ticket, query, open_single_code),
            on_error=self._show_error,
        )

    def _found(
        self, rows: list[DossierView], paid: dict[str, int], ticket: int, query: str, open_single_code: bool
    ) -> None:
        if ticket != self._search_ticket:
            return
        self._shown_query = query
        snap = self.snapshot
        self.view.set_rows(TAB_SEARCH, rows, snap.urgency if snap else (lambda _v: ""), paid)
        self.view.show_tab(TAB_SEARCH)
        self.searched.emit(len(rows))
        if open_single_code and len(rows) == 1 and extract_code(query):
            # A scanned receipt QR (URL or bare code): straight to the dossier.
            self.view.search.clear()
            self.open_detail(rows[0])
        elif not rows:
            self._not_found = self.tr("Không tìm thấy hồ sơ nào khớp với '{q}'.").format(q=query)
            self.view.action_message.setText(self._not_found)
        if rows and self._not_found and self.view.action_message.text() == self._not_found:
            self.view.action_message.clear()  # that answer was about an earlier search

    # --- actions ----------------------------------------------------------------------------------

    def update_actions(self) -> None:
        v = self.view
        view = v.current_view()
        at = self.snapshot.at if self.snapshot else self.services.ctx.now()
        if view is None:
            v.selected.setText(self.tr("Chọn một hồ sơ trong danh sách."))
        else:
            v.selected.setText(
                f"<b>{view.code}</b><br>{view.full_name}<br>{status_label(view.status)}<br>"
                + self.fee_line(view, v.current_payment())
            )
        v.detail_button.setEnabled(view is not None)
        states = {s.key: s for s in actions_for(view, at)} if view else {}
        for key, button in v.action_buttons.items():
            state = states.get(key)
            button.setEnabled(bool(state and state.enabled) and not self.busy)
            button.setToolTip(core_message(state.why_not) if state and not state.enabled else "")
        if view is not None and view.status == lc.SUPPLEMENT:
            v.action_buttons[lc.PROCESSING].setText(self.tr("Tiếp tục xử lý (đã bổ sung)"))
        else:
            v.action_buttons[lc.PROCESSING].setText(self.tr("Chuyển &xử lý"))
        for action in self.extra.values():
            ok = view is not None and (action.enabled_fn is None or action.enabled_fn(view))
            action.button.setEnabled(ok)
            why = action.why_not_fn(view) if view is not None and not ok and action.why_not_fn else ""
            action.button.setToolTip(why)

    def fee_line(self, view: DossierView, pay: PaymentStatus | None) -> str:
        """'Phí, lệ phí: 10.000 đồng — Chưa nộp' (red while something is due)."""
        if pay is None or pay.fee_vnd == 0:
            return self.tr("Phí, lệ phí: {fee}").format(fee=format_vnd(0))
        label = payment_label(pay, view.status)
        if pay.due_vnd and view.status != lc.REJECTED:
            label = f"<span style='color:#c62828'>{label}</span>"
        return self.tr("Phí, lệ phí: {fee} — {state}").format(fee=format_amount(pay.fee_vnd), state=label)

    def run_action(self, key: str) -> None:
        view = self.view.current_view()
        if view is None or self.busy:
            return
        if key == ACTION_APOLOGY:
            # The suggested new due time: one more working day from now (computed off the GUI thread).
            start_job(
                self,
                lambda: self.services.calendar.due(self.services.ctx.now(), 1),
                on_done=lambda due: self._ask_reason(key, view, due),
                on_error=self._show_error,
            )
        elif key in NEEDS_REASON:
            self._ask_reason(key, view, None)
        elif key == lc.RETURNED:
            text = self.tr(
                "Trả kết quả hồ sơ {code} cho {name}?\nHãy kiểm tra giấy tờ tùy thân của người nhận."
            ).format(code=view.code, name=view.full_name)
            pay = self.view.current_payment()
            if pay is not None and pay.due_vnd:
                text += "\n\n" + self.tr(
                    'Lưu ý: hồ sơ còn phải nộp {due} phí, lệ phí (nút "Thu phí, lệ phí…").'
                ).format(due=format_amount(pay.due_vnd))
            dialog = ConfirmDialog(
                self.tr("Trả kết quả"), text, self.tr("&Đã trả"), self.tr("&Hủy"), self.view.window()
            )
            dialog.accepted.connect(lambda: self._change(view.code, key, None, None))
            replace_dialog(self.dialog, dialog)
            self.dialog = dialog
            dialog.open()
        else:
            self._change(view.code, key, None, None)

    def _ask_reason(self, key: str, view: DossierView, due: datetime | None) -> None:
        dialog = ReasonDialog(key, view, self.view.window(), suggested_due=due)
        dialog.accepted.connect(lambda: self._reason_given(key, view, dialog.values()))
        replace_dialog(self.dialog, dialog)
        self.dialog = dialog
        dialog.open()

    def _reason_given(self, key: str, view: DossierView, values: dict[str, Any]) -> None:
        if key == ACTION_APOLOGY:
            self._set_busy(True)
            start_job(
                self,
                self.services.dossiers.apologize,
                view.code,
                values["new_due"],
                values["reason"],
                actor=self.user.username,
                on_done=lambda v: self._changed(v, "apology"),
                on_error=self._failed,
            )
            return
        data = {"items": values["items"]} if values.get("items") else None
        self._change(view.code, key, values["reason"], data)

    def _change(self, code: str, target: str, note: str | None, data: dict[str, Any] | None) -> None:
        self._set_busy(True)
        start_job(
            self,
            self.services.dossiers.change_status,
            code,
            target,
            actor=self.user.username,
            note=note,
            data=data,
            on_done=lambda v: self._changed(v, target),
            on_error=self._failed,
        )

    def _changed(self, view: DossierView, what: str) -> None:
        self._set_busy(False)
        self.view.action_message.setText(
            self.tr("Đã cập nhật hồ sơ {code}: {status}.").format(
                code=view.code, status=status_label(view.status)
            )
        )
        if what != "apology":
            self.status_changed.emit(view.code, view.status)
        if what in DECISION_FORMS:
            self.decision_recorded.emit(DECISION_FORMS[what], view.code)
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show_error(exc)
        self.refresh()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.update_actions()

    def _show_error(self, exc: BaseException) -> None:
        self.view.action_message.setText(f"<span style='color:#c62828'>{error_text(exc)}</span>")

    # --- detail -----------------------------------------------------------------------------------

    def _detail_clicked(self) -> None:
        view = self.view.current_view()
        if view is not None:
            self.open_detail(view)

    def open_detail(self, view: DossierView) -> None:
        # The row may be a minute old: show the dossier as it is now, history and payments included.
        start_job(
            self,
            self.services.dossier_now,
            view.code,
            on_done=lambda r: self._show_detail(*r),
            on_error=self._show_error,
        )

    def _show_detail(self, view: DossierView, pay: PaymentStatus | None = None) -> None:
        dialog = DossierDetailDialog(view, self.view.window(), payment=pay)
        replace_dialog(self.dialog, dialog)
        self.dialog = dialog
        dialog.open()

    def retranslate(self) -> None:
        self.update_actions()
        texts = {
            lc.READY: self.tr("Đã có &kết quả"),
            lc.RETURNED: self.tr("T&rả kết quả cho công dân"),
            lc.SUPPLEMENT: self.tr("Yêu cầu &bổ sung…"),
            lc.REJECTED: self.tr("Từ &chối…"),
            ACTION_APOLOGY: self.tr("Xin lỗi, &hẹn lại…"),
            lc.STOPPED: self.tr("&Dừng giải quyết…"),
        }
        for key, text in texts.items():
            self.view.action_buttons[key].setText(text)
        for action in self.extra.values():
            action.button.setText(action.title_fn())
        self.view.set_updated(self.snapshot.at if self.snapshot else None)
