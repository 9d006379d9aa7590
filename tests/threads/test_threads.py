"""Threads and replies over HTTP: starting, reading, nesting, editing, deleting."""

import pytest
from sqlalchemy import func, select

from forum.extensions import db
from forum.models import Reply, Revision, Thread
from forum.threads import actions
from tests.helpers import post_form

GOOD_THREAD = {
    "title": "Drones over protests",
    "body": "Should they fly?",
    "tags": "drones, ethics",
}


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def start(client, **fields):
    return post_form(client, "/new", GOOD_THREAD | fields, page="/new")


def reply(client, thread, body="I disagree.", parent_id="", **extra):
    data = {"body": body, "parent_id": parent_id, **extra}
    page = f"/t/{thread.id}/{thread.slug}"
    return post_form(client, f"/t/{thread.id}/reply", data, page=page)


@pytest.fixture
def logged_in(auth, member):
    auth.login("alice")
    return member


def test_new_thread_needs_login(client, tags):
    response = client.get("/new")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_start_thread_redirects_to_canonical_url(client, logged_in, tags):
    response = start(client)
    thread = db.session.scalar(select(Thread))
    assert response.headers["Location"] == f"/t/{thread.id}/drones-over-protests"
    assert [tag.slug for tag in thread.tags] == ["drones", "ethics"]
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert b'<h1 id="thread-title">Drones over protests</h1>' in page.data
    assert b"Should they fly?" in page.data


def test_short_and_wrong_slug_urls_redirect(client, thread):
    for url in (f"/t/{thread.id}", f"/t/{thread.id}/wrong-slug"):
        response = client.get(url)
        assert response.status_code == 301
        assert response.headers["Location"] == f"/t/{thread.id}/{thread.slug}"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "Hey"}, b"Titles are 5 to 200 characters."),
        ({"title": "x" * 201}, b"Titles are 5 to 200 characters."),
        ({"title": ""}, b"Give your thread a title."),
        ({"body": ""}, b"Write the opening post."),
        ({"body": "x" * 20_001}, b"Posts are at most 20,000 characters."),
        ({"tags": ""}, b"Add at least one tag."),
        ({"tags": " , "}, b"Add at least one tag."),
        ({"tags": "privacy drones ai ethics robotics law-enforcement"}, b"Use at most 5 tags."),
        ({"tags": "privacy, nonsense"}, b"Unknown tag: nonsense."),
    ],
)
def test_start_thread_rejects_bad_input_and_keeps_text(client, logged_in, tags, fields, message):
    response = start(client, **fields)
    assert response.status_code == 400
    assert message in response.data
    assert count(Thread) == 0
    if fields.get("body") != "" and len(fields.get("body", "")) < 100:
        assert b"Should they fly?" in response.data  # the user's text survives the error


def test_missing_and_non_numeric_threads_are_404(client, tags):
    assert client.get("/t/999").status_code == 404
    assert client.get("/t/abc").status_code == 404
    assert client.get("/t/99999999999999999999999").status_code == 404
    assert b"Not found" in client.get("/t/abc").data


def test_replies_nest_to_any_depth(client, logged_in, thread):
    response = reply(client, thread, "Top level")
    top = db.session.scalar(select(Reply))
    assert response.headers["Location"] == f"/t/{thread.id}/{thread.slug}#p{top.id}"
    assert top.depth == 1 and top.parent_id is None
    parent = top
    for level in range(2, 9):
        reply(client, thread, f"Level {level}", parent_id=str(parent.id))
        parent = db.session.scalar(select(Reply).order_by(Reply.id.desc()))
        assert parent.depth == level
    db.session.refresh(thread)
    assert thread.reply_count == 8


