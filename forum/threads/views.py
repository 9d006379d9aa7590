"""Threads and replies: the home page, starting threads, reading, replying and editing."""

from functools import partial

from flask import Blueprint, flash, jsonify, redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from .. import limits
from ..accounts.hooks import profile_page
from ..errors import ActionError, BadInput, NotAllowed
from ..extensions import db
from ..markup import MarkupTooComplex, render_markdown
from ..tags.queries import tags_with_counts
from ..web import listing_page, render_form, requires, show_action_error, wants_json
from . import actions, queries
from .forms import (
    EditReplyForm,
    PreviewForm,
    ReplyForm,
    ThreadForm,
    parse_sources,
    parse_tag_slugs,
)
from .hooks import listing_filter, reply_list, thread_page, thread_read, with_row_badges
from .models import Reply, Thread
from .tree import LEVELS_PER_PAGE, ORDERS, ancestors, build_page, top_level_page
from .urls import reply_url, thread_url

bp = Blueprint("threads", __name__)

# Earlier versions may hold what an author removed on purpose (a phone number, say).
HISTORY_REFUSAL = _l("Earlier versions are shown only to the author and the moderators.")


@profile_page.register
def member_writing(user) -> dict:
    """A profile lists the member's recent threads and replies."""
    return {
        "threads": queries.user_threads(user, current_user),
        "replies": queries.user_replies(user, current_user),
    }


@bp.get("/")
def index():
    """Threads by latest activity, without those under the reader's muted tags."""
    hidden = listing_filter.collect(current_user).get("excluded_tag_ids", set())
    pinned = first_page_pins(None, hidden)
    fetch = partial(queries.thread_listing, None, reader=current_user, excluded_tag_ids=hidden)
    badges: dict = {}
    return listing_page(
        "threads/index.html",
        with_row_badges(fetch, pinned, badges),
        tag=None,
        pinned=pinned,
        row_badges=badges,
    )


def first_page_pins(tag, excluded_tag_ids=()) -> list:
    """Pinned threads show in a block above the first page of a listing only."""
    if request.args.get("after"):
        return []
    return queries.pinned_threads(tag, current_user, excluded_tag_ids)


