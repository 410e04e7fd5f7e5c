"""Reading one protocol as it stands, for the editor; a draft only for those who may read it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from app.domain.errors import NotFoundError
from app.domain.permissions import ReadRefused
from app.models.database import Database
from app.models.meeting import Meeting
from app.services.accounts.add_account import add_account
from app.services.base import Actor, work_as
from app.services.protocols.actions import (
    Narrative,
    Signing,
    create_protocol,
    set_narrative,
    sign_protocol,
)
from app.services.protocols.read_protocol import read_protocol
from tests.services.accounts.account_helpers import ADMIN, PASSWORD, with_admin
from tests.services.conduct_helpers import ME
from tests.services.protocol_helpers import held_meeting


@pytest.fixture(autouse=True)
def nobody_signed_in() -> Iterator[None]:
    yield
    work_as(None)


def test_the_protocol_reads_back_as_last_saved(database: Database) -> None:
    held = held_meeting(database)
    created = create_protocol(database, ME, held.board.meeting_id)
    set_narrative(
        database, ME, created.id, held.board.items[0], "kk", Narrative("Баяндама тыңдалды.", "", "")
    )
    found = read_protocol(database, created.id)
    assert found == created  # the narrative is the item's, not the protocol row's
    with pytest.raises(NotFoundError):
        read_protocol(database, created.id + 1)


def test_a_draft_is_the_secretary_s_a_signed_protocol_the_members_too(
    database: Database,
) -> None:
    held = held_meeting(database)
    with database.reading() as session:
        council = session.get(Meeting, held.board.meeting_id).council_id  # type: ignore[union-attr]
    protocol = create_protocol(database, ME, held.board.meeting_id)
    with_admin(database)
    add_account(database, ADMIN, "seitov", PASSWORD, role="secretary", council_id=council)
    add_account(database, ADMIN, "omarova", PASSWORD, role="member", council_id=council)
    work_as(Actor("omarova"))
    with pytest.raises(ReadRefused):
        read_protocol(database, protocol.id)
    work_as(Actor("seitov"))
    assert read_protocol(database, protocol.id).id == protocol.id
    sign_protocol(
        database,
        Actor("seitov"),
        protocol.id,
        Signing(date(2024, 3, 20), languages=("kk",), accept_gaps=True),
    )
    work_as(Actor("omarova"))
    assert read_protocol(database, protocol.id).signed_on == date(2024, 3, 20)
