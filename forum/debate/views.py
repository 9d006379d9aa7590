"""Debate: positions and the swing, votes, credits, the argument map and the summary."""

from flask import Blueprint, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required

from .. import limits
from ..accounts.hooks import profile_page
from ..errors import ActionError, BadInput, NotAllowed
from ..threads.hooks import reply_list, thread_page
from ..threads.models import Reply, Thread
from ..threads.queries import thread_or_404, thread_replies
from ..threads.tree import sort_key
from ..threads.urls import reply_url, thread_url
from ..web import render_form, requires, wants_json
from . import actions, queries
from .forms import SIDE_LABELS, PositionForm, SummaryForm

bp = Blueprint("debate", __name__)

# How many of the strongest challenges the map shows under each argument.
MAP_CHALLENGES = 3


def side_names() -> dict[str, str]:
    """Each side's name in the reader's language."""
    return {side: str(label) for side, label in SIDE_LABELS.items()}


@thread_page.register
def motion_state(thread, reader) -> dict:
    """A motion's page shows the tally, the swing, the arguments per side and the summary."""
    if not thread.is_motion:
        return {}
    tally, swing = queries.tally_and_swing(thread.id, reader)
    return {
        "tally": tally,
        "swing": swing,
        "arguments": queries.argument_counts(thread.id),
        "summary": queries.summary_of(thread.id),
        "ask_position": reader.is_authenticated and not tally.mine,
        "side_names": side_names(),
    }


@profile_page.register
def minds_changed(user) -> dict:
    """A profile shows how many minds the member's replies changed."""
    return {"minds_changed": queries.credits_earned(user)}


@reply_list.register
def reader_marks(thread, reader) -> dict:
    """Reply lists show the reader's votes and credits, and which replies convince both sides."""
    change = queries.latest_change(reader, thread.id) if thread.is_motion else None
    return {
        "voted": queries.voted_reply_ids(reader, thread.id),
        "credited": queries.credited_reply_ids(reader, thread.id),
        "can_credit": bool(change and change.is_change),
        "across_sides": queries.cross_side_reply_ids(thread.id) if thread.is_motion else set(),
    }


@bp.post("/p/<id:reply_id>/vote")
@limits.voting
@requires(Reply, "can_vote", message=_l("You cannot vote for your own or a deleted reply."))
def vote(reply: Reply):
    """Mark a reply as convincing, or take the mark back."""
    voted = actions.toggle_vote(current_user, reply)
    if wants_json():
        return jsonify(voted=voted, count=reply.vote_count)
    return redirect(reply_url(reply))


@bp.post("/p/<id:reply_id>/credit")
@limits.voting
@requires(Reply, "can_vote", message=_l("You cannot credit your own or a deleted reply."))
def credit(reply: Reply):
    """Credit a reply with changing your mind (after a change of position), or withdraw it."""
    try:
        credited = actions.toggle_credit(current_user, reply)
    except ActionError as error:
        raise NotAllowed(error.message) from None
    if wants_json():
        count = reply.credit_count
        count_text = ngettext("changed %(num)d mind", "changed %(num)d minds", count)
        return jsonify(credited=credited, count=count, count_text=count_text)
    return redirect(reply_url(reply))


@bp.post("/t/<id:thread_id>/position")
@limits.voting
@login_required
def position(thread_id: int):
    """Stand for or against a motion, or undecided; a change invites credits."""
    thread = thread_or_404(thread_id)
    form = PositionForm()
    if not form.validate_on_submit():
        raise BadInput(_("Choose for, against or undecided."))
    try:
        change = actions.set_position(current_user, thread, form.side.data)
    except ActionError as error:
        raise BadInput(error.message) from None
    changed = bool(change and change.is_change)
    if wants_json():
        tally, swing = queries.tally_and_swing(thread.id, current_user)
        return jsonify(
            side=tally.mine,
            for_count=tally.for_count,
            against_count=tally.against_count,
            undecided_count=tally.undecided_count,
            changed=changed,
            swing_html=render_template("debate/_swing.html", swing=swing, side_names=side_names()),
            tally_html=render_template("debate/_tally.html", tally=tally),
        )
    if changed:
        flash(
            _(
                "You changed your position. If a reply changed your mind, "
                "credit it with “Changed my mind”."
            ),
            "success",
        )
        return redirect(thread_url(thread, _anchor="replies-heading"))
    return redirect(thread_url(thread, _anchor="motion"))


@bp.get("/t/<id:thread_id>/<slug>/map")
def argument_map(thread_id: int, slug: str):
    """The motion's arguments in two columns, For and Against, with their strongest challenges."""
    thread = thread_or_404(thread_id)
    if slug != thread.slug:
        return redirect(url_for("debate.argument_map", thread_id=thread.id, slug=thread.slug))
    if not thread.is_motion:
        raise BadInput(_("Only motions have an argument map; this thread is a discussion."))
    replies = [reply for reply in thread_replies(thread.id) if reply.is_live]
    across = queries.cross_side_reply_ids(thread.id)
    best = sort_key("best")
    challenges: dict[int, list] = {}
    for reply in sorted(replies, key=best):
        if reply.parent_id is not None and reply.stance == "challenge":
            challenges.setdefault(reply.parent_id, []).append(reply)
    columns = {"for": [], "against": []}
    ranked = sorted(replies, key=lambda reply: (reply.id not in across, best(reply)))
    for reply in ranked:
        if reply.parent_id is None and reply.side in columns:
            columns[reply.side].append((reply, challenges.get(reply.id, [])[:MAP_CHALLENGES]))
    return render_template(
        "debate/map.html",
        thread=thread,
        columns=columns,
        across_sides=across,
        tally=queries.position_tally(thread.id, current_user),
    )


@bp.route("/t/<id:thread_id>/summary", methods=["GET", "POST"])
@requires(Thread, "can_summarize")
def edit_summary(thread: Thread):
    """Write the state of the debate (the motion's author and moderators)."""
    summary = queries.summary_of(thread.id)
    form = SummaryForm(data={"body": summary.body_source if summary else ""})
    if form.validate_on_submit():
        actions.save_summary(thread, current_user, form.body.data)
        flash(_("Summary saved."), "success")
        return redirect(thread_url(thread, _anchor="summary"))
    return render_form("debate/summary_edit.html", form, thread=thread)


@bp.get("/t/<id:thread_id>/summary/history")
def summary_history(thread_id: int):
    """Every version of a motion's summary: who wrote it and when."""
    thread = thread_or_404(thread_id)
    return render_template(
        "debate/summary_history.html",
        thread=thread,
        revisions=queries.summary_revisions(thread.id),
    )
