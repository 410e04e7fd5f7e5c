"""The composition as the PDF list's data: the seed's lines, headings in the genitive."""

from __future__ import annotations

from app.domain.composition import Role, SeatKind
from app.models.database import Database
from app.services import demo_data
from app.services.base import SYSTEM
from app.services.compositions.composition_snapshot import composition_snapshot
from app.services.people import PersonData, PositionData, create_person, create_position
from app.services.seats import SeatData, add_seat
from tests.services.compositions.composition_helpers import ON, new_council

BY_AGREEMENT = sum(1 for _role, agreed, _titles, _holder in demo_data.SEATS if agreed)


def test_the_snapshot_lists_the_seats_like_the_seed(database: Database, demo: int) -> None:
    snapshot = composition_snapshot(database, demo, ON, "en")
    assert len(snapshot.entries) == len(demo_data.SEATS)
    assert snapshot.entries[0].text == "Prime Minister of the Republic of Kazakhstan, chair"
    assert snapshot.entries[3].text == "Akim of the city of Almaty"
    assert snapshot.entries[3].person == "Bakyt Mukhamedzhanov"
    assert sum(e.by_agreement for e in snapshot.entries) == BY_AGREEMENT == 11
    assert sum(e.text.endswith(" (by agreement)") for e in snapshot.entries) == BY_AGREEMENT
    assert snapshot.heading == (
        "Composition of the Supervisory board of the “Innovative "
        "Technologies Park” innovation cluster"
    )
    assert snapshot.edition_note.startswith("Note. The composition as amended by")
    assert "№" not in snapshot.edition_note and "No. 27" in snapshot.edition_note
    assert snapshot.date_line == "As of 1\u00a0January\u00a02024"  # a date never breaks
    assert composition_snapshot(database, demo, ON, "en", heading=" Mine ").heading == "Mine"


def test_the_kazakh_snapshot_uses_the_genitive_of_the_council(
    database: Database, demo: int
) -> None:
    """Needs the kk catalog: "Composition of the {council}" -> "{council} құрамы"."""
    snapshot = composition_snapshot(database, demo, ON, "kk")
    assert snapshot.heading == (
        "«Инновациялық технологиялар паркі» инновациялық кластерінің қамқоршылық кеңесінің құрамы"
    )
    assert snapshot.entries[0].text == "Қазақстан Республикасының Премьер-Министрі, төраға"
    assert snapshot.entries[4].text.endswith("(келісу бойынша)")
    assert snapshot.entries[0].person_lines == ("Әбенов", "Нұрлан Серікұлы")
    assert snapshot.edition_note == (
        "Ескерту. Құрам жаңа редакцияда – Қазақстан Республикасы Үкіметінің қаулысы "
        "26.01.2022 № 27."
    )
    assert snapshot.date_line == "2024\u00a0жылғы\u00a01\u00a0қаңтардағы жағдай бойынша"


def test_the_russian_snapshot_uses_the_genitive_of_the_council(
    database: Database, demo: int
) -> None:
    """Needs the ru catalog: "Composition of the {council}" -> "Состав {council}"."""
    snapshot = composition_snapshot(database, demo, ON, "ru")
    assert snapshot.heading == (
        "Состав Попечительского совета инновационного кластера «Парк инновационных технологий»"
    )
    assert snapshot.entries[1].text.endswith(", заместитель председателя")
    assert snapshot.entries[4].text.endswith(" (по согласованию)")
    assert snapshot.date_line == "По состоянию на 1\u00a0января\u00a02024\u00a0года"


def test_a_personal_seat_is_listed_with_the_name(database: Database) -> None:
    target = new_council(database)
    person = create_person(
        database, SYSTEM, PersonData("Иванова", "Анна", "Петровна", latin_name="Anna Ivanova")
    )
    position = create_position(database, SYSTEM, PositionData(title_en="Professor"))
    add_seat(
        database,
        SYSTEM,
        target,
        SeatData(
            Role.SECRETARY,
            SeatKind.PERSONAL,
            ON,
            position_id=position.id,
            person_id=person.id,
            by_agreement=True,
        ),
    )
    [entry] = composition_snapshot(database, target, ON, "en").entries
    assert entry.text == "Anna Ivanova – Professor, secretary (by agreement)"
    assert entry.table_text == "Professor, secretary (by agreement)"
