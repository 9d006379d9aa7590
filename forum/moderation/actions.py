"""Moderation writes: each action and its public log row are one transaction.

Every action takes the moderator (None for the forum's own automatic actions), the item or
member, and a reason shown publicly. Acting on an item resolves its open reports.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import exists, select, update
from sqlalchemy.exc import IntegrityError

from ..accounts.models import ROLES, User
from ..accounts.sessions import end_all_sessions
from ..database import commit_or_refuse, lock_row, refusal_rolls_back, utcnow
from ..debate.models import Position
from ..errors import ActionError
from ..extensions import db
from ..securitylog import log_event_on_commit
from ..threads.actions import keep_thread_version, resolve_tags, slugify
from ..threads.models import Reply, Revision, Thread
from ..threads.queries import thread_replies
from .hooks import action_logged, reports_resolved
from .models import APPEALABLE, Appeal, ModerationAction, Report


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
        _resolve_reports(key, moderator, "acted", reason, row.id)
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


def _resolve_reports(key: str, moderator, resolution: str, reason: str, action_id) -> int:
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
    row = log_action(moderator, "hide", reason, member=item.author, **_target(item))
    db.session.commit()
    return row


@refusal_rolls_back
def restore_item(moderator, item: Thread | Reply, reason: str) -> ModerationAction:
    """Show a hidden thread or reply again."""
    if not item.is_hidden:
        raise ActionError("reason", _("This is not hidden."))
    item.hidden_at, item.hidden_reason = None, ""
    row = log_action(moderator, "restore", reason, member=item.author, **_target(item))
    db.session.commit()
    return row


def _target(item: Thread | Reply) -> dict:
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
    moved = _subtree(replies, reply.id)
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


def _subtree(replies: list[Reply], root_id: int) -> list[Reply]:
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


# People ----------------------------------------------------------------------------------


def may_sanction(moderator, member: User) -> bool:
    """Moderators act on members; only admins act on moderators and admins; nobody on
    themselves."""
    if member.id == moderator.id:
        return False
    return moderator.is_admin or not member.is_staff


def _check_may_sanction(moderator, member: User) -> None:
    if not may_sanction(moderator, member):
        raise ActionError(
            "reason", _("Only an admin can act on a moderator or an admin, and not on themselves.")
        )


def _end_sessions(member: User) -> None:
    """Every session and remember-me cookie of the member stops working on its next request."""
    end_all_sessions(member)


def suspension_end(day: date) -> datetime:
    """A suspension "until 9 December" ends at the start of that day, UTC."""
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


@refusal_rolls_back
def suspend_member(moderator, member: User, until: date, reason: str) -> ModerationAction:
    """Suspend a member until a date: they may read and sign in, not take part."""
    _check_may_sanction(moderator, member)
    ends = suspension_end(until)
    if ends <= utcnow():
        raise ActionError("until", _("Choose a date after today."))
    if ends > utcnow() + timedelta(days=3660):
        raise ActionError("until", _("Choose a date within ten years, or ban instead."))
    member.suspended_until, member.sanction_reason = ends, reason.strip()
    _end_sessions(member)
    row = log_action(moderator, "suspend", reason, member=member, detail=until.isoformat())
    db.session.commit()
    return row


@refusal_rolls_back
def ban_member(moderator, member: User, reason: str) -> ModerationAction:
    """Ban a member for good: they cannot sign in, and the login page says why."""
    _check_may_sanction(moderator, member)
    if member.banned_at is not None:
        raise ActionError("reason", _("This member is already banned."))
    member.banned_at, member.sanction_reason = utcnow(), reason.strip()
    _end_sessions(member)
    row = log_action(moderator, "ban", reason, member=member)
    db.session.commit()
    return row


@refusal_rolls_back
def lift_sanction(moderator, member: User, reason: str) -> ModerationAction:
    """End a member's suspension or ban."""
    _check_may_sanction(moderator, member)
    if not member.is_restricted:
        raise ActionError("reason", _("This member is not suspended or banned."))
    row = _lift(moderator, member, reason)
    db.session.commit()
    return row


def _lift(moderator, member: User, reason: str) -> ModerationAction:
    member.suspended_until, member.banned_at, member.sanction_reason = None, None, ""
    return log_action(moderator, "lift", reason, member=member)


@refusal_rolls_back
def set_trusted(moderator, member: User, trusted: bool, reason: str) -> ModerationAction:
    """Lift the new-member limits early (or put them back)."""
    if member.trusted == trusted:
        raise ActionError("reason", _("Nothing to change."))
    member.trusted = trusted
    row = log_action(moderator, "trust" if trusted else "untrust", reason, member=member)
    db.session.commit()
    return row


@refusal_rolls_back
def set_role(admin, member: User, role: str, reason: str) -> ModerationAction:
    """Grant or revoke the moderator role (admins only; admins keep their own role)."""
    if role not in ROLES:
        raise ActionError("role", _("Choose member, moderator or admin."))
    if not admin.is_admin:
        raise ActionError("role", _("Only admins change roles."))
    if member.id == admin.id:
        raise ActionError("role", _("You cannot change your own role."))
    if member.role == role:
        raise ActionError("role", _("This member already has that role."))
    old = member.role
    member.role = role
    row = log_action(admin, "role", reason, member=member, detail=f"{old} → {role}")
    db.session.commit()
    return row


