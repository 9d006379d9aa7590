"""Moderator pages and actions: the queue, tools for a thread, a reply and a member, appeals.

The whole blueprint is for moderators and admins: one guard, so no route can forget it.
"""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..accounts import twofactor
from ..accounts.queries import user_named
from ..errors import ActionError, NotAllowed
from ..extensions import db, login_manager
from ..tags.queries import tags_with_counts
from ..threads.forms import parse_tag_slugs
from ..threads.models import Reply
from ..threads.queries import thread_or_404
from ..threads.urls import reply_url, thread_url
from ..web import render_form, show_action_error
from . import actions, member_actions, queries, report_actions
from .forms import (
    DecideForm,
    ReasonForm,
    RetagForm,
    RetitleForm,
    SlowModeForm,
    SplitForm,
    SuspendForm,
)
from .models import Appeal

bp = Blueprint("moderation", __name__, url_prefix="/mod")


def moderators_only():
    """Every route here: visitors log in, members get a 403."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.is_staff:
        raise NotAllowed(_("Only moderators can do that."))
    if twofactor.must_set_up(current_user):
        return twofactor.setup_redirect()
    return None


# Registered by a call, not a decorator, so `make mutate` can mutate it (mutmut leaves
# decorated functions alone).
bp.before_request(moderators_only)


# Each action: the form it reads and the call it makes with (moderator, item, form).
THREAD_ACTIONS = {
    "lock": (ReasonForm, lambda m, t, f: actions.lock_thread(m, t, f.reason.data)),
    "unlock": (ReasonForm, lambda m, t, f: actions.unlock_thread(m, t, f.reason.data)),
    "pin": (ReasonForm, lambda m, t, f: actions.pin_thread(m, t, f.reason.data)),
    "unpin": (ReasonForm, lambda m, t, f: actions.unpin_thread(m, t, f.reason.data)),
    "hide": (ReasonForm, lambda m, t, f: actions.hide_item(m, t, f.reason.data)),
    "restore": (ReasonForm, lambda m, t, f: actions.restore_item(m, t, f.reason.data)),
    "slow-mode": (
        SlowModeForm,
        lambda m, t, f: actions.set_slow_mode(m, t, int(f.minutes.data) * 60, f.reason.data),
    ),
    "retitle": (
        RetitleForm,
        lambda m, t, f: actions.retitle_thread(m, t, f.title.data, f.reason.data),
    ),
    "retag": (
        RetagForm,
        lambda m, t, f: actions.retag_thread(m, t, parse_tag_slugs(f.tags.data), f.reason.data),
    ),
}
REPLY_ACTIONS = {
    "hide": (ReasonForm, lambda m, r, f: actions.hide_item(m, r, f.reason.data)),
    "restore": (ReasonForm, lambda m, r, f: actions.restore_item(m, r, f.reason.data)),
    "split": (SplitForm, lambda m, r, f: actions.split_reply(m, r, f.title.data, f.reason.data)),
}
MEMBER_ACTIONS = {
    "suspend": (
        SuspendForm,
        lambda m, u, f: member_actions.suspend_member(m, u, f.until.data, f.reason.data),
    ),
    "ban": (ReasonForm, lambda m, u, f: member_actions.ban_member(m, u, f.reason.data)),
    "lift": (ReasonForm, lambda m, u, f: member_actions.lift_sanction(m, u, f.reason.data)),
    "trust": (ReasonForm, lambda m, u, f: member_actions.set_trusted(m, u, True, f.reason.data)),
    "untrust": (ReasonForm, lambda m, u, f: member_actions.set_trusted(m, u, False, f.reason.data)),
}
DONE = {
    "lock": _l("Thread locked."),
    "unlock": _l("Thread unlocked."),
    "pin": _l("Thread pinned."),
    "unpin": _l("Thread unpinned."),
    "hide": _l("Hidden. Readers see your reason in its place."),
    "restore": _l("Restored."),
    "slow-mode": _l("Slow mode updated."),
    "retitle": _l("Thread retitled."),
    "retag": _l("Thread retagged."),
    "split": _l("Split into a new thread."),
    "suspend": _l("Member suspended. Their sessions have ended."),
    "ban": _l("Member banned. Their sessions have ended."),
    "lift": _l("Suspension or ban lifted."),
    "trust": _l("Member marked trusted."),
    "untrust": _l("Trusted mark removed."),
}


def with_own_ids(name: str, form):
    """Give a form's fields ids of their own ("lock-reason"), since one page holds several."""
    for each in form:
        each.id = f"{name}-{each.name}"
    return form


def empty_forms(table: dict) -> dict:
    """One blank form per action, named after it, for a tools page."""
    return {
        name.replace("-", "_"): with_own_ids(name, form(formdata=None))
        for name, (form, _call) in table.items()
    }


def run_action(table: dict, name: str, item, page):
    """Validate the action's form and run it; on a refusal, show the tools page again."""
    form_class, call = table[name]
    form = form_class()
    if form.validate_on_submit():
        try:
            result = call(current_user, item, form)
        except ActionError as error:
            show_action_error(form, error)
        else:
            flash(str(DONE[name]), "success")
            return result
    forms = empty_forms(table) | {name.replace("-", "_"): with_own_ids(name, form)}
    return page(forms)


