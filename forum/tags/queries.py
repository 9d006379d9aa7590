"""Reads about tags."""

from __future__ import annotations

from difflib import get_close_matches

from flask import abort
from sqlalchemy import Select, func, select

from ..extensions import db
from .models import Tag, TagAlias, TagFollow, thread_tags


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


def tag_for_alias(slug: str) -> Tag | None:
    """The tag an old slug (renamed or merged away) now leads to, if any."""
    query = select(Tag).join(TagAlias, TagAlias.tag_id == Tag.id)
    return db.session.scalar(query.where(TagAlias.slug == slug.lower()))


def tag_or_404(slug: str) -> Tag:
    """The tag at this address, by its slug in any case or by a slug it used to have."""
    tag = db.session.scalar(tag_named(slug)) or tag_for_alias(slug)
    if tag is None:
        abort(404)
    return tag


def tags_by_slugs(slugs: list[str]) -> list[Tag]:
    """The tags among these slugs that exist."""
    if not slugs:
        return []
    return list(db.session.scalars(select(Tag).where(Tag.slug.in_(slugs))))


def tags_for_slugs(slugs: list[str]) -> dict[str, Tag]:
    """Each of these slugs that names a tag, now or as an old slug, with that tag."""
    found = {tag.slug: tag for tag in tags_by_slugs(slugs)}
    old = [slug for slug in slugs if slug not in found]
    if old:
        query = select(TagAlias.slug, Tag).join(Tag, Tag.id == TagAlias.tag_id)
        found |= dict(db.session.execute(query.where(TagAlias.slug.in_(old))).all())
    return found


def closest_tags(words: list[str], per_word: int = 3) -> list[str]:
    """Slugs of existing tags whose slug or name is nearest to each mistyped word."""
    by_text: dict[str, str] = {}
    for slug, name in db.session.execute(select(Tag.slug, Tag.name).order_by(Tag.slug)):
        by_text.setdefault(slug, slug)
        by_text.setdefault(name.lower(), slug)
    nearest: dict[str, None] = {}
    for word in words:
        # A slug and its name often both match: ask for more, keep distinct tags.
        matches = get_close_matches(word.lower(), by_text, n=per_word * 2)
        for slug in list(dict.fromkeys(by_text[match] for match in matches))[:per_word]:
            nearest.setdefault(slug, None)
    return list(nearest)


def tag_level(user, tag: Tag) -> str:
    """A reader's follow level for this tag ("normal" for visitors and tags never set)."""
    if not user.is_authenticated:
        return "normal"
    follow = db.session.get(TagFollow, (user.id, tag.id))
    return follow.level if follow is not None else "normal"


def tag_count() -> int:
    """How many tags exist."""
    return db.session.scalar(select(func.count()).select_from(Tag))
