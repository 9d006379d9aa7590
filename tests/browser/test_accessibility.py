"""Accessibility and hygiene in real Chromium: axe-core, console, network and page weight."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from scripts.live import DESKTOP, PHONE
from tests.browser.conftest import PageWatch
from tests.browser.helpers import log_in

BUDGET_BYTES = 51_200
PUBLIC_PAGES = [
    ("home", "/"),
    ("thread", "/t/2"),
    ("continue-page", None),
    ("argument map", "/t/2/-/map"),
    ("summary history", "/t/2/summary/history"),
    ("tag list", "/tags"),
    ("tag page", "/tags/privacy"),
    ("profile", "/u/mira_okafor"),
    ("login", "/login"),
    ("register", "/register"),
    ("reset", "/reset-password"),
    ("search", "/search?q=facial+recognition"),
]
ERROR_PAGES = [("not found", "/expected-error/404", 404), ("bad request", "/?after=nope", 400)]
_axe = Axe()


def serious_violations(page) -> list[str]:
    """Serious or critical axe findings on the current page, described for a failure message."""
    results = _axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def continue_url(page) -> str:
    """The first "continue this thread" link in the seeded facial-recognition debate."""
    page.goto("/t/2")
    return page.locator("p.continue a").first.get_attribute("href")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_public_pages_pass_axe_and_stay_clean(make_context, base_url, scheme, viewport):
    page = make_context(viewport=viewport, color_scheme=scheme).new_page()
    watch = PageWatch(page, base_url)
    problems = {}
    for name, url in PUBLIC_PAGES:
        page.goto(url or continue_url(page))
        assert page.locator("h1").count() == 1, name
        assert page.title().endswith("· Counterpoint"), name
        found = serious_violations(page)
        if found:
            problems[name] = found
    assert problems == {}
    watch.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_member_pages_pass_axe(make_context, base_url, forum, scheme):
    page = make_context(color_scheme=scheme).new_page()
    watch = PageWatch(page, base_url, allow_error_documents=True)
    log_in(page, forum[2])
    problems = {}
    for name, url in [("new thread", "/new"), ("thread", "/t/3"), ("settings", "/settings")]:
        page.goto(url)
        found = serious_violations(page)
        if found:
            problems[name] = found
    page.goto("/u/mira_okafor")
    own_reply = page.locator("a[href^='/p/']").first.get_attribute("href")
    page.goto(f"{own_reply}/delete")
    found = serious_violations(page)
    if found:
        problems["delete confirmation"] = found
    # A form with errors ties each message to its field.
    page.goto("/new")
    page.get_by_role("button", name="Start thread").click()
    title = page.get_by_label("Title")
    assert title.get_attribute("aria-invalid") == "true"
    assert "title-error" in title.get_attribute("aria-describedby")
    found = serious_violations(page)
    if found:
        problems["new thread with errors"] = found
    assert problems == {}
    watch.assert_clean()


@pytest.mark.parametrize(("name", "url", "status"), ERROR_PAGES)
def test_error_pages_pass_axe(make_context, base_url, name, url, status):
    page = make_context().new_page()
    watch = PageWatch(page, base_url, allow_error_documents=True)
    response = page.goto(url)
    assert response.status == status
    assert serious_violations(page) == []
    watch.assert_clean()


def test_every_page_ships_under_the_css_and_js_budget(make_context, base_url):
    page = make_context().new_page()
    sizes: dict[str, int] = {}
    page.on(
        "response",
        lambda r: (
            sizes.__setitem__(r.url, len(r.body()))
            if r.request.resource_type in ("stylesheet", "script")
            else None
        ),
    )
    for _name, url in PUBLIC_PAGES:
        if url:
            sizes.clear()
            page.goto(url)
            page.wait_for_load_state("networkidle")
            assert sizes, url
            assert sum(sizes.values()) <= BUDGET_BYTES, (url, sizes)


def test_thread_page_is_usable_before_scripts_load(make_context, base_url):
    context = make_context()
    context.route(re.compile(r".*\.js(\?.*)?$"), lambda route: route.abort())
    page = context.new_page()
    page.goto("/t/2")
    page.locator("li.reply > label.thread-line").first.click()
    assert page.locator("li.reply").first.locator("> ol.replies").is_hidden()
    assert page.get_by_text("Collapsed").first.is_visible()


def test_narrowest_phone_has_no_sideways_scrolling(make_context, base_url):
    page = make_context(viewport={"width": 360, "height": 740}).new_page()
    for name, url in PUBLIC_PAGES:
        page.goto(url or continue_url(page))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{name} is {width}px wide"
