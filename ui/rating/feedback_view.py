"""Layout of the feedback pages (phản ánh, kiến nghị) reached from the idle screen: the category, the
text on the on-screen keyboard, an optional name and phone, and the number to quote with its due date."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from counter_app.domain import feedback as fb
from counter_app.domain.wording import format_due
from ui.rating.page_kit import PageKit, set_error
from ui.rating.visit import VisitController
from ui.rating.widgets import TextBox, VietKeyboard, check_pixmap


class CategoryPage(QWidget):
    def __init__(self, kit: PageKit, visit: VisitController) -> None:
        super().__init__()
        t = self._t = kit.t
        lay = kit.page_layout(self)
        top = QHBoxLayout()
        back = kit.button(lambda: "←  " + t("back"), "nav", visit.finish_visit)
        back.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        top.addWidget(back)
        top.addWidget(kit.label("h2", lambda: t("fb_title")), 1)
        lay.addLayout(top)
        lay.addWidget(kit.label("body", lambda: t("fb_pick")))
        grid = QGridLayout()
        grid.setSpacing(14)
        self.category_buttons: dict[str, QPushButton] = {}
        for i, cat in enumerate(fb.CATEGORIES.values()):
            b = kit.button(partial(self._label, cat), "choice", partial(visit.pick_category, cat.key))
            self.category_buttons[cat.key] = b
            grid.addWidget(b, i // 2, i % 2)
        lay.addLayout(grid, 1)

    def _label(self, category: fb.Category) -> str:
        return category.label(self._t.lang)


class TextPage(QWidget):
    def __init__(self, kit: PageKit, visit: VisitController) -> None:
        super().__init__()
        self.visit, t = visit, kit.t

        def title() -> str:
            category = fb.CATEGORIES[visit.fb_category].label(t.lang) if visit.fb_category else ""
            return t("fb_text_title", category=category)

        lay, self.next = kit.keyboard_page(
            self,
            title,
            lambda: visit.show("fb_category"),
            lambda: t("next") + "  →",
            visit.feedback_text_done,
        )
        self.box = TextBox(lambda: t("fb_text_placeholder"))
        self.box.composer = visit.fb_text
        self.box.active = True
        lay.addWidget(self.box, 2)
        self.error = kit.label("error")
        self.error.hide()
        lay.addWidget(self.error)
        self.keyboard = VietKeyboard()
        self.keyboard.attach(self.box)
        lay.addWidget(self.keyboard, 4)

    def refresh(self) -> None:
        set_error(self.error, self.visit.fb_text_error)


class ContactPage(QWidget):
    def __init__(self, kit: PageKit, visit: VisitController) -> None:
        super().__init__()
        self.visit, t = visit, kit.t
        lay, self.send = kit.keyboard_page(
            self,
            lambda: t("fb_contact_title"),
            lambda: visit.show("fb_text"),
            lambda: t("send") + "  ✔",
            visit.send_feedback,
        )
        fields = QGridLayout()
        fields.setHorizontalSpacing(12)
        fields.setVerticalSpacing(6)
        self.name_box = TextBox(lambda: t("fb_tap_field"), multiline=False)
        self.name_box.composer = visit.fb_name
        self.phone_box = TextBox(lambda: t("fb_tap_field"), multiline=False)
        self.phone_box.composer = visit.fb_phone
        self.name_box.tapped.connect(lambda: visit.select_contact("name"))
        self.phone_box.tapped.connect(lambda: visit.select_contact("phone"))
        left = Qt.AlignmentFlag.AlignLeft
        fields.addWidget(kit.label("fieldlabel", lambda: t("fb_name"), align=left), 0, 0)
        fields.addWidget(kit.label("fieldlabel", lambda: t("fb_phone"), align=left), 0, 1)
        fields.addWidget(self.name_box, 1, 0)
        fields.addWidget(self.phone_box, 1, 1)
        fields.setColumnStretch(0, 3)
        fields.setColumnStretch(1, 2)
        lay.addLayout(fields, 1)
        self.error = kit.label("error")
        self.error.hide()
        lay.addWidget(self.error)
        self.keyboard = VietKeyboard()
        lay.addWidget(self.keyboard, 4)

    def refresh(self) -> None:
        set_error(self.error, self.visit.fb_contact_error)
        self.send.setEnabled(not self.visit.sending)
        phone = self.visit.contact_field == "phone"
        self.name_box.active, self.phone_box.active = not phone, phone
        target = self.phone_box if phone else self.name_box
        if self.keyboard.target is not target:
            self.keyboard.attach(target, digits_only=phone)
        self.name_box.refresh()
        self.phone_box.refresh()


class DonePage(QWidget):
    def __init__(self, kit: PageKit, visit: VisitController) -> None:
        super().__init__()
        t = kit.t
        lay = kit.page_layout(self)
        lay.addStretch(1)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.icon)
        lay.addWidget(kit.label("h1", lambda: t("thanks")))
        lay.addWidget(
            kit.label("big", lambda: t("fb_sent", number=visit.fb_result.number if visit.fb_result else ""))
        )
        lay.addWidget(
            kit.label(
                "body",
                lambda: (
                    t("fb_due", due=format_due(visit.fb_result.due_at, t.lang)) if visit.fb_result else ""
                ),
            )
        )

        def no_contact() -> str:
            r = visit.fb_result
            return "" if r and (r.phone or r.name) else t("fb_no_contact")

        lay.addWidget(kit.label("hint", no_contact))
        lay.addStretch(1)

    def set_icon_size(self, px: int) -> None:
        self.icon.setPixmap(check_pixmap(px))
