"""What the protocol actions share: plain results, the newest revision, the lock of the record."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import DomainError, NotFoundError
from app.domain.protocol import ProtocolState
from app.models.database import Database
from app.models.meeting import Meeting
from app.services.protocols.actions import (
    ProtocolDetails,
    Signing,
    create_protocol,
    revise_protocol,
    sign_protocol,
    update_protocol,
)
from app.services.protocols.common import (
    guard_draft,
    guard_unlocked,
    latest_protocol,
    load_protocol,
    protocol_info,
    record_locked,
)
from tests.services.conduct_helpers import ME
from tests.services.protocol_helpers import held_meeting

CITIES = {"kk": "Астана", "ru": "Астана", "en": "Astana"}


def signed(database: Database) -> tuple[int, int]:
    """A held meeting's protocol, signed on paper in Kazakh and Russian: (meeting, protocol)."""
    meeting_id = held_meeting(database).board.meeting_id
    protocol = create_protocol(database, ME, meeting_id)
    update_protocol(database, ME, protocol.id, ProtocolDetails("3", CITIES, "ru"))
    sign_protocol(
        database,
        ME,
        protocol.id,
        Signing(date(2024, 3, 20), languages=("ru", "kk"), accept_gaps=True),
    )
    return meeting_id, protocol.id


def test_the_plain_result_lists_issued_documents_by_language(database: Database) -> None:
    meeting_id, protocol_id = signed(database)
    with database.reading() as session:
        info = protocol_info(session, load_protocol(session, protocol_id))
    assert (info.meeting_id, info.number, info.revision, info.main_language) == (
        meeting_id,
        "3",
        1,
        "ru",
    )
    assert info.state is ProtocolState.SIGNED and info.signed_on == date(2024, 3, 20)
    assert [d.lang for d in info.issued] == ["kk", "ru"]
    assert all(len(d.pdf_sha256) == 64 and len(d.snapshot_sha256) == 64 for d in info.issued)
    assert info.city("en") == "Astana" and info.cities == CITIES


def test_a_signed_newest_revision_locks_the_record_until_a_correction(database: Database) -> None:
    meeting_id, protocol_id = signed(database)
    with database.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        assert record_locked(session, meeting_id).id == protocol_id  # type: ignore[union-attr]
        with pytest.raises(DomainError, match=f"meeting No. {meeting.number} is signed"):
            guard_unlocked(session, meeting)
        with pytest.raises(DomainError):
            guard_draft(load_protocol(session, protocol_id))
    revision = revise_protocol(database, ME, protocol_id, "Атауы қате жазылған.")
    with database.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        assert latest_protocol(session, meeting_id).id == revision.id  # type: ignore[union-attr]
        assert record_locked(session, meeting_id) is None
        guard_unlocked(session, meeting)
        guard_draft(load_protocol(session, revision.id))


def test_a_meeting_without_protocol_and_an_unknown_protocol(database: Database) -> None:
    meeting_id = held_meeting(database).board.meeting_id
    with database.reading() as session:
        assert latest_protocol(session, meeting_id) is None
        assert record_locked(session, meeting_id) is None
        with pytest.raises(NotFoundError):
            load_protocol(session, 404)
