"""The forum's Atom feeds: new threads, a tag's threads, a thread's replies, a member's writing."""

from __future__ import annotations

from flask import Response
from flask_babel import gettext as _

from ..accounts.models import User
from ..atom import Entry, atom_document, atom_response, last_updated, public_url
from ..tags.models import Tag
from ..threads.models import Reply, Thread


def thread_entry(thread: Thread) -> Entry:
    """A thread as an entry: its title, opening post and tags (tags loaded with the thread)."""
    return Entry(
        # The address without the slug: a retitled thread stays the same entry.
        id=public_url("threads.show", thread_id=thread.id),
        link=public_url("threads.show", thread_id=thread.id, slug=thread.slug),
        title=thread.title,
        author=thread.author.display_name,
        published=thread.created_at,
        updated=thread.edited_at or thread.created_at,
        content_html=thread.body_html,
        categories=tuple((tag.slug, tag.name) for tag in thread.tags),
    )


def reply_entry(reply: Reply, thread: Thread, author: User) -> Entry:
    """A reply as an entry, linked to its permalink, titled with its author and thread."""
    link = public_url("threads.permalink", reply_id=reply.id)
    return Entry(
        id=link,
        link=link,
        title=_(
            "%(author)s replied to “%(title)s”", author=author.display_name, title=thread.title
        ),
        author=author.display_name,
        published=reply.created_at,
        updated=reply.edited_at or reply.created_at,
        content_html=reply.body_html,
    )


def feed_response(
    title: str,
    subtitle: str,
    page_url: str,
    self_url: str,
    entries: list[Entry],
    feed_id: str = "",
) -> Response:
    """The Atom document of these entries, answered with caching and validators."""
    document = atom_document(
        title=title,
        subtitle=subtitle,
        page_url=page_url,
        self_url=self_url,
        entries=entries,
        feed_id=feed_id,
    )
    return atom_response(document, last_updated(entries))


def new_threads_feed(threads: list[Thread]) -> Response:
    """The forum's newest threads."""
    return feed_response(
        _("Counterpoint: new threads"),
        _("The newest threads on Counterpoint, with their opening posts."),
        public_url("threads.index"),
        public_url("feeds.new_threads"),
        [thread_entry(thread) for thread in threads],
    )


def tag_feed(tag: Tag, threads: list[Thread]) -> Response:
    """A tag's newest threads."""
    return feed_response(
        _("Counterpoint: threads tagged #%(tag)s", tag=tag.slug),
        tag.description or _("The newest threads tagged #%(tag)s.", tag=tag.slug),
        public_url("tags.show", slug=tag.slug),
        public_url("feeds.tag_threads", slug=tag.slug),
        [thread_entry(thread) for thread in threads],
    )


def thread_feed(thread: Thread, replies: list[Reply]) -> Response:
    """A thread's newest replies."""
    return feed_response(
        _("Replies to “%(title)s”", title=thread.title),
        _("The newest replies to this thread on Counterpoint."),
        public_url("threads.show", thread_id=thread.id, slug=thread.slug),
        public_url("feeds.thread_replies", thread_id=thread.id),
        [reply_entry(reply, thread, reply.author) for reply in replies],
        feed_id=public_url("threads.show", thread_id=thread.id),
    )


def member_feed(user: User, threads: list[Thread], replies: list[Reply], limit: int) -> Response:
    """A member's newest threads and replies together, the newest `limit` of them."""
    entries = [thread_entry(thread) for thread in threads]
    entries += [reply_entry(reply, reply.thread, user) for reply in replies]
    entries.sort(key=lambda entry: entry.published, reverse=True)
    return feed_response(
        _("Threads and replies by %(name)s", name=user.username),
        _("What %(name)s has written on Counterpoint.", name=user.username),
        public_url("people.profile", username=user.username),
        public_url("feeds.member_writing", username=user.username),
        entries[:limit],
    )
