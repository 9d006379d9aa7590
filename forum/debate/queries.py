"""Reads about positions and votes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select

from ..extensions import db
from ..threads.models import Reply
from .models import Position, Vote


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


def voted_reply_ids(user, thread_id: int) -> set[int]:
    """The replies of a thread that the reader found convincing."""
    if not user.is_authenticated:
        return set()
    query = (
        select(Vote.post_id)
        .join(Reply, Reply.id == Vote.post_id)
        .where(Vote.user_id == user.id, Reply.thread_id == thread_id)
    )
    return set(db.session.scalars(query))
