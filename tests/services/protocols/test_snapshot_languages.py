"""Every language is whole: reasons of absence, gender agreement, counts, "on behalf of"."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.domain.absence import BUSINESS_TRIP, OTHER
from app.domain.voting import Choice
from app.models.composition import Person
from app.models.database import Database
from app.services.conduct.attendance import record_attendance
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.dissent import add_dissent
from app.services.conduct.invited import InvitedData, InvitedRole, add_invited_person
from app.services.conduct.voting import cast_ballot, close_voting
from app.services.meetings.mark_held import mark_held
from app.services.meetings.notify_members import notify_members
from app.services.people import PersonData, person_info, update_person
from app.services.protocols.actions import ProtocolDetails, create_protocol, update_protocol
from app.services.protocols.documents import protocol_snapshot
from tests.services.conduct_helpers import DAY, ME, Board, board_meeting

CITIES = {"kk": "Астана", "ru": "Астана", "en": "Astana"}


def _held(db: Database, *, dissenter_gender: str | None = None) -> tuple[Board, int]:
    """14 of 15 present; one absent on a business trip, one for another reason (kk only)."""
    board = board_meeting(db)
    trip, other = board.members[-1], board.members[-2]
    for person in board.members:
        if person == trip:
            record_attendance(db, ME, board.meeting_id, person, False, absence_kind=BUSINESS_TRIP)
        elif person == other:
            record_attendance(
                db,
                ME,
                board.meeting_id,
                person,
                False,
                absence_kind=OTHER,
                absence_reasons={"kk": "халықаралық форумда"},
            )
        else:
            record_attendance(db, ME, board.meeting_id, person, True)
    add_invited_person(
        db,
        ME,
        board.meeting_id,
        InvitedData(InvitedRole.SUBSTITUTE, name="Серікбаев Алмас", instead_of_person_id=trip),
    )
    notify_members(db, ME, board.meeting_id, "kk", at=datetime(2024, 3, 1, 9, tzinfo=UTC))
    point = add_decision_point(
        db, ME, board.items[0], {"kk": "Бекітілсін.", "ru": "Утвердить.", "en": "Approve."}
    )
    for person in board.members[:9]:
        cast_ballot(db, ME, point.id, person, Choice.FOR)
    for person in board.members[9:13]:
        cast_ballot(db, ME, point.id, person, Choice.AGAINST)
    close_voting(db, ME, point.id)
    dissenter = board.members[10]
    if dissenter_gender is not None:
        with db.reading() as session:
            info = person_info(session.get(Person, dissenter))
        update_person(
            db,
            ME,
            dissenter,
            PersonData(info.surname, info.given_name, info.patronymic, gender=dissenter_gender),
        )
    add_dissent(db, ME, point.id, dissenter, "Қарсымын.", "kk", DAY)
    mark_held(db, ME, board.meeting_id, today=date(2024, 3, 15))
    protocol = create_protocol(db, ME, board.meeting_id)
    update_protocol(db, ME, protocol.id, ProtocolDetails("3", CITIES, "kk"))
    return board, protocol.id


def test_a_listed_reason_is_translated_and_other_is_a_gap(database: Database) -> None:
    _board, protocol = _held(database)
    notes = {
        lang: [p.note for p in protocol_snapshot(database, protocol, lang).absent]
        for lang in ("kk", "ru", "en")
    }
    assert "в командировке" in notes["ru"] and "іссапар" not in " ".join(notes["ru"])
    assert "іссапарда" in notes["kk"]
    assert "on a business trip" in notes["en"]
    assert "халықаралық форумда" in notes["kk"]
    ru = protocol_snapshot(database, protocol, "ru")
    # The gap names what is missing as a secretary reads it, in the interface language.
    assert any(g.startswith("Reason of absence of ") for g in ru.gaps)
    kk = protocol_snapshot(database, protocol, "kk")
    assert not any(g.startswith("Reason of absence") for g in kk.gaps)


def test_counts_and_attendance_read_naturally(database: Database) -> None:
    _board, protocol = _held(database)
    kk = protocol_snapshot(database, protocol, "kk")
    assert kk.present_count == "Дауыс беру құқығы бар 15 кеңес мүшесінің 13-і қатысты"
    result = kk.items[0].decisions[0].result
    assert result.startswith("жақтағандар – 9, қарсылар – 4, қалыс қалғандар – 0")
    ru = protocol_snapshot(database, protocol, "ru")
    assert (
        ru.items[0]
        .decisions[0]
        .result.startswith("9 голосов «за», 4 голоса «против», 0 голосов «воздержался»")
    )
    en = protocol_snapshot(database, protocol, "en")
    assert en.present_count == "13 of 15 members of the council with a vote were present"
    assert en.title == "MINUTES No. 3"
    assert en.labels["decided"] == "Resolved:"
    assert en.labels["instructions"] == "Action items:"


@pytest.mark.parametrize(("gender", "verb"), [("male", "выразил "), ("female", "выразила ")])
def test_russian_verbs_agree_with_the_member(database: Database, gender: str, verb: str) -> None:
    _board, protocol = _held(database, dissenter_gender=gender)
    mention = protocol_snapshot(database, protocol, "ru").items[0].decisions[0].dissent_mentions[0]
    assert verb in mention and "(а)" not in mention


def test_without_a_known_gender_the_wording_is_neutral(database: Database) -> None:
    _board, protocol = _held(database, dissenter_gender="unknown")
    mention = protocol_snapshot(database, protocol, "ru").items[0].decisions[0].dissent_mentions[0]
    assert "выразил" not in mention and mention.startswith("Особое мнение члена совета: ")


def test_the_deputy_attended_on_behalf_of_the_absent_member(database: Database) -> None:
    board, protocol = _held(database)
    with database.reading() as session:
        absent = person_info(session.get(Person, board.members[-1]))
    ru = protocol_snapshot(database, protocol, "ru").invited[0].instead_of
    assert ru.startswith("от имени отсутствующего члена совета ")
    assert ru.endswith(", без права голоса")
    if absent.gender == "male" and absent.surname.endswith(("ов", "ев", "ин")):
        assert f"{absent.surname}а " in ru  # the surname in the genitive
    kk = protocol_snapshot(database, protocol, "kk").invited[0].instead_of
    assert kk.startswith("қатыспаған кеңес мүшесі ") and "дауыс беру құқығынсыз" in kk
    en = protocol_snapshot(database, protocol, "en").invited[0].instead_of
    assert en.startswith("attended on behalf of the absent member ") and "without a vote" in en


def test_a_position_in_one_language_only_is_a_gap_named_for_the_secretary(
    database: Database,
) -> None:
    from app.models.composition import Seat
    from app.services.people import PositionData, update_position

    board = board_meeting(database)
    with database.reading() as session:
        seat = session.scalars(select(Seat).where(Seat.position_id.is_not(None))).first()
        assert seat is not None and seat.position_id is not None
        position_id = seat.position_id
    update_position(database, ME, position_id, PositionData(title_kk="Кеңесші", is_demo=True))
    for person in board.members:
        record_attendance(database, ME, board.meeting_id, person, True)
    notify_members(database, ME, board.meeting_id, "kk", at=datetime(2024, 3, 1, 9, tzinfo=UTC))
    mark_held(database, ME, board.meeting_id, today=date(2024, 3, 15))
    protocol = create_protocol(database, ME, board.meeting_id)
    update_protocol(database, ME, protocol.id, ProtocolDetails("3", CITIES, "kk"))
    ru = protocol_snapshot(database, protocol.id, "ru")
    kk = protocol_snapshot(database, protocol.id, "kk")
    assert any(g.startswith("Position of ") for g in ru.gaps)
    assert not any(g.startswith("Position of ") for g in kk.gaps)
    # The gap names the person by initials and surname, never by an internal id.
    gap = next(g for g in ru.gaps if g.startswith("Position of "))
    assert "#" not in gap and "." in gap
