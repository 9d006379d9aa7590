"""Writes about threads and replies: each performs one intention as one transaction."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import delete, update

from ..database import utcnow
from ..errors import ActionError
from ..extensions import db
from ..tags.models import Tag
from ..tags.queries import tags_by_slugs
from . import queries
from .models import Reply, Revision, Thread


def slugify(title: str) -> str:
    """A short URL-friendly version of a title."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:80].rstrip("-") or "thread"


def _resolve_tags(slugs: list[str]) -> list[Tag]:
    tags = tags_by_slugs(slugs)
    unknown = sorted(set(slugs) - {tag.slug for tag in tags})
    if unknown:
        raise ActionError(
            "tags",
            _("Unknown tag: %(tags)s. Pick tags from the tag list.", tags=", ".join(unknown)),
        )
    return sorted(tags, key=lambda tag: slugs.index(tag.slug))


def start_thread(author, title: str, body: str, tag_slugs: list[str]) -> Thread:
    """Open a new thread under existing tags."""
    tags = _resolve_tags(tag_slugs)
    now = utcnow()
    thread = Thread(
        title=title.strip(),
        slug=slugify(title),
        author=author,
        created_at=now,
        last_activity_at=now,
        tags=tags,
    )
    thread.set_body(body)
    db.session.add(thread)
    db.session.commit()
    return thread


def edit_thread(thread: Thread, title: str, body: str, tag_slugs: list[str]) -> None:
    """Change a thread's title, body and tags, keeping the old version as a revision."""
    tags = _resolve_tags(tag_slugs)
    title = title.strip()
    unchanged_tags = {tag.id for tag in tags} == {tag.id for tag in thread.tags}
    if title == thread.title and body == thread.body_source and unchanged_tags:
        return
    db.session.add(
        Revision(
            thread_id=thread.id,
            title=thread.title,
            tag_text=thread.tag_text,
            body_source=thread.body_source,
        )
    )
    thread.title = title
    thread.slug = slugify(title)
    thread.set_body(body)
    thread.tags = tags
    thread.edited_at = utcnow()
    db.session.commit()


def post_reply(thread: Thread, author, body: str, parent_id: int | None, stance: str) -> Reply:
    """Add a reply under the thread or under one of its replies."""
    depth = 1
    if parent_id is not None:
        parent = queries.reply_in_thread(thread, parent_id)
        if parent is None:
            raise ActionError("parent_id", _("The reply you are answering is not in this thread."))
        if parent.is_deleted:
            raise ActionError("parent_id", _("The reply you are answering was deleted."))
        depth = parent.depth + 1
    now = utcnow()
    reply = Reply(
        thread_id=thread.id,
        parent_id=parent_id,
        author=author,
        depth=depth,
        stance=stance or None,
        created_at=now,
    )
    reply.set_body(body)
    db.session.add(reply)
    db.session.execute(
        update(Thread)
        .where(Thread.id == thread.id)
        .values(reply_count=Thread.reply_count + 1, last_activity_at=now)
    )
    db.session.commit()
    return reply


def edit_reply(reply: Reply, body: str) -> None:
    """Change a reply's text, keeping the old version as a revision."""
    if body == reply.body_source:
        return
    db.session.add(Revision(post_id=reply.id, body_source=reply.body_source))
    reply.set_body(body)
    reply.edited_at = utcnow()
    db.session.commit()


def delete_reply(reply: Reply) -> None:
    """Soft-delete a reply: its text and history go, a placeholder keeps its children in place."""
    db.session.execute(delete(Revision).where(Revision.post_id == reply.id))
    reply.deleted_at = utcnow()
    reply.set_body("")
    db.session.execute(
        update(Thread)
        .where(Thread.id == reply.thread_id)
        .values(reply_count=Thread.reply_count - 1)
    )
    db.session.commit()
