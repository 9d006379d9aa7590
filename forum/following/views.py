"""Pages of the following area: follow levels, the feed, notifications and their settings."""

from __future__ import annotations

from flask import Blueprint, flash, g, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from ..errors import BadInput
from ..tags.queries import tag_or_404
from ..threads.hooks import listing_filter, thread_page, thread_read, thread_rows
from ..threads.queries import thread_or_404
from ..threads.urls import thread_url
from ..web import listing_page, safe_next, wants_json
from . import actions, notify, queries  # noqa: F401 - notify registers the event hooks
from .forms import FollowingSettingsForm, HideTagForm, LevelForm
from .messages import notification_rows, unread_label
from .models import LEVELS

bp = Blueprint("following", __name__)

# A year: the visitor's choice lasts like a preference, not a session.
COOKIE_AGE = 365 * 24 * 3600
EXPIRED = _("Your form expired. Reload the page and try again.")


@thread_page.register
def reader_position(thread, reader) -> dict:
    """The reader's follow level and how far they had read, before this visit."""
    if not reader.is_authenticated:
        return {}
    level, last_read_id = queries.level_and_position(reader, thread.id)
    g.last_read_id = last_read_id
    return {
        "last_read_id": last_read_id,
        "follow_level": level,
        "follow_levels": LEVELS,
    }


@thread_read.register
def remember_position(thread, reader, last_post_id: int) -> None:
    """A signed-in member's read position moves on when they open the thread page."""
    if reader.is_authenticated:
        previous = g.pop("last_read_id", None)
        actions.mark_thread_read(reader, thread.id, previous, last_post_id)


@listing_filter.register
def muted_tags(reader) -> dict:
    """Tags the reader muted (a member) or hid with the cookie (a visitor)."""
    return {
        "excluded_tag_ids": queries.muted_tag_ids(
            reader, request.cookies.get(queries.HIDDEN_TAGS_COOKIE)
        )
    }


@thread_rows.register
def unread_badges(threads, reader) -> dict:
    """ "new" or "3 new" for each listed thread, for members (one query per page)."""
    if not reader.is_authenticated:
        return {}
    counts = queries.unread_counts(reader, threads)
    labels = {thread_id: unread_label(count) for thread_id, count in counts.items()}
    return {thread_id: label for thread_id, label in labels.items() if label}


@bp.app_context_processor
def navigation_values() -> dict:
    """The unread notification count for the navigation: one query for members, none else."""
    return {"notification_count": unread_count, "following_settings": settings_form}


def unread_count() -> int:
    """The signed-in member's unread notifications (called by the navigation only)."""
    if not current_user.is_authenticated:
        return 0
    return queries.unread_notification_count(current_user)


def settings_form() -> FollowingSettingsForm:
    """The settings section's form, filled with the member's stored choices."""
    stored = queries.settings_for(current_user)
    data = {"watch_own": stored.watch_own, "daily_digest": stored.daily_digest}
    for kind, delivery in queries.deliveries_for(current_user).items():
        data[f"delivery_{kind}"] = delivery
    return FollowingSettingsForm(formdata=None, data=data)


@bp.post("/t/<id:thread_id>/follow")
@login_required
def follow_thread(thread_id: int):
    """Set the member's level for a thread: watching, following, normal or muted."""
    thread = thread_or_404(thread_id)
    form = LevelForm()
    if not form.validate_on_submit():
        raise BadInput(_("Choose watching, following, normal or muted."))
    actions.set_thread_level(current_user, thread, form.level.data)
    if wants_json():
        return jsonify(level=form.level.data)
    return redirect(thread_url(thread))


@bp.post("/tags/<slug>/hide")
def hide_tag(slug: str):
    """A visitor hides a tag's threads from the home page and other tags (kept in a cookie)."""
    tag = tag_or_404(slug)
    form = HideTagForm()
    if not form.validate_on_submit():
        raise BadInput(EXPIRED)
    kept = queries.cookie_slugs(request.cookies.get(queries.HIDDEN_TAGS_COOKIE))
    slugs = [s for s in kept if s != tag.slug] + ([tag.slug] if form.hidden.data else [])
    response = redirect(url_for("tags.show", slug=tag.slug))
    response.set_cookie(
        queries.HIDDEN_TAGS_COOKIE,
        ",".join(slugs),
        max_age=COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
    )
    return response


@bp.get("/feed")
@login_required
def feed():
    """Threads in the member's followed and watched tags and threads, latest activity first."""
    return listing_page(
        "following/feed.html",
        lambda cursor, limit: queries.feed_page(current_user, cursor, limit),
    )


@bp.get("/notifications")
@login_required
def notifications():
    """The member's notifications, newest first, each linking to the exact reply."""
    return listing_page(
        "following/notifications.html",
        lambda cursor, limit: notification_rows(
            queries.notification_page(current_user, cursor, limit)
        ),
    )


@bp.get("/notifications/count")
@login_required
def notification_count():
    """The unread count, for the script that keeps the navigation up to date."""
    response = jsonify(count=queries.unread_notification_count(current_user))
    response.cache_control.no_store = True  # one member's live count: never from a cache
    return response


@bp.post("/notifications/<id:notification_id>/read")
@login_required
def read_notification(notification_id: int):
    """Mark one notification read, then go where it points (or back to the list)."""
    found = queries.notification_of(current_user, notification_id)
    if found is None:
        raise BadInput(_("There is no such notification."))
    if not FlaskForm().validate_on_submit():
        raise BadInput(EXPIRED)
    actions.mark_notification_read(found)
    if wants_json():
        return jsonify(count=queries.unread_notification_count(current_user))
    return redirect(safe_next(request.form.get("next"), url_for("following.notifications")))


@bp.post("/notifications/read-all")
@login_required
def read_all_notifications():
    """Mark every notification read."""
    if not FlaskForm().validate_on_submit():
        raise BadInput(EXPIRED)
    actions.mark_all_read(current_user)
    flash(_("All notifications marked as read."), "success")
    return redirect(url_for("following.notifications"))


@bp.post("/settings/following")
@login_required
def save_settings():
    """Save automatic watching, the digest and the delivery of each kind of notification."""
    form = FollowingSettingsForm()
    if not form.validate_on_submit():
        raise BadInput(_("Choose one of the offered options."))
    actions.save_settings(
        current_user, form.watch_own.data, form.daily_digest.data, form.deliveries()
    )
    flash(_("Notification settings saved."), "success")
    return redirect(url_for("auth.settings", _anchor="following-heading"))
