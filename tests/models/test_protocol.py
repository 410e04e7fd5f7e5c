"""Protocols as stored: revisions numbered once, one issued document a language, one seal."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.models.database import Database
from app.models.protocol import IssuedDocument, Protocol, ProtocolSeal
from tests.services.meeting_helpers import make_world, plan

AT = datetime(2026, 4, 20, 9, tzinfo=UTC)


@pytest.fixture
def meeting_id(database: Database) -> int:
    return plan(database, make_world(database))


def add_protocol(database: Database, meeting_id: int, revision: int = 1) -> int:
    with database.transaction() as session:
        protocol = Protocol(meeting_id=meeting_id, revision=revision, number="1")
        session.add(protocol)
        session.flush()
        return protocol.id


def issued(protocol_id: int, lang: str) -> IssuedDocument:
    return IssuedDocument(
        protocol_id=protocol_id,
        lang=lang,
        snapshot={"lang": lang},
        snapshot_sha256="s" * 64,
        pdf=b"%PDF-1.7",
        pdf_sha256="p" * 64,
        gaps=[],
        issued_at=AT,
        issued_by="seitov",
    )


def test_a_new_protocol_is_a_first_draft_in_kazakh(database: Database, meeting_id: int) -> None:
    protocol_id = add_protocol(database, meeting_id)
    with database.reading() as session:
        protocol = session.get(Protocol, protocol_id)
        assert protocol is not None
        assert (protocol.revision, protocol.state, protocol.main_language) == (1, "draft", "kk")
        assert (protocol.replaces_id, protocol.signed_on, protocol.signed_at) == (None, None, None)


def test_a_revision_number_is_taken_once_per_meeting(database: Database, meeting_id: int) -> None:
    first = add_protocol(database, meeting_id)
    with pytest.raises(IntegrityError):
        add_protocol(database, meeting_id)
    with database.transaction() as session:
        session.add(Protocol(meeting_id=meeting_id, revision=2, replaces_id=first, number="1"))
    with database.reading() as session:
        revisions = session.scalars(select(Protocol.revision).order_by(Protocol.revision))
        assert list(revisions) == [1, 2]


def test_one_issued_document_per_language_keeps_its_snapshot_and_pdf(
    database: Database, meeting_id: int
) -> None:
    protocol_id = add_protocol(database, meeting_id)
    with database.transaction() as session:
        session.add_all([issued(protocol_id, "kk"), issued(protocol_id, "ru")])
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(issued(protocol_id, "kk"))
    with database.reading() as session:
        stored = session.scalars(select(IssuedDocument).order_by(IssuedDocument.lang)).all()
        assert [(d.lang, d.snapshot, d.pdf, d.with_gaps) for d in stored] == [
            ("kk", {"lang": "kk"}, b"%PDF-1.7", False),
            ("ru", {"lang": "ru"}, b"%PDF-1.7", False),
        ]


def test_a_protocol_is_sealed_once(database: Database, meeting_id: int) -> None:
    protocol_id = add_protocol(database, meeting_id)

    def seal() -> ProtocolSeal:
        return ProtocolSeal(
            protocol_id=protocol_id,
            scheme=1,
            digest="d" * 64,
            rows={"meetings": {"1": "x"}},
            sealed_at=AT,
            sealed_by="seitov",
        )

    with database.transaction() as session:
        session.add(seal())
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(seal())
    with database.reading() as session:
        stored = session.scalars(select(ProtocolSeal)).one()
        assert (stored.rows, stored.anchor_seq, stored.anchor_hash) == (
            {"meetings": {"1": "x"}},
            None,
            "",
        )
