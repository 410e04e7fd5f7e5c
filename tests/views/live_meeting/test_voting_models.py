"""The voting side's models, cell by cell: the grid, the decision points, their notes."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont
from pytestqt.qtbot import QtBot

from app.domain.composition import Role
from app.domain.voting import Choice
from app.models.database import Database
from app.services.conduct.decisions import InstructionData, add_decision_point, add_instruction
from app.services.conduct.dissent import add_dissent
from app.services.conduct.queries import live_meeting
from app.services.conduct.voting import cast_ballot, close_voting
from app.views.live_meeting.models import CHOICE_COLOURS, ID_ROLE, NO_BALLOT
from app.views.live_meeting.voting_models import (
    NotesModel,
    PointRow,
    PointsModel,
    VoterRow,
    VotingModel,
    point_status,
)
from tests.services.conduct_helpers import DAY, ME, Board, all_present

FONT, COLOUR = Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole
ALIGN, DISPLAY, TIP = (
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
)


@pytest.fixture
def grid(qtbot: QtBot) -> VotingModel:
    model = VotingModel()
    model.set_voters(
        [
            VoterRow(1, "Chair A.", Role.CHAIR, True, None, "Chair Aida\nMinister"),
            VoterRow(2, "Member B.", Role.MEMBER, False, Choice.AGAINST),
        ],
        closed=False,
    )
    return model


def cell(model: VotingModel, row: int, column: int, role: int) -> object:
    return model.data(model.index(row, column), role)


def test_the_grid_answers_every_column_and_role(grid: VotingModel) -> None:
    assert [cell(grid, 0, c, DISPLAY) for c in range(4)] == ["1", "Chair A.", "Presiding", "—"]
    assert [cell(grid, 1, c, DISPLAY) for c in range(4)] == ["2", "Member B.", "Member", "Against"]
    # Tool tips: the full name and position, the role in full, the vote; none on the number.
    assert cell(grid, 0, 0, TIP) is None
    assert cell(grid, 0, 1, TIP) == "Chair Aida\nMinister"
    assert cell(grid, 1, 1, TIP) == "Member B."  # no tool tip given: the name
    assert cell(grid, 0, 2, TIP) == "Chair, presiding"
    assert cell(grid, 1, 3, TIP) == "Against"
    # Bold: the presiding member's whole row, and a recorded vote.
    assert all(isinstance(cell(grid, 0, c, FONT), QFont) for c in range(4))
    assert [cell(grid, 1, c, FONT) is not None for c in range(4)] == [False, False, False, True]
    # The vote's colour: its choice's, or muted while there is none; other columns none.
    against = cell(grid, 1, 3, COLOUR)
    assert isinstance(against, QBrush) and against.color() == CHOICE_COLOURS[Choice.AGAINST]
    assert isinstance(cell(grid, 0, 3, COLOUR), QBrush)
    assert cell(grid, 1, 1, COLOUR) is None
    assert cell(grid, 0, 0, ALIGN) == Qt.AlignmentFlag.AlignCenter
    assert cell(grid, 0, 1, ALIGN) is None
    assert [cell(grid, r, 2, ID_ROLE) for r in range(2)] == [1, 2]
    assert cell(grid, 0, 1, Qt.ItemDataRole.DecorationRole) is None
    assert cell(grid, 5, 1, DISPLAY) is None and cell(grid, 0, 9, DISPLAY) is None


def test_a_closed_grid_says_did_not_vote(grid: VotingModel) -> None:
    grid.set_voters(grid.voters(), closed=True)
    assert cell(grid, 0, 3, DISPLAY) == "Did not vote"
    grid.set_voters(grid.voters(), closed=False)
    assert cell(grid, 0, 3, DISPLAY) == NO_BALLOT


def test_a_ballot_changes_the_vote_cell_alone(grid: VotingModel) -> None:
    changed: list[tuple[int, int, int, int]] = []
    grid.dataChanged.connect(
        lambda top, bottom, _roles=None: changed.append(
            (top.row(), top.column(), bottom.row(), bottom.column())
        )
    )
    resets: list[bool] = []
    grid.modelReset.connect(lambda: resets.append(True))
    assert grid.set_choice(1, Choice.FOR) == 0
    assert changed == [(0, 3, 0, 3)] and resets == []
    assert cell(grid, 0, 3, DISPLAY) == "For"
    assert grid.set_choice(2, Choice.DID_NOT_VOTE) == 1  # cleared: no ballot any more
    assert grid.voter(1).choice is None and cell(grid, 1, 3, DISPLAY) == NO_BALLOT
    assert grid.set_choice(99, Choice.FOR) is None and len(changed) == 2
    assert grid.row_of(2) == 1 and grid.row_of(99) is None


@pytest.fixture
def points(qtbot: QtBot, database: Database, board: Board) -> list[PointRow]:
    """Point 1 closed with 2 for and 1 against, a dissent and an instruction; point 2 open."""
    all_present(database, board)
    first = add_decision_point(database, ME, board.items[0], {"en": "Approve\nthe plan"}).id
    for person in board.members[:2]:
        cast_ballot(database, ME, first, person, Choice.FOR)
    cast_ballot(database, ME, first, board.members[2], Choice.AGAINST)
    add_dissent(database, ME, first, board.members[2], "I disagree.", "en", DAY)
    add_instruction(
        database,
        ME,
        first,
        InstructionData(
            texts={"en": "Report"},
            executors={"en": "The working body"},
            deadline=date(2024, 6, 1),
            completion_forms={"en": "A letter"},
        ),
    )
    close_voting(database, ME, first)
    add_decision_point(database, ME, board.items[0], {"en": "Take note"})
    live = live_meeting(database, board.meeting_id)
    return [PointRow.from_line(line) for line in live.items[0].points]


def test_points_show_their_state_and_follow_one_ballot(points: list[PointRow]) -> None:
    model = PointsModel()
    model.set_points(points)
    closed, open_ = points
    text = model.data(model.index(0, 0), DISPLAY)
    assert text.splitlines()[0] == "1. Approve"  # the first line of the wording
    assert "voting closed · 2 for, 1 against, 0 abstained · " in text
    assert "1 dissenting opinion" in text and "1 protocol instruction" in text
    assert model.data(model.index(0, 0), TIP).startswith("1. Approve\nthe plan\n")
    assert isinstance(model.data(model.index(0, 0), COLOUR), QBrush)  # closed: muted
    assert model.data(model.index(1, 0), COLOUR) is None
    assert model.data(model.index(1, 0), ID_ROLE) == open_.id
    assert point_status(open_) == "voting open · 0 for, 0 against, 0 abstained"

    rows: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, _roles=None: rows.append(top.row()))
    assert closed.result is not None
    model.set_ballot(open_.id, 42, Choice.FOR, closed.result)
    assert rows == [1] and open_.ballots == {42: Choice.FOR}
    model.set_ballot(open_.id, 42, Choice.DID_NOT_VOTE, None)
    assert rows == [1, 1] and open_.ballots == {} and open_.result is None
    model.set_ballot(-1, 42, Choice.FOR, None)  # a point not listed: nothing
    assert rows == [1, 1]


def test_notes_name_their_people_and_spell_out_the_instruction(
    points: list[PointRow], board: Board
) -> None:
    model = NotesModel()
    names = {board.members[2]: "Dissenter D."}
    model.set_point(points[0], lambda pid: names.get(pid, f"#{pid}"))
    assert model.rowCount() == 2
    dissent = model.data(model.index(0, 0), DISPLAY)
    assert dissent.startswith("Dissenting opinion of Dissenter D. (English, received ")
    assert dissent.endswith("I disagree.")
    instruction = model.data(model.index(1, 0), TIP)
    assert instruction.startswith("Protocol instruction 1: Report; executor: The working body")
    assert "deadline: " in instruction and "form of completion: A letter" in instruction
    assert model.data(model.index(0, 0), ID_ROLE) == points[0].dissents[0].id
    assert model.data(model.index(1, 0), ID_ROLE) == points[0].instructions[0].id
    assert model.data(model.index(0, 0), FONT) is None
    model.set_point(None, str)
    assert model.rowCount() == 0
