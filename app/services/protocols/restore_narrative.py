"""Undo or redo a saved narrative of the protocol editor: put a text back as it was.

The protocol editor's undo stack hands each undo and redo here with the text
the last step saved (``expected``) and the text to put back.  In one
transaction the service refuses when the protocol may no longer change (signed:
the transitions table says why) or when the text is no longer what that step
saved (someone edited it meanwhile); otherwise it writes the text as
:func:`set_narrative` does and records it in the audit trail.
"""

from __future__ import annotations

from sqlalchemy import select

from app.domain.errors import DomainError, Term
from app.domain.translation import N_
from app.models.database import Database
from app.models.meeting import AgendaItem
from app.models.protocol import ProtocolNarrative
from app.services.base import Actor, audit, clean_text, expect, get
from app.services.meetings.common import LANGS, load_meeting
from app.services.protocols.actions import Narrative
from app.services.protocols.common import guard_draft, load_protocol

CHANGED_SINCE = N_(
    "This text has changed since it was saved here (in another window or on another "
    "computer), so the change can no longer be undone."
)


def _clean(narrative: object) -> Narrative:
    value = expect(narrative, Narrative, N_("Narrative"))
    return Narrative(
        clean_text(value.heard, N_("Heard"), limit=50_000, multiline=True),
        clean_text(value.spoke, N_("Spoke"), limit=10_000, multiline=True),
        clean_text(value.discussion, N_("Discussion"), limit=50_000, multiline=True),
    )


def restore_narrative(
    db: Database,
    actor: Actor,
    protocol_id: int,
    item_id: int,
    lang: str,
    expected: Narrative,
    narrative: Narrative,
) -> Narrative:
    """Write ``narrative`` for an item in ``lang`` if the saved text is still ``expected``."""
    before_text, values = _clean(expected), _clean(narrative)
    if not isinstance(lang, str) or lang not in LANGS:
        raise DomainError(N_("The data for “{what}” is not valid."), what=Term(N_("Language")))
    with db.transaction() as session:
        row = load_protocol(session, protocol_id)
        guard_draft(row)
        item = get(session, AgendaItem, item_id, N_("Agenda item"))
        if item.meeting_id != row.meeting_id:
            raise DomainError(N_("The item does not belong to this meeting."))
        text = session.scalar(
            select(ProtocolNarrative).where(
                ProtocolNarrative.protocol_id == row.id,
                ProtocolNarrative.item_id == item.id,
                ProtocolNarrative.lang == lang,
            )
        )
        stored = (
            Narrative(text.heard, text.spoke, text.discussion) if text is not None else Narrative()
        )
        if stored != before_text:
            raise DomainError(CHANGED_SINCE)
        if text is None:
            text = ProtocolNarrative(protocol_id=row.id, item_id=item.id, lang=lang)
            session.add(text)
        text.heard, text.spoke, text.discussion = values.heard, values.spoke, values.discussion
        meeting = load_meeting(session, row.meeting_id)
        audit(
            session,
            actor,
            "protocol.narrative",
            entity="protocol_narratives",
            entity_id=row.id,
            council_id=meeting.council_id,
            before={"heard": stored.heard, "spoke": stored.spoke, "discussion": stored.discussion},
            after={
                "item_id": item.id,
                "lang": lang,
                "heard": values.heard,
                "spoke": values.spoke,
                "discussion": values.discussion,
                "undo": True,
            },
        )
        return values
