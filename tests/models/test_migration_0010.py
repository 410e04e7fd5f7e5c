"""Migration 0010: closed votes gain the profile they were counted under; safe to run again."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from app.domain.regulation import profile_to_dict
from app.domain.voting import Choice
from app.models.database import open_database
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.voting import cast_ballot, close_voting
from app.services.councils import get_council
from tests.services.conduct_helpers import ME, all_present, board_meeting


def as_at_0009(path: Path) -> None:
    """The database as revision 0009 left it: no profile history, results without profiles."""
    con = sqlite3.connect(path)
    con.execute("DROP TABLE profile_versions")
    for point_id, frozen in con.execute("SELECT id, frozen FROM decision_points").fetchall():
        if frozen:
            record = json.loads(frozen)
            record.pop("profile", None)
            con.execute(
                "UPDATE decision_points SET frozen = ? WHERE id = ?", (json.dumps(record), point_id)
            )
    con.execute("UPDATE alembic_version SET version_num = '0009_regulation_acts'")
    con.commit()
    con.close()


def frozen_of(path: Path) -> dict[int, dict[str, object] | None]:
    con = sqlite3.connect(path)
    rows = con.execute("SELECT id, frozen FROM decision_points ORDER BY id").fetchall()
    con.close()
    return {point_id: json.loads(frozen) if frozen else None for point_id, frozen in rows}


def test_closed_votes_gain_the_profile_and_a_rerun_changes_nothing(db_path: Path) -> None:
    db = open_database(db_path)
    board = board_meeting(db)
    all_present(db, board)
    closed = add_decision_point(db, ME, board.items[0], {"en": "Approve"})
    cast_ballot(db, ME, closed.id, board.members[3], Choice.FOR)
    close_voting(db, ME, closed.id)
    still_open = add_decision_point(db, ME, board.items[1], {"en": "Note"})
    profile = profile_to_dict(get_council(db, 1).profile)
    db.close()
    as_at_0009(db_path)
    assert "profile" not in (frozen_of(db_path)[closed.id] or {})

    db = open_database(db_path)  # migrates to the head
    db.close()
    migrated = frozen_of(db_path)
    frozen = migrated[closed.id]
    assert frozen is not None and frozen["profile"] == profile
    assert migrated[still_open.id] is None
    con = sqlite3.connect(path := db_path)
    assert con.execute("SELECT count(*) FROM profile_versions").fetchone() == (0,)
    # Run again from 0009 over the migrated data: nothing changes.
    con.execute("UPDATE alembic_version SET version_num = '0009_regulation_acts'")
    con.commit()
    con.close()
    open_database(path).close()
    assert frozen_of(db_path) == migrated
