"""A member's whole journey in real Chromium: desktop and phone, JavaScript on and off."""

import itertools
import re

import pytest
from playwright.sync_api import expect

from scripts.live import DESKTOP, PHONE
from tests.browser.conftest import PageWatch

PASSWORD = "a journey password"
_names = itertools.count(1)

VARIANTS = [
    pytest.param(DESKTOP, True, id="desktop-js"),
    pytest.param(DESKTOP, False, id="desktop-nojs"),
    pytest.param(PHONE, True, id="phone-js"),
    pytest.param(PHONE, False, id="phone-nojs"),
]


def reply_to(page, article, text: str, javascript: bool) -> None:
    """Answer one reply, in place with JavaScript or on its own page without."""
    article.get_by_role("link", name="Reply", exact=True).click()
    if javascript:
        form = article.locator("xpath=following-sibling::form[contains(@class,'inline-reply')]")
        expect(form).to_be_visible()
    else:
        expect(page).to_have_url(re.compile(r"/p/\d+#reply$"))
        form = page.locator("form#reply")
    form.locator("textarea[name=body]").fill(text)
    form.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text(text)).to_be_visible()


@pytest.mark.parametrize(("viewport", "javascript"), VARIANTS)
def test_member_journey(make_context, base_url, viewport, javascript):
    context = make_context(viewport=viewport, javascript=javascript)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    watch = PageWatch(page, base_url)
    name = f"walker{next(_names)}{'js' if javascript else 'nojs'}{viewport['width']}"

    # Register, then log out and back in.
    page.goto("/register")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Email").fill(f"{name}@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text(f"Welcome to Counterpoint, {name}.")).to_be_visible()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username or email").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text(f"Logged in as {name}.")).to_be_visible()

    # Start a thread with two tags.
    page.get_by_role("link", name="New thread").click()
    title = f"Should cities ban live face scanning? ({name})"
    page.get_by_label("Title").fill(title)
    page.get_by_label("Opening post").fill("Both **sides** welcome.")
    page.get_by_label("Tags").fill("privacy, facial-recognition")
    page.get_by_role("button", name="Start thread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".thread-header .tags")).to_contain_text("#facial-recognition")

    # Reply at three depths.
    page.locator("form#reply textarea[name=body]").fill("First level argument")
    page.locator("form#reply").get_by_role("button", name="Post reply").click()
    first = page.locator("li.reply[data-depth='1'] > article.post").first
    expect(first).to_contain_text("First level argument")
    reply_to(page, first, "Second level counterpoint", javascript)
    page.goto(page.url.split("#")[0]) if "/p/" not in page.url else None
    thread_url = page.url.split("#")[0]
    if "/p/" in thread_url:
        page.get_by_role("link", name="Back to the whole thread").click()
    second = page.locator("li.reply[data-depth='2'] > article.post").first
    reply_to(page, second, "Third level rejoinder", javascript)
    if "/p/" in page.url:
        page.get_by_role("link", name="Back to the whole thread").click()
    third = page.locator("li.reply[data-depth='3'] > article.post").first
    expect(third).to_contain_text("Third level rejoinder")

    # Collapse the subtree under the first reply, then expand it again.
    top = page.locator("li.reply[data-depth='1']").first
    top.locator("> label.thread-line").click()
    expect(page.get_by_text("Second level counterpoint")).to_be_hidden()
    expect(page.get_by_text("Third level rejoinder")).to_be_hidden()
    top.locator("> label.thread-line").click()
    expect(page.get_by_text("Third level rejoinder")).to_be_visible()

    # Edit the deepest reply.
    third.get_by_role("link", name="Edit").click()
    page.get_by_label("Your reply").fill("Third level rejoinder, revised")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Third level rejoinder, revised")).to_be_visible()

    # Delete it: a dialog with JavaScript, a confirmation page without.
    if "/p/" in page.url:
        page.get_by_role("link", name="Back to the whole thread").click()
    third = page.locator("li.reply[data-depth='3'] > article.post").first
    third.get_by_role("link", name="Delete").click()
    if not javascript:
        expect(page.get_by_role("heading", level=1)).to_have_text("Delete your reply?")
        page.get_by_role("button", name="Delete reply").click()
    expect(page.get_by_text("Reply deleted.")).to_be_visible()
    expect(page.get_by_text("Third level rejoinder, revised")).to_have_count(0)
    expect(page.locator("li.reply[data-depth='3'] .deleted").first).to_have_text("[deleted]")

    # Vote for a convincing reply in a seeded debate.
    page.goto("/tags/facial-recognition")
    page.get_by_role("link", name=re.compile("facial recognition", re.I)).first.click()
    vote = page.locator("button.chip[aria-pressed]").first
    expect(vote).to_have_attribute("aria-pressed", "false")
    vote.click()
    expect(page.locator("button.chip[aria-pressed]").first).to_have_attribute(
        "aria-pressed", "true"
    )

    # Log out.
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You are logged out.")).to_be_visible()
    watch.assert_clean()
