"""Writes of the search area: rebuilding the index from the live tables."""

from __future__ import annotations

from sqlalchemy import text

from ..extensions import db
from .models import INDEX_EVERYTHING, schema_statements


def rebuild_index() -> None:
    """Build the search structures if missing and re-index every thread and reply, in one
    transaction (SQLite); PostgreSQL's generated columns are always current, so only their
    indexes are rebuilt."""
    dialect = db.engine.dialect.name
    for statement in schema_statements(dialect):
        db.session.execute(text(statement))
    if dialect == "sqlite":
        db.session.execute(text("INSERT INTO search_index(search_index) VALUES ('delete-all')"))
        for statement in INDEX_EVERYTHING:
            db.session.execute(text(statement))
    elif dialect == "postgresql":
        db.session.execute(text("REINDEX INDEX ix_threads_search"))
        db.session.execute(text("REINDEX INDEX ix_posts_search"))
    db.session.commit()
