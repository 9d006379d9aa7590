"""Atom feeds: new threads, a tag's threads, a thread's replies, a member's writing."""

from flask import Blueprint, abort, redirect, url_for

from ..accounts.queries import user_named
from ..extensions import db
from ..tags.queries import tag_or_404
from . import feed_queries as queries
from . import feeds

bp = Blueprint("feeds", __name__)


@bp.get("/feed.atom")
def new_threads():
    """The newest threads of the whole forum."""
    return feeds.new_threads_feed(queries.newest_threads())


@bp.get("/tags/<slug>/feed.atom")
def tag_threads(slug: str):
    """A tag's newest threads; an old slug or another case redirects for good, like its page."""
    tag = tag_or_404(slug)
    if slug != tag.slug:
        return redirect(url_for("feeds.tag_threads", slug=tag.slug), 301)
    return feeds.tag_feed(tag, queries.newest_threads(tag))


@bp.get("/t/<id:thread_id>/feed.atom")
def thread_replies(thread_id: int):
    """A thread's newest replies; a hidden thread's feed is gone (410), like its page."""
    thread = queries.visible_thread_or_404(thread_id)
    return feeds.thread_feed(thread, queries.newest_replies(thread))


@bp.get("/u/<username>/feed.atom")
def member_writing(username: str):
    """A member's newest threads and replies together."""
    user = db.one_or_404(user_named(username[:31]))
    if user.is_deleted:
        abort(404)  # like the profile: a deleted account's held name leads nowhere
    threads, replies = queries.member_writing(user)
    return feeds.member_feed(user, threads, replies, queries.FEED_SIZE)
