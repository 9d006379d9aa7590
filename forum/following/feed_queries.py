"""Reads for the Atom feeds: what anyone may see, newest first, with what each entry shows."""

from __future__ import annotations

from flask import abort
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..errors import Removed
from ..extensions import db
from ..tags.models import Tag
from ..threads.models import Reply, Thread
from ..threads.queries import listed_threads, thread_with_author, user_replies, user_threads

# Feeds are public and cached by anyone along the way, so they show what a visitor sees,
# even to a moderator or the author: no hidden thread, no hidden, deleted or moved reply.
FEED_SIZE = 50


def newest_threads(tag: Tag | None = None, limit: int = FEED_SIZE) -> list[Thread]:
    """The newest visible threads (all, or one tag's) with authors and tags."""
    query = listed_threads(tag, None).order_by(Thread.created_at.desc(), Thread.id.desc())
    return list(db.session.scalars(query.limit(limit)).unique())


def visible_thread_or_404(thread_id: int) -> Thread:
    """The thread, a 404 when there is none, or a 410 with the reason when moderators hid it."""
    thread = thread_with_author(thread_id)
    if thread is None:
        abort(404)
    if thread.is_hidden:
        raise Removed(_("Removed by moderators: %(reason)s", reason=thread.hidden_reason))
    return thread


def newest_replies(thread: Thread, limit: int = FEED_SIZE) -> list[Reply]:
    """A thread's newest live replies with their authors."""
    query = (
        select(Reply)
        .options(joinedload(Reply.author))
        .where(
            Reply.thread_id == thread.id,
            Reply.deleted_at.is_(None),
            Reply.hidden_at.is_(None),
            Reply.moved_to_id.is_(None),
        )
        .order_by(Reply.created_at.desc(), Reply.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def member_writing(user: User, limit: int = FEED_SIZE) -> tuple[list[Thread], list[Reply]]:
    """A member's newest visible threads and replies (with their threads), each up to `limit`."""
    return user_threads(user, None, limit), user_replies(user, None, limit)
