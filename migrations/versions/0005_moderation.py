"""Moderation: the public log, reports, appeals, tag aliases; lock, pin, hide, slow mode and
sanctions on the content and account tables

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 10:54:33.883066

"""
from alembic import op
import sqlalchemy as sa

import forum.database


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('tag_aliases',
    sa.Column('slug', sa.String(length=40), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_tag_aliases_tag_id_tags'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('slug', name=op.f('pk_tag_aliases'))
    )
    with op.batch_alter_table('tag_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tag_aliases_tag_id'), ['tag_id'], unique=False)

    op.create_table('moderation_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', forum.database.UTCDateTime(), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=True),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('target_user_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('detail', sa.String(length=300), nullable=False),
    sa.Column('participant', sa.Boolean(), nullable=False),
    sa.CheckConstraint("action IN ('lock', 'unlock', 'pin', 'unpin', 'hide', 'restore', 'redact', 'retitle', 'retag', 'split', 'slow_mode', 'slow_mode_off', 'cooling', 'suspend', 'ban', 'lift', 'trust', 'untrust', 'role', 'dismiss', 'appeal_granted', 'appeal_denied', 'tag_create', 'tag_edit', 'tag_merge')", name=op.f('ck_moderation_actions_action')),
    sa.ForeignKeyConstraint(['moderator_id'], ['users.id'], name=op.f('fk_moderation_actions_moderator_id_users')),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_moderation_actions_post_id_posts')),
    sa.ForeignKeyConstraint(['target_user_id'], ['users.id'], name=op.f('fk_moderation_actions_target_user_id_users')),
    sa.ForeignKeyConstraint(['thread_id'], ['threads.id'], name=op.f('fk_moderation_actions_thread_id_threads')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation_actions'))
    )
    with op.batch_alter_table('moderation_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_moderation_actions_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_moderation_actions_moderator_id'), ['moderator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_moderation_actions_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_moderation_actions_target_user_id'), ['target_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_moderation_actions_thread_id'), ['thread_id'], unique=False)
        batch_op.create_index('ix_moderation_actions_time', ['created_at', 'id'], unique=False)

    op.create_table('appeals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('appellant_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=1000), nullable=False),
    sa.Column('created_at', forum.database.UTCDateTime(), nullable=False),
    sa.Column('decided_at', forum.database.UTCDateTime(), nullable=True),
    sa.Column('decider_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=10), nullable=True),
    sa.Column('decision_reason', sa.String(length=500), nullable=False),
    sa.CheckConstraint("outcome IS NULL OR outcome IN ('granted', 'denied')", name=op.f('ck_appeals_outcome')),
    sa.ForeignKeyConstraint(['action_id'], ['moderation_actions.id'], name=op.f('fk_appeals_action_id_moderation_actions')),
    sa.ForeignKeyConstraint(['appellant_id'], ['users.id'], name=op.f('fk_appeals_appellant_id_users')),
    sa.ForeignKeyConstraint(['decider_id'], ['users.id'], name=op.f('fk_appeals_decider_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appeals')),
    sa.UniqueConstraint('action_id', name=op.f('uq_appeals_action_id'))
    )
    with op.batch_alter_table('appeals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appeals_appellant_id'), ['appellant_id'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('item_key', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('created_at', forum.database.UTCDateTime(), nullable=False),
    sa.Column('resolved_at', forum.database.UTCDateTime(), nullable=True),
    sa.Column('resolution', sa.String(length=12), nullable=True),
    sa.Column('resolution_reason', sa.String(length=500), nullable=False),
    sa.Column('resolver_id', sa.Integer(), nullable=True),
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("reason IN ('spam', 'harassment', 'off-topic', 'misinformation', 'other')", name=op.f('ck_reports_reason')),
    sa.CheckConstraint("resolution IS NULL OR resolution IN ('dismissed', 'acted')", name=op.f('ck_reports_resolution')),
    sa.ForeignKeyConstraint(['action_id'], ['moderation_actions.id'], name=op.f('fk_reports_action_id_moderation_actions')),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_reports_post_id_posts')),
    sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_reports_reporter_id_users')),
    sa.ForeignKeyConstraint(['resolver_id'], ['users.id'], name=op.f('fk_reports_resolver_id_users')),
    sa.ForeignKeyConstraint(['thread_id'], ['threads.id'], name=op.f('fk_reports_thread_id_threads')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports'))
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index('ix_reports_open_items', ['resolved_at', 'item_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_reporter_id'), ['reporter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_thread_id'), ['thread_id'], unique=False)
        batch_op.create_index('uq_reports_open', ['reporter_id', 'item_key'], unique=True, sqlite_where=sa.text('resolved_at IS NULL'), postgresql_where=sa.text('resolved_at IS NULL'))

    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cooling_until', forum.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('cooling_seconds', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('moved_to_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('hidden_at', forum.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('hidden_reason', sa.String(length=500), server_default='', nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_posts_moved_to_id_threads'), 'threads', ['moved_to_id'], ['id'])

    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('editor_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('redacted_at', forum.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('redaction_reason', sa.String(length=500), server_default='', nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_revisions_editor_id_users'), 'users', ['editor_id'], ['id'])

    with op.batch_alter_table('threads', schema=None) as batch_op:
        batch_op.add_column(sa.Column('locked_at', forum.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('lock_reason', sa.String(length=500), server_default='', nullable=False))
        batch_op.add_column(sa.Column('pinned_at', forum.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('slow_mode_seconds', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('slow_mode_reason', sa.String(length=500), server_default='', nullable=False))
        batch_op.add_column(sa.Column('slow_mode_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('split_from_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('hidden_at', forum.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('hidden_reason', sa.String(length=500), server_default='', nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_threads_slow_mode_by_id_users'), 'users', ['slow_mode_by_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_threads_split_from_id_threads'), 'threads', ['split_from_id'], ['id'])

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('suspended_until', forum.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('banned_at', forum.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('sanction_reason', sa.String(length=500), server_default='', nullable=False))
        batch_op.add_column(sa.Column('session_epoch', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('trusted', sa.Boolean(), server_default='0', nullable=False))



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('trusted')
        batch_op.drop_column('session_epoch')
        batch_op.drop_column('sanction_reason')
        batch_op.drop_column('banned_at')
        batch_op.drop_column('suspended_until')

    with op.batch_alter_table('threads', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_threads_split_from_id_threads'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_threads_slow_mode_by_id_users'), type_='foreignkey')
        batch_op.drop_column('hidden_reason')
        batch_op.drop_column('hidden_at')
        batch_op.drop_column('split_from_id')
        batch_op.drop_column('slow_mode_by_id')
        batch_op.drop_column('slow_mode_reason')
        batch_op.drop_column('slow_mode_seconds')
        batch_op.drop_column('pinned_at')
        batch_op.drop_column('lock_reason')
        batch_op.drop_column('locked_at')

    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_revisions_editor_id_users'), type_='foreignkey')
        batch_op.drop_column('redaction_reason')
        batch_op.drop_column('redacted_at')
        batch_op.drop_column('editor_id')

    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_posts_moved_to_id_threads'), type_='foreignkey')
        batch_op.drop_column('hidden_reason')
        batch_op.drop_column('hidden_at')
        batch_op.drop_column('moved_to_id')
        batch_op.drop_column('cooling_seconds')
        batch_op.drop_column('cooling_until')

    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index('uq_reports_open', sqlite_where=sa.text('resolved_at IS NULL'), postgresql_where=sa.text('resolved_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_reports_thread_id'))
        batch_op.drop_index(batch_op.f('ix_reports_reporter_id'))
        batch_op.drop_index(batch_op.f('ix_reports_post_id'))
        batch_op.drop_index('ix_reports_open_items')

    op.drop_table('reports')
    with op.batch_alter_table('appeals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appeals_appellant_id'))

    op.drop_table('appeals')
    with op.batch_alter_table('moderation_actions', schema=None) as batch_op:
        batch_op.drop_index('ix_moderation_actions_time')
        batch_op.drop_index(batch_op.f('ix_moderation_actions_thread_id'))
        batch_op.drop_index(batch_op.f('ix_moderation_actions_target_user_id'))
        batch_op.drop_index(batch_op.f('ix_moderation_actions_post_id'))
        batch_op.drop_index(batch_op.f('ix_moderation_actions_moderator_id'))
        batch_op.drop_index(batch_op.f('ix_moderation_actions_action'))

    op.drop_table('moderation_actions')
    with op.batch_alter_table('tag_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tag_aliases_tag_id'))

    op.drop_table('tag_aliases')
