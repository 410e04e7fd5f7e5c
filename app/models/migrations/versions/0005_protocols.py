"""Protocols: revisions, narratives, agreement rounds, signatures, copies, issued documents.

Revision ID: 0005_protocols
Revises: 0004_conduct
Create Date: 2026-11-22 04:38:11.232803
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005_protocols'
down_revision = '0004_conduct'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('protocols',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.Column('revision_reason', sa.Text(), nullable=False),
    sa.Column('number', sa.String(length=64), nullable=False),
    sa.Column('city_kk', sa.Text(), nullable=False),
    sa.Column('city_ru', sa.Text(), nullable=False),
    sa.Column('city_en', sa.Text(), nullable=False),
    sa.Column('main_language', sa.String(length=8), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('agreed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('signed_by', sa.String(length=200), nullable=False),
    sa.Column('copies_sent_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_protocols_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['replaces_id'], ['protocols.id'], name=op.f('fk_protocols_replaces_id_protocols')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_protocols')),
    sa.UniqueConstraint('meeting_id', 'revision', name=op.f('uq_protocols_meeting_id_revision')),
    sa.UniqueConstraint('uid', name=op.f('uq_protocols_uid'))
    )
    with op.batch_alter_table('protocols', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_protocols_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_protocols_state'), ['state'], unique=False)

    op.create_table('issued_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('protocol_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=8), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('snapshot_sha256', sa.String(length=64), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('pdf_sha256', sa.String(length=64), nullable=False),
    sa.Column('with_gaps', sa.Boolean(), nullable=False),
    sa.Column('gaps', sa.JSON(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('issued_by', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['protocol_id'], ['protocols.id'], name=op.f('fk_issued_documents_protocol_id_protocols')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_documents')),
    sa.UniqueConstraint('protocol_id', 'lang', name=op.f('uq_issued_documents_protocol_id_lang'))
    )
    with op.batch_alter_table('issued_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issued_documents_pdf_sha256'), ['pdf_sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_issued_documents_protocol_id'), ['protocol_id'], unique=False)

    op.create_table('protocol_agreements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('protocol_id', sa.Integer(), nullable=False),
    sa.Column('agreed_by', sa.Text(), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=False),
    sa.Column('remarks', sa.Text(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['protocol_id'], ['protocols.id'], name=op.f('fk_protocol_agreements_protocol_id_protocols')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_protocol_agreements'))
    )
    with op.batch_alter_table('protocol_agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_protocol_agreements_protocol_id'), ['protocol_id'], unique=False)

    op.create_table('protocol_copies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('protocol_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('recipient', sa.Text(), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_protocol_copies_person_id_people')),
    sa.ForeignKeyConstraint(['protocol_id'], ['protocols.id'], name=op.f('fk_protocol_copies_protocol_id_protocols')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_protocol_copies'))
    )
    with op.batch_alter_table('protocol_copies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_protocol_copies_protocol_id'), ['protocol_id'], unique=False)

    op.create_table('protocol_narratives',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('protocol_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=8), nullable=False),
    sa.Column('heard', sa.Text(), nullable=False),
    sa.Column('spoke', sa.Text(), nullable=False),
    sa.Column('discussion', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_protocol_narratives_item_id_agenda_items')),
    sa.ForeignKeyConstraint(['protocol_id'], ['protocols.id'], name=op.f('fk_protocol_narratives_protocol_id_protocols')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_protocol_narratives')),
    sa.UniqueConstraint('protocol_id', 'item_id', 'lang', name=op.f('uq_protocol_narratives_protocol_id_item_id_lang'))
    )
    with op.batch_alter_table('protocol_narratives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_protocol_narratives_protocol_id'), ['protocol_id'], unique=False)

    op.create_table('protocol_signatures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('protocol_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_protocol_signatures_person_id_people')),
    sa.ForeignKeyConstraint(['protocol_id'], ['protocols.id'], name=op.f('fk_protocol_signatures_protocol_id_protocols')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_protocol_signatures'))
    )
    with op.batch_alter_table('protocol_signatures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_protocol_signatures_protocol_id'), ['protocol_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('protocol_signatures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_protocol_signatures_protocol_id'))

    op.drop_table('protocol_signatures')
    with op.batch_alter_table('protocol_narratives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_protocol_narratives_protocol_id'))

    op.drop_table('protocol_narratives')
    with op.batch_alter_table('protocol_copies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_protocol_copies_protocol_id'))

    op.drop_table('protocol_copies')
    with op.batch_alter_table('protocol_agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_protocol_agreements_protocol_id'))

    op.drop_table('protocol_agreements')
    with op.batch_alter_table('issued_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issued_documents_protocol_id'))
        batch_op.drop_index(batch_op.f('ix_issued_documents_pdf_sha256'))

    op.drop_table('issued_documents')
    with op.batch_alter_table('protocols', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_protocols_state'))
        batch_op.drop_index(batch_op.f('ix_protocols_meeting_id'))

    op.drop_table('protocols')

