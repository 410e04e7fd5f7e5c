"""Undo or redo one step of the agenda editor: the step's inverse, saved at once.

The editor's undo stack (STYLE.md 11) hands each undo and redo to
:func:`apply_undo_step` with the agenda as the previous step left it.  In one
transaction the service refuses when that is no longer the agenda: the chair
approved it since (undoing would silently revoke an approval the chair gave to
what is there now), or the meeting was held, or anyone changed the agenda
meanwhile.  Otherwise it does what the step says, records the change as every
agenda action does (revoking an approval in force, noting the revision) and
returns the :class:`AgendaChange`.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.domain.errors import DomainError, Term
from app.domain.meeting import APPROVED_STATES, MeetingState, check_move
from app.domain.translation import N_
from app.models.database import Database
from app.models.meeting import AgendaItem, ItemSpeaker, Material, MaterialBlob, Meeting
from app.services.agenda.common import (
    BODY_LIMIT,
    clean_item,
    item_columns,
)
from app.services.agenda.move_item import move_in
from app.services.agenda.remove_item import remove_in
from app.services.agenda.undo_steps import (
    AgendaStamp,
    AgendaStep,
    PlaceItem,
    RestoreItem,
    RestoreTexts,
    WithdrawItem,
)
from app.services.base import Actor, audit, clean_text, expect, get, snapshot
from app.services.meetings.common import (
    LANGS,
    AgendaChange,
    agenda_info,
    begin_agenda_change,
    check_person,
    end_agenda_change,
    load_meeting,
    renumber,
)

APPROVED_SINCE = N_(
    "The chair has approved the agenda since this change, so it can no longer be undone. "
    "Correct the agenda as usual; it will then need approval again."
)
CHANGED_SINCE = N_(
    "The agenda has changed since this step (here or on another computer), so it can no "
    "longer be undone."
)


def apply_undo_step(
    db: Database, actor: Actor, step: AgendaStep, expected: AgendaStamp
) -> AgendaChange:
    """Do ``step`` if the agenda is still as ``expected``; refuse otherwise, changing nothing."""
    if not isinstance(step, WithdrawItem | RestoreItem | PlaceItem | RestoreTexts):
        raise DomainError(N_("The data for “{what}” is not valid."), what=Term(N_("Agenda item")))
    expect(expected, AgendaStamp, N_("Agenda"))
    with db.transaction() as session:
        meeting = load_meeting(session, expected.meeting_id)
        _check_unchanged(session, meeting, expected)
        if isinstance(step, RestoreItem):
            return _restore(session, actor, meeting, step)
        item = get(session, AgendaItem, step.item_id, N_("Agenda item"))
        if item.meeting_id != meeting.id:
            raise DomainError(CHANGED_SINCE)
        if isinstance(step, WithdrawItem):
            return _withdraw(session, actor, meeting, item)
        if isinstance(step, PlaceItem):
            return _place(session, actor, meeting, item, step.index)
        return _texts(session, actor, meeting, item, step)


def _check_unchanged(session: Session, meeting: Meeting, expected: AgendaStamp) -> None:
    """The refusals of an undo: a held meeting, an approval since, any other change since."""
    begin_agenda_change(meeting)  # the domain's refusal for a held, closed or cancelled meeting
    if MeetingState(meeting.state) in APPROVED_STATES:
        raise DomainError(APPROVED_SINCE)
    if (
        str(meeting.state) != expected.state
        or meeting.approved_at != expected.approved_at
        or agenda_info(session, meeting) != expected.items
    ):
        raise DomainError(CHANGED_SINCE)


def _withdraw(session: Session, actor: Actor, meeting: Meeting, item: AgendaItem) -> AgendaChange:
    """Remove the item a step added (it is removed as :func:`remove_item` removes one)."""
    details = {"item": item.position + 1, "before": item_columns(item), "undo": True}
    return remove_in(session, actor, meeting, item, details)


def _restore(session: Session, actor: Actor, meeting: Meeting, step: RestoreItem) -> AgendaChange:
    """Put an item back where it was, with its speakers and materials."""
    values = clean_item(step.content.data)
    items = list(meeting.items)
    at = check_move(step.index, len(items) + 1)
    item = AgendaItem(position=at, **values)
    items.insert(at, item)
    meeting.items.append(item)
    renumber(items)
    _put_back_holdings(session, item, step)
    session.flush()
    audit(session, actor, "agenda_item.create", item, council_id=meeting.council_id)
    return end_agenda_change(
        session,
        actor,
        meeting,
        "agenda_item.create",
        item_id=item.id,
        created_id=item.id,
        details={"item": at + 1, "after": values, "undo": True},
    )


def _put_back_holdings(session: Session, item: AgendaItem, step: RestoreItem) -> None:
    """The speakers and materials of an item put back (the files stored again if dropped)."""
    for position, data in enumerate(step.content.speakers):
        person = check_person(session, data.person_id, N_("Person")) if data.person_id else None
        texts = {
            f"{prefix}_{lang}": clean_text(
                getattr(data, f"{prefix}_{lang}"), N_("Speaker"), limit=BODY_LIMIT
            )
            for prefix in ("position", "organisation")
            for lang in LANGS
        }
        name = "" if person else clean_text(data.name, N_("Name"), limit=300)
        item.speakers.append(
            ItemSpeaker(
                position=position, person_id=person.id if person else None, name=name, **texts
            )
        )
    for position, stored in enumerate(step.content.materials):
        info = stored.info
        if session.get(MaterialBlob, info.sha256) is None:
            session.add(MaterialBlob(sha256=info.sha256, size=len(stored.data), data=stored.data))
        item.materials.append(
            Material(
                position=position,
                file_name=info.file_name,
                media_type=info.media_type,
                size=info.size,
                sha256=info.sha256,
                attached_by=info.attached_by,
            )
        )


def _place(
    session: Session, actor: Actor, meeting: Meeting, item: AgendaItem, index: int
) -> AgendaChange:
    """Move the item to place ``index`` (as :func:`move_item` moves one)."""
    return move_in(session, actor, meeting, item, index, {"undo": True})


def _texts(
    session: Session, actor: Actor, meeting: Meeting, item: AgendaItem, step: RestoreTexts
) -> AgendaChange:
    """Give the item its former texts (as :func:`update_item` corrects one)."""
    values = clean_item(step.data)
    old = item_columns(item)
    before = snapshot(item)
    for key, value in values.items():
        setattr(item, key, value)
    audit(session, actor, "agenda_item.update", item, before=before, council_id=meeting.council_id)
    changed = {key: value for key, value in values.items() if old[key] != value}
    return end_agenda_change(
        session,
        actor,
        meeting,
        "agenda_item.update",
        item_id=item.id,
        details={
            "item": item.position + 1,
            "before": {key: old[key] for key in changed},
            "after": changed,
            "undo": True,
        },
    )
