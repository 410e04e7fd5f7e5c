"""canonical: the rows a seal covers, named by uids, and what is left out of them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.domain.seal import SealRow
from app.models.database import open_database
from app.services.integrity.canonical import PROTOCOL_KINDS, sealed_rows
from tests.services.seal_helpers import copy_of, make_signed, tamper


@pytest.fixture(scope="module")
def signed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_signed(tmp_path_factory.mktemp("signed"))


@pytest.fixture
def path(signed_file: Path, tmp_path: Path) -> Path:
    return copy_of(signed_file, tmp_path / "kenes.sqlite3")


def rows(path: Path) -> list[SealRow]:
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            return sealed_rows(conn, 1)
    finally:
        db.close()


def test_the_whole_record_is_covered_once_row_by_row(path: Path) -> None:
    sealed = rows(path)
    kinds = Counter(row.kind for row in sealed)
    assert kinds["meeting"] == 1 and kinds["protocol"] == 1 and kinds["item"] == 3
    assert kinds["attendance"] == 15 and kinds["point"] == kinds["result"] == 2
    assert kinds["ballot"] == 28 and kinds["dissent"] == 1 and kinds["instruction"] == 1
    assert kinds["issued"] == 2  # signed in Kazakh and Russian
    assert set(kinds) >= PROTOCOL_KINDS - {"narrative"}
    assert len({row.key for row in sealed}) == len(sealed)  # one key each
    assert [row.kind for row in sealed[:2]] == ["meeting", "protocol"]


def test_rows_name_people_and_records_by_uid_not_by_id(path: Path) -> None:
    con_rows = rows(path)
    meeting = next(r for r in con_rows if r.kind == "meeting")
    assert "id" not in meeting.values and "council_id" not in meeting.values
    assert isinstance(meeting.values["council"], str) and len(meeting.values["council"]) == 32
    ballot = next(r for r in con_rows if r.kind == "ballot")
    assert ballot.where["item"] == 1 and ballot.where["point"] == 1
    assert ballot.key == f"ballot:{ballot.key.split(':')[1]}:{ballot.where['person']}"
    point = next(r for r in con_rows if r.kind == "point")
    assert set(point.values) == {"text_kk", "text_ru", "text_en"}  # the result apart


def test_what_may_change_after_signing_is_left_out(path: Path) -> None:
    before = rows(path)
    tamper(
        path,
        "UPDATE meetings SET state = 'closed', version = version + 5",
        "UPDATE protocols SET state = 'copies_sent'",
        "UPDATE protocol_instructions SET state = 'done'",
    )
    assert rows(path) == before


def test_a_changed_ballot_changes_only_its_row(path: Path) -> None:
    before = {row.key: row for row in rows(path)}
    tamper(path, "UPDATE ballots SET choice = 'abstained' WHERE id = 1")
    after = {row.key: row for row in rows(path)}
    changed = [key for key in before if before[key] != after[key]]
    assert len(changed) == 1 and changed[0].startswith("ballot:")
    assert after[changed[0]].values == {"choice": "abstained"}


def test_rows_read_the_same_through_any_connection(path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            plain = sealed_rows(conn, 1)
    finally:
        engine.dispose()
    assert plain == rows(path)
