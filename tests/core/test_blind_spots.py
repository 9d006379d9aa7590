"""Behaviours a review broke one at a time without any test noticing (issue 14), and claims
the README makes: each test here fails when its behaviour is broken."""

import html
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, update

from config import ProductionConfig
from forum import create_app
from forum.debate.models import Vote
from forum.extensions import db
from forum.markup import RENDERER_VERSION, render_markdown
from forum.models import Reply, Revision, Thread
from forum.threads.actions import delete_reply, edit_reply, post_reply, start_thread
from tests.helpers import PASSWORD, post_form

JSON = {"Accept": "application/json"}
TITLE = re.compile(r'class="thread-title"><a href="[^"]+">([^<]+)</a>')
NEXT_PAGE = re.compile(r'<a rel="next" href="([^"]+)"')


def count(model, **where) -> int:
    query = select(func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return db.session.scalar(query)


def walk_listing(client, url: str) -> list[str]:
    """Every thread title a reader meets following "Older threads" links from `url`."""
    seen, pages = [], 0
    while url:
        page = client.get(url)
        assert page.status_code == 200, url
        text = page.get_data(as_text=True)
        seen += [html.unescape(title) for title in TITLE.findall(text)]
        following = NEXT_PAGE.search(text)
        url = html.unescape(following[1]) if following else None
        pages += 1
        assert pages < 20, "the listing never ends"
    return seen


# -- Markdown: raw HTML is shown as text, never a live tag --------------------------------


@pytest.mark.parametrize(
    "source",
    [
        '<a href="https://example.org/x">click</a>',
        "<b>bold</b> and <em>em</em>",
        '<p title="x">para</p>',
    ],
)
def test_raw_html_in_markdown_is_shown_as_text(source):
    rendered = render_markdown(source)
    assert "&lt;" in rendered  # the tag is visible as typed
    # A bare address may still be linked (to itself), but the typed tag never is.
    assert ">click</a>" not in rendered
    assert "<b>" not in rendered and "<em>" not in rendered and '<p title="x">' not in rendered


def test_a_raw_link_in_a_reply_is_not_a_link_on_the_page(client, auth, thread, member):
    auth.login("alice")
    body = 'Look <a href="https://example.org/raw">here</a>'
    assert post_form(client, f"/t/{thread.id}/reply", {"body": body}).status_code == 302
    page = client.get(f"/t/{thread.id}/{thread.slug}").get_data(as_text=True)
    assert ">here</a>" not in page  # the typed tag is not a live link
    assert "&lt;a href=" in page and "&gt;here&lt;/a&gt;" in page  # shown as typed


# -- Deleting a reply removes its text and its earlier versions ----------------------------


def test_a_deleted_reply_leaves_no_text_and_no_history(
    client, auth, thread, other_member, moderator
):
    post = post_reply(thread, other_member, "First words, 555-0100.", None, "")
    edit_reply(post, "Second words, 555-0100 still.")
    assert count(Revision, post_id=post.id) == 1
    auth.login("bob")
    assert post_form(client, f"/p/{post.id}/delete", page=f"/p/{post.id}").status_code == 302
    auth.logout()
    assert count(Revision, post_id=post.id) == 0
    db.session.refresh(post)
    assert post.body_source == "" and "555-0100" not in post.body_html
    auth.login("mod_carol")  # moderators may read any history: nothing is left to read
    history = client.get(f"/p/{post.id}/history")
    assert history.status_code == 200
    assert b"555-0100" not in history.data and b"words" not in history.data


# -- The listing cursor: threads with the same activity time are each listed once ----------


def test_threads_with_equal_activity_times_are_each_listed_once(client, app, make_thread):
    app.config["THREADS_PER_PAGE"] = 2
    titles = [f"Tied thread number {n}" for n in range(7)]
    for title in titles:
        make_thread(title)
    same = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    db.session.execute(update(Thread).values(last_activity_at=same))
    db.session.commit()
    seen = walk_listing(client, "/")
    assert sorted(seen) == sorted(titles)
    assert len(seen) == len(set(seen)) == 7


def test_tag_pages_page_by_cursor_too(client, app, make_thread):
    """README: `/tags/<slug>` lists the tag's threads, paged like the home page."""
    app.config["THREADS_PER_PAGE"] = 2
    mine = [f"Drones thread {n}" for n in range(5)]
    for title in mine:
        make_thread(title, tag_slugs=("drones",))
    make_thread("Privacy only thread", tag_slugs=("privacy",))
    first = client.get("/tags/drones").get_data(as_text=True)
    assert len(TITLE.findall(first)) == 2 and NEXT_PAGE.search(first)
    seen = walk_listing(client, "/tags/drones")
    assert seen == list(reversed(mine))  # newest first, every one once, nothing from elsewhere


# -- Accounts ------------------------------------------------------------------------------


@pytest.mark.parametrize("current", ["", "not my password at all"])
@pytest.mark.parametrize("route", ["/settings/password", "/settings"])
def test_a_password_change_needs_the_current_password(client, auth, member, route, current):
    auth.login("alice")
    data = {"form": "password", "current_password": current, "new_password": "a brand new secret"}
    if not current:
        del data["current_password"]
    answer = post_form(client, route, data, "/settings")
    assert answer.status_code == 400
    auth.logout()
    assert auth.login("alice", "a brand new secret").status_code == 400
    assert auth.login("alice", PASSWORD).status_code == 302


# -- Debate --------------------------------------------------------------------------------


def test_a_deleted_reply_cannot_be_voted(client, auth, thread, member, other_member):
    post = post_reply(thread, member, "Soon deleted", None, "")
    delete_reply(post)
    auth.login("bob")
    for headers in (JSON, {}):
        answer = post_form(client, f"/p/{post.id}/vote", headers=headers)
        assert answer.status_code == 403
    assert count(Vote) == 0
    db.session.refresh(post)
    assert post.vote_count == 0


@pytest.mark.parametrize("stance", ["support", "challenge", "clarify"])
def test_the_reply_route_keeps_the_stance(client, auth, member, other_member, tags, stance):
    motion = start_thread(member, "Cameras on every corner", "Yes?", ["privacy"], "motion")
    parent = post_reply(motion, member, "Cameras deter theft.", None, "support")
    auth.login("bob")
    data = {"body": f"A reply that means to {stance}", "parent_id": str(parent.id)}
    answer = post_form(client, f"/t/{motion.id}/reply", {**data, "stance": stance})
    assert answer.status_code == 302
    stored = db.session.scalar(select(Reply).where(Reply.body_source == data["body"]))
    assert stored.stance == stance


# -- Preferences: /theme never sends a reader to another site ------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "http:evil.example",
        "javascript:alert(1)",
    ],
)
def test_theme_next_never_leaves_the_site(client, target):
    answer = post_form(client, "/theme", {"theme": "dark", "next": target})
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/"


