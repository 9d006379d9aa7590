"""Moderation writes on content, and the public log every moderation write goes through.

Each action and its public log row are one transaction. Every action takes the moderator
(None for the forum's own automatic actions), the item, and a reason shown publicly. Acting
on an item resolves its open reports. Actions on members live in member_actions, reports and
appeals in report_actions, tags in tag_actions.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import exists, select, update

from ..accounts.models import User
from ..database import lock_row, refusal_rolls_back, utcnow
from ..debate.models import Position
from ..errors import ActionError
from ..extensions import db
from ..securitylog import log_event_on_commit
from ..threads.actions import keep_thread_version, resolve_tags, slugify
from ..threads.models import Reply, Revision, Thread
from ..threads.queries import thread_replies
from .hooks import action_logged, reports_resolved
from .models import ModerationAction, Report


def took_part(user, thread_id: int) -> bool:
    """Whether a member wrote the thread, replied in it or holds a position on it."""
    wrote = exists().where(Thread.id == thread_id, Thread.author_id == user.id)
    # The note a split leaves is written in the moderator's name but is not taking part.
    replied = exists().where(
        Reply.thread_id == thread_id, Reply.author_id == user.id, Reply.moved_to_id.is_(None)
    )
    stands = exists().where(Position.thread_id == thread_id, Position.user_id == user.id)
    return bool(db.session.scalar(select(wrote | replied | stands)))


def item_key(thread: Thread | None = None, reply: Reply | None = None) -> str:
    """The one value naming a reported item: "p<id>" for a reply, "t<id>" for a thread."""
    return f"p{reply.id}" if reply is not None else f"t{thread.id}"


def log_action(
    moderator,
    action: str,
    reason: str,
    *,
    thread: Thread | None = None,
    reply: Reply | None = None,
    member: User | None = None,
    detail: str = "",
) -> ModerationAction:
    """Add the public log row (and resolve the item's open reports) in the caller's
    transaction, so no action goes unlogged; its security log line is written on commit."""
    thread_id = thread.id if thread is not None else (reply.thread_id if reply else None)
    row = ModerationAction(
        moderator_id=moderator.id if moderator is not None else None,
        action=action,
        thread_id=thread_id,
        post_id=reply.id if reply is not None else None,
        target_user_id=member.id if member is not None else None,
        reason=reason.strip(),
        detail=detail[:300],
        participant=bool(moderator and thread_id and took_part(moderator, thread_id)),
        created_at=utcnow(),
    )
    db.session.add(row)
    db.session.flush()
    if moderator is not None and (thread is not None or reply is not None):
        key = item_key(thread, reply)
        resolve_reports(key, moderator, "acted", reason, row.id)
    action_logged.notify(row)
    log_event_on_commit(
        "role_change" if action == "role" else "moderator_action",
        user_id=row.moderator_id,
        action=action,
        thread_id=row.thread_id,
        post_id=row.post_id,
        target_user_id=row.target_user_id,
    )
    return row


def resolve_reports(key: str, moderator, resolution: str, reason: str, action_id) -> int:
    """Close every open report on an item with its outcome; returns how many were closed."""
    reports = list(
        db.session.scalars(
            select(Report).where(Report.item_key == key, Report.resolved_at.is_(None))
        )
    )
    for report in reports:
        report.resolved_at, report.resolution = utcnow(), resolution
        report.resolution_reason, report.resolver_id = reason.strip(), moderator.id
        report.action_id = action_id
    db.session.flush()
    if reports:
        reports_resolved.notify(reports, db.session.get(ModerationAction, action_id))
    return len(reports)


def _flip(item, column: str, value, when_column_is, error: str) -> None:
    """Set a column on one row only if it still holds the expected value (no double actions)."""
    model = type(item)
    changed = db.session.execute(
        update(model)
        .where(model.id == item.id, getattr(model, column).is_(when_column_is))
        .values({column: value})
        .execution_options(synchronize_session="fetch")
    ).rowcount
    if not changed:
        raise ActionError("reason", error)


# Content ---------------------------------------------------------------------------------


@refusal_rolls_back
def lock_thread(moderator, thread: Thread, reason: str) -> ModerationAction:
    """Stop new replies (votes and positions go on), with a reason shown on the thread."""
    _flip(thread, "locked_at", utcnow(), None, _("This thread is already locked."))
    thread.lock_reason = reason.strip()
    row = log_action(moderator, "lock", reason, thread=thread)
    db.session.commit()
    return row


@refusal_rolls_back
def unlock_thread(moderator, thread: Thread, reason: str) -> ModerationAction:
    """Open a locked thread to replies again."""
    if not thread.is_locked:
        raise ActionError("reason", _("This thread is not locked."))
    thread.locked_at, thread.lock_reason = None, ""
    row = log_action(moderator, "unlock", reason, thread=thread)
    db.session.commit()
    return row


@refusal_rolls_back
def pin_thread(moderator, thread: Thread, reason: str) -> ModerationAction:
    """Show the thread in the "Pinned" block above its listings."""
    _flip(thread, "pinned_at", utcnow(), None, _("This thread is already pinned."))
    row = log_action(moderator, "pin", reason, thread=thread)
    db.session.commit()
    return row


@refusal_rolls_back
def unpin_thread(moderator, thread: Thread, reason: str) -> ModerationAction:
    """Return a pinned thread to its place by activity."""
    if not thread.is_pinned:
        raise ActionError("reason", _("This thread is not pinned."))
    thread.pinned_at = None
    row = log_action(moderator, "unpin", reason, thread=thread)
    db.session.commit()
    return row


@refusal_rolls_back
def hide_item(moderator, item: Thread | Reply, reason: str) -> ModerationAction:
    """Hide a thread or a reply: readers see the reason in its place, replies under it stay."""
    if isinstance(item, Reply) and not item.is_live:
        raise ActionError("reason", _("This reply is already removed."))
    _flip(item, "hidden_at", utcnow(), None, _("This is already hidden."))
    item.hidden_reason = reason.strip()
    row = log_action(moderator, "hide", reason, member=item.author, **log_target(item))
    db.session.commit()
    return row


@refusal_rolls_back
def restore_item(moderator, item: Thread | Reply, reason: str) -> ModerationAction:
    """Show a hidden thread or reply again."""
    if not item.is_hidden:
        raise ActionError("reason", _("This is not hidden."))
    item.hidden_at, item.hidden_reason = None, ""
    row = log_action(moderator, "restore", reason, member=item.author, **log_target(item))
    db.session.commit()
    return row


def log_target(item: Thread | Reply) -> dict:
    """The log's keyword for a thread or a reply."""
    return {"reply": item} if isinstance(item, Reply) else {"thread": item}


@refusal_rolls_back
def redact_revision(moderator, revision: Revision, reason: str) -> ModerationAction:
    """Remove an earlier version's text (personal data, doxxing); the reason stays."""
    if revision.is_redacted:
        raise ActionError("reason", _("This version is already redacted."))
    revision.redacted_at, revision.redaction_reason = utcnow(), reason.strip()
    revision.body_source, revision.title, revision.tag_text = "", None, None
    reply = db.session.get(Reply, revision.post_id) if revision.post_id else None
    thread = db.session.get(Thread, revision.thread_id) if revision.thread_id else None
    row = log_action(
        moderator, "redact", reason, thread=thread, reply=reply, detail=f"#{revision.id}"
    )
    db.session.commit()
    return row


@refusal_rolls_back
def retitle_thread(moderator, thread: Thread, title: str, reason: str) -> ModerationAction:
    """Give a thread a new title; the old one stays in its history and the log."""
    title = title.strip()
    if title == thread.title:
        raise ActionError("title", _("That is already the title."))
    keep_thread_version(thread, moderator)
    thread.title, thread.slug, thread.edited_at = title, slugify(title), utcnow()
    # The old title goes to the history (author and moderators), not the public log: it may
    # be the very thing that had to go.
    row = log_action(moderator, "retitle", reason, thread=thread)
    db.session.commit()
    return row


@refusal_rolls_back
def retag_thread(moderator, thread: Thread, slugs: list[str], reason: str) -> ModerationAction:
    """File a thread under other existing tags; the old tags stay in its history."""
    tags = resolve_tags(slugs)
    if {tag.id for tag in tags} == {tag.id for tag in thread.tags}:
        raise ActionError("tags", _("The thread already has these tags."))
    old = thread.tag_text
    keep_thread_version(thread, moderator)
    thread.tags, thread.edited_at = tags, utcnow()
    row = log_action(
        moderator,
        "retag",
        reason,
        thread=thread,
        detail=f"{old} → {' '.join(tag.slug for tag in tags)}",
    )
    db.session.commit()
    return row


@refusal_rolls_back
def set_slow_mode(moderator, thread: Thread, seconds: int, reason: str) -> ModerationAction:
    """Set a minimum interval between one member's replies in the thread (0 turns it off)."""
    if seconds == thread.slow_mode_seconds:
        raise ActionError("seconds", _("Slow mode is already set to that."))
    lock_row(Thread.reply_count, thread.id)
    thread.slow_mode_seconds = seconds
    thread.slow_mode_reason = reason.strip() if seconds else ""
    thread.slow_mode_by_id = moderator.id if seconds else None
    detail = _("one reply every %(minutes)d min", minutes=seconds // 60) if seconds else ""
    row = log_action(
        moderator, "slow_mode" if seconds else "slow_mode_off", reason, thread=thread, detail=detail
    )
    db.session.commit()
    return row


@refusal_rolls_back
def split_reply(moderator, reply: Reply, title: str, reason: str) -> Thread:
    """Move a reply and its whole subtree into a new discussion that links back.

    A note stays in the old place, linking to the new thread.
    """
    if not reply.is_live:
        raise ActionError("reason", _("Only a live reply can be split off."))
    old_thread = reply.thread
    lock_row(Thread.reply_count, old_thread.id)
    # Logged before anything moves, so "participant" judges the thread as it was.
    row = log_action(moderator, "split", reason, thread=old_thread, reply=reply)
    replies = thread_replies(old_thread.id)
    moved = subtree(replies, reply.id)
    new_thread = Thread(
        title=title.strip(),
        slug=slugify(title),
        author_id=reply.author_id,
        kind="discussion",
        created_at=reply.created_at,
        last_activity_at=max(item.created_at for item in moved),
        tags=list(old_thread.tags),
        split_from_id=old_thread.id,
        reply_count=sum(1 for item in moved if not item.is_deleted),
    )
    new_thread.set_body(
        _(
            "Split from “%(title)s” by the moderators: %(reason)s",
            title=old_thread.title,
            reason=reason.strip(),
        )
    )
    db.session.add(new_thread)
    db.session.flush()
    note = Reply(
        thread_id=old_thread.id,
        parent_id=reply.parent_id,
        author_id=moderator.id,
        depth=reply.depth,
        moved_to_id=new_thread.id,
        created_at=reply.created_at,
    )
    note.set_body("")
    db.session.add(note)
    shift = reply.depth - 1
    for item in moved:
        item.thread_id = new_thread.id
        item.depth -= shift
        item.side = None  # a discussion has no sides
    reply.parent_id = None
    db.session.execute(
        update(Report)
        .where(Report.post_id.in_([item.id for item in moved]))
        .values(thread_id=new_thread.id)
    )
    old_thread.reply_count -= new_thread.reply_count
    row.detail = f"→ #{new_thread.id}"
    db.session.commit()
    return new_thread


def subtree(replies: list[Reply], root_id: int) -> list[Reply]:
    """A reply and every reply beneath it."""
    children: dict[int | None, list[Reply]] = {}
    for item in replies:
        children.setdefault(item.parent_id, []).append(item)
    found, stack = [], [item for item in replies if item.id == root_id]
    while stack:
        item = stack.pop()
        found.append(item)
        stack.extend(children.get(item.id, []))
    return found
