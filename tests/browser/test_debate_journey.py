"""The debate as a person lives it: take a side, read the map, vote, change one's mind,
credit the reply that did it, and see the swing and the credit change."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageWatch


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_changing_ones_mind_on_a_motion(make_context, base_url, forum, javascript):
    page = make_context(javascript=javascript).new_page()
    watch = PageWatch(page, base_url)
    page.goto("/register")
    name = f"debater_{'js' if javascript else 'nojs'}"
    page.get_by_label("Username").fill(name)
    page.get_by_label("Email").fill(f"{name}@example.org")
    page.get_by_label("Password").fill("a long enough passphrase")
    page.get_by_role("button", name="Create account").click()
    page.goto("/t/3")
    expect(page.get_by_text("where do you stand on this motion?")).to_be_visible()
    motion = page.locator("section.motion")
    swing = page.locator("[data-swing-sentence]")
    before_sentence = swing.inner_text()

    # Take a side (the first position is the "before").
    motion.get_by_role("button", name="For", exact=True).click()
    expect(motion.get_by_role("button", name="For", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )

    # Read the argument map: two columns.
    page.get_by_role("link", name="Argument map").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Argument map")
    expect(page.locator("#map-for")).to_be_visible()
    expect(page.locator("#map-against")).to_be_visible()
    page.get_by_role("link", name=re.compile("Back to the thread")).click()

    # Vote for a reply arguing against, then change sides.
    against_reply = page.locator("article.post:has(.badge-against)").first
    vote = against_reply.locator("form[data-toggle=vote] button")
    if vote.count():
        vote.click()
    page.locator("section.motion").get_by_role("button", name="Against", exact=True).click()
    page.wait_for_load_state("load")
    expect(
        page.locator("section.motion").get_by_role("button", name="Against", exact=True)
    ).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-swing-sentence]")).not_to_have_text(before_sentence)

    # Credit the reply that changed our mind.
    credit = page.locator("article.post:has(.badge-against) form[data-toggle=credit] button")
    expect(credit.first).to_be_visible()
    post_id = credit.first.locator("xpath=ancestor::article").get_attribute("id")
    credit.first.click()
    # Wait for the answer (in place with JavaScript, a new page without) before reloading.
    expect(page.locator(f"#{post_id} form[data-toggle=credit] button")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.goto("/t/3")
    card = page.locator(f"#{post_id}")
    expect(card.locator("form[data-toggle=credit] button")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(card).to_contain_text(re.compile(r"changed \d+ minds?"))
    watch.assert_clean()


def test_more_arguments_load_in_place(make_context, base_url, forum):
    app = forum[1]
    with app.app_context():
        from forum.accounts.queries import user_by_username
        from forum.extensions import db
        from forum.threads.actions import post_reply, start_thread

        author = user_by_username("lt_renaud")
        thread = start_thread(author, "Fifty-five arguments in a row", "Go.", ["privacy"])
        for number in range(55):
            post_reply(thread, author, f"Argument number {number}", None, "support")
        url = f"/t/{thread.id}/{thread.slug}?sort=oldest"
        db.session.remove()
    page = make_context().new_page()
    watch = PageWatch(page, base_url)
    page.goto(url)
    page.evaluate("window.__stillHere = true")
    top_level = page.locator("#replies > li.reply")
    expect(top_level).to_have_count(50)
    page.get_by_role("link", name=re.compile("More arguments")).click()
    expect(top_level).to_have_count(55)
    expect(page.get_by_text("Argument number 54", exact=True)).to_be_visible()
    assert page.evaluate("window.__stillHere === true")
    expect(page.locator(".more-arguments")).to_have_count(0)
    watch.assert_clean()


def test_phone_collapse_handle_is_wide_and_says_what_it_hides(make_context, base_url):
    page = make_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto("/t/2")
    reply = page.locator("li.reply[data-depth='1']:has(ol.replies)").first
    handle = reply.locator(":scope > article .collapse-button")
    box = handle.bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24
    handle.click()
    expect(reply.locator(":scope > .collapsed-note")).to_be_visible()
    expect(reply.locator(":scope > .collapsed-note")).to_have_text(
        re.compile(r"\d+ repl(y|ies) hidden")
    )
    expect(reply.locator(":scope > ol.replies")).to_be_hidden()
    handle.click()
    expect(reply.locator(":scope > ol.replies")).to_be_visible()
