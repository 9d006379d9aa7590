"""Tags: the tag list, each tag's threads, and following a tag."""

from functools import partial

from flask import Blueprint, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from ..errors import BadInput
from ..extensions import db
from ..threads.queries import thread_listing
from ..web import listing_page, wants_json
from . import actions, queries

bp = Blueprint("tags", __name__)


@bp.get("/tags")
def index():
    """Every tag with its description and thread count."""
    return render_template("tags/index.html", tags=queries.tags_with_counts())


@bp.get("/tags/<slug>")
def show(slug: str):
    """A tag's threads by latest activity."""
    tag = db.one_or_404(queries.tag_named(slug))
    if slug != tag.slug:
        return redirect(url_for("tags.show", slug=tag.slug), 301)
    return listing_page(
        "tags/show.html",
        partial(thread_listing, tag),
        tag=tag,
        following=queries.follows_tag(current_user, tag),
    )


@bp.post("/tags/<slug>/follow")
@login_required
def follow(slug: str):
    """Follow a tag, or stop following it."""
    tag = db.one_or_404(queries.tag_named(slug))
    if not FlaskForm().validate_on_submit():
        raise BadInput(_("Your form expired. Reload the page and try again."))
    following = actions.toggle_tag_follow(current_user, tag)
    if wants_json():
        return jsonify(following=following)
    return redirect(url_for("tags.show", slug=tag.slug))
