"""What every reader and member sees of moderation: reporting, appeals, the public log.

Also the rule that suspended and banned members may read but not take part, checked once
for every request rather than in each view.
"""

from datetime import date

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import limits
from ..errors import ActionError, BadInput, NotAllowed
from ..extensions import db
from ..threads.models import Reply
from ..threads.queries import thread_or_404
from ..threads.urls import reply_url, thread_url
from ..web import listing_page, render_form, show_action_error, wants_json
from . import feeds, queries, report_actions
from .forms import AppealForm, ReportForm
from .models import ACTION_LABELS, ACTIONS

bp = Blueprint("conduct", __name__)

# What a suspended member may still send: leave, tune the page, manage the account, appeal.
ALLOWED_WHILE_RESTRICTED = {
    "auth.logout",
    "auth.settings_email",
    "auth.settings_password",
    "people.theme",
    "people.language",
    "conduct.appeals",
    "threads.preview",
}


def restriction_message(user) -> str:
    """Why and until when a member cannot take part."""
    if user.banned_at is not None:
        return _("Your account is banned: %(reason)s", reason=user.sanction_reason)
    return _(
        "Your account is suspended until %(date)s: %(reason)s",
        date=format_date(user.suspended_until, "long"),
        reason=user.sanction_reason,
    )


@bp.before_app_request
def refuse_restricted_writes():
    """Suspended members read but cannot post, edit, vote, report, credit or take a position."""
    if request.method != "POST" or request.endpoint in ALLOWED_WHILE_RESTRICTED:
        return
    if current_user.is_authenticated and current_user.is_restricted:
        raise NotAllowed(restriction_message(current_user))


@bp.app_context_processor
def restriction_banner() -> dict:
    """Every page tells a suspended member why and until when."""
    if current_user and current_user.is_authenticated and current_user.is_restricted:
        return {"restriction": restriction_message(current_user)}
    return {"restriction": None}


def report_page(form, thread, reply):
    """The report form, for readers without scripts or after a refusal."""
    return render_form("conduct/report.html", form, thread=thread, post=reply)


def file_report(thread, reply):
    """Read the report form and file it; JSON for scripts, a page otherwise."""
    form = ReportForm()
    if form.validate_on_submit():
        try:
            report_actions.report_item(
                current_user, thread, reply, form.reason.data, form.note.data
            )
        except ActionError as error:
            show_action_error(form, error)
        else:
            message = _(
                "Thank you. Moderators will look at it; the outcome will show on your reports page."
            )
            if wants_json():
                return {"reported": True, "message": message}
            flash(message, "success")
            return redirect(reply_url(reply) if reply is not None else thread_url(thread))
    if wants_json():
        errors = [message for messages in form.errors.values() for message in messages]
        return {"reported": False, "errors": errors}, 400
    return report_page(form, thread, reply)


@bp.route("/t/<id:thread_id>/report", methods=["GET", "POST"])
@limits.reporting
@login_required
def report_thread(thread_id: int):
    """Report a thread to the moderators."""
    thread = thread_or_404(thread_id)
    if request.method == "GET":
        return report_page(ReportForm(formdata=None), thread, None)
    return file_report(thread, None)


@bp.route("/p/<id:reply_id>/report", methods=["GET", "POST"])
@limits.reporting
@login_required
def report_reply(reply_id: int):
    """Report a reply to the moderators."""
    reply = db.get_or_404(Reply, reply_id)
    thread = thread_or_404(reply.thread_id)
    if request.method == "GET":
        return report_page(ReportForm(formdata=None), thread, reply)
    return file_report(thread, reply)


@bp.get("/reports")
@login_required
def my_reports():
    """The member's own reports and what the moderators decided."""
    return render_template("conduct/reports.html", reports=queries.reports_by(current_user))


@bp.route("/appeals", methods=["GET", "POST"])
@login_required
def appeals():
    """Appeal an action taken against you, once; see the outcome of earlier appeals."""
    form = AppealForm()
    if request.method == "POST" and form.validate_on_submit():
        action = queries.action_or_none(int(form.action_id.data))
        try:
            if action is None:
                raise ActionError(
                    "action_id", _("You can only appeal an action taken against you.")
                )
            report_actions.file_appeal(current_user, action, form.text.data)
        except ActionError as error:
            show_action_error(form, error)
        else:
            flash(_("Appeal sent. Another moderator will decide it."), "success")
            return redirect(url_for("conduct.appeals"))
    elif request.method == "GET":
        form = AppealForm(formdata=None)
    return render_form(
        "conduct/appeals.html",
        form,
        appealable=queries.appealable_actions(current_user),
        appeals=queries.appeals_by(current_user),
    )


def chosen_filter() -> queries.LogFilter:
    """The log filter from the query string; a malformed one is a clear 400."""
    action = request.args.get("action", "")
    moderator = request.args.get("moderator", "").strip()[:30]
    day_text = request.args.get("date", "")
    if action and action not in ACTIONS:
        raise BadInput(_("There is no such action in the log."))
    try:
        day = date.fromisoformat(day_text) if day_text else None
    except ValueError:
        raise BadInput(_("Give the date as YYYY-MM-DD.")) from None
    return queries.LogFilter(action=action, moderator=moderator, day=day)


@bp.get("/mod/log")
def log():
    """The public moderation log: every action, who took it, on what, why and when."""
    chosen = chosen_filter()
    return listing_page(
        "conduct/log.html",
        lambda cursor, limit: queries.moderation_log(chosen, cursor, limit),
        chosen=chosen,
        action_labels=ACTION_LABELS,
        moderators=queries.moderators(),
    )


@bp.get("/mod/log.atom")
def log_feed():
    """The public log as an Atom feed."""
    body = feeds.log_feed(queries.latest_actions(), current_app.config["PUBLIC_URL"])
    return current_app.response_class(body, mimetype="application/atom+xml")
