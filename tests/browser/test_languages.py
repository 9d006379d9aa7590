"""The scripts speak the page's language: French pages get French script text and times."""

import re

from playwright.sync_api import expect

from forum.accounts.queries import user_by_username
from forum.extensions import db
from forum.threads import actions, queries
from tests.browser.conftest import PageWatch
from tests.browser.helpers import log_in


def french_page(make_context, base_url, forum, username="mira_okafor"):
    context = make_context()
    page = context.new_page()
    watch = PageWatch(page, base_url)
    log_in(page, forum[2], username)
    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    return page, watch


def test_switch_to_french_and_back(make_context, base_url, forum):
    page = make_context().new_page()
    page.goto("/tags")
    page.get_by_role("button", name="Français").click()
    page.wait_for_url(re.compile(r"/tags\??$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Étiquettes")
    expect(page.get_by_role("button", name="Français")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tags")


def test_scripts_speak_french(make_context, base_url, forum):
    page, watch = french_page(make_context, base_url, forum)
    page.goto("/t/5")
    expect(page.locator("time[datetime]").first).to_have_text(
        re.compile(r"^(il y a .+|à l’instant|\d{1,2} \S+ \d{4})$")
    )

    page.locator("form#reply textarea[name=body]").fill("Un argument **fort**")
    page.locator("form#reply").get_by_role("button", name="Aperçu").click()
    expect(page.locator("form#reply .preview strong")).to_have_text("fort")
    expect(page.locator("form#reply .preview-toggle")).to_have_text("Masquer l’aperçu")

    page.locator("a[data-reply-to]").first.click()
    inline = page.locator("form.inline-reply")
    expect(inline.locator("[data-replying-to]")).to_have_text(re.compile(r"^En réponse à "))
    expect(inline.locator("legend")).to_have_text("Votre réponse à cette réponse")
    inline.get_by_role("button", name="Annuler").click()

    page.locator("body").press("?")
    dialog = page.get_by_role("dialog", name="Raccourcis clavier")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Réponse suivante")
    dialog.get_by_role("button", name="Fermer").click()

    app = forum[1]
    with app.app_context():
        thread = queries.thread_with_author(5)
        author = user_by_username("lt_renaud")
        actions.post_reply(thread, author, "Une réponse venue d’ailleurs", None, "support")
        db.session.remove()
    page.locator("[data-since-url]").dispatch_event("forum:check-replies")
    bar = page.get_by_role("button", name="1 nouvelle réponse\u00a0: afficher")
    expect(bar).to_be_visible()
    bar.click()
    expect(page.get_by_text("Une réponse venue d’ailleurs")).to_be_visible()
    watch.assert_clean()
