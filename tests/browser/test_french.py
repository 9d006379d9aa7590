"""A French-speaking visitor: every page in French once the scripts have run, and accessible."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.browser.conftest import PageWatch
from tests.browser.helpers import log_in
from tests.browser.test_accessibility import (
    ERROR_PAGES,
    PUBLIC_PAGES,
    continue_url,
    serious_violations,
)

CATALOGUE = Path(__file__).resolve().parents[2] / "forum/translations/fr/LC_MESSAGES/messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>|[\"'*_\[\]()>…]")
# Member content and proper names: left in the language it was written in.
MEMBER_CONTENT = ".prose, h1, .thread-title, .lede, .bio, .tag-card p, .organisation, .user"
VISIBLE_TEXT = f"""() => {{
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll("{MEMBER_CONTENT}").forEach((node) => node.remove());
  const labels = [...copy.querySelectorAll("[aria-label], [title], [placeholder]")].map((node) =>
    ["aria-label", "title", "placeholder"].map((name) => node.getAttribute(name) || "").join(" ")
  );
  return copy.innerText + " " + labels.join(" ") + " " + document.title;
}}"""


def english_phrases() -> list[str]:
    """Fragments of English interface text (two words or more) that French pages must not show."""
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    phrases = set()
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in ids:
            for fragment in PLACEHOLDER.split(text):
                words = fragment.split()
                if len(words) >= 2 and len(fragment.strip()) >= 8:
                    phrases.add(" ".join(words).strip(" .,:;?!"))
    return sorted(phrases)


ENGLISH = english_phrases()


def english_left(page) -> list[str]:
    """English interface phrases still visible (or in labels and the title) on the page."""
    text = " ".join(page.evaluate(VISIBLE_TEXT).split())
    return [phrase for phrase in ENGLISH if phrase in text]


def check(page, name: str, problems: dict) -> None:
    """Record English text or serious accessibility findings on the current page."""
    assert page.locator("html").get_attribute("lang") == "fr", name
    found = english_left(page) + serious_violations(page)
    if found:
        problems[name] = found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_public_pages_are_french_and_accessible(make_context, base_url, scheme):
    page = make_context(color_scheme=scheme, locale="fr-FR").new_page()
    watch = PageWatch(page, base_url, allow_error_documents=True)
    problems: dict = {}
    for name, url in PUBLIC_PAGES:
        page.goto(url or continue_url(page))
        page.wait_for_load_state("networkidle")
        check(page, name, problems)
    for name, url, status in ERROR_PAGES:
        assert page.goto(url).status == status
        check(page, name, problems)
    assert problems == {}
    watch.assert_clean()


def test_member_pages_are_french_and_accessible(make_context, base_url, forum):
    page = make_context(locale="fr-FR").new_page()
    watch = PageWatch(page, base_url, allow_error_documents=True)
    log_in(page, forum[2])
    problems: dict = {}
    for name, url in [("new thread", "/new"), ("thread", "/t/3"), ("settings", "/settings")]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        check(page, name, problems)
    page.goto("/u/mira_okafor")
    own_reply = page.locator("a[href^='/p/']").first.get_attribute("href")
    page.goto(f"{own_reply}/delete")
    check(page, "delete confirmation", problems)
    page.goto(f"{own_reply}/edit")
    check(page, "edit reply", problems)
    page.goto("/new")
    page.get_by_role("button", name="Ouvrir le fil").click()
    assert page.get_by_label("Titre").get_attribute("aria-invalid") == "true"
    check(page, "new thread with errors", problems)
    page.goto("/settings")
    page.locator("#password-current_password, [name=current_password]").last.fill("wrong")
    page.get_by_role("button", name=re.compile("mot de passe", re.I)).click()
    check(page, "settings with errors", problems)
    assert problems == {}
    watch.assert_clean()
