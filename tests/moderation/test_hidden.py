"""Hidden content does not leak: not on any page, feed, profile, map or script answer, except
to its author and the moderators, who see it marked hidden."""

import feedparser
import pytest

from forum.extensions import db
from forum.models import Position, Reply, Vote
from forum.moderation.actions import hide_item, retitle_thread
from forum.threads.actions import edit_reply, edit_thread, post_reply, start_thread
from tests.helpers import Auth, post_form

SECRET = b"555-0100"  # in the hidden reply's text
TITLE = b"Secret motion about drones"  # the hidden thread's title


@pytest.fixture
def hidden_reply(app, thread, other_member, make_user, moderator):
    """bob's argument with a phone number, hidden, with an answer under it that stays."""
    make_user("troll")
    reply = post_reply(thread, other_member, "Call me on 555-0100.", None, "support")
    edit_reply(reply, "Call me on 555-0100 today.")
    child = post_reply(thread, moderator, "An answer that stays visible.", reply.id, "challenge")
    hide_item(moderator, reply, "Doxxing")
    return reply.id, child.id


@pytest.fixture
def hidden_thread(app, make_user, tags, moderator):
    """troll's motion, retitled once and edited once, then hidden, with a reply by bob."""
    troll = make_user("troll")
    bob = make_user("bob")
    motion = start_thread(troll, "Secret motion about drones", "A 555-0100 body.", ["drones"])
    reply = post_reply(motion, bob, "Secret reply 555-0100.", None, "support")
    edit_thread(motion, "Secret motion about drones", "A 555-0100 body!", ["drones"])
    retitle_thread(moderator, motion, "Secret motion about drones, retitled", "Clearer")
    hide_item(moderator, motion, "Spam ring")
    return motion.id, motion.slug, reply.id


def as_reader(client, who):
    if who != "visitor":
        Auth(client).login(who)


READERS = ["visitor", "alice"]  # alice is a member who wrote neither


