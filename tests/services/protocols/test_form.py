"""The form of the protocol as the record gives it: signature blocks, annex headings, dates.

The signature blocks follow the profile and practice (see
:mod:`app.services.protocols.form`): the chair who presided signs as "Chair", anyone
else as "Presiding"; the secretary's line where the profile asks for it, or where the
council's secretary attended and so kept the record.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.domain.regulation import Signers
from app.models.conduct import Attendance
from app.models.database import Database
from app.models.meeting import Meeting
from app.services.base import SYSTEM
from app.services.councils import get_council, set_profile
from app.services.people import PersonInfo
from app.services.protocols.actions import Signing, create_protocol, sign_protocol
from app.services.protocols.documents import protocol_snapshot
from app.services.protocols.form import initials_first
from tests.services.conduct_helpers import ME
from tests.services.protocol_helpers import held_meeting

NBSP = "\u00a0"


def person(surname: str, given: str, patronymic: str = "", latin: str = "") -> PersonInfo:
    return PersonInfo(1, "uid", surname, given, patronymic, latin, "", "", "", False, False, 1)


def test_names_are_initials_then_surname_on_one_line() -> None:
    assert initials_first(person("Әбенов", "Нұрлан", "Серікұлы"), "kk") == "Н.\u00a0С.\u00a0Әбенов"
    assert initials_first(person("Иванова", "Анна-Мария", "Петровна"), "ru") == (
        "А.-М.\u00a0П.\u00a0Иванова"
    )
    # A Kazakh patronymic written apart gives one initial, the father's name's.
    assert (
        initials_first(person("Сейітов", "Ерлан", "Марат ұлы"), "kk") == "Е.\u00a0М.\u00a0Сейітов"
    )
    assert initials_first(person("Ахметова", "Әсел"), "ru") == "Ә.\u00a0Ахметова"
    assert initials_first(person("Серікбаев", "Алмас", "", "Almas Serikbayev"), "en") == (
        "A.\u00a0Serikbayev"
    )
    assert initials_first(person("Серікбаев", "Алмас", "", "Almas Serikbayev"), "kk") == (
        "А.\u00a0Серікбаев"
    )


def test_the_chair_and_the_secretary_who_kept_the_record_sign(database: Database) -> None:
    held = held_meeting(database)
    protocol = create_protocol(database, ME, held.board.meeting_id)
    for lang, roles in (
        ("kk", ["Төраға", "Хатшы"]),
        ("ru", ["Председатель", "Секретарь"]),
        ("en", ["Chair", "Secretary"]),
    ):
        snap = protocol_snapshot(database, protocol.id, lang)
        assert [block.role for block in snap.signatures] == roles
        for block in snap.signatures:
            initials, surname = block.name.rsplit(NBSP, 1)
            assert initials.endswith(".") and surname[0].isupper() and " " not in block.name
            assert block.position  # the position line above the name
    kk = protocol_snapshot(database, protocol.id, "kk")
    assert "Премьер-Министрі" in kk.signatures[0].position


def test_an_absent_secretary_has_no_line_unless_the_profile_asks(database: Database) -> None:
    held = held_meeting(database)
    board = held.board
    with database.transaction() as session:  # the secretary was away after all
        row = session.scalar(
            select(Attendance).where(
                Attendance.meeting_id == board.meeting_id, Attendance.person_id == board.secretary
            )
        )
        assert row is not None
        row.present = False
    protocol = create_protocol(database, ME, board.meeting_id)
    snap = protocol_snapshot(database, protocol.id, "ru")
    assert [block.role for block in snap.signatures] == ["Председатель"]
    profile = get_council(database, 1).profile
    set_profile(
        database, SYSTEM, 1, dataclasses.replace(profile, signers=Signers.PRESIDING_AND_SECRETARY)
    )
    snap = protocol_snapshot(database, protocol.id, "ru")
    assert [block.role for block in snap.signatures] == ["Председатель", "Секретарь"]


def test_a_deputy_presiding_signs_as_presiding(database: Database) -> None:
    held = held_meeting(database)
    with database.transaction() as session:
        meeting = session.get(Meeting, held.board.meeting_id)
        assert meeting is not None
        meeting.presiding_person_id = held.board.deputy
    protocol = create_protocol(database, ME, held.board.meeting_id)
    snap = protocol_snapshot(database, protocol.id, "ru")
    assert snap.signatures[0].role == "Председательствующий"
    assert snap.signatures[1].role == "Секретарь"


def test_annex_headings_name_the_protocol_and_its_date(database: Database) -> None:
    held = held_meeting(database)
    protocol = create_protocol(database, ME, held.board.meeting_id)
    heading = {
        lang: protocol_snapshot(database, protocol.id, lang).labels["annex_heading"]
        for lang in ("kk", "ru", "en")
    }
    number = protocol_snapshot(database, protocol.id, "ru").number
    assert (
        heading["ru"]
        == f"Приложение {{annex}} к протоколу №{NBSP}{number} от 14{NBSP}марта{NBSP}2024{NBSP}года"
    )
    assert (
        heading["kk"]
        == f"2024{NBSP}жылғы{NBSP}14{NBSP}наурыздағы №{NBSP}{number} хаттамаға {{annex}}-қосымша"
    )
    assert (
        heading["en"] == f"Annex {{annex}} to Minutes No.{NBSP}{number} of 14{NBSP}March{NBSP}2024"
    )


def test_a_draft_is_dated_by_its_meeting_and_an_issued_protocol_when_signed(
    database: Database,
) -> None:
    held = held_meeting(database)
    protocol = create_protocol(database, ME, held.board.meeting_id)
    assert protocol_snapshot(database, protocol.id, "kk").document_date == "2024-03-14T10:00:00"
    before = datetime.now().astimezone()
    sign_protocol(
        database,
        ME,
        protocol.id,
        Signing(date(2024, 3, 20), languages=("kk", "ru"), accept_gaps=True),
    )
    for lang in ("kk", "ru"):
        signed = datetime.fromisoformat(
            protocol_snapshot(database, protocol.id, lang).document_date
        )
        assert signed.utcoffset() is not None
        assert abs((signed - before).total_seconds()) < 120
    with database.reading() as session:
        assert session.scalar(select(Meeting.id)) is not None


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_snapshot_labels_carry_the_annex_titles(database: Database, lang: str) -> None:
    held = held_meeting(database)
    protocol = create_protocol(database, ME, held.board.meeting_id)
    labels = protocol_snapshot(database, protocol.id, lang).labels
    expected = {
        "kk": ("Атаулы дауыс беру нәтижелері", "Ерекше пікірлер"),
        "ru": ("Результаты поименного голосования", "Особые мнения"),
        "en": ("Results of the roll-call vote", "Dissenting opinions"),
    }
    assert (labels["roll_call_title"], labels["dissents_title"]) == expected[lang]