@bp.get("/queue")
def queue():
    """Open reports grouped by item, most-reported first."""
    return render_template(
        "moderation/queue.html", groups=queries.report_queue(), form=ReasonForm(formdata=None)
    )


@bp.post("/queue/<key>/dismiss")
def dismiss(key: str):
    """Close an item's reports without acting on it."""
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            report_actions.dismiss_reports(current_user, key, form.reason.data)
        except ActionError as error:
            flash(error.message, "error")
        else:
            flash(_("Reports dismissed."), "success")
    else:
        flash(_("Give a reason: it is shown publicly with the action."), "error")
    return redirect(url_for("moderation.queue"))


def thread_page(thread, forms: dict):
    """The tools for one thread."""
    return render_form(
        "moderation/thread.html",
        next(iter(forms.values())),
        thread=thread,
        participant=actions.took_part(current_user, thread.id),
        tags=tags_with_counts(),
        **forms,
    )


@bp.get("/t/<id:thread_id>")
def thread_tools(thread_id: int):
    """Lock, pin, hide, slow mode, retitle and retag one thread."""
    thread = thread_or_404(thread_id)
    return thread_page(thread, empty_forms(THREAD_ACTIONS))


@bp.post(
    "/t/<id:thread_id>/<any(lock,unlock,pin,unpin,hide,restore,'slow-mode',retitle,retag):name>"
)
def act_on_thread(thread_id: int, name: str):
    """Run one action on a thread."""
    thread = thread_or_404(thread_id)
    result = run_action(THREAD_ACTIONS, name, thread, lambda forms: thread_page(thread, forms))
    if isinstance(result, tuple):
        return result
    return redirect(thread_url(thread))


def reply_page(reply, forms: dict):
    """The tools for one reply."""
    return render_form(
        "moderation/reply.html",
        next(iter(forms.values())),
        post=reply,
        thread=reply.thread,
        participant=actions.took_part(current_user, reply.thread_id),
        **forms,
    )


@bp.get("/p/<id:reply_id>")
def reply_tools(reply_id: int):
    """Hide, restore or split off one reply."""
    reply = db.get_or_404(Reply, reply_id)
    return reply_page(reply, empty_forms(REPLY_ACTIONS))


@bp.post("/p/<id:reply_id>/<any(hide,restore,split):name>")
def act_on_reply(reply_id: int, name: str):
    """Run one action on a reply."""
    reply = db.get_or_404(Reply, reply_id)
    result = run_action(REPLY_ACTIONS, name, reply, lambda forms: reply_page(reply, forms))
    if isinstance(result, tuple):
        return result
    if name == "split":
        return redirect(thread_url(result))
    return redirect(reply_url(reply))


@bp.post("/revisions/<id:revision_id>/redact")
def redact(revision_id: int):
    """Remove an earlier version's text, with a reason."""
    revision = queries.revision_or_404(revision_id)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            actions.redact_revision(current_user, revision, form.reason.data)
        except ActionError as error:
            flash(error.message, "error")
        else:
            flash(_("Version redacted."), "success")
    else:
        flash(_("Give a reason: it is shown publicly with the action."), "error")
    if revision.post_id:
        return redirect(url_for("threads.reply_history", reply_id=revision.post_id))
    return redirect(url_for("threads.thread_history", thread_id=revision.thread_id))


def member_page(member, forms: dict):
    """The tools for one member, with what was done to them before."""
    return render_form(
        "moderation/member.html",
        next(iter(forms.values())),
        member=member,
        may_sanction=member_actions.may_sanction(current_user, member),
        history=queries.actions_on_member(member),
        **forms,
    )


@bp.get("/u/<username>")
def member_tools(username: str):
    """Suspend, ban, lift or trust one member."""
    member = db.one_or_404(user_named(username))
    return member_page(member, empty_forms(MEMBER_ACTIONS))


@bp.post("/u/<username>/<any(suspend,ban,lift,trust,untrust):name>")
def act_on_member(username: str, name: str):
    """Run one action on a member."""
    member = db.one_or_404(user_named(username))
    result = run_action(MEMBER_ACTIONS, name, member, lambda forms: member_page(member, forms))
    if isinstance(result, tuple):
        return result
    return redirect(url_for("moderation.member_tools", username=member.username))


@bp.get("/appeals")
def appeals():
    """Appeals waiting for a decision."""
    return render_template(
        "moderation/appeals.html", appeals=queries.open_appeals(), form=DecideForm(formdata=None)
    )


@bp.post("/appeals/<id:appeal_id>")
def decide(appeal_id: int):
    """Grant or deny an appeal (never the moderator who acted)."""
    appeal = db.get_or_404(Appeal, appeal_id)
    form = DecideForm()
    if form.validate_on_submit():
        try:
            report_actions.decide_appeal(
                current_user, appeal, form.outcome.data == "granted", form.reason.data
            )
        except ActionError as error:
            raise NotAllowed(error.message) from None
        flash(_("Appeal decided."), "success")
        return redirect(url_for("moderation.appeals"))
    return render_form(
        "moderation/appeals.html", form, appeals=queries.open_appeals(), failed=appeal.id
    )
