"""Account deletion: when a member deleted their account, until when their name is held, and
when an author deleted a thread

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 16:55:00.000000

"""
from alembic import op
import sqlalchemy as sa

import forum.database


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deleted_at', forum.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('name_held_until', forum.database.UTCDateTime(), nullable=True))
    with op.batch_alter_table('threads', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deleted_at', forum.database.UTCDateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('threads', schema=None) as batch_op:
        batch_op.drop_column('deleted_at')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('name_held_until')
        batch_op.drop_column('deleted_at')
