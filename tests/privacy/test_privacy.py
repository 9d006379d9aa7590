"""Privacy over HTTP: the page of facts, the member's export and deleting an account."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from config import TestingConfig
from forum import create_app
from forum.accounts.models import AffiliationChange, User, UserSession
from forum.database import utcnow
from forum.debate.models import Credit, Position, PositionChange, Vote
from forum.extensions import db
from forum.following.models import Notification, ThreadFollow
from forum.models import Revision, SourceMark
from forum.moderation.models import Report
from forum.threads.actions import edit_reply, post_reply, start_thread
from tests.helpers import PASSWORD, post_form

JSON = {"Accept": "application/json"}


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def register(client, username: str, email: str):
    data = {"username": username, "email": email, "password": PASSWORD}
    return post_form(client, "/register", data, page="/register")


def delete_account(client, text: str = "keep", password: str = PASSWORD):
    data = {"text": text, "current_password": password}
    return post_form(client, "/settings/delete", data, page="/settings/delete")


@pytest.fixture
def debate(client, auth, member, other_member, tags):
    """A motion by bob that alice argues in, votes on, takes sides on, follows and reports;
    bob answers her and votes for her reply."""
    motion = start_thread(
        other_member, "Face scanning should be banned", "Bob's motion.", ["privacy"]
    )
    mine = post_reply(motion, member, "Alice argues for the ban.", None, "support")
    edit_reply(mine, "Alice argues firmly for the ban.")
    answer = post_reply(motion, other_member, "Bob's secret rebuttal.", mine.id, "challenge")
    own_thread = start_thread(member, "Alice asks about audits", "Alice's question.", ["privacy"])
    auth.login("alice")
    page = f"/t/{motion.id}/{motion.slug}"
    post_form(client, f"/t/{motion.id}/position", {"side": "for"}, page=page)
    post_form(client, f"/t/{motion.id}/position", {"side": "against"}, page=page)
    post_form(client, f"/p/{answer.id}/vote", page=page)
    post_form(client, f"/p/{answer.id}/credit", page=page)
    post_form(client, f"/p/{answer.id}/needs-source", page=page)
    post_form(client, f"/t/{motion.id}/follow", {"level": "watching"}, page=page)
    post_form(
        client, f"/p/{answer.id}/report", {"reason": "spam", "note": "Alice's note"}, page=page
    )
    post_form(
        client,
        "/settings/profile",
        {"bio": "Alice's bio", "affiliation": "academia", "organisation": "Uni of A"},
        page="/settings",
    )
    auth.logout()
    auth.login("bob")
    post_form(client, f"/t/{motion.id}/position", {"side": "for"}, page=page)
    post_form(client, f"/p/{mine.id}/vote", page=page)
    auth.logout()
    return {"motion": motion, "mine": mine, "answer": answer, "own_thread": own_thread}


def test_privacy_page_states_the_running_settings(tmp_path):
    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'other.db'}"
        PASSWORD_RESET_MAX_AGE = 5400
        NEW_MEMBER_HOURS = 48
        NEW_MEMBER_REPLIES = 4
        NEW_MEMBER_REPLIES_PER_HOUR = 7
        LOGIN_FAILURES_ALLOWED = 6
        RATELIMIT_ENABLED = True
        RATELIMIT_POSTING = "9 per minute;99 per day"

    other = create_app(Config)
    page = other.test_client().get("/privacy").get_data(as_text=True)
    assert "for 90 minutes" in page
    assert "48 hours old and has 4 replies, it may post 7 replies an hour" in page
    for cookie in ("session", "remember_token", "theme", "lang", "hidden_tags"):
        assert f"<code>{cookie}</code>" in page
    assert "held back for 90 days" in page
    assert "After 6 wrong passwords" in page
    assert "deleted after 7 days" in page  # the keys that hash client addresses
    assert "<dd>9 a minute, 99 a day</dd>" in page


def test_privacy_page_is_linked_from_footer_and_settings(client, auth, member):
    assert 'href="/privacy"' in client.get("/").get_data(as_text=True)
    auth.login("alice")
    settings = client.get("/settings").get_data(as_text=True)
    for link in ("/privacy", "/settings/export", "/settings/delete"):
        assert f'href="{link}"' in settings


def test_export_holds_all_of_the_members_data_and_nobody_elses(client, auth, debate):
    auth.login("alice")
    response = client.get("/settings/export")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.data)
    profile = data["profile"]
    assert (profile["username"], profile["email"]) == ("alice", "alice@example.org")
    assert profile["bio"] == "Alice's bio"
    assert profile["affiliation_history"][0]["organisation"] == "Uni of A"
    assert [t["title"] for t in data["threads"]] == ["Alice asks about audits"]
    reply = data["replies"][0]
    assert reply["body"] == "Alice argues firmly for the ban."
    assert reply["revisions"][0]["body"] == "Alice argues for the ban."
    assert [p["side"] for p in data["positions"]] == ["against"]
    history = [(c["previous_side"], c["side"]) for c in data["position_history"]]
    assert history == [(None, "for"), ("for", "against")]
    answer_id = debate["answer"].id
    assert [v["reply_id"] for v in data["votes"]] == [answer_id]
    assert [c["reply_id"] for c in data["credits"]] == [answer_id]
    assert [m["reply_id"] for m in data["needs_source_marks"]] == [answer_id]
    assert data["reports_filed"][0]["note"] == "Alice's note"
    assert data["thread_follows"][0]["level"] == "watching"
    assert any(n["reply_id"] == answer_id for n in data["notifications"])
    assert data["sessions"] and data["sessions"][0]["started_at"]
    text = response.get_data(as_text=True)
    # Another member's text, email and votes, and any session token, are absent.
    for foreign in ("Bob's secret rebuttal", "Bob's motion", "bob@example.org", '"bob"'):
        assert foreign not in text
    assert debate["mine"].id not in [v["reply_id"] for v in data["votes"]]
    assert "token" not in text


def test_export_needs_a_login(client, member):
    response = client.get("/settings/export")
    assert response.status_code in (302, 401)
    assert "Content-Disposition" not in response.headers


def test_delete_keeping_text_leaves_discussion_under_deleted_member(client, auth, debate):
    mine, answer, motion = debate["mine"], debate["answer"], debate["motion"]
    alice_id = mine.author_id
    auth.login("alice")
    response = delete_account(client, "keep")
    assert response.status_code == 302
    alice = db.session.get(User, alice_id)
    assert alice.is_deleted and "@" not in alice.email
    assert "alice@example.org" not in {u.email for u in db.session.scalars(select(User))}
    assert (alice.bio, alice.organisation) == ("", "")
    assert count(AffiliationChange, AffiliationChange.user_id == alice_id) == 0
    for model in (Vote, Credit, SourceMark, Position, PositionChange, ThreadFollow):
        assert count(model, model.user_id == alice_id) == 0
    assert count(Notification, Notification.user_id == alice_id) == 0
    assert count(UserSession, UserSession.user_id == alice_id) == 0
    db.session.expire_all()
    # The counters her votes fed are counted again; bob's vote for her reply stays.
    assert (answer.vote_count, answer.credit_count, answer.needs_source_count) == (0, 0, 0)
    assert mine.vote_count == 1
    # She is logged out, her text stays, shown under "deleted member".
    assert client.get("/settings").status_code in (302, 401)
    page = client.get(f"/t/{motion.id}/{motion.slug}").get_data(as_text=True)
    assert "Alice argues firmly for the ban." in page
    assert "deleted member" in page
    assert 'href="/u/alice"' not in page
    assert "Bob&#39;s secret rebuttal." in page or "Bob's secret rebuttal." in page
    # The tally counts bob alone now.
    assert count(Position, Position.thread_id == motion.id) == 1
    # Her reports stay with the moderators.
    assert count(Report, Report.reporter_id == alice_id) == 1
    assert client.get("/u/alice").status_code == 404
    assert auth.login("alice").status_code == 400
    assert auth.login(f"deleted-{alice_id}").status_code == 400


def test_delete_removing_text_leaves_placeholders_and_the_tree(client, auth, debate):
    mine, answer, motion = debate["mine"], debate["answer"], debate["motion"]
    own = debate["own_thread"]
    auth.login("alice")
    assert delete_account(client, "remove").status_code == 302
    db.session.expire_all()
    assert mine.is_deleted and mine.body_source == ""
    assert count(Revision, Revision.post_id == mine.id) == 0
    assert answer.parent_id == mine.id and not answer.is_deleted
    assert motion.reply_count == 1
    assert own.body_source == "" and own.title == "[deleted]"
    page = client.get(f"/t/{motion.id}/{motion.slug}").get_data(as_text=True)
    assert "Alice argues" not in page
    assert "secret rebuttal" in page
    assert client.get(f"/t/{own.id}").status_code in (200, 301, 302, 308)
    # Nothing of hers is found by search any more.
    assert "Alice argues" not in client.get("/search?q=firmly").get_data(as_text=True)
    assert "Alice asks" not in client.get("/search?q=audits").get_data(as_text=True)


def test_wrong_password_refuses_and_changes_nothing(client, auth, debate):
    auth.login("alice")
    response = delete_account(client, "remove", password="not my password")
    assert response.status_code == 400
    assert "That is not your current password." in response.get_data(as_text=True)
    alice = db.session.scalar(select(User).where(User.username_key == "alice"))
    db.session.refresh(alice)
    assert not alice.is_deleted and alice.email == "alice@example.org"
    assert count(Vote, Vote.user_id == alice.id) == 1
    assert count(Position, Position.user_id == alice.id) == 1
    assert client.get("/settings").status_code == 200


def test_delete_needs_a_csrf_token(client, auth, member):
    auth.login("alice")
    client.get("/settings/delete")
    response = client.post("/settings/delete", data={"text": "keep", "current_password": PASSWORD})
    assert response.status_code == 400
    db.session.refresh(member)
    assert not member.is_deleted


def test_deleted_name_is_held_then_freed(client, auth, runner, member):
    member_id = member.id
    auth.login("alice")
    delete_account(client)
    for name in ("alice", "ALICE", "a1ice"):
        response = register(client, name, f"{name.lower()}@example.net")
        assert response.status_code == 400, name
    assert count(User) == 1
    # Nothing is freed before the hold ends.
    assert "Freed 0 names." in runner.invoke(args=["free-names"]).output
    user = db.session.get(User, member_id)
    user.name_held_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert "Freed 1 name." in runner.invoke(args=["free-names"]).output
    db.session.expire_all()
    assert db.session.get(User, member_id).username == f"deleted-{member_id}"
    assert register(client, "alice", "new-alice@example.net").status_code == 302


def test_moderators_never_see_emails_and_admins_do(client, auth, debate, moderator, make_user):
    make_user("root_admin", role="admin")
    motion, mine = debate["motion"], debate["mine"]
    auth.login("mod_carol")
    pages = ["/mod/queue", f"/mod/t/{motion.id}", f"/mod/p/{mine.id}", "/mod/u/alice", "/mod/log"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "@example.org" not in response.get_data(as_text=True), url
    auth.logout()
    auth.login("root_admin")
    assert "alice@example.org" in client.get("/admin/users").get_data(as_text=True)


def delete_thread(client, thread, text: str = "keep", password: str = PASSWORD):
    url = f"/t/{thread.id}/delete"
    return post_form(client, url, {"text": text, "current_password": password}, page=url)


def test_author_deletes_a_thread_and_its_replies_stay(client, auth, member, other_member, tags):
    thread = start_thread(member, "Alice opens a question", "Alice's opening text.", ["privacy"])
    first = post_reply(thread, member, "Alice adds context.", None, "clarify")
    answer = post_reply(thread, other_member, "Bob answers Alice.", first.id, "clarify")
    auth.login("alice")
    page = client.get(f"/t/{thread.id}/{thread.slug}").get_data(as_text=True)
    assert f'href="/t/{thread.id}/delete"' in page
    assert delete_thread(client, thread, "keep", "wrong password").status_code == 400
    db.session.refresh(thread)
    assert thread.title == "Alice opens a question"
    assert delete_thread(client, thread, "remove").status_code == 302
    db.session.expire_all()
    assert (thread.title, thread.body_source) == ("[deleted]", "")
    assert count(Revision, Revision.thread_id == thread.id) == 0
    assert first.is_deleted and not answer.is_deleted and answer.parent_id == first.id
    page = client.get(f"/t/{thread.id}/{thread.slug}").get_data(as_text=True)
    assert "Bob answers Alice." in page
    assert "Alice's opening text" not in page and "Alice adds context" not in page
    # Deleted means deleted: the author cannot edit the text back in.
    assert client.get(f"/t/{thread.id}/edit").status_code == 403
    edit = {"title": "Back again", "body": "Alice's opening text.", "tags": "privacy"}
    assert post_form(client, f"/t/{thread.id}/edit", edit, "/").status_code == 403


def test_only_the_author_deletes_a_thread(client, auth, member, other_member, tags):
    thread = start_thread(member, "Alice opens a question", "Alice's opening text.", ["privacy"])
    auth.login("bob")
    assert client.get(f"/t/{thread.id}/delete").status_code == 403
    assert delete_thread(client, thread, "keep").status_code == 403
    db.session.refresh(thread)
    assert thread.title == "Alice opens a question"
