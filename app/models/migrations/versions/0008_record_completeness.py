"""The complete record: the clock time of late arrivals and early departures.

Revision ID: 0008_record_completeness
Revises: 0007_people_languages
Create Date: 2026-12-04

Hand-written.

* ``attendance.arrived_at`` and ``attendance.left_at`` (TIME, nullable): when a
  member who arrived late or left early did so, where the secretary recorded
  it; the protocol prints it with the arrival or departure at its item.
  Existing rows have no time (NULL): the protocol then names the item only.

The loss of quorum and the reading of a tie need no schema change: they are
fields of the regulation profile (JSON, read with defaults) and of the frozen
result of a decision point.  Columns are added with ``ADD COLUMN`` so no table
is rebuilt.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_record_completeness"
down_revision = "0007_people_languages"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Skip a column that is there already: a database re-run from an older revision.
    existing = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("attendance")}
    for name in ("arrived_at", "left_at"):
        if name not in existing:
            op.add_column("attendance", sa.Column(name, sa.Time(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("attendance") as batch:
        batch.drop_column("left_at")
        batch.drop_column("arrived_at")
