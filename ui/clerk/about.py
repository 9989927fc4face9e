"""Hệ thống → Giới thiệu…: the version, the data dir and the database, for a support call."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from counter_app import __version__
from counter_app.services.context import AppContext


def about_text(ctx: AppContext) -> str:
    return "\n".join(
        [
            QCoreApplication.translate("AboutBox", "Phần mềm Bộ phận Một cửa, phiên bản {version}").format(
                version=__version__
            ),
            QCoreApplication.translate("AboutBox", "Thư mục dữ liệu: {path}").format(path=ctx.data_dir),
            QCoreApplication.translate("AboutBox", "Cơ sở dữ liệu: {path}").format(path=ctx.db.location),
            QCoreApplication.translate("AboutBox", "Nhật ký: {path}").format(path=ctx.data_dir / "logs"),
        ]
    )


def show_about(parent: QWidget, ctx: AppContext) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("AboutBox", "Giới thiệu"),
        about_text(ctx),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("about_box")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # paths can be copied
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
