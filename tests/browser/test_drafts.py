"""Nothing a member types is lost and nothing is posted twice, in real Chromium with scripts."""

import itertools
import re

from playwright.sync_api import expect

from tests.browser.helpers import log_in

_texts = itertools.count(1)
# Put text in a box at once, as a paste does, and tell the page it changed.
PASTE = "(el, text) => { el.value = text; el.dispatchEvent(new Event('input', {bubbles: true})); }"


def unique(label: str) -> str:
    """A reply text no other test writes."""
    return f"{label} draft text number {next(_texts)} about camera retention"


def first_motion(page) -> str:
    """The address of a seeded motion's page."""
    page.goto("/tags/facial-recognition")
    page.locator(".thread-title a").first.click()
    return page.url


def test_a_draft_survives_navigation_and_reload(make_context, forum):
    page = make_context().new_page()
    log_in(page, forum[2])
    url = first_motion(page)
    text = unique("Survives")
    box = page.locator("form#reply textarea[name=body]")
    box.fill(text)
    page.locator("form#reply input[name=stance][value=challenge]").check()
    page.goto("/tags")
    page.goto(url)
    expect(box).to_have_value(text)
    expect(page.locator("form#reply input[name=stance][value=challenge]")).to_be_checked()
    page.reload()
    expect(box).to_have_value(text)
    # Sent, it is gone: the next visit starts empty.
    page.locator("form#reply button[type=submit]").click()
    expect(page.get_by_text(text)).to_have_count(1)
    page.goto("/tags")
    page.goto(url)
    expect(box).to_have_value("")


def test_leaving_asks_only_when_there_is_unsent_text(make_context, forum):
    page = make_context().new_page()
    log_in(page, forum[2])
    url = first_motion(page)
    asked: list[str] = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    page.goto("/tags")  # nothing typed: leaves without a question
    assert asked == []
    page.goto(url)
    page.locator("form#reply textarea[name=body]").fill(unique("Unsent"))
    page.locator("a.brand").click()
    page.wait_for_timeout(300)
    assert asked == ["beforeunload"]
    expect(page).to_have_url(url)
    # After a successful send, leaving asks nothing.
    page.locator("form#reply button[type=submit]").click()
    page.wait_for_load_state()
    page.goto("/tags")
    assert asked == ["beforeunload"]


def test_back_and_resend_and_double_click_make_one_post(make_context, forum):
    page = make_context().new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, forum[2])
    url = first_motion(page)
    text = unique("Once")
    page.locator("form#reply textarea[name=body]").fill(text)
    page.locator("form#reply button[type=submit]").dblclick()
    page.wait_for_url(re.compile(r"#p\d+$"))
    expect(page.get_by_text(text)).to_have_count(1)
    # Back to the filled form, then send it again: the same reply is shown, not a copy.
    page.go_back()
    page.wait_for_url(url)
    box = page.locator("form#reply textarea[name=body]")
    expect(box).to_have_value(text)  # the browser shows the sent text again
    button = page.locator("form#reply button[type=submit]")
    expect(button).to_be_enabled()
    button.click()
    page.wait_for_url(re.compile(r"#p\d+$"))
    expect(page.get_by_text(text)).to_have_count(1)


def test_signing_in_again_brings_back_the_form_with_its_text(make_context, forum):
    context = make_context()
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, forum[2])
    url = first_motion(page)
    first_reply = page.locator("article.post").first
    parent_id = first_reply.get_attribute("id").removeprefix("post-")
    first_reply.get_by_role("link", name="Reply", exact=True).click()
    inline = page.locator("form.inline-reply")
    text = unique("Returned")
    inline.locator("textarea[name=body]").fill(text)
    inline.locator("input[name=stance][value=support]").check()
    context.clear_cookies()  # the session ends while the member writes
    inline.get_by_role("button", name="Post reply").click()
    # With the session gone, its form token is gone too: the error page hands the text back.
    expect(page.locator(".unsent textarea")).to_have_value(text)
    page.get_by_role("link", name="Log in", exact=True).last.click()
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill("mira_okafor")
    form.locator("input[name=password]").fill(forum[2]["mira_okafor"])
    form.locator("button[type=submit]").click()
    page.wait_for_url(url.split("#")[0])
    restored = page.locator("form.inline-reply")
    expect(restored.locator("[name=parent_id]")).to_have_value(parent_id)
    expect(restored.locator("textarea[name=body]")).to_have_value(text)
    expect(restored.locator("input[name=stance][value=support]")).to_be_checked()


def test_the_counter_shows_near_the_limit_and_nothing_is_cut(make_context, forum):
    page = make_context().new_page()
    log_in(page, forum[2])
    first_motion(page)
    box = page.locator("form#reply textarea[name=body]")
    assert box.get_attribute("maxlength") is None

    def paste(text: str) -> None:
        box.evaluate(PASTE, text)

    paste("a\n" * 9_000 + "b" * 2_500)  # 20,500 characters as the member sees them
    expect(box).to_have_value(re.compile("b{2500}$"))  # nothing was cut
    expect(page.locator("form#reply .counter")).to_have_text("500 characters over the limit")
    paste("a\n" * 9_000 + "b" * 1_000)
    expect(page.locator("form#reply .counter")).to_have_text("1000 characters left")
    paste("short")
    expect(page.locator("form#reply .counter")).to_be_hidden()
