"""The instructions list: an index of the open instructions by deadline.

Revision ID: 0016_open_instructions_index
Revises: 0015_postgres_search
Create Date: 2026-12-04

Hand-written.  The Instructions page shows the open instructions first by deadline and
reads one screen of them at a time (:mod:`app.services.instruction_queries`).  A partial
index on ``deadline`` over the open instructions only lets that page walk the list in
order and stop after a screen, and count the open and overdue ones from the index alone:
the cost no longer grows with the closed instructions of the years before (measured:
``docs/performance.md``).  The same SQL on SQLite and PostgreSQL; idempotent.
"""

from __future__ import annotations

from alembic import op

revision = "0016_open_instructions_index"
down_revision = "0015_postgres_search"
branch_labels = None
depends_on = None

INDEX = "ix_protocol_instructions_open_deadline"


def upgrade() -> None:
    op.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON protocol_instructions (deadline) "
        "WHERE state = 'open'"
    )


def downgrade() -> None:
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
