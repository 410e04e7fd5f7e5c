"""The live meeting's item models: the model tester, and one ballot touching one row only."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app import i18n
from app.domain.voting import Choice
from app.models.database import Database
from app.services.conduct.attendance import AttendanceInfo, record_departure
from app.services.conduct.decisions import InstructionData, add_decision_point, add_instruction
from app.services.conduct.dissent import add_dissent
from app.services.conduct.invited import InvitedData, InvitedRole, add_invited_person
from app.services.conduct.queries import LiveMeeting, live_meeting
from app.services.conduct.voting import cast_ballot, close_voting
from app.services.people import PersonData, create_person
from app.views.live_meeting.models import (
    AgendaModel,
    AttendanceModel,
    InvitedModel,
    attendance_text,
)
from app.views.live_meeting.voting_models import (
    NotesModel,
    PointRow,
    PointsModel,
    VoterRow,
    VotingModel,
    point_status,
)
from app.views.qt_i18n import apply_language
from tests.services.conduct_helpers import DAY, ME, Board, all_present, board_meeting


@pytest.fixture
def board(database: Database) -> Board:
    board = board_meeting(database)
    all_present(database, board, except_=(board.members[14],))
    record_departure(database, ME, board.meeting_id, board.members[13], board.items[1])
    substitute = create_person(database, ME, PersonData("Алмастырушы", "Әлия")).id
    add_invited_person(
        database,
        ME,
        board.meeting_id,
        InvitedData(
            InvitedRole.SUBSTITUTE,
            person_id=substitute,
            instead_of_person_id=board.members[14],
            positions={"ru": "Заместитель"},
        ),
    )
    add_invited_person(
        database, ME, board.meeting_id, InvitedData(InvitedRole.SPEAKER, name="Ахметов Данияр")
    )
    point = add_decision_point(database, ME, board.items[0], {"kk": "Бекітілсін", "en": "Approve"})
    for person in board.members[:8]:
        cast_ballot(database, ME, point.id, person, Choice.FOR)
    cast_ballot(database, ME, point.id, board.members[8], Choice.AGAINST)
    add_dissent(database, ME, point.id, board.members[8], "Келіспеймін.", "kk", DAY)
    add_instruction(
        database,
        ME,
        point.id,
        InstructionData(
            texts={"en": "Implement the plan"},
            executors={"en": "The working body"},
            deadline=date(2024, 6, 1),
            completion_forms={"en": "Information to the board"},
        ),
    )
    close_voting(database, ME, point.id)
    add_decision_point(database, ME, board.items[0], {"en": "Take note"}, mode="counts")
    return board


@pytest.fixture
def live(database: Database, board: Board) -> LiveMeeting:
    return live_meeting(database, board.meeting_id)


def voters(live: LiveMeeting, point: PointRow) -> list[VoterRow]:
    presiding = live.meeting.presiding_person_id
    return [
        VoterRow(
            m.person.id,
            m.person.full_name("en"),
            m.role,
            m.person.id == presiding,
            point.ballots.get(m.person.id),
        )
        for m in live.members
        if m.person.id in point.entitled
    ]


def test_every_model_passes_the_model_tester(qtmodeltester: ModelTester, live: LiveMeeting) -> None:
    agenda = AgendaModel()
    agenda.set_items(live.items)
    agenda.set_current(1)
    qtmodeltester.check(agenda)  # type: ignore[no-untyped-call]

    attendance = AttendanceModel()
    attendance.set_members(live.members, live.items[2].present, 3, live.meeting.presiding_person_id)
    qtmodeltester.check(attendance)  # type: ignore[no-untyped-call]

    invited = InvitedModel()
    invited.set_invited(live.invited, {m.person.id: m.person.full_name() for m in live.members})
    qtmodeltester.check(invited)  # type: ignore[no-untyped-call]

    rows = [PointRow.from_line(line) for line in live.items[0].points]
    points = PointsModel()
    points.set_points(rows)
    qtmodeltester.check(points)  # type: ignore[no-untyped-call]

    voting = VotingModel()
    voting.set_voters(voters(live, rows[0]), closed=True)
    qtmodeltester.check(voting)  # type: ignore[no-untyped-call]

    notes = NotesModel()
    notes.set_point(rows[0], lambda pid: f"#{pid}")
    qtmodeltester.check(notes)  # type: ignore[no-untyped-call]

    for model in (agenda, attendance, invited, points, voting, notes):
        model.retranslate()
        assert (
            model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DecorationRole) is None
        )


def test_the_models_show_what_was_recorded(live: LiveMeeting) -> None:
    attendance = AttendanceModel()
    attendance.set_members(live.members, live.items[2].present, 3, live.meeting.presiding_person_id)
    texts = [attendance.data(attendance.index(r, 3)) for r in range(attendance.rowCount())]
    assert texts[13] == "present until item 2" and texts[14] == "absent: on a business trip"
    assert attendance.headerData(4, Qt.Orientation.Horizontal) == "At item 3"
    assert attendance.data(attendance.index(13, 4)) == ""  # left after item 2
    assert attendance.data(attendance.index(0, 2)) == "Presiding"
    assert attendance.data(attendance.index(0, 2), Qt.ItemDataRole.ToolTipRole) == (
        "Chair, presiding"
    )
    assert attendance.data(attendance.index(0, 1), Qt.ItemDataRole.FontRole).bold()

    invited = InvitedModel()
    names = {m.person.id: m.person.full_name() for m in live.members}
    invited.set_invited(live.invited, names)
    assert (
        invited.data(invited.index(0, 1))
        == f"on behalf of {names[live.members[14].person.id]}, without a vote"
    )
    assert invited.data(invited.index(1, 1)) == "speaker"

    rows = [PointRow.from_line(line) for line in live.items[0].points]
    assert point_status(rows[0]) == (
        "voting closed · 8 for, 1 against, 0 abstained · adopted · 1 dissenting opinion · "
        "1 protocol instruction"
    )
    assert point_status(rows[1]) == "voting open · counts only"
    notes = NotesModel()
    notes.set_point(rows[0], lambda pid: "Омарова")
    assert notes.data(notes.index(0, 0)) == (
        "Dissenting opinion of Омарова (Қазақша, received 14/03/2024): Келіспеймін."
    )
    assert notes.data(notes.index(1, 0)) == (
        "Protocol instruction 1: Implement the plan; executor: The working body; "
        "deadline: 01/06/2024; form of completion: Information to the board"
    )


def test_attendance_texts() -> None:
    def info(present: bool, reason: str = "", arrived: int | None = None, left: int | None = None):  # type: ignore[no-untyped-def]
        return AttendanceInfo(1, 1, present, reason, arrived, left)

    assert attendance_text(None) == "not marked"
    assert attendance_text(info(False)) == "absent"
    assert attendance_text(info(True)) == "present"
    assert attendance_text(info(True, arrived=0)) == "present"
    assert attendance_text(info(True, arrived=1, left=2)) == "present at items 2–3"


def test_one_ballot_changes_one_row_only(qtbot: QtBot, live: LiveMeeting) -> None:
    rows = [PointRow.from_line(line) for line in live.items[0].points]
    voting = VotingModel()
    voting.set_voters(voters(live, rows[1]), closed=False)
    changed: list[tuple[int, int, int, int]] = []

    def record(top: QModelIndex, bottom: QModelIndex, _roles: object = None) -> None:
        changed.append((top.row(), top.column(), bottom.row(), bottom.column()))

    voting.dataChanged.connect(record)
    resets: list[bool] = []
    voting.modelReset.connect(lambda: resets.append(True))
    person = voting.voter(4).person_id
    assert voting.set_choice(person, Choice.AGAINST) == 4
    assert changed == [(4, 3, 4, 3)] and resets == []
    assert voting.data(voting.index(4, 3)) == "Against"
    voting.set_choice(person, Choice.DID_NOT_VOTE)
    assert voting.data(voting.index(4, 3)) == "—"
    assert voting.set_choice(10**6, Choice.FOR) is None

    points = PointsModel()
    points.set_points(rows)
    point_changes: list[int] = []
    points.dataChanged.connect(lambda top, _bottom, _roles=None: point_changes.append(top.row()))
    points.set_ballot(rows[1].id, person, Choice.FOR, None)
    assert point_changes == [1] and rows[1].ballots == {person: Choice.FOR}


def test_models_follow_the_language(live: LiveMeeting) -> None:
    voting = VotingModel()
    rows = [PointRow.from_line(line) for line in live.items[0].points]
    voting.set_voters(voters(live, rows[0]), closed=True)
    kk = i18n.translations("kk")
    try:
        apply_language("kk")
        voting.retranslate()
        assert voting.data(voting.index(0, 3)) == kk.gettext("For")
        assert voting.headerData(3, Qt.Orientation.Horizontal) == kk.gettext("Vote")
    finally:
        apply_language("en")
    assert voting.data(voting.index(0, 3)) == "For"


def test_attendance_cells_by_column_and_role(live: LiveMeeting) -> None:
    model = AttendanceModel()
    model.set_members(live.members, live.items[2].present, 3, live.meeting.presiding_person_id)

    def cell(row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(row, column), role)

    chair, away = live.members[0], live.members[14]
    assert cell(0, 0) == "1" and cell(0, 1) == chair.person.short_name("en")
    assert cell(0, 4) == "✓" and cell(14, 4) == ""
    tip = Qt.ItemDataRole.ToolTipRole
    assert cell(0, 0, tip) is None and cell(0, 4, tip) is None
    assert chair.person.full_name("en") in str(cell(0, 1, tip))
    assert cell(14, 3, tip) == cell(14, 3) == "absent: on a business trip"
    font = Qt.ItemDataRole.FontRole
    assert all(cell(0, c, font) is not None for c in range(5))  # the presiding member
    assert cell(1, 1, font) is None
    align = Qt.ItemDataRole.TextAlignmentRole
    assert cell(3, 0, align) == cell(3, 4, align) == Qt.AlignmentFlag.AlignCenter
    assert cell(3, 1, align) is None
    colour = Qt.ItemDataRole.ForegroundRole
    assert cell(14, 1, colour) is not None and cell(0, 1, colour) is None  # not at item 3
    assert cell(14, 2, Qt.ItemDataRole.UserRole) == away.person.id
    assert cell(0, 1, Qt.ItemDataRole.DecorationRole) is None
