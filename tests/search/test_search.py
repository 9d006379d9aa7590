"""Searching the forum over HTTP: ranking, filters, snippets, hidden content and bad queries.

Every assertion names exact results, so the same file passing on SQLite (FTS5) and on
PostgreSQL (tsvector) shows both backends find the same rows in the same order.
"""

import re

import pytest

from forum.moderation.actions import hide_item, restore_item
from forum.threads.actions import edit_thread, post_reply, start_thread
from tests.helpers import post_form

RESULT_LINK = re.compile(r'<h2 class="thread-title">\s*<a href="([^"]+)"')


def result_links(client, query: str, **args) -> list[str]:
    """The links of the search results, in order, as a reader sees them."""
    response = client.get("/search", query_string={"q": query, **args})
    assert response.status_code == 200
    return RESULT_LINK.findall(response.get_data(as_text=True))


def thread_link(thread) -> str:
    """A thread result's link."""
    return f"/t/{thread.id}/{thread.slug}"


def reply_link(reply) -> str:
    """A reply result's link."""
    return f"/p/{reply.id}"


@pytest.fixture
def forum(member, other_member, tags):
    """Two threads and a few replies about surveillance, by two members."""
    cameras = start_thread(
        member, "Surveillance cameras in stations", "Should stations film everyone?", ["privacy"]
    )
    drones = start_thread(
        other_member,
        "Drones over protests",
        "Police drones bring a kind of surveillance nobody voted for.",
        ["drones"],
    )
    edit_thread(drones, drones.title, drones.body_source, ["drones"], kind="discussion")
    first = post_reply(cameras, other_member, "Cameras deter theft, not violence.", None, "support")
    second = post_reply(
        drones, member, "Facial recognition makes drone surveillance far worse.", None, "challenge"
    )
    return {"cameras": cameras, "drones": drones, "first": first, "second": second}


def test_search_box_is_on_every_page(client, thread):
    for url in ["/", "/tags", "/login", f"/t/{thread.id}/{thread.slug}", "/search"]:
        html = client.get(url).get_data(as_text=True)
        assert '<form class="search-box" role="search" method="get" action="/search">' in html
        assert '<label for="search-box-q"><span class="visually-hidden">Search the forum' in html
        assert 'id="search-box-q" type="search" name="q"' in html


def test_empty_search_explains_the_syntax(client):
    response = client.get("/search")
    assert response.status_code == 200
    assert b"tag:privacy" in response.data


def test_title_match_ranks_above_body_mentions(client, forum):
    assert result_links(client, "surveillance") == [
        thread_link(forum["cameras"]),
        reply_link(forum["second"]),
        thread_link(forum["drones"]),
    ]


def test_newest_first(client, forum):
    assert result_links(client, "surveillance", sort="newest") == [
        reply_link(forum["second"]),
        thread_link(forum["drones"]),
        thread_link(forum["cameras"]),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("surveillance tag:privacy", ["cameras"]),
        ("surveillance tag:drones", ["second", "drones"]),
        ("surveillance author:Alice", ["cameras", "second"]),
        ("surveillance author:bob", ["drones"]),
        ("surveillance kind:motion", ["cameras"]),
        ("surveillance kind:discussion", ["second", "drones"]),
        ("surveillance tag:nothing-here", []),
        ('"drone surveillance"', ["second"]),
        ('"surveillance drone"', []),
        ("surveillance -recognition", ["cameras", "drones"]),
        ('surveillance -"police drones"', ["cameras", "second"]),
        ("CAMERAS", ["cameras", "first"]),
    ],
)
def test_filters_phrases_and_exclusions(client, forum, query, expected):
    links = {
        "cameras": thread_link(forum["cameras"]),
        "drones": thread_link(forum["drones"]),
        "first": reply_link(forum["first"]),
        "second": reply_link(forum["second"]),
    }
    assert result_links(client, query) == [links[name] for name in expected]


def test_results_are_paginated(client, thread, member):
    replies = [
        post_reply(thread, member, f"Argument number {n} about crowds.", None, "clarify")
        for n in range(23)
    ]
    newest_first = [reply_link(reply) for reply in reversed(replies)]
    first = client.get("/search?q=crowds&sort=newest").get_data(as_text=True)
    # The thread's own title ("Should drones watch crowds?") is the oldest hit.
    assert RESULT_LINK.findall(first) == newest_first[:20]
    assert 'rel="next" href="/search?q=crowds&amp;sort=newest&amp;page=2"' in first
    second = client.get("/search?q=crowds&sort=newest&page=2").get_data(as_text=True)
    assert RESULT_LINK.findall(second) == [*newest_first[20:], thread_link(thread)]
    assert 'rel="next"' not in second and 'rel="prev"' in second


def test_snippets_escape_member_text_and_mark_only_the_term(client, thread, member):
    post_reply(
        thread,
        member,
        '<script>alert(1)</script> cameras "><img onerror=alert(2)> fail.',
        None,
        "challenge",
    )
    html = client.get("/search?q=cameras").get_data(as_text=True)
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html)[1]
    assert snippet == (
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>cameras</mark> "
        "&#34;&gt;&lt;img onerror=alert(2)&gt; fail."
    )
    assert "<script>alert" not in html and "<img onerror" not in html


