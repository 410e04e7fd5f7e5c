"""The seat dialogs: add, end, marks, a new edition; a refusal keeps the dialog and the data."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from app.domain.composition import Role, Side
from app.domain.errors import KenesError
from app.models.database import Database
from app.services.seats import CompositionLine, composition
from app.views.seat_dialog import (
    EndSeatDialog,
    NewEditionDialog,
    SeatDialog,
    SeatMarksDialog,
    describe_line,
)
from tests.services.meeting_helpers import ME, World, counts

ON = date(2026, 3, 2)


def lines(database: Database, world: World, day: date = ON) -> list[CompositionLine]:
    return composition(database, world.council_id, day)


def test_a_personal_seat_is_added_with_its_marks(
    qtbot: QtBot, database: Database, world: World, refusals: list[KenesError]
) -> None:
    dialog = SeatDialog(database, ME, world.council_id, ON)
    qtbot.addWidget(dialog)
    assert not dialog.person.isEnabled()  # ex officio by default
    dialog.personal.setChecked(True)
    dialog.person.set_value(world.outsider)
    dialog.voting.setChecked(False)
    dialog.side.set_value(Side.FOREIGN)

    with qtbot.waitSignal(dialog.saved, timeout=1000):
        dialog.accept()

    assert refusals == []
    added = [line for line in lines(database, world) if line.seat.person_id == world.outsider]
    assert len(added) == 1
    seat = added[0].seat
    assert (seat.role, seat.voting, seat.side, seat.valid_from) == (
        Role.MEMBER,
        False,
        Side.FOREIGN,
        ON,
    )
    assert lines(database, world, date(2026, 3, 1)) != lines(database, world)


def test_a_personal_seat_without_a_person_is_refused_and_nothing_is_written(
    qtbot: QtBot, database: Database, world: World, refusals: list[KenesError]
) -> None:
    dialog = SeatDialog(database, ME, world.council_id, ON)
    qtbot.addWidget(dialog)
    dialog.personal.setChecked(True)
    dialog.show()
    before = counts(database)

    dialog.accept()

    assert [e.message() for e in refusals] == ["A personal seat must name the person who holds it."]
    assert counts(database) == before and dialog.isVisible()


def test_ending_a_seat_takes_it_out_after_its_last_day(
    qtbot: QtBot, database: Database, world: World, refusals: list[KenesError]
) -> None:
    deputy = next(line for line in lines(database, world) if line.seat.id == world.deputy_seat)
    dialog = EndSeatDialog(database, ME, deputy, ON)
    qtbot.addWidget(dialog)
    assert dialog.seat_label.text() == "Deputy chair — Aigerim Zhaksylykova"

    dialog.accept()

    assert refusals == []
    assert world.deputy_seat in {line.seat.id for line in lines(database, world, ON)}
    assert world.deputy_seat not in {
        line.seat.id for line in lines(database, world, date(2026, 3, 3))
    }


def test_a_seat_cannot_end_before_it_began(
    qtbot: QtBot, database: Database, world: World, refusals: list[KenesError]
) -> None:
    chair = lines(database, world)[0]
    dialog = EndSeatDialog(database, ME, chair, date(2024, 12, 1))
    qtbot.addWidget(dialog)
    before = counts(database)

    dialog.accept()

    assert len(refusals) == 1 and counts(database) == before


def test_the_marks_are_corrected_in_place(
    qtbot: QtBot, database: Database, world: World, refusals: list[KenesError]
) -> None:
    member = next(
        line for line in lines(database, world) if line.seat.person_id == world.members[0]
    )
    dialog = SeatMarksDialog(database, ME, member)
    qtbot.addWidget(dialog)
    assert dialog.voting.isChecked() and dialog.side.value() is Side.NONE
    dialog.by_agreement.setChecked(True)
    dialog.note.setText("Келісім бойынша")

    dialog.accept()

    corrected = next(line for line in lines(database, world) if line.seat.id == member.seat.id)
    assert corrected.seat.by_agreement and corrected.seat.note == "Келісім бойынша"
    assert corrected.seat.valid_from == member.seat.valid_from and refusals == []


def test_a_new_edition_carries_over_the_ticked_seats_only(
    qtbot: QtBot, database: Database, world: World, refusals: list[KenesError]
) -> None:
    dialog = NewEditionDialog(database, ME, world.council_id, ON)
    qtbot.addWidget(dialog)
    assert dialog.seats.count() == 5
    assert dialog.seats.item(0).text() == describe_line(lines(database, world, date(2026, 3, 1))[0])
    kept = {world.chair_seat, world.deputy_seat}
    dialog.set_carried(kept)
    assert {line.seat.id for line in dialog.carried_lines()} == kept

    before = counts(database)
    dialog.accept()  # no act: refused
    assert [e.message() for e in refusals] == [
        "A new edition of the composition needs the act that approves it."
    ]
    assert counts(database) == before

    dialog.act.titles["ru"].setText("Приказ министра")
    dialog.act.number.setText("41")
    dialog.accept()

    assert len(refusals) == 1
    after = lines(database, world)
    assert [line.person.id for line in after if line.person] == [world.chair, world.deputy]
    assert all(line.seat.valid_from == ON for line in after)
    assert len(lines(database, world, date(2026, 3, 1))) == 5  # the old edition, kept
