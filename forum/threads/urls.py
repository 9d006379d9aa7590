"""Where threads and replies are seen, for redirects after an action."""

from flask import url_for

from . import queries
from .tree import page_root_depth


def thread_url(thread, **kwargs) -> str:
    """The canonical address of a thread page."""
    return url_for("threads.show", thread_id=thread.id, slug=thread.slug, **kwargs)


def reply_url(reply) -> str:
    """Where a reply is seen: the thread page, or the "continue" page it falls on."""
    root_depth = page_root_depth(reply.depth)
    if root_depth is None:
        return thread_url(reply.thread, _anchor=f"p{reply.id}")
    root = queries.ancestor_at_depth(reply, root_depth)
    return url_for("threads.permalink", reply_id=root.id, _anchor=f"p{reply.id}")
