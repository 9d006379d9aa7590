"""Writes about tags."""

from __future__ import annotations

from sqlalchemy import delete

from ..database import commit_unless_raced
from ..extensions import db
from .models import Tag, TagFollow
from .queries import tag_level


def set_tag_level(user, tag: Tag, level: str | None) -> str:
    """Set a reader's level for a tag; without one, toggle following and normal (old clients).

    Returns the level now in force; "normal" is kept as no row.
    """
    if level is None:
        level = "normal" if tag_level(user, tag) == "following" else "following"
    db.session.execute(
        delete(TagFollow).where(TagFollow.user_id == user.id, TagFollow.tag_id == tag.id)
    )
    if level != "normal":
        db.session.add(TagFollow(user_id=user.id, tag_id=tag.id, level=level))
    commit_unless_raced()
    return level
