"""Threads and replies: the home page, starting threads, reading, replying, editing, voting."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from . import actions, queries
from .errors import BadInput, render_error
from .forms import EditReplyForm, PositionForm, PreviewForm, ReplyForm, ThreadForm, parse_tag_slugs
from .markup import render_markdown
from .tree import LEVELS_PER_PAGE, ancestors, build_page, page_root_depth
from .web import show_action_error, wants_json

bp = Blueprint("threads", __name__)


def get_thread_or_404(thread_id: int):
    """The thread with this id, its author and tags loaded, or a 404 page."""
    thread = queries.thread_with_author(thread_id)
    if thread is None:
        abort(404)
    return thread


def get_post_or_404(post_id: int):
    """The reply with this id, or a 404 page."""
    post = queries.post_by_id(post_id)
    if post is None:
        abort(404)
    return post


def listing_page(template: str, tag=None, **context):
    """Render a page of threads by activity, reading the keyset cursor from ?after=."""
    cursor = request.args.get("after", "")
    try:
        page = queries.thread_listing(tag, cursor or None, current_app.config["THREADS_PER_PAGE"])
    except queries.BadCursor:
        raise BadInput("That page link is not valid. Start again from the first page.") from None
    return render_template(template, page=page, tag=tag, **context)


@bp.get("/")
def index():
    """Threads by latest activity."""
    return listing_page("threads/index.html")


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new_thread():
    """Start a thread."""
    form = ThreadForm()
    if form.validate_on_submit():
        try:
            thread = actions.start_thread(
                current_user, form.title.data, form.body.data, parse_tag_slugs(form.tags.data)
            )
        except actions.ActionError as error:
            show_action_error(form, error)
        else:
            return redirect(url_for("threads.show", thread_id=thread.id, slug=thread.slug))
    if request.method == "GET" and request.args.get("tag"):
        form.tags.data = request.args["tag"][:40]
    tags = queries.tags_with_counts()
    return render_template(
        "threads/new.html", form=form, tags=tags, editing=None
    ), 400 if form.errors else 200


@bp.get("/t/<id:thread_id>")
@bp.get("/t/<id:thread_id>/<slug>")
def show(thread_id: int, slug: str | None = None):
    """A thread with its replies down to the sixth level."""
    thread = get_thread_or_404(thread_id)
    if slug != thread.slug:
        return redirect(url_for("threads.show", thread_id=thread.id, slug=thread.slug), 301)
    posts = queries.thread_replies(thread.id)
    return render_template(
        "threads/show.html",
        thread=thread,
        nodes=build_page(posts),
        voted=queries.voted_post_ids(current_user, thread.id),
        tally=queries.position_tally(thread.id, current_user),
        reply_form=ReplyForm(formdata=None),
        last_post_id=max((post.id for post in posts), default=0),
        levels_per_page=LEVELS_PER_PAGE,
    )


@bp.post("/t/<id:thread_id>/reply")
@login_required
def reply(thread_id: int):
    """Post a reply under the thread or under one of its replies."""
    thread = get_thread_or_404(thread_id)
    form = ReplyForm()
    if form.validate_on_submit():
        parent_id = int(form.parent_id.data) if form.parent_id.data else None
        try:
            post = actions.post_reply(
                thread, current_user, form.body.data, parent_id, form.stance.data
            )
        except actions.ActionError as error:
            show_action_error(form, error)
        else:
            return redirect(reply_url(post))
    return render_template("threads/reply.html", thread=thread, form=form), 400


def reply_url(post) -> str:
    """Where a reply is seen: the thread page, or the "continue" page it falls on."""
    root_depth = page_root_depth(post.depth)
    if root_depth is None:
        return url_for(
            "threads.show", thread_id=post.thread_id, slug=post.thread.slug, _anchor=f"p{post.id}"
        )
    root = queries.ancestor_at_depth(post, root_depth)
    return url_for("threads.permalink", post_id=root.id, _anchor=f"p{post.id}")


@bp.get("/p/<id:post_id>")
def permalink(post_id: int):
    """A reply and the replies under it: its permalink and the "continue this thread" page."""
    post = get_post_or_404(post_id)
    thread = get_thread_or_404(post.thread_id)
    posts = queries.thread_replies(thread.id)
    continues = post.depth >= LEVELS_PER_PAGE
    return render_template(
        "threads/permalink.html",
        thread=thread,
        post=post,
        heading="Continue this thread" if continues else "A reply",
        above=ancestors(posts, post.id),
        nodes=build_page(posts, root_id=post.id),
        voted=queries.voted_post_ids(current_user, thread.id),
        reply_form=ReplyForm(formdata=None),
    )


@bp.route("/t/<id:thread_id>/edit", methods=["GET", "POST"])
@login_required
def edit_thread(thread_id: int):
    """Edit a thread's title, body and tags (author only)."""
    thread = get_thread_or_404(thread_id)
    if not thread.can_edit(current_user):
        abort(403)
    form = ThreadForm(
        data={"title": thread.title, "body": thread.body_source, "tags": thread.tag_text}
    )
    if form.validate_on_submit():
        try:
            actions.edit_thread(
                thread, form.title.data, form.body.data, parse_tag_slugs(form.tags.data)
            )
        except actions.ActionError as error:
            show_action_error(form, error)
        else:
            flash("Thread updated.", "success")
            return redirect(url_for("threads.show", thread_id=thread.id, slug=thread.slug))
    return render_template(
        "threads/new.html", form=form, tags=queries.tags_with_counts(), editing=thread
    ), 400 if form.errors else 200


