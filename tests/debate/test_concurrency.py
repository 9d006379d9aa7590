"""Two requests at once (a double click, two tabs) cannot count twice: the unique keys hold
and every tally follows its rows."""

import threading

import pytest
from sqlalchemy import func, select

from forum.debate.models import Credit, Position, PositionChange, Vote
from forum.extensions import db
from forum.models import Reply, SourceMark
from forum.threads.actions import post_reply, start_thread
from tests.helpers import Auth, csrf_from

ROUNDS = 6


def rows(model, **where) -> int:
    query = select(func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return db.session.scalar(query)


def at_once(app, requests: list) -> list[int]:
    """Send each (client, url, data) from its own thread, all released together."""
    barrier = threading.Barrier(len(requests))
    statuses: list[int] = []

    def send(client, url, data):
        with app.app_context():
            barrier.wait()
            statuses.append(client.post(url, data=data).status_code)
            db.session.remove()

    workers = [threading.Thread(target=send, args=request) for request in requests]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    return statuses


@pytest.fixture
def two_tabs(app, other_member):
    """Two signed-in clients for bob, each with its own form token."""
    tabs = []
    for _ in range(2):
        client = app.test_client()
        Auth(client).login("bob")
        tabs.append((client, csrf_from(client.get("/").data)))
    return tabs


def test_concurrent_toggles_never_count_twice(app, member, other_member, tags, two_tabs):
    motion = start_thread(member, "Cameras on every corner", "Yes?", ["privacy"])
    reply = post_reply(motion, member, "An argument", None, "support")
    reply_id, motion_id = reply.id, motion.id
    for side in ("for", "against"):
        at_once(
            app,
            [(c, f"/t/{motion_id}/position", {"csrf_token": t, "side": side}) for c, t in two_tabs],
        )
    for _ in range(ROUNDS):
        for action in ("vote", "credit", "needs-source"):
            at_once(app, [(c, f"/p/{reply_id}/{action}", {"csrf_token": t}) for c, t in two_tabs])
    db.session.expire_all()
    reply = db.session.get(Reply, reply_id)
    assert reply.vote_count == rows(Vote, post_id=reply_id) <= 1
    assert reply.credit_count == rows(Credit, post_id=reply_id) <= 1
    assert reply.needs_source_count == rows(SourceMark, post_id=reply_id) <= 1
    assert rows(Position, thread_id=motion_id) == 1
    changes = db.session.scalars(select(PositionChange).order_by(PositionChange.id)).all()
    assert [(c.previous_side, c.side) for c in changes] == [(None, "for"), ("for", "against")]
