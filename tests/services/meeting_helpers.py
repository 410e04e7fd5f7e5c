"""Helpers for the meeting and agenda tests: a council with a composition, meetings in any state.

The council follows seed 000 (a chair, a deputy chair, a secretary and two
members, personal seats from 1 January 2025); ``profile`` swaps the
regulation profile (e.g. seed 004's, which opens sessions with the
instructions report).  :func:`counts` extends ``tests.services.helpers.counts``
to every meeting table, so a refusal can be shown to write nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from pathlib import Path

from sqlalchemy import func, select

from app.domain.composition import Role, SeatKind
from app.domain.meeting import MeetingKind, MeetingState
from app.domain.regulation import SUPERVISORY_BOARD_690, RegulationProfile
from app.models.audit import AuditEvent
from app.models.database import Database
from app.models.meeting import (
    AgendaApproval,
    AgendaItem,
    AgendaRevision,
    CalendarOverride,
    ItemSpeaker,
    Material,
    MaterialBlob,
    Meeting,
    Notification,
)
from app.services.agenda.add_item import add_item
from app.services.agenda.common import ItemData
from app.services.base import Actor
from app.services.councils import CouncilData, create_council
from app.services.meetings.approve_agenda import approve_agenda
from app.services.meetings.cancel_meeting import cancel_meeting
from app.services.meetings.close_meeting import close_meeting
from app.services.meetings.common import MeetingData
from app.services.meetings.mark_held import mark_held
from app.services.meetings.notify_members import notify_members
from app.services.meetings.plan_meeting import plan_meeting
from app.services.meetings.postpone_meeting import postpone_meeting
from app.services.people import PersonData, create_person
from app.services.seats import SeatData, add_seat
from tests.services import helpers

ME = Actor("secretary")
START = date(2025, 1, 1)
DAY = date(2026, 4, 15)  # a Wednesday
AFTER = date(2026, 4, 16)
AT = datetime(2026, 4, 1, 5, 30, tzinfo=UTC)
ALL_STATES = tuple(MeetingState)

MEETING_TABLES = (
    Meeting,
    AgendaItem,
    ItemSpeaker,
    Material,
    MaterialBlob,
    AgendaApproval,
    AgendaRevision,
    Notification,
    CalendarOverride,
)


def counts(db: Database) -> dict[str, int]:
    """Rows of every table a meeting action may write."""
    result = helpers.counts(db)
    with db.reading() as session:
        for model in MEETING_TABLES:
            result[model.__tablename__] = (
                session.scalar(select(func.count()).select_from(model)) or 0
            )
    return result


def audit_actions(db: Database) -> list[str]:
    with db.reading() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


@dataclass(frozen=True)
class World:
    council_id: int
    chair: int
    deputy: int
    secretary: int
    members: tuple[int, ...]
    outsider: int  # in the register, not in the council
    chair_seat: int
    deputy_seat: int


def person(db: Database, surname: str, given: str = "", latin: str = "", email: str = "") -> int:
    return create_person(
        db, ME, PersonData(surname=surname, given_name=given, latin_name=latin, email=email)
    ).id


def make_world(db: Database, profile: RegulationProfile | None = None) -> World:
    council = create_council(
        db,
        ME,
        CouncilData(
            name_kk="Жасанды интеллектіні дамыту жөніндегі кеңес",
            name_ru="Совет по развитию искусственного интеллекта",
            name_en="Council for the development of artificial intelligence",
            working_body_kk="Цифрлық даму министрлігі",
            working_body_ru="Министерство цифрового развития",
            working_body_en="Ministry of Digital Development",
            preset_key=SUPERVISORY_BOARD_690.key,
            profile=profile or SUPERVISORY_BOARD_690.profile,
        ),
    )
    chair = person(db, "Әбенов", "Нұрлан", "Nurlan Abenov", "abenov@example.kz")
    deputy = person(db, "Жақсылықова", "Әйгерім", "Aigerim Zhaksylykova")
    secretary = person(db, "Сейітов", "Марат", "Marat Seitov", "seitov@example.kz")
    members = (person(db, "Омарова", "Гүлнар", "Gulnar Omarova"), person(db, "Исаев", "Болат"))
    outsider = person(db, "Келлер", "Анна", "Anna Keller")

    def seat(role: Role, who: int) -> int:
        return add_seat(
            db, ME, council.id, SeatData(role, SeatKind.PERSONAL, START, person_id=who)
        ).id

    chair_seat = seat(Role.CHAIR, chair)
    deputy_seat = seat(Role.DEPUTY_CHAIR, deputy)
    seat(Role.SECRETARY, secretary)
    for member in members:
        seat(Role.MEMBER, member)
    return World(council.id, chair, deputy, secretary, members, outsider, chair_seat, deputy_seat)


def meeting_data(**changes: object) -> MeetingData:
    data = MeetingData(
        kind=MeetingKind.REGULAR,
        day=DAY,
        starts_at=time(10, 0),
        ends_at=time(12, 0),
        place_kk="Астана қ., Үкімет үйі, 3-зал",
        place_ru="г. Астана, Дом Правительства, зал 3",
        place_en="Astana, Government House, hall 3",
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def plan(db: Database, world: World, **changes: object) -> int:
    return plan_meeting(db, ME, world.council_id, meeting_data(**changes)).meeting.id


def item(db: Database, meeting_id: int, title: str = "Жасанды интеллект стратегиясы") -> int:
    change = add_item(
        db,
        ME,
        meeting_id,
        ItemData(title_kk=title, title_ru="Стратегия ИИ", title_en="AI strategy"),
    )
    assert change.item_id is not None
    return change.item_id


def drive_to(db: Database, meeting_id: int, state: MeetingState) -> None:
    """Take a planned meeting with an agenda to ``state`` through the services themselves."""
    if state is MeetingState.PLANNED:
        return
    if state is MeetingState.POSTPONED:
        postpone_meeting(db, ME, meeting_id, "The chair is abroad.")
        return
    if state is MeetingState.CANCELLED:
        cancel_meeting(db, ME, meeting_id, "The question was settled by a decree.")
        return
    approve_agenda(db, ME, meeting_id, at=AT)
    if state is MeetingState.AGENDA_APPROVED:
        return
    notify_members(db, ME, meeting_id, "kk", at=AT)
    if state is MeetingState.NOTIFIED:
        return
    mark_held(db, ME, meeting_id, today=AFTER)
    if state is MeetingState.HELD:
        return
    close_meeting(db, ME, meeting_id)
    assert state is MeetingState.CLOSED


def meeting_in_state(db: Database, world: World, state: MeetingState, **changes: object) -> int:
    """A meeting with one agenda item, driven by the services themselves into ``state``."""
    meeting_id = plan(db, world, **changes)
    item(db, meeting_id)
    drive_to(db, meeting_id, state)
    return meeting_id


def first_item(db: Database, meeting_id: int) -> int:
    """The id of the meeting's first agenda item."""
    with db.reading() as session:
        found = session.scalar(
            select(AgendaItem.id)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(AgendaItem.position)
            .limit(1)
        )
    assert found is not None
    return found


def material_file(
    tmp_path: Path, name: str = "анықтама.pdf", content: bytes = b"%PDF-1.4 x"
) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path
