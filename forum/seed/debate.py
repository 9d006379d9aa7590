"""A living debate on each seeded motion: positions that moved, votes, a credit, sources,
a needs-a-source mark and a summary with two revisions."""

from datetime import timedelta

from ..debate.models import Credit, Position, PositionChange, Summary, SummaryRevision, Vote
from ..extensions import db
from ..threads.models import Reply, SourceMark, Thread

SOURCES = {
    "facial-recognition": "https://eur-lex.europa.eu/eli/reg/2024/1689/oj",
    "drones": "https://www.easa.europa.eu/en/domains/drones-air-mobility",
    "privacy": "https://www.cnil.fr/en",
}
DEFAULT_SOURCE = "https://www.milipol.com/"
SUMMARY_FIRST = (
    "**For:** the strongest case so far is about *proportionality*: narrow uses with "
    "oversight.\n\n**Against:** the strongest case is about chilling effects and "
    "error rates.\n"
)
SUMMARY_SECOND = SUMMARY_FIRST + (
    "\n**Still disputed:** whether independent audits of accuracy are enough, and who "
    "should run them.\n"
)


def first_side(index: int, number: int) -> str:
    """A reproducible spread of first positions across the demo members."""
    return ("for", "against", "undecided")[(index * 3 + number) % 3]


def add_living_debate(thread: Thread, number: int, members: list, opened) -> None:
    """Give one motion its positions (some changed), votes, a credit, sources and a summary."""
    replies = list(db.session.scalars(db.select(Reply).where(Reply.thread_id == thread.id)))
    moment = opened + timedelta(hours=1)
    changes = {}
    for index, member in enumerate(members):
        before = first_side(index, number)
        now = before
        db.session.add(
            PositionChange(user_id=member.id, thread_id=thread.id, side=before, created_at=moment)
        )
        if (index + number) % 3 == 0:
            now = "against" if before != "against" else "for"
            change = PositionChange(
                user_id=member.id,
                thread_id=thread.id,
                previous_side=before,
                side=now,
                created_at=moment + timedelta(hours=6),
            )
            db.session.add(change)
            changes[member.id] = change
        db.session.add(
            Position(user_id=member.id, thread_id=thread.id, side=now, before_side=before)
        )
    thread.first_position_at = moment
    db.session.flush()
    for reply in replies:
        for index, member in enumerate(members):
            if member.id != reply.author_id and (reply.id + index) % 3 == 0:
                db.session.add(Vote(user_id=member.id, post_id=reply.id))
                reply.vote_count += 1
    _add_credit(replies, changes)
    _add_sources(thread, replies, members)
    _add_summary(thread, opened)


def _add_credit(replies: list, changes: dict) -> None:
    """The first member who changed sides credits a reply that argues their new side."""
    for user_id, change in changes.items():
        persuasive = [
            r
            for r in replies
            if r.side == change.side
            and r.author_id != user_id
            and r.created_at <= change.created_at
        ]
        if persuasive:
            reply = persuasive[0]
            db.session.add(Credit(user_id=user_id, post_id=reply.id, change_id=change.id))
            reply.credit_count += 1
            return


def _add_sources(thread: Thread, replies: list, members: list) -> None:
    """The first top-level reply cites a source; the second is asked for one."""
    top_level = [reply for reply in replies if reply.parent_id is None]
    if top_level:
        tag = next((tag.slug for tag in thread.tags if tag.slug in SOURCES), None)
        top_level[0].sources = SOURCES.get(tag, DEFAULT_SOURCE)
    if len(top_level) > 1:
        asked = top_level[1]
        asker = next(member for member in members if member.id != asked.author_id)
        db.session.add(SourceMark(user_id=asker.id, post_id=asked.id))
        asked.needs_source_count += 1


def _add_summary(thread: Thread, opened) -> None:
    """A summary written twice by the motion's author."""
    first, second = opened + timedelta(days=1), opened + timedelta(days=2)
    for text, moment in ((SUMMARY_FIRST, first), (SUMMARY_SECOND, second)):
        db.session.add(
            SummaryRevision(
                thread_id=thread.id, editor_id=thread.author_id, body_source=text, created_at=moment
            )
        )
    summary = Summary(thread_id=thread.id, editor_id=thread.author_id, updated_at=second)
    summary.set_body(SUMMARY_SECOND)
    db.session.add(summary)
