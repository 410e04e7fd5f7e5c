"""Signing a protocol: the gaps of each language shown first, signing off the GUI thread."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.domain.protocol_states import ProtocolState
from app.models.database import Database
from app.services.protocols.actions import create_protocol
from app.services.protocols.common import ProtocolInfo
from app.services.protocols.read_protocol import read_protocol
from app.views.sign_dialog import SignDialog
from tests.services.conduct_helpers import ME
from tests.services.meeting_helpers import counts
from tests.services.protocol_helpers import held_meeting


@pytest.fixture
def protocol(database: Database) -> ProtocolInfo:
    held = held_meeting(database)
    return create_protocol(database, ME, held.board.meeting_id)  # no city entered: a gap


@pytest.fixture
def dialog(qtbot: QtBot, database: Database, protocol: ProtocolInfo) -> SignDialog:
    widget = SignDialog(database, ME, protocol, today=date(2024, 3, 20))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_gaps_of_the_chosen_languages_are_listed_and_must_be_accepted(
    dialog: SignDialog,
) -> None:
    assert dialog.windowTitle() == "Sign protocol No. 1"
    assert dialog.chosen_languages() == ("kk",)  # the protocol's main language
    assert dialog.gap_lines() == ["Қазақша: City"]  # languages by their own names
    assert not dialog.ok_button.isEnabled()

    dialog.set_languages(("kk", "ru"))
    assert dialog.gap_lines() == ["Қазақша: City", "Русский: City"]

    dialog.accept_gaps.setChecked(True)
    assert dialog.ok_button.isEnabled()
    assert dialog.signing().accept_gaps and dialog.signing().languages == ("kk", "ru")


def test_without_a_language_nothing_can_be_signed(dialog: SignDialog) -> None:
    dialog.accept_gaps.setChecked(True)
    dialog.set_languages(())

    assert dialog.gaps_title.text() == "Choose at least one language to issue the protocol in."
    assert not dialog.ok_button.isEnabled() and not dialog.can_sign()


def test_signing_issues_the_chosen_languages(
    qtbot: QtBot, dialog: SignDialog, refusals: list[KenesError]
) -> None:
    dialog.set_languages(("kk", "en"))
    dialog.accept_gaps.setChecked(True)

    with qtbot.waitSignal(dialog.signed, timeout=60_000) as signed:
        dialog.accept()

    info = signed.args[0]
    assert refusals == [] and isinstance(info, ProtocolInfo)
    assert info.state is ProtocolState.SIGNED and info.signed_on == date(2024, 3, 20)
    assert sorted(issued.lang for issued in info.issued) == ["en", "kk"]
    assert dialog.task is None and not dialog.isVisible()


def test_a_refused_signing_keeps_the_dialog_and_the_record(
    qtbot: QtBot, database: Database, dialog: SignDialog, refusals: list[KenesError]
) -> None:
    dialog.signed_on.set_day(date(2024, 3, 1))  # before the meeting was held
    dialog.accept_gaps.setChecked(True)
    before = counts(database)

    dialog.accept()
    assert dialog.task is not None and not dialog.buttons.isEnabled()
    dialog.reject()  # ignored while signing runs
    qtbot.waitUntil(lambda: dialog.task is None, timeout=60_000)

    assert len(refusals) == 1
    assert counts(database) == before  # no audit event: nothing written
    assert read_protocol(database, dialog.protocol.id).state is ProtocolState.DRAFT
    assert dialog.isVisible() and dialog.buttons.isEnabled() and dialog.ok_button.isEnabled()
