"""Votes, positions, follows, preview, new replies and theme: each with and without JSON."""

import threading

from sqlalchemy import func, select

from forum.debate import actions
from forum.extensions import db
from forum.models import Position, Reply, TagFollow, User, Vote
from forum.threads.actions import post_reply
from tests.helpers import post_form

JSON = {"Accept": "application/json"}


def test_vote_toggles_and_counts(client, auth, thread, member, other_member):
    post = post_reply(thread, member, "Convincing?", None, "")
    auth.login("bob")
    first = post_form(client, f"/p/{post.id}/vote", headers=JSON)
    assert first.get_json() == {"voted": True, "count": 1}
    second = post_form(client, f"/p/{post.id}/vote", headers=JSON)
    assert second.get_json() == {"voted": False, "count": 0}
    plain = post_form(client, f"/p/{post.id}/vote")
    assert plain.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Vote)) == 1
    page = client.get(f"/t/{thread.id}/{thread.slug}").data.decode()
    assert 'aria-pressed="true"' in page


def test_cannot_vote_for_own_reply(client, auth, thread, member):
    post = post_reply(thread, member, "Mine", None, "")
    auth.login("alice")
    response = post_form(client, f"/p/{post.id}/vote", headers=JSON)
    assert response.status_code == 403
    assert db.session.scalar(select(func.count()).select_from(Vote)) == 0


def test_vote_needs_login_and_real_post(client, auth, thread, member):
    assert post_form(client, "/p/1/vote").status_code == 401  # asked to log in
    auth.login("alice")
    assert post_form(client, "/p/999/vote").status_code == 404


def test_position_for_against_and_undecided(client, auth, thread, member):
    auth.login("alice")
    url = f"/t/{thread.id}/position"
    counts = ("for_count", "against_count", "undecided_count")
    body = post_form(client, url, {"side": "for"}, headers=JSON).get_json()
    assert body["side"] == "for" and [body[c] for c in counts] == [1, 0, 0]
    assert body["changed"] is False  # the first position is the "before", not a change
    body = post_form(client, url, {"side": "against"}, headers=JSON).get_json()
    assert body["side"] == "against" and [body[c] for c in counts] == [0, 1, 0]
    assert body["changed"] is True
    assert 'id="tally"' in body["tally_html"] and "against 100%" in body["tally_html"]
    assert 'id="swing"' in body["swing_html"]
    body = post_form(client, url, {"side": ""}, headers=JSON).get_json()
    assert body["side"] == "undecided" and [body[c] for c in counts] == [0, 0, 1]
    bad = post_form(client, url, {"side": "sideways"})
    assert bad.status_code == 400
    assert b"Choose for, against or undecided." in bad.data
    position = db.session.scalar(select(Position))
    assert (position.before_side, position.side) == ("for", "undecided")


def test_follow_tag_toggle(client, auth, tags, member):
    auth.login("alice")
    assert post_form(client, "/tags/drones/follow", headers=JSON).get_json() == {"following": True}
    page = client.get("/tags/drones").data.decode()
    assert 'aria-pressed="true"' in page
    assert post_form(client, "/tags/drones/follow").status_code == 302
    assert db.session.scalar(select(func.count()).select_from(TagFollow)) == 0
    assert post_form(client, "/tags/ghost/follow").status_code == 404


def test_preview_renders_sanitized_markdown(client, auth, member):
    auth.login("alice")
    response = post_form(client, "/preview", {"body": "**hi** <script>x</script>"}, headers=JSON)
    html = response.get_json()["html"]
    assert "<strong>hi</strong>" in html
    assert "<script>" not in html
    too_long = post_form(client, "/preview", {"body": "x" * 20_001}, headers=JSON)
    assert too_long.status_code == 400


def test_new_replies_since(client, thread, member):
    first = post_reply(thread, member, "First", None, "")
    post_reply(thread, member, "Second", first.id, "")
    response = client.get(f"/t/{thread.id}/since/{first.id}").get_json()
    assert response["count"] == 1
    assert "Second" in response["html"] and "First" not in response["html"]
    latest = client.get(f"/t/{thread.id}/since/{response['last_id']}").get_json()
    assert latest == {"count": 0, "last_id": response["last_id"], "html": ""}


def test_theme_choice_is_remembered_in_a_cookie(client):
    response = post_form(client, "/theme", {"theme": "dark", "next": "/tags"})
    assert response.headers["Location"] == "/tags"
    assert "theme=dark" in response.headers["Set-Cookie"]
    assert 'data-theme="dark"' in client.get("/").data.decode()
    off_site = post_form(client, "/theme", {"theme": "purple", "next": "https://evil.example"})
    assert off_site.status_code == 302
    assert off_site.headers["Location"] == "/"  # never to the other site
    assert 'data-theme="auto"' in client.get("/").data.decode()


def test_vote_count_always_matches_the_votes(
    app, thread, member, other_member, make_user, monkeypatch
):
    post = post_reply(thread, member, "Count me", None, "")
    for _ in range(5):
        actions.toggle_vote(other_member, post)
    db.session.refresh(post)
    rows = db.session.scalar(select(func.count()).select_from(Vote))
    assert post.vote_count == rows == 1

    # The concurrent branch: carol's second tab records the same vote between this click
    # finding no vote and inserting its own, so this click's insert hits the unique key.
    carol_id, post_id = make_user("carol").id, post.id
    real_toggle_row = actions.toggle_row
    other_tab: list[bool] = []

    def vote_in_the_other_tab():
        with app.app_context():
            other_tab.append(
                actions.toggle_vote(db.session.get(User, carol_id), db.session.get(Reply, post_id))
            )
            db.session.remove()

    def raced_toggle_row(model, **key):
        if threading.current_thread() is not threading.main_thread():
            return real_toggle_row(model, **key)
        db.session.add(model(**key))  # found no vote, so add one...
        racer = threading.Thread(target=vote_in_the_other_tab)
        racer.start()  # ...while the other tab's request commits the same vote
        racer.join(timeout=30)
        return False

    monkeypatch.setattr(actions, "toggle_row", raced_toggle_row)
    carol = db.session.get(User, carol_id)
    assert actions.toggle_vote(carol, db.session.get(Reply, post_id)) is True  # its vote stands
    assert other_tab == [True]
    db.session.expire_all()
    post = db.session.get(Reply, post_id)
    rows = db.session.scalar(select(func.count()).select_from(Vote))
    assert post.vote_count == rows == 2
