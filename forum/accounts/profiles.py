"""People: public profiles and the reader's display preferences."""

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from ..extensions import db
from ..i18n import LANGUAGE_COOKIE, LANGUAGES
from ..web import THEME_COOKIE, THEMES, safe_next, wants_json
from . import actions, queries
from .hooks import profile_page

bp = Blueprint("people", __name__)

# A display preference lasts a year, like a setting, not a session.
PREFERENCE_COOKIE_AGE = 365 * 86_400


@bp.get("/u/<username>")
def profile(username: str):
    """A member's bio, affiliation history and join date, plus what other areas add."""
    user = db.one_or_404(queries.user_named(username[:31]))
    if user.is_deleted:
        abort(404)  # a deleted account has no profile; its held name must not look alive
    return render_template(
        "people/profile.html",
        user=user,
        affiliation_history=queries.affiliation_history(user),
        **profile_page.collect(user),
    )


def preference_response(name: str, value: str | None, **json_values):
    """Answer a preference form: JSON for scripts, else back to the page it came from.

    The choice is kept in a year-long cookie; None forgets it.
    """
    if wants_json():
        response = jsonify(**json_values)
    else:
        response = redirect(safe_next(request.form.get("next"), url_for("threads.index")))
    options = {
        "samesite": "Lax",
        "httponly": True,
        "secure": current_app.config["SESSION_COOKIE_SECURE"],
    }
    if value is None:
        response.delete_cookie(name, **options)
    else:
        response.set_cookie(name, value, max_age=PREFERENCE_COOKIE_AGE, **options)
    return response


@bp.post("/theme")
def theme():
    """Remember the chosen colour theme in a cookie (no account needed)."""
    choice = request.form.get("theme", "auto")
    if choice not in THEMES:
        choice = "auto"
    return preference_response(THEME_COOKIE, choice, theme=choice)


@bp.post("/language")
def language():
    """Remember the interface language: in a cookie, and on the profile when signed in.

    An unknown or empty choice forgets it, so the browser's languages decide again.
    """
    choice = request.form.get("language", "")
    if choice not in LANGUAGES:
        choice = ""
    if current_user.is_authenticated:
        actions.set_language(current_user, choice)
    return preference_response(LANGUAGE_COOKIE, choice or None, language=choice or None)
