"""Blind spots in the browser (issue 14): relative times that keep moving, position counts that
follow a toggle, and themes that follow the system setting."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import PageWatch
from tests.browser.helpers import log_in

SIDES = ("for", "against", "undecided")
# The page background in each theme (the --bg token of static/css/forum.css).
LIGHT_BG, DARK_BG = "rgb(249, 248, 245)", "rgb(20, 22, 25)"


def test_relative_times_keep_updating_while_the_page_stays_open(make_context):
    page = make_context().new_page()
    page.clock.install()
    page.goto("/t/4")
    stamp = page.locator("time[datetime]").first
    expect(stamp).to_have_text(re.compile(r"ago|just now|\d{4}"))
    # A reply written 50 minutes ago, its label left stale: only the page's timer can fix it.
    stamp.evaluate(
        """element => {
            element.setAttribute("datetime", new Date(Date.now() - 50 * 60000).toISOString());
            element.textContent = "stale label";
        }"""
    )
    page.clock.run_for(61_000)  # a little over the one-minute refresh
    expect(stamp).to_have_text(re.compile(r"^5[01] minutes ago$"))
    page.clock.run_for(60 * 60_000)  # an hour on, the same label has moved on again
    expect(stamp).to_have_text(re.compile(r"^(1|2) hours? ago$|^an hour ago$"))


def test_position_counts_follow_a_toggle_without_reloading(make_context, base_url, forum):
    page = make_context().new_page()
    watch = PageWatch(page, base_url)
    log_in(page, forum[2], "mira_okafor")
    page.goto("/t/4")
    page.evaluate("window.__stillHere = true")

    def counts() -> dict[str, int]:
        return {
            side: int(page.locator(f".motion [data-{side}-count]").inner_text()) for side in SIDES
        }

    def pressed() -> str | None:
        for side in SIDES:
            button = page.locator(f".position-form button[value={side}]")
            if button.count() and button.get_attribute("aria-pressed") == "true":
                return side
        return None

    for choice in ("for", "against", "for"):
        if pressed() == choice:
            continue
        before, previous = counts(), pressed()
        expected = dict(before)
        expected[choice] += 1
        if previous:
            expected[previous] -= 1
        page.locator(f".position-form button[value={choice}]").click()
        expect(page.locator(f".position-form button[value={choice}]")).to_have_attribute(
            "aria-pressed", "true"
        )
        for side in SIDES:
            expect(page.locator(f".motion [data-{side}-count]")).to_have_text(str(expected[side]))
    assert page.evaluate("window.__stillHere === true")  # updated in place, not reloaded
    # What the page shows is what the server counts.
    page.reload()
    assert counts() == {side: int(expected[side]) for side in SIDES}
    watch.assert_clean()


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_the_automatic_theme_follows_the_system_setting(make_context):
    for scheme, colour in (("dark", DARK_BG), ("light", LIGHT_BG)):
        page = make_context(color_scheme=scheme).new_page()
        page.goto("/")
        expect(page.locator("html")).to_have_attribute("data-theme", "auto")
        assert background(page) == colour, scheme
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") is (
            scheme == "dark"
        )


def test_a_chosen_theme_wins_over_the_system_setting(make_context, base_url):
    for scheme, chosen, colour in (("dark", "light", LIGHT_BG), ("light", "dark", DARK_BG)):
        context = make_context(color_scheme=scheme)
        context.add_cookies([{"name": "theme", "value": chosen, "url": base_url}])
        page = context.new_page()
        page.goto("/")
        expect(page.locator("html")).to_have_attribute("data-theme", chosen)
        assert background(page) == colour, (scheme, chosen)
