"""Writes about tags."""

from __future__ import annotations

from sqlalchemy import delete

from ..database import commit_unless_raced
from ..extensions import db
from .models import Tag, TagFollow


def toggle_tag_follow(user, tag: Tag) -> bool:
    """Follow or unfollow a tag; returns whether it is now followed."""
    removed = db.session.execute(
        delete(TagFollow).where(TagFollow.user_id == user.id, TagFollow.tag_id == tag.id)
    ).rowcount
    if not removed:
        db.session.add(TagFollow(user_id=user.id, tag_id=tag.id))
    commit_unless_raced()
    return not removed
