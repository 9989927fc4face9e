"""Digitising (số hóa) in the clerk window: where pages come from, and what becomes of them.

`Digitiser.choose(source, …)` turns a clerk's choice into a `Choice` off the GUI thread: a scan (the
configured scanner), a file picked in a file dialog, a file of the scan-to-folder directory (watched:
new files appear in the open list by themselves), or a paper the citizen had digitised before. Then:

- on the board, "Số hóa…" opens `FilesDialog` for the selected dossier, and each choice is stored at once
  (`FileService.apply`);
- in the intake form, each paper of the checklist has its "Số hóa" menu; choices wait beside the paper
  (nothing is stored before the dossier exists) and are stored right after the dossier is saved. When the
  CCCD typed is one with papers digitised before and still valid, those are put beside the papers of the
  same name, to reuse instead of asking the citizen for them again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from counter_app.digitise.folder import InboxFile, ScanInbox
from counter_app.errors import ValidationError
from counter_app.services.dossier_view import DossierView
from counter_app.services.files import Checklist, Choice, Reusable
from counter_app.services.intake import Receipt
from counter_app.services.users import UserInfo
from counter_app.timeutil import local
from ui.clerk.common import error_text, format_time, replace_dialog, start_job, translate
from ui.clerk.files_view import FilesDialog, PickDialog
from ui.clerk.intake_controller import IntakeController
from ui.clerk.services import ClerkServices

FOLDER_POLL_MS = 1000  # a network folder may not signal changes: look again every second while open
_CCCD = re.compile(r"\d{12}")


def choice_text(c: Choice) -> tuple[str, str]:
    """Short, for the paper's button, and in full, for its tooltip."""
    if c.source == "reuse":
        return (
            translate("Digitiser", "↺ Dùng lại"),
            translate("Digitiser", "Dùng lại bản đã số hóa của hồ sơ {code}").format(
                code=c.reused_code or ""
            ),
        )
    assert c.prepared is not None
    return (
        translate("Digitiser", "✓ {pages} tr.").format(pages=c.prepared.pages),
        translate("Digitiser", "Đã số hóa: {pages} trang, {kb} KB — lưu cùng hồ sơ").format(
            pages=c.prepared.pages, kb=c.prepared.size // 1024
        ),
    )


