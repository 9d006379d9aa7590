"""A second opinion on the sanitizer: bleach is no longer developed, so every rendered sample
(the XSS corpus and ordinary Markdown) goes through nh3 (ammonia, an independent sanitizer)
with the same allowed tags, attributes and URL schemes. Where nh3 would remove a tag, an
attribute or a URL that bleach kept, the two disagree on something that matters: the test
fails. The trees are compared after parsing, so spelling differences (entities, quoting,
attribute order) do not count."""

import lxml.html
import nh3
import pytest

from forum.markup import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_PROTOCOLS,
    ALLOWED_TAGS,
    MarkupTooComplex,
    render_markdown,
)
from tests.core.test_xss import PAYLOADS

ORDINARY = [
    "Plain text with an ampersand & a <less-than sign> and \"quotes\" 'too'.",
    "*emphasis*, **strength**, ~~struck~~, `code` and ``double `ticks` ``",
    "[a link](https://example.org/path?q=1&r=2#part) and [mail](mailto:someone@example.org)",
    '[titled](https://example.org "A title") and ![an image](https://example.org/a.png)',
    "A bare address: https://example.org/x and www.example.org and someone@example.org",
    "<https://example.org/autolink> and <mailto:a@example.org>",
    "## A heading\n\n### A smaller one\n\n###### The smallest",
    "- one\n- two\n  - nested\n    - deeper\n\n1. first\n2. second",
    "3. starts at three\n4. four",
    "> a quote\n>\n> > inside a quote\n\n---\n\nafter the rule",
    "```python\ndef f(x):\n    return x < 3 and x & 1\n```",
    "    indented code <b>not bold</b>",
    "| left | centre | right |\n|:-----|:------:|------:|\n| a | b | c |\n"
    "| `d` | *e* | [f](https://example.org) |",
    "line one  \nline two with a hard break\\\nline three",
    "Relative [links](/t/1) and [anchors](#top) become text.",
    "Entities: &copy; &amp; &#169; &#xA9; &nbsp; &notanentity;",
    "[link with **bold** and `code`](https://example.org/a_(b))",
    "Unicode: élan, 中文, emoji 🙂, right-to-left עברית",
    "http://example.org/very/long/" + "segment/" * 30,
]


def nh3_clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_PROTOCOLS),
        link_rel=None,  # bleach's output sets rel itself; nh3 would otherwise replace it
        strip_comments=True,
    )


def structure(html: str) -> tuple[list, str]:
    """Every element in order with its attributes (decoded), and the text, from parsing."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    elements = [
        (element.tag, tuple(sorted(element.attrib.items())))
        for element in root.iter()
        if isinstance(element.tag, str)
    ]
    return elements, " ".join(root.text_content().split())


SAMPLES = [*ORDINARY, *PAYLOADS]


def rendered(sample: str) -> str | None:
    try:
        return render_markdown(sample)
    except MarkupTooComplex:
        return None


@pytest.mark.parametrize("sample", SAMPLES, ids=[f"sample{n}" for n in range(len(SAMPLES))])
def test_nh3_keeps_all_that_bleach_kept(sample):
    html = rendered(sample)
    if html is None:
        pytest.skip("refused by the limits: nothing is rendered")
    ours, theirs = structure(html), structure(nh3_clean(html))
    assert theirs[0] == ours[0], f"nh3 would change the elements of {html!r}"
    assert theirs[1] == ours[1], f"nh3 would change the text of {html!r}"


def test_the_comparison_catches_a_disagreement():
    """nh3 drops what the rules do not allow, and the comparison sees it."""
    unsafe = '<p><a href="javascript:alert(1)" rel="x">x</a><img src=x onerror=alert(1)></p>'
    assert structure(nh3_clean(unsafe))[0] != structure(unsafe)[0]


def test_ordinary_samples_use_the_allowed_markup():
    """The ordinary samples exercise tables, links, lists, quotes, code and headings."""
    tags = {tag for sample in ORDINARY for tag, _ in structure(rendered(sample))[0]}
    assert {"a", "table", "th", "td", "ul", "ol", "li", "blockquote", "pre", "code"} <= tags
    assert {"h3", "h4", "h6", "em", "strong", "s", "hr", "br"} <= tags
