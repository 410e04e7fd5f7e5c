"""Add a speaker to an agenda item: a member, or an invited person with position and workplace."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import DomainError
from app.domain.translation import N_
from app.models.database import Database
from app.models.meeting import ItemSpeaker
from app.services.agenda.common import BODY_LIMIT, load_item
from app.services.base import Actor, audit, clean_text, expect
from app.services.meetings.common import (
    LANGS,
    AgendaChange,
    begin_agenda_change,
    check_person,
    end_agenda_change,
)
from app.services.people import person_info


@dataclass(frozen=True)
class SpeakerData:
    """A person from the register (``person_id``), or an invited person known by ``name``.

    Position and organisation are optional for people whose seat says it;
    for invited persons the notice prints them after the name.
    """

    person_id: int | None = None
    name: str = ""
    position_kk: str = ""
    position_ru: str = ""
    position_en: str = ""
    organisation_kk: str = ""
    organisation_ru: str = ""
    organisation_en: str = ""


def add_speaker(db: Database, actor: Actor, item_id: int, data: SpeakerData) -> AgendaChange:
    """Add a speaker at the end of the item's list of speakers."""
    expect(data, SpeakerData, N_("Speaker"))
    name = clean_text(data.name, N_("Name"), limit=300)
    values = {
        f"{prefix}_{lang}": clean_text(getattr(data, f"{prefix}_{lang}"), field, limit=BODY_LIMIT)
        for prefix, field in (("position", N_("Position")), ("organisation", N_("Organisation")))
        for lang in LANGS
    }
    if data.person_id is None and not name:
        raise DomainError(N_("A speaker needs a person from the register or a name."))
    with db.transaction() as session:
        item, meeting = load_item(session, item_id)
        begin_agenda_change(meeting)
        person_id = None
        if data.person_id is not None:
            person = check_person(session, data.person_id, N_("Person"))
            person_id = person.id
            name = ""
            label = person_info(person).full_name()
            if any(s.person_id == person_id for s in item.speakers):
                raise DomainError(N_("{name} already speaks on this item."), name=label)
        else:
            label = name
            if any(s.name.casefold() == name.casefold() for s in item.speakers if s.name):
                raise DomainError(N_("{name} already speaks on this item."), name=label)
        speaker = ItemSpeaker(position=len(item.speakers), person_id=person_id, name=name, **values)
        item.speakers.append(speaker)
        audit(session, actor, "item_speaker.create", speaker, council_id=meeting.council_id)
        return end_agenda_change(
            session,
            actor,
            meeting,
            "item_speaker.create",
            item_id=item.id,
            created_id=speaker.id,
            details={"item": item.position + 1, "speaker": label, "person_id": person_id},
        )