@pytest.mark.parametrize("who", READERS)
def test_hidden_reply_is_a_reason_everywhere(client, thread, hidden_reply, who):
    reply_id, child_id = hidden_reply
    as_reader(client, who)
    for url in (f"/t/{thread.id}/{thread.slug}", f"/p/{reply_id}", f"/p/{child_id}"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert SECRET not in page.data, url
        assert b"Removed by moderators: Doxxing" in page.data or url == f"/p/{child_id}"
        assert b"bob" not in page.data, url  # the author's name goes with the text
    # Replies under it stay.
    assert b"An answer that stays visible." in client.get(f"/t/{thread.id}/{thread.slug}").data
    assert b"An answer that stays visible." in client.get(f"/p/{child_id}").data
    since = client.get(f"/t/{thread.id}/since/0").get_json()
    assert since["count"] == 2
    assert "555-0100" not in since["html"] and "bob" not in since["html"]
    assert "An answer that stays visible." in since["html"]
    motion_map = client.get(f"/t/{thread.id}/{thread.slug}/map")
    assert motion_map.status_code == 200 and SECRET not in motion_map.data
    profile = client.get("/u/bob")
    assert profile.status_code == 200 and SECRET not in profile.data
    assert client.get(f"/p/{reply_id}/history").status_code == 403


@pytest.mark.parametrize("who", ["bob", "mod_carol"])
def test_author_and_moderators_see_the_hidden_reply_marked(client, thread, hidden_reply, who):
    reply_id, _child = hidden_reply
    Auth(client).login(who)
    for url in (f"/t/{thread.id}/{thread.slug}", f"/p/{reply_id}"):
        page = client.get(url).data
        assert SECRET in page and b"Hidden by moderators: Doxxing" in page
    assert SECRET in client.get("/u/bob").data
    assert client.get(f"/p/{reply_id}/history").status_code == 200


def test_a_deep_hidden_reply_stays_hidden_on_its_continue_page(
    client, thread, member, other_member, moderator
):
    parent = None
    for depth in range(1, 9):
        text = "Deep 555-0100 secret." if depth == 7 else f"Level {depth}"
        parent = post_reply(thread, other_member if depth == 7 else member, text, parent, "")
        parent = parent.id
        if depth == 6:
            continue_root = parent
        if depth == 7:
            deep = parent
    hide_item(moderator, db.session.get(Reply, deep), "Doxxing")
    for url in (
        f"/t/{thread.id}/{thread.slug}",
        f"/p/{continue_root}",
        f"/p/{deep}",
        f"/p/{parent}",
    ):
        page = client.get(url)
        assert page.status_code == 200 and SECRET not in page.data, url
    continued = client.get(f"/p/{continue_root}").data
    assert b"Removed by moderators: Doxxing" in continued and b"Level 8" in continued


def test_history_pages_are_for_the_author_and_moderators(
    client, thread, member, other_member, moderator
):
    edit_thread(thread, thread.title, "A first draft with 555-0100.", ["drones"])
    reply = post_reply(thread, other_member, "Call 555-0100.", None, "")
    edit_reply(reply, "Call me.")
    for who, status in (("visitor", 403), ("bob", 403), ("alice", 200), ("mod_carol", 200)):
        client = client.application.test_client()
        as_reader(client, who)
        assert client.get(f"/t/{thread.id}/history").status_code == status, who
    for who, status in (("visitor", 403), ("alice", 403), ("bob", 200), ("mod_carol", 200)):
        client = client.application.test_client()
        as_reader(client, who)
        answer = client.get(f"/p/{reply.id}/history")
        assert answer.status_code == status, who
        assert (SECRET in answer.data) is (status == 200)
    # Readers see "edited" without a link to the versions.
    page = client.application.test_client().get(f"/t/{thread.id}/{thread.slug}").data
    assert f"/p/{reply.id}/history".encode() not in page


HIDDEN_THREAD_PAGES = (
    "/t/{id}",
    "/t/{id}/{slug}",
    "/t/{id}/{slug}/map",
    "/t/{id}/history",
    "/t/{id}/since/0",
    "/t/{id}/summary/history",
    "/t/{id}/report",
    "/p/{reply}",
    "/p/{reply}/history",
    "/p/{reply}/report",
)


@pytest.mark.parametrize("who", ["visitor", "bob"])
def test_hidden_thread_is_gone_on_all_its_pages(client, hidden_thread, who):
    thread_id, slug, reply_id = hidden_thread
    as_reader(client, who)
    for url in HIDDEN_THREAD_PAGES:
        url = url.format(id=thread_id, slug=slug, reply=reply_id)
        answer = client.get(url)
        if who == "visitor" and url.endswith("/report"):
            assert answer.status_code == 302, url  # log in first
            continue
        assert answer.status_code == 410, url
        assert b"Removed by moderators: Spam ring" in answer.data, url
        assert SECRET not in answer.data and b"Secret" not in answer.data, url
    for url in ("/", "/tags/drones", "/u/troll", "/u/bob", "/mod/log", "/mod/log.atom"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert b"Secret" not in page.data and SECRET not in page.data, url


@pytest.mark.parametrize("who", ["troll", "mod_carol"])
def test_author_and_moderators_still_see_a_hidden_thread(client, hidden_thread, who):
    thread_id, slug, reply_id = hidden_thread
    Auth(client).login(who)
    page = client.get(f"/t/{thread_id}/{slug}")
    assert page.status_code == 200
    assert TITLE in page.data and b"Hidden by moderators: Spam ring" in page.data
    assert client.get(f"/t/{thread_id}/history").status_code == 200
    assert client.get(f"/p/{reply_id}").status_code == 200


def test_hidden_thread_refuses_replies_and_positions(client, hidden_thread, member):
    thread_id, _slug, _reply_id = hidden_thread
    Auth(client).login("alice")
    replies = db.session.query(Reply).count()
    for url, data in (
        (f"/t/{thread_id}/reply", {"body": "Still here?", "stance": ""}),
        (f"/t/{thread_id}/position", {"side": "for"}),
    ):
        answer = post_form(client, url, data)
        assert answer.status_code == 410, url
    assert db.session.query(Reply).count() == replies
    assert db.session.query(Position).count() == 0


@pytest.mark.parametrize("action", ["vote", "needs-source"])
def test_hidden_thread_refuses_votes(client, hidden_thread, member, action):
    _thread_id, _slug, reply_id = hidden_thread
    Auth(client).login("alice")
    answer = post_form(client, f"/p/{reply_id}/{action}")
    assert answer.status_code in (403, 410)
    assert db.session.query(Vote).count() == 0


def test_log_names_removed_content_without_linking_it(client, thread, hidden_reply):
    reply_id, _child = hidden_reply
    log = client.get("/mod/log").data
    assert b"removed content" in log
    assert f"/p/{reply_id}".encode() not in log and SECRET not in log
    feed = feedparser.parse(client.get("/mod/log.atom").data)
    assert not feed.bozo and feed.version == "atom10"
    assert all("555-0100" not in entry.summary for entry in feed.entries)
