"""invited: speakers, experts, guests and substitutes listed at a meeting, never counted."""

from __future__ import annotations

import pytest

from app import i18n
from app.domain.errors import DomainError, NotFoundError
from app.models.database import Database
from app.services.conduct.invited import (
    INVITED_ROLE_LABELS,
    InvitedData,
    InvitedRole,
    add_invited_person,
    remove_invited_person,
)
from app.services.conduct.queries import live_meeting
from app.services.meetings.cancel_meeting import cancel_meeting
from app.services.people import PersonData, create_person
from tests.services.conduct_helpers import ME, Board, all_present, board_meeting, counts
from tests.services.helpers import audit_actions


@pytest.fixture
def board(database: Database) -> Board:
    meeting = board_meeting(database, items=1)
    all_present(database, meeting, except_=(meeting.members[-1],))
    return meeting


def test_every_role_has_a_label_in_kazakh_and_russian() -> None:
    assert set(INVITED_ROLE_LABELS) == set(InvitedRole)
    for label in INVITED_ROLE_LABELS.values():
        for lang in ("kk", "ru"):
            assert i18n.translations(lang).gettext(label) != label


def test_a_person_from_the_register_is_named_from_it(database: Database, board: Board) -> None:
    expert = create_person(
        database,
        ME,
        PersonData(surname="Келлер", given_name="Анна", latin_name="Anna Keller"),
    )
    listed = add_invited_person(
        database,
        ME,
        board.meeting_id,
        InvitedData(
            InvitedRole.EXPERT,
            person_id=expert.id,
            positions={"kk": "сарапшы", "en": "expert", "de": "Expertin"},
            organisations={"ru": "ТОО «Альфа»"},
        ),
    )
    assert listed.person_id == expert.id and listed.name == "Келлер Анна"
    assert listed.display_name("en") == "Anna Keller" and listed.display_name("kk") == "Келлер Анна"
    assert listed.positions == {"kk": "сарапшы", "ru": "", "en": "expert"}  # no German column
    assert listed.organisation("ru") == "ТОО «Альфа»"
    assert audit_actions(database)[-1] == "invited.add"


def test_people_are_listed_in_the_order_added_and_a_substitute_names_the_member(
    database: Database, board: Board
) -> None:
    guest = add_invited_person(
        database, ME, board.meeting_id, InvitedData(InvitedRole.GUEST, name="Қонақ")
    )
    absent = board.members[-1]
    substitute = add_invited_person(
        database,
        ME,
        board.meeting_id,
        InvitedData(InvitedRole.SUBSTITUTE, name="Орынбасар", instead_of_person_id=absent),
    )
    live = live_meeting(database, board.meeting_id)
    assert [i.id for i in live.invited] == [guest.id, substitute.id]
    assert live.invited[1].instead_of_person_id == absent
    assert substitute.person_id not in live.items[0].entitled  # never counted


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (InvitedData("chair", name="X"), "Unknown role"),  # type: ignore[arg-type]
        (InvitedData(InvitedRole.GUEST, name="X", positions="сарапшы"), "not valid"),  # type: ignore[arg-type]
        (InvitedData(InvitedRole.GUEST, name="x" * 301), "too long"),
        (InvitedData(InvitedRole.GUEST, person_id=999), "does not exist"),
        (InvitedData(InvitedRole.SUBSTITUTE, name="X", instead_of_person_id=0), "existing record"),
    ],
)
def test_bad_data_is_refused_and_nothing_written(
    database: Database, board: Board, data: InvitedData, message: str
) -> None:
    before = counts(database)
    with pytest.raises(DomainError, match=message):
        add_invited_person(database, ME, board.meeting_id, data)
    assert counts(database) == before


def test_the_list_is_closed_with_the_meeting(database: Database, board: Board) -> None:
    guest = add_invited_person(
        database, ME, board.meeting_id, InvitedData(InvitedRole.GUEST, name="Қонақ")
    )
    remove_invited_person(database, ME, guest.id)
    assert audit_actions(database)[-1] == "invited.remove"
    assert live_meeting(database, board.meeting_id).invited == ()
    with pytest.raises(NotFoundError):
        remove_invited_person(database, ME, guest.id)
    again = add_invited_person(
        database, ME, board.meeting_id, InvitedData(InvitedRole.GUEST, name="Қонақ")
    )
    cancel_meeting(database, ME, board.meeting_id, "Кворум болмайды.")
    before = counts(database)
    with pytest.raises(DomainError):
        remove_invited_person(database, ME, again.id)
    with pytest.raises(DomainError):
        add_invited_person(database, ME, board.meeting_id, InvitedData(InvitedRole.GUEST, name="Y"))
    assert counts(database) == before
