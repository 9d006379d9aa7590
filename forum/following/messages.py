"""What each notification says and where it leads, worked out before the page is rendered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ..moderation.models import ACTION_LABELS
from ..pagination import KeysetPage
from ..threads.models import Thread
from ..threads.urls import reply_url, thread_url
from .models import Notification


@dataclass
class FeedItem:
    """A thread in the feed with the count of replies new to the reader (None: never opened)."""

    thread: Thread
    unread: int | None

    @property
    def unread_label(self) -> str:
        """The thread's badge: see unread_label()."""
        return unread_label(self.unread)


def unread_label(unread: int | None) -> str:
    """ "new" for a thread never opened, "3 new" for new replies, nothing when all is read."""
    if unread is None:
        return _("new")
    return ngettext("%(num)d new", "%(num)d new", unread) if unread else ""


@dataclass
class NotificationRow:
    """One line of the notifications page."""

    id: int
    text: str
    url: str
    unread: bool
    created_at: datetime


def notification_text(item: Notification) -> str:
    """The sentence for a notification, batched counts included."""
    title = item.thread.title if item.thread is not None else ""
    name = item.actor.display_name if item.actor is not None else ""
    if item.kind == "reply":
        if item.count > 1:
            return ngettext(
                "%(num)d new reply to you in “%(title)s”",
                "%(num)d new replies to you in “%(title)s”",
                item.count,
                title=title,
            )
        return _("%(name)s replied to you in “%(title)s”", name=name, title=title)
    if item.kind == "watched_reply":
        if item.count > 1:
            return ngettext(
                "%(num)d new reply in “%(title)s”",
                "%(num)d new replies in “%(title)s”",
                item.count,
                title=title,
            )
        return _("%(name)s replied in “%(title)s”", name=name, title=title)
    if item.kind == "mention":
        return _("%(name)s mentioned you in “%(title)s”", name=name, title=title)
    if item.kind == "new_thread":
        return _("%(name)s started “%(title)s” in a tag you watch", name=name, title=title)
    action = str(ACTION_LABELS.get(item.action.action, "")) if item.action is not None else ""
    if item.kind == "report":
        return _(
            "Moderators decided on your report about “%(title)s”: %(action)s",
            title=title,
            action=action,
        )
    return _(
        "Moderators acted on your writing in “%(title)s”: %(action)s", title=title, action=action
    )


def notification_url(item: Notification) -> str:
    """Where a notification leads: the exact reply, the thread, or the public moderation log."""
    if item.thread is None or item.thread.is_hidden and item.kind != "moderation":
        return url_for("conduct.log")
    if item.reply is not None and item.reply.is_live:
        return reply_url(item.reply)
    return thread_url(item.thread)


def notification_rows(page: KeysetPage) -> KeysetPage:
    """The page with each notification turned into its sentence and link."""
    page.items = [
        NotificationRow(
            item.id,
            notification_text(item),
            notification_url(item),
            item.is_unread,
            item.created_at,
        )
        for item in page.items
    ]
    return page