def test_theme_next_follows_a_local_path(client):
    answer = post_form(client, "/theme", {"theme": "light", "next": "/tags?sort=x"})
    assert answer.headers["Location"] == "/tags?sort=x"


# -- Production configuration --------------------------------------------------------------


@pytest.mark.parametrize(
    "address", ["http://forum.example", "HTTP://forum.example", "forum.example", "ftp://x"]
)
def test_production_refuses_a_public_url_that_is_not_https(monkeypatch, tmp_path, address):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("PUBLIC_URL", address)

    class Config(ProductionConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'p.db'}"

    with pytest.raises(RuntimeError, match="PUBLIC_URL"):
        create_app(Config)


# -- README: rerender --all, role badges --------------------------------------------------


def test_rerender_all_refreshes_current_posts_too(runner, thread, member):
    reply = post_reply(thread, member, "A **reply**", None, "")
    for item in (thread, reply):
        item.body_html = "hand-edited"  # current version, so plain `rerender` leaves it
        assert item.render_version == RENDERER_VERSION
    db.session.commit()
    plain = runner.invoke(args=["rerender"])
    assert plain.exit_code == 0 and "Re-rendered 0 posts." in plain.output
    db.session.refresh(thread)
    assert thread.body_html == "hand-edited"
    everything = runner.invoke(args=["rerender", "--all"])
    assert everything.exit_code == 0 and "Re-rendered 2 posts." in everything.output
    db.session.refresh(thread)
    db.session.refresh(reply)
    assert "<strong>argument</strong>" in thread.body_html
    assert "<strong>reply</strong>" in reply.body_html


def test_staff_names_carry_a_role_badge_and_members_none(client, thread, member, make_user):
    moderator = make_user("mod_carol", role="moderator")
    admin = make_user("root", role="admin")
    for author in (moderator, admin, member):
        post_reply(thread, author, f"Words from {author.username}", None, "")
    page = client.get(f"/t/{thread.id}/{thread.slug}").get_data(as_text=True)
    badges = re.findall(
        r'<a class="user" href="/u/([a-z_]+)">(?:(?!</a>).)*</a>\s*'
        r'<span class="badge badge-staff" title="([^"]+)"><span aria-hidden="true">◆ </span>'
        r"([^<]+)</span>",
        page,
    )
    names = {name: label for name, _title, label in badges}
    assert names == {"mod_carol": "Moderator", "root": "Admin"}, badges
    assert client.get("/u/mod_carol").get_data(as_text=True).count("badge-staff") >= 1
    assert "badge-staff" not in client.get("/u/alice").get_data(as_text=True)
