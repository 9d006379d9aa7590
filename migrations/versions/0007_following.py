"""Following: follow levels for tags and threads, read positions, notifications and their
settings

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 11:40:32.061888

"""
from alembic import op
import sqlalchemy as sa

import forum.database


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('follow_settings',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('watch_own', sa.Boolean(), nullable=False),
    sa.Column('daily_digest', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_follow_settings_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_follow_settings'))
    )
    op.create_table('notification_preferences',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('delivery', sa.String(length=8), nullable=False),
    sa.CheckConstraint("delivery IN ('app', 'email', 'off')", name=op.f('ck_notification_preferences_delivery')),
    sa.CheckConstraint("kind IN ('reply', 'mention', 'new_thread', 'watched_reply', 'report', 'moderation')", name=op.f('ck_notification_preferences_kind')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notification_preferences_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', 'kind', name=op.f('pk_notification_preferences'))
    )
    op.create_table('thread_follows',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('created_at', forum.database.UTCDateTime(), nullable=False),
    sa.CheckConstraint("level IN ('watching', 'following', 'normal', 'muted')", name=op.f('ck_thread_follows_level')),
    sa.ForeignKeyConstraint(['thread_id'], ['threads.id'], name=op.f('fk_thread_follows_thread_id_threads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_thread_follows_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', 'thread_id', name=op.f('pk_thread_follows'))
    )
    with op.batch_alter_table('thread_follows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_thread_follows_thread_id'), ['thread_id'], unique=False)

    op.create_table('thread_reads',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('last_read_post_id', sa.Integer(), nullable=False),
    sa.Column('read_at', forum.database.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['thread_id'], ['threads.id'], name=op.f('fk_thread_reads_thread_id_threads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_thread_reads_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', 'thread_id', name=op.f('pk_thread_reads'))
    )
    with op.batch_alter_table('thread_reads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_thread_reads_thread_id'), ['thread_id'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=True),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('created_at', forum.database.UTCDateTime(), nullable=False),
    sa.Column('read_at', forum.database.UTCDateTime(), nullable=True),
    sa.Column('emailed_at', forum.database.UTCDateTime(), nullable=True),
    sa.Column('digest_day', sa.Date(), nullable=True),
    sa.CheckConstraint("kind IN ('reply', 'mention', 'new_thread', 'watched_reply', 'report', 'moderation')", name=op.f('ck_notifications_kind')),
    sa.ForeignKeyConstraint(['action_id'], ['moderation_actions.id'], name=op.f('fk_notifications_action_id_moderation_actions')),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_notifications_actor_id_users')),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_notifications_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['thread_id'], ['threads.id'], name=op.f('fk_notifications_thread_id_threads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ix_notifications_user_unread', ['user_id', 'read_at'], unique=False)

    with op.batch_alter_table('tag_follows', schema=None) as batch_op:
        batch_op.add_column(sa.Column('level', sa.String(length=10), server_default='following', nullable=False))
        batch_op.create_check_constraint(op.f('ck_tag_follows_level'), "level IN ('watching', 'following', 'normal', 'muted')")



def downgrade():
    with op.batch_alter_table('tag_follows', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_tag_follows_level'), type_='check')
        batch_op.drop_column('level')

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_unread')
        batch_op.drop_index(batch_op.f('ix_notifications_user_id'))

    op.drop_table('notifications')
    with op.batch_alter_table('thread_reads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_thread_reads_thread_id'))

    op.drop_table('thread_reads')
    with op.batch_alter_table('thread_follows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_thread_follows_thread_id'))

    op.drop_table('thread_follows')
    op.drop_table('notification_preferences')
    op.drop_table('follow_settings')
