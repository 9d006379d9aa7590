"""Members report content and appeal actions taken against them; moderators decide.

A burst of reports on one branch cools it down on its own; dismissing and deciding are
logged publicly like every other moderation write.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..database import commit_or_refuse, refusal_rolls_back, utcnow
from ..errors import ActionError
from ..extensions import db
from ..threads.models import Reply, Thread
from ..threads.queries import thread_replies
from .actions import item_key, log_action, log_target, resolve_reports, subtree, took_part
from .hooks import action_logged
from .member_actions import clear_sanction
from .models import APPEALABLE, Appeal, ModerationAction, Report

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
    branch = [item.id for item in subtree(replies, root.id)]
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
    closed = resolve_reports(key, moderator, "dismissed", reason, row.id)
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
            log_action(decider, "restore", reason, member=member, **log_target(item))
    elif member is not None and member.is_restricted:
        clear_sanction(decider, member, reason)
