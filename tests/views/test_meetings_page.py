"""The Meetings page: filters, planning, the meeting's actions, warnings and the notice files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app import i18n
from app.domain.errors import EnvironmentProblem, KenesError
from app.domain.meeting import MeetingKind, MeetingState
from app.domain.regulation import AI_COUNCIL_881
from app.models.database import Database
from app.services.councils import CouncilData, create_council
from app.services.meeting_detail import meeting_detail
from app.services.meeting_queries import list_meetings
from app.views import agenda_editor, meeting_commands, notify_dialog
from app.views.meeting_dialog import MeetingDialog, ReasonDialog
from app.views.meetings_models import MeetingListModel
from app.views.meetings_page import MeetingsPage
from app.views.notify_dialog import NotifyDialog
from app.views.qt_i18n import apply_language
from tests.services.meeting_helpers import (
    DAY,
    ME,
    World,
    counts,
    item,
    make_world,
    meeting_in_state,
    plan,
)
from tests.views.view_helpers import answering

TODAY = date(2026, 4, 1)  # two weeks before DAY
# Seed 004's profile; the helpers' composition has a deputy chair, which 004 does not name.
AI = AI_COUNCIL_881.profile.with_changes(max_deputy_chairs=1)
HEADERS = (
    "Date",
    "Council",
    "No.",
    "Kind",
    "State",
    "Presiding",
    "Materials",  # the due date; the header's tool tip says "Materials due"
    "Warnings",
)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return answering(monkeypatch, True, meeting_commands, agenda_editor)


class Clock:
    """The page's today, moved by the tests."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


@pytest.fixture
def clock() -> Clock:
    return Clock(TODAY)


PageMaker = Callable[[], MeetingsPage]


@pytest.fixture
def make_page(qtbot: QtBot, database: Database, clock: Clock) -> Iterator[PageMaker]:
    """Build the page once the test's data is in place (it loads the list when built)."""

    def build() -> MeetingsPage:
        widget = MeetingsPage(database, ME, clock=clock)
        qtbot.addWidget(widget)
        return widget

    yield build
    apply_language("en")


def column(page: MeetingsPage, index: int) -> list[str]:
    model = page.model
    return [str(model.data(model.index(row, index))) for row in range(model.rowCount())]


def state_of(database: Database, meeting_id: int) -> MeetingState:
    return meeting_detail(database, meeting_id).meeting.state


def fill_meeting(dialog: MeetingDialog, day: date = DAY) -> None:
    dialog.day.set_day(day)
    dialog.starts.setTime(QTime(10, 0))
    dialog.ends.set_time(time(12, 0))
    # Kazakh text is set directly: keyClicks aborts on letters such as "Ә".
    dialog.places.edits["kk"].setText("Астана қ., Үкімет үйі, 3-зал")
    dialog.places.edits["en"].setText("Astana, Government House, hall 3")


# -- the list -------------------------------------------------------------------------------------


