"""The one door for untrusted text: Markdown in, sanitized HTML out (sole importer of bleach)."""

import html
import re
from functools import lru_cache, partial

import bleach
from bleach.linkifier import LinkifyFilter
from flask_babel import format_number
from flask_babel import gettext as _
from markdown_it import MarkdownIt
from markdown_it.rules_block import table as _table_rule
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


# Limits on what a text may expand into, checked before the sanitizer sees anything. The
# sanitizer's HTML parser costs about 20 µs per element and 10 µs per escaped character, and
# markdown-it's own parser up to 15 µs per formatting character, so without these a 20,000
# character body could take seconds (scripts/bench_render.py measures the worst cases).
MAX_LINES = 1_000
MAX_FORMATTING_CHARACTERS = 2_000  # in text outside code blocks
FORMATTING_CHARACTERS = "*_[]`!<&\\~|"
MAX_TABLES = 20
MAX_TABLE_ROWS = 100
MAX_TABLE_CELLS = 500
MAX_DEPTH = 8  # lists and quotes inside each other; markdown-it drops text past 10 lists
MAX_LIST_ITEMS = 300
MAX_ELEMENTS = 800  # HTML elements: paragraphs, emphasis, links, list items, cells…
MAX_LINKS = 150  # a link costs the sanitizer about five times an element
MAX_ESCAPED_CHARACTERS = 2_000  # < > & and " shown as text, each an entity in the HTML
MAX_RENDERED_SIZE = 60_000  # characters of HTML


class MarkupTooComplex(ValueError):
    """A text that passes one of the limits above: which one, the limit and what was found."""

    def __init__(self, limit: str, allowed: int, found: int):
        super().__init__(f"{limit}: {found} > {allowed}")
        self.limit = limit
        self.allowed = allowed
        self.found = found

    @property
    def message(self) -> str:
        """The refusal as the member reads it: the limit, their count, and that nothing is lost."""
        numbers = {"allowed": format_number(self.allowed), "found": format_number(self.found)}
        if self.limit == "lines":
            text = _("Texts can have at most %(allowed)s lines; this one has %(found)s.", **numbers)
        elif self.limit == "formatting":
            text = _(
                "Texts can use at most %(allowed)s formatting characters (* _ [ ] ` ! < & \\ ~ |)"
                " outside code blocks; this one has %(found)s.",
                **numbers,
            )
        elif self.limit == "tables":
            text = _(
                "Texts can have at most %(allowed)s tables; this one has %(found)s.", **numbers
            )
        elif self.limit == "links":
            text = _("Texts can have at most %(allowed)s links; this one has %(found)s.", **numbers)
        elif self.limit == "table_rows":
            text = _("Tables can have at most %(allowed)s rows; this one has %(found)s.", **numbers)
        elif self.limit == "table_cells":
            text = _(
                "Tables can have at most %(allowed)s cells; this one has %(found)s.", **numbers
            )
        elif self.limit == "depth":
            text = _(
                "Lists and quotes can be nested at most %(allowed)s deep; this text goes"
                " %(found)s deep.",
                **numbers,
            )
        elif self.limit == "list_items":
            text = _(
                "Texts can have at most %(allowed)s list items; this one has %(found)s.", **numbers
            )
        elif self.limit == "elements":
            text = _(
                "Texts can have at most %(allowed)s formatted parts (paragraphs, emphasis, links,"
                " list items, table cells…); this one has %(found)s.",
                **numbers,
            )
        elif self.limit == "escaped":
            text = _(
                'Texts can have at most %(allowed)s of the characters < > & and "; this one'
                " has %(found)s.",
                **numbers,
            )
        else:
            text = _(
                "Texts can make at most %(allowed)s characters of HTML; this one makes %(found)s.",
                **numbers,
            )
        return f"{text} {_('Your text is kept below.')}"

    def __str__(self) -> str:
        return self.message


