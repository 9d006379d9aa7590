"""Writes of the privacy area: deleting an account, and giving held names back."""

from __future__ import annotations

import secrets
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from ..accounts.models import AffiliationChange, RecoveryCode, User
from ..accounts.sessions import end_all_sessions
from ..database import lock_row, refusal_rolls_back, utcnow
from ..debate.models import Credit, Position, PositionChange, Vote
from ..errors import ActionError
from ..extensions import db
from ..following.models import (
    FollowSettings,
    Notification,
    NotificationPreference,
    ThreadFollow,
    ThreadRead,
)
from ..tags.models import TagFollow
from ..threads.actions import remove_reply
from ..threads.models import Reply, Revision, SourceMark, Thread
from . import queries

# What a thread's title becomes when its author removes their text; replies keep their place.
REMOVED_TITLE = "[deleted]"


def _forget_debate(user_id: int) -> None:
    """Delete the member's votes, credits, source marks and positions with their history, then
    recount what those rows fed, so every tally reads as if they had never voted."""
    touched = set()
    for model in (Vote, Credit, SourceMark):
        touched |= set(db.session.scalars(select(model.post_id).where(model.user_id == user_id)))
        db.session.execute(delete(model).where(model.user_id == user_id))
    db.session.execute(delete(PositionChange).where(PositionChange.user_id == user_id))
    db.session.execute(delete(Position).where(Position.user_id == user_id))
    # Position tallies are counted from the positions table when shown; reply counters are
    # stored, so the ones this member touched are counted again.
    if touched:
        for column, model in (
            (Reply.vote_count, Vote),
            (Reply.credit_count, Credit),
            (Reply.needs_source_count, SourceMark),
        ):
            counted = select(func.count()).where(model.post_id == Reply.id).scalar_subquery()
            db.session.execute(update(Reply).where(Reply.id.in_(touched)).values({column: counted}))


def _forget_following(user_id: int) -> None:
    """Delete the member's follows, read marks, settings and notifications."""
    for model in (ThreadFollow, ThreadRead, FollowSettings, NotificationPreference, Notification):
        db.session.execute(delete(model).where(model.user_id == user_id))
    db.session.execute(delete(TagFollow).where(TagFollow.user_id == user_id))


def _remove_text(user_id: int) -> None:
    """Replace everything the member wrote with placeholders; the reply tree stays whole."""
    replies = db.session.scalars(
        select(Reply).where(
            Reply.author_id == user_id, Reply.deleted_at.is_(None), Reply.moved_to_id.is_(None)
        )
    )
    for reply in replies:
        remove_reply(reply)
    for thread in db.session.scalars(select(Thread).where(Thread.author_id == user_id)):
        remove_thread_text(thread)


def remove_thread_text(thread: Thread) -> None:
    """Blank a thread's title, body and history in the caller's transaction; replies stay."""
    db.session.execute(delete(Revision).where(Revision.thread_id == thread.id))
    thread.title = REMOVED_TITLE
    thread.slug = "deleted"
    thread.set_body("")
    thread.edited_at = thread.deleted_at = utcnow()


def _scrub(user: User, now: datetime) -> None:
    """Keep the row (replies point at it) with nothing personal left; hold the name."""
    for model in (AffiliationChange, RecoveryCode):
        db.session.execute(delete(model).where(model.user_id == user.id))
    # Not an address, and unique, so no mail can reach anyone and no one can claim it.
    user.email = f"deleted-{user.id}"
    # A hash of a password nobody ever knew: no sign-in can match it.
    user.password_hash = generate_password_hash(secrets.token_urlsafe(32))
    end_all_sessions(user)
    user.totp_secret, user.totp_last_step = "", 0
    user.bio = ""
    user.affiliation = "not_stated"
    user.organisation = ""
    user.locale = ""
    user.role = "member"
    user.trusted = False
    user.deleted_at = now
    user.name_held_until = now + queries.NAME_HOLD


@refusal_rolls_back
def delete_account(user: User, password: str, remove_text: bool) -> None:
    """Delete a member's account after they re-entered their password.

    Email, profile, votes, positions, follows and notifications go; replies stay under
    "deleted member", or as placeholders when the member asks for their text to go too.
    """
    lock_row(User.role, user.id)
    if user.is_deleted or not check_password_hash(user.password_hash, password):
        raise ActionError("current_password", _("That is not your current password."))
    _forget_debate(user.id)
    _forget_following(user.id)
    if remove_text:
        _remove_text(user.id)
    _scrub(user, utcnow())
    db.session.commit()


@refusal_rolls_back
def delete_thread(user: User, thread: Thread, password: str, remove_replies: bool) -> None:
    """Delete a thread by its author after they re-entered their password: its title, text and
    history go and others' replies stay in place; with remove_replies, the author's own
    replies in it become placeholders too."""
    lock_row(Thread.reply_count, thread.id)
    if not check_password_hash(user.password_hash, password):
        raise ActionError("current_password", _("That is not your current password."))
    remove_thread_text(thread)
    if remove_replies:
        replies = db.session.scalars(
            select(Reply).where(
                Reply.thread_id == thread.id,
                Reply.author_id == user.id,
                Reply.deleted_at.is_(None),
                Reply.moved_to_id.is_(None),
            )
        )
        for reply in replies:
            remove_reply(reply)
    db.session.commit()


def free_held_names(now: datetime | None = None) -> int:
    """Give back the names of accounts deleted longer ago than the hold; returns how many."""
    freed = queries.names_to_free(now or utcnow())
    for user in freed:
        user.username = user.username_key = f"deleted-{user.id}"
        user.name_held_until = None
    db.session.commit()
    return len(freed)
