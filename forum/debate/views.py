"""Debate: taking a side on a motion and marking replies as convincing."""

from flask import Blueprint, jsonify, redirect
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..errors import BadInput
from ..threads.hooks import reply_list, thread_page
from ..threads.models import Reply
from ..threads.queries import thread_or_404
from ..threads.urls import reply_url, thread_url
from ..web import requires, wants_json
from . import actions, queries
from .forms import PositionForm

bp = Blueprint("debate", __name__)


@thread_page.register
def motion_tally(thread, reader) -> dict:
    """The thread page shows how many stand for and against, and where the reader stands."""
    return {"tally": queries.position_tally(thread.id, reader)}


@reply_list.register
def reader_votes(thread, reader) -> dict:
    """Reply lists show which replies the reader already found convincing."""
    return {"voted": queries.voted_reply_ids(reader, thread.id)}


@bp.post("/p/<id:reply_id>/vote")
@requires(Reply, "can_vote", message=_l("You cannot vote for your own or a deleted reply."))
def vote(reply: Reply):
    """Mark a reply as convincing, or take the mark back."""
    voted = actions.toggle_vote(current_user, reply)
    if wants_json():
        return jsonify(voted=voted, count=reply.vote_count)
    return redirect(reply_url(reply))


@bp.post("/t/<id:thread_id>/position")
@login_required
def position(thread_id: int):
    """Stand for or against a thread's motion, or become undecided again."""
    thread = thread_or_404(thread_id)
    form = PositionForm()
    if not form.validate_on_submit():
        raise BadInput(_("Choose for, against or undecided."))
    actions.set_position(current_user, thread, form.side.data or "")
    if wants_json():
        tally = queries.position_tally(thread.id, current_user)
        return jsonify(
            side=tally.mine, for_count=tally.for_count, against_count=tally.against_count
        )
    return redirect(thread_url(thread, _anchor="motion"))
