"""Electronic signatures of issued protocols; trusted roots and revocation lists.

Revision ID: 0012_electronic_signatures
Revises: 0011_record_integrity
Create Date: 2026-12-04

* ``signed_documents``: the issued PDF with the electronic signatures made so far (one
  a document); the issued PDF itself is left as sealed.
* ``electronic_signatures``: each signer's certificate, role, time and the file's hash.
* ``trust_roots`` and ``revocation_lists``: imported by the administrator for
  verification offline.

Idempotent: a table already there is kept.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_electronic_signatures"
down_revision = "0011_record_integrity"
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    bind = op.get_bind()
    if not sa.inspect(bind).has_table("signed_documents"):
        op.create_table(
            "signed_documents",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("issued_id", sa.Integer(), nullable=False),
            sa.Column("pdf", sa.LargeBinary(), nullable=False),
            sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
            sa.Column("signed_at", _TZ, nullable=False),
            sa.ForeignKeyConstraint(
                ["issued_id"],
                ["issued_documents.id"],
                name=op.f("fk_signed_documents_issued_id_issued_documents"),
            ),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_signed_documents")),
            sa.UniqueConstraint("issued_id", name=op.f("uq_signed_documents_issued_id")),
        )
        with op.batch_alter_table("signed_documents", schema=None) as batch_op:
            batch_op.create_index(
                batch_op.f("ix_signed_documents_pdf_sha256"), ["pdf_sha256"], unique=False
            )
    if not sa.inspect(bind).has_table("electronic_signatures"):
        op.create_table(
            "electronic_signatures",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("issued_id", sa.Integer(), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.Column("field_name", sa.String(length=64), nullable=False),
            sa.Column("role", sa.String(length=32), nullable=False),
            sa.Column("person_id", sa.Integer(), nullable=True),
            sa.Column("signer", sa.Text(), nullable=False),
            sa.Column("certificate", sa.LargeBinary(), nullable=False),
            sa.Column("serial", sa.String(length=100), nullable=False),
            sa.Column("issuer", sa.Text(), nullable=False),
            sa.Column("subject", sa.Text(), nullable=False),
            sa.Column("signed_at", _TZ, nullable=False),
            sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
            sa.Column("recorded_by", sa.String(length=200), nullable=False),
            sa.ForeignKeyConstraint(
                ["issued_id"],
                ["issued_documents.id"],
                name=op.f("fk_electronic_signatures_issued_id_issued_documents"),
            ),
            sa.ForeignKeyConstraint(
                ["person_id"],
                ["people.id"],
                name=op.f("fk_electronic_signatures_person_id_people"),
            ),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_electronic_signatures")),
            sa.UniqueConstraint(
                "issued_id", "position", name=op.f("uq_electronic_signatures_issued_id_position")
            ),
        )
        with op.batch_alter_table("electronic_signatures", schema=None) as batch_op:
            batch_op.create_index(
                batch_op.f("ix_electronic_signatures_issued_id"), ["issued_id"], unique=False
            )
            batch_op.create_index(
                batch_op.f("ix_electronic_signatures_pdf_sha256"), ["pdf_sha256"], unique=False
            )
    if not sa.inspect(bind).has_table("trust_roots"):
        op.create_table(
            "trust_roots",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("certificate", sa.LargeBinary(), nullable=False),
            sa.Column("sha256", sa.String(length=64), nullable=False),
            sa.Column("subject", sa.Text(), nullable=False),
            sa.Column("not_after", _TZ, nullable=False),
            sa.Column("added_at", _TZ, nullable=False),
            sa.Column("added_by", sa.String(length=200), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_trust_roots")),
            sa.UniqueConstraint("sha256", name=op.f("uq_trust_roots_sha256")),
        )
    if not sa.inspect(bind).has_table("revocation_lists"):
        op.create_table(
            "revocation_lists",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("crl", sa.LargeBinary(), nullable=False),
            sa.Column("sha256", sa.String(length=64), nullable=False),
            sa.Column("issuer", sa.Text(), nullable=False),
            sa.Column("this_update", _TZ, nullable=False),
            sa.Column("next_update", _TZ, nullable=True),
            sa.Column("added_at", _TZ, nullable=False),
            sa.Column("added_by", sa.String(length=200), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_revocation_lists")),
            sa.UniqueConstraint("sha256", name=op.f("uq_revocation_lists_sha256")),
        )


def downgrade() -> None:
    op.drop_table("revocation_lists")
    op.drop_table("trust_roots")
    op.drop_table("electronic_signatures")
    op.drop_table("signed_documents")
