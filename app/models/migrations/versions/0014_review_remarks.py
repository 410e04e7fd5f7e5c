"""The chair's review: remarks on agendas and protocol drafts, and their answers.

Revision ID: 0014_review_remarks
Revises: 0013_accounts
Create Date: 2026-12-04

Idempotent: a table already there is kept.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_review_remarks"
down_revision = "0013_accounts"
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("review_remarks"):
        return
    op.create_table(
        "review_remarks",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=16), nullable=False),
        sa.Column("protocol_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("made_at", _TZ, nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("answered_by", sa.String(length=200), nullable=False),
        sa.Column("answered_at", _TZ, nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_review_remarks_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["protocol_id"], ["protocols.id"], name=op.f("fk_review_remarks_protocol_id_protocols")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_remarks")),
        sa.UniqueConstraint("uid", name=op.f("uq_review_remarks_uid")),
    )
    with op.batch_alter_table("review_remarks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_remarks_meeting_id"), ["meeting_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("review_remarks")