def test_thread_page_shows_six_levels_then_continue_link(client, thread, member):
    parent, chain = None, []
    for level in range(1, 9):
        parent = actions.post_reply(
            thread, member, f"depth-{level}-text", parent.id if parent else None, ""
        )
        chain.append(parent)
    page = client.get(f"/t/{thread.id}/{thread.slug}").data.decode()
    for level in range(1, 7):
        assert f"depth-{level}-text" in page
    assert "depth-7-text" not in page
    assert f'href="/p/{chain[5].id}">Continue this thread' in page

    continued = client.get(f"/p/{chain[5].id}").data.decode()
    assert "Continue this thread" in continued
    assert "depth-7-text" in continued and "depth-8-text" in continued
    assert f'href="/t/{thread.id}/{thread.slug}"' in continued  # a link back up
    assert f'href="/p/{chain[4].id}"' in continued


def test_permalink_for_every_reply(client, thread, member):
    post = actions.post_reply(thread, member, "Permanent words", None, "support")
    page = client.get(f"/p/{post.id}")
    assert page.status_code == 200
    assert b"Permanent words" in page.data
    assert b"Supports" in page.data
    assert client.get("/p/424242").status_code == 404


def test_reply_to_parent_in_other_thread_is_refused(client, logged_in, make_thread, member):
    first = make_thread("First thread here")
    second = make_thread("Second thread here")
    foreign = actions.post_reply(first, member, "In the first", None, "")
    response = reply(client, second, "Sneaky", parent_id=str(foreign.id))
    assert response.status_code == 400
    assert b"not in this thread" in response.data
    assert b"Sneaky" in response.data
    assert count(Reply) == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"body": ""}, b"Write something before posting."),
        ({"body": "   "}, b"Write something before posting."),
        ({"body": "x" * 20_001}, b"Replies are at most 20,000 characters."),
        ({"parent_id": "abc"}, b"That reply does not exist."),
        ({"parent_id": "999"}, b"not in this thread"),
        ({"stance": "maybe"}, b"Not a valid choice"),
    ],
)
def test_reply_rejects_bad_input(client, logged_in, thread, fields, message):
    data = {"body": "Fine words", "parent_id": ""} | fields
    response = reply(client, thread, **data)
    assert response.status_code == 400
    assert message in response.data
    assert count(Reply) == 0


def test_reply_to_missing_thread_is_404(client, logged_in, thread):
    response = post_form(client, "/t/999/reply", {"body": "Hi", "parent_id": ""})
    assert response.status_code == 404


def test_reply_needs_csrf_token(client, logged_in, thread):
    response = client.post(f"/t/{thread.id}/reply", data={"body": "Hi", "parent_id": ""})
    assert response.status_code == 400
    assert count(Reply) == 0


def test_author_edits_reply_and_revision_is_kept(client, logged_in, thread, member):
    post = actions.post_reply(thread, member, "First draft", None, "")
    assert b"First draft" in client.get(f"/p/{post.id}/edit").data
    response = post_form(client, f"/p/{post.id}/edit", {"body": "Second draft"}, f"/p/{post.id}")
    assert response.status_code == 302
    db.session.refresh(post)
    assert post.body_source == "Second draft" and post.edited_at is not None
    revision = db.session.scalar(select(Revision))
    assert revision.body_source == "First draft"
    history = client.get(f"/p/{post.id}/history").data
    assert b"First draft" in history


def test_edit_reply_rejects_empty_body(client, logged_in, thread, member):
    post = actions.post_reply(thread, member, "Keep me", None, "")
    response = post_form(client, f"/p/{post.id}/edit", {"body": ""}, f"/p/{post.id}")
    assert response.status_code == 400
    db.session.refresh(post)
    assert post.body_source == "Keep me"


def test_author_edits_thread_title_body_and_tags(client, logged_in, thread):
    data = {"title": "Should drones watch protests?", "body": "New body", "tags": "privacy ai"}
    response = post_form(client, f"/t/{thread.id}/edit", data, f"/t/{thread.id}/edit")
    assert response.status_code == 302
    db.session.refresh(thread)
    assert thread.title == "Should drones watch protests?"
    assert thread.slug == "should-drones-watch-protests"
    assert sorted(tag.slug for tag in thread.tags) == ["ai", "privacy"]
    revision = db.session.scalar(select(Revision))
    assert (revision.title, revision.tag_text) == ("Should drones watch crowds?", "drones")
    assert b"Should drones watch crowds?" in client.get(f"/t/{thread.id}/history").data


