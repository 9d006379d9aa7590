"""Reads about the debate: tallies, the swing, credits, cross-side votes and summaries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..threads.models import Reply
from ..threads.queries import reader_reply_ids
from .models import SIDES, Credit, Position, PositionChange, Summary, SummaryRevision, Vote

# A reply is "convincing across sides" when this many readers on each side voted for it.
ACROSS_SIDES = 2


@dataclass
class PositionTally:
    """How many members stand for, against or undecided, and where the reader stands."""

    for_count: int = 0
    against_count: int = 0
    undecided_count: int = 0
    mine: str = ""

    @property
    def total(self) -> int:
        """Everyone with a position."""
        return self.for_count + self.against_count + self.undecided_count

    @property
    def segments(self) -> list[tuple[str, float, float]]:
        """(side, start, width) of each part of the tally bar, in percent of its length."""
        parts, start = [], 0.0
        for side in SIDES:
            width = 100 * getattr(self, f"{side}_count") / self.total if self.total else 0
            parts.append((side, round(start, 2), round(width, 2)))
            start += width
        return parts

    def share(self, side: str) -> int:
        """A side's share of all positions, in whole percent (for the tally bar)."""
        count = getattr(self, f"{side}_count")
        return round(100 * count / self.total) if self.total else 0


def position_tally(thread_id: int, user) -> PositionTally:
    """Count positions on a motion by side, plus the reader's own, in one query."""
    return tally_and_swing(thread_id, user)[0]


@dataclass
class Swing:
    """How readers moved between their first position ("before") and now."""

    table: dict = field(default_factory=dict)  # (before, now) -> readers
    sides: tuple = SIDES

    def count(self, before: str, now: str) -> int:
        """Readers who stood at `before` first and stand at `now` today."""
        return self.table.get((before, now), 0)

    @property
    def changed(self) -> int:
        """Readers whose position now differs from their first one."""
        return sum(n for (before, now), n in self.table.items() if before != now)

    @property
    def moved_to(self) -> tuple[str, int] | None:
        """The side most changed readers moved to, and how many moved there."""
        arrivals = Counter()
        for (before, now), n in self.table.items():
            if before != now:
                arrivals[now] += n
        return arrivals.most_common(1)[0] if arrivals else None


def tally_and_swing(thread_id: int, user) -> tuple[PositionTally, Swing]:
    """The tally (with the reader's side) and the before → now table, in one query."""
    user_id = user.id if user.is_authenticated else -1
    mine = func.max(case((Position.user_id == user_id, 1), else_=0))
    query = (
        select(Position.before_side, Position.side, func.count(), mine)
        .where(Position.thread_id == thread_id)
        .group_by(Position.before_side, Position.side)
    )
    tally, table = PositionTally(), {}
    for before, now, readers, is_mine in db.session.execute(query):
        table[(before, now)] = readers
        setattr(tally, f"{now}_count", getattr(tally, f"{now}_count") + readers)
        if is_mine:
            tally.mine = now
    return tally, Swing(table)


def argument_counts(thread_id: int) -> dict[str, int]:
    """How many live replies argue for and against the motion, at any depth."""
    query = (
        select(Reply.side, func.count())
        .where(
            Reply.thread_id == thread_id,
            Reply.side.is_not(None),
            Reply.deleted_at.is_(None),
            Reply.hidden_at.is_(None),
            Reply.moved_to_id.is_(None),
        )
        .group_by(Reply.side)
    )
    counts = {"for": 0, "against": 0}
    counts.update(dict(db.session.execute(query).all()))
    return counts


def voted_reply_ids(user, thread_id: int) -> set[int]:
    """The replies of a thread that the reader found convincing."""
    return reader_reply_ids(Vote, user, thread_id)


def credited_reply_ids(user, thread_id: int) -> set[int]:
    """The replies of a thread the reader credited with changing their mind."""
    return reader_reply_ids(Credit, user, thread_id)


def latest_change(user, thread_id: int) -> PositionChange | None:
    """The reader's most recent recorded position on a motion."""
    if not user.is_authenticated:
        return None
    query = (
        select(PositionChange)
        .where(PositionChange.user_id == user.id, PositionChange.thread_id == thread_id)
        .order_by(PositionChange.id.desc())
        .limit(1)
    )
    return db.session.scalar(query)


def cross_side_reply_ids(thread_id: int) -> set[int]:
    """Replies that readers now for and readers now against both found convincing."""
    voters = (
        select(Vote.post_id, Position.side, func.count().label("voters"))
        .join(Reply, Reply.id == Vote.post_id)
        .join(Position, (Position.user_id == Vote.user_id) & (Position.thread_id == thread_id))
        .where(Reply.thread_id == thread_id, Position.side.in_(("for", "against")))
        .group_by(Vote.post_id, Position.side)
        .having(func.count() >= ACROSS_SIDES)
    )
    sides_per_reply = Counter(post_id for post_id, _side, _n in db.session.execute(voters))
    return {post_id for post_id, sides in sides_per_reply.items() if sides == 2}


def summary_of(thread_id: int) -> Summary | None:
    """The state-of-the-debate summary of a motion, with its last editor, in one query."""
    query = (
        select(Summary).options(joinedload(Summary.editor)).where(Summary.thread_id == thread_id)
    )
    return db.session.scalar(query)


def summary_revisions(thread_id: int) -> list[SummaryRevision]:
    """Every saved version of a motion's summary, newest first, with editors."""
    query = (
        select(SummaryRevision)
        .options(selectinload(SummaryRevision.editor))
        .where(SummaryRevision.thread_id == thread_id)
        .order_by(SummaryRevision.id.desc())
    )
    return list(db.session.scalars(query))


def credits_earned(user) -> int:
    """How many minds a member's replies changed, by readers' credits."""
    query = select(func.coalesce(func.sum(Reply.credit_count), 0)).where(Reply.author_id == user.id)
    return int(db.session.scalar(query))
