"""Closed votes keep the profile they were counted under; profiles change from a date.

Revision ID: 0010_frozen_profiles
Revises: 0009_regulation_acts
Create Date: 2026-12-04

Hand-written.

* ``profile_versions``: the regulation profiles of a council, each in force from
  ``effective_from`` (NULL: from the council's start) until the next one, with the
  act that changed it, when and by whom it was recorded.  A council whose profile
  never changed has no rows: its ``councils.profile`` is in force for every meeting.
* The frozen record of every closed decision point gains ``profile``: the profile
  its result was counted under.  A vote closed before this revision did not keep
  it; the council's current profile is the best record there is (until now every
  result was counted, and recounted, under it).  A frozen record that has a
  ``profile`` already keeps it, so the migration is safe to run again.

Results themselves are never recounted here.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010_frozen_profiles"
down_revision = "0009_regulation_acts"
branch_labels = None
depends_on = None


def _data(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _create_table() -> None:
    if "profile_versions" in sa.inspect(op.get_bind()).get_table_names():
        return  # a database re-run from an older revision
    op.create_table(
        "profile_versions",
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=True),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("act_title", sa.Text(), nullable=False),
        sa.Column("act_number", sa.String(length=64), nullable=False),
        sa.Column("act_date", sa.Date(), nullable=True),
        sa.Column("act_text", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["council_id"],
            ["councils.id"],
            name=op.f("fk_profile_versions_council_id_councils"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_versions")),
        sa.UniqueConstraint("uid", name=op.f("uq_profile_versions_uid")),
    )
    with op.batch_alter_table("profile_versions") as batch:
        batch.create_index(batch.f("ix_profile_versions_council_id"), ["council_id"], unique=False)


def _freeze_profiles() -> None:
    bind = op.get_bind()
    councils = sa.table("councils", sa.column("id", sa.Integer), sa.column("profile", sa.JSON))
    meetings = sa.table(
        "meetings", sa.column("id", sa.Integer), sa.column("council_id", sa.Integer)
    )
    items = sa.table(
        "agenda_items", sa.column("id", sa.Integer), sa.column("meeting_id", sa.Integer)
    )
    points = sa.table(
        "decision_points",
        sa.column("id", sa.Integer),
        sa.column("item_id", sa.Integer),
        sa.column("state", sa.String),
        sa.column("frozen", sa.JSON),
    )
    profiles = {
        row.id: _data(row.profile) or {}
        for row in bind.execute(sa.select(councils.c.id, councils.c.profile)).all()
    }
    closed = bind.execute(
        sa.select(points.c.id, points.c.frozen, meetings.c.council_id)
        .select_from(
            points.join(items, items.c.id == points.c.item_id).join(
                meetings, meetings.c.id == items.c.meeting_id
            )
        )
        .where(points.c.state == "closed")
    ).all()
    for point_id, frozen, council_id in closed:
        record = _data(frozen)
        if not isinstance(record, dict) or "profile" in record:
            continue
        record = {**record, "profile": profiles.get(council_id, {})}
        bind.execute(points.update().where(points.c.id == point_id).values(frozen=record))


def upgrade() -> None:
    _create_table()
    _freeze_profiles()


def downgrade() -> None:
    """The history goes; an older Kenes ignores a frozen record's ``profile``."""
    with op.batch_alter_table("profile_versions") as batch:
        batch.drop_index(batch.f("ix_profile_versions_council_id"))
    op.drop_table("profile_versions")
