"""Intake behaviour: procedure search, live validation, CCCD scan, due time, saving off the GUI thread.

Hooks: the `saved(receipt)` signal fires once per saved dossier (the forms feature prints the receipt
on it, in jobs), then `IntakeController.after_save(receipt)` runs: it shows the summary dialog (code,
due time, fee) for the clerk to read out, and the form is reset. `last_saved` holds what the form said.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.cccd import CccdCard, parse_cccd_qr
from counter_app.domain.intake_form import field_error, parse_birth_date
from counter_app.errors import AppError, ValidationError
from counter_app.services.catalog import ProcedureInfo
from counter_app.services.intake import Receipt
from counter_app.services.procedure_search import ProcedureIndex
from counter_app.services.users import UserInfo
from ui.clerk.common import core_message, error_text, format_due, format_vnd, replace_dialog, start_job
from ui.clerk.intake_view import APPLICANT_FIELDS, IntakeView
from ui.clerk.services import ClerkServices

REQUIRED_FIELDS = ("full_name", "id_number", "phone", "address")
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# The end of what was typed looks like a card: 12 digits, then at least 5 more '|'-separated fields.
_CARD_TAIL = re.compile(r"\d{12}(\|[^|]*){5,}$")


@dataclass(frozen=True)
class SavedIntake:
    receipt: Receipt
    procedure: ProcedureInfo
    applicant: dict[str, Any]


class ScanCatcher(QObject):
    """Keyboard filter on every intake field: recognises a CCCD QR typed by a USB scanner, moves on Enter.

    A scanner types the card string and Enter into whatever field has focus, possibly after something
    the clerk had started typing there. We keep our own copy of what was typed since the last
    Enter/Tab (a checkbox or spin box would have swallowed the characters) and, at each digit, the
    form as it was before it; on Enter, a CCCD string at the end puts the form back as it was before
    the string began and fills the applicant instead.
    """

    def __init__(self, controller: IntakeController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.buffer = ""
        self.before: dict[int, dict[str, Any]] = {}  # buffer position of a digit → form before it

    def watch(self, widgets: list[QWidget]) -> None:
        for w in widgets:
            w.removeEventFilter(self)
            w.installEventFilter(self)

    def reset(self) -> None:
        self.buffer, self.before = "", {}

    def scanned(self) -> tuple[CccdCard, dict[str, Any] | None] | None:
        m = _CARD_TAIL.search(self.buffer)
        if m is None:
            return None
        card = parse_cccd_qr(m.group(0))
        return (card, self.before.get(m.start())) if card is not None else None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        etype = event.type()
        if etype == QEvent.Type.FocusOut:
            self.reset()
            return False
        # Only the focused widget's own delivery counts: an ignored key is offered to the parents too.
        if (
            etype != QEvent.Type.KeyPress
            or not isinstance(obj, QWidget)
            or obj.window().focusWidget() is not obj
        ):
            return False
        assert isinstance(event, QKeyEvent)
        key, mods = event.key(), event.modifiers()
        if key in _ENTER:
            if mods & Qt.KeyboardModifier.ControlModifier:
                # Ctrl+Enter is also a window shortcut; this catches it when the shortcut did not fire
                # (e.g. right after a dialog closed, before the window is active again).
                self.reset()
                self.controller.save()
                return True
            found = self.scanned() if "|" in self.buffer else None
            self.reset()
            if found is not None:
                self.controller.apply_card(*found)
                return True
            return self.controller.enter_pressed(obj)
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Escape) and self.controller.search_key(
            obj, key
        ):
            self.reset()
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape):
            self.reset()
        elif key == Qt.Key.Key_Space and self.buffer and isinstance(obj, (QComboBox, QAbstractButton)):
            # Mid-scan, a space must not open a combo's list or tick a box: keep it, swallow it.
            self.buffer += " "
            return True
        elif key == Qt.Key.Key_Backspace:
            self.before.pop(len(self.buffer) - 1, None)
            self.buffer = self.buffer[:-1]
        elif event.text() and event.text().isprintable():
            if event.text().isdigit():
                self.before[len(self.buffer)] = self.controller.snapshot()
            self.buffer += event.text()
        return False


class ReceiptSummaryDialog(QDialog):
    """Until the receipt prints: what to tell the citizen, dismissed with Enter."""

    def __init__(
        self, saved: SavedIntake, parent: QWidget | None = None, *, can_collect: bool = False
    ) -> None:
        super().__init__(parent)
        self.saved = saved
        self.collect_chosen = False
        self.setObjectName("receipt_summary")
        self.heading = QLabel()
        self.code = QLabel(saved.receipt.code)
        self.code.setObjectName("code")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setStyleSheet("font-size: 20pt; font-weight: bold; color: #0d47a1;")
        self.labels = [QLabel() for _ in range(3)]
        self.values = [QLabel() for _ in range(3)]
        form = QFormLayout()
        for label, value in zip(self.labels, self.values, strict=True):
            value.setWordWrap(True)
            value.setMinimumWidth(500)  # with the minimum-size layout below: wide lines, right heights
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
        self.details = self.values[0]  # the procedure line (tests read the three through `details_text`)
        self.due = QLabel()
        self.due.setObjectName("due")
        self.due.setStyleSheet("font-size: 14pt; font-weight: bold; color: #b71c1c;")
        self.ok = QPushButton()
        self.ok.setDefault(True)
        self.ok.clicked.connect(self.accept)
        # The citizen usually pays at once: straight to the fee dialog (VietQR on screen, cash).
        self.collect = QPushButton()
        self.collect.setObjectName("collect")
        self.collect.setVisible(can_collect and saved.receipt.fee_vnd > 0)
        self.collect.clicked.connect(self._collect)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.collect)
        buttons.addWidget(self.ok)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # wrapped lines get their height
        layout.addWidget(self.heading)
        layout.addWidget(self.code)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.due)
        layout.addLayout(buttons)
        self.retranslate()

    def _collect(self) -> None:
        self.collect_chosen = True
        self.accept()

    def details_text(self) -> str:
        return "\n".join(f"{k.text()} {v.text()}" for k, v in zip(self.labels, self.values, strict=True))

    def retranslate(self) -> None:
        r, p, a = self.saved.receipt, self.saved.procedure, self.saved.applicant
        self.setWindowTitle(self.tr("Đã tiếp nhận hồ sơ"))
        self.heading.setText(self.tr("Đã tiếp nhận hồ sơ. Mã hồ sơ:"))
        texts = [
            (self.tr("Thủ tục:"), p.name),
            (
                self.tr("Người nộp:"),
                self.tr("{name} — CCCD {id}").format(name=a.get("full_name", ""), id=a.get("id_number", "")),
            ),
            (self.tr("Phí, lệ phí:"), format_vnd(r.fee_vnd)),
        ]
        for (k, v), (kt, vt) in zip(zip(self.labels, self.values, strict=True), texts, strict=True):
            k.setText(kt)
            v.setText(vt)
        self.due.setText(self.tr("Hẹn trả: {due}").format(due=format_due(r.due_at)))
        self.ok.setText(self.tr("Xong — tiếp công dân sau (Enter)"))
        self.collect.setText(self.tr("Thu &phí ngay…"))
        self.adjustSize()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class IntakeController(QObject):
    saved = Signal(object)  # Receipt, after the dossier is in the database
    collect_requested = Signal(str)  # dossier code: the clerk chose "Thu phí ngay" in the summary
    catalog_loaded = Signal(int)

    def __init__(self, view: IntakeView, services: ClerkServices, user: UserInfo) -> None:
        super().__init__(view)
        self.view, self.services, self.user = view, services, user
        self.index = ProcedureIndex([])
        self.procedure: ProcedureInfo | None = None
        self.due_at: datetime | None = None
        self.saving = False
        self.touched: set[str] = set()
        self.last_saved: SavedIntake | None = None
        self.request_id = uuid.uuid4().hex  # this form's idempotency key; a new one for each citizen
        self.summary_dialog: ReceiptSummaryDialog | None = None
        self.can_collect = False  # set by the payments feature when it listens to `collect_requested`
        self._due_request = 0
        self.catcher = ScanCatcher(self)

        v = view
        v.proc_search.textChanged.connect(self._filter)
        v.proc_list.itemActivated.connect(self._item_chosen)
        v.proc_list.itemClicked.connect(self._item_chosen)
        for name, edit in v.fields.items():
            edit.textEdited.connect(lambda _t, n=name: self._touch(n))
            edit.textChanged.connect(lambda _t, n=name: self._validate_field(n))
        v.delivery.currentIndexChanged.connect(self._delivery_changed)
        v.components.changed.connect(self._components_changed)
        v.retranslated.connect(self.retranslate)
        v.save_button.clicked.connect(self.save)
        v.clear_button.clicked.connect(self.reset)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(seq), v)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        self.due_timer = QTimer(self)
        self.due_timer.setInterval(60_000)  # the promised time moves with the clock
        self.due_timer.timeout.connect(self._refresh_due)
        self.due_timer.start()
        self._delivery_changed()
        self._rewire()
        self.retranslate()
        self.load_catalog()

    # --- catalog and picker -----------------------------------------------------------------------

    def load_catalog(self) -> None:
        start_job(
            self,
            self.services.catalog.list,
            on_done=self._catalog_ready,
            on_error=lambda e: self.view.form_message.show_message(error_text(e)),
        )

    def _catalog_ready(self, procedures: list[ProcedureInfo]) -> None:
        self.index = ProcedureIndex(procedures)
        self._filter(self.view.proc_search.text())
        self.catalog_loaded.emit(len(procedures))

    def _filter(self, text: str) -> None:
        lst = self.view.proc_list
        lst.clear()
        for p in self.index.search(text):
            item = QListWidgetItem(f"{p.name}  ·  {p.code}")
            item.setData(Qt.ItemDataRole.UserRole, p.code)
            item.setToolTip(f"{p.code} — {p.name} ({p.field})")
            lst.addItem(item)
        if lst.count():
            chosen = self.procedure.code if self.procedure else None
            rows = [lst.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lst.count())]
            lst.setCurrentRow(rows.index(chosen) if chosen in rows else 0)

    def _item_chosen(self, item: QListWidgetItem) -> None:
        self.pick(str(item.data(Qt.ItemDataRole.UserRole)))
        self.view.fields["full_name"].setFocus()

    def pick(self, code: str) -> None:
        p = self.index.get(code)
        if p is None:
            return
        self.procedure = p
        self.view.components.set_components(list(p.components))
        self._rewire()
        self._show_procedure()
        self.due_at = None
        self._refresh_due()

    def _show_procedure(self) -> None:
        p, v = self.procedure, self.view
        if p is None:
            v.proc_info.setText(self.tr("Chưa chọn thủ tục."))
            v.fee_label.setText(self.tr("Phí, lệ phí: —"))
            v.due_label.setText(self.tr("Hẹn trả: —"))
            return
        v.proc_info.setText(
            self.tr("Đã chọn: {name} ({code}) — {field}, {days} ngày làm việc").format(
                name=p.name, code=p.code, field=p.field, days=p.processing_days
            )
        )
        v.fee_label.setText(self.tr("Phí, lệ phí: {fee}").format(fee=format_vnd(p.fee_vnd)))
        v.due_label.setText(
            self.tr("Hẹn trả: {due}").format(due=format_due(self.due_at))
            if self.due_at
            else self.tr("Hẹn trả: …")
        )

    def _refresh_due(self) -> None:
        if self.procedure is None:
            return
        self._due_request += 1
        ticket, days = self._due_request, self.procedure.processing_days

        def compute() -> datetime:
            return self.services.calendar.due(self.services.ctx.now(), days)

        def done(due: datetime) -> None:
            if ticket == self._due_request:  # an older answer must not overwrite a newer procedure's
                self.due_at = due
                self._show_procedure()

        start_job(
            self, compute, on_done=done, on_error=lambda e: self.view.form_message.show_message(error_text(e))
        )

    # --- fields -----------------------------------------------------------------------------------

    def _touch(self, name: str) -> None:
        self.touched.add(name)
        self._validate_field(name)

    def _validate_field(self, name: str) -> str | None:
        if name == "post_address" and self.view.delivery.currentData() != "post":
            self.view.messages[name].show_message(None)
            return None
        value = self.view.fields[name].text()
        required = name in REQUIRED_FIELDS or name == "post_address"
        if not value.strip() and not required:
            message = None
        else:
            message = field_error(name, value, today=self.services.ctx.now().date())
        shown = message if (name in self.touched or value) else None
        self.view.messages[name].show_message(core_message(shown) if shown else None)
        return message

    def _delivery_changed(self) -> None:
        post = self.view.delivery.currentData() == "post"
        self.view.fields["post_address"].setEnabled(post)
        self._validate_field("post_address")

    def _components_changed(self) -> None:
        missing = self.view.components.missing_required()
        self.view.comp_message.show_message(
            self.tr("Thiếu giấy tờ bắt buộc: {names}").format(names="; ".join(missing)) if missing else None
        )

    def _rewire(self) -> None:
        self.view.apply_tab_order()
        self.catcher.watch(self.view.tab_chain())

    def search_key(self, obj: QObject, key: int) -> bool:
        """Up/Down in the search box move through the results; Esc empties the search."""
        v = self.view
        if obj is not v.proc_search:
            return False
        if key == Qt.Key.Key_Escape:
            if not v.proc_search.text():
                return False
            v.proc_search.clear()
            return True
        row = v.proc_list.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
        if 0 <= row < v.proc_list.count():
            v.proc_list.setCurrentRow(row)
        return True

    def enter_pressed(self, obj: QObject) -> bool:
        """Enter (not a scan): pick in the picker, otherwise move to the next field like Tab."""
        v = self.view
        if obj is v.proc_search or obj is v.proc_list:
            item = v.proc_list.currentItem()
            if item is not None:
                self._item_chosen(item)
            return True
        if isinstance(obj, (QPushButton,)):
            return False
        if isinstance(obj, (QLineEdit, QAbstractSpinBox, QComboBox)) or obj in v.components.focus_widgets():
            assert isinstance(obj, QWidget)
            obj.focusNextChild()
            return True
        return False

    # --- CCCD -------------------------------------------------------------------------------------

    def apply_card(self, card: CccdCard, before: dict[str, Any] | None) -> None:
        if before is not None:
            self.restore(before)
        f = self.view.fields
        f["full_name"].setText(card.full_name)
        f["id_number"].setText(card.id_number)
        f["address"].setText(card.address)
        f["birth_date"].setText(f"{card.birth_date:%d/%m/%Y}")
        for name in ("full_name", "id_number", "address", "birth_date"):
            self._touch(name)
        self.view.form_message.show_message(None)
        target = f["phone"] if not f["phone"].text() else self.view.save_button
        target.setFocus()

    # --- state (scan undo, tests) -----------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        v = self.view
        return {
            "search": v.proc_search.text(),
            "procedure": self.procedure.code if self.procedure else None,
            "components": v.components.state(),
            "fields": {n: e.text() for n, e in v.fields.items()},
            "sets": v.sets.value(),
            "delivery": v.delivery.currentData(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        v = self.view
        if v.proc_search.text() != state["search"]:
            v.proc_search.setText(state["search"])
        current = self.procedure.code if self.procedure else None
        if state["procedure"] != current and state["procedure"] is not None:
            self.pick(state["procedure"])
        v.components.set_state(state["components"])
        for n, text in state["fields"].items():
            if v.fields[n].text() != text:
                v.fields[n].setText(text)
        v.sets.setValue(state["sets"])
        v.delivery.setCurrentIndex(max(v.delivery.findData(state["delivery"]), 0))

    # --- saving -----------------------------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        v = self.view
        f = {n: e.text().strip() for n, e in v.fields.items()}
        applicant: dict[str, Any] = {k: f[k] for k in ("full_name", "id_number", "phone", "address")}
        if f["email"]:
            applicant["email"] = f["email"]
        birth = parse_birth_date(f["birth_date"])
        if birth is not None:
            applicant["birth_date"] = birth.isoformat()
        doc: dict[str, Any] = {
            "procedure": self.procedure.code if self.procedure else "",
            "applicant": applicant,
            "components": v.components.chosen(),
            "sets": v.sets.value(),
            "delivery": v.delivery.currentData(),
        }
        if doc["delivery"] == "post":
            doc["post_address"] = f["post_address"]
        # One key per form: a save retried after a failure that came after the commit answers the
        # dossier already saved instead of receiving it twice (counter_app/services/intake_retry.py).
        doc["request_id"] = self.request_id
        return doc

    def save(self) -> None:
        if self.saving:
            return
        v = self.view
        v.form_message.show_message(None)
        if self.procedure is None:
            v.form_message.show_message(self.tr("Chưa chọn thủ tục."))
            v.proc_search.setFocus()
            return
        self.touched.update(v.fields)
        bad = [n for n in (*APPLICANT_FIELDS, "post_address") if self._validate_field(n)]
        missing = v.components.missing_required()
        if bad or missing:
            if bad:
                v.fields[bad[0]].setFocus()
                v.form_message.show_message(
                    self.tr("Còn {n} ô chưa hợp lệ, xem thông báo đỏ bên dưới từng ô.").format(n=len(bad))
                )
            else:
                v.form_message.show_message(self.tr("Thiếu giấy tờ bắt buộc trong thành phần hồ sơ."))
            return
        doc = self.document()
        procedure = self.procedure
        self._set_saving(True)
        start_job(
            self,
            self.services.intake.receive,
            doc,
            actor=self.user.username,
            on_done=lambda r: self._saved(r, procedure, doc),
            on_error=self._save_failed,
        )

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        self.view.save_button.setEnabled(not saving)
        self.view.form_message.set_tone(error=not saving)
        self.view.form_message.show_message(self.tr("Đang lưu hồ sơ…") if saving else None)

    def _saved(self, receipt: Receipt, procedure: ProcedureInfo, doc: dict[str, Any]) -> None:
        self._set_saving(False)
        self.last_saved = SavedIntake(receipt, procedure, dict(doc["applicant"]))
        self.saved.emit(receipt)
        self.after_save(receipt)
        self.reset()
        if receipt.warning:  # the same CCCD and procedure minutes ago: the clerk checks it is no double
            self.view.form_message.show_message(receipt.warning)

    def after_save(self, receipt: Receipt) -> None:
        """THE hook after each saved dossier (forms helper: print the receipt here, in a job)."""
        assert self.last_saved is not None
        dialog = ReceiptSummaryDialog(self.last_saved, self.view.window(), can_collect=self.can_collect)
        if self.summary_dialog is not None:
            replace_dialog(self.summary_dialog, dialog)
        self.summary_dialog = dialog
        dialog.finished.connect(lambda _r: self._summary_closed(dialog))
        dialog.open()

    def _summary_closed(self, dialog: ReceiptSummaryDialog) -> None:
        self.view.proc_search.setFocus()
        if dialog.collect_chosen:
            self.collect_requested.emit(dialog.saved.receipt.code)

    def _save_failed(self, exc: BaseException) -> None:
        self._set_saving(False)
        field = exc.field if isinstance(exc, AppError) else None
        name = (field or "").removeprefix("applicant.")
        if isinstance(exc, ValidationError) and name in self.view.fields:
            self.view.messages[name].show_message(core_message(exc.message))
            self.view.fields[name].setFocus()
        self.view.form_message.show_message(error_text(exc))

    def reset(self) -> None:
        """Empty form for the next citizen (the catalog stays loaded)."""
        v = self.view
        self.request_id = uuid.uuid4().hex
        self.procedure, self.due_at = None, None
        self.touched.clear()
        v.proc_search.clear()
        v.components.set_components([])
        for e in v.fields.values():
            e.clear()
        for m in v.messages.values():
            m.show_message(None)
        v.sets.setValue(1)
        v.delivery.setCurrentIndex(0)
        v.form_message.show_message(None)
        v.comp_message.show_message(None)
        self.catcher.reset()
        self._rewire()
        self._show_procedure()
        v.proc_search.setFocus()
        self.load_catalog()  # a catalog update (sync, import) reaches the next citizen's form

    # --- language ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self._show_procedure()
        for name in self.view.fields:
            self._validate_field(name)
        self._components_changed()
