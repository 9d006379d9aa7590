"""Atom 1.0 documents written by feedgen, and answers that feed readers can poll cheaply."""

from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator
from flask import Response, current_app, request, url_for

# An empty feed still needs an <updated>: a fixed date keeps its ETag the same between polls.
EMPTY_FEED_UPDATED = datetime(2023, 1, 1, tzinfo=UTC)
# Feed readers poll every few minutes; five minutes of caching spares the database most polls.
MAX_AGE = 300


def public_url(endpoint: str, **values) -> str:
    """An absolute address on PUBLIC_URL, never the request's Host (which a client chooses)."""
    return current_app.config["PUBLIC_URL"].rstrip("/") + url_for(endpoint, **values)


@dataclass(frozen=True)
class Entry:
    """One item of a feed, with absolute addresses; `id` never changes, `link` may."""

    id: str
    link: str
    title: str
    author: str
    published: datetime
    updated: datetime
    content_html: str = ""
    summary: str = ""
    categories: tuple[tuple[str, str], ...] = ()


def atom_document(
    *,
    title: str,
    subtitle: str,
    page_url: str,
    self_url: str,
    entries: list[Entry],
    feed_id: str = "",
) -> bytes:
    """An Atom feed of entries (newest first); its id is the page's address unless given."""
    feed = FeedGenerator()
    feed.id(feed_id or page_url)
    feed.title(title)
    feed.subtitle(subtitle)
    feed.link(href=page_url, rel="alternate")
    feed.link(href=self_url, rel="self")
    feed.updated(last_updated(entries) or EMPTY_FEED_UPDATED)
    for item in entries:
        entry = feed.add_entry(order="append")
        entry.id(item.id)
        entry.title(item.title)
        entry.link(href=item.link)
        entry.author({"name": item.author})
        entry.published(item.published)
        entry.updated(item.updated)
        if item.content_html:
            entry.content(item.content_html, type="html")
        if item.summary:
            entry.summary(item.summary)
        for term, label in item.categories:
            entry.category(term=term, label=label)
    return feed.atom_str(pretty=True)


def last_updated(entries: list[Entry]) -> datetime | None:
    """When the newest entry last changed, or None for an empty feed."""
    return max((entry.updated for entry in entries), default=None)


def atom_response(document: bytes, last_modified: datetime | None) -> Response:
    """The feed, cacheable for a few minutes, or a bodiless 304 when the reader's copy is current.

    The ETag covers the whole document (titles are in the reader's language), so it changes
    when an entry is removed too, which Last-Modified alone would miss.
    """
    response = current_app.response_class(document, mimetype="application/atom+xml")
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    response.vary.update(("Accept-Language", "Cookie"))
    response.add_etag()
    if last_modified is not None:
        response.last_modified = last_modified
    return response.make_conditional(request)
