"""Submission keys: a form sent twice makes one thread or reply

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 11:10:40.014371

"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submission_key', sa.String(length=43), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_posts_submission_key'), ['submission_key'])

    with op.batch_alter_table('threads', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submission_key', sa.String(length=43), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_threads_submission_key'), ['submission_key'])



def downgrade():
    with op.batch_alter_table('threads', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_threads_submission_key'), type_='unique')
        batch_op.drop_column('submission_key')

    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_posts_submission_key'), type_='unique')
        batch_op.drop_column('submission_key')