def thread_form_page(form, editing=None):
    """The start/edit thread page, with the tag list to choose from."""
    return render_form(
        "threads/new.html",
        form,
        tags=tags_with_counts(),
        editing=editing,
        title_locked=bool(editing and editing.title_locked),
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
@limits.posting
def new_thread():
    """Start a thread."""
    form = ThreadForm()
    if form.validate_on_submit():
        try:
            thread = actions.start_thread(
                current_user,
                form.title.data,
                form.body.data,
                parse_tag_slugs(form.tags.data),
                form.kind.data,
                form.submission_key.data,
            )
        except ActionError as error:
            show_action_error(form, error)
        else:
            return redirect(thread_url(thread))
    if request.method == "GET" and request.args.get("tag"):
        form.tags.data = request.args["tag"][:40]
    return thread_form_page(form)


def chosen_order() -> str:
    """The reply order from ?sort=: best (the default), newest or oldest."""
    order = request.args.get("sort", "best")
    return order if order in ORDERS else "best"


def chosen_cursor() -> int | None:
    """The top-level reply a page of arguments continues after (?after=), if any."""
    after = request.args.get("after", "")
    if not after:
        return None
    if not (after.isascii() and after.isdigit() and len(after) <= 10):
        raise BadInput(_("That page link is not valid. Start again from the first page."))
    return int(after)


@bp.get("/t/<id:thread_id>")
@bp.get("/t/<id:thread_id>/<slug>")
def show(thread_id: int, slug: str | None = None):
    """A thread with one page of top-level replies, each down to the sixth level."""
    thread = queries.thread_or_404(thread_id)
    if slug != thread.slug:
        kept = {name: request.args[name] for name in ("sort", "after") if request.args.get(name)}
        return redirect(thread_url(thread, **kept), 301)
    order, after = chosen_order(), chosen_cursor()
    replies = queries.thread_replies(thread.id)
    try:
        top_level, next_after = top_level_page(replies, order, after)
    except ValueError:
        raise BadInput(_("That page link is not valid. Start again from the first page.")) from None
    page_values = thread_page.collect(thread, current_user)
    last_post_id = max((reply.id for reply in replies), default=0)
    first_new = first_new_reply(replies, page_values.get("last_read_id"))
    page = render_template(
        "threads/show.html",
        thread=thread,
        nodes=build_page(replies, order=order, top_level=top_level),
        order=order,
        orders=ORDERS,
        after=after,
        next_after=next_after,
        reply_form=ReplyForm(formdata=None),
        last_post_id=last_post_id,
        levels_per_page=LEVELS_PER_PAGE,
        needs_source=queries.marked_reply_ids(current_user, thread.id),
        first_new_url=reply_url(first_new) if first_new else None,
        **page_values,
        **reply_list.collect(thread, current_user),
    )
    # The reader's position moves on only once the page they were shown exists.
    thread_read.notify(thread, current_user, last_post_id)
    return page


def first_new_reply(replies: list[Reply], last_read_id: int | None) -> Reply | None:
    """The oldest live reply newer than the reader's last visit, if they visited before."""
    if last_read_id is None:
        return None
    fresh = [reply for reply in replies if reply.id > last_read_id and reply.is_live]
    return min(fresh, key=lambda reply: reply.id, default=None)


@bp.post("/t/<id:thread_id>/reply")
@login_required
@limits.posting
def reply(thread_id: int):
    """Post a reply under the thread or under one of its replies."""
    thread = queries.thread_or_404(thread_id)
    form = ReplyForm()
    status, headers = 400, {}
    if form.validate_on_submit():
        parent_id = int(form.parent_id.data) if form.parent_id.data else None
        try:
            new_reply = actions.post_reply(
                thread,
                current_user,
                form.body.data,
                parent_id,
                form.stance.data,
                parse_sources(form.sources.data),
                form.submission_key.data,
            )
        except ActionError as error:
            show_action_error(form, error)
            status, headers = error.status, error.headers
        else:
            return redirect(reply_url(new_reply))
    return render_template("threads/reply.html", thread=thread, form=form), status, headers


@bp.get("/p/<id:reply_id>")
def permalink(reply_id: int):
    """A reply and the replies under it: its permalink and the "continue this thread" page."""
    reply = db.get_or_404(Reply, reply_id)
    thread = queries.thread_or_404(reply.thread_id)
    replies = queries.thread_replies(thread.id)
    continues, order = reply.depth >= LEVELS_PER_PAGE, chosen_order()
    return render_template(
        "threads/permalink.html",
        thread=thread,
        post=reply,
        heading=_("Continue this thread") if continues else _("A reply"),
        above=ancestors(replies, reply.id),
        nodes=build_page(replies, root_id=reply.id, order=order),
        order=order,
        reply_form=ReplyForm(formdata=None),
        needs_source=queries.marked_reply_ids(current_user, thread.id),
        **reply_list.collect(thread, current_user),
    )


@bp.route("/t/<id:thread_id>/edit", methods=["GET", "POST"])
@requires(Thread, "can_edit")
@limits.posting
def edit_thread(thread: Thread):
    """Edit a thread's title, body and tags (author only)."""
    form = ThreadForm(
        data={
            "title": thread.title,
            "body": thread.body_source,
            "tags": thread.tag_text,
            "kind": thread.kind,
        }
    )
    if form.validate_on_submit():
        try:
            actions.edit_thread(
                thread,
                form.title.data,
                form.body.data,
                parse_tag_slugs(form.tags.data),
                form.kind.data,
            )
        except ActionError as error:
            show_action_error(form, error)
        else:
            flash(_("Thread updated."), "success")
            return redirect(thread_url(thread))
    return thread_form_page(form, editing=thread)


@bp.route("/p/<id:reply_id>/edit", methods=["GET", "POST"])
@requires(Reply, "can_edit")
@limits.posting
def edit_reply(reply: Reply):
    """Edit a reply's text (author only)."""
    form = EditReplyForm()
    if form.validate_on_submit():
        try:
            actions.edit_reply(reply, form.body.data, parse_sources(form.sources.data))
        except ActionError as error:
            show_action_error(form, error)
        else:
            flash(_("Reply updated."), "success")
            return redirect(reply_url(reply))
    if request.method == "GET":
        form.body.data = reply.body_source
        form.sources.data = reply.sources
    return render_form("threads/edit_reply.html", form, post=reply)


@bp.route("/p/<id:reply_id>/delete", methods=["GET", "POST"])
@requires(Reply, "can_edit")
def delete_reply(reply: Reply):
    """Ask before deleting a reply (GET), then delete it leaving a placeholder (author only)."""
    if request.method == "GET":
        return render_template("threads/delete_reply.html", post=reply)
    actions.delete_reply(reply)
    flash(_("Reply deleted."), "info")
    return redirect(reply_url(reply))


@bp.post("/p/<id:reply_id>/needs-source")
@requires(Reply, "can_vote", message=_l("You cannot mark your own or a deleted reply."))
def needs_source(reply: Reply):
    """Mark a reply as asserting a fact without a source, or take the mark back."""
    marked = actions.toggle_source_mark(current_user, reply)
    if wants_json():
        return jsonify(marked=marked, count=reply.needs_source_count)
    return redirect(reply_url(reply))


@bp.get("/t/<id:thread_id>/history")
def thread_history(thread_id: int):
    """Earlier versions of a thread: for its author and the moderators."""
    thread = queries.thread_or_404(thread_id)
    if not thread.can_see_history(current_user):
        raise NotAllowed(str(HISTORY_REFUSAL))
    return render_template(
        "threads/history.html",
        thread=thread,
        post=None,
        revisions=queries.revisions_of(thread=thread),
    )


@bp.get("/p/<id:reply_id>/history")
def reply_history(reply_id: int):
    """Earlier versions of a reply: for its author and the moderators."""
    reply = db.get_or_404(Reply, reply_id)
    queries.thread_or_404(reply.thread_id)
    if not reply.can_see_history(current_user):
        raise NotAllowed(str(HISTORY_REFUSAL))
    return render_template(
        "threads/history.html",
        thread=reply.thread,
        post=reply,
        revisions=queries.revisions_of(reply=reply),
    )


@bp.post("/preview")
@login_required
@limits.preview
def preview():
    """Render Markdown exactly as it would be posted, for the preview pane."""
    form = PreviewForm()
    if not form.validate_on_submit():
        raise BadInput(_("Nothing to preview, or too long to preview."))
    try:
        return jsonify(html=render_markdown(form.body.data or ""))
    except MarkupTooComplex as error:
        return jsonify(error=error.message), 400


@bp.get("/t/<id:thread_id>/since/<id:after_id>")
def replies_since(thread_id: int, after_id: int):
    """Replies newer than the ones a reader has, as ready-made HTML for the "new replies" bar."""
    thread = queries.thread_or_404(thread_id)
    replies = queries.replies_after(thread.id, after_id)
    html = ""
    if replies:
        html = render_template(
            "threads/_new_replies.html",
            thread=thread,
            posts=replies,
            needs_source=queries.marked_reply_ids(current_user, thread.id),
            **reply_list.collect(thread, current_user),
        )
    return jsonify(
        count=len(replies), last_id=max((r.id for r in replies), default=after_id), html=html
    )
