"""The protocol's path on the Protocols page: its steps, and why a step cannot be taken now.

A part of :class:`~app.views.protocols_page.ProtocolsPage`: the tool bar of the
steps (create, edit, agreement, agreed, sign, copies, new revision), each run
through the operation runner; which are possible the domain's transitions
table says (:func:`app.domain.protocol_states.refusal`), and the reason of a
refused step is its tool tip and, for the selected protocol, the status bar's
message (retranslated with the page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMainWindow, QStatusBar, QStyle, QToolBar, QWidget

from app.domain.permissions import PROTOCOL_STEPS
from app.domain.protocol_states import ProtocolAction, refusal
from app.i18n import N_, _
from app.services.protocols import actions
from app.services.protocols.common import ProtocolInfo
from app.views.operations import PROTOCOLS, run
from app.views.protocol_dialogs import AgreementDialog, CopyDialog, RevisionDialog
from app.views.protocol_editor import ProtocolEditor
from app.views.protocols_models import ProtocolRow
from app.views.role_gate import role_reason
from app.views.sign_dialog import SignDialog

if TYPE_CHECKING:
    from datetime import date

    from app.services.base import Actor
    from app.services.handles import Database
    from app.views.esign_dialog import EsignDialog
    from app.views.form_widgets import ChoiceCombo
    from app.views.protocols_page import _Action


class ProtocolPath:
    """The steps of the selected protocol's path (a part of the page)."""

    if TYPE_CHECKING:  # what the page provides
        _db: Database
        _actor: Actor
        _actions: list[_Action]
        _on_screen: bool
        status_text: str
        document_language: ChoiceCombo

        def today(self) -> date: ...
        def selected(self) -> ProtocolRow | None: ...
        def _selected_protocol(self) -> ProtocolInfo | None: ...
        def _changed(self, info: object = None) -> None: ...
        def _action(
            self,
            bar: QToolBar,
            icon: QStyle.StandardPixmap,
            text: str,
            slot: Callable[[], object],
            tooltip: str = "",
            step: ProtocolAction | None = None,
        ) -> QAction: ...

    def _widget(self) -> QWidget:
        return cast(QWidget, self)

    def _build_path_bar(self) -> QToolBar:
        """The steps of the protocol's path, each enabled when the domain allows it."""
        icons = QStyle.StandardPixmap
        bar = QToolBar()
        bar.setObjectName("protocolPathToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.create_action = self._action(
            bar,
            icons.SP_FileDialogNewFolder,
            N_("Create protocol"),
            self.create_protocol,
            N_("Start the draft protocol of the selected held meeting from its record"),
        )
        self.edit_action = self._action(
            bar,
            icons.SP_FileDialogDetailedView,
            N_("Edit…"),
            self.edit_protocol,
            N_("Number, city and the narrative of each item in each language"),
            ProtocolAction.EDIT,
        )
        self.agreement_action = self._action(
            bar,
            icons.SP_FileDialogContentsView,
            N_("Agreement round…"),
            self.record_agreement,
            N_("Record who agreed the draft, and when"),
            ProtocolAction.RECORD_AGREEMENT,
        )
        self.agreed_action = self._action(
            bar,
            icons.SP_DialogApplyButton,
            N_("Mark agreed"),
            self.mark_agreed,
            N_("The draft is agreed and ready for signing"),
            ProtocolAction.MARK_AGREED,
        )
        self.sign_action = self._action(
            bar,
            icons.SP_DialogSaveButton,
            N_("Sign…"),
            self.sign,
            N_("Sign and issue the protocol in the chosen languages"),
            ProtocolAction.SIGN,
        )
        self.copy_action = self._action(
            bar,
            icons.SP_ArrowForward,
            N_("Copy sent…"),
            self.record_copy,
            N_("Record a copy of the signed protocol sent to a member"),
            ProtocolAction.RECORD_COPY,
        )
        self.copies_action = self._action(
            bar,
            icons.SP_DialogYesButton,
            N_("Copies sent"),
            self.mark_copies_sent,
            N_("Every member has been sent a copy"),
            ProtocolAction.MARK_COPIES_SENT,
        )
        self.revise_action = self._action(
            bar,
            icons.SP_BrowserReload,
            N_("New revision…"),
            self.new_revision,
            N_("Correct a signed protocol by a new revision, with a reason"),
            ProtocolAction.REVISE,
        )
        return bar

    def _enable_path(self, info: ProtocolInfo | None) -> None:
        """The steps of the protocol's path the domain allows now; the others say why not."""
        row = self.selected()
        council = row.due.council_id if row is not None else None
        for item in self._actions:
            if item.step is None:
                continue
            refused = (
                refusal(item.step, info.state, number=info.number) if info is not None else None
            )
            reason = refused.message() if refused is not None else ""
            if info is not None and not reason:  # the step is possible: do the roles allow it?
                reason = role_reason(PROTOCOL_STEPS[item.step], council)
            item.action.setEnabled(info is not None and not reason)
            item.action.setToolTip(reason or _(item.tooltip or item.text))

    # -- the protocol's path -----------------------------------------------------------------
    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def create_protocol(self, meeting_id: int | None = None) -> ProtocolEditor | None:
        """Start the draft of the selected held meeting (or of ``meeting_id``) and edit it."""
        if meeting_id is None:
            row = self.selected()
            if row is None or row.protocol is not None:
                return None
            meeting_id = row.due.meeting_id
        db, actor = self._db, self._actor
        info = run(
            self._widget(), lambda: actions.create_protocol(db, actor, meeting_id), PROTOCOLS
        )
        if info is None:
            return None
        self._changed(info)
        return self.edit_protocol()

    def edit_protocol(self) -> ProtocolEditor | None:
        info = self._selected_protocol()
        if info is None:
            return None
        editor = run(
            self._widget(), lambda: ProtocolEditor(self._db, self._actor, info.id, self._widget())
        )
        if editor is None:
            return None
        editor.saved.connect(self._changed)
        self._open(editor)
        return editor

    def record_agreement(self) -> AgreementDialog | None:
        info = self._selected_protocol()
        if info is None:
            return None
        dialog = AgreementDialog(
            self._db, self._actor, info, today=self.today(), parent=self._widget()
        )
        dialog.saved.connect(self._changed)
        self._open(dialog)
        return dialog

    def mark_agreed(self) -> bool:
        info = self._selected_protocol()
        if info is None:
            return False
        changed = run(
            self._widget(), lambda: actions.mark_agreed(self._db, self._actor, info.id), PROTOCOLS
        )
        if changed is None:
            return False
        self._changed(changed)
        return True

    def sign(self) -> SignDialog | None:
        info = self._selected_protocol()
        if info is None:
            return None
        dialog = SignDialog(self._db, self._actor, info, today=self.today(), parent=self._widget())
        dialog.signed.connect(self._changed)
        self._open(dialog)
        return dialog

    def sign_electronically(self) -> EsignDialog | None:
        """Sign the issued protocol, in the document language chosen, with a key file."""
        from app.views.esign_dialog import EsignDialog  # pyHanko: loaded when first used

        info = self._selected_protocol()
        if info is None:
            return None
        lang = str(self.document_language.value())
        dialog = EsignDialog(self._db, self._actor, info, lang, parent=self._widget())
        dialog.signed.connect(lambda _step: self._changed(info))
        self._open(dialog)
        return dialog

    def record_copy(self) -> CopyDialog | None:
        info = self._selected_protocol()
        if info is None:
            return None
        dialog = CopyDialog(self._db, self._actor, info, today=self.today(), parent=self._widget())
        dialog.saved.connect(self._changed)
        self._open(dialog)
        return dialog

    def mark_copies_sent(self) -> bool:
        info = self._selected_protocol()
        if info is None:
            return False
        changed = run(
            self._widget(),
            lambda: actions.mark_copies_sent(self._db, self._actor, info.id),
            PROTOCOLS,
        )
        if changed is None:
            return False
        self._changed(changed)
        return True

    def new_revision(self) -> RevisionDialog | None:
        info = self._selected_protocol()
        if info is None:
            return None
        dialog = RevisionDialog(self._db, self._actor, info, self._widget())
        dialog.saved.connect(self._changed)
        self._open(dialog)
        return dialog

    # -- the status bar ----------------------------------------------------------------------
    def _show_status(self, row: ProtocolRow | None) -> None:
        """Say in the status bar why the selected protocol's next step cannot be taken now."""
        self.status_text = self.reason_text(row)
        bar = self._status_bar()
        if bar is not None and self._on_screen:
            if self.status_text:
                bar.showMessage(self.status_text)
            else:
                bar.clearMessage()

    def reason_text(self, row: ProtocolRow | None) -> str:
        """The tool tip of the first step of the path the domain refuses now ("" when none)."""
        if row is None:
            return ""
        info = row.protocol
        if info is None:
            return _(
                "Meeting No. {number} has no protocol yet: “Create protocol” starts its draft."
            ).format(number=row.due.meeting_number)
        for item in self._actions:
            if item.step is None:
                continue
            refused = refusal(item.step, info.state, number=info.number)
            if refused is not None:
                return refused.message()
        return ""

    def _status_bar(self) -> QStatusBar | None:
        """The main window's status bar (None: the page is shown on its own, as in tests)."""
        window = self._widget().window()
        return window.statusBar() if isinstance(window, QMainWindow) else None
