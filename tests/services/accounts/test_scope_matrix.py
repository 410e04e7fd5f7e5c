"""Reading limited by role: every read query × every role returns only what the role may read.

One SQLite file: the demo council (1) with a held meeting whose protocol is a draft, then
signed, and a planned meeting; a second council (2) where only the administrator holds a
role.  The queries run as each account signed in for the process (``work_as``), as the
desktop and ``kenes --user`` do.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from app.domain.errors import KenesError
from app.domain.permissions import ReadRefused
from app.models.database import Database, open_database
from app.services.accounts.add_account import add_account
from app.services.base import Actor, work_as
from app.services.councils import CouncilData, create_council, get_council, list_councils
from app.services.meeting_detail import meeting_detail
from app.services.meeting_queries import list_meetings, meeting_years
from app.services.protocols.actions import Signing, create_protocol, sign_protocol
from app.services.protocols.documents import protocol_meeting_ids, protocol_pdf, protocol_snapshot
from app.services.protocols.read_protocol import read_protocol
from app.services.search import search
from tests.services.conduct_helpers import ME
from tests.services.meeting_helpers import meeting_data
from tests.services.protocol_helpers import held_meeting

PASSWORD = "correct horse battery"
ADMIN = Actor("admin")
LOGINS = ("admin", "seitov", "abenov", "omarova", "reader", "stranger")


@dataclass(frozen=True)
class Archive:
    path: Path
    held: int  # the held meeting of council 1 (its protocol a draft)
    planned: int  # a planned meeting of council 1
    protocol: int
    other: int  # council 2


def _build(path: Path) -> Archive:
    from app.services.meetings.plan_meeting import plan_meeting

    db = open_database(path)
    try:
        held = held_meeting(db)
        planned = plan_meeting(db, ME, 1, meeting_data(day=date(2024, 5, 20))).meeting.id
        protocol = create_protocol(db, ME, held.board.meeting_id).id
        other = create_council(db, ME, CouncilData(name_kk="Басқа кеңес", name_ru="Другой совет"))
        add_account(db, ME, "admin", PASSWORD, role="administrator")
        for login, role in (
            ("seitov", "secretary"),
            ("abenov", "chair"),
            ("omarova", "member"),
            ("reader", "reader"),
        ):
            add_account(db, ADMIN, login, PASSWORD, role=role, council_id=1)
    finally:
        db.close()
    return Archive(path, held.board.meeting_id, planned, protocol, other.id)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    return _build(tmp_path_factory.mktemp("scope") / "archive.sqlite3")


@pytest.fixture
def archive(built: Archive, tmp_path: Path) -> Iterator[tuple[Archive, Database]]:
    path = shutil.copy2(built.path, tmp_path / "archive.sqlite3")
    db = open_database(Path(path))
    try:
        yield built, db
    finally:
        work_as(None)
        db.close()


def _sign(db: Database, archive: Archive) -> None:
    sign_protocol(
        db,
        Actor("abenov"),
        archive.protocol,
        Signing(date(2024, 3, 20), languages=("kk", "ru"), accept_gaps=True),
    )


def _readable(action: object) -> bool:
    assert callable(action)
    try:
        action()
    except ReadRefused:
        return False
    return True


def _views(db: Database, archive: Archive) -> dict[str, object]:
    """What each read query shows the account at work."""
    meetings = {row.meeting.id for row in list_meetings(db, today=date(2024, 3, 1))}
    return {
        "councils": {c.id for c in list_councils(db, include_archived=True)},
        "meetings": meetings,
        "years": meeting_years(db),
        "protocols": set(protocol_meeting_ids(db)),
        "read protocol": _readable(lambda: read_protocol(db, archive.protocol)),
        "snapshot": _readable(lambda: protocol_snapshot(db, archive.protocol, "kk")),
        "held meeting": _readable(lambda: meeting_detail(db, archive.held)),
        "planned meeting": _readable(lambda: meeting_detail(db, archive.planned)),
        "other council": _readable(lambda: get_council(db, archive.other)),
        "search": {hit.meeting_id for hit in search(db, "жоспар")},
    }


def test_while_the_protocol_is_a_draft(archive: tuple[Archive, Database]) -> None:
    built, db = archive
    both = {built.held, built.planned}
    full = {"councils": {1}, "meetings": both, "protocols": {built.held}}
    expected = {
        "admin": {"councils": {1, built.other}, "meetings": both, "protocols": {built.held}},
        "seitov": full,
        "abenov": full,
        "omarova": {"councils": {1}, "meetings": both, "protocols": set()},
        "reader": {"councils": {1}, "meetings": set(), "protocols": set()},
        "stranger": {"councils": set(), "meetings": set(), "protocols": set()},
    }
    for login in LOGINS:
        work_as(Actor(login))
        seen = _views(db, built)
        assert {key: seen[key] for key in ("councils", "meetings", "protocols")} == expected[
            login
        ], login
        drafts = login in ("admin", "seitov", "abenov")
        assert seen["read protocol"] is drafts, login
        assert seen["snapshot"] is drafts, login
        assert seen["held meeting"] is (login not in ("reader", "stranger")), login
        assert seen["planned meeting"] is (login not in ("reader", "stranger")), login
        assert seen["other council"] is (login == "admin"), login
        assert seen["years"] == ([2024] if login not in ("reader", "stranger") else []), login
        assert seen["search"] == (
            {built.held} if login not in {"stranger", "reader"} else set()
        ), login


def test_once_signed_the_archive_opens_to_members_and_readers(
    archive: tuple[Archive, Database],
) -> None:
    built, db = archive
    _sign(db, built)
    for login in LOGINS:
        work_as(Actor(login))
        seen = _views(db, built)
        reads = login != "stranger"
        assert seen["protocols"] == ({built.held} if reads else set()), login
        assert seen["read protocol"] is reads, login
        assert seen["snapshot"] is reads, login
        assert seen["held meeting"] is reads, login
        assert seen["planned meeting"] is (reads and login != "reader"), login
        assert seen["search"] == ({built.held} if reads else set()), login
        if reads:
            assert protocol_pdf(db, built.protocol, "kk").startswith(b"%PDF")


def test_a_refusal_to_read_names_the_account_and_writes_nothing(
    archive: tuple[Archive, Database],
) -> None:
    built, db = archive
    before = built.path.read_bytes()
    work_as(Actor("reader"))
    with pytest.raises(ReadRefused) as caught:
        meeting_detail(db, built.planned)
    assert "reader" in caught.value.message()
    with pytest.raises(KenesError):
        protocol_pdf(db, built.protocol, "kk")
    assert built.path.read_bytes() == before


def test_without_accounts_everything_reads_as_before(tmp_path: Path) -> None:
    db = open_database(tmp_path / "plain.sqlite3")
    try:
        held = held_meeting(db)
        assert {row.meeting.id for row in list_meetings(db, today=date(2024, 3, 1))} == {
            held.board.meeting_id
        }
        assert {c.id for c in list_councils(db)} == {1}
    finally:
        db.close()
