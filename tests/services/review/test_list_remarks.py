"""list_remarks: a meeting's remarks (its history) and every remark still unanswered."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError, NotFoundError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.base import Actor
from app.services.review.answer_remark import answer_remark
from app.services.review.list_remarks import remarks_of, unanswered_remarks
from app.services.review.return_with_remarks import return_with_remarks
from tests.services.meeting_helpers import ME, make_world, meeting_in_state, plan

CHAIR = Actor("chair")


def test_remarks_of_a_meeting_oldest_first_and_only_its_own(database: Database) -> None:
    world = make_world(database)
    first = meeting_in_state(database, world, MeetingState.PLANNED)
    second = plan(database, world)
    a = return_with_remarks(database, CHAIR, first, "agenda", "Бірінші.")
    other = return_with_remarks(database, CHAIR, second, "agenda", "Басқа отырыс.")
    b = return_with_remarks(database, CHAIR, first, "agenda", "Екінші.")
    answer_remark(database, ME, a.id, "Жауап.")
    assert [(r.id, r.text) for r in remarks_of(database, first)] == [
        (a.id, "Бірінші."),
        (b.id, "Екінші."),
    ]
    assert [r.id for r in remarks_of(database, second)] == [other.id]
    assert remarks_of(database, first)[0].answer == "Жауап."


def test_unanswered_remarks_of_every_meeting_oldest_first(database: Database) -> None:
    world = make_world(database)
    first = meeting_in_state(database, world, MeetingState.PLANNED)
    second = plan(database, world)
    a = return_with_remarks(database, CHAIR, first, "agenda", "Бірінші.")
    b = return_with_remarks(database, CHAIR, second, "agenda", "Екінші.")
    c = return_with_remarks(database, CHAIR, first, "agenda", "Үшінші.")
    assert [r.id for r in unanswered_remarks(database)] == [a.id, b.id, c.id]
    answer_remark(database, ME, b.id, "Жауап.")
    assert [r.id for r in unanswered_remarks(database)] == [a.id, c.id]
    assert all(not r.answered for r in unanswered_remarks(database))


def test_no_remarks_yet(database: Database) -> None:
    meeting = meeting_in_state(database, make_world(database), MeetingState.PLANNED)
    assert remarks_of(database, meeting) == []
    assert unanswered_remarks(database) == []
    with pytest.raises(NotFoundError):
        remarks_of(database, 404)


@pytest.mark.parametrize("bad", [0, -3, "1", None, True, 2**63])
def test_a_malformed_meeting_id_is_refused(database: Database, bad: object) -> None:
    with pytest.raises(DomainError, match="existing record"):
        remarks_of(database, bad)  # type: ignore[arg-type]
