"""Follow levels for tags and threads, muting for members and guests, the feed and unread counts."""

import re

import pytest
from sqlalchemy import select

from forum.extensions import db
from forum.following.models import ThreadFollow, ThreadRead
from forum.models import Tag, TagFollow
from forum.querycount import counting_queries
from tests.helpers import post_form


def tag_level(user, slug):
    """The stored level of a member for a tag ("normal" when no row)."""
    tag = db.session.scalar(select(Tag).where(Tag.slug == slug))
    row = db.session.get(TagFollow, (user.id, tag.id))
    return row.level if row else "normal"


def thread_level(user, thread):
    row = db.session.get(ThreadFollow, (user.id, thread.id))
    return row.level if row else "normal"


def titles(client, url):
    """The thread titles a listing page shows."""
    page = client.get(url).get_data(as_text=True)
    return set(re.findall(r'class="thread-title"><a href="[^"]+">([^<]+)</a>', page))


@pytest.mark.parametrize("level", ["watching", "following", "normal", "muted"])
def test_member_sets_each_level_for_a_tag(client, auth, member, tags, level):
    auth.login("alice")
    json = post_form(
        client, "/tags/drones/follow", {"level": level}, headers={"Accept": "application/json"}
    )
    assert json.get_json() == {"following": level == "following", "level": level}
    response = post_form(client, "/tags/drones/follow", {"level": level}, page="/tags/drones")
    assert response.status_code == 302
    assert tag_level(member, "drones") == level
    page = client.get("/tags/drones").get_data(as_text=True)
    assert f'<option value="{level}" selected>' in page


@pytest.mark.parametrize("level", ["watching", "following", "normal", "muted"])
def test_member_sets_each_level_for_a_thread(client, auth, other_member, thread, level):
    auth.login("bob")
    url = f"/t/{thread.id}/{thread.slug}"
    response = post_form(client, f"/t/{thread.id}/follow", {"level": level}, page=url)
    assert response.status_code == 302
    assert thread_level(other_member, thread) == level
    assert f'<option value="{level}" selected>' in client.get(url).get_data(as_text=True)


def test_an_unknown_level_is_refused(client, auth, member, thread):
    auth.login("alice")
    page = f"/t/{thread.id}/{thread.slug}"
    assert post_form(client, f"/t/{thread.id}/follow", {"level": "x"}, page=page).status_code == 400
    assert (
        post_form(client, "/tags/drones/follow", {"level": "x"}, page="/tags/drones").status_code
        == 400
    )


def test_follow_without_a_level_still_toggles_following(client, auth, member, tags):
    auth.login("alice")
    json = {"headers": {"Accept": "application/json"}}
    first = post_form(client, "/tags/drones/follow", page="/tags/drones", **json)
    assert first.get_json() == {"following": True}
    assert tag_level(member, "drones") == "following"
    second = post_form(client, "/tags/drones/follow", page="/tags/drones", **json)
    assert second.get_json()["following"] is False
    assert tag_level(member, "drones") == "normal"


def test_following_needs_an_account(client, thread):
    response = post_form(client, f"/t/{thread.id}/follow", {"level": "muted"})
    assert response.status_code in (302, 401)
    assert (
        db.session.scalars(select(ThreadFollow).where(ThreadFollow.level == "muted")).first()
        is None
    )


def test_muted_tag_hides_its_threads_except_on_its_own_page(client, auth, make_thread, member):
    make_thread("About robots at work", tag_slugs=("robotics", "ethics"))
    make_thread("About drones in cities", tag_slugs=("drones",))
    auth.login("alice")
    post_form(client, "/tags/robotics/follow", {"level": "muted"}, page="/tags/robotics")
    assert titles(client, "/") == {"About drones in cities"}
    assert titles(client, "/tags/ethics") == set()
    assert titles(client, "/tags/robotics") == {"About robots at work"}


def test_guest_hides_a_tag_with_a_cookie(client, make_thread):
    make_thread("About robots at work", tag_slugs=("robotics",))
    make_thread("About drones in cities", tag_slugs=("drones",))
    page = client.get("/tags/robotics").get_data(as_text=True)
    assert "Hide #robotics from the home page" in page
    response = post_form(client, "/tags/robotics/hide", {"hidden": "y"}, page="/tags/robotics")
    cookie = response.headers["Set-Cookie"]
    assert "hidden_tags=robotics" in cookie
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=31536000" in cookie
    assert titles(client, "/") == {"About drones in cities"}
    assert titles(client, "/tags/robotics") == {"About robots at work"}
    assert "Show #robotics on the home page" in client.get("/tags/robotics").get_data(as_text=True)
    post_form(client, "/tags/robotics/hide", {}, page="/tags/robotics")
    assert titles(client, "/") == {"About robots at work", "About drones in cities"}


def test_a_forged_cookie_is_harmless(client, make_thread):
    make_thread("About drones in cities", tag_slugs=("drones",))
    client.set_cookie("hidden_tags", "'; DROP TABLE tags;--," + "x" * 500 + ",%,_")
    assert titles(client, "/") == {"About drones in cities"}


def test_starting_and_replying_watch_the_thread(client, auth, member, other_member, thread, answer):
    assert thread_level(member, thread) == "watching"
    answer(thread, other_member)
    assert thread_level(other_member, thread) == "watching"


def test_automatic_watching_can_be_switched_off(client, auth, other_member, thread, answer):
    auth.login("bob")
    response = post_form(client, "/settings/following", {}, page="/settings")
    assert response.status_code == 302
    answer(thread, other_member)
    assert thread_level(other_member, thread) == "normal"


