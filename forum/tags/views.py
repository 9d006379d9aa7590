"""Tags: the tag list, each tag's threads, and following a tag."""

from functools import partial

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from ..errors import BadInput
from ..threads.queries import pinned_threads, thread_listing
from ..web import listing_page, wants_json
from . import actions, queries

bp = Blueprint("tags", __name__)


@bp.get("/tags")
def index():
    """Every tag with its description and thread count."""
    return render_template("tags/index.html", tags=queries.tags_with_counts())


@bp.get("/tags/<slug>")
def show(slug: str):
    """A tag's threads by latest activity; an old slug or another case redirects for good."""
    tag = queries.tag_or_404(slug)
    if slug != tag.slug:
        return redirect(url_for("tags.show", slug=tag.slug), 301)
    return listing_page(
        "tags/show.html",
        partial(thread_listing, tag, reader=current_user),
        tag=tag,
        pinned=[] if request.args.get("after") else pinned_threads(tag, current_user),
        following=queries.follows_tag(current_user, tag),
    )


@bp.post("/tags/<slug>/follow")
@login_required
def follow(slug: str):
    """Follow a tag, or stop following it."""
    tag = queries.tag_or_404(slug)
    if not FlaskForm().validate_on_submit():
        raise BadInput(_("Your form expired. Reload the page and try again."))
    following = actions.toggle_tag_follow(current_user, tag)
    if wants_json():
        return jsonify(following=following)
    return redirect(url_for("tags.show", slug=tag.slug))