@bp.route("/p/<id:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit_reply(post_id: int):
    """Edit a reply's text (author only)."""
    post = get_post_or_404(post_id)
    if not post.can_edit(current_user):
        abort(403)
    form = EditReplyForm()
    if form.validate_on_submit():
        actions.edit_reply(post, form.body.data)
        flash("Reply updated.", "success")
        return redirect(reply_url(post))
    if request.method == "GET":
        form.body.data = post.body_source
    return render_template("threads/edit_reply.html", form=form, post=post), (
        400 if form.errors else 200
    )


@bp.route("/p/<id:post_id>/delete", methods=["GET", "POST"])
@login_required
def delete_reply(post_id: int):
    """Ask before deleting a reply (GET), then delete it leaving a placeholder (author only)."""
    post = get_post_or_404(post_id)
    if not post.can_edit(current_user):
        abort(403)
    if request.method == "GET":
        return render_template("threads/delete_reply.html", post=post)
    actions.delete_reply(post)
    flash("Reply deleted.", "info")
    return redirect(reply_url(post))


@bp.get("/t/<id:thread_id>/history")
def thread_history(thread_id: int):
    """Earlier versions of a thread."""
    thread = get_thread_or_404(thread_id)
    return render_template(
        "threads/history.html",
        thread=thread,
        post=None,
        revisions=queries.revisions_of(thread=thread),
    )


@bp.get("/p/<id:post_id>/history")
def reply_history(post_id: int):
    """Earlier versions of a reply."""
    post = get_post_or_404(post_id)
    return render_template(
        "threads/history.html",
        thread=post.thread,
        post=post,
        revisions=queries.revisions_of(post=post),
    )


@bp.post("/p/<id:post_id>/vote")
@login_required
def vote(post_id: int):
    """Mark a reply as convincing, or take the mark back."""
    post = get_post_or_404(post_id)
    if not post.can_vote(current_user):
        return render_error(403, "You cannot vote for your own or a deleted reply.")
    voted = actions.toggle_vote(current_user, post)
    if wants_json():
        return jsonify(voted=voted, count=post.vote_count)
    return redirect(reply_url(post))


@bp.post("/t/<id:thread_id>/position")
@login_required
def position(thread_id: int):
    """Stand for or against a thread's motion, or become undecided again."""
    thread = get_thread_or_404(thread_id)
    form = PositionForm()
    if not form.validate_on_submit():
        raise BadInput("Choose for, against or undecided.")
    actions.set_position(current_user, thread, form.side.data or "")
    if wants_json():
        tally = queries.position_tally(thread.id, current_user)
        return jsonify(
            side=tally.mine, for_count=tally.for_count, against_count=tally.against_count
        )
    return redirect(
        url_for("threads.show", thread_id=thread.id, slug=thread.slug, _anchor="motion")
    )


@bp.post("/preview")
@login_required
def preview():
    """Render Markdown exactly as it would be posted, for the preview pane."""
    form = PreviewForm()
    if not form.validate_on_submit():
        raise BadInput("Nothing to preview, or too long to preview.")
    return jsonify(html=render_markdown(form.body.data or ""))


@bp.get("/t/<id:thread_id>/since/<id:after_id>")
def replies_since(thread_id: int, after_id: int):
    """Replies newer than the ones a reader has, as ready-made HTML for the "new replies" bar."""
    thread = get_thread_or_404(thread_id)
    posts = queries.replies_after(thread.id, after_id)
    voted = queries.voted_post_ids(current_user, thread.id) if posts else set()
    html = (
        render_template("threads/_new_replies.html", thread=thread, posts=posts, voted=voted)
        if posts
        else ""
    )
    return jsonify(
        count=len(posts), last_id=max((p.id for p in posts), default=after_id), html=html
    )
