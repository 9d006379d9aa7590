"""Tags: the tag list, each tag's threads, and following a tag."""

from functools import partial

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from ..errors import BadInput
from ..threads.hooks import listing_filter, with_row_badges
from ..threads.queries import pinned_threads, thread_listing
from ..web import listing_page, wants_json
from . import actions, queries
from .models import FOLLOW_LEVELS

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
    # Muted tags hide their threads here too, except on the muted tag's own page.
    excluded = listing_filter.collect(current_user).get("excluded_tag_ids", set())
    hidden = excluded - {tag.id}
    level = queries.tag_level(current_user, tag)
    pinned = [] if request.args.get("after") else pinned_threads(tag, current_user, hidden)
    badges: dict = {}
    fetch = partial(thread_listing, tag, reader=current_user, excluded_tag_ids=hidden)
    return listing_page(
        "tags/show.html",
        with_row_badges(fetch, pinned, badges),
        tag=tag,
        pinned=pinned,
        row_badges=badges,
        tag_hidden=tag.id in excluded,
        level=level,
        levels=FOLLOW_LEVELS,
    )


@bp.post("/tags/<slug>/follow")
@login_required
def follow(slug: str):
    """Set the reader's level for a tag (`level`); without one, toggle following (old clients)."""
    tag = queries.tag_or_404(slug)
    if not FlaskForm().validate_on_submit():
        raise BadInput(_("Your form expired. Reload the page and try again."))
    chosen = request.form.get("level")
    if chosen is not None and chosen not in FOLLOW_LEVELS:
        raise BadInput(_("Choose watching, following, normal or muted."))
    level = actions.set_tag_level(current_user, tag, chosen)
    if wants_json():
        answer = {"following": level == "following"}
        return jsonify(answer if chosen is None else answer | {"level": level})
    return redirect(url_for("tags.show", slug=tag.slug))
