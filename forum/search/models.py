"""The search index: an FTS5 table on SQLite, generated tsvector columns on PostgreSQL.

Neither is a mapped model. The database keeps both in step with every write to threads and
replies (triggers on SQLite, generated columns on PostgreSQL), so no write path (posting,
editing, a moderator's retitle, a split, the seed) can forget the index. The search query
joins back to the live tables, so a stale row could never show hidden or deleted text anyway.
"""

from sqlalchemy import DDL, event

from ..extensions import db

INDEX_TABLE = "search_index"
VECTOR_COLUMN = "search_vector"
# PostgreSQL's 'simple' configuration lower-cases words without stemming or stop words, like
# FTS5's unicode61 tokenizer: the same query finds the same rows on both, French included.
TS_CONFIG = "simple"

# One FTS5 row per thread (rowid −id: title and body) and per reply (rowid id: body), so
# each kind is one rowid range the index can seek to.
# Contentless: snippets are cut from the live rows, so the index holds no second copy.
SQLITE_SCHEMA = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX_TABLE} USING fts5("
    "title, body, content='', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER IF NOT EXISTS search_thread_added AFTER INSERT ON threads BEGIN "
    "INSERT INTO search_index(rowid, title, body) "
    "VALUES (-new.id, new.title, new.body_source); END",
    "CREATE TRIGGER IF NOT EXISTS search_thread_changed AFTER UPDATE OF title, body_source "
    "ON threads BEGIN "
    "INSERT INTO search_index(search_index, rowid, title, body) "
    "VALUES ('delete', -old.id, old.title, old.body_source); "
    "INSERT INTO search_index(rowid, title, body) "
    "VALUES (-new.id, new.title, new.body_source); END",
    "CREATE TRIGGER IF NOT EXISTS search_thread_removed AFTER DELETE ON threads BEGIN "
    "INSERT INTO search_index(search_index, rowid, title, body) "
    "VALUES ('delete', -old.id, old.title, old.body_source); END",
    "CREATE TRIGGER IF NOT EXISTS search_reply_added AFTER INSERT ON posts BEGIN "
    "INSERT INTO search_index(rowid, title, body) "
    "VALUES (new.id, '', new.body_source); END",
    "CREATE TRIGGER IF NOT EXISTS search_reply_changed AFTER UPDATE OF body_source "
    "ON posts BEGIN "
    "INSERT INTO search_index(search_index, rowid, title, body) "
    "VALUES ('delete', old.id, '', old.body_source); "
    "INSERT INTO search_index(rowid, title, body) "
    "VALUES (new.id, '', new.body_source); END",
    "CREATE TRIGGER IF NOT EXISTS search_reply_removed AFTER DELETE ON posts BEGIN "
    "INSERT INTO search_index(search_index, rowid, title, body) "
    "VALUES ('delete', old.id, '', old.body_source); END",
)
SQLITE_DROP = (f"DROP TABLE IF EXISTS {INDEX_TABLE}",)

# A title match weighs more (A) than a body mention (B) in ts_rank.
THREAD_VECTOR = (
    f"setweight(to_tsvector('{TS_CONFIG}', coalesce(title, '')), 'A') || "
    f"setweight(to_tsvector('{TS_CONFIG}', coalesce(body_source, '')), 'B')"
)
REPLY_VECTOR = f"setweight(to_tsvector('{TS_CONFIG}', coalesce(body_source, '')), 'B')"
POSTGRES_SCHEMA = (
    f"ALTER TABLE threads ADD COLUMN IF NOT EXISTS {VECTOR_COLUMN} tsvector "
    f"GENERATED ALWAYS AS ({THREAD_VECTOR}) STORED",
    f"CREATE INDEX IF NOT EXISTS ix_threads_search ON threads USING gin ({VECTOR_COLUMN})",
    f"ALTER TABLE posts ADD COLUMN IF NOT EXISTS {VECTOR_COLUMN} tsvector "
    f"GENERATED ALWAYS AS ({REPLY_VECTOR}) STORED",
    f"CREATE INDEX IF NOT EXISTS ix_posts_search ON posts USING gin ({VECTOR_COLUMN})",
)
POSTGRES_DROP = (
    "DROP INDEX IF EXISTS ix_posts_search",
    f"ALTER TABLE posts DROP COLUMN IF EXISTS {VECTOR_COLUMN}",
    "DROP INDEX IF EXISTS ix_threads_search",
    f"ALTER TABLE threads DROP COLUMN IF EXISTS {VECTOR_COLUMN}",
)

# Every thread and reply into the FTS5 index (rowids as in models.SQLITE_SCHEMA).
INDEX_EVERYTHING = (
    "INSERT INTO search_index(rowid, title, body) SELECT -id, title, body_source FROM threads",
    "INSERT INTO search_index(rowid, title, body) SELECT id, '', body_source FROM posts",
)


def schema_statements(dialect: str) -> tuple[str, ...]:
    """The statements that build the search structures on this database (idempotent)."""
    return {"sqlite": SQLITE_SCHEMA, "postgresql": POSTGRES_SCHEMA}.get(dialect, ())


def drop_statements(dialect: str) -> tuple[str, ...]:
    """The statements that remove the search structures from this database."""
    return {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(dialect, ())


def is_search_structure(name: str | None, type_: str) -> bool:
    """True for the index pieces the models do not declare (for Alembic's comparison)."""
    if not name:
        return False
    if type_ == "table":
        return name == INDEX_TABLE or name.startswith("search_index_")
    if type_ == "column":
        return name == VECTOR_COLUMN
    if type_ == "index":
        return name in ("ix_threads_search", "ix_posts_search")
    return False


# `db.create_all()` (tests, `make run` on a fresh file) builds them after the tables they
# index; Alembic builds them in migration 0008.
for _dialect in ("sqlite", "postgresql"):
    for _statement in schema_statements(_dialect):
        event.listen(db.metadata, "after_create", DDL(_statement).execute_if(dialect=_dialect))
for _statement in SQLITE_DROP:
    event.listen(db.metadata, "before_drop", DDL(_statement).execute_if(dialect="sqlite"))
