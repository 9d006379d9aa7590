"""Notifications and automatic watching, written inside the posting or moderating transaction."""

from __future__ import annotations

from sqlalchemy import select

from ..database import utcnow
from ..extensions import db
from ..markup import link_mentions, mentioned_names
from ..moderation.hooks import action_logged, reports_resolved
from ..tags.models import TagFollow, thread_tags
from ..threads.hooks import reply_posted, thread_started
from ..threads.models import Reply, Thread
from .mail import mail_when_wanted
from .models import (
    BATCHED_KINDS,
    FollowSettings,
    Notification,
    NotificationPreference,
    ThreadFollow,
)
from .queries import existing_usernames

# Moderator actions a member hears about when they touch the member's thread or reply.
CONTENT_ACTIONS = frozenset(
    {"hide", "restore", "lock", "unlock", "retitle", "retag", "split", "redact", "pin", "unpin"}
)


def watch_own(author_id: int, thread_id: int) -> None:
    """Starting or replying watches the thread, unless the member set a level or turned it off."""
    settings = db.session.get(FollowSettings, author_id)
    if settings is not None and not settings.watch_own:
        return
    key = {"user_id": author_id, "thread_id": thread_id}
    if db.session.get(ThreadFollow, (author_id, thread_id)) is None:
        db.session.add(ThreadFollow(**key, level="watching"))


def link_body_mentions(item) -> dict[int, str]:
    """Link the @names of existing members in a new thread's or reply's stored HTML.

    Returns the mentioned members' ids (lower-cased name by id).
    """
    members = existing_usernames(mentioned_names(item.body_source))
    if members:
        item.body_html = link_mentions(item.body_html, members.keys())
    return {user.id: key for key, user in members.items()}


def silenced(user_ids: set[int], thread: Thread) -> set[int]:
    """Recipients who muted the thread or one of its tags."""
    if not user_ids:
        return set()
    muted_thread = select(ThreadFollow.user_id).where(
        ThreadFollow.thread_id == thread.id,
        ThreadFollow.level == "muted",
        ThreadFollow.user_id.in_(user_ids),
    )
    muted_tag = (
        select(TagFollow.user_id)
        .join(thread_tags, thread_tags.c.tag_id == TagFollow.tag_id)
        .where(
            thread_tags.c.thread_id == thread.id,
            TagFollow.level == "muted",
            TagFollow.user_id.in_(user_ids),
        )
    )
    return set(db.session.scalars(muted_thread.union(muted_tag)))


def switched_off(user_ids: set[int]) -> set[tuple[int, str]]:
    """(member, kind) pairs the members turned off."""
    if not user_ids:
        return set()
    rows = db.session.execute(
        select(NotificationPreference.user_id, NotificationPreference.kind).where(
            NotificationPreference.user_id.in_(user_ids), NotificationPreference.delivery == "off"
        )
    )
    return {(user_id, kind) for user_id, kind in rows}


def deliver(recipients: dict[int, str], thread: Thread, actor_id: int | None, **fields) -> None:
    """Add (or batch) one notification per recipient, skipping the actor, muting and "off"."""
    recipients = {uid: kind for uid, kind in recipients.items() if uid != actor_id}
    if thread is not None:
        for user_id in silenced(set(recipients), thread):
            del recipients[user_id]
    off = switched_off(set(recipients))
    now = utcnow()
    created = []
    for user_id, kind in recipients.items():
        if (user_id, kind) in off:
            continue
        if kind in BATCHED_KINDS and _batched(user_id, kind, thread, now):
            continue
        notification = Notification(
            user_id=user_id,
            kind=kind,
            thread_id=thread.id if thread is not None else None,
            actor_id=actor_id,
            created_at=now,
            **fields,
        )
        db.session.add(notification)
        created.append(notification)
    mail_when_wanted(*created)


def _batched(user_id: int, kind: str, thread: Thread, now) -> bool:
    """Fold a reply into the recipient's unread notification of this kind for the thread."""
    earlier = db.session.scalars(
        select(Notification).where(
            Notification.user_id == user_id,
            Notification.kind == kind,
            Notification.thread_id == thread.id,
            Notification.read_at.is_(None),
        )
    ).first()
    if earlier is None:
        return False
    # The link keeps pointing at the first of the batch: reading on from there shows the rest.
    earlier.count += 1
    earlier.created_at = now
    return True


@thread_started.register
def on_thread_started(thread: Thread) -> None:
    """Watch one's own thread; notify tag watchers and the members it mentions."""
    watch_own(thread.author_id, thread.id)
    recipients: dict[int, str] = {}
    tag_ids = [tag.id for tag in thread.tags]
    if tag_ids:
        watchers = db.session.scalars(
            select(TagFollow.user_id).where(
                TagFollow.tag_id.in_(tag_ids), TagFollow.level == "watching"
            )
        )
        recipients.update(dict.fromkeys(watchers, "new_thread"))
    recipients.update(dict.fromkeys(link_body_mentions(thread), "mention"))
    deliver(recipients, thread, thread.author_id)


@reply_posted.register
def on_reply_posted(reply: Reply) -> None:
    """Watch the thread replied to; notify the one answered, the mentioned and the watchers."""
    thread = db.session.get(Thread, reply.thread_id)
    watch_own(reply.author_id, thread.id)
    if not reply.is_live or thread.is_hidden:
        return
    recipients: dict[int, str] = {}
    watchers = db.session.scalars(
        select(ThreadFollow.user_id).where(
            ThreadFollow.thread_id == thread.id, ThreadFollow.level == "watching"
        )
    )
    recipients.update(dict.fromkeys(watchers, "watched_reply"))
    answered = thread.author_id
    if reply.parent_id is not None:
        parent = db.session.get(Reply, reply.parent_id)
        answered = parent.author_id if parent.is_live else None
    if answered is not None:
        recipients[answered] = "reply"
    recipients.update(dict.fromkeys(link_body_mentions(reply), "mention"))
    deliver(recipients, thread, reply.author_id, post_id=reply.id)


@action_logged.register
def on_action_logged(row) -> None:
    """Tell a member when moderators act on their thread or reply."""
    if row.action not in CONTENT_ACTIONS or row.thread_id is None:
        return
    thread = db.session.get(Thread, row.thread_id)
    target = row.target_user_id
    if target is None:
        target = thread.author_id if row.post_id is None else None
    if target is None:
        return
    # About their own content: a hidden thread or a muted one still concerns them.
    _add_direct(target, "moderation", row, thread.id, row.post_id)


@reports_resolved.register
def on_reports_resolved(reports, row) -> None:
    """Tell each reporter how their report ended."""
    for reporter_id in {report.reporter_id for report in reports}:
        report = next(report for report in reports if report.reporter_id == reporter_id)
        _add_direct(reporter_id, "report", row, report.thread_id, report.post_id)


def _add_direct(user_id: int, kind: str, row, thread_id: int, post_id: int | None) -> None:
    """A notification about a moderation decision, never to the moderator who made it."""
    if row is None or user_id == row.moderator_id or (user_id, kind) in switched_off({user_id}):
        return
    notification = Notification(
        user_id=user_id,
        kind=kind,
        thread_id=thread_id,
        post_id=post_id,
        actor_id=None,
        action_id=row.id,
        created_at=utcnow(),
    )
    db.session.add(notification)
    mail_when_wanted(notification)
