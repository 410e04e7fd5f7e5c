"""undo_steps: an item, its speakers and its materials' bytes as the editor's undo keeps them."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import DomainError, NotFoundError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.agenda.add_item import add_item
from app.services.agenda.add_speaker import SpeakerData, add_speaker
from app.services.agenda.attach_material import attach_material
from app.services.agenda.common import ItemData
from app.services.agenda.remove_item import remove_item
from app.services.agenda.undo_steps import item_content, item_data, speaker_data, stamp_of
from app.services.meeting_detail import meeting_detail
from tests.services.meeting_helpers import ME, make_world, material_file, plan

FULL = ItemData(
    title_kk="Стратегия",
    title_ru="Стратегия ИИ",
    title_en="AI strategy",
    responsible_kk="ЦДМ",
    responsible_ru="МЦР",
    responsible_en="MDD",
    note="Баяндама 10 минут",
)


@pytest.fixture
def meeting_id(database: Database) -> int:
    return plan(database, make_world(database))


def test_item_data_gives_back_what_the_editor_sent(database: Database, meeting_id: int) -> None:
    change = add_item(database, ME, meeting_id, FULL)
    (added,) = change.agenda
    assert item_data(added) == FULL
    only_kk = add_item(database, ME, meeting_id, ItemData(title_kk="Әртүрлі"))
    assert item_data(only_kk.agenda[1]) == ItemData(title_kk="Әртүрлі")


def test_the_stamp_is_the_agenda_as_the_step_left_it(database: Database, meeting_id: int) -> None:
    change = add_item(database, ME, meeting_id, FULL)
    stamp = stamp_of(change)
    assert stamp.meeting_id == meeting_id and stamp.state == MeetingState.PLANNED.value
    assert stamp.approved_at is None and stamp.items == change.agenda
    again = add_item(database, ME, meeting_id, ItemData(title_kk="Екінші"))
    assert stamp_of(again) != stamp


def test_speakers_from_the_register_and_invited_ones(database: Database) -> None:
    world = make_world(database)
    meeting_id = plan(database, world)
    item_id = add_item(database, ME, meeting_id, FULL).item_id
    assert item_id is not None
    invited = SpeakerData(name="Келлер Анна", position_en="Expert", organisation_ru="ТОО «Альфа»")
    registered = SpeakerData(person_id=world.chair, position_kk="Төраға")
    add_speaker(database, ME, item_id, invited)
    change = add_speaker(database, ME, item_id, registered)
    first, second = change.agenda[0].speakers
    assert first.person is None and speaker_data(first) == invited
    assert second.person is not None and speaker_data(second) == registered


def test_item_content_keeps_the_bytes_after_the_item_is_removed(
    database: Database, meeting_id: int, tmp_path: Path
) -> None:
    item_id = add_item(database, ME, meeting_id, FULL).item_id
    assert item_id is not None
    attach_material(database, ME, item_id, material_file(tmp_path, content=b"%PDF-1.4 a"))
    attach_material(database, ME, item_id, material_file(tmp_path, "b.pdf", b"%PDF-1.4 b"))
    (item,) = meeting_detail(database, meeting_id).agenda
    content = item_content(database, item)
    remove_item(database, ME, item.id)
    assert content.data == FULL and content.speakers == ()
    assert [(m.info.file_name, m.data) for m in content.materials] == [
        ("анықтама.pdf", b"%PDF-1.4 a"),
        ("b.pdf", b"%PDF-1.4 b"),
    ]
    with pytest.raises(NotFoundError):
        item_content(database, item)  # the item is gone: nothing to keep


def test_item_content_refuses_data_of_the_wrong_shape(database: Database) -> None:
    with pytest.raises(DomainError, match="not valid"):
        item_content(database, FULL)  # type: ignore[arg-type]
