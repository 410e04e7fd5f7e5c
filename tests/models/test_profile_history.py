"""Profile versions as stored: a council's profile from a date, with the act that changed it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.models.composition import Council
from app.models.database import Database
from app.models.profile_history import ProfileVersion

AT = datetime(2026, 2, 1, 9, tzinfo=UTC)


def council(database: Database) -> int:
    with database.transaction() as session:
        row = Council(kind="board", profile={"quorum": "half"})
        session.add(row)
        session.flush()
        return row.id


def test_versions_keep_their_profile_date_and_act(database: Database) -> None:
    council_id = council(database)
    with database.transaction() as session:
        session.add_all(
            [
                ProfileVersion(
                    council_id=council_id,
                    effective_from=None,
                    profile={"quorum": "half"},
                    recorded_at=AT,
                ),
                ProfileVersion(
                    council_id=council_id,
                    effective_from=date(2026, 3, 1),
                    profile={"quorum": "two_thirds", "signers": ["presiding"]},
                    act_title="Кеңес туралы ереже",
                    act_number="12",
                    act_date=date(2026, 2, 20),
                    recorded_at=AT,
                    recorded_by="seitov",
                ),
            ]
        )
    with database.reading() as session:
        versions = session.scalars(
            select(ProfileVersion).order_by(
                ProfileVersion.effective_from.is_not(None), ProfileVersion.effective_from
            )
        ).all()
        assert [(v.effective_from, v.profile["quorum"]) for v in versions] == [
            (None, "half"),
            (date(2026, 3, 1), "two_thirds"),
        ]
        assert versions[1].profile["signers"] == ["presiding"]
        assert (versions[0].act_title, versions[0].act_date) == ("", None)
        assert versions[1].uid != versions[0].uid


def test_a_version_of_a_council_that_does_not_exist_is_refused(database: Database) -> None:
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(ProfileVersion(council_id=42, profile={}, recorded_at=AT))
    with database.reading() as session:
        assert session.scalars(select(ProfileVersion)).all() == []
