"""Posting rules: locks, new-member limits and slow mode, checked inside the posting transaction.

Moderators set locks and slow mode (the moderation area writes the columns); the rules that
follow from them live here, next to the writes they limit, so every path that posts a reply
meets them.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import format_timedelta, ngettext
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..errors import ActionError
from ..extensions import db
from ..markup import link_count
from .models import Reply, Thread

HOUR = timedelta(hours=1)


def is_new_member(author, now: datetime) -> bool:
    """Younger than NEW_MEMBER_HOURS or with fewer than NEW_MEMBER_REPLIES replies.

    Trusted members and staff are never new; 0 for both settings turns the rule off.
    """
    if author.trusted or author.is_staff:
        return False
    hours = current_app.config["NEW_MEMBER_HOURS"]
    replies = current_app.config["NEW_MEMBER_REPLIES"]
    if hours and author.created_at > now - timedelta(hours=hours):
        return True
    if replies:
        written = db.session.scalar(
            select(func.count()).select_from(Reply).where(Reply.author_id == author.id)
        )
        return written < replies
    return False


def check_links(author, rendered_html: str, now: datetime) -> None:
    """New members may put at most NEW_MEMBER_LINKS links in a body (sources do not count)."""
    allowed = current_app.config["NEW_MEMBER_LINKS"]
    if link_count(rendered_html) <= allowed or not is_new_member(author, now):
        return
    raise ActionError(
        "body",
        ngettext(
            "New members may include at most %(num)d link in a post. Remove the extra links, "
            "or put your references in the sources field.",
            "New members may include at most %(num)d links in a post. Remove the extra links, "
            "or put your references in the sources field.",
            allowed,
        ),
    )


def too_soon(field: str, message: str, wait: timedelta) -> ActionError:
    """A 429 refusal saying how long to wait, in words and in Retry-After."""
    seconds = max(1, math.ceil(wait.total_seconds()))
    when = format_timedelta(timedelta(seconds=seconds), threshold=1.0, add_direction=True)
    return ActionError(
        field,
        f"{message} {_('You can post again %(when)s.', when=when)}",
        status=429,
        retry_after=seconds,
    )


def check_reply_rate(author, now: datetime) -> None:
    """New members may post at most NEW_MEMBER_REPLIES_PER_HOUR replies an hour."""
    limit = current_app.config["NEW_MEMBER_REPLIES_PER_HOUR"]
    if not limit or not is_new_member(author, now):
        return
    recent = list(
        db.session.scalars(
            select(Reply.created_at)
            .where(Reply.author_id == author.id, Reply.created_at > now - HOUR)
            .order_by(Reply.created_at.desc())
            .limit(limit)
        )
    )
    if len(recent) >= limit:
        message = ngettext(
            "New members may post %(num)d reply an hour.",
            "New members may post %(num)d replies an hour.",
            limit,
        )
        raise too_soon("body", message, recent[-1] + HOUR - now)


def _chain(replies_by_id: dict, reply_id: int | None):
    """The reply with this id and every reply above it."""
    while reply_id is not None and reply_id in replies_by_id:
        reply = replies_by_id[reply_id]
        yield reply
        reply_id = reply.parent_id


def check_slow_mode(thread: Thread, author, parent_id: int | None, now: datetime) -> None:
    """Slow mode on the thread, or automatic cooling on the branch being answered.

    A member's first reply in a thread is never delayed, so a lone dissenter is not silenced.
    """
    mine = select(Reply.id, Reply.parent_id, Reply.created_at).where(
        Reply.thread_id == thread.id, Reply.author_id == author.id
    )
    latest = db.session.scalar(
        select(func.max(Reply.created_at)).where(
            Reply.thread_id == thread.id, Reply.author_id == author.id
        )
    )
    if latest is None:
        return
    if thread.slow_mode_seconds and latest + timedelta(seconds=thread.slow_mode_seconds) > now:
        message = _(
            "This thread is in slow mode: one reply every %(interval)s.",
            interval=format_timedelta(timedelta(seconds=thread.slow_mode_seconds)),
        )
        raise too_soon("body", message, latest + timedelta(seconds=thread.slow_mode_seconds) - now)
    if parent_id is None:
        return
    cooling = db.session.scalar(
        select(func.count())
        .select_from(Reply)
        .where(Reply.thread_id == thread.id, Reply.cooling_until > now)
    )
    if not cooling:
        return
    rows = db.session.execute(
        select(Reply.id, Reply.parent_id, Reply.cooling_until, Reply.cooling_seconds).where(
            Reply.thread_id == thread.id
        )
    ).all()
    by_id = {row.id: row for row in rows}
    root = next(
        (row for row in _chain(by_id, parent_id) if row.cooling_until and row.cooling_until > now),
        None,
    )
    if root is None:
        return
    in_branch = [
        row.created_at
        for row in db.session.execute(mine)
        if any(above.id == root.id for above in _chain(by_id, row.id))
    ]
    interval = timedelta(seconds=root.cooling_seconds)
    if in_branch and max(in_branch) + interval > now:
        message = _(
            "This branch drew many reports, so it is cooling down: one reply every "
            "%(interval)s until %(until)s.",
            interval=format_timedelta(interval),
            until=format_timedelta(root.cooling_until - now, add_direction=True),
        )
        raise too_soon("body", message, max(in_branch) + interval - now)


def check_open(thread: Thread) -> None:
    """No new replies in a locked or hidden thread, from any page or script."""
    if thread.is_locked:
        raise ActionError(
            "body",
            _("Locked by moderators: %(reason)s", reason=thread.lock_reason),
            status=403,
        )
    if thread.is_hidden:
        raise ActionError("body", _("This thread was removed by moderators."), status=403)


def check_reply(thread: Thread, author, parent_id: int | None, rendered_html: str, now) -> None:
    """Every rule a new reply must meet; call with the author's and thread's rows locked."""
    if author.is_restricted:
        raise ActionError("body", _("Your account is suspended."), status=403)
    check_open(thread)
    check_links(author, rendered_html, now)
    check_reply_rate(author, now)
    check_slow_mode(thread, author, parent_id, now)
