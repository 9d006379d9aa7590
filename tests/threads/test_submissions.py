"""One post per intent, lengths as the member sees them, and strikethrough."""

import re

from sqlalchemy import func, select

from forum.extensions import db
from forum.fields import MAX_BODY
from forum.markup import render_markdown
from forum.models import Reply, Thread
from tests.debate.test_concurrency import at_once
from tests.helpers import Auth, csrf_from, post_form

KEY_PATTERN = re.compile(rb'name="submission_key"[^>]*value="([^"]+)"')


def form_keys(html: bytes) -> tuple[str, str]:
    """The CSRF token and the submission key of the page's form, as a browser sends them."""
    return csrf_from(html), KEY_PATTERN.search(html)[1].decode()


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_resent_reply_form_shows_the_reply_it_already_made(client, auth, thread, member):
    auth.login("alice")
    token, key = form_keys(client.get(f"/t/{thread.id}", follow_redirects=True).data)
    data = {"csrf_token": token, "submission_key": key, "body": "Only once", "stance": ""}
    first = client.post(f"/t/{thread.id}/reply", data=data)
    again = client.post(f"/t/{thread.id}/reply", data=data)  # Back, then send again
    assert first.status_code == again.status_code == 302
    assert first.location == again.location
    assert count(Reply) == 1
    # A fresh page has a fresh key, so a second, deliberate reply is kept.
    token, key2 = form_keys(client.get(f"/t/{thread.id}", follow_redirects=True).data)
    assert key2 != key
    client.post(
        f"/t/{thread.id}/reply",
        data=data | {"submission_key": key2, "body": "And a second thought"},
    )
    assert count(Reply) == 2


def test_concurrent_sends_of_one_reply_form_make_one_reply(app, thread, other_member):
    tabs = []
    for _ in range(2):
        client = app.test_client()
        Auth(client).login("bob")
        tabs.append(client)
    page = tabs[0].get(f"/t/{thread.id}", follow_redirects=True).data
    _token, key = form_keys(page)
    data = [
        {
            "csrf_token": csrf_from(tab.get("/").data),
            "submission_key": key,
            "body": "Double click",
            "stance": "support",
        }
        for tab in tabs
    ]
    for _ in range(3):
        statuses = at_once(
            app, [(tab, f"/t/{thread.id}/reply", d) for tab, d in zip(tabs, data, strict=True)]
        )
        assert statuses == [302, 302]
    db.session.expire_all()
    assert count(Reply) == 1


def test_a_resent_new_thread_form_makes_one_thread(client, auth, member, tags):
    auth.login("alice")
    token, key = form_keys(client.get("/new").data)
    data = {
        "csrf_token": token,
        "submission_key": key,
        "title": "Drones over stadiums",
        "body": "Should they?",
        "tags": "drones",
        "kind": "motion",
    }
    first = client.post("/new", data=data)
    again = client.post("/new", data=data)
    assert first.status_code == again.status_code == 302
    assert first.location == again.location
    assert count(Thread) == 1


def test_a_malformed_submission_key_is_refused_and_the_text_kept(client, auth, thread, member):
    auth.login("alice")
    answer = post_form(
        client,
        f"/t/{thread.id}/reply",
        {"submission_key": "<script>", "body": "Kept text", "stance": ""},
    )
    assert answer.status_code == 400
    assert b"Kept text" in answer.data
    assert count(Reply) == 0


def test_line_breaks_count_once_at_exactly_the_limit(client, auth, thread, member):
    auth.login("alice")
    line = "x" * 99
    lines = MAX_BODY // 100
    body = "\r\n".join([line] * lines)  # as a browser sends it
    assert len(body.replace("\r\n", "\n")) == MAX_BODY - 1
    body += "y"  # exactly the limit, counted as the member sees it
    answer = post_form(client, f"/t/{thread.id}/reply", {"body": body, "stance": ""})
    assert answer.status_code == 302
    stored = db.session.scalars(select(Reply)).one().body_source
    assert "\r" not in stored and len(stored) == MAX_BODY
    over = post_form(client, f"/t/{thread.id}/reply", {"body": body + "z", "stance": ""})
    assert over.status_code == 400
    assert b"Yours has 20,001." in over.data
    assert count(Reply) == 1


def test_strikethrough_renders_and_stays_sanitised():
    assert render_markdown("~~struck out~~") == "<p><s>struck out</s></p>\n"
    assert "<s>" not in render_markdown("<s>typed tag</s>")
    html = render_markdown("~~[x](javascript:alert(1))~~ ~~<img src=x onerror=alert(1)>~~")
    assert 'href="javascript' not in html and "<s>" in html
    assert "<img" not in html and "&lt;img" in html  # typed HTML stays text


def test_back_then_resend_without_scripts_makes_one_reply(client, auth, thread, member):
    # Without scripts, Back reloads the form with a new key but the browser keeps the text.
    auth.login("alice")
    for _ in range(2):
        token, key = form_keys(client.get(f"/t/{thread.id}", follow_redirects=True).data)
        answer = client.post(
            f"/t/{thread.id}/reply",
            data={"csrf_token": token, "submission_key": key, "body": "Same words", "stance": ""},
        )
        assert answer.status_code == 302
    assert count(Reply) == 1
    # The same words elsewhere (under another reply) are a new reply.
    parent = db.session.scalars(select(Reply)).one()
    post_form(
        client,
        f"/t/{thread.id}/reply",
        {"body": "Same words", "stance": "", "parent_id": str(parent.id)},
    )
    assert count(Reply) == 2
