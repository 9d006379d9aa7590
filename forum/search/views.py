"""Pages of the search area."""

from flask import Blueprint, render_template, request

from ..fields import remove_invisible_controls
from . import queries

bp = Blueprint("search", __name__)


@bp.get("/search")
def results():
    """Threads and replies matching ?q=, by relevance or with ?sort=newest, ?page=n."""
    text = remove_invisible_controls(request.args.get("q", "")).strip()
    sort = request.args.get("sort", "relevance")
    page = request.args.get("page", 1, type=int)
    found = queries.search(text, sort, page) if text else None
    return render_template("search/results.html", q=text, found=found)
