"""The public moderation log as an Atom 1.0 feed, written by feedgen."""

from feedgen.feed import FeedGenerator
from flask import url_for
from flask_babel import gettext as _

from .models import ModerationAction


def action_title(action: ModerationAction) -> str:
    """One line saying who did what: "mod_carol: Locked", "Counterpoint: Automatic cooling"."""
    who = action.moderator.username if action.moderator else "Counterpoint"
    return f"{who}: {action.label}"


def action_summary(action: ModerationAction) -> str:
    """The reason and what changed, as plain text (hidden content is never quoted)."""
    parts = [_("Reason: %(reason)s", reason=action.reason)]
    if action.detail:
        parts.append(action.detail)
    if action.participant:
        parts.append(_("The moderator had taken part in this thread."))
    return " · ".join(parts)


def log_feed(rows: list[ModerationAction], public_url: str) -> bytes:
    """An Atom document of the newest log rows, with links built from PUBLIC_URL."""
    base = public_url.rstrip("/")
    log_url = base + url_for("conduct.log")
    feed = FeedGenerator()
    feed.id(log_url)
    feed.title(_("Counterpoint moderation log"))
    feed.subtitle(_("Every moderator and system action, with its reason."))
    feed.link(href=log_url, rel="alternate")
    feed.link(href=base + url_for("conduct.log_feed"), rel="self")
    if rows:
        feed.updated(rows[0].created_at)
    for row in reversed(rows):
        entry = feed.add_entry()
        entry.id(f"{log_url}#action-{row.id}")
        entry.title(action_title(row))
        entry.summary(action_summary(row))
        entry.link(href=f"{log_url}#action-{row.id}")
        entry.published(row.created_at)
        entry.updated(row.created_at)
        entry.author({"name": row.moderator.username if row.moderator else "Counterpoint"})
    return feed.atom_str(pretty=True)