def test_edit_thread_rejects_unknown_tag(client, logged_in, thread):
    data = {"title": "A fine title", "body": "Body", "tags": "ghost"}
    response = post_form(client, f"/t/{thread.id}/edit", data, f"/t/{thread.id}/edit")
    assert response.status_code == 400
    assert b"Unknown tag: ghost." in response.data
    db.session.refresh(thread)
    assert thread.title == "Should drones watch crowds?"


def test_others_get_403_on_edit_and_delete(client, auth, thread, member, other_member):
    post = actions.post_reply(thread, member, "Mine", None, "")
    auth.login("bob")
    assert client.get(f"/t/{thread.id}/edit").status_code == 403
    assert client.get(f"/p/{post.id}/edit").status_code == 403
    assert post_form(client, f"/t/{thread.id}/edit", {"title": "Hacked title"}).status_code == 403
    assert post_form(client, f"/p/{post.id}/edit", {"body": "Hacked"}).status_code == 403
    assert post_form(client, f"/p/{post.id}/delete").status_code == 403
    db.session.refresh(post)
    assert post.body_source == "Mine" and not post.is_deleted


def test_delete_leaves_placeholder_and_keeps_children(
    client, logged_in, thread, member, other_member
):
    parent = actions.post_reply(thread, member, "Doomed words", None, "")
    child = actions.post_reply(thread, other_member, "Surviving child", parent.id, "")
    response = post_form(client, f"/p/{parent.id}/delete", page=f"/p/{parent.id}")
    assert response.status_code == 302
    page = client.get(f"/t/{thread.id}/{thread.slug}").data
    assert b"Doomed words" not in page
    assert b"[deleted]" in page
    assert b"Surviving child" in page
    db.session.refresh(child)
    assert child.parent_id == parent.id
    assert post_form(client, f"/p/{parent.id}/delete").status_code == 403
    assert reply(client, thread, "to the dead", parent_id=str(parent.id)).status_code == 400


def test_home_lists_by_latest_activity_with_counts_and_tags(client, make_thread, member):
    old = make_thread("Older thread here")
    make_thread("Newer thread here")
    actions.post_reply(old, member, "bump", None, "")
    page = client.get("/").data.decode()
    assert page.index("Older thread here") < page.index("Newer thread here")
    assert "1 reply" in page and "#drones" in page


def test_home_paginates_by_cursor(client, app, make_thread):
    app.config["THREADS_PER_PAGE"] = 3
    for number in range(7):
        make_thread(f"Thread number {number}")
    first = client.get("/").data.decode()
    assert "Thread number 6" in first and "Thread number 3" not in first
    cursor = first.split('rel="next" href="/?after=')[1].split('"')[0]
    second = client.get(f"/?after={cursor}").data.decode()
    assert "Thread number 3" in second and "Thread number 6" not in second
    cursor = second.split('rel="next" href="/?after=')[1].split('"')[0]
    third = client.get(f"/?after={cursor}").data.decode()
    assert "Thread number 0" in third and 'rel="next"' not in third


@pytest.mark.parametrize("cursor", ["garbage", "1.2.3", "99999999999999999999.1", "-1.5"])
def test_bad_cursor_is_a_clear_400(client, thread, cursor):
    response = client.get(f"/?after={cursor}")
    assert response.status_code == 400
    assert b"That page link is not valid" in response.data


def test_tags_list_and_tag_page(client, make_thread):
    make_thread("About drones only", tag_slugs=["drones"])
    make_thread("About privacy only", tag_slugs=["privacy"])
    tags_page = client.get("/tags").data.decode()
    assert "Unmanned aircraft." in tags_page
    assert "1 thread" in tags_page and "0 threads" in tags_page
    drones = client.get("/tags/drones").data.decode()
    assert "About drones only" in drones and "About privacy only" not in drones
    assert client.get("/tags/unknown").status_code == 404


