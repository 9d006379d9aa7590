"""Read-side functions: every page's data comes from here in a fixed number of queries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from .extensions import db
from .models import Position, Post, Revision, Tag, TagFollow, Thread, User, Vote, thread_tags

CURSOR_PATTERN = re.compile(r"([0-9]{1,20})\.([0-9]{1,18})")


class BadCursor(ValueError):
    """A page cursor that was not made by this forum."""


@dataclass
class ThreadPage:
    """One page of a thread listing plus the cursor of the next page, if any."""

    threads: list[Thread]
    next_cursor: str | None


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader: the user behind a session, if their password is unchanged since."""
    user_id, _, fingerprint = session_id.partition(":")
    if not (user_id.isascii() and user_id.isdigit()) or len(user_id) > 10:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or fingerprint != user.password_fingerprint:
        return None
    return user


def user_by_login(login: str) -> User | None:
    """Find a user by username (any case) or email."""
    login = login.strip().lower()
    column = User.email if "@" in login else User.username_key
    return db.session.scalar(select(User).where(column == login))


def user_by_username(username: str) -> User | None:
    """Find a user by username, ignoring case."""
    return db.session.scalar(select(User).where(User.username_key == username.lower()))


def user_by_email(email: str) -> User | None:
    """Find a user by email address, ignoring case."""
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def encode_cursor(thread: Thread) -> str:
    """A cursor pointing just after this thread in activity order."""
    micros = int(thread.last_activity_at.timestamp() * 1_000_000)
    return f"{micros}.{thread.id}"


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """Parse a cursor back into (last activity, id); BadCursor if it is not one of ours."""
    match = CURSOR_PATTERN.fullmatch(cursor)
    if not match:
        raise BadCursor(cursor)
    try:
        moment = datetime.fromtimestamp(int(match[1]) / 1_000_000, UTC)
    except (OverflowError, OSError, ValueError) as error:
        raise BadCursor(cursor) from error
    return moment, int(match[2])


def thread_listing(
    tag: Tag | None = None, cursor: str | None = None, limit: int = 30
) -> ThreadPage:
    """Threads by latest activity, one keyset page at a time."""
    query = (
        select(Thread)
        .options(joinedload(Thread.author), selectinload(Thread.tags))
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
        .limit(limit + 1)
    )
    if tag is not None:
        query = query.where(Thread.tags.any(Tag.id == tag.id))
    if cursor:
        moment, thread_id = decode_cursor(cursor)
        query = query.where(
            or_(
                Thread.last_activity_at < moment,
                and_(Thread.last_activity_at == moment, Thread.id < thread_id),
            )
        )
    threads = list(db.session.scalars(query).unique())
    next_cursor = encode_cursor(threads[limit - 1]) if len(threads) > limit else None
    return ThreadPage(threads[:limit], next_cursor)


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


def tag_by_slug(slug: str) -> Tag | None:
    """Find a tag by its slug."""
    return db.session.scalar(select(Tag).where(Tag.slug == slug.lower()))


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


def thread_with_author(thread_id: int) -> Thread | None:
    """A thread with its author and tags loaded in one query."""
    query = (
        select(Thread)
        .options(joinedload(Thread.author), joinedload(Thread.tags))
        .where(Thread.id == thread_id)
    )
    return db.session.scalars(query).unique().first()


def thread_replies(thread_id: int) -> list[Post]:
    """Every reply of a thread with its author, in one query."""
    query = select(Post).options(joinedload(Post.author)).where(Post.thread_id == thread_id)
    return list(db.session.scalars(query))


def replies_after(thread_id: int, after_id: int) -> list[Post]:
    """Replies of a thread newer than a given reply id, oldest first, with authors."""
    query = (
        select(Post)
        .options(joinedload(Post.author))
        .where(Post.thread_id == thread_id, Post.id > after_id)
        .order_by(Post.id)
        .limit(200)
    )
    return list(db.session.scalars(query))


def post_by_id(post_id: int) -> Post | None:
    """A reply by id, or None."""
    return db.session.get(Post, post_id)


def ancestor_at_depth(post: Post, depth: int) -> Post:
    """Walk up from a reply to its ancestor at a given depth (a few steps at most)."""
    while post.depth > depth and post.parent_id is not None:
        post = db.session.get(Post, post.parent_id)
    return post


@dataclass
class PositionTally:
    """How many members stand for and against a motion, and where the reader stands."""

    for_count: int = 0
    against_count: int = 0
    mine: str = ""


def position_tally(thread_id: int, user) -> PositionTally:
    """Count the for and against positions on a thread, plus the reader's own, in one query."""
    user_id = user.id if user.is_authenticated else -1
    mine = func.max(case((Position.user_id == user_id, 1), else_=0))
    query = (
        select(Position.side, func.count(), mine)
        .where(Position.thread_id == thread_id)
        .group_by(Position.side)
    )
    tally = PositionTally()
    for side, total, is_mine in db.session.execute(query):
        setattr(tally, f"{side}_count", total)
        if is_mine:
            tally.mine = side
    return tally


def voted_post_ids(user, thread_id: int) -> set[int]:
    """The replies of a thread that the reader found convincing."""
    if not user.is_authenticated:
        return set()
    query = (
        select(Vote.post_id)
        .join(Post, Post.id == Vote.post_id)
        .where(Vote.user_id == user.id, Post.thread_id == thread_id)
    )
    return set(db.session.scalars(query))


def user_threads(user: User, limit: int = 20) -> list[Thread]:
    """A member's most recent threads, for their profile."""
    query = (
        select(Thread)
        .options(selectinload(Thread.tags))
        .where(Thread.author_id == user.id)
        .order_by(Thread.created_at.desc(), Thread.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def user_replies(user: User, limit: int = 20) -> list[Post]:
    """A member's most recent live replies with their threads, for their profile."""
    query = (
        select(Post)
        .options(joinedload(Post.thread))
        .where(Post.author_id == user.id, Post.deleted_at.is_(None))
        .order_by(Post.created_at.desc(), Post.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def revisions_of(*, thread: Thread | None = None, post: Post | None = None) -> list[Revision]:
    """Earlier versions of a thread or a reply, newest first."""
    column, target = (Revision.thread_id, thread) if thread else (Revision.post_id, post)
    query = select(Revision).where(column == target.id).order_by(Revision.id.desc())
    return list(db.session.scalars(query))


def is_empty() -> bool:
    """True when the forum has no threads and no tags yet (a fresh database to seed)."""
    threads = db.session.scalar(select(func.count()).select_from(Thread))
    return threads == 0 and db.session.scalar(select(func.count()).select_from(Tag)) == 0
