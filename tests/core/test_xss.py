"""Every XSS payload in tests/data/xss-payloads.txt, sent through the real routes to every place
member text appears, then the pages parsed with an HTML parser (lxml): no script element
the forum did not write, no event-handler attribute, no javascript:, data: or vbscript: URL.
tests/browser/test_xss_dialogs.py loads the same kind of pages in Chromium, whose parser is the
one that matters, and fails on any dialog.

Usernames take only [A-Za-z0-9_-], so they cannot carry a payload; the places a name is shown
are covered by the other fields shown beside it (organisation, bio, titles, mentions).
"""

import html
import re
from pathlib import Path
from urllib.parse import quote

import lxml.html
from lxml import etree

from forum.extensions import db
from forum.models import Reply, Tag
from tests.helpers import csrf_from

PAYLOAD_FILE = Path(__file__).parent.parent / "data" / "xss-payloads.txt"
ESCAPE = re.compile(r"\\(n|t|r|u[0-9a-fA-F]{4})")
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "srcset"}
)
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
# Whitespace and controls a browser drops inside a scheme ("java\tscript:" still runs).
URL_NOISE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
NEVER_IN_PAGES = frozenset({"iframe", "frame", "object", "embed", "base", "applet", "svg", "math"})
FORUM_SCRIPTS = 2  # the module that enhances pages and the JSON of its translated messages


def _unescape(match: re.Match) -> str:
    code = match[1]
    return {"n": "\n", "t": "\t", "r": "\r"}.get(code) or chr(int(code[1:], 16))


def load_payloads() -> list[str]:
    """The corpus, one payload a line, with \\n, \\t, \\r and \\uXXXX decoded."""
    payloads = []
    for line in PAYLOAD_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("# ") or line == "#":
            continue
        payloads.append(ESCAPE.sub(_unescape, line))
    return payloads


PAYLOADS = load_payloads()


def _local(name: str) -> str:
    """A tag or attribute name without its namespace, lower-cased."""
    return name.rsplit("}", 1)[-1].lower() if isinstance(name, str) else ""


def dangerous_url(value: str) -> bool:
    """Whether a URL would run script or load a document: after entities and noise go."""
    cleaned = URL_NOISE.sub("", html.unescape(value)).lower()
    return cleaned.startswith(DANGEROUS_SCHEMES)


def element_dangers(root, where: str, *, whole_page: bool) -> list[str]:
    """What in a parsed tree could run script, each described for the failure message."""
    found, scripts = [], 0
    for element in root.iter():
        tag = _local(element.tag)
        if not tag:
            continue  # comments and processing instructions
        if tag == "script":
            scripts += 1
            own = element.get("type") == "module" and (element.get("src") or "").startswith(
                "/assets/"
            )
            own = own or (element.get("type") == "application/json" and element.get("id"))
            if not (whole_page and own):
                found.append(f"{where}: <script> {etree.tostring(element)[:120]!r}")
        if tag in NEVER_IN_PAGES:
            found.append(f"{where}: <{tag}> element")
        for name, value in element.attrib.items():
            attribute = _local(name)
            if attribute.startswith("on"):
                found.append(f"{where}: {attribute}= on <{tag}>")
            elif attribute in URL_ATTRIBUTES and dangerous_url(value):
                found.append(f"{where}: {attribute}={value[:80]!r} on <{tag}>")
            elif attribute == "srcdoc":
                found.append(f"{where}: srcdoc on <{tag}>")
            elif attribute == "style" and re.search(r"expression|javascript|url\(", value, re.I):
                found.append(f"{where}: style={value[:80]!r} on <{tag}>")
            elif tag == "meta" and attribute == "content" and "url=" in value.lower():
                refresh = (element.get("http-equiv") or "").lower() == "refresh"
                if refresh and dangerous_url(value.lower().split("url=", 1)[1]):
                    found.append(f"{where}: meta refresh {value[:80]!r}")
    if whole_page and scripts > FORUM_SCRIPTS:
        found.append(f"{where}: {scripts} script elements")
    return found


def page_dangers(text: str, where: str) -> list[str]:
    """Parse a whole page and list what could run script."""
    return element_dangers(lxml.html.document_fromstring(text), where, whole_page=True)


def fragment_dangers(text: str, where: str) -> list[str]:
    """The same for an HTML fragment, such as a feed entry's content: no script at all."""
    if not text.strip():
        return []
    found = []
    for part in lxml.html.fragments_fromstring(text):
        if isinstance(part, str):
            continue
        found += element_dangers(part, where, whole_page=False)
    return found


