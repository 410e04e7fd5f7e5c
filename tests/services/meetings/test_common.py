"""What the meeting actions share: moments, the editor's data checked, numbers, the digest."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from app.domain.errors import DomainError, NotFoundError
from app.domain.meeting import MeetingKind, MeetingState
from app.models.database import Database
from app.models.meeting import Meeting
from app.services.agenda.common import ItemData
from app.services.agenda.update_item import update_item
from app.services.meetings.common import (
    agenda_digest,
    as_utc,
    check_moment,
    check_time,
    clean_meeting,
    load_meeting,
    meeting_snapshot,
    members_on,
    next_number,
    taken_numbers,
)
from app.services.people import archive_person
from tests.services.meeting_helpers import (
    DAY,
    ME,
    START,
    first_item,
    make_world,
    meeting_data,
    meeting_in_state,
    plan,
)

ASTANA = timezone(timedelta(hours=5))


def test_moments_are_kept_in_utc() -> None:
    naive = datetime(2026, 4, 15, 5, 30)
    assert as_utc(naive) == datetime(2026, 4, 15, 5, 30, tzinfo=UTC)
    assert as_utc(datetime(2026, 4, 15, 10, 30, tzinfo=ASTANA)) == as_utc(naive)
    assert as_utc(None) is None
    assert check_moment(datetime(2026, 4, 15, 10, 30, tzinfo=ASTANA)).tzinfo is UTC
    assert check_moment(None).tzinfo is UTC
    for bad in (naive, date(2026, 4, 15), "2026-04-15T10:30+05:00"):
        with pytest.raises(DomainError, match="time zone"):
            check_moment(bad)  # type: ignore[arg-type]


def test_a_time_of_day_is_required_unless_optional() -> None:
    assert check_time(time(10, 0, tzinfo=ASTANA), "Start") == time(10, 0)
    assert check_time(None, "End", required=False) is None
    for bad in (None, "10:00", datetime(2026, 4, 15, 10, 0)):
        with pytest.raises(DomainError, match="time of day"):
            check_time(bad, "Start")


def test_clean_meeting_decides_the_presiding_and_the_number(database: Database) -> None:
    world = make_world(database)
    plan(database, world)  # No. 1 of 2026 taken
    with database.reading() as session:
        clean = clean_meeting(session, world.council_id, meeting_data(place_en="  Hall 3 "))
        assert taken_numbers(session, world.council_id, 2026) == [1]
        assert next_number(session, world.council_id, 2026) == 2
        assert next_number(session, world.council_id, 2027) == 1
    assert clean.presiding_person_id == world.chair  # the chair presides a session
    assert clean.number == 2 and clean.places["en"] == "Hall 3"
    assert (clean.kind, clean.day, clean.starts_at) == (MeetingKind.REGULAR, DAY, time(10, 0))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "weekly"}, "Unknown kind of meeting"),
        ({"day": "2026-04-15"}, "must be a date"),
        ({"starts_at": None}, "time of day"),
        ({"starts_at": time(12, 0), "ends_at": time(10, 0)}, ""),
        ({"place_kk": "x" * 1001}, "too long"),
        ({"number": 1}, ""),
        ({"presiding_person_id": 999}, "does not exist"),
    ],
)
def test_clean_meeting_refuses_what_the_editor_got_wrong(
    database: Database, changes: dict[str, object], message: str
) -> None:
    world = make_world(database)
    plan(database, world)
    with database.reading() as session, pytest.raises(DomainError, match=message or None):
        clean_meeting(session, world.council_id, meeting_data(**changes))


def test_an_archived_person_does_not_preside(database: Database) -> None:
    world = make_world(database)
    archive_person(database, ME, world.outsider)
    with database.reading() as session, pytest.raises(DomainError, match="archived"):
        clean_meeting(session, world.council_id, meeting_data(presiding_person_id=world.outsider))


def test_members_on_a_day_and_an_unknown_meeting(database: Database) -> None:
    world = make_world(database)
    with database.reading() as session:
        on_day = {m.person_id for m in members_on(session, world.council_id, DAY)}
        before = members_on(session, world.council_id, START - timedelta(days=1))
        with pytest.raises(NotFoundError):
            load_meeting(session, 404)
    assert on_day == {world.chair, world.deputy, world.secretary, *world.members}
    assert before == []


def test_the_digest_follows_the_agenda_content(database: Database) -> None:
    meeting_id = meeting_in_state(database, make_world(database), MeetingState.PLANNED)

    def digest_and_snapshot() -> tuple[str, dict[str, object]]:
        with database.reading() as session:
            meeting = session.get(Meeting, meeting_id)
            assert meeting is not None
            return agenda_digest(meeting), meeting_snapshot(meeting)

    first, snap = digest_and_snapshot()
    assert len(first) == 64 and digest_and_snapshot()[0] == first
    assert snap["starts_at"] == "10:00:00" and snap["meeting_date"] == DAY.isoformat()
    item = first_item(database, meeting_id)
    update_item(database, ME, item, ItemData(title_kk="Басқа атау"))
    assert digest_and_snapshot()[0] != first
    update_item(
        database,
        ME,
        item,
        ItemData(
            title_kk="Жасанды интеллект стратегиясы",
            title_ru="Стратегия ИИ",
            title_en="AI strategy",
        ),
    )
    assert digest_and_snapshot()[0] == first  # the same content, the same digest
