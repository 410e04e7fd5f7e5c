"""Meetings, agendas, materials (stored once by SHA-256), approvals, notifications, calendar days.

Revision ID: 0003_meetings
Revises: 0002_compositions
Create Date: 2026-11-22 04:17:24.925812
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0003_meetings'
down_revision = '0002_compositions'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('calendar_overrides',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('is_working_day', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_overrides')),
    sa.UniqueConstraint('day', name=op.f('uq_calendar_overrides_day')),
    sa.UniqueConstraint('uid', name=op.f('uq_calendar_overrides_uid'))
    )
    op.create_table('material_blobs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_material_blobs'))
    )
    op.create_table('meetings',
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('meeting_date', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=False),
    sa.Column('ends_at', sa.Time(), nullable=True),
    sa.Column('place_kk', sa.Text(), nullable=False),
    sa.Column('place_ru', sa.Text(), nullable=False),
    sa.Column('place_en', sa.Text(), nullable=False),
    sa.Column('presiding_person_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=32), nullable=False),
    sa.Column('state_reason', sa.Text(), nullable=False),
    sa.Column('state_changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('state_changed_by', sa.String(length=200), nullable=False),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('approved_by', sa.String(length=200), nullable=False),
    sa.Column('approver_person_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['approver_person_id'], ['people.id'], name=op.f('fk_meetings_approver_person_id_people')),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_meetings_council_id_councils')),
    sa.ForeignKeyConstraint(['presiding_person_id'], ['people.id'], name=op.f('fk_meetings_presiding_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings')),
    sa.UniqueConstraint('council_id', 'year', 'number', name=op.f('uq_meetings_council_id_year_number')),
    sa.UniqueConstraint('uid', name=op.f('uq_meetings_uid'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_council_id'), ['council_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_meeting_date'), ['meeting_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_presiding_person_id'), ['presiding_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_year'), ['year'], unique=False)

    op.create_table('agenda_approvals',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('approved_by', sa.String(length=200), nullable=False),
    sa.Column('approver_person_id', sa.Integer(), nullable=False),
    sa.Column('item_count', sa.Integer(), nullable=False),
    sa.Column('agenda_digest', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['approver_person_id'], ['people.id'], name=op.f('fk_agenda_approvals_approver_person_id_people')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_agenda_approvals_meeting_id_meetings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_approvals')),
    sa.UniqueConstraint('uid', name=op.f('uq_agenda_approvals_uid'))
    )
    with op.batch_alter_table('agenda_approvals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_approvals_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('agenda_items',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title_kk', sa.Text(), nullable=False),
    sa.Column('title_ru', sa.Text(), nullable=False),
    sa.Column('title_en', sa.Text(), nullable=False),
    sa.Column('responsible_kk', sa.Text(), nullable=False),
    sa.Column('responsible_ru', sa.Text(), nullable=False),
    sa.Column('responsible_en', sa.Text(), nullable=False),
    sa.Column('is_instructions_report', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_agenda_items_meeting_id_meetings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_items')),
    sa.UniqueConstraint('uid', name=op.f('uq_agenda_items_uid'))
    )
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_items_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('notifications',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('lang', sa.String(length=8), nullable=False),
    sa.Column('file_name', sa.Text(), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('notified_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('notified_by', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_notifications_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_notifications_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    sa.UniqueConstraint('uid', name=op.f('uq_notifications_uid'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_person_id'), ['person_id'], unique=False)

    op.create_table('agenda_revisions',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('approval_id', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changed_by', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('revoked_approval', sa.Boolean(), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['approval_id'], ['agenda_approvals.id'], name=op.f('fk_agenda_revisions_approval_id_agenda_approvals')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_agenda_revisions_meeting_id_meetings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_revisions')),
    sa.UniqueConstraint('uid', name=op.f('uq_agenda_revisions_uid'))
    )
    with op.batch_alter_table('agenda_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_revisions_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('item_speakers',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('position_kk', sa.Text(), nullable=False),
    sa.Column('position_ru', sa.Text(), nullable=False),
    sa.Column('position_en', sa.Text(), nullable=False),
    sa.Column('organisation_kk', sa.Text(), nullable=False),
    sa.Column('organisation_ru', sa.Text(), nullable=False),
    sa.Column('organisation_en', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_item_speakers_item_id_agenda_items')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_item_speakers_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_item_speakers')),
    sa.UniqueConstraint('uid', name=op.f('uq_item_speakers_uid'))
    )
    with op.batch_alter_table('item_speakers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_speakers_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_item_speakers_person_id'), ['person_id'], unique=False)

    op.create_table('materials',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.Text(), nullable=False),
    sa.Column('media_type', sa.String(length=200), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('attached_by', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_materials_item_id_agenda_items')),
    sa.ForeignKeyConstraint(['sha256'], ['material_blobs.sha256'], name=op.f('fk_materials_sha256_material_blobs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_materials')),
    sa.UniqueConstraint('uid', name=op.f('uq_materials_uid'))
    )
    with op.batch_alter_table('materials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_materials_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_materials_sha256'), ['sha256'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('materials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_materials_sha256'))
        batch_op.drop_index(batch_op.f('ix_materials_item_id'))

    op.drop_table('materials')
    with op.batch_alter_table('item_speakers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_speakers_person_id'))
        batch_op.drop_index(batch_op.f('ix_item_speakers_item_id'))

    op.drop_table('item_speakers')
    with op.batch_alter_table('agenda_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_revisions_meeting_id'))

    op.drop_table('agenda_revisions')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifications_person_id'))
        batch_op.drop_index(batch_op.f('ix_notifications_meeting_id'))

    op.drop_table('notifications')
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_items_meeting_id'))

    op.drop_table('agenda_items')
    with op.batch_alter_table('agenda_approvals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_approvals_meeting_id'))

    op.drop_table('agenda_approvals')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_year'))
        batch_op.drop_index(batch_op.f('ix_meetings_state'))
        batch_op.drop_index(batch_op.f('ix_meetings_presiding_person_id'))
        batch_op.drop_index(batch_op.f('ix_meetings_meeting_date'))
        batch_op.drop_index(batch_op.f('ix_meetings_council_id'))

    op.drop_table('meetings')
    op.drop_table('material_blobs')
    op.drop_table('calendar_overrides')

