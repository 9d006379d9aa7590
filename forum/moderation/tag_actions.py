"""Moderators manage tags: create, edit and merge, each with its public log row in one commit.

A slug a tag gave up (renamed, or merged away) stays as a TagAlias, so old links and old
slugs typed on /new still lead to the tag.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import delete, insert, literal, select, update

from ..database import commit_or_refuse, refusal_rolls_back
from ..errors import ActionError
from ..extensions import db
from ..tags.models import Tag, TagAlias, TagFollow, thread_tags
from ..tags.queries import tag_for_alias, tag_named
from .actions import log_action


def _taken(slug: str) -> str:
    return _("There is already a tag #%(slug)s. Choose another slug.", slug=slug)


def _check_slug_free(slug: str) -> None:
    """Refuse a slug another tag has (the unique index is the last word, under a race)."""
    if db.session.scalar(tag_named(slug)) is not None:
        raise ActionError("slug", _taken(slug))


def _point_alias(slug: str, tag_id: int | None) -> None:
    """Make an old slug lead to a tag, or (None) free it for a tag that takes it as its own."""
    db.session.execute(delete(TagAlias).where(TagAlias.slug == slug))
    if tag_id is not None:
        db.session.add(TagAlias(slug=slug, tag_id=tag_id))


@refusal_rolls_back
def create_tag(moderator, slug: str, name: str, description: str | None, reason: str) -> Tag:
    """Add a tag members can file threads under."""
    _check_slug_free(slug)
    # The log row is flushed before the tag exists, so a lost race on the slug surfaces at
    # the commit, where commit_or_refuse turns it into the same refusal as the check above.
    log_action(moderator, "tag_create", reason, detail=f"#{slug}")
    _point_alias(slug, None)
    tag = Tag(slug=slug, name=name.strip(), description=(description or "").strip())
    db.session.add(tag)
    commit_or_refuse("slug", _taken(slug))
    return tag


@refusal_rolls_back
def edit_tag(
    moderator, tag: Tag, slug: str, name: str, description: str | None, reason: str
) -> Tag:
    """Change a tag's slug, name or description; a changed slug keeps leading to the tag."""
    name, description = name.strip(), (description or "").strip()
    if (slug, name, description) == (tag.slug, tag.name, tag.description):
        raise ActionError("reason", _("Nothing to change."))
    old_slug, old_name = tag.slug, tag.name
    if slug != old_slug:
        _check_slug_free(slug)
    changes = [f"#{old_slug} → #{slug}" if slug != old_slug else f"#{slug}"]
    if name != old_name:
        changes.append(f"{old_name} → {name}")
    # Logged before the tag changes, for the same reason as in create_tag.
    log_action(moderator, "tag_edit", reason, detail="; ".join(changes))
    if slug != old_slug:
        _point_alias(slug, None)
        _point_alias(old_slug, tag.id)
    tag.slug, tag.name, tag.description = slug, name, description
    commit_or_refuse("slug", _taken(slug))
    return tag


@refusal_rolls_back
def merge_tag(moderator, tag: Tag, into_slug: str, reason: str) -> Tag:
    """Move every thread and follower of a tag to another, delete it, and send its slug there.

    Returns the tag that stays.
    """
    into = db.session.scalar(tag_named(into_slug)) or tag_for_alias(into_slug)
    if into is None:
        raise ActionError("into", _("There is no tag #%(slug)s.", slug=into_slug))
    if into.id == tag.id:
        raise ActionError("into", _("Choose another tag to merge #%(slug)s into.", slug=tag.slug))
    # FOR UPDATE (not lock_row's no-op update) conflicts with the key-share lock a new
    # thread_tags or tag_follows row takes on its tag in PostgreSQL: no thread can be filed
    # under either tag until the merge is done, so none is lost when the old tag goes.
    db.session.execute(
        select(Tag.id).where(Tag.id.in_([tag.id, into.id])).order_by(Tag.id).with_for_update()
    )
    moved = _move_rows(thread_tags.c.thread_id, thread_tags.c.tag_id, tag.id, into.id)
    followers = TagFollow.__table__.c
    _move_rows(
        followers.user_id, followers.tag_id, tag.id, into.id, followers.created_at, followers.level
    )
    threads = ngettext("%(num)d thread moved", "%(num)d threads moved", moved)
    log_action(moderator, "tag_merge", reason, detail=f"#{tag.slug} → #{into.slug}; {threads}")
    db.session.execute(update(TagAlias).where(TagAlias.tag_id == tag.id).values(tag_id=into.id))
    old_slug = tag.slug
    db.session.delete(tag)
    _point_alias(old_slug, into.id)
    commit_or_refuse("into", _("The tags changed while you were merging them. Try again."))
    return into


def _move_rows(owner, tag_column, old_id: int, new_id: int, *kept) -> int:
    """Refile a tag's thread or follower rows under another tag; returns how many it had."""
    # An owner (thread, follower) that already has the new tag keeps its one row.
    table = tag_column.table
    already = table.alias("already")
    has_new = select(already.c[owner.name]).where(already.c[tag_column.name] == new_id)
    db.session.execute(
        insert(table).from_select(
            [owner.name, tag_column.name, *(column.name for column in kept)],
            select(owner, literal(new_id), *kept).where(
                tag_column == old_id, owner.not_in(has_new)
            ),
        )
    )
    return db.session.execute(delete(table).where(tag_column == old_id)).rowcount