@refusal_rolls_back
def set_role_from_console(member: User, role: str, reason: str) -> ModerationAction:
    """The server's operator changes a role (`flask users role`); logged as a system action."""
    if member.role == role:
        raise ActionError("role", _("This member already has that role."))
    old = member.role
    member.role = role
    row = log_action(None, "role", reason, member=member, detail=f"{old} → {role}")
    db.session.commit()
    return row


# Reports ---------------------------------------------------------------------------------


@refusal_rolls_back
def report_item(reporter, thread: Thread, reply: Reply | None, reason: str, note: str) -> Report:
    """File a report on a thread or a reply; a burst of reports cools the branch down."""
    author_id = reply.author_id if reply is not None else thread.author_id
    if author_id == reporter.id:
        raise ActionError("reason", _("You cannot report your own writing."))
    if reply is not None and not reply.is_live:
        raise ActionError("reason", _("This reply is already removed."))
    report = Report(
        reporter_id=reporter.id,
        thread_id=thread.id,
        post_id=reply.id if reply is not None else None,
        item_key=item_key(thread, reply),
        reason=reason,
        note=(note or "").strip(),
        created_at=utcnow(),
    )
    db.session.add(report)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise ActionError(
            "reason", _("You already reported this; moderators will look at it.")
        ) from None
    if reply is not None:
        _cool_if_needed(thread, reply)
    commit_or_refuse("reason", _("You already reported this; moderators will look at it."))
    return report


def _cool_if_needed(thread: Thread, reply: Reply) -> None:
    """Switch on slow mode for a branch that drew COOLING_REPORTS reports within the window.

    The branch is the reported reply's top-level ancestor and everything under it.
    """
    config = current_app.config
    now = utcnow()
    replies = thread_replies(thread.id)
    by_id = {item.id: item for item in replies}
    root = reply
    while root.parent_id is not None and root.parent_id in by_id:
        root = by_id[root.parent_id]
    if root.is_cooling:
        return
    branch = [item.id for item in _subtree(replies, root.id)]
    recent = db.session.scalar(
        select(db.func.count())
        .select_from(Report)
        .where(
            Report.post_id.in_(branch),
            Report.created_at > now - timedelta(minutes=config["COOLING_WINDOW_MINUTES"]),
        )
    )
    if recent < config["COOLING_REPORTS"]:
        return
    root.cooling_until = now + timedelta(minutes=config["COOLING_MINUTES"])
    root.cooling_seconds = config["COOLING_INTERVAL_SECONDS"]
    log_action(
        None,
        "cooling",
        _("Many reports in a short time"),
        reply=root,
        detail=_("%(count)d reports", count=recent),
    )


@refusal_rolls_back
def dismiss_reports(moderator, key: str, reason: str) -> int:
    """Close an item's open reports without acting on it; logged like every decision."""
    reports = list(
        db.session.scalars(
            select(Report).where(Report.item_key == key, Report.resolved_at.is_(None)).limit(1)
        )
    )
    if not reports:
        raise ActionError("reason", _("These reports were already resolved."))
    first = reports[0]
    row = ModerationAction(
        moderator_id=moderator.id,
        action="dismiss",
        thread_id=first.thread_id,
        post_id=first.post_id,
        reason=reason.strip(),
        participant=took_part(moderator, first.thread_id),
        created_at=utcnow(),
    )
    db.session.add(row)
    db.session.flush()
    action_logged.notify(row)
    closed = _resolve_reports(key, moderator, "dismissed", reason, row.id)
    db.session.commit()
    return closed


# Appeals ---------------------------------------------------------------------------------


@refusal_rolls_back
def file_appeal(member, action: ModerationAction, text: str) -> Appeal:
    """Ask for a second look at an action taken against the member's content or account."""
    if action.action not in APPEALABLE or not _affects(action, member):
        raise ActionError("action_id", _("You can only appeal an action taken against you."))
    appeal = Appeal(
        action_id=action.id, appellant_id=member.id, text=text.strip(), created_at=utcnow()
    )
    db.session.add(appeal)
    commit_or_refuse("action_id", _("You already appealed this action."))
    return appeal


def _affects(action: ModerationAction, member) -> bool:
    """The action hid the member's writing or suspended or banned them."""
    return action.target_user_id == member.id


@refusal_rolls_back
def decide_appeal(decider, appeal: Appeal, granted: bool, reason: str) -> ModerationAction:
    """Grant (undo the action) or deny an appeal; never by the moderator who acted."""
    if not appeal.can_decide(decider):
        raise ActionError(
            "reason", _("Another moderator decides this appeal: not the one who acted.")
        )
    action = appeal.action
    if granted:
        _undo(decider, action, reason)
    appeal.decided_at, appeal.decider_id = utcnow(), decider.id
    appeal.outcome = "granted" if granted else "denied"
    appeal.decision_reason = reason.strip()
    item = {"reply": action.reply} if action.reply else {"thread": action.thread}
    row = log_action(
        decider,
        "appeal_granted" if granted else "appeal_denied",
        reason,
        member=action.target_user,
        detail=f"{action.label} #{action.id}",
        **(item if action.thread_id else {}),
    )
    db.session.commit()
    return row


def _undo(decider, action: ModerationAction, reason: str) -> None:
    """Reverse an appealed action, if it still stands."""
    member = action.target_user
    if action.action == "hide":
        item = action.reply or action.thread
        if item is not None and item.is_hidden:
            item.hidden_at, item.hidden_reason = None, ""
            log_action(decider, "restore", reason, member=member, **_target(item))
    elif member is not None and member.is_restricted:
        _lift(decider, member, reason)
