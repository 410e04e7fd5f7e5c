"""Actions on invited persons: speakers, experts, guests, and those who came instead of a member.

An invited person is listed in the protocol, "instead of N" where that
applies, but never counts for the quorum and never votes (000 §14, 004 §22).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.domain.council import pick
from app.domain.errors import DomainError, refuse
from app.domain.invited import InvitedRole, member_invited, nameless, substitute_refusal
from app.domain.translation import N_
from app.models.composition import Person
from app.models.conduct import Attendance, InvitedPerson
from app.models.database import Database
from app.services.base import Actor, audit, check_id, clean_text, expect, get
from app.services.conduct.common import LANGS, frame, guard_conduct, remove_audited, texts
from app.services.people import person_info

__all__ = [  # InvitedRole is the domain's, exported here with the actions that take it
    "INVITED_ROLE_LABELS",
    "InvitedData",
    "InvitedInfo",
    "InvitedRole",
    "add_invited_person",
    "invited_info",
    "remove_invited_person",
]

INVITED_ROLE_LABELS = {
    InvitedRole.SPEAKER: N_("speaker"),
    InvitedRole.EXPERT: N_("expert"),
    InvitedRole.GUEST: N_("guest"),
    InvitedRole.SUBSTITUTE: N_("attended instead of a member"),
}


@dataclass(frozen=True)
class InvitedData:
    role: InvitedRole
    person_id: int | None = None
    name: str = ""
    latin_name: str = ""
    positions: dict[str, str] = field(default_factory=dict)
    organisations: dict[str, str] = field(default_factory=dict)
    instead_of_person_id: int | None = None


@dataclass(frozen=True)
class InvitedInfo:
    id: int
    meeting_id: int
    role: InvitedRole
    person_id: int | None
    name: str
    latin_name: str
    positions: dict[str, str]
    organisations: dict[str, str]
    instead_of_person_id: int | None

    def display_name(self, lang: str) -> str:
        return self.latin_name if lang == "en" and self.latin_name else self.name

    def position(self, lang: str) -> str:
        return pick(self.positions, lang)

    def organisation(self, lang: str) -> str:
        return pick(self.organisations, lang)


def invited_info(row: InvitedPerson) -> InvitedInfo:
    return InvitedInfo(
        row.id,
        row.meeting_id,
        InvitedRole(row.role),
        row.person_id,
        row.name,
        row.latin_name,
        texts(row, "position"),
        texts(row, "organisation"),
        row.instead_of_person_id,
    )


def add_invited_person(
    db: Database, actor: Actor, meeting_id: int, data: InvitedData
) -> InvitedInfo:
    """List someone who attended without being a member."""
    expect(data, InvitedData, N_("Invited person"))
    try:
        role = InvitedRole(data.role)
    except ValueError as exc:
        raise DomainError(N_("Unknown role of an invited person.")) from exc
    positions = {
        k: clean_text(v, N_("Position"), limit=1000)
        for k, v in expect(data.positions, dict, N_("Position")).items()
        if k in LANGS
    }
    organisations = {
        k: clean_text(v, N_("Organisation"), limit=1000)
        for k, v in expect(data.organisations, dict, N_("Organisation")).items()
        if k in LANGS
    }
    name = clean_text(data.name, N_("Name"), limit=300)
    latin = clean_text(data.latin_name, N_("Name in Latin letters"), limit=300)
    with db.transaction() as session:
        fr = frame(session, meeting_id)
        guard_conduct(session, fr.meeting)
        members = fr.member_ids()
        person_id = None
        if data.person_id is not None:
            person = get(session, Person, data.person_id, N_("Person"))
            info = person_info(person)
            refuse(member_invited(person.id, members, lambda _pid: info.full_name()))
            person_id = person.id
            name = name or info.full_name("kk")
            latin = latin or info.latin_name
        refuse(nameless(name))
        instead_of = data.instead_of_person_id
        if role is InvitedRole.SUBSTITUTE and instead_of is not None:
            instead_of = check_id(instead_of, N_("Member"))
        present = session.scalars(
            select(Attendance.person_id).where(
                Attendance.meeting_id == fr.meeting.id, Attendance.present.is_(True)
            )
        )
        refuse(
            substitute_refusal(role, instead_of, members=members, present=set(present), day=fr.day)
        )
        order = (
            session.scalar(
                select(func.max(InvitedPerson.sort_order)).where(
                    InvitedPerson.meeting_id == fr.meeting.id
                )
            )
            or 0
        ) + 10
        row = InvitedPerson(
            meeting_id=fr.meeting.id,
            person_id=person_id,
            name=name,
            latin_name=latin,
            role=role.value,
            instead_of_person_id=instead_of,
            sort_order=order,
        )
        for lang in LANGS:
            setattr(row, f"position_{lang}", positions.get(lang, ""))
            setattr(row, f"organisation_{lang}", organisations.get(lang, ""))
        session.add(row)
        audit(session, actor, "invited.add", row, council_id=fr.meeting.council_id)
        return invited_info(row)


def remove_invited_person(db: Database, actor: Actor, invited_id: int) -> None:
    with db.transaction() as session:
        row = get(session, InvitedPerson, invited_id, N_("Invited person"))
        fr = frame(session, row.meeting_id)
        guard_conduct(session, fr.meeting)
        remove_audited(session, actor, row, "invited.remove", fr.meeting.council_id)
