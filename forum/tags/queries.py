"""Reads about tags."""

from __future__ import annotations

from sqlalchemy import Select, func, select

from ..extensions import db
from .models import Tag, TagFollow, thread_tags


def tags_with_counts() -> list[tuple[Tag, int]]:
    """Every tag with how many threads carry it, alphabetically."""
    count = func.count(thread_tags.c.thread_id)
    query = (
        select(Tag, count)
        .outerjoin(thread_tags, thread_tags.c.tag_id == Tag.id)
        .group_by(Tag.id)
        .order_by(Tag.slug)
    )
    return [(tag, total) for tag, total in db.session.execute(query)]


def tag_named(slug: str) -> Select:
    """The tag with this slug, in any case (a statement for db.one_or_404 and friends)."""
    return select(Tag).where(Tag.slug == slug.lower())


def tags_by_slugs(slugs: list[str]) -> list[Tag]:
    """The tags among these slugs that exist."""
    if not slugs:
        return []
    return list(db.session.scalars(select(Tag).where(Tag.slug.in_(slugs))))


def follows_tag(user, tag: Tag) -> bool:
    """Whether a signed-in reader follows this tag."""
    if not user.is_authenticated:
        return False
    return db.session.get(TagFollow, (user.id, tag.id)) is not None


def tag_count() -> int:
    """How many tags exist."""
    return db.session.scalar(select(func.count()).select_from(Tag))