def test_replying_keeps_a_level_the_member_chose(client, auth, other_member, thread, answer):
    auth.login("bob")
    post_form(client, f"/t/{thread.id}/follow", {"level": "muted"}, page="/")
    answer(thread, other_member)
    assert thread_level(other_member, thread) == "muted"


def test_feed_lists_followed_tags_and_threads_minus_muted(
    client, auth, make_thread, make_user, other_member
):
    carol = make_user("carol")
    make_thread("Drones over the stadium", tag_slugs=("drones",))
    make_thread("Drones and robots together", tag_slugs=("drones", "robotics"))
    lone = make_thread("Privacy at the border", tag_slugs=("privacy",))
    make_thread("Ethics of policing", tag_slugs=("ethics",), author=carol)
    auth.login("bob")
    assert titles(client, "/feed") == set()
    post_form(client, "/tags/drones/follow", {"level": "following"}, page="/")
    post_form(client, "/tags/robotics/follow", {"level": "muted"}, page="/")
    post_form(client, f"/t/{lone.id}/follow", {"level": "watching"}, page="/")
    assert titles(client, "/feed") == {"Drones over the stadium", "Privacy at the border"}
    post_form(client, f"/t/{lone.id}/follow", {"level": "muted"}, page="/")
    assert titles(client, "/feed") == {"Drones over the stadium"}


def test_feed_needs_an_account(client):
    assert client.get("/feed").status_code == 302


def test_feed_pages_with_after(client, app, auth, make_thread, other_member):
    app.config["THREADS_PER_PAGE"] = 2
    for number in range(5):
        make_thread(f"Drone thread number {number}")
    auth.login("bob")
    post_form(client, "/tags/drones/follow", {"level": "watching"}, page="/")
    seen, url = [], "/feed"
    while url:
        page = client.get(url).get_data(as_text=True)
        seen += re.findall(r'class="thread-title"><a href="[^"]+">([^<]+)</a>', page)
        more = re.search(r'rel="next" href="([^"]+)"', page)
        url = more[1].replace("&amp;", "&") if more else None
    assert seen == [f"Drone thread number {n}" for n in range(4, -1, -1)]


def test_feed_shows_new_and_unread_counts_across_visits(
    client, auth, thread, member, other_member, answer
):
    auth.login("bob")
    post_form(client, "/tags/drones/follow", {"level": "following"}, page="/")
    assert "data-unread>new<" in client.get("/feed").get_data(as_text=True)
    client.get(f"/t/{thread.id}/{thread.slug}")
    assert "data-unread" not in client.get("/feed").get_data(as_text=True)
    for _ in range(3):
        answer(thread, member, body=f"Another point {_}")
    assert "data-unread>3 new<" in client.get("/feed").get_data(as_text=True)
    client.get(f"/t/{thread.id}/{thread.slug}")
    assert "data-unread" not in client.get("/feed").get_data(as_text=True)


def test_thread_page_marks_new_replies_and_links_to_the_first(
    client, auth, thread, member, other_member, answer
):
    old = answer(thread, member, body="Seen before")
    auth.login("bob")
    url = f"/t/{thread.id}/{thread.slug}"
    first_visit = client.get(url).get_data(as_text=True)
    assert "Jump to the first new reply" not in first_visit
    assert 'class="reply new"' not in first_visit
    new = answer(thread, member, body="Fresh argument")
    answer(thread, member, body="Fresher argument")
    second = client.get(url).get_data(as_text=True)
    assert f'class="reply new" id="p{new.id}"' in second
    assert f'class="reply" id="p{old.id}"' in second
    assert f'#p{new.id}">Jump to the first new reply' in second
    third = client.get(url).get_data(as_text=True)
    assert 'class="reply new"' not in third


def test_a_read_position_is_one_row_and_never_moves_back(
    client, auth, thread, other_member, answer
):
    answer(thread, other_member)
    auth.login("bob")
    url = f"/t/{thread.id}/{thread.slug}"
    client.get(url)
    client.get(url)
    rows = list(db.session.scalars(select(ThreadRead)))
    assert len(rows) == 1 and rows[0].user_id == other_member.id


def test_anonymous_reads_write_nothing(client, thread, other_member, answer):
    answer(thread, other_member)
    for url in (f"/t/{thread.id}/{thread.slug}", "/", "/tags/drones", "/tags/robotics"):
        with counting_queries() as statements:
            assert client.get(url).status_code == 200
        assert not [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert db.session.scalars(select(ThreadRead)).first() is None


def test_a_second_visit_with_nothing_new_writes_nothing(client, auth, thread, other_member):
    auth.login("bob")
    url = f"/t/{thread.id}/{thread.slug}"
    client.get(url)
    with counting_queries() as statements:
        client.get(url)
    assert not [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]


def test_home_and_tag_pages_show_unread_counts_to_members(
    client, auth, thread, member, other_member, answer
):
    auth.login("bob")
    for url in ("/", "/tags/drones"):
        assert "data-unread>new<" in client.get(url).get_data(as_text=True)
    client.get(f"/t/{thread.id}/{thread.slug}")
    answer(thread, member, body="One more")
    answer(thread, member, body="Two more")
    for url in ("/", "/tags/drones"):
        assert "data-unread>2 new<" in client.get(url).get_data(as_text=True)
    auth.logout()
    assert "data-unread" not in client.get("/").get_data(as_text=True)
