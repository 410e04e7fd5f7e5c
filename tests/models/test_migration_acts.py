"""Migration 0009: profiles name their act and cite paragraphs; user-edited values stay."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from alembic import command

from app.domain.regulation import ACT_690, SUPERVISORY_BOARD_690, profile_to_dict
from app.models.database import Database, alembic_config, open_database
from app.services.base import Actor
from app.services.councils import CouncilData, create_council, get_council


def downgrade(db: Database, revision: str) -> None:
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def _legacy(profile: dict[str, object]) -> dict[str, object]:
    """A profile as Kenes stored it before acts: seed shorthand, no act."""
    old = dict(profile)
    old.pop("act", None)
    old["sources"] = {"threshold": "000 §15", "dissent": "000 §16", "substitution": "000 §14"}
    old["copies_deadline"] = {"amount": 7, "unit": "calendar_days", "source": "000 §9.4"}
    return old


def test_old_profiles_gain_their_act_and_keep_their_values(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    # The councils are made by today's services (their audit events need today's schema),
    # then the file is taken back to 0008, where profiles had no act.
    db = open_database(path)
    edited = SUPERVISORY_BOARD_690.profile.with_changes(min_meetings_per_year=4)
    council = create_council(
        db, Actor("test"), CouncilData(name_en="Board", preset_key="", profile=edited)
    )
    other = create_council(db, Actor("test"), CouncilData(name_en="Plain"))
    downgrade(db, "0008_record_completeness")
    db.close()
    con = sqlite3.connect(path)
    legacy = _legacy(profile_to_dict(edited))
    con.execute("UPDATE councils SET profile = ? WHERE id = ?", (json.dumps(legacy), council.id))
    plain_before = con.execute("SELECT profile FROM councils WHERE id = ?", (other.id,)).fetchone()
    con.commit()
    con.close()

    db = open_database(path)
    try:
        migrated = get_council(db, council.id).profile
        assert migrated.act == ACT_690
        assert migrated.sources == {"threshold": "15", "dissent": "16", "substitution": "14"}
        assert migrated.copies_deadline is not None and migrated.copies_deadline.source == "9.4"
        assert migrated.min_meetings_per_year == 4  # the user's own value stays
    finally:
        db.close()
    con = sqlite3.connect(path)
    stored = json.loads(
        con.execute("SELECT profile FROM councils WHERE id = ?", (council.id,)).fetchone()[0]
    )
    plain_after = con.execute("SELECT profile FROM councils WHERE id = ?", (other.id,)).fetchone()
    con.close()
    assert "§" not in json.dumps(stored, ensure_ascii=False)
    assert json.loads(plain_after[0]).get("act") is None
    assert json.loads(plain_before[0])["sources"] == json.loads(plain_after[0])["sources"]
