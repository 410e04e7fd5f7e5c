"""Writing a saved narrative back (the protocol editor's undo), and its refusals."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import DomainError
from app.models.database import Database
from app.services.protocols.actions import (
    Narrative,
    ProtocolDetails,
    Signing,
    create_protocol,
    set_narrative,
    sign_protocol,
    update_protocol,
)
from app.services.protocols.restore_narrative import restore_narrative
from tests.services.conduct_helpers import ME
from tests.services.meeting_helpers import counts, first_item
from tests.services.protocol_helpers import held_meeting


def test_a_saved_text_is_put_back_and_again(database: Database) -> None:
    held = held_meeting(database)
    info = create_protocol(database, ME, held.board.meeting_id)
    item_id = first_item(database, held.board.meeting_id)
    saved = set_narrative(database, ME, info.id, item_id, "ru", Narrative("Доклад."))
    back = restore_narrative(database, ME, info.id, item_id, "ru", saved, Narrative())
    assert back == Narrative()
    again = restore_narrative(database, ME, info.id, item_id, "ru", back, saved)
    assert again == saved


def test_a_text_changed_meanwhile_is_not_overwritten(database: Database) -> None:
    held = held_meeting(database)
    info = create_protocol(database, ME, held.board.meeting_id)
    item_id = first_item(database, held.board.meeting_id)
    saved = set_narrative(database, ME, info.id, item_id, "en", Narrative("Report."))
    set_narrative(database, ME, info.id, item_id, "en", Narrative("Another report."))
    before = counts(database)
    with pytest.raises(DomainError, match="changed since it was saved here"):
        restore_narrative(database, ME, info.id, item_id, "en", saved, Narrative())
    assert counts(database) == before


def test_a_signed_protocol_is_not_changed(database: Database) -> None:
    held = held_meeting(database)
    info = create_protocol(database, ME, held.board.meeting_id)
    item_id = first_item(database, held.board.meeting_id)
    update_protocol(database, ME, info.id, ProtocolDetails("1", {"kk": "Астана"}, "kk"))
    saved = set_narrative(database, ME, info.id, item_id, "kk", Narrative("Баяндама."))
    sign_protocol(
        database, ME, info.id, Signing(date(2024, 3, 20), languages=("kk",), accept_gaps=True)
    )
    before = counts(database)
    with pytest.raises(DomainError):
        restore_narrative(database, ME, info.id, item_id, "kk", saved, Narrative())
    assert counts(database) == before


def test_data_of_the_wrong_shape_is_refused(database: Database) -> None:
    held = held_meeting(database)
    info = create_protocol(database, ME, held.board.meeting_id)
    item_id = first_item(database, held.board.meeting_id)
    with pytest.raises(DomainError):
        restore_narrative(database, ME, info.id, item_id, "de", Narrative(), Narrative("x"))
    with pytest.raises(DomainError):
        restore_narrative(database, ME, info.id, item_id, "kk", "x", Narrative())  # type: ignore[arg-type]
