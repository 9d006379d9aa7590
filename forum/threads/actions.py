"""Writes about threads and replies: each performs one intention as one transaction."""

from __future__ import annotations

import re
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..database import lock_row, refusal_rolls_back, toggle_row, utcnow
from ..errors import ActionError
from ..extensions import db
from ..tags.models import Tag
from ..tags.queries import closest_tags, tags_for_slugs
from . import queries, rules
from .hooks import reply_posted, thread_started
from .models import Reply, Revision, SourceMark, Thread, argument_side

# Sending the same text to the same place again within this time is taken as a resend.
RESEND_WINDOW = timedelta(minutes=30)


def slugify(title: str) -> str:
    """A short URL-friendly version of a title."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:80].rstrip("-") or "thread"


def resolve_tags(slugs: list[str]) -> list[Tag]:
    """The tags with these slugs (or old slugs), in order; unknown ones name the nearest tags."""
    found = tags_for_slugs(slugs)
    unknown = sorted(set(slugs) - set(found))
    if unknown:
        words, nearest = ", ".join(unknown), closest_tags(unknown)
        if not nearest:
            message = _("Unknown tag: %(tags)s. Pick tags from the tag list.", tags=words)
        else:
            message = _(
                "Unknown tag: %(tags)s. Did you mean: %(nearest)s? Pick tags from the tag list.",
                tags=words,
                nearest=", ".join(nearest),
            )
        raise ActionError("tags", message)
    # An old slug and the tag's own slug typed together are one tag.
    return list({found[slug].id: found[slug] for slug in slugs}.values())


def _commit_once(item, author, submission_key: str | None):
    """Commit a new thread or reply; if its submission key won a race elsewhere, return
    the one already made instead (the unique key is the last line of defence)."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        earlier = submission_key and queries.made_with_key(type(item), author, submission_key)
        if not earlier:
            raise
        return earlier
    return item


@refusal_rolls_back
def start_thread(
    author,
    title: str,
    body: str,
    tag_slugs: list[str],
    kind: str = "motion",
    submission_key: str | None = None,
) -> Thread:
    """Open a new motion or discussion under existing tags.

    A form sent again (the same submission key, or the same title and text soon after) gets
    the thread it already made.
    """
    lock_row(User.role, author.id)
    earlier = queries.made_with_key(Thread, author, submission_key) if submission_key else None
    earlier = earlier or queries.recent_twin_thread(
        author, title.strip(), body, utcnow() - RESEND_WINDOW
    )
    if earlier is not None:
        db.session.rollback()
        return earlier
    tags = resolve_tags(tag_slugs)
    now = utcnow()
    if author.is_restricted:
        raise ActionError("body", _("Your account is suspended."), status=403)
    thread = Thread(
        submission_key=submission_key or None,
        title=title.strip(),
        slug=slugify(title),
        author=author,
        created_at=now,
        last_activity_at=now,
        tags=tags,
        kind=kind,
    )
    thread.set_body(body)
    rules.check_links(author, thread.body_html, now)
    db.session.add(thread)
    db.session.flush()
    thread_started.notify(thread)
    return _commit_once(thread, author, submission_key)


def keep_thread_version(thread: Thread, editor=None) -> None:
    """Keep the thread as it is now in its history (with the moderator who changed it, if
    it was not its author), in the caller's transaction."""
    db.session.add(
        Revision(
            thread_id=thread.id,
            title=thread.title,
            tag_text=thread.tag_text,
            body_source=thread.body_source,
            editor_id=editor.id if editor is not None else None,
        )
    )


@refusal_rolls_back
def edit_thread(
    thread: Thread, title: str, body: str, tag_slugs: list[str], kind: str | None = None
) -> None:
    """Change a thread's title, body, tags and kind, keeping the old version as a revision.

    Once readers have taken sides on a motion, its wording and kind stay as they chose them.
    """
    tags = resolve_tags(tag_slugs)
    title = title.strip()
    kind = kind or thread.kind
    if thread.title_locked and (title != thread.title or kind != thread.kind):
        raise ActionError(
            "title",
            _("Readers have taken sides on this motion, so its wording can no longer change."),
        )
    unchanged_tags = {tag.id for tag in tags} == {tag.id for tag in thread.tags}
    unchanged = title == thread.title and body == thread.body_source and kind == thread.kind
    if unchanged and unchanged_tags:
        return
    keep_thread_version(thread)
    thread.title = title
    thread.slug = slugify(title)
    thread.set_body(body)
    rules.check_links(thread.author, thread.body_html, utcnow())
    thread.tags = tags
    if kind != thread.kind:
        thread.kind = kind
        _store_sides(thread)
    thread.edited_at = utcnow()
    db.session.commit()


