"""Reads of the following area: levels, muted tags, the feed, unread counts, notifications."""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from ..accounts.models import User
from ..extensions import db
from ..pagination import KeysetPage, keyset_page
from ..tags.models import Tag, TagFollow, thread_tags
from ..threads.models import Reply, Thread
from .messages import FeedItem
from .models import (
    FEED_LEVELS,
    KINDS,
    FollowSettings,
    Notification,
    NotificationPreference,
    ThreadFollow,
    ThreadRead,
)

HIDDEN_TAGS_COOKIE = "hidden_tags"
DECISION_KINDS = ("report", "moderation")


def thread_level(user, thread_id: int) -> str:
    """The member's level for a thread: watching, following, normal or muted."""
    level = db.session.scalar(
        select(ThreadFollow.level).where(
            ThreadFollow.user_id == user.id, ThreadFollow.thread_id == thread_id
        )
    )
    return level or "normal"


def tag_level(user, tag: Tag) -> str:
    """The member's level for a tag ("normal" for visitors and tags they never set)."""
    if not user.is_authenticated:
        return "normal"
    level = db.session.scalar(
        select(TagFollow.level).where(TagFollow.user_id == user.id, TagFollow.tag_id == tag.id)
    )
    return level or "normal"


def cookie_slugs(cookie: str | None) -> list[str]:
    """The tag slugs a visitor's hidden_tags cookie names (at most 50, junk ignored)."""
    slugs = [slug.strip().lower() for slug in (cookie or "").split(",")]
    return [slug for slug in slugs if slug and len(slug) <= 40][:50]


def muted_tag_ids(user, cookie: str | None) -> set[int]:
    """Tags whose threads the reader hides: a member's muted tags, or a visitor's cookie."""
    if user.is_authenticated:
        query = select(TagFollow.tag_id).where(
            TagFollow.user_id == user.id, TagFollow.level == "muted"
        )
    else:
        slugs = cookie_slugs(cookie)
        if not slugs:
            return set()
        query = select(Tag.id).where(Tag.slug.in_(slugs))
    return set(db.session.scalars(query))


def settings_for(user) -> FollowSettings:
    """The member's following settings, or the defaults (not added to the session)."""
    found = db.session.get(FollowSettings, user.id)
    return found or FollowSettings(user_id=user.id, watch_own=True, daily_digest=False)


def deliveries_for(user) -> dict[str, str]:
    """How the member wants each kind of notification (in-app unless they chose otherwise)."""
    chosen = dict(
        db.session.execute(
            select(NotificationPreference.kind, NotificationPreference.delivery).where(
                NotificationPreference.user_id == user.id
            )
        ).all()
    )
    return {kind: chosen.get(kind, "app") for kind in KINDS}


def read_position(user, thread_id: int) -> int | None:
    """The highest reply id the member was shown in a thread, or None if never opened."""
    return db.session.scalar(
        select(ThreadRead.last_read_post_id).where(
            ThreadRead.user_id == user.id, ThreadRead.thread_id == thread_id
        )
    )


def feed_threads(user):
    """Live threads the member follows or watches, directly or by tag, minus muted threads and
    threads in a muted tag."""
    followed_tags = select(TagFollow.tag_id).where(
        TagFollow.user_id == user.id, TagFollow.level.in_(FEED_LEVELS)
    )
    followed_threads = select(ThreadFollow.thread_id).where(
        ThreadFollow.user_id == user.id, ThreadFollow.level.in_(FEED_LEVELS)
    )
    muted_threads = select(ThreadFollow.thread_id).where(
        ThreadFollow.user_id == user.id, ThreadFollow.level == "muted"
    )
    muted_tags = select(TagFollow.tag_id).where(
        TagFollow.user_id == user.id, TagFollow.level == "muted"
    )
    in_followed_tag = select(thread_tags.c.thread_id).where(thread_tags.c.tag_id.in_(followed_tags))
    in_muted_tag = select(thread_tags.c.thread_id).where(thread_tags.c.tag_id.in_(muted_tags))
    return (
        select(Thread)
        .options(joinedload(Thread.author), selectinload(Thread.tags))
        .where(
            Thread.hidden_at.is_(None),
            or_(Thread.id.in_(followed_threads), Thread.id.in_(in_followed_tag)),
            Thread.id.not_in(muted_threads),
            Thread.id.not_in(in_muted_tag),
        )
    )