def test_hidden_and_deleted_content_is_never_found(client, auth, forum, moderator, other_member):
    hide_item(moderator, forum["second"], "Off topic.")
    hide_item(moderator, forum["cameras"], "Doxxing.")
    # The hidden thread takes its replies with it.
    assert result_links(client, "surveillance") == [thread_link(forum["drones"])]
    assert result_links(client, "cameras") == []
    restore_item(moderator, forum["cameras"], "Cleared.")
    assert result_links(client, "cameras") == [
        thread_link(forum["cameras"]),
        reply_link(forum["first"]),
    ]
    auth.login(other_member.username)
    reply = forum["first"]
    post_form(client, f"/p/{reply.id}/delete", {}, f"/p/{reply.id}/delete")
    assert result_links(client, "cameras") == [thread_link(forum["cameras"])]
    assert result_links(client, "theft") == []


def test_edits_are_searched_as_they_now_read(client, auth, forum, member, other_member):
    edit_thread(forum["cameras"], "Ticket barriers in stations", "Who pays?", ["privacy"])
    assert thread_link(forum["cameras"]) not in result_links(client, "surveillance")
    assert result_links(client, "barriers") == ["/t/1/ticket-barriers-in-stations"]
    auth.login(other_member.username)
    reply = forum["first"]
    post_form(client, f"/p/{reply.id}/edit", {"body": "Barriers deter fraud."}, f"/p/{reply.id}")
    assert result_links(client, "theft") == []
    assert result_links(client, "fraud") == [reply_link(reply)]


BAD_QUERIES = [
    '"',
    "'",
    "%",
    "_",
    "OR 1=1--",
    "' OR 1=1--",
    "-",
    "--",
    "a" * 1000,
    "surveillance " * 90,
    "surveillance vidéo",
    "监控",
    "NEAR(",
    "NEAR(surveillance cameras, 2)",
    "surveil*",
    "*",
    "^surveillance",
    '"surveillance',
    'surveillance "cameras',
    "title:surveillance",
    "tag:",
    "author:",
    "kind:nothing surveillance",
    "AND OR NOT",
    "(surveillance",
    "{title}: x",
    "\\",
    "%_%",
    "surveillance\u00a0cameras",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_any_query_string_answers_200(client, forum, query):
    for sort in ("relevance", "newest", "sideways"):
        response = client.get("/search", query_string={"q": query, "sort": sort, "page": "x"})
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert "thread-row" in html or "No results" in html


def test_only_exclusions_say_no_results(client, forum):
    html = client.get("/search?q=-surveillance").get_data(as_text=True)
    assert "No results: add at least one word to look for." in html


def test_french_text_is_found_with_its_accents(client, member, tags):
    made = start_thread(member, "Vidéosurveillance à Paris", "La vidéo filme la rue.", ["privacy"])
    assert result_links(client, "vidéo") == [thread_link(made)]
    assert result_links(client, "vidéosurveillance paris") == [thread_link(made)]


def test_reindex_command_rebuilds_the_index(app, runner, forum):
    from sqlalchemy import text

    from forum.extensions import db

    if db.engine.dialect.name == "sqlite":
        # Lose the index, as a restored backup without it would.
        db.session.execute(text("INSERT INTO search_index(search_index) VALUES ('delete-all')"))
        db.session.commit()
        assert result_links(app.test_client(), "surveillance") == []
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0 and "rebuilt" in result.output
    assert result_links(app.test_client(), "surveillance") == [
        thread_link(forum["cameras"]),
        reply_link(forum["second"]),
        thread_link(forum["drones"]),
    ]


def test_a_seeded_argument_is_found_by_a_phrase_from_it(client, app):
    from sqlalchemy import select

    from forum.extensions import db
    from forum.models import Reply
    from forum.seed import seed_forum

    seed_forum()
    reply = db.session.scalars(
        select(Reply).where(Reply.depth == 2, Reply.deleted_at.is_(None)).order_by(Reply.id)
    ).first()
    phrase = " ".join(reply.body_source.split()[2:6])
    assert reply_link(reply) in result_links(client, f'"{phrase}"')


def test_a_moderators_retitle_and_split_are_searched_as_they_now_read(client, forum, moderator):
    from forum.moderation.actions import retitle_thread, split_reply

    retitle_thread(moderator, forum["cameras"], "Station ticket barriers", "Clearer title.")
    assert result_links(client, "cameras") == [reply_link(forum["first"])]
    assert result_links(client, "barriers") == ["/t/1/station-ticket-barriers"]
    moved = split_reply(moderator, forum["second"], "Recognition from the air", "Side topic.")
    assert result_links(client, "recognition") == [
        f"/t/{moved.id}/{moved.slug}",
        reply_link(forum["second"]),
    ]
