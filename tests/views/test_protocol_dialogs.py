"""The Protocols page's small dialogs: an agreement round, a copy sent, a new revision."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.domain.protocol_states import ProtocolState
from app.models.database import Database
from app.services.protocols.actions import Signing, create_protocol, sign_protocol
from app.services.protocols.common import ProtocolInfo
from app.services.protocols.read_protocol import read_protocol
from app.views.protocol_dialogs import AgreementDialog, CopyDialog, RevisionDialog
from tests.services.conduct_helpers import ME
from tests.services.meeting_helpers import counts
from tests.services.protocol_helpers import HeldMeeting

TODAY = date(2024, 3, 25)


@pytest.fixture
def draft(database: Database, held: HeldMeeting) -> ProtocolInfo:
    return create_protocol(database, ME, held.board.meeting_id)


@pytest.fixture
def signed(database: Database, draft: ProtocolInfo) -> ProtocolInfo:
    return sign_protocol(
        database, ME, draft.id, Signing(date(2024, 3, 20), languages=("kk",), accept_gaps=True)
    )


def test_an_agreement_round_needs_who_agreed(
    qtbot: QtBot, database: Database, draft: ProtocolInfo, refusals: list[KenesError]
) -> None:
    dialog = AgreementDialog(database, ME, draft, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    before = counts(database)

    dialog.accept()
    assert len(refusals) == 1 and counts(database) == before and dialog.isVisible()

    dialog.agreed_by.setText("Цифрлық даму министрлігі")
    dialog.remarks.setPlainText("Ескертулер жоқ.")
    with qtbot.waitSignal(dialog.saved, timeout=1000) as saved:
        dialog.accept()

    assert len(refusals) == 1 and not dialog.isVisible()
    assert isinstance(saved.args[0], ProtocolInfo)
    assert counts(database)["audit_events"] == before["audit_events"] + 1


def test_a_copy_goes_to_a_member_by_default_or_to_someone_named(
    qtbot: QtBot, database: Database, signed: ProtocolInfo, refusals: list[KenesError]
) -> None:
    dialog = CopyDialog(database, ME, signed, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.person.value() is not None and not dialog.recipient.isEnabled()
    assert dialog.sent_on.day() == TODAY

    dialog.person.set_value(None)  # another recipient
    assert dialog.recipient.isEnabled()
    before = counts(database)
    dialog.accept()  # nobody named: refused
    assert len(refusals) == 1 and counts(database) == before

    dialog.recipient.setText("Қаржы министрлігі")
    dialog.accept()
    assert len(refusals) == 1
    assert counts(database)["audit_events"] == before["audit_events"] + 1


def test_a_copy_is_not_dated_before_the_signing(
    qtbot: QtBot, database: Database, signed: ProtocolInfo
) -> None:
    dialog = CopyDialog(database, ME, signed, today=date(2024, 3, 1))
    qtbot.addWidget(dialog)

    assert dialog.sent_on.day() == date(2024, 3, 20)


def test_a_revision_needs_a_reason_and_starts_a_new_draft(
    qtbot: QtBot, database: Database, signed: ProtocolInfo, refusals: list[KenesError]
) -> None:
    dialog = RevisionDialog(database, ME, signed)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "New revision of protocol No. 1"
    before = counts(database)

    dialog.accept()
    assert len(refusals) == 1 and counts(database) == before

    dialog.reason.setPlainText("Дауыс беру нәтижесінде қате жіберілген.")
    with qtbot.waitSignal(dialog.saved, timeout=1000) as saved:
        dialog.accept()

    revision = saved.args[0]
    assert revision.revision == 2 and revision.replaces_id == signed.id
    assert revision.state is ProtocolState.DRAFT
    assert read_protocol(database, signed.id).state is ProtocolState.SIGNED  # kept as issued
