"""Writes about the debate: each one intention, one transaction."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError

from ..database import commit_unless_raced, toggle_row, utcnow
from ..errors import ActionError
from ..extensions import db
from ..threads.models import Reply, Thread
from . import queries
from .models import Credit, Position, PositionChange, Summary, SummaryRevision, Vote


def toggle_vote(user, reply: Reply) -> bool:
    """Mark or unmark a reply as convincing; returns whether it is now marked."""
    removed = toggle_row(Vote, user_id=user.id, post_id=reply.id)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()  # a concurrent click voted first; its vote stands
        return True
    # The count follows the rows actually removed or added, so double clicks cannot skew it.
    change = -1 if removed else 1
    db.session.execute(
        update(Reply).where(Reply.id == reply.id).values(vote_count=Reply.vote_count + change)
    )
    db.session.commit()
    db.session.refresh(reply)
    return not removed


def set_position(user, thread: Thread, side: str) -> PositionChange | None:
    """Record a position on a motion; returns the change, or None when nothing changed.

    The first position is the reader's "before"; each later change is kept with its time.
    """
    if not thread.is_motion:
        raise ActionError("side", _("Only motions have sides; this thread is a discussion."))
    user_id, thread_id, now = user.id, thread.id, utcnow()
    existing = db.session.get(Position, (user_id, thread_id))
    if existing is not None and existing.side == side:
        return None
    previous = existing.side if existing else None
    if existing is None:
        db.session.add(Position(user_id=user_id, thread_id=thread_id, side=side, before_side=side))
        try:
            db.session.flush()
        except IntegrityError:
            db.session.rollback()  # a concurrent request recorded this reader's first position
            return None
    else:
        # Conditional on the side we read: of two concurrent changes, only one applies.
        moved = db.session.execute(
            update(Position)
            .where(
                Position.user_id == user_id,
                Position.thread_id == thread_id,
                Position.side == previous,
            )
            .values(side=side, updated_at=now)
        ).rowcount
        if not moved:
            db.session.rollback()
            return None
    change = PositionChange(
        user_id=user_id, thread_id=thread_id, previous_side=previous, side=side, created_at=now
    )
    db.session.add(change)
    db.session.execute(
        update(Thread)
        .where(Thread.id == thread_id, Thread.first_position_at.is_(None))
        .values(first_position_at=now)
    )
    return change if commit_unless_raced() else None


def toggle_credit(user, reply: Reply) -> bool:
    """Credit a reply with changing the reader's mind, or withdraw it; True when credited.

    A credit belongs to the reader's latest change of position on the motion, and there must
    be one: the position now differs from the one held just before.
    """
    if not reply.is_live or not reply.thread.is_motion:
        raise ActionError("reply", _("Only live replies to a motion can be credited."))
    if reply.author_id == user.id:
        raise ActionError("reply", _("You cannot credit your own reply."))
    withdrawn = db.session.execute(
        delete(Credit).where(Credit.user_id == user.id, Credit.post_id == reply.id)
    ).rowcount
    if not withdrawn:
        change = queries.latest_change(user, reply.thread_id)
        if change is None or not change.is_change or reply.created_at > change.created_at:
            db.session.rollback()
            raise ActionError(
                "reply",
                _(
                    "Credit a reply that was there when you changed your position: "
                    "change your position first."
                ),
            )
        db.session.add(Credit(user_id=user.id, post_id=reply.id, change_id=change.id))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()  # a concurrent click credited it first; that credit stands
        return True
    db.session.execute(
        update(Reply)
        .where(Reply.id == reply.id)
        .values(credit_count=Reply.credit_count + (-1 if withdrawn else 1))
    )
    db.session.commit()
    db.session.refresh(reply)
    return not withdrawn


def save_summary(thread: Thread, editor, body: str, retry: bool = True) -> None:
    """Write the state of the debate, keeping every version with its editor and time.

    Two first saves at once both try to create the summary; the later one becomes an update.
    """
    summary = db.session.get(Summary, thread.id)
    if summary is not None and summary.body_source == body:
        return
    now, editor_id, thread_id = utcnow(), editor.id, thread.id
    if summary is None:
        summary = Summary(thread_id=thread_id, editor_id=editor_id)
        db.session.add(summary)
    summary.set_body(body)
    summary.editor_id = editor_id
    summary.updated_at = now
    db.session.add(
        SummaryRevision(thread_id=thread_id, editor_id=editor_id, body_source=body, created_at=now)
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        if not retry:
            raise
        save_summary(db.session.get(Thread, thread_id), editor, body, retry=False)