def feed_page(user, cursor: str | None, limit: int = 30) -> KeysetPage:
    """One keyset page of the member's feed, latest activity first, with unread counts."""
    page = keyset_page(feed_threads(user), Thread.last_activity_at, Thread.id, cursor, limit)
    counts = unread_counts(user, page.items)
    page.items = [FeedItem(thread, counts.get(thread.id)) for thread in page.items]
    return page


def level_and_position(user, thread_id: int) -> tuple[str, int | None]:
    """The member's level for a thread and their read position, in one query."""
    level = select(ThreadFollow.level).where(
        ThreadFollow.user_id == user.id, ThreadFollow.thread_id == thread_id
    )
    position = select(ThreadRead.last_read_post_id).where(
        ThreadRead.user_id == user.id, ThreadRead.thread_id == thread_id
    )
    row = db.session.execute(select(level.scalar_subquery(), position.scalar_subquery())).one()
    return row[0] or "normal", row[1]


def unread_counts(user, threads: list[Thread]) -> dict[int, int | None]:
    """Per thread: how many live replies are new to the member, or None if never opened.

    One query for a whole page of threads, however many there are.
    """
    if not user.is_authenticated or not threads:
        return {}
    ids = [thread.id for thread in threads]
    read = (
        select(ThreadRead.thread_id, ThreadRead.last_read_post_id)
        .where(ThreadRead.user_id == user.id, ThreadRead.thread_id.in_(ids))
        .subquery()
    )
    new_replies = func.count(Reply.id)
    query = (
        select(read.c.thread_id, new_replies)
        .select_from(read)
        .outerjoin(
            Reply,
            (Reply.thread_id == read.c.thread_id)
            & (Reply.id > read.c.last_read_post_id)
            & Reply.deleted_at.is_(None)
            & Reply.hidden_at.is_(None)
            & Reply.moved_to_id.is_(None)
            & (Reply.author_id != user.id),
        )
        .group_by(read.c.thread_id)
    )
    counts: dict[int, int | None] = dict.fromkeys(ids)
    counts.update(dict(db.session.execute(query).all()))
    return counts


def visible_notifications():
    """Notifications whose thread and reply are still there to see.

    Moderation decisions stay: they are about the member's own content or their report.
    """
    return (
        select(Notification)
        .outerjoin(Thread, Thread.id == Notification.thread_id)
        .outerjoin(Reply, Reply.id == Notification.post_id)
        .where(
            or_(
                Notification.kind.in_(DECISION_KINDS),
                and_(
                    or_(Notification.thread_id.is_(None), Thread.hidden_at.is_(None)),
                    or_(
                        Notification.post_id.is_(None),
                        and_(Reply.hidden_at.is_(None), Reply.deleted_at.is_(None)),
                    ),
                ),
            )
        )
    )


def notification_page(user, cursor: str | None, limit: int = 30) -> KeysetPage:
    """One keyset page of the member's notifications, newest first, with what they link to."""
    query = visible_notifications().where(Notification.user_id == user.id)
    query = query.options(
        joinedload(Notification.actor),
        joinedload(Notification.thread),
        joinedload(Notification.reply),
        joinedload(Notification.action),
    )
    return keyset_page(query, Notification.created_at, Notification.id, cursor, limit)


def unread_notification_count(user) -> int:
    """How many notifications the member has not read (one small query)."""
    query = (
        visible_notifications()
        .with_only_columns(func.count(Notification.id))
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    )
    return db.session.scalar(query) or 0


def existing_usernames(names: set[str]) -> dict[str, User]:
    """Members whose names (any case) are among these, keyed by lower-cased name."""
    if not names:
        return {}
    keys = {name.lower() for name in names}
    users = db.session.scalars(select(User).where(User.username_key.in_(keys)))
    return {user.username_key: user for user in users}


def notification_of(user, notification_id: int) -> Notification | None:
    """One of the member's own notifications, or None."""
    found = db.session.get(Notification, notification_id)
    return found if found is not None and found.user_id == user.id else None