def _line_text(state, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _bounded_table(state, start: int, end: int, silent: bool) -> bool:
    """markdown-it's table rule, stopped one row past the limits so a huge table costs little.

    A table's header fixes its columns, so the rows allowed are known before any is parsed;
    past them the table is refused at once (the rows left are counted by their lines).
    """
    if start + 1 < end:
        delimiter = _line_text(state, start + 1)
        # So wide a delimiter row (|-|-|…) refuses the table before it is even parsed.
        wide = delimiter.count("|") > MAX_TABLE_CELLS + 1 and not delimiter.strip("|-: \t")
        if wide and "|" in _line_text(state, start):
            columns = delimiter.strip().strip("|").count("|") + 1
            raise MarkupTooComplex("table_cells", MAX_TABLE_CELLS, columns)
    is_table = _table_rule(state, start, end, True)
    if not is_table or silent:
        return is_table
    columns = _line_text(state, start + 1).strip().strip("|").count("|") + 1
    rows_allowed = max(1, min(MAX_TABLE_ROWS, MAX_TABLE_CELLS // columns))
    first = len(state.tokens)
    stop = min(end, start + rows_allowed + 2)  # header, delimiter row, then rows_allowed rows
    if not _table_rule(state, start, stop, False):
        return False
    rows = sum(token.type == "tr_open" for token in state.tokens[first:])
    if rows <= rows_allowed and columns <= MAX_TABLE_CELLS:
        return True
    line = state.line
    while line < end and not state.isEmpty(line) and "|" in _line_text(state, line):
        rows, line = rows + 1, line + 1
    if rows > MAX_TABLE_ROWS:
        raise MarkupTooComplex("table_rows", MAX_TABLE_ROWS, rows)
    raise MarkupTooComplex("table_cells", MAX_TABLE_CELLS, rows * columns)


_markdown.block.ruler.at("table", _bounded_table, {"alt": ["paragraph", "reference"]})


def _line_count(source: str) -> int:
    """Lines as markdown-it counts them (CR LF, CR and LF each end one)."""
    return source.count("\n") + source.count("\r") - source.count("\r\n") + 1


def _check_blocks(state) -> None:
    """A core rule run between block and inline parsing: the structure's limits, while cheap.

    A table's rows and cells were bounded while it was parsed (_bounded_table).
    """
    tables = items = depth = deepest = 0
    inline_text = []
    for token in state.tokens:
        kind = token.type
        if kind == "inline":
            inline_text.append(token.content)
        elif kind == "table_open":
            tables += 1
        elif kind == "list_item_open":
            items += 1
        elif kind in ("blockquote_open", "bullet_list_open", "ordered_list_open"):
            depth += 1
            deepest = max(deepest, depth)
        elif kind in ("blockquote_close", "bullet_list_close", "ordered_list_close"):
            depth -= 1
    text = "\n".join(inline_text)
    formatting = sum(text.count(character) for character in FORMATTING_CHARACTERS)
    for limit, allowed, found in (
        ("tables", MAX_TABLES, tables),
        ("depth", MAX_DEPTH, deepest),
        ("list_items", MAX_LIST_ITEMS, items),
        ("formatting", MAX_FORMATTING_CHARACTERS, formatting),
    ):
        if found > allowed:
            raise MarkupTooComplex(limit, allowed, found)


_markdown.core.ruler.before("inline", "limits", _check_blocks)


@lru_cache(maxsize=32)
def _bounded_html(source: str) -> str:
    """markdown-it's HTML for a text within the limits (cached: a form checks, then renders)."""
    lines = _line_count(source)
    if lines > MAX_LINES:
        raise MarkupTooComplex("lines", MAX_LINES, lines)
    rendered = _markdown.render(source)
    for limit, allowed, found in (
        ("elements", MAX_ELEMENTS, rendered.count("<") - rendered.count("</")),
        ("links", MAX_LINKS, rendered.count("<a ")),
        ("escaped", MAX_ESCAPED_CHARACTERS, rendered.count("&")),
        ("size", MAX_RENDERED_SIZE, len(rendered)),
    ):
        if found > allowed:
            raise MarkupTooComplex(limit, allowed, found)
    return rendered


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
    """Render Markdown to HTML that is safe to show as it is.

    Raises MarkupTooComplex, before the sanitizer runs, when the text passes one of the limits.
    """
    return _cleaner.clean(_bounded_html(source))


def check_markdown(source: str) -> None:
    """Raise MarkupTooComplex when the text passes a limit (the form check; the work is kept)."""
    _bounded_html(source)


def safe_html(stored_html: str) -> Markup:
    """Mark HTML that render_markdown produced as safe for templates."""
    # Only ever fed render_markdown output, sanitized when it was stored.
    return Markup(stored_html)  # noqa: S704  # nosec B704


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
