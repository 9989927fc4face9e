"""Hệ thống → Giới thiệu…: the version, the data dir and the database, for a support call."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from counter_app import __version__
from counter_app.services.context import AppContext
from counter_app.services.updates import UpdateInfo


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


def update_text(update: UpdateInfo | None) -> str:
    """What the city server last said about the latest version (counter_app/services/updates.py)."""
    if update is None or update.latest is None:
        return ""
    if not update.newer:
        return QCoreApplication.translate("AboutBox", "Đây là phiên bản mới nhất thành phố đã công bố.")
    line = QCoreApplication.translate("AboutBox", "Đã có phiên bản mới {latest}").format(latest=update.latest)
    return "\n".join(x for x in (line, update.notice, update.url) if x)


def show_about(parent: QWidget, ctx: AppContext, update: UpdateInfo | None = None) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("AboutBox", "Giới thiệu"),
        "\n".join(x for x in (about_text(ctx), update_text(update)) if x),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("about_box")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # paths can be copied
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
