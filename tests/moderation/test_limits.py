"""New-member limits, slow mode and automatic cooling: refused with a reason and the wait,
the text kept, and holding when requests arrive at once."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from forum.database import utcnow
from forum.extensions import db
from forum.models import ModerationAction, Reply, Thread
from forum.moderation.actions import lock_thread, set_slow_mode
from forum.moderation.member_actions import set_trusted
from forum.moderation.report_actions import report_item
from forum.threads.actions import post_reply
from tests.debate.test_concurrency import at_once
from tests.helpers import Auth, csrf_from, post_form

TWO_LINKS = "See [one](https://one.example) and [two](https://two.example)."


def replies_by(user) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Reply).where(Reply.author_id == user.id)
    )


def send_reply(client, thread, body, parent=None, **extra):
    return post_form(
        client,
        f"/t/{thread.id}/reply",
        {"body": body, "stance": "", "parent_id": str(parent or ""), **extra},
    )


@pytest.fixture
def new_members(app):
    """The limits as production has them: new for 24 hours or 3 replies."""
    app.config["NEW_MEMBER_HOURS"] = 24
    app.config["NEW_MEMBER_REPLIES"] = 3


# New members -------------------------------------------------------------------------------


def test_new_member_may_not_post_two_links(client, auth, new_members, thread, other_member):
    auth.login("bob")
    answer = send_reply(client, thread, TWO_LINKS)
    assert answer.status_code == 400
    assert b"New members may include at most 1 link in a post" in answer.data
    assert b"https://two.example" in answer.data  # the text is kept in the form
    assert replies_by(other_member) == 0


def test_links_in_the_sources_field_do_not_count(client, auth, new_members, thread, other_member):
    auth.login("bob")
    answer = send_reply(
        client,
        thread,
        "One [link](https://one.example) in the text.",
        sources="https://two.example/a\nhttps://three.example/b",
    )
    assert answer.status_code == 302
    assert replies_by(other_member) == 1


def test_trusted_member_is_not_limited(client, auth, new_members, thread, other_member, moderator):
    set_trusted(moderator, other_member, True, "Known expert")
    auth.login("bob")
    assert send_reply(client, thread, TWO_LINKS).status_code == 302
    for number in range(6):
        assert send_reply(client, thread, f"Argument {number}").status_code == 302


def test_sixth_reply_in_an_hour_waits(client, auth, new_members, thread, other_member):
    for number in range(5):
        post_reply(thread, other_member, f"Argument {number}", None, "")
    auth.login("bob")
    answer = send_reply(client, thread, "My sixth argument")
    assert answer.status_code == 429
    assert 0 < int(answer.headers["Retry-After"]) <= 3600
    assert b"New members may post 5 replies an hour." in answer.data
    assert b"My sixth argument" in answer.data
    assert replies_by(other_member) == 5


def test_the_hour_is_a_rolling_window(client, auth, new_members, thread, other_member):
    for number in range(5):
        reply = post_reply(thread, other_member, f"Argument {number}", None, "")
        reply.created_at = utcnow() - timedelta(minutes=61 - number)
    db.session.commit()
    auth.login("bob")
    assert send_reply(client, thread, "A later argument").status_code == 302


def test_zero_settings_turn_the_limits_off(client, auth, thread, other_member):
    assert client.application.config["NEW_MEMBER_HOURS"] == 0
    assert client.application.config["NEW_MEMBER_REPLIES"] == 0
    auth.login("bob")
    assert send_reply(client, thread, TWO_LINKS).status_code == 302
    for number in range(6):
        assert send_reply(client, thread, f"Argument {number}").status_code == 302
    assert replies_by(other_member) == 7


# Slow mode ---------------------------------------------------------------------------------


def test_slow_mode_delays_the_second_reply_only(client, auth, thread, other_member, moderator):
    set_slow_mode(moderator, thread, 15 * 60, "Too heated")
    auth.login("bob")
    assert send_reply(client, thread, "My first word").status_code == 302
    answer = send_reply(client, thread, "My second word")
    assert answer.status_code == 429
    assert 0 < int(answer.headers["Retry-After"]) <= 15 * 60
    assert b"This thread is in slow mode" in answer.data
    assert b"My second word" in answer.data
    assert replies_by(other_member) == 1


def test_slow_mode_is_per_thread(client, auth, make_thread, other_member, moderator):
    slow, other = make_thread("A slow thread here"), make_thread("A fast thread here")
    set_slow_mode(moderator, slow, 15 * 60, "Too heated")
    auth.login("bob")
    assert send_reply(client, slow, "First").status_code == 302
    assert send_reply(client, other, "Elsewhere one").status_code == 302
    assert send_reply(client, other, "Elsewhere two").status_code == 302


def test_slow_mode_off_lets_replies_through(client, auth, thread, other_member, moderator):
    set_slow_mode(moderator, thread, 15 * 60, "Too heated")
    set_slow_mode(moderator, thread, 0, "Calm again")
    auth.login("bob")
    assert send_reply(client, thread, "First").status_code == 302
    assert send_reply(client, thread, "Second").status_code == 302


# Automatic cooling -------------------------------------------------------------------------


def test_reports_cool_one_branch_only(client, auth, thread, make_user, member, other_member):
    hot = post_reply(thread, member, "A hot take", None, "support")
    calm = post_reply(thread, member, "A calm take", None, "support")
    under = post_reply(thread, other_member, "Hot answer", hot.id, "challenge")
    post_reply(thread, other_member, "Calm answer", calm.id, "challenge")
    for name in ("r1", "r2", "r3"):
        report_item(make_user(name), thread, under if name != "r1" else hot, "harassment", "")
    db.session.expire_all()
    assert db.session.get(Reply, hot.id).is_cooling
    assert not db.session.get(Reply, calm.id).is_cooling
    row = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "cooling"))
    assert row.moderator_id is None and row.post_id == hot.id
    assert b"the forum (automatic)" in client.get("/mod/log").data

    auth.login("bob")
    refused = send_reply(client, thread, "Hot again", parent=under.id)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert b"cooling down" in refused.data and b"Hot again" in refused.data
    # Elsewhere in the thread, nothing waits.
    assert send_reply(client, thread, "Calm again", parent=calm.id).status_code == 302
    assert send_reply(client, thread, "Top level again").status_code == 302


def test_two_reports_do_not_cool(client, thread, make_user, member):
    hot = post_reply(thread, member, "A hot take", None, "support")
    for name in ("r1", "r2"):
        report_item(make_user(name), thread, hot, "spam", "")
    db.session.expire_all()
    assert not db.session.get(Reply, hot.id).is_cooling


def test_a_first_reply_in_a_cooling_branch_is_not_delayed(
    client, auth, thread, make_user, member, other_member
):
    hot = post_reply(thread, member, "A hot take", None, "support")
    for name in ("r1", "r2", "r3"):
        report_item(make_user(name), thread, hot, "spam", "")
    auth.login("bob")
    assert send_reply(client, thread, "A lone dissent", parent=hot.id).status_code == 302


# At once -----------------------------------------------------------------------------------


def tabs(app, username: str, count: int = 2) -> list:
    """Signed-in clients for one member, each with its own form token."""
    made = []
    for _ in range(count):
        client = app.test_client()
        Auth(client).login(username)
        made.append((client, csrf_from(client.get("/").data)))
    return made


def replies_at_once(app, thread, username: str, texts: list[str]) -> list[int]:
    return at_once(
        app,
        [
            (client, f"/t/{thread.id}/reply", {"csrf_token": token, "body": text, "stance": ""})
            for (client, token), text in zip(tabs(app, username, len(texts)), texts, strict=True)
        ],
    )


def test_fifth_and_sixth_reply_at_once_only_one_passes(app, new_members, thread, other_member):
    for number in range(4):
        post_reply(thread, other_member, f"Argument {number}", None, "")
    thread_id = thread.id
    statuses = replies_at_once(app, thread, "bob", ["The fifth", "The sixth"])
    assert sorted(statuses) == [302, 429]
    db.session.expire_all()
    assert replies_by(other_member) == 5
    assert db.session.get(Thread, thread_id).reply_count == 5


def test_two_replies_at_once_in_slow_mode_only_one_passes(app, thread, other_member, moderator):
    set_slow_mode(moderator, thread, 15 * 60, "Too heated")
    statuses = replies_at_once(app, thread, "bob", ["From one tab", "From another tab"])
    assert sorted(statuses) == [302, 429]
    assert replies_by(other_member) == 1


def test_a_reply_racing_a_lock(app, thread, member, other_member, moderator):
    thread_id = thread.id
    mod_client, mod_token = tabs(app, "mod_carol", 1)[0]
    requests = [
        (mod_client, f"/mod/t/{thread_id}/lock", {"csrf_token": mod_token, "reason": "Stop"})
    ]
    for number, (client, token) in enumerate(tabs(app, "bob", 3)):
        requests.append(
            (client, f"/t/{thread_id}/reply", {"csrf_token": token, "body": f"Race {number}"})
        )
    statuses = at_once(app, requests)
    assert all(status in (302, 403) for status in statuses), statuses
    db.session.expire_all()
    locked = db.session.get(Thread, thread_id)
    assert locked.is_locked
    accepted = replies_by(other_member)
    assert statuses.count(302) == accepted + 1  # the lock and the replies that came first
    assert locked.reply_count == accepted
    # Once the lock stands, nothing more gets in.
    client = app.test_client()
    Auth(client).login("bob")
    assert send_reply(client, locked, "After the race").status_code == 403
    assert replies_by(other_member) == accepted


def test_a_locked_thread_refuses_replies_sent_at_once(app, thread, other_member, moderator):
    lock_thread(moderator, thread, "Stop")
    statuses = replies_at_once(app, thread, "bob", ["Sneaking in", "Me too"])
    assert statuses == [403, 403]
    assert replies_by(other_member) == 0
