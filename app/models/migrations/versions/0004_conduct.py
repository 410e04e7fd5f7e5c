"""Meeting conduct: attendance, invited persons, decision points, ballots, dissents, instructions.

Revision ID: 0004_conduct
Revises: 0003_meetings
Create Date: 2026-11-22 04:32:40.467898
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004_conduct'
down_revision = '0003_meetings'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('attendance',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('present', sa.Boolean(), nullable=False),
    sa.Column('absence_reason', sa.Text(), nullable=False),
    sa.Column('arrived_before_item', sa.Integer(), nullable=True),
    sa.Column('left_after_item', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_attendance_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_attendance_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('meeting_id', 'person_id', name=op.f('uq_attendance_meeting_id_person_id')),
    sa.UniqueConstraint('uid', name=op.f('uq_attendance_uid'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_person_id'), ['person_id'], unique=False)

    op.create_table('invited_persons',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('latin_name', sa.Text(), nullable=False),
    sa.Column('position_kk', sa.Text(), nullable=False),
    sa.Column('position_ru', sa.Text(), nullable=False),
    sa.Column('position_en', sa.Text(), nullable=False),
    sa.Column('organisation_kk', sa.Text(), nullable=False),
    sa.Column('organisation_ru', sa.Text(), nullable=False),
    sa.Column('organisation_en', sa.Text(), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('instead_of_person_id', sa.Integer(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['instead_of_person_id'], ['people.id'], name=op.f('fk_invited_persons_instead_of_person_id_people')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_invited_persons_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_invited_persons_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invited_persons')),
    sa.UniqueConstraint('uid', name=op.f('uq_invited_persons_uid'))
    )
    with op.batch_alter_table('invited_persons', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invited_persons_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('decision_points',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text_kk', sa.Text(), nullable=False),
    sa.Column('text_ru', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('count_for', sa.Integer(), nullable=True),
    sa.Column('count_against', sa.Integer(), nullable=True),
    sa.Column('count_abstained', sa.Integer(), nullable=True),
    sa.Column('presiding_choice', sa.String(length=16), nullable=False),
    sa.Column('chair_choice', sa.String(length=16), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_by', sa.String(length=200), nullable=False),
    sa.Column('frozen', sa.JSON(), nullable=True),
    sa.Column('without_quorum', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_decision_points_item_id_agenda_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_points')),
    sa.UniqueConstraint('item_id', 'number', name=op.f('uq_decision_points_item_id_number')),
    sa.UniqueConstraint('uid', name=op.f('uq_decision_points_uid'))
    )
    with op.batch_alter_table('decision_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_points_item_id'), ['item_id'], unique=False)

    op.create_table('ballots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_point_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('choice', sa.String(length=16), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decision_point_id'], ['decision_points.id'], name=op.f('fk_ballots_decision_point_id_decision_points')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_ballots_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ballots')),
    sa.UniqueConstraint('decision_point_id', 'person_id', name=op.f('uq_ballots_decision_point_id_person_id'))
    )
    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ballots_decision_point_id'), ['decision_point_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ballots_person_id'), ['person_id'], unique=False)

    op.create_table('dissenting_opinions',
    sa.Column('decision_point_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decision_point_id'], ['decision_points.id'], name=op.f('fk_dissenting_opinions_decision_point_id_decision_points')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_dissenting_opinions_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dissenting_opinions')),
    sa.UniqueConstraint('uid', name=op.f('uq_dissenting_opinions_uid'))
    )
    with op.batch_alter_table('dissenting_opinions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dissenting_opinions_decision_point_id'), ['decision_point_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dissenting_opinions_person_id'), ['person_id'], unique=False)

    op.create_table('protocol_instructions',
    sa.Column('decision_point_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text_kk', sa.Text(), nullable=False),
    sa.Column('text_ru', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('executor_person_id', sa.Integer(), nullable=True),
    sa.Column('executor_kk', sa.Text(), nullable=False),
    sa.Column('executor_ru', sa.Text(), nullable=False),
    sa.Column('executor_en', sa.Text(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('completion_form_kk', sa.Text(), nullable=False),
    sa.Column('completion_form_ru', sa.Text(), nullable=False),
    sa.Column('completion_form_en', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decision_point_id'], ['decision_points.id'], name=op.f('fk_protocol_instructions_decision_point_id_decision_points')),
    sa.ForeignKeyConstraint(['executor_person_id'], ['people.id'], name=op.f('fk_protocol_instructions_executor_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_protocol_instructions')),
    sa.UniqueConstraint('uid', name=op.f('uq_protocol_instructions_uid'))
    )
    with op.batch_alter_table('protocol_instructions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_protocol_instructions_deadline'), ['deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_protocol_instructions_decision_point_id'), ['decision_point_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_protocol_instructions_state'), ['state'], unique=False)

    op.create_table('voting_reopenings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_point_id', sa.Integer(), nullable=False),
    sa.Column('reopened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reopened_by', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('previous', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['decision_point_id'], ['decision_points.id'], name=op.f('fk_voting_reopenings_decision_point_id_decision_points')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voting_reopenings'))
    )
    with op.batch_alter_table('voting_reopenings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voting_reopenings_decision_point_id'), ['decision_point_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('voting_reopenings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voting_reopenings_decision_point_id'))

    op.drop_table('voting_reopenings')
    with op.batch_alter_table('protocol_instructions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_protocol_instructions_state'))
        batch_op.drop_index(batch_op.f('ix_protocol_instructions_decision_point_id'))
        batch_op.drop_index(batch_op.f('ix_protocol_instructions_deadline'))

    op.drop_table('protocol_instructions')
    with op.batch_alter_table('dissenting_opinions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dissenting_opinions_person_id'))
        batch_op.drop_index(batch_op.f('ix_dissenting_opinions_decision_point_id'))

    op.drop_table('dissenting_opinions')
    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ballots_person_id'))
        batch_op.drop_index(batch_op.f('ix_ballots_decision_point_id'))

    op.drop_table('ballots')
    with op.batch_alter_table('decision_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_points_item_id'))

    op.drop_table('decision_points')
    with op.batch_alter_table('invited_persons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invited_persons_meeting_id'))

    op.drop_table('invited_persons')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_person_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_meeting_id'))

    op.drop_table('attendance')

