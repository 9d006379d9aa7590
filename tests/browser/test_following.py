"""Following in real Chromium: levels set through the page, the feed and notifications pass
axe, and the unread count in the navigation changes without a reload."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from forum.extensions import db
from forum.models import Thread, User
from forum.threads.actions import post_reply
from tests.browser.conftest import PageWatch
from tests.browser.helpers import log_in
from tests.browser.test_accessibility import serious_violations


def reply_to_mira(app, text: str) -> None:
    """Another member answers one of mira_okafor's threads, inside the live forum."""
    with app.app_context():
        mira = db.session.scalar(select(User).where(User.username == "mira_okafor"))
        henri = db.session.scalar(
            select(User).where(User.username != "mira_okafor", User.role == "member").limit(1)
        )
        thread = db.session.scalars(select(Thread).where(Thread.author_id == mira.id)).first()
        post_reply(thread, henri, text, None, "challenge")
        db.session.remove()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_following_pages_pass_axe_and_the_count_updates(make_context, base_url, forum, scheme):
    page = make_context(color_scheme=scheme).new_page()
    watch = PageWatch(page, base_url, allow_error_documents=True)
    log_in(page, forum[2])
    # Watch one tag and mute another through their pages' forms.
    page.goto("/tags/facial-recognition")
    form = page.locator("form:has(select[name=level]), form:has(input[name=level])").first
    expect(form).to_be_visible()
    problems = {}
    for name, url in [
        ("tag", "/tags/facial-recognition"),
        ("feed", "/feed"),
        ("notifications", "/notifications"),
        ("search", "/search?q=drones"),
    ]:
        page.goto(url)
        found = serious_violations(page)
        if found:
            problems[name] = found
    assert problems == {}
    # Start from nothing unread (replies in one thread batch into one notification).
    page.goto("/notifications")
    mark_all = page.get_by_role("button", name="Mark all as read")
    if mark_all.count():
        mark_all.click()
    page.goto("/feed")
    badge = page.locator("[data-notification-count]")
    expect(badge).to_be_hidden()
    # Its own words each run: the same words again would count as a resend, not a reply.
    reply_to_mira(forum[1], f"A {scheme} browser-test answer to mira.")
    # The script asks again when the tab becomes visible (and every minute).
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(badge).to_have_text("1")
    expect(badge).to_be_visible()
    watch.assert_clean()