def _store_sides(thread: Thread) -> None:
    """Work out every reply's side again (parents first), after a thread changed kind."""
    replies = sorted(queries.thread_replies(thread.id), key=lambda reply: (reply.depth, reply.id))
    sides: dict[int, str | None] = {}
    for reply in replies:
        side = None
        if thread.is_motion:
            side = argument_side(reply.stance, sides.get(reply.parent_id), reply.parent_id is None)
        sides[reply.id] = reply.side = side


@refusal_rolls_back
def post_reply(
    thread: Thread,
    author,
    body: str,
    parent_id: int | None,
    stance: str,
    sources: list[str] | None = None,
    submission_key: str | None = None,
) -> Reply:
    """Add a reply under the thread or under one of its replies, with its side on the motion.

    The author's and the thread's rows are locked first, so a lock, a limit or slow mode
    holds against concurrent sends, and a form sent again (the same submission key, or the
    same text in the same place soon after: Back and resend, a double click) gets the reply it
    already made.
    """
    lock_row(User.role, author.id)
    earlier = queries.made_with_key(Reply, author, submission_key) if submission_key else None
    earlier = earlier or queries.recent_twin(
        author, thread.id, parent_id, body, utcnow() - RESEND_WINDOW
    )
    if earlier is not None:
        db.session.rollback()
        return earlier
    lock_row(Thread.reply_count, thread.id)
    db.session.refresh(thread)
    depth, parent = 1, None
    if parent_id is not None:
        parent = queries.reply_in_thread(thread, parent_id)
        if parent is None:
            raise ActionError("parent_id", _("The reply you are answering is not in this thread."))
        if not parent.is_live:
            raise ActionError("parent_id", _("The reply you are answering was removed."))
        depth = parent.depth + 1
    now = utcnow()
    reply = Reply(
        thread_id=thread.id,
        parent_id=parent_id,
        author=author,
        depth=depth,
        stance=stance or None,
        side=argument_side(stance, parent and parent.side, parent is None)
        if thread.is_motion
        else None,
        sources="\n".join(sources or []),
        created_at=now,
        submission_key=submission_key or None,
    )
    reply.set_body(body)
    rules.check_reply(thread, author, parent_id, reply.body_html, now)
    db.session.add(reply)
    db.session.execute(
        update(Thread)
        .where(Thread.id == thread.id)
        .values(reply_count=Thread.reply_count + 1, last_activity_at=now)
    )
    db.session.flush()
    reply_posted.notify(reply)
    return _commit_once(reply, author, submission_key)


@refusal_rolls_back
def edit_reply(reply: Reply, body: str, sources: list[str] | None = None) -> None:
    """Change a reply's text and sources, keeping the old text as a revision.

    Adding a source answers the "needs a source" marks, so they are cleared.
    """
    sources = reply.source_list if sources is None else sources
    if body == reply.body_source and sources == reply.source_list:
        return
    if set(sources) - set(reply.source_list):
        db.session.execute(delete(SourceMark).where(SourceMark.post_id == reply.id))
        reply.needs_source_count = 0
    if body != reply.body_source:
        db.session.add(Revision(post_id=reply.id, body_source=reply.body_source))
        reply.set_body(body)
        rules.check_links(reply.author, reply.body_html, utcnow())
        reply.edited_at = utcnow()
    reply.sources = "\n".join(sources)
    db.session.commit()


def toggle_source_mark(user, reply: Reply) -> bool:
    """Mark a reply as needing a source, or take the mark back; True when now marked."""
    if not reply.is_live:
        raise ActionError("reply", _("This reply was deleted."))
    removed = toggle_row(SourceMark, user_id=user.id, post_id=reply.id)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()  # a concurrent click marked it first; that mark stands
        return True
    change = -1 if removed else 1
    db.session.execute(
        update(Reply)
        .where(Reply.id == reply.id)
        .values(needs_source_count=Reply.needs_source_count + change)
    )
    db.session.commit()
    db.session.refresh(reply)
    return not removed


def delete_reply(reply: Reply) -> None:
    """Soft-delete a reply: its text and history go, a placeholder keeps its children in place."""
    remove_reply(reply)
    db.session.commit()


def remove_reply(reply: Reply) -> None:
    """Soft-delete a reply in the caller's transaction (see delete_reply)."""
    db.session.execute(delete(Revision).where(Revision.post_id == reply.id))
    reply.deleted_at = utcnow()
    reply.set_body("")
    reply.sources = ""
    db.session.execute(
        update(Thread)
        .where(Thread.id == reply.thread_id)
        .values(reply_count=Thread.reply_count - 1)
    )