def test_script_in_user_text_is_never_run(client, auth, tags, make_user):
    make_user("mallory")
    auth.login("mallory")
    evil = "<script>alert(1)</script>"
    start(client, title=f"Title {evil}", body=f"Body {evil} [x](javascript:alert(2))")
    thread = db.session.scalar(select(Thread))
    reply(client, thread, f"Reply {evil}<img src=x onerror=alert(3)>")
    for url in (f"/t/{thread.id}/{thread.slug}", "/", "/tags/drones", "/u/mallory"):
        page = client.get(url).data.decode()
        assert "<script>alert" not in page
        assert 'href="javascript' not in page
        assert "<img" not in page
    page = client.get(f"/t/{thread.id}/{thread.slug}").data.decode()
    assert "Title &lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "      "}, b"Give your thread a title."),
        ({"title": "  ab   "}, b"Titles are 5 to 200 characters."),
        ({"body": "    "}, b"Write the opening post."),
    ],
)
def test_blank_looking_thread_input_is_refused(client, logged_in, tags, fields, message):
    response = start(client, **fields)
    assert response.status_code == 400
    assert message in response.data
    assert count(Thread) == 0


def test_blank_reply_edit_is_refused(client, logged_in, thread, member):
    post = actions.post_reply(thread, member, "Keep me", None, "")
    response = post_form(client, f"/p/{post.id}/edit", {"body": "    "}, f"/p/{post.id}")
    assert response.status_code == 400
    db.session.refresh(post)
    assert post.body_source == "Keep me"


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("get", "/u/a%00b", None),
        ("get", "/tags/a%00b", None),
        ("get", "/?after=1%00", None),
        ("post", "/new", {"title": "Nul\x00title", "body": "ok", "tags": "drones"}),
        ("post", "/login", {"username": "a\x00", "password": "whatever"}),
        ("post", "/new", {"title": "Escape \x1b[31m red", "body": "ok", "tags": "drones"}),
    ],
)
def test_nul_characters_get_a_clear_400(client, logged_in, tags, method, url, data):
    response = client.get(url) if method == "get" else post_form(client, url, data)
    assert response.status_code == 400
    assert b"control characters" in response.data
    assert count(Thread) == 0


def test_deep_reply_lands_on_its_continue_page(client, logged_in, thread, member):
    parent = None
    for level in range(1, 8):
        parent = actions.post_reply(
            thread, member, f"level {level}", parent.id if parent else None, ""
        )
    sixth = db.session.scalar(select(Reply).where(Reply.depth == 6))
    response = reply(client, thread, "Eighth level", parent_id=str(parent.id))
    eighth = db.session.scalar(select(Reply).where(Reply.depth == 8))
    assert response.headers["Location"] == f"/p/{sixth.id}#p{eighth.id}"
    page = client.get(f"/p/{sixth.id}").data.decode()
    assert "Continue this thread" in page and "Eighth level" in page


def test_deleted_reply_hides_its_author_everywhere(
    client, auth, thread, member, other_member, moderator
):
    post = actions.post_reply(thread, other_member, "Soon gone", None, "")
    actions.edit_reply(post, "Soon gone, edited")  # an earlier version for the history
    actions.delete_reply(post)
    urls = (f"/p/{post.id}", f"/p/{post.id}/history", f"/t/{thread.id}/since/0")
    # Moderators may read every history, so the history page is really shown, not refused.
    for who in ("visitor", "mod_carol"):
        reader = client.application.test_client()
        if who != "visitor":
            type(auth)(reader).login(who)
        for url in urls:
            answer = reader.get(url)
            assert answer.status_code == (403 if who == "visitor" and "history" in url else 200)
            assert b"bob" not in answer.data, (who, url)
            assert b"Soon gone" not in answer.data, (who, url)


