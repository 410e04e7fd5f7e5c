"""Accounts and the roles they hold per council.

Revision ID: 0013_accounts
Revises: 0012_electronic_signatures
Create Date: 2026-12-04

* ``accounts``: login, argon2 password hash, disabled, failed sign-ins and lock-out.
* ``account_roles``: a role per account and council (no council: every council).

A database without accounts keeps working as before.  Idempotent: a table already
there is kept.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_accounts"
down_revision = "0012_electronic_signatures"
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    bind = op.get_bind()
    if not sa.inspect(bind).has_table("accounts"):
        op.create_table(
            "accounts",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("login", sa.String(length=64), nullable=False),
            sa.Column("display_name", sa.String(length=200), nullable=False),
            sa.Column("password_hash", sa.String(length=200), nullable=False),
            sa.Column("disabled", sa.Boolean(), nullable=False),
            sa.Column("must_change_password", sa.Boolean(), nullable=False),
            sa.Column("failed_attempts", sa.Integer(), nullable=False),
            sa.Column("locked_until", _TZ, nullable=True),
            sa.Column("created_at", _TZ, nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
            sa.UniqueConstraint("login", name=op.f("uq_accounts_login")),
        )
    if not sa.inspect(bind).has_table("account_roles"):
        op.create_table(
            "account_roles",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("account_id", sa.Integer(), nullable=False),
            sa.Column("council_id", sa.Integer(), nullable=True),
            sa.Column("role", sa.String(length=32), nullable=False),
            sa.ForeignKeyConstraint(
                ["account_id"], ["accounts.id"], name=op.f("fk_account_roles_account_id_accounts")
            ),
            sa.ForeignKeyConstraint(
                ["council_id"], ["councils.id"], name=op.f("fk_account_roles_council_id_councils")
            ),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_account_roles")),
            sa.UniqueConstraint(
                "account_id", "council_id", "role", name=op.f("uq_account_roles_account_id_council_id_role")
            ),
        )
        with op.batch_alter_table("account_roles", schema=None) as batch_op:
            batch_op.create_index(
                batch_op.f("ix_account_roles_account_id"), ["account_id"], unique=False
            )
            batch_op.create_index(
                batch_op.f("ix_account_roles_council_id"), ["council_id"], unique=False
            )


def downgrade() -> None:
    op.drop_table("account_roles")
    op.drop_table("accounts")
