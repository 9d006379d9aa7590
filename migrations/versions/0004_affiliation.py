"""Affiliation: a kind from a fixed list, the old free text kept as the organisation, history

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 08:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# Stated here rather than imported: a migration must keep meaning what it meant when written.
AFFILIATIONS = "('not_stated', 'industry', 'government', 'civil_society', 'academia', 'press', 'individual')"


def upgrade():
    # The free text members wrote becomes the organisation name, widened to 80 characters.
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column(
            'affiliation',
            new_column_name='organisation',
            existing_type=sa.String(length=40),
            type_=sa.String(length=80),
            existing_nullable=False,
        )
    # The kind of affiliation: everyone starts as "not stated".
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('affiliation', sa.String(length=20), server_default='not_stated', nullable=False))
        batch_op.create_check_constraint(op.f('ck_users_affiliation'), f"affiliation IN {AFFILIATIONS}")

    op.create_table('affiliation_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('affiliation', sa.String(length=20), nullable=False),
    sa.Column('organisation', sa.String(length=80), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint(f"affiliation IN {AFFILIATIONS}", name=op.f('ck_affiliation_changes_affiliation')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_affiliation_changes_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_affiliation_changes'))
    )
    with op.batch_alter_table('affiliation_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_affiliation_changes_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('affiliation_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_affiliation_changes_user_id'))
    op.drop_table('affiliation_changes')

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_affiliation'), type_='check')
        batch_op.drop_column('affiliation')
    # The old column held 40 characters: longer organisation names are cut to fit.
    op.execute("UPDATE users SET organisation = substr(organisation, 1, 40) WHERE length(organisation) > 40")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column(
            'organisation',
            new_column_name='affiliation',
            existing_type=sa.String(length=80),
            type_=sa.String(length=40),
            existing_nullable=False,
        )
