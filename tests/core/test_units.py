"""Pure parts: the markup module, the reply tree, slugs and relative times."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from forum.markup import render_markdown
from forum.threads.actions import slugify
from forum.threads.forms import parse_tag_slugs
from forum.threads.tree import ancestors, build_page


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("**bold**", "<strong>bold</strong>"),
        ("# Heading", "<h2>Heading</h2>"),  # the page's h1 is the thread title
        ("###### Six", "<h6>Six</h6>"),
        ("> quoted", "<blockquote>"),
        ("[a](https://example.org)", 'href="https://example.org" rel="nofollow ugc noopener"'),
        ("[a](mailto:x@example.org)", 'href="mailto:x@example.org"'),
        ("see https://example.org now", 'href="https://example.org" rel="nofollow ugc noopener"'),
    ],
)
def test_markdown_renders_allowed_markup(source, expected):
    assert expected in render_markdown(source)


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ("[x](javascript:alert(1))", 'href="javascript'),
        ("[x](data:text/html;base64,AAAA)", 'href="data'),
        ('<a href="x" onclick="y">z</a>', '<a href="x"'),
        ("![pic](https://tracker.example/p.gif)", "<img"),
        ('<iframe src="https://x"></iframe>', "<iframe"),
        ("[x](vbscript:msgbox)", 'href="vbscript'),
    ],
)
def test_markdown_removes_dangerous_markup(source, forbidden):
    assert forbidden not in render_markdown(source)


def test_author_rel_is_replaced():
    html = render_markdown('[a](https://example.org "t")')
    assert html.count("rel=") == 1 and 'rel="nofollow ugc noopener"' in html


@dataclass
class FakePost:
    id: int
    parent_id: int | None
    created_at: datetime


def chain(length: int) -> list[FakePost]:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    return [
        FakePost(n, n - 1 if n > 1 else None, start + timedelta(minutes=n))
        for n in range(1, length + 1)
    ]


def depth_of(nodes) -> int:
    return 1 + max((depth_of(node.children) for node in nodes), default=0) if nodes else 0


def test_tree_cuts_at_six_levels_and_counts_hidden():
    nodes = build_page(chain(9))
    assert depth_of(nodes) == 6
    sixth = nodes[0].children[0].children[0].children[0].children[0].children[0]
    assert sixth.post.id == 6 and sixth.hidden_replies == 3 and not sixth.children


def test_tree_page_rooted_at_a_reply():
    nodes = build_page(chain(9), root_id=6)
    assert nodes[0].post.id == 6 and depth_of(nodes) == 4
    assert build_page(chain(3), root_id=99) == []


def test_tree_orders_siblings_oldest_first():
    start = datetime(2024, 1, 1, tzinfo=UTC)
    posts = [FakePost(2, None, start + timedelta(1)), FakePost(1, None, start)]
    assert [node.post.id for node in build_page(posts)] == [1, 2]


def test_ancestors_from_top_down():
    assert [post.id for post in ancestors(chain(5), 5)] == [1, 2, 3, 4]
    assert ancestors(chain(5), 1) == []


@pytest.mark.parametrize(
    ("title", "slug"),
    [("Drones over crowds?", "drones-over-crowds"), ("¿¡!!", "thread"), ("a" * 100, "a" * 80)],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_parse_tag_slugs():
    assert parse_tag_slugs(" Privacy, drones  privacy,,ai ") == ["privacy", "drones", "ai"]


@pytest.mark.parametrize(
    ("depth", "root"), [(1, None), (6, None), (7, 6), (11, 6), (12, 11), (16, 11), (17, 16)]
)
def test_page_root_depth(depth, root):
    from forum.threads.tree import page_root_depth

    assert page_root_depth(depth) == root


@pytest.mark.parametrize("href", ["//evil.example/x", "/relative", "#fragment", "ftp://x.org/f"])
def test_only_absolute_web_and_mail_links_survive(href):
    html = render_markdown(f"[text]({href})")
    assert "<a" not in html and "text" in html


@pytest.mark.parametrize(
    "href", ["http://x.org/a", "HTTP://x.org/a", "https://x.org/a", "mailto:bob@x.org"]
)
def test_absolute_web_and_mail_links_stay_links(href):
    html = render_markdown(f"[text]({href})")
    assert html == f'<p><a href="{href}" rel="nofollow ugc noopener">text</a></p>\n'
