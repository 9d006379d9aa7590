"""The issue's whole journey over HTTP: report → queue → hide → lock → suspend → log → appeal."""

from datetime import UTC, datetime, timedelta

import feedparser

from forum.extensions import db
from forum.models import ModerationAction, Reply, Report, Thread, User
from forum.threads.actions import post_reply
from tests.helpers import PASSWORD, Auth, post_form


def test_report_hide_lock_suspend_log_appeal_restore(app, client, make_user, thread, member):
    author = make_user("troll")
    second_mod = make_user("mod_dan", role="moderator")
    make_user("mod_carol", role="moderator")
    reply = post_reply(thread, author, "You are all idiots, call 555-0100.", None, "challenge")
    reply_id, thread_id = reply.id, thread.id

    # A member reports the reply.
    auth = Auth(client)
    auth.login("alice")
    page = "/"
    answer = post_form(
        client, f"/p/{reply_id}/report", {"reason": "harassment", "note": "Insults"}, page=page
    )
    assert answer.status_code == 302
    again = post_form(client, f"/p/{reply_id}/report", {"reason": "spam"}, page=page)
    assert again.status_code == 400
    assert b"already reported" in again.data
    assert db.session.query(Report).count() == 1
    auth.logout()

    # The author's session, opened before any action.
    author_client = app.test_client()
    Auth(author_client).login("troll")
    assert author_client.get("/settings").status_code == 200

    # The moderator sees the queue and hides the reply from it.
    auth.login("mod_carol")
    queue = client.get("/mod/queue")
    assert b"Insults" in queue.data and b"555-0100" in queue.data
    hidden = post_form(
        client, f"/mod/p/{reply_id}/hide", {"reason": "Personal attack"}, page=f"/mod/p/{reply_id}"
    )
    assert hidden.status_code == 302
    report = db.session.query(Report).one()
    assert report.resolution == "acted" and report.resolution_reason == "Personal attack"
    locked = post_form(
        client, f"/mod/t/{thread_id}/lock", {"reason": "Cooling off"}, page=f"/mod/t/{thread_id}"
    )
    assert locked.status_code == 302
    week = (datetime.now(UTC) + timedelta(days=7)).date().isoformat()
    suspended = post_form(
        client, "/mod/u/troll/suspend", {"until": week, "reason": "Insults"}, page="/mod/u/troll"
    )
    assert suspended.status_code == 302
    auth.logout()

    # Readers see the reason, not the text; the thread says it is locked.
    shown = client.get(f"/t/{thread_id}", follow_redirects=True).data
    assert b"555-0100" not in shown
    assert b"Removed by moderators: Personal attack" in shown
    assert b"Locked by moderators: Cooling off" in shown
    assert client.get(f"/p/{reply_id}").data.count(b"555-0100") == 0

    # The log and its feed show all three.
    log = client.get("/mod/log").data.decode()
    for words in ("Hid", "Locked", "Suspended", "Personal attack", "Cooling off"):
        assert words in log
    feed = feedparser.parse(client.get("/mod/log.atom").data)
    assert feed.version == "atom10" and not feed.bozo
    assert {entry.title for entry in feed.entries} >= {
        "mod_carol: Hid",
        "mod_carol: Locked",
        "mod_carol: Suspended",
    }

    # The author's old session ended; signing in again works, posting does not.
    assert author_client.get("/settings").status_code == 302
    Auth(author_client).login("troll")
    page = author_client.get("/").data.decode()
    assert "Your account is suspended until" in page and "Insults" in page
    refused = post_form(
        author_client,
        f"/t/{thread_id}/reply",
        {"body": "Let me back", "stance": ""},
        page="/appeals",
    )
    assert refused.status_code == 403
    # The author still sees their hidden text, marked as hidden.
    own = author_client.get(f"/p/{reply_id}").data
    assert b"555-0100" in own and b"Hidden by moderators" in own

    # The author appeals the hide; the moderator who acted cannot decide it.
    hide_action = db.session.query(ModerationAction).filter_by(action="hide").one()
    appealed = post_form(
        author_client,
        "/appeals",
        {"action_id": str(hide_action.id), "text": "It was a joke."},
        page="/appeals",
    )
    assert appealed.status_code == 302
    twice = post_form(
        author_client,
        "/appeals",
        {"action_id": str(hide_action.id), "text": "Again."},
        page="/appeals",
    )
    assert twice.status_code == 400

    auth.login("mod_carol")
    appeal_id = hide_action.id  # one appeal per action; look it up by the page
    page = client.get("/mod/appeals")
    assert b"It was a joke." in page.data
    from forum.models import Appeal

    appeal_id = db.session.query(Appeal).one().id
    own = post_form(
        client,
        f"/mod/appeals/{appeal_id}",
        {"outcome": "granted", "reason": "Fine"},
        page="/mod/appeals",
    )
    assert own.status_code == 403
    auth.logout()

    auth.login("mod_dan")
    decided = post_form(
        client,
        f"/mod/appeals/{appeal_id}",
        {"outcome": "granted", "reason": "Heat of the moment"},
        page="/mod/appeals",
    )
    assert decided.status_code == 302
    db.session.expire_all()
    assert db.session.get(Reply, reply_id).hidden_at is None
    assert b"Heat of the moment" in client.get("/mod/log").data
    assert second_mod.id


def test_banned_member_is_told_why_at_login(app, client, make_user, moderator):
    make_user("spammer")
    auth = Auth(client)
    auth.login("mod_carol")
    banned = post_form(
        client, "/mod/u/spammer/ban", {"reason": "Spam links"}, page="/mod/u/spammer"
    )
    assert banned.status_code == 302
    auth.logout()
    answer = auth.login("spammer")
    assert answer.status_code == 400
    assert b"This account is banned: Spam links" in answer.data
    wrong = auth.login("spammer", "not the password at all")
    assert b"banned" not in wrong.data
    assert PASSWORD


def test_locked_thread_refuses_replies_from_every_path(
    app, client, auth, thread, moderator, other_member
):
    from forum.moderation.actions import lock_thread

    top = post_reply(thread, other_member, "Before the lock", None, "")
    lock_thread(moderator, thread, "Enough said")
    auth.login("bob")
    for parent in ("", str(top.id)):
        answer = post_form(
            client,
            f"/t/{thread.id}/reply",
            {"body": "After the lock", "parent_id": parent, "stance": ""},
            page="/",
        )
        assert answer.status_code == 403
        assert b"After the lock" in answer.data  # the text is kept
    assert db.session.query(Reply).count() == 1
    # Votes still work.
    voted = post_form(client, f"/p/{top.id}/vote", page="/")
    assert voted.status_code == 302 or voted.status_code == 403
    assert db.session.get(Thread, thread.id).is_locked
    assert db.session.query(User).count() >= 3
