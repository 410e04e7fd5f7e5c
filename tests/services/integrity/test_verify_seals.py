"""Seals of signed meetings and the audit chain, verified after changes made with SQLite."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.models.database import Database, open_database
from app.services.conduct.decisions import InstructionData, update_instruction
from app.services.integrity.verify import RecordCheck, verify_record
from app.services.protocols.actions import Signing, revise_protocol, sign_protocol
from tests.services.conduct_helpers import ME
from tests.services.seal_helpers import ballot_of, copy_of, make_signed, tamper

MEETING = "Meeting No. 1 of 14 March 2024 (Supervisory board of"


@pytest.fixture(scope="module")
def signed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_signed(tmp_path_factory.mktemp("signed"))


@pytest.fixture
def path(signed_file: Path, tmp_path: Path) -> Path:
    return copy_of(signed_file, tmp_path / "kenes.sqlite3")


def check(path: Path) -> RecordCheck:
    db = open_database(path)
    try:
        return verify_record(db)
    finally:
        db.close()


def messages(path: Path) -> list[str]:
    """The findings in English (the date's no-break spaces as plain ones)."""
    return [f.message("en").replace("\xa0", " ") for f in check(path).findings]


def scalar(path: Path, query: str) -> object:
    con = sqlite3.connect(path)
    try:
        return con.execute(query).fetchone()[0]
    finally:
        con.close()


def test_an_untouched_record_verifies(path: Path) -> None:
    found = check(path)
    assert found.ok, [f.message() for f in found.findings]
    assert found.seals == 1 and found.events > 20


def test_the_seal_is_made_at_signing_after_the_signing_event(path: Path) -> None:
    anchor = scalar(path, "SELECT anchor_seq FROM protocol_seals")
    sign_seq = scalar(path, "SELECT seq FROM audit_events WHERE action = 'protocol.sign'")
    assert anchor == sign_seq == scalar(path, "SELECT max(seq) FROM audit_events")


def test_a_changed_ballot_names_the_member_and_the_decision(path: Path) -> None:
    ballot, name = ballot_of(path, "against")
    tamper(path, f"UPDATE ballots SET choice = 'for' WHERE id = {ballot}")
    [message] = messages(path)
    assert message.startswith(MEETING)
    assert f"the vote of {name} on decision point 1 of item 1 was changed" in message


def test_a_changed_decision_text_is_named(path: Path) -> None:
    tamper(path, "UPDATE decision_points SET text_ru = 'Отклонить.' WHERE number = 1 AND id = 2")
    assert messages(path) == [
        f"{messages_prefix(path)}: the text of decision point 1 of item 2 was changed."
    ]


def messages_prefix(path: Path) -> str:
    council = scalar(path, "SELECT name_en FROM councils ORDER BY id LIMIT 1")
    return f"Meeting No. 1 of 14 March 2024 ({council})"


def test_a_removed_ballot_and_a_changed_result_are_named(path: Path) -> None:
    ballot, name = ballot_of(path, "for")
    tamper(
        path,
        f"DELETE FROM ballots WHERE id = {ballot}",
        "UPDATE decision_points SET without_quorum = 1 WHERE id = 1",
    )
    found = messages(path)
    assert any(
        "the result of the vote on decision point 1 of item 1 was changed" in m for m in found
    )
    assert any(f"the vote of {name} on decision point 1 of item 1 was removed" in m for m in found)


def test_a_changed_dissenting_opinion_is_named(path: Path) -> None:
    tamper(path, "UPDATE dissenting_opinions SET text = 'Келісемін.'")
    [message] = messages(path)
    assert "the dissenting opinion of" in message and "decision point 1 of item 2" in message


def test_an_edited_seal_is_told(path: Path) -> None:
    tamper(path, "UPDATE protocol_seals SET rows = json_set(rows, '$.x', json('{}'))")
    assert messages(path) == [f"{messages_prefix(path)}: the seal itself was changed."]
    tamper(path, "UPDATE protocol_seals SET digest = 'ab' || substr(digest, 3)")
    assert messages(path) == [f"{messages_prefix(path)}: the seal itself was changed."]


def test_a_removed_seal_is_told(path: Path) -> None:
    tamper(path, "DELETE FROM protocol_seals")
    assert messages(path) == [
        f"{messages_prefix(path)}: the protocol is signed, but its seal was removed."
    ]


def test_a_protocol_marked_unsigned_behind_kenes_is_told(path: Path) -> None:
    tamper(path, "UPDATE protocols SET state = 'draft'")
    assert any("now marked as not signed" in m for m in messages(path))


def test_a_replaced_pdf_is_told(path: Path) -> None:
    tamper(path, "UPDATE issued_documents SET pdf = X'255044462D' WHERE lang = 'kk'")
    assert messages(path) == [
        f"{messages_prefix(path)}: the PDF of the protocol issued in Kazakh no longer matches "
        "the one issued."
    ]


def test_deleted_and_altered_audit_events_are_named(path: Path) -> None:
    tamper(
        path,
        "DELETE FROM audit_events WHERE seq IN (5, 6, 7)",
        'UPDATE audit_events SET after = \'{"choice": "for"}\' WHERE seq = 10',
    )
    assert messages(path) == ["Audit events 5–7 are missing.", "Audit event 10 was altered."]


def test_events_cut_from_the_end_and_events_added_are_named(path: Path) -> None:
    last = scalar(path, "SELECT max(seq) FROM audit_events")
    assert isinstance(last, int)
    tamper(
        path,
        f"DELETE FROM audit_events WHERE seq > {last - 2}",
        "INSERT INTO audit_events (at, actor, action, entity) "
        "VALUES ('2024-03-21 10:00:00', 'x', 'protocol.sign', 'protocols')",
    )
    found = messages(path)
    assert found[0] == (
        f"Audit events {last - 1}–{last} are missing from the end of the trail (a seal was made "
        f"after event {last})."
    )
    assert found[1].startswith("An audit event (row ") and "no place in the chain" in found[1]


def test_a_signed_protocol_removed_with_its_seal_is_told(path: Path) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute("PRAGMA foreign_keys = OFF")
        for table in ("protocol_seals", "issued_documents", "protocol_signatures"):
            con.execute(f"DELETE FROM {table}")
        con.execute("DELETE FROM protocol_narratives")
        con.execute("DELETE FROM protocols")
    con.close()
    sign = scalar(path, "SELECT seq FROM audit_events WHERE action = 'protocol.sign'")
    assert messages(path) == [
        f"A signed protocol (audit event {sign}) is no longer in the database: it was removed."
    ]


def test_a_correction_keeps_the_old_seal_and_seals_the_new_revision(path: Path) -> None:
    from datetime import date

    db: Database = open_database(path)
    try:
        first = int(scalar(path, "SELECT id FROM protocols"))  # type: ignore[call-overload]
        revision = revise_protocol(db, ME, first, "The executor was misnamed.")
        assert verify_record(db).ok  # the draft correction may change the record
        instruction = int(scalar(path, "SELECT id FROM protocol_instructions"))  # type: ignore[call-overload]
        update_instruction(
            db,
            ME,
            instruction,
            InstructionData(
                texts={"kk": "Жол картасын әзірлеу.", "ru": "Разработать дорожную карту."},
                executors={"kk": "ЦДИАӨМ", "ru": "МЦРИАП"},
                deadline=date(2024, 7, 1),
            ),
        )
        assert verify_record(db).ok
        sign_protocol(
            db, ME, revision.id, Signing(date(2024, 3, 25), languages=("kk",), accept_gaps=True)
        )
        found = verify_record(db)
        assert found.ok and found.seals == 2
    finally:
        db.close()
    # The replaced revision still vouches for its own rows.
    tamper(
        path,
        "UPDATE issued_documents SET pdf_sha256 = 'ab' "
        f"WHERE protocol_id = {first} AND lang = 'ru'",
    )
    assert messages(path)[-2:] == [
        f"{messages_prefix(path)}: the record of the protocol issued in Russian was changed.",
        f"{messages_prefix(path)}: the PDF of the protocol issued in Russian no longer matches "
        "the one issued.",
    ]
    # The new revision's seal covers the corrected record.
    tamper(path, "UPDATE protocol_instructions SET deadline = '2024-06-01'")
    assert any(
        "instruction 1 of decision point 1 of item 1 was changed" in m for m in messages(path)
    )
