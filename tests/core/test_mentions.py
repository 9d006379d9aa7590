"""@name links in rendered posts (forum.markup.link_mentions): only members, only in plain
text, never inside links or code, and never anything but a name."""

import pytest

from forum.markup import link_mentions

BOB = '<a class="mention" href="/u/bob">@bob</a>'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<p>hi @bob</p>", '<p>hi <a class="mention" href="/u/bob">@bob</a></p>'),
        (
            "<p>@bob&lt;script&gt;</p>",
            '<p><a class="mention" href="/u/bob">@bob</a>&lt;script&gt;</p>',
        ),
        ("<p>mail bob@bob.org</p>", "<p>mail bob@bob.org</p>"),
        ("<p><code>@bob</code></p>", "<p><code>@bob</code></p>"),
        ("<pre><code>@bob\n</code></pre>", "<pre><code>@bob\n</code></pre>"),
        ('<p><a href="https://x.org">@bob</a></p>', '<p><a href="https://x.org">@bob</a></p>'),
        (
            '<p>@&quot;bob&quot; @eve" onmouseover=x</p>',
            '<p>@&quot;bob&quot; @eve" onmouseover=x</p>',
        ),
        ("<p>@nobody</p>", "<p>@nobody</p>"),
    ],
)
def test_members_names_are_linked_and_nothing_else(text, expected):
    assert link_mentions(text, {"bob", "eve<script>", 'x" onmouseover="y'}) == expected


def test_names_match_whatever_their_case():
    assert (
        link_mentions("<p>@Bob</p>", {"bob"}) == '<p><a class="mention" href="/u/Bob">@Bob</a></p>'
    )
    assert link_mentions("<p>@bob</p>", ["BOB"]) == f"<p>{BOB}</p>"


def test_no_members_means_no_change():
    assert link_mentions("<p>@bob</p>", []) == "<p>@bob</p>"


def test_linking_resumes_after_the_link_or_code_closes():
    html = '<p><a href="https://x.org"><code>c</code> @bob</a> @bob <code>@bob</code> @bob</p>'
    expected = (
        f'<p><a href="https://x.org"><code>c</code> @bob</a> {BOB} <code>@bob</code> {BOB}</p>'
    )
    assert link_mentions(html, {"bob"}) == expected


def test_a_self_closed_tag_opens_nothing():
    assert link_mentions("<p><code/>@bob</p>", {"bob"}) == f"<p><code/>{BOB}</p>"


def test_a_comment_is_left_alone():
    html = "<!-- @bob --><p>@bob</p>"
    assert link_mentions(html, {"bob"}) == f"<!-- @bob --><p>{BOB}</p>"
