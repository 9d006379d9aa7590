"""Debate: motions and discussions, position history, reply sides, credits, sources, summaries

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 07:50:00

"""
from alembic import op
import sqlalchemy as sa

import forum.database


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

SIDES = "('for', 'against', 'undecided')"


def upgrade():
    op.create_table('position_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('previous_side', sa.String(length=10), nullable=True),
    sa.Column('side', sa.String(length=10), nullable=False),
    sa.Column('created_at', forum.database.UTCDateTime(), nullable=False),
    sa.CheckConstraint(f"previous_side IS NULL OR previous_side IN {SIDES}", name=op.f('ck_position_changes_previous_side')),
    sa.CheckConstraint(f"side IN {SIDES}", name=op.f('ck_position_changes_side')),
    sa.ForeignKeyConstraint(['thread_id'], ['threads.id'], name=op.f('fk_position_changes_thread_id_threads')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_position_changes_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_position_changes'))
    )
    with op.batch_alter_table('position_changes', schema=None) as batch_op:
        batch_op.create_index('ix_position_changes_reader', ['thread_id', 'user_id', 'id'], unique=False)

    op.create_table('summaries',
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('editor_id', sa.Integer(), nullable=False),
    sa.Column('updated_at', forum.database.UTCDateTime(), nullable=False),
    sa.Column('body_source', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('render_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['editor_id'], ['users.id'], name=op.f('fk_summaries_editor_id_users')),
    sa.ForeignKeyConstraint(['thread_id'], ['threads.id'], name=op.f('fk_summaries_thread_id_threads')),
    sa.PrimaryKeyConstraint('thread_id', name=op.f('pk_summaries'))
    )
    op.create_table('summary_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('editor_id', sa.Integer(), nullable=False),
    sa.Column('body_source', sa.Text(), nullable=False),
    sa.Column('created_at', forum.database.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['editor_id'], ['users.id'], name=op.f('fk_summary_revisions_editor_id_users')),
    sa.ForeignKeyConstraint(['thread_id'], ['threads.id'], name=op.f('fk_summary_revisions_thread_id_threads')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_summary_revisions'))
    )
    with op.batch_alter_table('summary_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_summary_revisions_thread_id'), ['thread_id'], unique=False)

    op.create_table('credits',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('change_id', sa.Integer(), nullable=False),
    sa.Column('created_at', forum.database.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['change_id'], ['position_changes.id'], name=op.f('fk_credits_change_id_position_changes')),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_credits_post_id_posts')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_credits_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', 'post_id', name=op.f('pk_credits'))
    )
    with op.batch_alter_table('credits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_credits_change_id'), ['change_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_credits_post_id'), ['post_id'], unique=False)

    op.create_table('source_marks',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('created_at', forum.database.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_source_marks_post_id_posts')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_source_marks_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', 'post_id', name=op.f('pk_source_marks'))
    )
    with op.batch_alter_table('source_marks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_marks_post_id'), ['post_id'], unique=False)

    # Positions: the first recorded side is the "before"; each becomes a first history row.
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('before_side', sa.String(length=10), nullable=True))
    op.execute("UPDATE positions SET before_side = side")
    op.execute(
        "INSERT INTO position_changes (user_id, thread_id, previous_side, side, created_at) "
        "SELECT user_id, thread_id, NULL, side, updated_at FROM positions"
    )
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.alter_column('before_side', existing_type=sa.String(length=10), nullable=False)
        batch_op.drop_constraint(op.f('ck_positions_side'), type_='check')
        batch_op.create_check_constraint(op.f('ck_positions_side'), f"side IN {SIDES}")
        batch_op.create_check_constraint(op.f('ck_positions_before_side'), f"before_side IN {SIDES}")

    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('side', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('credit_count', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('needs_source_count', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('sources', sa.Text(), server_default='', nullable=False))
        batch_op.drop_constraint(op.f('ck_posts_stance'), type_='check')
        batch_op.create_check_constraint(
            op.f('ck_posts_stance'), "stance IS NULL OR stance IN ('support', 'challenge', 'clarify')"
        )
        batch_op.create_check_constraint(op.f('ck_posts_side'), "side IS NULL OR side IN ('for', 'against')")

    with op.batch_alter_table('threads', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=12), server_default='motion', nullable=False))
        batch_op.add_column(sa.Column('first_position_at', forum.database.UTCDateTime(), nullable=True))
        batch_op.create_check_constraint(op.f('ck_threads_kind'), "kind IN ('motion', 'discussion')")

    # The seeded Milipol report is an open discussion; every other existing thread a motion.
    op.execute(
        "UPDATE threads SET kind = 'discussion' WHERE author_id IN "
        "(SELECT id FROM users WHERE username_key = 'milipol-2023-report')"
    )
    op.execute(
        "UPDATE threads SET first_position_at = "
        "(SELECT MIN(updated_at) FROM positions WHERE positions.thread_id = threads.id) "
        "WHERE kind = 'motion'"
    )
    _store_reply_sides()


def _store_reply_sides():
    """Work out each existing reply's side on its motion, parents before children."""
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT posts.id, posts.parent_id, posts.stance FROM posts "
        "JOIN threads ON threads.id = posts.thread_id WHERE threads.kind = 'motion' "
        "ORDER BY posts.depth, posts.id"
    )).all()
    sides = {}
    for reply_id, parent_id, stance in rows:
        side = None
        if stance in ('support', 'challenge'):
            if parent_id is None:
                side = 'for' if stance == 'support' else 'against'
            elif sides.get(parent_id):
                parent_side = sides[parent_id]
                opposite = 'against' if parent_side == 'for' else 'for'
                side = parent_side if stance == 'support' else opposite
        sides[reply_id] = side
        if side:
            connection.execute(
                sa.text("UPDATE posts SET side = :side WHERE id = :id"), {"side": side, "id": reply_id}
            )


def downgrade():
    with op.batch_alter_table('threads', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_threads_kind'), type_='check')
        batch_op.drop_column('first_position_at')
        batch_op.drop_column('kind')

    op.execute("UPDATE posts SET stance = NULL WHERE stance = 'clarify'")
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_posts_side'), type_='check')
        batch_op.drop_constraint(op.f('ck_posts_stance'), type_='check')
        batch_op.create_check_constraint(op.f('ck_posts_stance'), "stance IS NULL OR stance IN ('support', 'challenge')")
        batch_op.drop_column('sources')
        batch_op.drop_column('needs_source_count')
        batch_op.drop_column('credit_count')
        batch_op.drop_column('side')

    op.execute("DELETE FROM positions WHERE side = 'undecided'")
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_positions_before_side'), type_='check')
        batch_op.drop_constraint(op.f('ck_positions_side'), type_='check')
        batch_op.create_check_constraint(op.f('ck_positions_side'), "side IN ('for', 'against')")
        batch_op.drop_column('before_side')

    op.drop_table('source_marks')
    op.drop_table('credits')
    op.drop_table('summary_revisions')
    op.drop_table('summaries')
    op.drop_table('position_changes')
