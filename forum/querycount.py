"""Count the SQL statements a block of code runs, for query budgets in tests and benchmarks."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from .extensions import db


@contextmanager
def counting_queries() -> Iterator[list[str]]:
    """Collect every statement the app's engine executes inside the block."""
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
