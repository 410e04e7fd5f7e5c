"""File menu entries for the archive exchange: export, import, meeting package, bring back."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from app.i18n import _
from app.views.exchange_dialogs import ExchangeActions


class ExchangeMenu:
    """The exchange actions of one main window."""

    def __init__(self, owner: QMenu, actions: ExchangeActions) -> None:
        self.actions = actions
        self.export_archive = QAction(owner)
        self.export_archive.setObjectName("exportArchive")
        self.export_archive.triggered.connect(lambda _checked=False: actions.export_archive())
        self.import_file = QAction(owner)
        self.import_file.setObjectName("importArchive")
        self.import_file.triggered.connect(lambda _checked=False: actions.import_file())
        self.bring_back = QAction(owner)
        self.bring_back.setObjectName("bringBack")
        self.bring_back.triggered.connect(lambda _checked=False: actions.bring_back())
        self.retranslate_ui()

    def install(self, menu: QMenu, before: QAction | None) -> None:
        for action in (self.export_archive, self.import_file, self.bring_back):
            if before is None:
                menu.addAction(action)
            else:
                menu.insertAction(before, action)
        if before is None:
            menu.addSeparator()
        else:
            menu.insertSeparator(before)

    def retranslate_ui(self) -> None:
        self.export_archive.setText(_("&Export archive…"))
        self.import_file.setText(_("&Import archive…"))
        self.bring_back.setText(_("Bring back from &laptop…"))
