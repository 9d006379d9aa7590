"""Migrations build the same schema as the models, on SQLite and PostgreSQL alike."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import text

from forum.extensions import db
from forum.search.models import is_search_structure


def not_search_index(object, name, type_, reflected, compare_to):
    """The search index is built outside the models (as migrations/env.py also skips it)."""
    return not is_search_structure(name, type_)


def test_migrations_match_models(app):
    db.drop_all()
    db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
    db.session.commit()
    upgrade()
    with db.engine.connect() as connection:
        differences = compare_metadata(
            MigrationContext.configure(connection, opts={"include_object": not_search_index}),
            db.metadata,
        )
    assert differences == []
    db.drop_all()
    db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
    db.session.commit()
