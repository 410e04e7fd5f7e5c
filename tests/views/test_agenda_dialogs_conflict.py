"""An agenda item saved meanwhile on another workstation: both versions shown, a choice."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.agenda.common import ItemData
from app.services.agenda.update_item import update_item
from app.services.meeting_detail import meeting_detail
from app.views import conflict_dialog
from app.views.agenda_dialogs import ItemDialog
from app.views.conflict_dialog import Choice
from tests.services.meeting_helpers import ME, make_world, meeting_in_state


def setup(database: Database, qtbot: QtBot) -> tuple[int, ItemDialog]:
    world = make_world(database)
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    item = meeting_detail(database, meeting).agenda[0]
    dialog = ItemDialog(database, ME, meeting, item)
    qtbot.addWidget(dialog)
    # Another workstation corrects the Russian title meanwhile.
    update_item(
        database, ME, item.id, ItemData(title_kk=item.titles["kk"], title_ru="Стратегия ИИ 2030")
    )
    dialog.titles.set_texts({**item.titles, "en": "AI strategy to 2030"})
    return meeting, dialog


@pytest.mark.parametrize("choice", [Choice.KEEP_THEIRS, Choice.SAVE_MINE])
def test_the_user_chooses_between_the_two_versions(
    qtbot: QtBot,
    database: Database,
    refusals: list[KenesError],
    monkeypatch: pytest.MonkeyPatch,
    choice: Choice,
) -> None:
    shown: list[list[tuple[str, str, str]]] = []
    monkeypatch.setattr(
        conflict_dialog, "ask_conflict", lambda _parent, rows: shown.append(rows) or choice
    )
    meeting, dialog = setup(database, qtbot)
    dialog.accept()
    assert refusals == []
    assert ("Title (in Russian)", "Стратегия ИИ 2030", "Стратегия ИИ") in shown[0]
    saved = meeting_detail(database, meeting).agenda[0]
    if choice is Choice.KEEP_THEIRS:
        assert dialog.titles.texts()["ru"] == "Стратегия ИИ 2030"
        assert saved.titles["ru"] == "Стратегия ИИ 2030" and saved.titles["en"] == ""
    else:
        assert saved.titles["ru"] == "Стратегия ИИ" and saved.titles["en"] == "AI strategy to 2030"
