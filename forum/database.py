"""Shared database pieces: aware UTC times, the Markdown body mixin and commit helpers."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import wraps

from sqlalchemy import DateTime, Integer, Text, TypeDecorator, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from .errors import ActionError
from .extensions import db
from .markup import RENDERER_VERSION, MarkupTooComplex, render_markdown


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime (called per row, never at import)."""
    return datetime.now(UTC)


def one_of(column: str, values: tuple[str, ...]) -> str:
    """SQL for a CHECK constraint limiting a column to these values (stated once, in Python)."""
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


class UTCDateTime(TypeDecorator):
    """Stores naive UTC on every backend and always hands back aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class MarkdownBody:
    """A Markdown field rendered once, at write time, and stored with the renderer's version.

    Every model with member-written Markdown uses this mixin, so there is one way to set a
    body and `flask --app wsgi rerender` can find every stored rendering.
    """

    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    render_version: Mapped[int] = mapped_column(Integer)

    def set_body(self, source: str) -> None:
        """Store the Markdown and its sanitized HTML, stamped with the renderer version.

        Text past the renderer's limits is refused (ActionError on "body"), nothing changed.
        """
        try:
            rendered = render_markdown(source) if source else ""
        except MarkupTooComplex as error:
            raise ActionError("body", error.message) from error
        self.body_source = source
        self.body_html = rendered
        self.render_version = RENDERER_VERSION


def markdown_models() -> list[type]:
    """Every mapped class that stores a rendered Markdown body."""
    return sorted(
        (
            mapper.class_
            for mapper in db.Model.registry.mappers
            if issubclass(mapper.class_, MarkdownBody)
        ),
        key=lambda model: model.__name__,
    )


def rerender_bodies(everything: bool = False) -> int:
    """Re-render bodies made by an older renderer (or all of them); returns how many changed."""
    changed = 0
    for model in markdown_models():
        query = select(model)
        if not everything:
            query = query.where(model.render_version != RENDERER_VERSION)
        for item in db.session.scalars(query).all():
            try:
                item.set_body(item.body_source)
            except ActionError:
                continue  # stored before the limits: it keeps the HTML it was shown with
            changed += 1
    db.session.commit()
    return changed


def toggle_row(model, **key) -> bool:
    """Delete the row with this key if it exists, else add it; True when one was deleted.

    For membership rows (a vote, a follow): two quick clicks cannot leave two rows.
    """
    conditions = [getattr(model, name) == value for name, value in key.items()]
    removed = db.session.execute(delete(model).where(*conditions)).rowcount
    if not removed:
        db.session.add(model(**key))
    return bool(removed)


def commit_or_refuse(field: str, message: str) -> None:
    """Commit, turning a lost uniqueness race into the same refusal a slower check gives."""
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise ActionError(field, message) from error


def commit_unless_raced() -> bool:
    """Commit; False when a concurrent request by the same member already wrote the row."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def lock_row(column, row_id: int) -> None:
    """Hold the write lock on one row until the transaction ends.

    Writing a column to itself locks the row on PostgreSQL and takes the database's write
    lock on SQLite, so checks made after it (a limit, a lock) cannot race a concurrent
    request that does the same.
    """
    model = column.class_
    db.session.execute(update(model).where(model.id == row_id).values({column: column}))


def refusal_rolls_back(action):
    """Decorate an action: when it refuses (ActionError), nothing it began is kept."""

    @wraps(action)
    def run(*args, **kwargs):
        try:
            return action(*args, **kwargs)
        except ActionError:
            db.session.rollback()
            raise

    return run
