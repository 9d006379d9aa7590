"""Writes about tags."""

from __future__ import annotations

from ..database import commit_unless_raced, toggle_row
from .models import Tag, TagFollow


def toggle_tag_follow(user, tag: Tag) -> bool:
    """Follow or unfollow a tag; returns whether it is now followed."""
    removed = toggle_row(TagFollow, user_id=user.id, tag_id=tag.id)
    commit_unless_raced()
    return not removed
