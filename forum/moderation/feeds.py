"""The public moderation log as an Atom 1.0 feed, written by feedgen."""

from flask import url_for
from flask_babel import gettext as _

from ..atom import Entry, atom_document
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
    entries = [
        Entry(
            id=f"{log_url}#action-{row.id}",
            link=f"{log_url}#action-{row.id}",
            title=action_title(row),
            author=row.moderator.username if row.moderator else "Counterpoint",
            published=row.created_at,
            updated=row.created_at,
            summary=action_summary(row),
        )
        for row in rows
    ]
    return atom_document(
        title=_("Counterpoint moderation log"),
        subtitle=_("Every moderator and system action, with its reason."),
        page_url=log_url,
        self_url=base + url_for("conduct.log_feed"),
        entries=entries,
    )
