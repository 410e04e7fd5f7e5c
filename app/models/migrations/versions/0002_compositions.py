"""Compositions: councils, acts, people, positions, holdings, seats, and the audit trail.

Revision ID: 0002_compositions
Revises: 0001_baseline
Create Date: 2026-11-22 04:09:46.716826
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002_compositions'
down_revision = '0001_baseline'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=100), nullable=False),
    sa.Column('entity', sa.String(length=64), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('council_id', sa.Integer(), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_council_id'), ['council_id'], unique=False)

    op.create_table('councils',
    sa.Column('name_kk', sa.Text(), nullable=False),
    sa.Column('name_ru', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('act_title', sa.Text(), nullable=False),
    sa.Column('act_number', sa.String(length=64), nullable=False),
    sa.Column('act_date', sa.Date(), nullable=True),
    sa.Column('working_body_kk', sa.Text(), nullable=False),
    sa.Column('working_body_ru', sa.Text(), nullable=False),
    sa.Column('working_body_en', sa.Text(), nullable=False),
    sa.Column('preset_key', sa.String(length=64), nullable=False),
    sa.Column('profile', sa.JSON(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['councils.id'], name=op.f('fk_councils_parent_id_councils')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_councils')),
    sa.UniqueConstraint('uid', name=op.f('uq_councils_uid'))
    )
    with op.batch_alter_table('councils', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_councils_parent_id'), ['parent_id'], unique=False)

    op.create_table('people',
    sa.Column('surname', sa.String(length=200), nullable=False),
    sa.Column('given_name', sa.String(length=200), nullable=False),
    sa.Column('patronymic', sa.String(length=200), nullable=False),
    sa.Column('latin_name', sa.String(length=300), nullable=False),
    sa.Column('email', sa.String(length=300), nullable=False),
    sa.Column('phone', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('uid', name=op.f('uq_people_uid'))
    )
    op.create_table('positions',
    sa.Column('title_kk', sa.Text(), nullable=False),
    sa.Column('title_ru', sa.Text(), nullable=False),
    sa.Column('title_en', sa.Text(), nullable=False),
    sa.Column('organisation_kk', sa.Text(), nullable=False),
    sa.Column('organisation_ru', sa.Text(), nullable=False),
    sa.Column('organisation_en', sa.Text(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_positions')),
    sa.UniqueConstraint('uid', name=op.f('uq_positions_uid'))
    )
    op.create_table('acts',
    sa.Column('council_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('number', sa.String(length=64), nullable=False),
    sa.Column('act_date', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_acts_council_id_councils')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_acts')),
    sa.UniqueConstraint('uid', name=op.f('uq_acts_uid'))
    )
    with op.batch_alter_table('acts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_acts_council_id'), ['council_id'], unique=False)

    op.create_table('position_holdings',
    sa.Column('position_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('act_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['act_id'], ['acts.id'], name=op.f('fk_position_holdings_act_id_acts')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_position_holdings_person_id_people')),
    sa.ForeignKeyConstraint(['position_id'], ['positions.id'], name=op.f('fk_position_holdings_position_id_positions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_position_holdings')),
    sa.UniqueConstraint('uid', name=op.f('uq_position_holdings_uid'))
    )
    with op.batch_alter_table('position_holdings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_position_holdings_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_position_holdings_position_id'), ['position_id'], unique=False)

    op.create_table('seats',
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('position_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('voting', sa.Boolean(), nullable=False),
    sa.Column('by_agreement', sa.Boolean(), nullable=False),
    sa.Column('side', sa.String(length=16), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('act_id', sa.Integer(), nullable=True),
    sa.Column('end_act_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['act_id'], ['acts.id'], name=op.f('fk_seats_act_id_acts')),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_seats_council_id_councils')),
    sa.ForeignKeyConstraint(['end_act_id'], ['acts.id'], name=op.f('fk_seats_end_act_id_acts')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_seats_person_id_people')),
    sa.ForeignKeyConstraint(['position_id'], ['positions.id'], name=op.f('fk_seats_position_id_positions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_seats')),
    sa.UniqueConstraint('uid', name=op.f('uq_seats_uid'))
    )
    with op.batch_alter_table('seats', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_seats_council_id'), ['council_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_seats_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_seats_position_id'), ['position_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('seats', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_seats_position_id'))
        batch_op.drop_index(batch_op.f('ix_seats_person_id'))
        batch_op.drop_index(batch_op.f('ix_seats_council_id'))

    op.drop_table('seats')
    with op.batch_alter_table('position_holdings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_position_holdings_position_id'))
        batch_op.drop_index(batch_op.f('ix_position_holdings_person_id'))

    op.drop_table('position_holdings')
    with op.batch_alter_table('acts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_acts_council_id'))

    op.drop_table('acts')
    op.drop_table('positions')
    op.drop_table('people')
    with op.batch_alter_table('councils', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_councils_parent_id'))

    op.drop_table('councils')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_council_id'))
        batch_op.drop_index(batch_op.f('ix_audit_events_at'))
        batch_op.drop_index(batch_op.f('ix_audit_events_action'))

    op.drop_table('audit_events')

