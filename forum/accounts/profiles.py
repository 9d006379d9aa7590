"""People: public profiles and the reader's display preferences."""

from flask import (
    Blueprint,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from ..extensions import db
from ..web import THEME_COOKIE, THEMES, safe_next, wants_json
from . import queries
from .hooks import profile_page

bp = Blueprint("people", __name__)


@bp.get("/u/<username>")
def profile(username: str):
    """A member's bio and join date, plus what other areas add (threads, replies)."""
    user = db.one_or_404(queries.user_named(username[:31]))
    return render_template("people/profile.html", user=user, **profile_page.collect(user))


@bp.post("/theme")
def theme():
    """Remember the chosen colour theme in a cookie (no account needed)."""
    choice = request.form.get("theme", "auto")
    if choice not in THEMES:
        choice = "auto"
    if wants_json():
        response = jsonify(theme=choice)
    else:
        response = redirect(safe_next(request.form.get("next"), url_for("threads.index")))
    response.set_cookie(
        THEME_COOKIE,
        choice,
        max_age=365 * 86_400,
        samesite="Lax",
        httponly=True,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response
