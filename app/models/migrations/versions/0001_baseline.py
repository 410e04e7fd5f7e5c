"""Baseline: mark the database as Kenes's own.

Revision ID: 0001_baseline
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None

SQLITE_APPLICATION_ID = 0x4B454E53  # "KENS"; copied, a migration never imports app code that may change


def upgrade() -> None:
    meta = op.create_table(
        "kenes_meta",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.String(255), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_kenes_meta"),
    )
    op.bulk_insert(meta, [{"key": "application", "value": "kenes"}])
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"PRAGMA application_id = {SQLITE_APPLICATION_ID}")


def downgrade() -> None:
    op.drop_table("kenes_meta")
