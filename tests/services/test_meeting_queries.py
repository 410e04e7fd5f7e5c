"""The meetings list and the meeting page: filters, order, deadlines, countdowns, warnings."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import update

from app.domain.collation import sort_key
from app.domain.errors import DomainError, EnvironmentProblem
from app.domain.meeting import AlertKind, MeetingAction, MeetingKind, MeetingState
from app.domain.regulation import AI_COUNCIL_881
from app.models.composition import Council
from app.models.database import Database
from app.models.meeting import MaterialBlob
from app.services.agenda.attach_material import attach_material
from app.services.council_minimum import council_alerts
from app.services.councils import archive_council
from app.services.material_files import material_content
from app.services.meeting_detail import meeting_detail, notifications_of
from app.services.meeting_queries import (
    MeetingKey,
    MeetingOrder,
    list_meetings,
    meeting_keys,
    meeting_rows,
    meeting_years,
    proposed_number,
)
from app.services.meetings.cancel_meeting import cancel_meeting
from tests.services.meeting_helpers import (
    AT,
    ME,
    World,
    first_item,
    item,
    make_world,
    material_file,
    meeting_in_state,
    plan,
)

AI = AI_COUNCIL_881.profile.with_changes(max_deputy_chairs=1)


def two_councils(database: Database) -> tuple[World, World]:
    return make_world(database), make_world(database, AI)


def test_meetings_across_councils_sorted_by_date_and_time(database: Database) -> None:
    board, ai = two_councils(database)
    late = plan(database, board, day=date(2026, 9, 1))
    afternoon = plan(database, ai, starts_at=time(15), ends_at=None)
    morning = plan(database, board)
    older = plan(database, ai, day=date(2025, 11, 5))
    rows = list_meetings(database, today=date(2026, 4, 1))
    assert [r.meeting.id for r in rows] == [older, morning, afternoon, late]
    assert rows[1].council_name("ru") == "Совет по развитию искусственного интеллекта"
    assert rows[1].presiding.id == board.chair
    assert rows[1].days_left == 14 and rows[0].days_left < 0
    assert [r.meeting.id for r in list_meetings(database, council_id=ai.council_id)] == [
        older,
        afternoon,
    ]
    assert [r.meeting.id for r in list_meetings(database, year=2025)] == [older]


def test_filters_by_state_and_kind(database: Database) -> None:
    board, _ai = two_councils(database)
    planned = plan(database, board)
    interim = plan(database, board, kind=MeetingKind.INTERIM, day=date(2026, 5, 6))
    cancelled = plan(database, board, day=date(2026, 6, 3))
    cancel_meeting(database, ME, cancelled, "Settled by a decree.")
    active = list_meetings(database, states=[MeetingState.PLANNED, MeetingState.NOTIFIED])
    assert [r.meeting.id for r in active] == [planned, interim]
    assert [r.meeting.id for r in list_meetings(database, kinds=[MeetingKind.INTERIM])] == [interim]
    only = list_meetings(database, states=[MeetingState.CANCELLED], kinds=[MeetingKind.REGULAR])
    assert [r.meeting.id for r in only] == [cancelled]
    with pytest.raises(DomainError, match="filter of the meetings list"):
        list_meetings(database, states=["weekly"])  # type: ignore[list-item]


def a_list_to_sort(database: Database) -> tuple[World, World, dict[str, int]]:
    """Two councils with different names and five meetings of every sort key."""
    board, ai = two_councils(database)
    with database.transaction() as session:
        session.execute(
            update(Council)
            .where(Council.id == board.council_id)
            .values(name_kk="Бақылау кеңесі", name_ru="", name_en="Supervisory board")
        )
    meetings = {
        "board_may": plan(database, board, day=date(2026, 5, 6), number=4),
        "ai_april": plan(database, ai, number=2),
        "ai_2025": plan(database, ai, day=date(2025, 11, 5), number=9),
        "board_interim": plan(
            database,
            board,
            kind=MeetingKind.INTERIM,
            day=date(2026, 3, 4),
            number=1,
            presiding_person_id=board.deputy,
        ),
        "ai_cancelled": plan(database, ai, day=date(2026, 6, 3), number=3),
    }
    cancel_meeting(database, ME, meetings["ai_cancelled"], "Settled by a decree.")
    return board, ai, meetings


def test_keys_list_every_matching_meeting_in_order_with_its_date(database: Database) -> None:
    board, ai, m = a_list_to_sort(database)
    keys = meeting_keys(database)
    assert keys == [
        MeetingKey(m["ai_2025"], date(2025, 11, 5)),
        MeetingKey(m["board_interim"], date(2026, 3, 4)),
        MeetingKey(m["ai_april"], date(2026, 4, 15)),
        MeetingKey(m["board_may"], date(2026, 5, 6)),
        MeetingKey(m["ai_cancelled"], date(2026, 6, 3)),
    ]
    # The same filters as the list: council, year, states, kinds; the length is the count.
    assert [k.id for k in meeting_keys(database, council_id=board.council_id)] == [
        m["board_interim"],
        m["board_may"],
    ]
    assert len(meeting_keys(database, year=2026)) == 4
    assert [k.id for k in meeting_keys(database, states=[MeetingState.CANCELLED])] == [
        m["ai_cancelled"]
    ]
    assert [k.id for k in meeting_keys(database, kinds=[MeetingKind.INTERIM])] == [
        m["board_interim"]
    ]
    with pytest.raises(DomainError, match="filter of the meetings list"):
        meeting_keys(database, kinds=["weekly"])  # type: ignore[list-item]
    # The years that have meetings passing the other filters, latest first.
    assert meeting_years(database) == [2026, 2025]
    assert meeting_years(database, council_id=board.council_id) == [2026]
    assert meeting_years(database, states=[MeetingState.CANCELLED]) == [2026]
    assert meeting_years(database, kinds=[MeetingKind.THEMATIC]) == []
    assert ai.council_id != board.council_id


def test_keys_are_sorted_in_sql_by_every_sortable_column(database: Database) -> None:
    _board, _ai, m = a_list_to_sort(database)

    def ids(order: MeetingOrder, descending: bool = False, lang: str = "kk") -> list[int]:
        keys = meeting_keys(database, order=order, descending=descending, lang=lang)
        return [k.id for k in keys]

    # By council name in the language asked for (ties by date): "Бақылау" before
    # "Жасанды" in Kazakh; "Council for..." before "Supervisory board" in English.
    board_first = [m["board_interim"], m["board_may"], m["ai_2025"], m["ai_april"]]
    assert ids(MeetingOrder.COUNCIL)[:4] == board_first
    assert ids(MeetingOrder.COUNCIL, lang="en")[:3] == [
        m["ai_2025"],
        m["ai_april"],
        m["ai_cancelled"],
    ]
    # A name missing in Russian is read in Kazakh, as the list shows it.
    assert ids(MeetingOrder.COUNCIL, lang="ru")[:2] == [m["board_interim"], m["board_may"]]
    assert ids(MeetingOrder.NUMBER) == [
        m["board_interim"],
        m["ai_april"],
        m["ai_cancelled"],
        m["board_may"],
        m["ai_2025"],
    ]
    assert ids(MeetingOrder.NUMBER, descending=True) == list(reversed(ids(MeetingOrder.NUMBER)))
    assert ids(MeetingOrder.DATE, descending=True)[0] == m["ai_cancelled"]
    # Kinds and states in their declared order: regular before interim, planned before
    # cancelled (ties by date).
    assert ids(MeetingOrder.KIND)[-1] == m["board_interim"]
    assert ids(MeetingOrder.STATE)[-1] == m["ai_cancelled"]
    assert ids(MeetingOrder.STATE, descending=True)[0] == m["ai_cancelled"]
    # The presiding person by full name in Kazakh alphabetical order: the chair "Әбенов"
    # (Ә follows А) before the deputy "Жақсылықова", not after Я as code points have it.
    kk_rows = list_meetings(database, order=MeetingOrder.PRESIDING, lang="kk")
    surnames = [r.presiding.surname for r in kk_rows if r.presiding is not None]
    assert surnames == sorted(surnames, key=sort_key)
    assert surnames.index("Әбенов") < surnames.index("Жақсылықова")
    assert ids(MeetingOrder.PRESIDING)[-1] == m["board_interim"]
    rows = list_meetings(database, order=MeetingOrder.PRESIDING, lang="en")
    names = [r.presiding.full_name("en") for r in rows]
    assert names == sorted(names) and names[0] == "Aigerim Zhaksylykova"


def test_a_page_of_the_list_and_the_lines_of_chosen_meetings(database: Database) -> None:
    _board, _ai, m = a_list_to_sort(database)
    everything = list_meetings(database, today=date(2026, 4, 1))
    order = [r.meeting.id for r in everything]
    page = list_meetings(database, today=date(2026, 4, 1), offset=1, limit=2)
    assert [r.meeting.id for r in page] == order[1:3]
    assert page == everything[1:3]
    by_number = list_meetings(database, order=MeetingOrder.NUMBER, offset=3, limit=5)
    assert [r.meeting.number for r in by_number] == [4, 9]
    assert list_meetings(database, offset=10) == []
    # The lines of chosen meetings, in the order asked, the same as the list's; a meeting
    # that does not exist is left out.
    chosen = [m["board_may"], 10_000, m["ai_2025"]]
    lines = meeting_rows(database, chosen, today=date(2026, 4, 1))
    assert [r.meeting.id for r in lines] == [m["board_may"], m["ai_2025"]]
    assert lines[0] == everything[order.index(m["board_may"])]
    assert meeting_rows(database, []) == []


def test_materials_countdown_and_warnings(database: Database, tmp_path: Path) -> None:
    _board, ai = two_councils(database)
    # 004 §27: materials two months before the session of 15 April 2026: Friday 13 February.
    meeting_id = plan(database, ai)
    item(database, meeting_id)
    ahead = list_meetings(database, today=date(2026, 1, 20))[0]
    assert ahead.materials_due == date(2026, 2, 13)
    assert ahead.materials_days_left == 24
    assert ahead.items_without_materials == 2  # the instructions report and the item
    assert ahead.alerts == ()
    soon = list_meetings(database, today=date(2026, 2, 9))[0]
    assert [a.kind for a in soon.alerts] == [AlertKind.MATERIALS_DUE_SOON]
    late = list_meetings(database, today=date(2026, 2, 16))[0]
    assert [a.kind for a in late.alerts] == [AlertKind.MATERIALS_OVERDUE]
    assert late.alerts[0].message() == (
        "Materials were due on 2026-02-13; agenda items still without materials: 2."
    )
    for item_id in [i.id for i in meeting_detail(database, meeting_id).agenda]:
        attach_material(database, ME, item_id, material_file(tmp_path))
    assert list_meetings(database, today=date(2026, 2, 16))[0].alerts == ()


def test_no_warnings_for_meetings_behind_us(database: Database) -> None:
    _board, ai = two_councils(database)
    meeting_id = meeting_in_state(database, ai, MeetingState.HELD)
    row = list_meetings(database, today=date(2026, 5, 1))[0]
    assert row.meeting.id == meeting_id and row.alerts == ()
    assert row.materials_due == date(2026, 2, 13)


def test_councils_behind_their_yearly_minimum(database: Database) -> None:
    board, ai = two_councils(database)
    today = date(2026, 6, 1)
    behind = council_alerts(database, today=today)
    # Seed 000's board has no minimum; seed 004's council must meet once a year (004 §25).
    assert [a.council_id for a in behind] == [ai.council_id]
    assert behind[0].alert.kind is AlertKind.BEHIND_MINIMUM
    assert (behind[0].tally.required, behind[0].tally.held, behind[0].tally.planned) == (1, 0, 0)
    plan(database, ai, kind=MeetingKind.INTERIM, day=date(2026, 7, 1))  # not a session
    assert council_alerts(database, today=today) != []
    session = plan(database, ai, day=date(2026, 10, 7))
    assert council_alerts(database, today=today) == []
    cancel_meeting(database, ME, session, "Settled by a decree.")
    assert council_alerts(database, council_id=ai.council_id, today=today) != []
    # A past year counts only what was held.
    plan(database, ai, day=date(2025, 12, 10))
    assert council_alerts(database, year=2025, today=today) != []
    assert council_alerts(database, council_id=board.council_id, today=today) == []
    archive_council(database, ME, ai.council_id)
    assert council_alerts(database, today=today) == []


def test_the_meeting_page(database: Database) -> None:
    _board, ai = two_councils(database)
    meeting_id = meeting_in_state(database, ai, MeetingState.NOTIFIED)
    detail = meeting_detail(database, meeting_id, today=date(2026, 4, 10))
    assert detail.meeting.state is MeetingState.NOTIFIED
    assert detail.council_name("en") == "Council for the development of artificial intelligence"
    assert detail.presiding.id == ai.chair and detail.approver is not None
    assert detail.approver.id == ai.chair
    assert [i.is_instructions_report for i in detail.agenda] == [True, False]
    assert detail.member_ids == {ai.chair, ai.deputy, ai.secretary, *ai.members}
    assert detail.days_left == 5
    assert detail.materials_due == date(2026, 2, 13) and detail.materials_days_left == -56
    assert detail.protocol_draft_due == date(2026, 5, 15)  # 004 §30: a month after
    assert [a.kind for a in detail.alerts] == [AlertKind.MATERIALS_OVERDUE]
    assert [a.approved_at for a in detail.approvals] == [AT]
    assert detail.revisions == ()
    assert len(detail.notifications) == 2 * len(detail.member_ids)
    assert notifications_of(database, meeting_id) == detail.notifications
    assert detail.allowed_actions == {
        MeetingAction.NOTIFY,
        MeetingAction.MARK_HELD,
        MeetingAction.POSTPONE,
        MeetingAction.CANCEL,
        MeetingAction.EDIT_DETAILS,
        MeetingAction.EDIT_AGENDA,
    }


def test_the_page_warns_when_the_council_is_behind(database: Database) -> None:
    _board, ai = two_councils(database)
    interim = plan(database, ai, kind=MeetingKind.INTERIM)
    kinds = [a.kind for a in meeting_detail(database, interim, today=date(2026, 1, 5)).alerts]
    assert AlertKind.BEHIND_MINIMUM in kinds


def test_the_proposed_number(database: Database) -> None:
    board, _ai = two_councils(database)
    assert proposed_number(database, board.council_id, 2026) == 1
    plan(database, board, number=7)
    assert proposed_number(database, board.council_id, 2026) == 8
    assert proposed_number(database, board.council_id, 2027) == 1


def test_a_damaged_stored_file_is_reported(database: Database, tmp_path: Path) -> None:
    board, _ai = two_councils(database)
    meeting_id = meeting_in_state(database, board, MeetingState.PLANNED)
    material = attach_material(
        database, ME, first_item(database, meeting_id), material_file(tmp_path)
    ).created_id
    assert material is not None
    with database.transaction() as session:
        session.execute(update(MaterialBlob).values(data=b"tampered"))
    with pytest.raises(EnvironmentProblem, match="damaged"):
        material_content(database, material)
