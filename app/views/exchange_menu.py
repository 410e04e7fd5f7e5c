"""File menu entries for the archive exchange: export, import, meeting package, bring back."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from app.i18n import _
from app.views.role_gate import gate

if TYPE_CHECKING:  # the exchange services load when an action is chosen, not at start
    from app.views.exchange_dialogs import ExchangeActions


class ExchangeMenu:
    """The exchange actions of one main window.

    ``actions`` may be a function that makes them: it runs the first time an entry is
    chosen, so start-up does not import the exchange services (0.14 s).
    """

    def __init__(
        self, owner: QMenu, actions: ExchangeActions | Callable[[], ExchangeActions]
    ) -> None:
        self._actions = actions
        self.export_archive = QAction(owner)
        self.export_archive.setObjectName("exportArchive")
        self.export_archive.triggered.connect(lambda _checked=False: self.actions.export_archive())
        self.import_file = QAction(owner)
        self.import_file.setObjectName("importArchive")
        self.import_file.triggered.connect(lambda _checked=False: self.actions.import_file())
        self.bring_back = QAction(owner)
        self.bring_back.setObjectName("bringBack")
        self.bring_back.triggered.connect(lambda _checked=False: self.actions.bring_back())
        self.retranslate_ui()
        # Exchange writes or copies many councils: the roles decide (role_gate).
        for action, permission in (
            (self.export_archive, "exchange.package_export"),
            (self.import_file, "exchange.import"),
            (self.bring_back, "exchange.return"),
        ):
            gate().guard(action, permission)

    @property
    def actions(self) -> ExchangeActions:
        if not hasattr(self._actions, "export_archive"):  # still the function that makes them
            self._actions = self._actions()
        return self._actions  # type: ignore[return-value]

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
