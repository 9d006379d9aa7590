"""Full-text search over threads and replies, on SQLite (FTS5) and PostgreSQL (tsvector)."""
