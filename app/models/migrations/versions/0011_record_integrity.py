"""The record becomes tamper-evident: the audit trail a hash chain, signed meetings sealed.

Revision ID: 0011_record_integrity
Revises: 0010_frozen_profiles
Create Date: 2026-12-04

* ``audit_events`` gains ``seq`` (its place in the chain, unique), ``prev_hash`` and
  ``hash``; the events written before are chained in the order they were written.
* ``protocol_seals`` keeps the seal of each signed revision of a protocol (a hash over the
  meeting's record, with one digest per row); the revisions signed before are sealed,
  anchored to the end of the chain as it stands after the step above.

Idempotent: a column, table or index already there is kept; only events without a place
and signed revisions without a seal are touched.

A migration never imports application code that may change.  The chain's and the
seal's canonical forms are the exception by design: they are versioned contracts
(scheme 1, app/domain/seal.py and app/services/integrity/canonical.py), never edited
once released, because every seal and every chain link is verified with them later.
A copy here could drift from them, and a seal made by a drifted copy would fail.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.services.integrity.chain import link_unchained
from app.services.integrity.seal_meeting import seal_unsealed

revision = "0011_record_integrity"
down_revision = "0010_frozen_profiles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    columns = {c["name"] for c in inspector.get_columns("audit_events")}
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        if "seq" not in columns:
            batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        if "prev_hash" not in columns:
            batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        if "hash" not in columns:
            batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    indexes = {i["name"] for i in sa.inspect(bind).get_indexes("audit_events")}
    if "ix_audit_events_seq" not in indexes:
        with op.batch_alter_table("audit_events", schema=None) as batch_op:
            batch_op.create_index(batch_op.f("ix_audit_events_seq"), ["seq"], unique=True)
    if not sa.inspect(bind).has_table("protocol_seals"):
        op.create_table(
            "protocol_seals",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("protocol_id", sa.Integer(), nullable=False),
            sa.Column("scheme", sa.Integer(), nullable=False),
            sa.Column("digest", sa.String(length=64), nullable=False),
            sa.Column("rows", sa.JSON(), nullable=False),
            sa.Column("anchor_seq", sa.Integer(), nullable=True),
            sa.Column("anchor_hash", sa.String(length=64), nullable=False),
            sa.Column("sealed_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("sealed_by", sa.String(length=200), nullable=False),
            sa.ForeignKeyConstraint(
                ["protocol_id"],
                ["protocols.id"],
                name=op.f("fk_protocol_seals_protocol_id_protocols"),
            ),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_protocol_seals")),
            sa.UniqueConstraint("protocol_id", name=op.f("uq_protocol_seals_protocol_id")),
        )
    link_unchained(bind)
    seal_unsealed(bind, "kenes")


def downgrade() -> None:
    op.drop_table("protocol_seals")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_seq"))
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("seq")
