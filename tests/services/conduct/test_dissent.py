"""Dissenting opinions (000 §16): only from a member who took part in the decision."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import DomainError
from app.domain.voting import Choice
from app.models.database import Database
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.dissent import add_dissent, remove_dissent, update_dissent
from app.services.conduct.queries import live_meeting
from app.services.conduct.voting import cast_ballot, close_voting
from tests.services.conduct_helpers import DAY, ME, all_present, board_meeting, counts


def test_dissent_from_a_member_who_voted_against(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board)
    point = add_decision_point(database, ME, board.items[0], {"ru": "Утвердить план"})
    cast_ballot(database, ME, point.id, board.members[4], Choice.AGAINST)
    opinion = add_dissent(
        database,
        ME,
        point.id,
        board.members[4],
        "Жоспар қаржыландырусыз қабылданбауы керек.",
        "kk",
        DAY,
    )
    line = live_meeting(database, board.meeting_id).items[0].points[0]
    assert [d.id for d in line.dissents] == [opinion.id]
    changed = update_dissent(database, ME, opinion.id, "План без финансирования.", "ru")
    assert changed.language == "ru"
    with pytest.raises(DomainError, match="already stated"):
        add_dissent(database, ME, point.id, board.members[4], "Again", "en", DAY)
    remove_dissent(database, ME, opinion.id)


def test_dissent_from_someone_who_did_not_take_part_is_refused(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board, except_=(board.members[5],))
    point = add_decision_point(database, ME, board.items[0], {"ru": "Утвердить"})
    cast_ballot(database, ME, point.id, board.members[4], Choice.FOR)
    before = counts(database)
    for person in (board.members[5], board.members[6]):  # absent; present but did not vote
        with pytest.raises(DomainError, match="did not take part"):
            add_dissent(database, ME, point.id, person, "Disagree", "en", DAY)
    assert counts(database) == before


def test_dissent_after_the_meeting_until_the_record_is_final(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board)
    point = add_decision_point(database, ME, board.items[0], {"ru": "Утвердить"})
    cast_ballot(database, ME, point.id, board.members[4], Choice.ABSTAINED)
    close_voting(database, ME, point.id)
    later = date(2024, 3, 20)
    add_dissent(database, ME, point.id, board.members[4], "Қарсымын.", "kk", later)
    with pytest.raises(DomainError, match="before the meeting"):
        add_dissent(database, ME, point.id, board.members[3], "x", "kk", date(2024, 3, 1))
    with pytest.raises(DomainError, match="Kazakh, Russian or English"):
        add_dissent(database, ME, point.id, board.members[3], "x", "de", later)
