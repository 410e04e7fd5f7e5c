"""The prepared world of the role matrix: councils, meetings in each state, a protocol, accounts.

Built through the services themselves before the first account exists; then the accounts:
an administrator for every council, the secretary, chair, member and reader of the two
working councils, a secretary of a third council only ("elsewhere"), and a probe holding
every role everywhere (used to learn which audit actions a call records).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from app.domain.composition import Role as SeatRole
from app.domain.composition import SeatKind
from app.domain.invited import InvitedRole
from app.domain.meeting import MeetingState
from app.domain.permissions import Role
from app.models.composition import Person
from app.models.conduct import DissentingOpinion, ProtocolInstruction
from app.models.database import Database
from app.models.meeting import ItemSpeaker, Material, Meeting
from app.services.accounts.add_account import add_account
from app.services.accounts.set_role import set_role
from app.services.agenda.add_speaker import SpeakerData, add_speaker
from app.services.agenda.attach_material import attach_material
from app.services.base import Actor
from app.services.calendar_overrides import add_calendar_override
from app.services.conduct.attendance import record_attendance
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.invited import InvitedData, add_invited_person
from app.services.councils import CouncilData, create_council
from app.services.exchange.export_archive import export_archive
from app.services.people import ActData, PositionData, appoint_to_position, create_position
from app.services.protocols.actions import (
    Narrative,
    ProtocolDetails,
    create_protocol,
    set_narrative,
    update_protocol,
)
from app.services.seats import SeatData
from tests.services.meeting_helpers import (
    DAY,
    ME,
    START,
    first_item,
    item,
    make_world,
    meeting_in_state,
    person,
)
from tests.services.protocol_helpers import held_meeting

PASSWORD = "correct horse battery"
CITIES = {"kk": "Астана", "ru": "Астана", "en": "Astana"}
DECISION = {"kk": "Бекітілсін.", "ru": "Утвердить.", "en": "Approve."}
PROBE = Actor("probe")


def week(n: int) -> date:
    return DAY + timedelta(days=7 * n)


@dataclass(frozen=True)
class World:
    """Ids of what the recipes act on (``board`` is the demo council, ``council`` the other)."""

    board: int
    held_board: int  # held, votes closed, dissent and instruction; its protocol drafted
    board_items: tuple[int, ...]
    points: tuple[int, ...]  # closed decision points of the held meeting
    dissent: int
    instruction: int
    protocol: int
    board_members: tuple[int, ...]
    council: int
    members: tuple[int, ...]
    voters: tuple[int, ...]  # the other council's voting members, all present when notified
    member_uid: str  # of its first member (found again on a laptop)
    chair: int
    outsider: int
    deputy_seat: int
    planned: int  # with two items, a speaker and a material
    planned_items: tuple[int, ...]
    speaker: int
    material: int
    approved: int
    notified: int  # everybody present, an open decision point, an invited guest
    notified_item: int
    open_point: int
    invited: int
    postponed: int
    held: int  # no protocol yet
    elsewhere: int  # a third council
    position: int
    spare_position: int
    holding: int
    unused_person: int
    override: int
    folder: Path
    archive_file: Path


#: Roles of every account, by council (None: every council), as the tests expect them held.
LOGINS = ("admin", "seitov", "abenov", "omarova", "reader", "elsewhere")


def roles_by_login(world: World) -> dict[str, dict[int | None, set[Role]]]:
    both = (world.board, world.council)
    return {
        "admin": {None: {Role.ADMINISTRATOR}},
        "seitov": {c: {Role.SECRETARY} for c in both},
        "abenov": {c: {Role.CHAIR} for c in both},
        "omarova": {c: {Role.MEMBER} for c in both},
        "reader": {c: {Role.READER} for c in both},
        "elsewhere": {world.elsewhere: {Role.SECRETARY}},
    }


def held_for(roles: dict[int | None, set[Role]], council_id: int | None) -> set[Role]:
    """The roles that count for an action on ``council_id`` (any council's when None)."""
    if council_id is None:
        return set().union(*roles.values())
    return roles.get(None, set()) | roles.get(council_id, set())


def _board_side(db: Database) -> dict[str, object]:
    held = held_meeting(db)
    board = held.board
    protocol = create_protocol(db, ME, board.meeting_id)
    update_protocol(db, ME, protocol.id, ProtocolDetails("3", CITIES, "kk"))
    for lang, heard in (
        ("kk", "Баяндама тыңдалды."),
        ("ru", "Заслушан доклад."),
        ("en", "A report was heard."),
    ):
        for agenda_item in board.items:
            set_narrative(db, ME, protocol.id, agenda_item, lang, Narrative(heard, "", ""))
    with db.reading() as session:
        dissent = session.scalars(select(DissentingOpinion.id)).one()
        instruction = session.scalars(select(ProtocolInstruction.id)).one()
        council = session.scalar(select(Meeting.council_id).where(Meeting.id == board.meeting_id))
    assert council is not None
    return {
        "board": council,
        "held_board": board.meeting_id,
        "board_items": tuple(board.items),
        "points": tuple(held.points),
        "dissent": dissent,
        "instruction": instruction,
        "protocol": protocol.id,
        "board_members": tuple(board.members),
    }


def _planned(db: Database, world_council: object, folder: Path) -> dict[str, object]:
    planned = meeting_in_state(db, world_council, MeetingState.PLANNED, day=week(1))  # type: ignore[arg-type]
    items = (first_item(db, planned), item(db, planned, "Екінші мәселе"))
    add_speaker(db, ME, items[0], SpeakerData(name="Jane Smith", organisation_en="IDC"))
    draft = folder / "анықтама.pdf"
    draft.write_bytes(b"%PDF-1.4 the draft decision")
    attach_material(db, ME, items[0], draft)
    with db.reading() as session:
        material = session.scalars(select(Material.id)).one()
        speaker_id = session.scalars(select(ItemSpeaker.id)).one()
    return {"planned": planned, "planned_items": items, "speaker": speaker_id, "material": material}


def _notified(db: Database, w: object) -> dict[str, object]:
    notified = meeting_in_state(db, w, MeetingState.NOTIFIED, day=week(3))  # type: ignore[arg-type]
    everyone = (w.chair, w.deputy, w.secretary, *w.members)  # type: ignore[attr-defined]
    for someone in everyone:
        record_attendance(db, ME, notified, someone, True)
    notified_item = first_item(db, notified)
    point = add_decision_point(db, ME, notified_item, DECISION)
    invited = add_invited_person(db, ME, notified, InvitedData(InvitedRole.GUEST, name="Anna Li"))
    return {
        "notified": notified,
        "notified_item": notified_item,
        "open_point": point.id,
        "invited": invited.id,
    }


def _people(db: Database) -> dict[str, object]:
    position = create_position(db, ME, PositionData(title_kk="Министр", title_ru="Министр"))
    spare = create_position(db, ME, PositionData(title_kk="Кеңесші", title_ru="Советник"))
    holder = person(db, "Тұрсынов", "Ерлан")
    holding = appoint_to_position(db, ME, position.id, holder, START)
    unused = person(db, "Бос", "Адам")
    override = add_calendar_override(db, ME, date(2026, 3, 28), is_working_day=True)
    return {
        "position": position.id,
        "spare_position": spare.id,
        "holding": holding.id,
        "unused_person": unused,
        "override": override.id,
    }


def build_world(db: Database, folder: Path) -> World:
    """Everything the recipes need, made through the services, then the accounts."""
    source = folder / "source-archive.kenes.zip"
    values: dict[str, object] = dict(_board_side(db))
    w = make_world(db)
    with db.reading() as session:
        member_uid = session.scalar(select(Person.uid).where(Person.id == w.members[0]))
    values.update(
        council=w.council_id,
        members=w.members,
        outsider=w.outsider,
        deputy_seat=w.deputy_seat,
        chair=w.chair,
        member_uid=member_uid,
        voters=(w.chair, w.deputy, *w.members),
    )
    values.update(_planned(db, w, folder))
    values["approved"] = meeting_in_state(db, w, MeetingState.AGENDA_APPROVED, day=week(2))
    values.update(_notified(db, w))
    values["postponed"] = meeting_in_state(db, w, MeetingState.POSTPONED, day=week(4))
    values["held"] = meeting_in_state(db, w, MeetingState.HELD)
    values["elsewhere"] = create_council(
        db, ME, CouncilData(name_kk="Басқа кеңес", name_ru="Другой совет")
    ).id
    values.update(_people(db))
    export_archive(db, source, council_ids=[int(values["elsewhere"])])  # type: ignore[call-overload]
    world = World(folder=folder, archive_file=source, **values)  # type: ignore[arg-type]
    _accounts(db, world)
    return world


def _accounts(db: Database, world: World) -> None:
    admin = Actor("admin")
    add_account(db, Actor("os-user"), "admin", PASSWORD, role="administrator")
    add_account(db, admin, "probe", PASSWORD, role="administrator")
    for role in ("secretary", "chair", "member", "reader"):
        set_role(db, admin, "probe", role)
    for login, roles in roles_by_login(world).items():
        if login == "admin":
            continue
        for council, held in roles.items():
            (role,) = held
            if council == next(iter(roles)):
                add_account(db, admin, login, PASSWORD, role=role.value, council_id=council)
            else:
                set_role(db, admin, login, role.value, council_id=council)


def seat_data(world: World) -> SeatData:
    return SeatData(SeatRole.MEMBER, SeatKind.PERSONAL, START, person_id=world.outsider)


AT = datetime(2026, 4, 1, 5, 30, tzinfo=UTC)


EDITION_ACT = ActData(title="Кеңес құрамы туралы бұйрық", number="12", act_date=date(2025, 12, 20))


def new_edition(world: World) -> list[SeatData]:
    """The other council's composition anew from 2026: its chair, a member and the outsider."""
    start = date(2026, 1, 1)
    return [
        SeatData(SeatRole.CHAIR, SeatKind.PERSONAL, start, person_id=world.chair),
        SeatData(SeatRole.MEMBER, SeatKind.PERSONAL, start, person_id=world.members[0]),
        SeatData(SeatRole.MEMBER, SeatKind.PERSONAL, start, person_id=world.outsider),
    ]
