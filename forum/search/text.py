"""What a search box string means, and the snippets that show why a result matched.

Pure functions, no database: the query is parsed here into words, phrases, exclusions and
filters, and the backends only ever receive those pieces as bound parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

# Letters and digits, as FTS5's unicode61 tokenizer sees words (the underscore separates).
WORD = re.compile(r"[^\W_]+")
# A quoted phrase (the closing quote may be missing) or a run of non-space characters.
PIECE = re.compile(r'(-?)"([^"]*)"?|(\S+)')
FILTERS = ("tag", "author", "kind")
KINDS = ("motion", "discussion")
# Enough for any real question; longer input is cut rather than refused.
MAX_QUERY_LENGTH = 1000
MAX_PIECES = 12
SNIPPET_WORDS = 30


@dataclass
class SearchQuery:
    """A parsed search: every word and phrase must match, no excluded one may."""

    phrases: list[tuple[str, ...]] = field(default_factory=list)
    excluded: list[tuple[str, ...]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Nothing to look for: only exclusions, filters or punctuation were typed."""
        return not self.phrases

    @property
    def words(self) -> set[str]:
        """The lower-cased words a result should show highlighted."""
        return {word for phrase in self.phrases for word in phrase}


def words_of(text: str) -> tuple[str, ...]:
    """The lower-cased words in a piece of text, in order."""
    return tuple(word.casefold() for word in WORD.findall(text))


def parse_query(text: str) -> SearchQuery:
    """Turn what was typed into a SearchQuery; any string at all gives one, never an error.

    A word with inner punctuation (o'brien, 1=1) is kept together as a phrase, as FTS5 and
    websearch_to_tsquery both read it.
    """
    query = SearchQuery()
    for match in PIECE.finditer(text[:MAX_QUERY_LENGTH]):
        negated, quoted, bare = match[1], match[2], match[3]
        if bare is not None:
            name, colon, value = bare.partition(":")
            if colon and name.lower() in FILTERS and value:
                _add_filter(query, name.lower(), value)
                continue
            negated, quoted = ("-", bare[1:]) if bare.startswith("-") else ("", bare)
        phrase = words_of(quoted)
        if not phrase:
            continue
        target = query.excluded if negated else query.phrases
        if phrase not in target and len(query.phrases) + len(query.excluded) < MAX_PIECES:
            target.append(phrase)
    return query


def _add_filter(query: SearchQuery, name: str, value: str) -> None:
    """Add one `name:value` filter; a kind that does not exist is ignored."""
    value = value.lower()
    if name == "tag":
        query.tags.append(value)
    elif name == "author":
        query.authors.append(value)
    elif value in KINDS:
        query.kinds.append(value)


def fts5_match(query: SearchQuery) -> str:
    """The FTS5 MATCH expression: every phrase quoted, so no input can be FTS5 syntax."""
    required = " ".join(_fts5_phrase(phrase) for phrase in query.phrases)
    expression = f"({required})"
    for phrase in query.excluded:
        expression += f" NOT {_fts5_phrase(phrase)}"
    return expression


def _fts5_phrase(words: tuple[str, ...]) -> str:
    """One quoted FTS5 phrase (words hold only letters and digits, so no quote to escape)."""
    return '"' + " ".join(words) + '"'


def websearch_text(query: SearchQuery, excluding: bool = True) -> str:
    """The text for websearch_to_tsquery: quoted phrases (so `or` stays a word) and, unless
    `excluding` is False (for ranking), the -exclusions."""
    required = " ".join(f'"{" ".join(phrase)}"' for phrase in query.phrases)
    if not excluding:
        return required
    excluded = " ".join(f'-"{" ".join(phrase)}"' for phrase in query.excluded)
    return f"{required} {excluded}".strip()


def highlight(text: str, words: set[str]) -> Markup:
    """The text escaped, with each searched word wrapped in <mark> (the only markup added)."""
    parts: list[str] = []
    position = 0
    for match in WORD.finditer(text):
        if match[0].casefold() in words:
            parts.append(escape(text[position : match.start()]))
            parts.append(Markup("<mark>%s</mark>") % match[0])
            position = match.end()
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


def snippet(text: str, words: set[str], length: int = SNIPPET_WORDS) -> Markup:
    """About `length` words of the text around its first searched word, highlighted."""
    matches = list(WORD.finditer(text))
    if not matches:
        return Markup("")
    first = next((i for i, match in enumerate(matches) if match[0].casefold() in words), 0)
    start = max(0, first - length // 3)
    end = min(len(matches), start + length)
    # Whole text at either end, so punctuation there (`<script>`) shows, escaped.
    cut_start = matches[start].start() if start > 0 else 0
    cut_end = matches[end - 1].end() if end < len(matches) else len(text)
    piece = " ".join(text[cut_start:cut_end].split())
    lead = "… " if start > 0 else ""
    tail = " …" if end < len(matches) else ""
    return escape(lead) + highlight(piece, words) + escape(tail)
