"""Browser fixtures: one seeded forum per module and the system Chromium through Playwright."""

import os
from urllib.parse import urlsplit

import pytest

from scripts.live import chromium_available, launch_options, live_forum

BROWSER_FOLDER = os.path.dirname(__file__)


def in_browser_folder(item) -> bool:
    """Whether a collected test lives in tests/browser/."""
    return str(item.path).startswith(BROWSER_FOLDER + os.sep)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every test here `browser` (so -m selects them; a conftest's pytestmark does not
    apply to test modules) before -m filters, and skip them with one clear line when Chromium
    is absent (CI insists on it)."""
    mine = [item for item in items if in_browser_folder(item)]
    for item in mine:
        item.add_marker(pytest.mark.browser)
    if not mine or chromium_available():
        return
    if os.environ.get("FORUM_REQUIRE_BROWSER"):
        raise pytest.UsageError("Chromium is required (FORUM_REQUIRE_BROWSER) but not installed")
    skip = pytest.mark.skip(reason="Chromium not installed: browser tests skipped")
    for item in mine:
        item.add_marker(skip)


@pytest.fixture(scope="module")
def forum(tmp_path_factory):
    """A seeded forum served on 127.0.0.1, on the backend this run tests."""
    folder = tmp_path_factory.mktemp("live")
    with live_forum(folder, os.environ.get("FORUM_TEST_DATABASE_URL", "")) as served:
        yield served


@pytest.fixture(scope="module")
def base_url(forum):
    """The live forum's address."""
    return forum[0]


@pytest.fixture(scope="module")
def browser():
    """The system Chromium, started once per module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        yield browser
        browser.close()


class PageWatch:
    """Collects console errors, failed requests and requests to other origins."""

    def __init__(self, page, base_url: str, allow_error_documents: bool = False):
        self.origin = urlsplit(base_url).netloc
        # Error pages and forms re-shown with errors answer 4xx by design; their own
        # status is not a failure, but any sub-resource failing still is.
        self.allow_error_documents = allow_error_documents
        self.error_documents: set[str] = set()
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.asset_bytes: dict[str, int] = {}
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("requestfailed", self._on_failed)
        page.on("request", self._on_request)
        page.on("response", self._on_response)

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        if message.location.get("url") in self.error_documents:
            return
        self.console_errors.append(message.text)

    def _on_failed(self, request) -> None:
        # Leaving a page aborts what it was still loading (a favicon, say): not a fault.
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.failure} {request.url}")

    def _on_request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != self.origin:
            self.foreign.append(request.url)

    def _on_response(self, response) -> None:
        if response.status < 400:
            return
        if self.allow_error_documents and response.request.resource_type == "document":
            self.error_documents.add(response.url)
            return
        self.failed.append(f"{response.status} {response.url}")

    def assert_clean(self) -> None:
        """No console errors, no failed requests, nothing from another origin."""
        assert self.console_errors == []
        assert self.failed == []
        assert self.foreign == []


@pytest.fixture
def make_context(browser, base_url):
    """Open browser contexts (viewport, JavaScript, colour scheme) closed after the test."""
    contexts = []

    def make(viewport=None, javascript=True, color_scheme="light", locale="en-GB"):
        from scripts.live import DESKTOP

        context = browser.new_context(
            base_url=base_url,
            viewport=viewport or DESKTOP,
            java_script_enabled=javascript,
            color_scheme=color_scheme,
            locale=locale,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
