"""The one door for untrusted text: Markdown in, sanitized HTML out (sole importer of bleach)."""

import html
import re
from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt
from markupsafe import Markup

# Bump when the rules below change; `flask --app wsgi rerender` then refreshes stored HTML.
RENDERER_VERSION = 3

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "em", "strong", "del", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    "ol": ["start"],
    "th": ["align"],
    "td": ["align"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

# C0 control characters other than tab, newline and carriage return: invisible, useless to a
# reader, able to garble a terminal, and NUL cannot even be stored by PostgreSQL.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Raw HTML is off: anything a person types as a tag is shown as text, never interpreted.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(
    ["table", "strikethrough"]
)


def _image_as_link(self, tokens, idx, options, env):
    """Show an image as a link to it: the forum never loads anything from another origin."""
    token = tokens[idx]
    alt = self.renderInline(token.children or [], options, env) or "image"
    src = html.escape(token.attrGet("src") or "", quote=True)
    return f'<a href="{src}">{alt}</a>'


_markdown.add_render_rule("image", _image_as_link)


def _heading_one_level_down(self, tokens, idx, options, env):
    """Post headings start at h2: the page's one h1 is the thread title."""
    token = tokens[idx]
    token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
    return self.renderToken(tokens, idx, options, env)


_markdown.add_render_rule("heading_open", _heading_one_level_down)
_markdown.add_render_rule("heading_close", _heading_one_level_down)


def _check_link(attrs, new=False):
    """Keep only absolute http, https and mailto links, each with the same rel.

    bleach lets relative URLs through; a link must say where it goes, so those become text.
    """
    href = attrs.get((None, "href"), "")
    if not href.lower().startswith(("http://", "https://", "mailto:")):
        return None
    attrs[(None, "rel")] = LINK_REL
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    filters=[partial(LinkifyFilter, callbacks=[_check_link], skip_tags={"pre", "code"})],
)


def render_markdown(source: str) -> str:
    """Render Markdown to HTML that is safe to show as it is."""
    return _cleaner.clean(_markdown.render(source))


def safe_html(stored_html: str) -> Markup:
    """Mark HTML that render_markdown produced as safe for templates."""
    return Markup(stored_html)  # noqa: S704 - only ever fed render_markdown output


_LINK_START = re.compile(r"<a\s", re.IGNORECASE)


def link_count(rendered_html: str) -> int:
    """How many links a rendered body holds (bare addresses become links too)."""
    return len(_LINK_START.findall(rendered_html))


_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_OPENING_OR_CLOSING = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
_MENTION = re.compile(r"(?<![\w@/.-])@([A-Za-z0-9_-]{1,30})")
# Text inside these is left alone: a link in a link is invalid, code is meant literally.
_NO_MENTIONS_IN = frozenset({"a", "code", "pre"})


def mentioned_names(source: str) -> set[str]:
    """The @names a text mentions, as typed (members or not)."""
    return set(_MENTION.findall(source))


def link_mentions(rendered_html: str, existing_names) -> str:
    """Link each @name of an existing member (lower-cased names) to their profile.

    Works on sanitized HTML: only text outside links and code changes, and the name is
    limited to username characters and escaped all the same.
    """
    existing = {name.lower() for name in existing_names}
    if not existing:
        return rendered_html
    depth, pieces = 0, []
    for piece in _TAG_OR_TEXT.split(rendered_html):
        tag = _OPENING_OR_CLOSING.match(piece) if piece.startswith("<") else None
        if tag is not None:
            if tag[2].lower() in _NO_MENTIONS_IN and not piece.endswith("/>"):
                depth = max(0, depth - 1) if tag[1] else depth + 1
        elif depth == 0 and not piece.startswith("<"):
            piece = _MENTION.sub(partial(_mention_link, existing), piece)
        pieces.append(piece)
    return "".join(pieces)


def _mention_link(existing: set[str], match: re.Match) -> str:
    """The link for one @name, or the text unchanged when no such member exists."""
    name = match[1]
    if name.lower() not in existing:
        return match[0]
    safe = html.escape(name, quote=True)
    return f'<a class="mention" href="/u/{safe}">@{safe}</a>'
