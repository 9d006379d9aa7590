"""Privacy pages: what the forum keeps, the member's export, and deleting the account."""

import json

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from ..database import utcnow
from ..errors import ActionError
from ..threads.models import Thread
from ..web import render_form, requires, show_action_error
from . import actions, queries
from .forms import DeleteAccountForm, DeleteThreadForm

bp = Blueprint("privacy", __name__)


@bp.get("/privacy")
def privacy():
    """What is stored, why, for how long and who sees it, from the running settings."""
    return render_template("privacy/privacy.html", facts=queries.privacy_facts())


@bp.get("/settings/export")
@login_required
def export():
    """Download everything the forum holds about the member as one JSON file."""
    data = queries.member_export(current_user)
    stamp = utcnow().strftime("%Y%m%d")
    response = Response(json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="counterpoint-{current_user.id}-{stamp}.json"'
    )
    # Personal data: never kept by a browser or a proxy cache.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/settings/delete", methods=["GET", "POST"])
@login_required
def delete_account():
    """Ask for the password and what becomes of the member's text, then delete the account."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            actions.delete_account(
                user, form.current_password.data, remove_text=form.text.data == "remove"
            )
        except ActionError as error:
            show_action_error(form, error)
        else:
            logout_user()
            flash(_("Your account is deleted."), "info")
            return redirect(url_for("threads.index"))
    return render_form("privacy/delete.html", form, facts=queries.privacy_facts())


@bp.route("/t/<id:thread_id>/delete", methods=["GET", "POST"])
@requires(Thread, "can_edit")
def delete_thread(thread: Thread):
    """Ask the author for their password, then replace the thread's text with a placeholder."""
    form = DeleteThreadForm()
    if form.validate_on_submit():
        try:
            actions.delete_thread(
                current_user,
                thread,
                form.current_password.data,
                remove_replies=form.text.data == "remove",
            )
        except ActionError as error:
            show_action_error(form, error)
        else:
            flash(_("Thread deleted."), "info")
            return redirect(url_for("threads.show", thread_id=thread.id))
    return render_form("privacy/delete_thread.html", form, thread=thread)
