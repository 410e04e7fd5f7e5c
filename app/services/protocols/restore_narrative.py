"""Undo or redo a saved narrative of the protocol editor: put a text back as it was.

The protocol editor's undo stack hands each undo and redo here with the text
the last step saved (``expected``) and the text to put back.  In one
transaction the service refuses when the protocol may no longer change (signed:
the transitions table says why) or when the text is no longer what that step
saved (someone edited it meanwhile); otherwise it writes the text as
:func:`set_narrative` does and records it in the audit trail.
"""

from __future__ import annotations

from app.domain.errors import DomainError, Term
from app.domain.translation import N_
from app.models.database import Database
from app.services.base import Actor
from app.services.meetings.common import LANGS
from app.services.protocols.actions import Narrative, clean_narrative, write_narrative

CHANGED_SINCE = N_(
    "This text has changed since it was saved here (in another window or on another "
    "computer), so the change can no longer be undone."
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
    before_text, values = clean_narrative(expected), clean_narrative(narrative)
    if not isinstance(lang, str) or lang not in LANGS:
        raise DomainError(N_("The data for “{what}” is not valid."), what=Term(N_("Language")))
    with db.transaction() as session:
        return write_narrative(
            session,
            actor,
            protocol_id,
            item_id,
            lang,
            values,
            unless_changed_from=(before_text, CHANGED_SINCE),
        )