ATOM = "{http://www.w3.org/2005/Atom}"


def feed_dangers(xml: bytes, where: str) -> list[str]:
    """An Atom feed: every html or xhtml text in it, parsed, and no script anywhere in the XML."""
    root = etree.fromstring(xml)
    found = element_dangers(root, where, whole_page=False)
    for element in root.iter(f"{ATOM}title", f"{ATOM}content", f"{ATOM}summary"):
        if element.get("type") == "html" and element.text:
            found += fragment_dangers(element.text, f"{where} {_local(element.tag)}")
    return found


class Browser:
    """The test client with one CSRF token, and a list of everything dangerous it met."""

    def __init__(self, client):
        self.client = client
        self.token = csrf_from(client.get("/").data)
        self.dangers: list[str] = []
        self.pages = 0

    def post(self, url: str, data: dict, where: str):
        response = self.client.post(url, data={"csrf_token": self.token, **data})
        assert response.status_code in (200, 302, 303, 400), (where, response.status_code)
        if response.status_code != 302:  # a refusal re-shows the form with the text in it
            self.check_response(response, f"{where} (refused)")
        return response

    def get(self, url: str, where: str | None = None):
        response = self.client.get(url, follow_redirects=True)
        assert response.status_code in (200, 404, 410), (url, response.status_code)
        self.check_response(response, where or url)
        return response

    def check_response(self, response, where: str) -> None:
        self.pages += 1
        kind = response.headers.get("Content-Type", "")
        if "atom" in kind or "xml" in kind:
            self.dangers += feed_dangers(response.data, where)
        elif "json" in kind:
            payload = response.get_json() or {}
            self.dangers += fragment_dangers(str(payload.get("html", "")), where)
        else:
            self.dangers += page_dangers(response.get_data(as_text=True), where)

    def get_all(self, url: str, where: str, pages: int = 20) -> None:
        """A listing and the pages after it (rel="next"), up to a bound."""
        for _ in range(pages):
            response = self.get(url, where)
            tree = lxml.html.document_fromstring(response.get_data(as_text=True))
            following = tree.xpath("//a[@rel='next']/@href")
            if not following:
                return
            url = following[0]

    def log_in(self, auth, username: str) -> None:
        auth.logout()
        auth.login(username)
        self.token = csrf_from(self.client.get("/").data)


def title_for(number: int, payload: str) -> str:
    return f"XSS {number}: {payload}"[:200]


def test_corpus_is_large_and_varied():
    assert len(PAYLOADS) >= 150
    assert len(set(PAYLOADS)) == len(PAYLOADS), "a payload is listed twice"
    for family in ("javascript:", "data:", "vbscript:", "<svg", "<math", "<noscript", "<style"):
        assert any(family in payload.lower() for payload in PAYLOADS), family
    assert any("\u202e" in payload for payload in PAYLOADS)