class Digitiser(QObject):
    message = Signal(str, bool)  # for the status line: text, is an error
    attached = Signal(str)  # dossier code, after a file was stored
    inbox_changed = Signal(list)  # the scan folder's files ready to take (InboxFile), oldest first

    def __init__(self, services: ClerkServices, user: UserInfo, host: QWidget) -> None:
        super().__init__(host)
        self.services, self.user, self.host = services, user, host
        self.dialog: FilesDialog | None = None
        self.checklist: Checklist | None = None
        self.picker: PickDialog | None = None
        self.file_dialog: QFileDialog | None = None
        # The scan folder is polled in jobs (a network share may answer slowly, never the GUI thread's
        # business), only while `scanner.folder` is set; what is new is offered wherever a paper is chosen.
        self.inbox: ScanInbox | None = None
        self.inbox_files: list[InboxFile] = []
        self._looking = False
        self.poll = QTimer(self)
        self.poll.setInterval(FOLDER_POLL_MS)
        self.poll.timeout.connect(self.look_in_folder)
        self.poll.start()
        self.busy = False

    @staticmethod
    def board_action_title() -> str:
        return translate("Digitiser", "Số &hóa giấy tờ…")

    # --- choosing where the pages come from ----------------------------------------------------------

    def choose(
        self,
        source: str,
        id_number: str,
        on_chosen: Callable[[Choice], None],
        on_error: Callable[[BaseException], None],
        *,
        exclude_code: str | None = None,
    ) -> None:
        files = self.services.files
        if source == "scanner":
            start_job(
                self,
                files.prepare_scan,
                on_done=lambda p: on_chosen(Choice("scanner", prepared=p)),
                on_error=on_error,
            )
        elif source == "file":
            self._pick_file(lambda path: self._prepare(path, "file", on_chosen, on_error))
        elif source == "folder":
            self._pick_from_folder(lambda f: self._prepare(f.path, "folder", on_chosen, on_error), on_error)
        elif source == "reuse":
            start_job(
                self,
                files.reusable,
                id_number,
                exclude_code=exclude_code,
                on_done=lambda offers: self._pick_reuse(offers, on_chosen),
                on_error=on_error,
            )

    def _prepare(
        self,
        path: Path,
        source: str,
        on_chosen: Callable[[Choice], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        folder_file = path if source == "folder" else None
        start_job(
            self,
            self.services.files.prepare_file,
            path,
            on_done=lambda p: on_chosen(Choice(source, prepared=p, folder_file=folder_file)),
            on_error=on_error,
        )

    def _pick_file(self, on_path: Callable[[Path], None]) -> None:
        d = QFileDialog(self.host.window(), self.tr("Chọn tệp PDF hoặc ảnh đã quét"))
        d.setObjectName("digitise_file_dialog")
        d.setFileMode(QFileDialog.FileMode.ExistingFile)
        d.setNameFilter(self.tr("PDF hoặc ảnh (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)"))
        d.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # the same dialog everywhere, keys included
        folder = self.services.config.scanner.folder
        if folder:
            d.setDirectory(folder)
        d.fileSelected.connect(lambda p: on_path(Path(p)))
        replace_dialog(self.file_dialog, d)
        self.file_dialog = d
        d.open()

    def _pick_from_folder(
        self, on_file: Callable[[InboxFile], None], on_error: Callable[[BaseException], None]
    ) -> None:
        folder = self.services.config.scanner.folder
        if not folder:
            on_error(
                ValidationError(
                    "chưa đặt thư mục máy quét lưu tệp (Cài đặt › Máy quét, số hóa)",
                    field="scanner.folder",
                    label="Thư mục quét",
                )
            )
            return
        picker = self._open_picker(
            self.tr("Tệp mới trong thư mục quét {folder}").format(folder=folder),
            self.tr("Chưa có tệp mới. Quét trên máy quét vào thư mục này: tệp sẽ hiện ra ở đây."),
        )
        self._offer_in(picker)
        self.look_in_folder()

        def picked() -> None:
            value = picker.value()
            if isinstance(value, InboxFile):
                on_file(value)

        picker.accepted.connect(picked)

    def _offer_in(self, picker: PickDialog) -> None:
        """The folder's files in the open list, newest first, kept up to date while it is open."""

        def show(files: list[InboxFile]) -> None:
            if picker is self.picker and picker.isVisible():
                picker.set_items(
                    [(f"{f.name}  ·  {f.size // 1024} KB  ·  {_clock(f.mtime)}", f) for f in reversed(files)]
                )

        show(self.inbox_files)
        self.inbox_changed.connect(show)
        picker.finished.connect(lambda _r: self.inbox_changed.disconnect(show))

    def look_in_folder(self) -> None:
        """Look at the scan folder now (the poll timer calls it every second)."""
        folder = self.services.config.scanner.folder
        if not folder:
            if self.inbox is not None:
                self.inbox, self.inbox_files = None, []
                self.inbox_changed.emit([])
            return
        if self.inbox is None or str(self.inbox.folder) != folder:
            self.inbox, self.inbox_files = ScanInbox(Path(folder)), []
        if self._looking:
            return
        self._looking = True
        inbox = self.inbox

        def seen(files: list[InboxFile]) -> None:
            self._looking = False
            if inbox is self.inbox and files != self.inbox_files:
                self.inbox_files = files
                self.inbox_changed.emit(files)

        def failed(_exc: BaseException) -> None:
            self._looking = False

        start_job(self, inbox.ready, on_done=seen, on_error=failed)

    def inbox_text(self, files: list[InboxFile]) -> str:
        """What the scan folder offers, in one line ("" when nothing)."""
        if not files:
            return ""
        names = ", ".join(f.name for f in reversed(files[-3:])) + (", …" if len(files) > 3 else "")
        return self.tr(
            "Thư mục quét có {n} tệp mới ({names}): gắn vào giấy tờ bằng Số hóa › Từ thư mục quét…"
        ).format(n=len(files), names=names)

    def _pick_reuse(self, offers: list[Reusable], on_chosen: Callable[[Choice], None]) -> None:
        picker = self._open_picker(
            self.tr("Giấy tờ đã số hóa của công dân, còn giá trị"),
            self.tr("Công dân chưa có giấy tờ nào đã số hóa còn giá trị."),
        )
        picker.set_items(
            [
                (
                    self.tr("{name} — {pages} trang, hồ sơ {code}, {until}").format(
                        name=r.name,
                        pages=r.pages,
                        code=r.code,
                        until=self.tr("đến {d}").format(d=f"{r.valid_until:%d/%m/%Y}")
                        if r.valid_until
                        else self.tr("không thời hạn"),
                    ),
                    r,
                )
                for r in offers
            ]
        )

        def picked() -> None:
            value = picker.value()
            if isinstance(value, Reusable):
                on_chosen(Choice("reuse", reuse_id=value.id, reused_code=value.code))

        picker.accepted.connect(picked)

    def _open_picker(self, title: str, empty: str) -> PickDialog:
        picker = PickDialog(title, empty, self.host.window())
        replace_dialog(self.picker, picker)
        self.picker = picker
        picker.open()
        return picker

    # --- the board: one dossier's papers -------------------------------------------------------------

    def open_dialog(self, view: DossierView) -> None:
        d = FilesDialog(view.code, self.host.window())
        d.heading.setText(f"{view.code} — {view.full_name} — {view.procedure_name}")
        d.source_chosen.connect(self._board_source)

        def offered(files: list[InboxFile]) -> None:
            d.inbox_note.setText(self.inbox_text(files))
            d.inbox_note.setVisible(bool(files))

        offered(self.inbox_files)
        self.inbox_changed.connect(offered)
        d.finished.connect(lambda _r: self.inbox_changed.disconnect(offered))
        replace_dialog(self.dialog, d)
        self.dialog, self.checklist = d, None
        d.set_busy(True, self.tr("Đang đọc…"))
        self._reload(view.code)
        d.open()

    def _reload(self, code: str) -> None:
        d = self.dialog

        def failed(exc: BaseException) -> None:
            if d is not None and d is self.dialog:
                d.set_busy(False, error_text(exc))

        start_job(
            self,
            self.services.files.checklist,
            code,
            on_done=lambda c: self._show_checklist(d, c),
            on_error=failed,
        )

    def _show_checklist(self, d: FilesDialog | None, c: Checklist) -> None:
        if d is None or d is not self.dialog:
            return
        self.checklist = c
        rows = []
        for r in c.rows:
            if r.entry is None:
                done = self.tr("Chưa số hóa")
            else:
                e = r.entry
                done = self.tr("{pages} trang, {kb} KB — {by}, {at}").format(
                    pages=e.pages, kb=e.bytes // 1024, by=e.by or "—", at=format_time(e.at)
                )
                if e.reused_from is not None:
                    done += " " + self.tr("(dùng lại)")
            rows.append((str(r.paper) if r.paper is not None else self.tr("KQ"), r.name, done))
        d.set_rows(rows)
        d.set_busy(False)

    def _board_source(self, source: str) -> None:
        d, c = self.dialog, self.checklist
        if d is None or c is None or self.busy:
            return
        row = d.table.currentRow()
        if not 0 <= row < len(c.rows):
            return
        paper = c.rows[row].paper
        if source == "reuse" and paper is None:
            d.set_busy(False, self.tr("Kết quả giải quyết không dùng lại được từ hồ sơ khác."))
            return
        d.set_busy(True, self.tr("Đang quét…") if source == "scanner" else "")

        def failed(exc: BaseException) -> None:
            self.busy = False
            if d is self.dialog:
                d.set_busy(False, error_text(exc))

        def chosen(choice: Choice) -> None:
            self.busy = True
            d.set_busy(True, self.tr("Đang lưu…"))
            start_job(
                self,
                self.services.files.apply,
                c.code,
                paper,
                choice,
                actor=self.user.username,
                on_done=lambda _e: stored(),
                on_error=failed,
            )

        def stored() -> None:
            self.busy = False
            self.attached.emit(c.code)
            if d is self.dialog:
                self._reload(c.code)

        self.choose(source, c.id_number, chosen, failed, exclude_code=c.code)
        if source in ("file", "folder", "reuse"):
            d.set_busy(False)


class IntakeDigitising(QObject):
    """The intake form's "Số hóa" menus: choices wait beside their paper until the dossier is saved."""

    stored = Signal(str, int)  # dossier code, how many papers were stored

    def __init__(self, digitiser: Digitiser, intake: IntakeController) -> None:
        super().__init__(intake)
        self.digitiser, self.intake = digitiser, intake
        self.staged: dict[str, Choice] = {}  # paper name → what will be stored for it
        self.offers: list[Reusable] = []
        self._offer_ticket = 0
        v = intake.view
        v.components.digitise_requested.connect(self._requested)
        v.components.components_set.connect(self._procedure_changed)
        v.fields["id_number"].textChanged.connect(self._id_changed)
        intake.saved.connect(self._saved)
        digitiser.inbox_changed.connect(self._inbox_changed)

    def _inbox_changed(self, files: list[InboxFile]) -> None:
        label = self.intake.view.scan_inbox
        label.setText(self.digitiser.inbox_text(files))
        label.setVisible(bool(files))

    def _requested(self, row: int, source: str) -> None:
        specs = self.intake.view.components.specs
        if not 0 <= row < len(specs):
            return
        name = specs[row].name
        if source == "clear":
            self.staged.pop(name, None)
            self._show()
            return
        cccd = self.intake.view.fields["id_number"].text().strip()
        if source == "reuse" and not _CCCD.fullmatch(cccd):
            self.intake.view.form_message.show_message(
                self.tr("Nhập số CCCD trước để tìm giấy tờ đã số hóa.")
            )
            return
        self.intake.view.components.set_digitised(row, self.tr("đang quét…") if source == "scanner" else "")

        def chosen(choice: Choice) -> None:
            self.staged[name] = choice
            self._show()

        def failed(exc: BaseException) -> None:
            self._show()
            self.intake.view.form_message.show_message(error_text(exc))

        self.digitiser.choose(source, cccd, chosen, failed)

    def _show(self) -> None:
        comps = self.intake.view.components
        for i, spec in enumerate(comps.specs):
            c = self.staged.get(spec.name)
            comps.set_digitised(i, *(choice_text(c) if c is not None else ("", "")))

    def _procedure_changed(self) -> None:
        self.staged.clear()
        self._apply_offers()

    def _id_changed(self, text: str) -> None:
        cccd = text.strip()
        self._offer_ticket += 1
        ticket = self._offer_ticket
        # Offers made for another CCCD are withdrawn at once.
        self.staged = {k: c for k, c in self.staged.items() if c.source != "reuse"}
        self.offers = []
        self._show()
        if not _CCCD.fullmatch(cccd):
            return

        def found(offers: list[Reusable]) -> None:
            if ticket == self._offer_ticket:
                self.offers = offers
                self._apply_offers()

        start_job(self, self.digitiser.services.files.reusable, cccd, on_done=found, on_error=lambda _e: None)

    def _apply_offers(self) -> None:
        by_name = {r.name: r for r in self.offers}
        for spec in self.intake.view.components.specs:
            r = by_name.get(spec.name)
            if r is not None and spec.name not in self.staged:
                self.staged[spec.name] = Choice("reuse", reuse_id=r.id, reused_code=r.code)
        self._show()
        if self.offers:
            self.intake.view.comp_message.set_tone(error=False)
            self.intake.view.comp_message.show_message(
                self.tr(
                    "Công dân có {n} giấy tờ đã số hóa còn giá trị: dùng lại, không cần quét lại."
                ).format(n=len(self.offers))
            )

    def _saved(self, receipt: Receipt) -> None:
        chosen_names = [c["name"] for c in self.intake.view.components.chosen()]
        todo = [(chosen_names.index(n) + 1, c) for n, c in self.staged.items() if n in chosen_names]
        self.staged = {}
        self.offers = []
        if not todo:
            return
        files, actor = self.digitiser.services.files, self.intake.user.username

        def store_all() -> int:
            for paper, choice in todo:
                files.apply(receipt.code, paper, choice, actor=actor)
            return len(todo)

        start_job(
            self,
            store_all,
            on_done=lambda n: self._stored(receipt.code, n),
            on_error=lambda e: self.digitiser.message.emit(
                self.tr("Hồ sơ {code} đã lưu, nhưng chưa lưu được bản số hóa: {why}").format(
                    code=receipt.code, why=error_text(e)
                ),
                True,
            ),
        )

    def _stored(self, code: str, n: int) -> None:
        self.stored.emit(code, n)
        self.digitiser.message.emit(
            self.tr("Đã lưu {n} giấy tờ số hóa vào hồ sơ {code}.").format(n=n, code=code), False
        )


def _clock(mtime: float) -> str:
    """When the scanner wrote the file, in the office's time (the PC's own zone may be anything)."""
    return f"{local(datetime.fromtimestamp(mtime, tz=UTC)):%H:%M:%S}"