def test_the_list_passes_the_model_tester_and_shows_each_meeting(
    qtmodeltester: ModelTester, database: Database, world: World, make_page: PageMaker
) -> None:
    meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    model = MeetingListModel()
    model.set_rows(list_meetings(database, today=TODAY))
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    page = make_page()
    assert [
        page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(HEADERS))
    ] == list(HEADERS)
    assert page.model.headerData(6, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == (
        "Materials due"
    )
    assert page.row_texts(0)[:6] == [
        "15/04/2026 10:00–12:00",
        "Council for the development of artificial intelligence",
        "1",
        "Regular meeting",
        "Agenda approved",
        "Nurlan Abenov",
    ]
    # Seed 000's profile has no materials deadline: nothing is due, nothing is warned.
    assert page.row_texts(0)[6:] == ["", ""]
    assert page.banner_text() == ""
    assert page.selected_meeting() is not None
    assert page.agenda.meeting_id == page.selected_meeting().id  # type: ignore[union-attr]


def test_filters_by_year_state_and_kind(
    database: Database, world: World, make_page: PageMaker
) -> None:
    meeting_in_state(database, world, MeetingState.HELD, day=date(2025, 11, 5))
    meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    plan(database, world, day=date(2026, 6, 10), kind=MeetingKind.INTERIM, number=2)
    page = make_page()
    assert column(page, MeetingListModel.DATE) == [
        "05/11/2025 10:00–12:00",
        "15/04/2026 10:00–12:00",
        "10/06/2026 10:00–12:00",
    ]
    assert page.year_filter.values() == [None, 2026, 2025]
    page.year_filter.set_value(2026)
    assert page.meeting_numbers() == [1, 2]
    page.year_filter.set_value(2025)
    assert column(page, MeetingListModel.STATE) == ["Held"]
    page.set_filters(state=MeetingState.PLANNED)
    assert column(page, MeetingListModel.KIND) == ["Interim meeting"]
    page.set_filters(kind=MeetingKind.REGULAR)
    assert column(page, MeetingListModel.STATE) == ["Held", "Agenda approved"]
    page.set_filters(year=2026, kind=MeetingKind.REGULAR, state=MeetingState.HELD)
    assert page.meeting_numbers() == []
    assert page.selected_meeting() is None
    assert not page.toolbar.edit_action.isEnabled()
    assert page.agenda.meeting_id is None
    page.set_filters(council_id=world.council_id)
    assert page.meeting_numbers() == [1, 1, 2]


def test_overdue_materials_are_warned_and_coloured(
    database: Database, make_page: PageMaker, clock: Clock
) -> None:
    # Seed 004: materials are due two months before a session (004 §27).
    world = make_world(database, AI)
    meeting_id = plan(database, world)
    assert len(meeting_detail(database, meeting_id).agenda) == 1  # the instructions report
    page = make_page()
    row = page.row_texts(0)
    assert row[MeetingListModel.MATERIALS] == "13/02/2026 · 47 days overdue"
    assert row[MeetingListModel.WARNINGS] == "Materials overdue"
    index = page.model.index(0, MeetingListModel.WARNINGS)
    assert page.model.data(index, Qt.ItemDataRole.ToolTipRole) == (
        "Materials were due on 13/02/2026; agenda items still without materials: 1."
    )
    background = page.model.data(index, Qt.ItemDataRole.BackgroundRole)
    assert background.color().name() == "#f8d7da"
    # Two months earlier the deadline is still ahead and nobody is warned.
    clock.day = date(2026, 2, 1)
    page.refresh()
    row = page.row_texts(0)
    assert row[MeetingListModel.MATERIALS] == "13/02/2026 · in 12 days"
    assert row[MeetingListModel.WARNINGS] == ""
    assert page.model.data(index, Qt.ItemDataRole.BackgroundRole) is None
    # A week before, it is due soon.
    clock.day = date(2026, 2, 10)
    page.refresh()
    assert page.row_texts(0)[MeetingListModel.WARNINGS] == "Materials due soon"
    assert page.model.data(index, Qt.ItemDataRole.ToolTipRole).startswith("Materials are due on ")
    assert page.model.data(index, Qt.ItemDataRole.BackgroundRole).color().name() == "#fff3cd"


def test_a_council_behind_its_yearly_minimum_is_named_in_the_banner(
    database: Database, make_page: PageMaker
) -> None:
    make_world(database, AI)
    create_council(
        database,
        ME,
        CouncilData(name_en="Expert council", profile=AI_COUNCIL_881.profile),
    )
    page = make_page()
    banner = page.banner_text()
    assert "Council for the development of artificial intelligence: The council is behind" in (
        banner
    )
    assert "Expert council: The council is behind its regulation" in banner
    assert "in 2026 held: 0, planned: 0" in banner
    page.council_filter.set_value(2)
    assert "Expert council" in page.banner_text()
    assert "artificial intelligence" not in page.banner_text()


# -- planning -------------------------------------------------------------------------------------


def test_planning_proposes_the_next_number_and_lists_the_meeting(
    database: Database, world: World, make_page: PageMaker, refusals: list[KenesError]
) -> None:
    page = make_page()
    dialog = page.commands.plan_meeting()
    fill_meeting(dialog)
    assert dialog.council.value() == world.council_id
    assert dialog.number.value() == 1
    assert dialog.number_hint.text() == "next free: No. 1"
    assert dialog.presiding.value() is None  # the chair, by default
    dialog.accept()
    assert refusals == []
    assert page.meeting_numbers() == [1]
    meeting = page.selected_meeting()
    assert meeting is not None and meeting.presiding_person_id == world.chair
    assert meeting.places["kk"] == "Астана қ., Үкімет үйі, 3-зал"

    dialog = page.commands.plan_meeting()
    fill_meeting(dialog, date(2026, 5, 20))
    assert dialog.number.value() == 2
    # Another year starts the numbering again; a number typed by the user is kept.
    dialog.day.set_day(date(2027, 1, 20))
    assert dialog.number.value() == 1
    dialog.number.setValue(5)
    dialog.day.set_day(date(2026, 5, 20))
    assert dialog.number.value() == 5
    dialog.accept()
    assert refusals == []
    assert page.meeting_numbers() == [1, 5]
    selected = page.selected_meeting()  # the meeting just planned is selected
    assert selected is not None and selected.number == 5


def test_an_interim_meeting_may_be_presided_by_anyone(
    database: Database, world: World, make_page: PageMaker, refusals: list[KenesError]
) -> None:
    page = make_page()
    dialog = page.commands.plan_meeting()
    fill_meeting(dialog)
    # A session: only the chair and the deputy chair.
    assert dialog.presiding.values() == [None, world.chair, world.deputy]
    dialog.kind.set_value(MeetingKind.INTERIM)
    assert world.outsider in dialog.presiding.values()
    dialog.presiding.set_value(world.outsider)
    dialog.accept()
    assert refusals == []
    meeting = page.selected_meeting()
    assert meeting is not None and meeting.presiding_person_id == world.outsider
    assert page.row_texts(0)[MeetingListModel.PRESIDING] == "Anna Keller"


def test_an_end_before_the_start_is_refused_and_nothing_is_saved(
    database: Database, world: World, make_page: PageMaker, refusals: list[KenesError]
) -> None:
    page = make_page()
    before = counts(database)
    dialog = page.commands.plan_meeting()
    fill_meeting(dialog)
    dialog.starts.setTime(QTime(15, 0))
    dialog.ends.set_time(time(11, 0))
    dialog.accept()
    assert len(refusals) == 1
    assert refusals[0].message() == (
        "The meeting must end after it starts: it starts at 15:00 and ends at 11:00."
    )
    assert dialog.isVisible()
    assert counts(database) == before
    assert page.meeting_numbers() == []
    dialog.reject()


def test_editing_a_notified_meeting_warns_and_asks_to_notify_again(
    database: Database, world: World, make_page: PageMaker, refusals: list[KenesError]
) -> None:
    meeting_id = meeting_in_state(database, world, MeetingState.NOTIFIED)
    page = make_page()
    dialog = page.commands.edit_meeting()
    assert dialog is not None
    assert not dialog.warning.isHidden()
    assert not dialog.council.isEnabled()
    assert dialog.number.value() == 1
    dialog.starts.setTime(QTime(11, 0))
    dialog.accept()
    assert refusals == []
    assert state_of(database, meeting_id) is MeetingState.AGENDA_APPROVED
    assert page.row_texts(0)[MeetingListModel.STATE] == "Agenda approved"
    assert page.toolbar.notify_action.isEnabled()


# -- the agenda's approval ------------------------------------------------------------------------


def test_an_empty_agenda_is_not_approved(
    database: Database,
    world: World,
    make_page: PageMaker,
    refusals: list[KenesError],
    answers: list[str],
) -> None:
    meeting_id = plan(database, world)
    page = make_page()
    before = counts(database)
    assert page.commands.approve_agenda() is False
    assert answers == ["Record that the chair has approved the agenda of Regular meeting No. 1?"]
    assert len(refusals) == 1
    assert "is empty" in refusals[0].message()
    assert counts(database) == before
    assert state_of(database, meeting_id) is MeetingState.PLANNED


def test_approve_change_and_approve_again(
    database: Database,
    world: World,
    make_page: PageMaker,
    refusals: list[KenesError],
    answers: list[str],
) -> None:
    meeting_id = plan(database, world)
    page = make_page()
    editor = page.agenda
    for title in ("Бірінші", "Екінші", "Үшінші"):
        dialog = editor.add_item()
        assert dialog is not None
        dialog.titles.edits["kk"].setText(title)
        dialog.accept()
    assert editor.item_titles() == ["Бірінші", "Екінші", "Үшінші"]
    assert page.toolbar.approve_action.isEnabled() and not page.toolbar.notify_action.isEnabled()

    assert page.commands.approve_agenda()
    assert state_of(database, meeting_id) is MeetingState.AGENDA_APPROVED
    assert page.row_texts(0)[MeetingListModel.STATE] == "Agenda approved"
    assert editor.status_text().startswith("Agenda approved by Nurlan Abenov on ")
    assert page.toolbar.notify_action.isEnabled() and not page.toolbar.approve_action.isEnabled()
    assert page.toolbar.live_action.isEnabled()

    editor.select_row(0)
    dialog = editor.edit_item()
    assert dialog is not None
    dialog.titles.edits["ru"].setText("Первый вопрос")
    dialog.accept()
    assert state_of(database, meeting_id) is MeetingState.PLANNED
    assert page.row_texts(0)[MeetingListModel.STATE] == "Planned"
    assert editor.status_text() == (
        "Changed after approval (1 change): the agenda needs approval again."
    )
    assert page.toolbar.approve_action.isEnabled() and not page.toolbar.notify_action.isEnabled()

    assert page.commands.approve_agenda()
    assert state_of(database, meeting_id) is MeetingState.AGENDA_APPROVED
    assert editor.status_text().startswith("Agenda approved by ")
    assert refusals == []


# -- notify, hold, close ----------------------------------------------------------------------


def test_notifying_saves_the_notice_and_the_invitations_and_shows_who(
    database: Database,
    world: World,
    make_page: PageMaker,
    tmp_path: Path,
    refusals: list[KenesError],
) -> None:
    meeting_id = meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    page = make_page()
    folder = tmp_path / "notices"
    folder.mkdir()
    dialog = page.commands.notify_members(folder)
    assert isinstance(dialog, NotifyDialog)
    dialog.language.setCurrentIndex(dialog.language.findData("ru"))
    dialog.accept()
    assert refusals == []
    assert state_of(database, meeting_id) is MeetingState.NOTIFIED
    files = sorted(p.name for p in folder.iterdir())
    # Named by what they hold: the notice by kind, number, date and language (in Russian,
    # as the notice is), each invitation by its person and the meeting.
    assert "Уведомление-1-2026-04-15-ru.pdf" in files
    assert "Әбенов Нұрлан-1-2026-04-15.ics" in files
    assert len([f for f in files if f.endswith(".ics")]) == 5
    assert (folder / "Уведомление-1-2026-04-15-ru.pdf").read_bytes().startswith(b"%PDF")
    shown = page.commands.last_notified
    assert shown is not None
    assert sorted(shown.names()) == sorted(
        ["Әбенов Нұрлан", "Жақсылықова Әйгерім", "Сейітов Марат", "Омарова Гүлнар", "Исаев Болат"]
    )
    assert shown.summary.text().startswith("Round 1: 5 people notified.")
    assert shown.model.rowCount() == 5
    assert page.row_texts(0)[MeetingListModel.STATE] == "Members notified"
    assert page.commands.notice_folder == folder
    shown.reject()


def test_files_that_cannot_be_written_after_notifying_are_explained(
    database: Database,
    world: World,
    make_page: PageMaker,
    tmp_path: Path,
    refusals: list[KenesError],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    meeting_id = meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    page = make_page()

    def disk_full(_result: object, folder: Path) -> None:
        raise EnvironmentProblem(
            "The files could not be written to {folder}: {reason}.",
            folder=str(folder),
            reason="No space left on device",
        )

    monkeypatch.setattr(notify_dialog, "write_notice_files", disk_full)
    dialog = page.commands.notify_members(tmp_path)
    assert dialog is not None
    dialog.accept()
    assert [r.message() for r in refusals] == [
        f"The files could not be written to {tmp_path}: No space left on device."
    ]
    # The notification is recorded all the same, and the list says so.
    assert state_of(database, meeting_id) is MeetingState.NOTIFIED
    assert page.row_texts(0)[MeetingListModel.STATE] == "Members notified"
    assert page.commands.last_notified is None


def test_notifying_into_a_missing_folder_is_refused_before_anything_is_recorded(
    database: Database,
    world: World,
    make_page: PageMaker,
    tmp_path: Path,
    refusals: list[KenesError],
) -> None:
    meeting_id = meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    page = make_page()
    before = counts(database)
    dialog = page.commands.notify_members(tmp_path / "missing")
    assert dialog is not None
    dialog.accept()
    assert len(refusals) == 1
    assert counts(database) == before
    assert state_of(database, meeting_id) is MeetingState.AGENDA_APPROVED
    dialog.reject()


def test_mark_held_then_close(
    database: Database,
    world: World,
    make_page: PageMaker,
    clock: Clock,
    refusals: list[KenesError],
    answers: list[str],
) -> None:
    meeting_id = meeting_in_state(database, world, MeetingState.NOTIFIED)
    page = make_page()
    # Before its date the meeting cannot be marked as held.
    assert page.toolbar.held_action.isEnabled()
    assert not page.commands.mark_held()
    assert len(refusals) == 1 and "still ahead" in refusals[0].message()
    clock.day = DAY
    assert page.commands.mark_held()
    assert state_of(database, meeting_id) is MeetingState.HELD
    assert page.toolbar.close_action.isEnabled() and not page.toolbar.held_action.isEnabled()
    assert page.commands.close_meeting()
    assert state_of(database, meeting_id) is MeetingState.CLOSED
    assert answers == [
        "Mark Regular meeting No. 1 as held?",
        "Mark Regular meeting No. 1 as held?",
        "Close Regular meeting No. 1? Its record is then complete and nothing moves it further.",
    ]
    for action in (
        page.toolbar.edit_action,
        page.toolbar.approve_action,
        page.toolbar.notify_action,
        page.toolbar.held_action,
        page.toolbar.close_action,
        page.toolbar.postpone_action,
        page.toolbar.replan_action,
        page.toolbar.cancel_action,
        page.toolbar.live_action,
    ):
        assert not action.isEnabled()
    # The notice of a closed meeting can still be previewed and printed.
    assert page.toolbar.preview_action.isEnabled()
    assert page.toolbar.more_button.isEnabled()


def test_postpone_with_a_reason_then_plan_again_for_a_new_date(
    database: Database, world: World, make_page: PageMaker, refusals: list[KenesError]
) -> None:
    meeting_id = meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    page = make_page()
    dialog = page.commands.postpone_meeting()
    assert isinstance(dialog, ReasonDialog)
    dialog.accept()  # no reason: refused, nothing changes
    assert len(refusals) == 1 and refusals[0].message() == "Say why the meeting is postponed."
    assert state_of(database, meeting_id) is MeetingState.AGENDA_APPROVED
    dialog.reason.setPlainText("Төраға іссапарда.")
    dialog.accept()
    assert state_of(database, meeting_id) is MeetingState.POSTPONED
    index = page.model.index(0, MeetingListModel.STATE)
    assert page.model.data(index, Qt.ItemDataRole.ToolTipRole) == "Postponed: Төраға іссапарда."
    assert page.toolbar.replan_action.isEnabled() and page.toolbar.more_button.isEnabled()
    assert page.toolbar.edit_action.isEnabled()  # Edit… plans a postponed meeting again
    assert page.agenda.status_text().startswith("The meeting is postponed")

    replanned = page.commands.edit_meeting()
    assert replanned is not None and replanned.mode == MeetingDialog.REPLAN
    replanned.day.set_day(date(2026, 5, 13))
    replanned.accept()
    assert len(refusals) == 1
    meeting = meeting_detail(database, meeting_id).meeting
    assert meeting.state is MeetingState.PLANNED and meeting.day == date(2026, 5, 13)
    assert page.agenda.status_text() == (
        "The meeting was planned again: the agenda needs approval again."
    )


def test_cancel_with_a_reason(
    database: Database, world: World, make_page: PageMaker, refusals: list[KenesError]
) -> None:
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    page = make_page()
    dialog = page.commands.cancel_meeting()
    assert dialog is not None
    dialog.reason.setPlainText("The question was settled by a decree.")
    dialog.accept()
    assert refusals == []
    assert state_of(database, meeting_id) is MeetingState.CANCELLED
    assert page.row_texts(0)[MeetingListModel.STATE] == "Cancelled"
    assert page.commands.cancel_meeting() is None  # nothing more to cancel


def test_open_live_meeting_emits_the_meeting_id(
    qtbot: QtBot, database: Database, world: World, make_page: PageMaker
) -> None:
    planned = plan(database, world, number=2, day=date(2026, 5, 6))
    item(database, planned)
    approved = meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    page = make_page()
    page.select_meeting(planned)
    assert not page.toolbar.live_action.isEnabled()
    assert page.open_live_meeting() is False
    page.select_meeting(approved)
    assert page.toolbar.live_action.isEnabled()
    with qtbot.waitSignal(page.open_live, timeout=1000) as blocker:
        page.toolbar.live_action.trigger()
    assert blocker.args == [approved]


# -- languages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["kk", "ru", "en"])
def test_headers_and_titles_follow_the_interface_language(
    database: Database, world: World, make_page: PageMaker, code: str
) -> None:
    meeting_in_state(database, world, MeetingState.PLANNED)
    page = make_page()
    apply_language("ru" if code != "ru" else "kk")
    apply_language(code)
    catalog = i18n.translations(code)
    model = page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(HEADERS))]
    assert headers == [catalog.gettext(h) for h in HEADERS]
    assert page.title.text() == catalog.gettext("Meetings")
    council_names = {"kk": "Жасанды интеллектіні дамыту жөніндегі кеңес"}
    if code in council_names:
        assert page.row_texts(0)[MeetingListModel.COUNCIL] == council_names[code]
    assert page.row_texts(0)[MeetingListModel.KIND] == catalog.gettext("Regular meeting")
    assert page.council_filter.itemText(0) == catalog.gettext("All councils")
    dialog = page.commands.plan_meeting()
    assert dialog.windowTitle() == catalog.gettext("Plan a meeting")
    dialog.reject()


def test_meeting_data_from_the_dialog_matches_the_form(
    database: Database, world: World, make_page: PageMaker
) -> None:
    page = make_page()
    dialog = page.commands.plan_meeting()
    fill_meeting(dialog)
    dialog.ends.set_time(None)
    dialog.note.setPlainText("Бейне байланыс арқылы")
    data = dialog.meeting_data()
    assert data == replace(
        data,
        kind=MeetingKind.REGULAR,
        day=DAY,
        starts_at=time(10, 0),
        ends_at=None,
        number=1,
        presiding_person_id=None,
        note="Бейне байланыс арқылы",
    )
    assert data.place_kk == "Астана қ., Үкімет үйі, 3-зал" and data.place_ru == ""
    dialog.reject()