def test_dangers_are_found_in_what_the_forum_never_sends():
    """The checker itself: it finds each kind of danger a sanitizer could miss."""
    assert fragment_dangers('<img src=x onerror="alert(1)">', "t")
    assert fragment_dangers('<a href=" jav&#x09;ascript:alert(1)">x</a>', "t")
    assert fragment_dangers('<a href="DATA:text/html,x">x</a>', "t")
    assert fragment_dangers("<svg><style><img src=x onerror=alert(1)></style></svg>", "t")
    assert fragment_dangers("<script>alert(1)</script>", "t")
    assert not fragment_dangers('<a href="https://example.org/javascript:">x</a>', "t")
    assert not fragment_dangers("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "t")
    assert fragment_dangers('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "t")
    assert not fragment_dangers('<meta name="description" content="0;url=javascript:x">', "t")


def test_posts_titles_feeds_search_and_notifications(client, auth, member, other_member, tags):
    """Thread titles, opening posts and replies (mentioning bob), then every page showing them."""
    browser = Browser(client)
    browser.log_in(auth, "alice")
    threads = []
    for number, payload in enumerate(PAYLOADS):
        response = browser.post(
            "/new",
            {"title": title_for(number, payload), "body": payload, "tags": "drones"},
            f"new thread {number}",
        )
        if response.status_code != 302:
            continue
        thread_url = response.headers["Location"]
        thread_id = int(re.search(r"/t/(\d+)", thread_url)[1])
        threads.append(thread_id)
        browser.post(f"/t/{thread_id}/reply", {"body": f"@bob {payload}"}, f"reply {number}")
        browser.post("/preview", {"body": payload}, f"preview {number}")
        browser.get(thread_url, f"thread page {number}")
        browser.get(f"/t/{thread_id}/feed.atom", f"thread feed {number}")
        browser.get(f"/search?q={quote(payload)}", f"search echo {number}")
    assert len(threads) >= len(PAYLOADS) * 0.9, "most payloads should post (as visible text)"

    for url in ("/", "/tags", "/tags/drones", "/u/alice", "/search?q=XSS"):
        browser.get_all(url, url)
    for url in ("/feed.atom", "/tags/drones/feed.atom", "/u/alice/feed.atom"):
        browser.get(url)
    for reply in db.session.scalars(db.select(Reply).limit(40)):
        browser.get(f"/p/{reply.id}", f"permalink {reply.id}")

    browser.log_in(auth, "bob")
    browser.get_all("/notifications", "bob's notifications")
    browser.get_all("/feed", "bob's feed")
    assert browser.pages > len(PAYLOADS) * 4
    assert not browser.dangers, "\n".join(browser.dangers[:40])


def test_bio_and_organisation(client, auth, member, thread):
    """A member's bio and organisation on their profile and beside their name in threads."""
    browser = Browser(client)
    browser.log_in(auth, "alice")
    saved_count = 0
    for number, payload in enumerate(PAYLOADS):
        saved = browser.post(
            "/settings/profile",
            {"bio": payload, "affiliation": "academia", "organisation": payload[:80]},
            f"profile {number}",
        )
        saved_count += saved.status_code == 302
        browser.get("/u/alice", f"profile page {number}")
        if number % 10 == 0:
            browser.get(f"/t/{thread.id}", f"thread with affiliation {number}")
            browser.get("/settings", f"settings {number}")
    assert not browser.dangers, "\n".join(browser.dangers[:40])
    assert saved_count >= len(PAYLOADS) * 0.9, "most payloads are saved, shown as text"


def test_tag_names_and_descriptions(client, auth, moderator, tags):
    """Tag names and descriptions, set on the moderators' tag pages, wherever tags are listed."""
    browser = Browser(client)
    browser.log_in(auth, "mod_carol")
    saved_count = 0
    for number, payload in enumerate(PAYLOADS):
        saved = browser.post(
            "/mod/tags/privacy",
            {
                "slug": "privacy",
                "name": f"{number} {payload}"[:60],
                "description": payload[:300],
                "reason": "Testing",
            },
            f"tag edit {number}",
        )
        saved_count += saved.status_code == 302
        browser.get("/tags/privacy", f"tag page {number}")
        if number % 10 == 0:
            browser.get("/tags", f"tag list {number}")
            browser.get("/mod/tags", f"tag tools {number}")
            browser.get("/tags/privacy/feed.atom", f"tag feed {number}")
    assert db.session.get(Tag, tags[0].id).description  # the edits went through
    assert not browser.dangers, "\n".join(browser.dangers[:40])
    assert saved_count >= len(PAYLOADS) * 0.9, "most payloads are saved, shown as text"


def test_moderation_reasons(client, auth, moderator, thread, other_member):
    """Hide reasons on the reply, its permalink, the moderation log and its feed."""
    from forum.threads.actions import post_reply

    replies = [
        post_reply(thread, other_member, f"Reply {number}", None, "")
        for number in range(len(PAYLOADS))
    ]
    browser = Browser(client)
    browser.log_in(auth, "mod_carol")
    saved_count = 0
    for number, (payload, reply) in enumerate(zip(PAYLOADS, replies, strict=True)):
        hid = browser.post(f"/mod/p/{reply.id}/hide", {"reason": payload[:500]}, f"hide {number}")
        saved_count += hid.status_code == 302
        browser.get(f"/p/{reply.id}", f"hidden reply {number}")
        if number % 10 == 0:
            browser.get(f"/t/{thread.id}", f"thread with hidden replies {number}")
    browser.get_all("/mod/log", "moderation log")
    browser.get("/mod/log.atom", "moderation log feed")
    browser.log_in(auth, "bob")
    for reply in replies[:40]:
        browser.get(f"/p/{reply.id}", f"hidden reply as its author {reply.id}")
    auth.logout()
    browser.get_all("/mod/log", "moderation log, signed out")
    assert not browser.dangers, "\n".join(browser.dangers[:40])
    assert saved_count >= len(PAYLOADS) * 0.9, "most payloads are saved, shown as text"
