"""The agenda's dialogs: an item added or corrected, a speaker added; a refusal keeps the input."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.meeting_detail import meeting_detail
from app.views.agenda_dialogs import ItemDialog, SpeakerDialog
from tests.services.meeting_helpers import (
    ME,
    World,
    counts,
    first_item,
    meeting_in_state,
)


@pytest.fixture
def meeting_id(database: Database, world: World) -> int:
    return meeting_in_state(database, world, MeetingState.PLANNED)


def test_an_item_is_added_with_its_texts_in_each_language(
    qtbot: QtBot, database: Database, meeting_id: int, refusals: list[KenesError]
) -> None:
    dialog = ItemDialog(database, ME, meeting_id)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Add an agenda item"
    dialog.titles.set_texts({"kk": "Бюджет туралы", "ru": "О бюджете", "en": "On the budget"})
    dialog.responsible.set_texts({"en": "Ministry of Finance"})
    dialog.note.setPlainText("Шұғыл")

    with qtbot.waitSignal(dialog.saved, timeout=1000):
        dialog.accept()

    added = meeting_detail(database, meeting_id).agenda[-1]
    assert added.titles == {"kk": "Бюджет туралы", "ru": "О бюджете", "en": "On the budget"}
    assert added.responsible_body("en") == "Ministry of Finance" and added.note == "Шұғыл"
    assert refusals == []


def test_an_item_without_a_title_is_refused_and_the_dialog_stays(
    qtbot: QtBot, database: Database, meeting_id: int, refusals: list[KenesError]
) -> None:
    dialog = ItemDialog(database, ME, meeting_id)
    qtbot.addWidget(dialog)
    dialog.responsible.set_texts({"kk": "Қаржы министрлігі"})
    dialog.show()
    before = counts(database)

    dialog.accept()

    assert len(refusals) == 1 and counts(database) == before
    assert dialog.isVisible() and dialog.responsible.texts()["kk"] == "Қаржы министрлігі"


def test_an_item_is_corrected_in_place(
    qtbot: QtBot, database: Database, meeting_id: int, refusals: list[KenesError]
) -> None:
    item = meeting_detail(database, meeting_id).agenda[0]
    dialog = ItemDialog(database, ME, meeting_id, item)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Agenda item 1"
    assert dialog.titles.texts() == item.titles

    dialog.titles.edits["en"].setText("The AI strategy, revised")
    dialog.accept()

    agenda = meeting_detail(database, meeting_id).agenda
    assert len(agenda) == 1 and agenda[0].id == item.id
    assert agenda[0].title("en") == "The AI strategy, revised" and refusals == []


def test_members_are_offered_first_and_marked(
    qtbot: QtBot, database: Database, world: World, meeting_id: int
) -> None:
    detail = meeting_detail(database, meeting_id)
    dialog = SpeakerDialog(database, ME, first_item(database, meeting_id), detail.member_ids)
    qtbot.addWidget(dialog)

    labels = [dialog.person.itemText(i) for i in range(dialog.person.count())]

    assert labels[0] == "(choose a person)"
    assert all(label.endswith("(council member)") for label in labels[1:6])
    assert labels[6] == "Anna Keller"  # in the register, not in the council
    assert dialog.person.isEnabled() and not dialog.name.isEnabled()


def test_an_invited_speaker_is_added_by_name_with_position(
    qtbot: QtBot, database: Database, meeting_id: int, refusals: list[KenesError]
) -> None:
    item_id = first_item(database, meeting_id)
    dialog = SpeakerDialog(database, ME, item_id)
    qtbot.addWidget(dialog)
    dialog.invited.setChecked(True)
    assert dialog.name.isEnabled() and not dialog.person.isEnabled()
    dialog.name.setText("Келлер Анна")
    dialog.positions.edits["en"].setText("Senior researcher")

    dialog.accept()

    (speaker,) = meeting_detail(database, meeting_id).agenda[0].speakers
    assert speaker.person is None and speaker.display_name("en") == "Келлер Анна"
    assert speaker.position("en") == "Senior researcher" and refusals == []


def test_a_speaker_with_neither_person_nor_name_is_refused(
    qtbot: QtBot, database: Database, meeting_id: int, refusals: list[KenesError]
) -> None:
    dialog = SpeakerDialog(database, ME, first_item(database, meeting_id))
    qtbot.addWidget(dialog)
    before = counts(database)

    dialog.accept()

    assert len(refusals) == 1 and counts(database) == before
    assert meeting_detail(database, meeting_id).agenda[0].speakers == ()
