"""Search: an FTS5 index kept by triggers (SQLite), generated tsvector columns with GIN
indexes (PostgreSQL)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 11:50:00.000000

"""
from alembic import op

from forum.search.models import INDEX_EVERYTHING, drop_statements, schema_statements

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    dialect = op.get_bind().dialect.name
    for statement in schema_statements(dialect):
        op.execute(statement)
    # Content written before this migration: the triggers only see what comes after.
    if dialect == 'sqlite':
        for statement in INDEX_EVERYTHING:
            op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    for statement in drop_statements(dialect):
        op.execute(statement)
