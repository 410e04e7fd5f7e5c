"""The Protocols page's small dialogs: an agreement round, a copy sent, a new revision.

Each calls one service on OK through the operation runner
(:mod:`app.views.operations`); a refusal keeps it open with the input, a
success emits ``saved`` with the :class:`ProtocolInfo`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.services.base import Actor
from app.services.conduct.queries import live_meeting
from app.services.handles import Database
from app.services.protocols import actions
from app.services.protocols.common import ProtocolInfo
from app.views.composition_model import person_name
from app.views.form_widgets import ChoiceCombo, DateEdit, Label, Texts, ok_cancel
from app.views.operations import PROTOCOLS, run
from app.views.retranslate import Retranslatable

CHANNELS: list[tuple[Any, Label]] = [
    ("email", N_("E-mail")),
    ("edms", N_("Electronic document system")),
    ("post", N_("Post")),
    ("hand", N_("By hand")),
]


class _ActionDialog(Retranslatable, QDialog):
    """A dialog that calls one service on OK; a refusal keeps it open with the input."""

    saved = Signal(object)  # ProtocolInfo

    def __init__(
        self, db: Database, actor: Actor, protocol: ProtocolInfo, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.protocol = protocol
        self.texts = Texts()

    # Each dialog defines the service call that saves it.
    submit: Callable[[], ProtocolInfo]

    def accept(self) -> None:
        info = run(self, self.submit, PROTOCOLS)
        if info is None:
            return
        self.saved.emit(info)
        super().accept()


class AgreementDialog(_ActionDialog):
    """One round of agreement of the draft: who agreed it, when, with what remarks."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        protocol: ProtocolInfo,
        *,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, actor, protocol, parent)
        self.setObjectName("agreementDialog")
        self.agreed_by = QLineEdit()
        self.agreed_by.setObjectName("agreedBy")
        self.agreed_on = DateEdit(today)
        self.remarks = QPlainTextEdit()
        self.remarks.setObjectName("agreementRemarks")
        self.remarks.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(self.texts.label(N_("Agreed by")), self.agreed_by)
        form.addRow(self.texts.label(N_("Date")), self.agreed_on)
        form.addRow(self.texts.label(N_("Remarks")), self.remarks)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        self.resize(520, 300)
        self.retranslate_ui()

    def submit(self) -> ProtocolInfo:
        return actions.record_agreement(
            self._db,
            self._actor,
            self.protocol.id,
            self.agreed_by.text(),
            self.agreed_on.day(),
            self.remarks.toPlainText(),
        )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Agreement round"))
        self.texts.apply()
        self.agreed_by.setPlaceholderText(_("the body or person that agreed the draft"))


class CopyDialog(_ActionDialog):
    """A copy of the signed protocol sent to a member or to another recipient."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        protocol: ProtocolInfo,
        *,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, actor, protocol, parent)
        self.setObjectName("copyDialog")
        choices: list[tuple[Any, Label]] = [(None, N_("Another recipient"))]
        live = run(parent, lambda: live_meeting(db, protocol.meeting_id))
        for member in live.members if live is not None else ():
            person = member.person
            choices.append((person.id, partial(person_name, person)))
        self.person = ChoiceCombo(choices)
        self.person.setObjectName("copyPerson")
        self.person.setMinimumContentsLength(30)
        self.recipient = QLineEdit()
        self.recipient.setObjectName("copyRecipient")
        day = today or date.today()
        if protocol.signed_on is not None and protocol.signed_on > day:
            day = protocol.signed_on
        self.sent_on = DateEdit(day)
        self.channel = ChoiceCombo(CHANNELS)
        self.channel.setObjectName("copyChannel")
        form = QFormLayout()
        form.addRow(self.texts.label(N_("Member")), self.person)
        form.addRow(self.texts.label(N_("Recipient")), self.recipient)
        form.addRow(self.texts.label(N_("Sent on")), self.sent_on)
        form.addRow(self.texts.label(N_("Channel")), self.channel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        self.person.currentIndexChanged.connect(self._person_changed)
        if len(choices) > 1:
            self.person.setCurrentIndex(1)
        self._person_changed()
        self.resize(520, 220)
        self.retranslate_ui()

    def _person_changed(self, _index: int = 0) -> None:
        self.recipient.setEnabled(self.person.value() is None)

    def submit(self) -> ProtocolInfo:
        person = self.person.value()
        return actions.record_copy(
            self._db,
            self._actor,
            self.protocol.id,
            self.sent_on.day(),
            person_id=person,
            recipient="" if person is not None else self.recipient.text(),
            channel=str(self.channel.value() or ""),
        )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Copy sent"))
        self.texts.apply()
        self.person.retranslate()
        self.channel.retranslate()
        self.recipient.setPlaceholderText(_("when the copy went to someone else"))


class RevisionDialog(_ActionDialog):
    """Start a correction of a signed protocol: a new draft revision, with a reason."""

    def __init__(
        self, db: Database, actor: Actor, protocol: ProtocolInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, actor, protocol, parent)
        self.setObjectName("revisionDialog")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("revisionReason")
        self.reason.setTabChangesFocus(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.texts.label(N_("Reason")))
        layout.addWidget(self.reason, 1)
        layout.addWidget(ok_cancel(self))
        self.resize(520, 300)
        self.retranslate_ui()

    def submit(self) -> ProtocolInfo:
        return actions.revise_protocol(
            self._db, self._actor, self.protocol.id, self.reason.toPlainText()
        )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            _("New revision of protocol No. {number}").format(number=self.protocol.number)
        )
        self.texts.apply()
        self.intro.setText(
            _(
                "The signed protocol stays exactly as it was issued. The new revision is a draft "
                "that refers to it, with the reason below; the meeting's record can be corrected "
                "until the new revision is signed."
            )
        )
