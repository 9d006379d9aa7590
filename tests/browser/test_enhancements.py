"""The JavaScript layer: each enhancement works in place, without reloading the page."""

import re

from playwright.sync_api import expect

from forum.accounts.queries import user_by_username
from forum.extensions import db
from forum.threads import actions, queries
from tests.browser.conftest import PageWatch
from tests.browser.helpers import log_in


def logged_in_page(make_context, base_url, forum, username="mira_okafor"):
    page = make_context().new_page()
    watch = PageWatch(page, base_url)
    log_in(page, forum[2], username)
    return page, watch


def mark_page(page) -> None:
    """Leave a marker on the window: it survives only if the page is not reloaded."""
    page.evaluate("window.__stillHere = true")


def assert_not_reloaded(page) -> None:
    assert page.evaluate("window.__stillHere === true")


def test_toggles_preview_and_theme_work_in_place(make_context, base_url, forum):
    page, watch = logged_in_page(make_context, base_url, forum)
    page.goto("/t/4")
    mark_page(page)

    for_button = page.locator(".position-form button[value=for]")
    for_button.click()
    expect(for_button).to_have_attribute("aria-pressed", "true")
    page.locator(".position-form button[value=against]").click()
    expect(for_button).to_have_attribute("aria-pressed", "false")

    vote = page.locator("button.chip[aria-pressed]").first
    before = int(vote.locator("[data-count]").inner_text())
    pressed = vote.get_attribute("aria-pressed") == "true"
    vote.click()
    expect(vote).to_have_attribute("aria-pressed", str(not pressed).lower())
    expect(vote.locator("[data-count]")).to_have_text(str(before + (-1 if pressed else 1)))

    textarea = page.locator("form#reply textarea[name=body]")
    textarea.fill("Some **bold** claim <script>alert(1)</script>")
    page.locator("form#reply").get_by_role("button", name="Preview").click()
    preview = page.locator("form#reply .preview")
    expect(preview.locator("strong")).to_have_text("bold")
    assert preview.locator("script").count() == 0

    with page.expect_response(re.compile(r"/theme$")):
        page.get_by_role("button", name="Dark").click()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    assert_not_reloaded(page)
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    watch.assert_clean()


def test_new_replies_load_in_place(make_context, base_url, forum):
    page, watch = logged_in_page(make_context, base_url, forum)
    page.goto("/t/5")
    mark_page(page)
    app = forum[1]
    with app.app_context():
        thread = queries.thread_with_author(5)
        author = user_by_username("lt_renaud")
        top = actions.post_reply(thread, author, "A fresh reply from elsewhere", None, "challenge")
        first = next(p for p in queries.thread_replies(thread.id) if p.depth == 1)
        nested = actions.post_reply(thread, author, "A fresh nested answer", first.id, "support")
        top_id, nested_id, parent_id = top.id, nested.id, first.id
        db.session.remove()
    page.locator("[data-since-url]").dispatch_event("forum:check-replies")
    bar = page.get_by_role("button", name=re.compile(r"2 new replies"))
    expect(bar).to_be_visible()
    bar.click()
    expect(page.get_by_text("A fresh reply from elsewhere")).to_be_visible()
    expect(bar).to_be_hidden()
    # Each lands where it belongs in the tree: top level, and under the reply it answers.
    expect(page.locator(f"ol.replies.root > li#p{top_id}")).to_have_count(1)
    expect(page.locator(f"li#p{parent_id} > ol.replies > li#p{nested_id}")).to_have_count(1)
    assert_not_reloaded(page)
    watch.assert_clean()


def test_keyboard_shortcuts(make_context, base_url, forum):
    page, watch = logged_in_page(make_context, base_url, forum)
    page.goto("/t/6")
    posts = page.locator("article.post")
    page.keyboard.press("j")
    expect(posts.nth(0)).to_have_class(re.compile("is-focused"))
    page.keyboard.press("j")
    expect(posts.nth(1)).to_have_class(re.compile("is-focused"))
    page.keyboard.press("k")
    expect(posts.nth(0)).to_have_class(re.compile("is-focused"))
    page.keyboard.press("r")
    inline = page.locator("form.inline-reply textarea[name=body]")
    expect(inline).to_be_focused()
    page.locator("form.inline-reply").get_by_role("button", name="Cancel").click()
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    watch.assert_clean()


def test_times_are_relative_with_exact_tooltip(make_context, base_url):
    page = make_context().new_page()
    page.goto("/")
    first = page.locator("time[datetime]").first
    expect(first).to_have_attribute("title", re.compile(r"\d{4}, \d\d:\d\d UTC"))
    expect(first).to_have_text(re.compile(r"ago|just now|\d{4}"))
