"""One-click unsubscribe from notification mail: the signed link works without signing in."""

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from ..extensions import csrf
from . import mail
from .forms import KIND_LABELS

bp = Blueprint("mail", __name__)


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
# The signed token is the proof: a mail client's one-click POST (RFC 8058) has no session.
@csrf.exempt
def unsubscribe(token: str):
    """GET asks to confirm; POST (the page's button or the mail client) stops the mail."""
    target = mail.unsubscribe_target(token)
    if target is None:
        return render_template("following/unsubscribe_invalid.html"), 400
    user, kind = target
    if request.method == "POST":
        mail.unsubscribe(user, kind)
        return render_template("following/unsubscribed.html", done=_stopped(kind))
    return render_template("following/unsubscribe.html", question=_question(kind))


def _question(kind: str) -> str:
    if kind == mail.EVERY_KIND:
        return _("Stop the daily digest and every notification mail?")
    return _("Stop mail about: %(what)s?", what=KIND_LABELS[kind])


def _stopped(kind: str) -> str:
    if kind == mail.EVERY_KIND:
        return _("No more notification mail or daily digest.")
    return _("No more mail about: %(what)s.", what=KIND_LABELS[kind])
