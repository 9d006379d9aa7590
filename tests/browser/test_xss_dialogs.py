"""The XSS corpus in real Chromium: every payload is put where member text appears (thread
titles and bodies, replies with mentions, hide reasons, bio, organisation, tag descriptions,
search queries, the live preview), the pages holding it are loaded with scripts on, and no
alert, confirm or prompt may open. The dialog handler is registered before any navigation."""

import re
from urllib.parse import quote

from forum.accounts.actions import update_profile
from forum.errors import ActionError
from forum.extensions import db
from forum.markup import CONTROL_CHARACTERS
from forum.models import Tag, User
from forum.moderation.actions import hide_item
from forum.moderation.tag_actions import edit_tag
from forum.threads.actions import post_reply, start_thread
from tests.browser.helpers import log_in
from tests.core.test_xss import PAYLOADS

MODERATOR = "mira_okafor"
# Written through the actions, so only what the forum's request screen lets in (a NUL, say, is
# refused at the door with a 400, which tests/core/test_xss.py checks, and PostgreSQL cannot
# store it at all).
STORABLE = [payload for payload in PAYLOADS if not CONTROL_CHARACTERS.search(payload)]


def chunks(texts: list[str], size: int) -> list[str]:
    """The payloads joined into pieces of at most `size` characters (each payload whole)."""
    pieces, current = [], ""
    for text in texts:
        if current and len(current) + len(text) + 2 > size:
            pieces.append(current)
            current = ""
        current = f"{current}\n\n{text}" if current else text
    return [*pieces, current] if current else pieces


def put_the_corpus_everywhere(app) -> list[str]:
    """Write every payload through the forum's own actions; the addresses that show them."""
    urls: list[str] = []
    with app.test_request_context():
        moderator = db.session.scalar(db.select(User).where(User.username == MODERATOR))
        author = db.session.scalar(
            db.select(User).where(User.role == "member").order_by(User.id).limit(1)
        )
        tag = db.session.scalars(db.select(Tag).order_by(Tag.id)).first()
        for number, payload in enumerate(STORABLE):
            title = f"XSS {number}: {payload}"[:200]
            try:
                thread = start_thread(moderator, title, payload, [tag.slug])
            except ActionError:
                continue
            reply = post_reply(thread, author, f"@{MODERATOR} {payload}", None, "")
            hidden = post_reply(thread, author, f"Hidden {number}", None, "")
            hide_item(moderator, hidden, payload[:500])
            urls.append(f"/t/{thread.id}")
            if number % 20 == 0:
                urls.append(f"/p/{reply.id}")
        for piece in chunks(STORABLE, 1000):
            update_profile(author, piece, "academia", piece.replace("\n", " ")[:80])
            urls.append(f"/u/{author.username}?bio={len(urls)}")
            db.session.commit()
        urls.append(f"/u/{author.username}")
        for number, piece in enumerate(chunks(STORABLE, 300)):
            edit_tag(moderator, tag, tag.slug, f"{tag.name[:50]} {number}", piece, "Testing")
            urls.append(f"/tags/{tag.slug}?description={number}")
        for piece in chunks(STORABLE, 400):
            urls.append(f"/search?q={quote(piece)}")
        urls += ["/", "/tags", f"/tags/{tag.slug}", "/notifications", "/mod/log", "/feed"]
    return urls


def test_no_dialog_opens_on_pages_holding_the_corpus(make_context, forum):
    base_url, app, passwords = forum
    urls = put_the_corpus_everywhere(app)
    assert len(urls) > len(STORABLE)

    page = make_context().new_page()
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(f"{dialog.type} {dialog.message!r} on {page.url}")
        dialog.dismiss()

    page.on("dialog", on_dialog)  # before the first navigation
    log_in(page, passwords, MODERATOR)
    page.evaluate("() => alert('probe')")  # the handler does see a dialog
    assert len(dialogs) == 1 and "probe" in dialogs.pop()
    for url in urls:
        page.goto(url, wait_until="load")
    assert page.locator("main").count() == 1  # the pages did load

    # The live preview puts the server's sanitized HTML into the page with innerHTML.
    page.goto(urls[0], wait_until="load")
    box = page.locator("form#reply textarea[name=body]")
    toggle = page.locator("form#reply .preview-toggle")
    pane = page.locator("form#reply .preview")
    for piece in chunks(PAYLOADS, 1500):
        box.fill(piece)
        toggle.click()  # open: renders
        page.wait_for_function(
            "el => el.textContent && !/^Rendering/.test(el.textContent)", arg=pane.element_handle()
        )
        toggle.click()  # close, so the next click renders again
    page.wait_for_timeout(300)  # let any late handler (onerror, onload) run
    assert dialogs == []
    assert not re.search(r"<script>alert", page.content())
