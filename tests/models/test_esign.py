"""Electronic signatures as stored: one signed file per issued document, one signer a place."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.models.database import Database
from app.models.esign import ElectronicSignature, RevocationList, SignedDocument, TrustRoot
from app.models.protocol import IssuedDocument, Protocol
from tests.services.meeting_helpers import make_world, plan

AT = datetime(2026, 4, 20, 9, tzinfo=UTC)


@pytest.fixture
def issued_id(database: Database) -> int:
    meeting_id = plan(database, make_world(database))
    with database.transaction() as session:
        protocol = Protocol(meeting_id=meeting_id, number="1")
        session.add(protocol)
        session.flush()
        document = IssuedDocument(
            protocol_id=protocol.id,
            lang="kk",
            snapshot={},
            snapshot_sha256="s" * 64,
            pdf=b"%PDF-1.7 issued",
            pdf_sha256="p" * 64,
            gaps=[],
            issued_at=AT,
            issued_by="seitov",
        )
        session.add(document)
        session.flush()
        return document.id


def signature(issued_id: int, position: int) -> ElectronicSignature:
    return ElectronicSignature(
        issued_id=issued_id,
        position=position,
        field_name=f"Signature{position}",
        role="secretary",
        signer="Сейітов М.",
        certificate=b"\x30\x82",
        serial="0a",
        issuer="CN=НУЦ РК",
        subject="CN=СЕЙІТОВ МАРАТ",
        signed_at=AT,
        pdf_sha256="q" * 64,
        recorded_by="seitov",
    )


def test_the_signed_file_is_kept_beside_the_issued_one_once(
    database: Database, issued_id: int
) -> None:
    with database.transaction() as session:
        session.add(
            SignedDocument(
                issued_id=issued_id, pdf=b"%PDF-1.7 issued+sig", pdf_sha256="q" * 64, signed_at=AT
            )
        )
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(
            SignedDocument(issued_id=issued_id, pdf=b"other", pdf_sha256="r" * 64, signed_at=AT)
        )
    with database.reading() as session:
        assert session.scalars(select(SignedDocument.pdf)).all() == [b"%PDF-1.7 issued+sig"]
        assert session.get(IssuedDocument, issued_id).pdf == b"%PDF-1.7 issued"  # type: ignore[union-attr]


def test_each_signer_takes_one_place_in_order(database: Database, issued_id: int) -> None:
    with database.transaction() as session:
        session.add_all([signature(issued_id, 1), signature(issued_id, 2)])
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(signature(issued_id, 2))
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(signature(issued_id + 1, 1))  # no such issued document
    with database.reading() as session:
        places = session.scalars(
            select(ElectronicSignature.position).order_by(ElectronicSignature.position)
        )
        assert list(places) == [1, 2]


def test_a_trust_root_and_a_revocation_list_are_imported_once(database: Database) -> None:
    def root() -> TrustRoot:
        return TrustRoot(
            certificate=b"\x30",
            sha256="c" * 64,
            subject="CN=Root",
            not_after=AT,
            added_at=AT,
            added_by="admin",
        )

    def crl() -> RevocationList:
        return RevocationList(
            crl=b"\x30",
            sha256="d" * 64,
            issuer="CN=Root",
            this_update=AT,
            added_at=AT,
            added_by="admin",
        )

    with database.transaction() as session:
        session.add_all([root(), crl()])
    for again in (root, crl):
        with pytest.raises(IntegrityError), database.transaction() as session:
            session.add(again())
    with database.reading() as session:
        assert len(session.scalars(select(TrustRoot)).all()) == 1
        assert session.scalars(select(RevocationList.next_update)).all() == [None]
