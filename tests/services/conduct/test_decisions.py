"""Decision points and protocol instructions; invited persons."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import DomainError
from app.domain.voting import Choice
from app.models.database import Database
from app.services.conduct.decisions import (
    InstructionData,
    add_decision_point,
    add_instruction,
    remove_decision_point,
    remove_instruction,
    update_decision_point,
    update_instruction,
)
from app.services.conduct.invited import (
    InvitedData,
    InvitedRole,
    add_invited_person,
    remove_invited_person,
)
from app.services.conduct.queries import live_meeting
from app.services.conduct.voting import cast_ballot, close_voting
from tests.services.conduct_helpers import ME, all_present, board_meeting, counts


def test_points_are_numbered_per_item_and_need_a_text(database: Database) -> None:
    board = board_meeting(database)
    first = add_decision_point(database, ME, board.items[0], {"kk": "Бірінші"})
    second = add_decision_point(database, ME, board.items[0], {"ru": "Второй"})
    other = add_decision_point(database, ME, board.items[1], {"en": "Other"})
    assert (first.number, second.number, other.number) == (1, 2, 1)
    with pytest.raises(DomainError, match="at least one language"):
        add_decision_point(database, ME, board.items[0], {"kk": " ", "ru": ""})
    assert update_decision_point(database, ME, first.id, {"en": "First"}).text("en") == "First"


def test_closed_or_voted_points_cannot_be_changed_or_removed(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board)
    point = add_decision_point(database, ME, board.items[0], {"en": "Approve"})
    cast_ballot(database, ME, point.id, board.members[3], Choice.FOR)
    with pytest.raises(DomainError, match="cannot be removed"):
        remove_decision_point(database, ME, point.id)
    close_voting(database, ME, point.id)
    with pytest.raises(DomainError, match="closed"):
        update_decision_point(database, ME, point.id, {"en": "Changed"})
    spare = add_decision_point(database, ME, board.items[1], {"en": "Typo"})
    remove_decision_point(database, ME, spare.id)


def test_instructions_carry_executor_deadline_and_form(database: Database) -> None:
    board = board_meeting(database)
    point = add_decision_point(database, ME, board.items[0], {"ru": "Поручить"})
    made = add_instruction(
        database,
        ME,
        point.id,
        InstructionData(
            texts={"ru": "Подготовить проект дорожной карты"},
            executors={"ru": "Министерство цифрового развития"},
            deadline=date(2024, 6, 1),
            completion_forms={"ru": "Информация в Правительство"},
        ),
    )
    assert made.number == 1 and made.executor("kk") == "Министерство цифрового развития"
    with pytest.raises(DomainError, match="responsible executor"):
        add_instruction(database, ME, point.id, InstructionData(texts={"en": "Do it"}))
    with pytest.raises(DomainError, match="before the meeting"):
        add_instruction(
            database,
            ME,
            point.id,
            InstructionData(
                texts={"en": "Do it"},
                executor_person_id=board.members[1],
                deadline=date(2020, 1, 1),
            ),
        )
    updated = update_instruction(
        database,
        ME,
        made.id,
        InstructionData(texts={"ru": "Подготовить"}, executor_person_id=board.members[1]),
    )
    assert updated.executor_person_id == board.members[1]
    line = live_meeting(database, board.meeting_id).items[0].points[0]
    assert [i.id for i in line.instructions] == [made.id]
    remove_instruction(database, ME, made.id)


def test_invited_persons_are_listed_and_never_counted(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board)
    speaker = add_invited_person(
        database,
        ME,
        board.meeting_id,
        InvitedData(
            InvitedRole.SPEAKER,
            name="Серікбаев Алмас",
            positions={"kk": "Департамент директоры"},
            organisations={"kk": "ЦДИАӨМ"},
        ),
    )
    live = live_meeting(database, board.meeting_id)
    assert [i.id for i in live.invited] == [speaker.id]
    assert len(live.items[0].entitled) == 15
    before = counts(database)
    with pytest.raises(DomainError, match="is a member of the council"):
        add_invited_person(
            database,
            ME,
            board.meeting_id,
            InvitedData(InvitedRole.GUEST, person_id=board.members[3]),
        )
    with pytest.raises(DomainError, match="is marked present in person"):
        add_invited_person(
            database,
            ME,
            board.meeting_id,
            InvitedData(
                InvitedRole.SUBSTITUTE, name="Орынбасар", instead_of_person_id=board.members[3]
            ),
        )
    with pytest.raises(DomainError, match="needs a name"):
        add_invited_person(database, ME, board.meeting_id, InvitedData(InvitedRole.GUEST))
    with pytest.raises(DomainError, match="came instead of"):
        add_invited_person(
            database, ME, board.meeting_id, InvitedData(InvitedRole.SUBSTITUTE, name="X")
        )
    assert counts(database) == before
    remove_invited_person(database, ME, speaker.id)
