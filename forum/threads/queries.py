"""Reads about threads and replies: each page's data in a fixed number of queries."""

from __future__ import annotations

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from ..errors import Removed
from ..extensions import db
from ..pagination import KeysetPage, keyset_page
from ..tags.models import Tag
from .models import Reply, Revision, SourceMark, Thread, is_staff


def listed_threads(tag: Tag | None, reader, excluded_tag_ids=()):
    """Threads (all, or one tag's) a reader may see listed: hidden ones only for moderators.

    Threads under any of `excluded_tag_ids` (the reader's muted tags) are left out.
    """
    query = select(Thread).options(joinedload(Thread.author), selectinload(Thread.tags))
    if tag is not None:
        query = query.where(Thread.tags.any(Tag.id == tag.id))
    if excluded_tag_ids:
        query = query.where(~Thread.tags.any(Tag.id.in_(excluded_tag_ids)))
    if not is_staff(reader):
        query = query.where(Thread.hidden_at.is_(None))
    return query


def thread_listing(
    tag: Tag | None, cursor: str | None, limit: int = 30, reader=None, excluded_tag_ids=()
) -> KeysetPage:
    """Threads by latest activity, one keyset page at a time; pinned ones are listed apart."""
    query = listed_threads(tag, reader, excluded_tag_ids).where(Thread.pinned_at.is_(None))
    return keyset_page(query, Thread.last_activity_at, Thread.id, cursor, limit)


def pinned_threads(tag: Tag | None, reader, excluded_tag_ids=()) -> list[Thread]:
    """The pinned threads (all, or one tag's), most recently pinned first."""
    query = listed_threads(tag, reader, excluded_tag_ids).where(Thread.pinned_at.is_not(None))
    return list(db.session.scalars(query.order_by(Thread.pinned_at.desc())).unique())


def thread_with_author(thread_id: int) -> Thread | None:
    """A thread with its author and tags loaded in one query."""
    query = (
        select(Thread)
        .options(joinedload(Thread.author), joinedload(Thread.tags))
        .where(Thread.id == thread_id)
    )
    return db.session.scalars(query).unique().first()


def thread_or_404(thread_id: int) -> Thread:
    """The thread with its author and tags, or a 404 page (like db.get_or_404).

    A thread moderators hid is a 410 with their reason, except for its author and moderators:
    so none of its pages (replies, map, history, new-reply JSON) can leak it.
    """
    thread = thread_with_author(thread_id)
    if thread is None:
        abort(404)
    if not thread.can_see_text(current_user):
        raise Removed(_("Removed by moderators: %(reason)s", reason=thread.hidden_reason))
    return thread


def thread_replies(thread_id: int) -> list[Reply]:
    """Every reply of a thread with its author, in one query."""
    query = select(Reply).options(joinedload(Reply.author)).where(Reply.thread_id == thread_id)
    return list(db.session.scalars(query))


def replies_after(thread_id: int, after_id: int) -> list[Reply]:
    """Replies of a thread newer than a given reply id, oldest first, with authors."""
    query = (
        select(Reply)
        .options(joinedload(Reply.author))
        .where(Reply.thread_id == thread_id, Reply.id > after_id)
        .order_by(Reply.id)
        .limit(200)
    )
    return list(db.session.scalars(query))


def ancestor_at_depth(reply: Reply, depth: int) -> Reply:
    """Walk up from a reply to its ancestor at a given depth (a few steps at most)."""
    while reply.depth > depth and reply.parent_id is not None:
        reply = db.session.get(Reply, reply.parent_id)
    return reply


def made_with_key(model, author, submission_key: str):
    """The thread or reply this member already made with a form's submission key, if any."""
    query = select(model).where(
        model.author_id == author.id, model.submission_key == submission_key
    )
    return db.session.scalars(query).first()


