"""The Instructions page: protocol instructions across councils, open and overdue.

The held meeting of the demo board gives one instruction (1.1.1, "Draft a
roadmap", executor MDDIAI, by 1 June 2024; seed 001's action-plan columns).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.models.database import Database
from app.services.conduct.decisions import InstructionData, add_instruction
from app.services.councils import CouncilData, create_council, get_council
from app.views import instructions_page, operations
from app.views.instructions_page import InstructionsPage, Show, collect_instructions
from app.views.qt_i18n import apply_language
from tests.services.conduct_helpers import ME, board_meeting
from tests.services.protocol_helpers import HeldMeeting

HEADERS = [
    "Council",
    "Meeting date",
    "Meeting No.",
    "No.",
    "Instruction",  # the header's tool tip: "Protocol instruction"
    "Executor",  # the header's tool tip: "Responsible executor"
    "Deadline",
    "State",
]
DEADLINE = 6


@pytest.fixture(autouse=True)
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[KenesError]:
    seen: list[KenesError] = []
    monkeypatch.setattr(operations, "show_refusal", lambda _p, e: seen.append(e))
    return seen


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    yield
    apply_language("en")


def make_page(qtbot: QtBot, database: Database, today: date) -> InstructionsPage:
    page = InstructionsPage(database, ME, today=today)
    qtbot.addWidget(page)
    return page


def texts(page: InstructionsPage, row: int = 0) -> list[str]:
    model = page.model
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_the_instruction_of_the_held_meeting_is_listed(
    qtbot: QtBot, database: Database, held: HeldMeeting, refusals: list[KenesError]
) -> None:
    page = make_page(qtbot, database, date(2024, 3, 15))
    model = page.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)] == HEADERS
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) is None
    assert model.rowCount() == 1
    council = get_council(database, 1).name("en")
    assert texts(page) == [
        council,
        "14/03/2024",
        "1",
        "1.1.1",
        "Draft a roadmap.",
        "MDDIAI",
        "01/06/2024 (78 days left)",
        "Open",
    ]
    row = page.rows()[0]
    assert not row.overdue and row.meeting_id == held.board.meeting_id
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    tooltip = model.data(model.index(0, 4), Qt.ItemDataRole.ToolTipRole)
    assert "Information to the Government" in tooltip  # the form of completion
    assert page.summary.text() == "1 instruction shown"
    assert refusals == []


def test_an_instruction_past_its_deadline_is_overdue(
    qtbot: QtBot, database: Database, held: HeldMeeting
) -> None:
    page = make_page(qtbot, database, date(2024, 6, 3))
    model = page.model
    assert page.rows()[0].overdue
    assert model.data(model.index(0, DEADLINE)) == "01/06/2024 (2 days overdue)"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, DEADLINE), Qt.ItemDataRole.FontRole).bold()
    assert model.data(model.index(0, DEADLINE), Qt.ItemDataRole.ForegroundRole) is not None
    assert page.summary.text() == "1 instruction shown, 1 overdue"
    page.set_filter(Show.OVERDUE)
    assert model.rowCount() == 1
    # On the deadline itself it is not overdue yet.
    on_time = make_page(qtbot, database, date(2024, 6, 1))
    assert not on_time.rows()[0].overdue
    assert texts(on_time)[DEADLINE] == "01/06/2024 (due today)"
    on_time.set_filter(Show.OVERDUE)
    assert on_time.model.rowCount() == 0
    on_time.set_filter(Show.ALL)
    assert on_time.model.rowCount() == 1


def test_filters_by_state_and_by_council(
    qtbot: QtBot, database: Database, held: HeldMeeting
) -> None:
    other = create_council(database, ME, CouncilData(name_en="Expert council")).id
    page = make_page(qtbot, database, date(2024, 3, 15))
    assert page.show_filter.value() == Show.OPEN
    assert page.council.values() == [None, other, 1]  # councils in alphabetical order of names
    assert page.council.itemText(0) == "All councils"
    page.set_filter(Show.ALL, 1)
    assert page.model.rowCount() == 1
    page.set_filter(Show.ALL, other)
    assert page.model.rowCount() == 0 and page.summary.text() == "0 instructions shown"
    page.set_filter(Show.OPEN, None)
    assert page.model.rowCount() == 1


def test_refresh_picks_up_a_new_instruction(
    qtbot: QtBot, database: Database, held: HeldMeeting
) -> None:
    page = make_page(qtbot, database, date(2024, 3, 15))
    add_instruction(
        database,
        ME,
        held.points[1],
        InstructionData(
            texts={
                "kk": "Қаржыландыру көзін анықтау.",
                "ru": "Определить источник.",
                "en": "Find the source of funding.",
            },
            executor_person_id=held.board.members[4],
            deadline=date(2024, 4, 1),
        ),
    )
    assert page.model.rowCount() == 1  # rows are cached until refreshed
    page.refresh()
    assert page.model.rowCount() == 2
    first = texts(page, 0)  # the nearest deadline first
    assert first[3] == "2.1.1" and first[4] == "Find the source of funding."
    person = page.rows()[0].executor_person
    assert person is not None and first[5] == person.full_name("en")


def test_meetings_not_held_give_no_instructions(qtbot: QtBot, database: Database) -> None:
    board_meeting(database)
    assert collect_instructions(database, date(2024, 3, 15)) == []
    page = make_page(qtbot, database, date(2024, 3, 15))
    assert page.model.rowCount() == 0


def test_the_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, database: Database, held: HeldMeeting
) -> None:
    page = make_page(qtbot, database, date(2024, 6, 3))
    qtmodeltester.check(page.model)  # type: ignore[no-untyped-call]
    page.set_filter(Show.ALL)
    qtmodeltester.check(page.model)  # type: ignore[no-untyped-call]


def test_the_page_follows_the_interface_language(
    qtbot: QtBot, database: Database, held: HeldMeeting
) -> None:
    page = make_page(qtbot, database, date(2024, 3, 15))
    apply_language("kk")
    row = texts(page)
    assert row[0] == get_council(database, 1).name("kk")
    assert row[1] == "14.03.2024"
    assert row[4] == "Жол картасын әзірлеу." and row[5] == "ЦДИАӨМ"
    assert page.title.text() == "Тапсырмалар"
    apply_language("ru")
    assert texts(page)[4] == "Разработать дорожную карту."
    apply_language("en")
    assert texts(page)[4] == "Draft a roadmap."


def _add_instructions(database: Database, held: HeldMeeting, deadlines: list[date | None]) -> None:
    for n, deadline in enumerate(deadlines):
        add_instruction(
            database,
            ME,
            held.points[n % 2],
            InstructionData(
                texts={"kk": f"Тапсырма {n}.", "ru": f"Поручение {n}.", "en": f"Task {n}."},
                executors={"kk": "ЦДИАӨМ", "ru": "МЦРИАП", "en": "MDDIAI"},
                deadline=deadline,
            ),
        )


def test_a_long_list_builds_its_lines_a_page_at_a_time(
    qtbot: QtBot, database: Database, held: HeldMeeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The count and the summary cover every instruction; lines are read when shown."""
    monkeypatch.setattr(instructions_page.InstructionsModel, "page_size", 3)
    _add_instructions(database, held, [date(2024, 4, d) for d in range(20, 0, -1)] + [None, None])
    read: list[int] = []
    lines = instructions_page.instruction_lines

    def counting(db: Database, ids: list[int]):  # type: ignore[no-untyped-def]
        read.append(len(ids))
        return lines(db, ids)

    monkeypatch.setattr(instructions_page, "instruction_lines", counting)
    page = make_page(qtbot, database, date(2024, 4, 11))
    model = page.model
    # Only the first page is built (the columns are fitted to it); the count is complete.
    assert model.rowCount() == 23 and model.loaded_rows() == 3 and read == [3]
    assert page.summary.text() == "23 instructions shown, 10 overdue"
    assert texts(page, 0)[DEADLINE] == "01/04/2024 (10 days overdue)"  # nearest first
    assert model.loaded_rows() == 3 and read == [3]
    # The end of the list: deadlines in order, then the ones without a deadline.
    assert texts(page, 20)[DEADLINE] == "01/06/2024 (51 days left)"
    assert [texts(page, r)[DEADLINE] for r in (21, 22)] == ["", ""]
    assert model.loaded_rows() == 8 and read == [3, 3, 2]  # rows 18-20 and 21-22
    assert [r.instruction.deadline for r in page.rows()][:20] == sorted(
        [date(2024, 4, d) for d in range(1, 21)]
    )
    assert model.loaded_rows() == 23


def test_the_order_of_numbers_is_numeric_within_a_day(
    qtbot: QtBot, database: Database, held: HeldMeeting
) -> None:
    _add_instructions(database, held, [date(2024, 6, 1)] * 10)
    page = make_page(qtbot, database, date(2024, 3, 15))
    numbers = [row.number for row in page.rows()]
    assert numbers[:6] == ["1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.1.6"]
    assert numbers[-5:] == ["2.1.1", "2.1.2", "2.1.3", "2.1.4", "2.1.5"]


def test_an_instruction_gone_between_count_and_reading_leaves_an_empty_row(
    qtbot: QtBot, database: Database, held: HeldMeeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = make_page(qtbot, database, date(2024, 3, 15))
    ids = page.model.ids()
    page.model.set_ids([*ids, 999_999], lambda keys: [])
    assert page.model.rowCount() == 2
    assert page.model.data(page.model.index(1, 0)) is None
    assert page.rows() == []