def test_failed_nested_reply_keeps_its_parent(client, logged_in, thread, member):
    parent = actions.post_reply(thread, member, "Parent", None, "")
    response = reply(client, thread, "", parent_id=str(parent.id))
    assert response.status_code == 400
    assert f'name="parent_id" value="{parent.id}"'.encode() in response.data


def test_editing_tags_in_another_order_is_no_change(client, logged_in, make_thread):
    thread = make_thread("Order of tags", tag_slugs=["drones", "ai"])
    data = {"title": "Order of tags", "body": thread.body_source, "tags": "ai drones"}
    response = post_form(client, f"/t/{thread.id}/edit", data, f"/t/{thread.id}/edit")
    assert response.status_code == 302  # the edit was accepted, and still made no revision
    assert count(Revision) == 0
    db.session.refresh(thread)
    assert sorted(tag.slug for tag in thread.tags) == ["ai", "drones"]


def test_reply_after_session_ended_hands_the_text_back(client, thread):
    page = client.get(f"/t/{thread.id}/{thread.slug}").data
    from tests.helpers import csrf_from

    response = client.post(
        f"/t/{thread.id}/reply",
        data={"csrf_token": csrf_from(page), "body": "My long careful argument", "parent_id": ""},
    )
    assert response.status_code == 401
    assert b"Your text was not saved" in response.data
    assert b"My long careful argument" in response.data
    assert count(Reply) == 0


def test_expired_form_hands_the_text_back(client, logged_in, thread):
    response = client.post(
        f"/t/{thread.id}/reply", data={"csrf_token": "stale", "body": "Words worth keeping"}
    )
    assert response.status_code == 400
    assert b"Words worth keeping" in response.data


def test_edit_form_round_trips_unchanged(client, logged_in, make_thread):
    thread = make_thread("Round trip thread", tag_slugs=["privacy", "drones"])
    page = client.get(f"/t/{thread.id}/edit").data.decode()
    assert 'name="tags" required type="text" value="drones privacy"' in page
    data = {"title": thread.title, "body": thread.body_source, "tags": "privacy drones"}
    response = post_form(client, f"/t/{thread.id}/edit", data, f"/t/{thread.id}/edit")
    assert response.status_code == 302
    assert count(Revision) == 0


@pytest.mark.parametrize("field", ["title", "body", "tags"])
def test_file_uploads_are_refused(client, logged_in, tags, field):
    from io import BytesIO

    from tests.helpers import csrf_from

    data = dict(GOOD_THREAD, csrf_token=csrf_from(client.get("/new").data))
    data[field] = (BytesIO(b"sneaky"), "a.txt")
    response = client.post("/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert b"does not accept file uploads" in response.data
    assert count(Thread) == 0


@pytest.mark.parametrize("url", ["/t/%EF%BC%91", "/t/%D9%A1", "/p/%EF%BC%95"])
def test_non_ascii_digits_are_not_ids(client, thread, url):
    assert client.get(url).status_code == 404


def test_tag_urls_are_canonical(client, tags):
    response = client.get("/tags/DRONES")
    assert response.status_code == 301
    assert response.headers["Location"] == "/tags/drones"


def test_headings_in_posts_never_make_a_second_h1(client, logged_in, tags):
    start(client, body="# A big heading\n\nText")
    thread = db.session.scalar(select(Thread))
    page = client.get(f"/t/{thread.id}/{thread.slug}").data.decode()
    assert page.count("<h1") == 1
    assert "<h2>A big heading</h2>" in page


def test_delete_asks_first_without_javascript(client, auth, thread, member, other_member):
    post = actions.post_reply(thread, member, "Think twice", None, "")
    auth.login("bob")
    assert client.get(f"/p/{post.id}/delete").status_code == 403
    auth.logout()
    auth.login("alice")
    page = client.get(f"/p/{post.id}/delete")
    assert page.status_code == 200
    assert b"Delete your reply?" in page.data and b"Think twice" in page.data
    db.session.refresh(post)
    assert not post.is_deleted  # asking changes nothing