def recent_twin(author, thread_id: int, parent_id: int | None, body: str, since) -> Reply | None:
    """The member's own reply with the very same text in the same place, written since a time.

    A form shown again by the browser's Back button carries a new submission key but the old
    text: sending it again is the same intent, so the earlier reply answers it.
    """
    query = select(Reply).where(
        Reply.author_id == author.id,
        Reply.thread_id == thread_id,
        Reply.parent_id.is_(None) if parent_id is None else Reply.parent_id == parent_id,
        Reply.created_at >= since,
        Reply.body_source == body,
        Reply.deleted_at.is_(None),
    )
    return db.session.scalars(query.order_by(Reply.id.desc())).first()


def recent_twin_thread(author, title: str, body: str, since) -> Thread | None:
    """The member's own thread with the same title and text, started since a time (a resend)."""
    query = select(Thread).where(
        Thread.author_id == author.id,
        Thread.title == title,
        Thread.body_source == body,
        Thread.created_at >= since,
    )
    return db.session.scalars(query.order_by(Thread.id.desc())).first()


def reply_in_thread(thread: Thread, reply_id: int) -> Reply | None:
    """A reply of this thread by id, or None when it belongs elsewhere or does not exist."""
    reply = db.session.get(Reply, reply_id)
    return reply if reply is not None and reply.thread_id == thread.id else None


def reader_reply_ids(model, user, thread_id: int) -> set[int]:
    """The replies of a thread the reader has a row for in `model` (a vote, a mark, ...).

    `model` is any table keyed by `user_id` and `post_id`.
    """
    if not user.is_authenticated:
        return set()
    query = (
        select(model.post_id)
        .join(Reply, Reply.id == model.post_id)
        .where(model.user_id == user.id, Reply.thread_id == thread_id)
    )
    return set(db.session.scalars(query))


def marked_reply_ids(user, thread_id: int) -> set[int]:
    """The replies of a thread the reader marked as needing a source."""
    return reader_reply_ids(SourceMark, user, thread_id)


def sees_hidden_writing(user, viewer) -> bool:
    """The member themselves and moderators see hidden writing on a profile."""
    return is_staff(viewer) or bool(viewer and viewer.is_authenticated and viewer.id == user.id)


def user_threads(user, viewer=None, limit: int = 20) -> list[Thread]:
    """A member's most recent threads, for their profile (hidden ones only for those allowed)."""
    query = (
        select(Thread)
        .options(selectinload(Thread.tags))
        .where(Thread.author_id == user.id)
        .order_by(Thread.created_at.desc(), Thread.id.desc())
        .limit(limit)
    )
    if not sees_hidden_writing(user, viewer):
        query = query.where(Thread.hidden_at.is_(None))
    return list(db.session.scalars(query))


def user_replies(user, viewer=None, limit: int = 20) -> list[Reply]:
    """A member's most recent live replies with their threads, for their profile.

    Replies that are hidden, or sit in a hidden thread, show only to those allowed.
    """
    query = (
        select(Reply)
        .options(joinedload(Reply.thread))
        .join(Thread, Thread.id == Reply.thread_id)
        .where(Reply.author_id == user.id, Reply.deleted_at.is_(None), Reply.moved_to_id.is_(None))
        .order_by(Reply.created_at.desc(), Reply.id.desc())
        .limit(limit)
    )
    if not sees_hidden_writing(user, viewer):
        query = query.where(Reply.hidden_at.is_(None), Thread.hidden_at.is_(None))
    elif not is_staff(viewer):
        # A hidden thread is for its author and the moderators, even to those who replied in it.
        query = query.where(or_(Thread.hidden_at.is_(None), Thread.author_id == viewer.id))
    return list(db.session.scalars(query))


def revisions_of(*, thread: Thread | None = None, reply: Reply | None = None) -> list[Revision]:
    """Earlier versions of a thread or a reply, newest first."""
    column, target = (Revision.thread_id, thread) if thread else (Revision.post_id, reply)
    query = select(Revision).where(column == target.id).order_by(Revision.id.desc())
    return list(db.session.scalars(query))


def thread_count() -> int:
    """How many threads exist."""
    return db.session.scalar(select(func.count()).select_from(Thread))
