"""Writes about positions and votes: each one intention, one transaction."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from ..database import commit_unless_raced, toggle_row, utcnow
from ..extensions import db
from ..threads.models import Reply, Thread
from .models import Position, Vote


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


def set_position(user, thread: Thread, side: str) -> None:
    """Stand for or against a thread's motion, or clear the position with an empty side."""
    existing = db.session.get(Position, (user.id, thread.id))
    if not side:
        if existing:
            db.session.delete(existing)
    elif existing:
        existing.side = side
        existing.updated_at = utcnow()
    else:
        db.session.add(Position(user_id=user.id, thread_id=thread.id, side=side))
    commit_unless_raced()
