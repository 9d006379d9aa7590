"""Atom feeds: valid for a real feed parser, absolute links on PUBLIC_URL, the stored sanitized
HTML as content, nothing deleted or hidden, cheap to poll, and findable from the pages."""

import re
import xml.etree.ElementTree as ET

import feedparser
import pytest

from forum.extensions import db
from forum.moderation.actions import hide_item, split_reply
from forum.moderation.tag_actions import edit_tag
from forum.querycount import counting_queries
from forum.threads.actions import delete_reply, post_reply, start_thread
from tests.helpers import Auth

ATOM = "{http://www.w3.org/2005/Atom}"
PUBLIC = "https://forum.example"


def parsed(client, url: str):
    """Fetch a feed and parse it as a feed reader would, checking it is valid Atom 1.0."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    assert feed.version == "atom10"
    return feed


def titles(feed) -> list[str]:
    return [entry.title for entry in feed.entries]


@pytest.fixture
def debate(thread, member, other_member, make_thread):
    """alice's drones thread with bob's reply, and a second thread by bob under privacy."""
    reply = post_reply(thread, other_member, "Crowds deserve **privacy**.", None, "challenge")
    second = make_thread("Is encryption a right?", author=other_member, tag_slugs=["privacy"])
    return thread, reply, second


def feed_urls(thread) -> list[str]:
    return ["/feed.atom", "/tags/drones/feed.atom", f"/t/{thread.id}/feed.atom", "/u/bob/feed.atom"]


def test_every_feed_is_valid_atom_with_absolute_links_on_public_url(app, client, debate):
    thread, _, _ = debate
    app.config["PUBLIC_URL"] = PUBLIC + "/"
    for url in feed_urls(thread):
        feed = parsed(client, url)
        assert feed.entries, url
        links = {link.rel: link.href for link in feed.feed.links}
        assert links["self"] == PUBLIC + url
        assert links["alternate"].startswith(PUBLIC + "/")
        for entry in feed.entries:
            assert entry.id.startswith(PUBLIC + "/"), url
            assert entry.link.startswith(PUBLIC + "/"), url
            assert entry.author in ("alice", "bob")
            assert entry.content[0].type == "text/html"
        other_host = client.get(url, headers={"Host": "evil.example"}).data
        assert b"evil.example" not in other_host and b"localhost" not in other_host


def test_each_feed_lists_its_own_entries_newest_first(app, client, debate, member):
    thread, reply, second = debate
    later = post_reply(thread, member, "A later answer.", reply.id, "support")

    home = parsed(client, "/feed.atom")
    assert titles(home) == ["Is encryption a right?", "Should drones watch crowds?"]
    assert home.entries[1].link == f"http://localhost/t/{thread.id}/{thread.slug}"
    assert home.entries[1].tags[0].term == "drones"

    assert titles(parsed(client, "/tags/drones/feed.atom")) == ["Should drones watch crowds?"]
    assert titles(parsed(client, "/tags/privacy/feed.atom")) == ["Is encryption a right?"]

    replies = parsed(client, f"/t/{thread.id}/feed.atom")
    assert replies.feed.title == "Replies to “Should drones watch crowds?”"
    assert [entry.link for entry in replies.entries] == [
        f"http://localhost/p/{later.id}",
        f"http://localhost/p/{reply.id}",
    ]
    assert replies.entries[1].title == "bob replied to “Should drones watch crowds?”"

    bob = parsed(client, "/u/bob/feed.atom")
    assert bob.feed.title == "Threads and replies by bob"
    assert [entry.link for entry in bob.entries] == [
        f"http://localhost/t/{second.id}/{second.slug}",
        f"http://localhost/p/{reply.id}",
    ]


def test_content_is_the_stored_sanitized_html(client, thread, other_member):
    reply = post_reply(
        thread, other_member, 'Look <script>alert("x")</script> **here**.', None, "support"
    )
    # Raw XML, since feedparser would sanitize the content itself; the document is our own.
    document = ET.fromstring(client.get(f"/t/{thread.id}/feed.atom").data)  # noqa: S314
    content = document.find(f"{ATOM}entry/{ATOM}content")
    assert content.get("type") == "html"
    assert content.text == reply.body_html
    assert "<strong>here</strong>" in content.text
    assert "<script" not in content.text


def test_deleted_hidden_and_moved_writing_stays_out_of_every_feed(
    app, client, thread, member, other_member, moderator, make_user
):
    troll = make_user("troll")
    deleted = post_reply(thread, other_member, "Deleted words.", None, "support")
    delete_reply(deleted)
    hidden = post_reply(thread, other_member, "Hidden words.", None, "support")
    hide_item(moderator, hidden, "Doxxing")
    moved = post_reply(thread, other_member, "Moved words.", None, "support")
    new_thread = split_reply(moderator, moved, "A side discussion", "Off topic")
    kept = post_reply(thread, other_member, "Kept words.", None, "support")
    secret = start_thread(troll, "Secret motion", "Secret body.", ["drones"])
    in_secret = post_reply(secret, other_member, "Secret reply.", None, "support")
    hide_item(moderator, secret, "Spam ring")

    # Feeds are public and cached: a moderator or the author gets what a visitor gets.
    Auth(client).login("mod_carol")
    replies = parsed(client, f"/t/{thread.id}/feed.atom")
    assert [entry.link for entry in replies.entries] == [f"http://localhost/p/{kept.id}"]
    assert [entry.link for entry in parsed(client, f"/t/{new_thread.id}/feed.atom").entries] == [
        f"http://localhost/p/{moved.id}"
    ]
    for url in ("/feed.atom", "/tags/drones/feed.atom", "/u/troll/feed.atom", "/u/bob/feed.atom"):
        body = client.get(url).data
        for text in (b"Deleted words", b"Hidden words", b"Secret", b"Doxxing", b"Spam ring"):
            assert text not in body, (url, text)
    bob_links = [entry.link for entry in parsed(client, "/u/bob/feed.atom").entries]
    assert f"http://localhost/p/{in_secret.id}" not in bob_links
    assert f"http://localhost/p/{kept.id}" in bob_links

    # A hidden thread's feed is gone, like its page, even for its author.
    Auth(client).logout()
    Auth(client).login("troll")
    gone = client.get(f"/t/{secret.id}/feed.atom")
    assert gone.status_code == 410
    assert b"Secret reply" not in gone.data


def test_repeated_polls_are_answered_with_304(client, thread, other_member):
    url = f"/t/{thread.id}/feed.atom"
    post_reply(thread, other_member, "First answer.", None, "support")
    first = client.get(url)
    assert first.status_code == 200
    assert first.cache_control.public and first.cache_control.max_age == 300
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    assert "Accept-Language" in first.headers["Vary"]

    unchanged = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert unchanged.status_code == 304
    assert unchanged.data == b""
    since = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    assert client.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200

    post_reply(thread, other_member, "Second answer.", None, "support")
    changed = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != first.headers["ETag"]


def test_an_empty_feed_is_valid_and_stable(client, tags):
    feed = parsed(client, "/feed.atom")
    assert feed.entries == []
    etag = client.get("/feed.atom").headers["ETag"]
    assert client.get("/feed.atom", headers={"If-None-Match": etag}).status_code == 304


ALTERNATE = re.compile(
    r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)">'
)


def test_pages_point_feed_readers_at_their_feed(client, debate):
    thread, _, _ = debate
    pages = {
        "/": ("Counterpoint: new threads", "/feed.atom"),
        "/tags/drones": ("Counterpoint: threads tagged #drones", "/tags/drones/feed.atom"),
        f"/t/{thread.id}/{thread.slug}": (
            "Replies to “Should drones watch crowds?”",
            f"/t/{thread.id}/feed.atom",
        ),
        "/u/bob": ("Threads and replies by bob", "/u/bob/feed.atom"),
    }
    for page, (title, href) in pages.items():
        html = client.get(page).get_data(as_text=True)
        head = html.split("</head>")[0]
        assert ALTERNATE.findall(head) == [(title, href)], page
        assert parsed(client, href).feed.title == title


def test_the_alternate_title_is_escaped(client, make_thread):
    thread = make_thread('Quotes " and <tags> in a title')
    html = client.get(f"/t/{thread.id}/{thread.slug}").get_data(as_text=True)
    assert 'title="Replies to “Quotes &#34; and &lt;tags&gt; in a title”"' in html


@pytest.mark.parametrize(
    "url", ["/t/9999/feed.atom", "/u/nobody/feed.atom", "/tags/nothing/feed.atom"]
)
def test_unknown_feeds_are_404(client, tags, url):
    assert client.get(url).status_code == 404


def test_an_old_or_miscased_tag_slug_redirects_to_the_feed(client, thread, moderator, tags):
    drones = tags[1]
    edit_tag(moderator, drones, "uav", drones.name, drones.description, "Clearer name")
    for old in ("drones", "DRONES", "UAV"):
        response = client.get(f"/tags/{old}/feed.atom")
        assert response.status_code == 301, old
        assert response.headers["Location"].endswith("/tags/uav/feed.atom")
    assert titles(parsed(client, "/tags/uav/feed.atom")) == ["Should drones watch crowds?"]


def feed_queries(client, url: str) -> tuple[int, int, list[str]]:
    """How many statements one GET of a feed runs, how many entries it has, and the writes."""
    db.session.expunge_all()  # a real request starts with an empty session, nothing cached
    with counting_queries() as statements:
        response = client.get(url)
    writes = [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    return len(statements), len(feedparser.parse(response.data).entries), writes


def test_a_feed_costs_the_same_queries_for_two_entries_or_fifty(
    client, member, other_member, make_user, tags
):
    def write(how_many: int, tag: str, author):
        first = start_thread(author, f"Thread {tag} 0", "Body.", [tag])
        for number in range(1, how_many):
            start_thread(author, f"Thread {tag} {number}", "Body.", [tag, "ethics"])
        for number in range(how_many):
            post_reply(first, other_member, f"Reply {tag} {number}.", None, "support")
        return first

    # bob starts the small set and writes every reply: 2 threads and 62 replies in his feed.
    small, large = write(2, "drones", other_member), write(60, "privacy", member)
    make_user("reader")
    Auth(client).login("reader")  # a signed-in reader's session adds no per-entry queries
    pairs = [
        ("/tags/drones/feed.atom", "/tags/privacy/feed.atom"),
        (f"/t/{small.id}/feed.atom", f"/t/{large.id}/feed.atom"),
    ]
    for small_url, large_url in pairs:
        small_count, small_entries, writes = feed_queries(client, small_url)
        large_count, large_entries, more_writes = feed_queries(client, large_url)
        assert (small_entries, large_entries) == (2, 50)
        assert small_count == large_count, large_url
        assert writes == more_writes == []
    # Threads and replies together, still the newest fifty, in a fixed number of queries.
    for url in ("/u/alice/feed.atom", "/u/bob/feed.atom", "/feed.atom"):
        count, entries, writes = feed_queries(client, url)
        assert entries == 50, url
        assert count <= 8, url
        assert writes == []
