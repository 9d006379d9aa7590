"""The pure parts of search: reading the query, the backend expressions, the snippets."""

import pytest

from forum.search.text import (
    MAX_PIECES,
    SearchQuery,
    fts5_match,
    highlight,
    parse_query,
    snippet,
    websearch_text,
)


def test_query_reads_words_phrases_exclusions_and_filters():
    query = parse_query('Drones "facial recognition" -police tag:Privacy author:Alice kind:motion')
    assert query == SearchQuery(
        phrases=[("drones",), ("facial", "recognition")],
        excluded=[("police",)],
        tags=["privacy"],
        authors=["alice"],
        kinds=["motion"],
    )


@pytest.mark.parametrize(
    ("typed", "phrases", "excluded"),
    [
        ("-", [], []),
        ('"', [], []),
        ('"unbalanced phrase', [("unbalanced", "phrase")], []),
        ("OR 1=1--", [("or",), ("1", "1")], []),
        ("o'brien", [("o", "brien")], []),
        ("NEAR( x*", [("near",), ("x",)], []),
        ("snake_case", [("snake", "case")], []),
        ("kind:nothing", [], []),
        ("title:x", [("title", "x")], []),
        ('-"two words"', [], [("two", "words")]),
        ("监控 vidéo", [("监控",), ("vidéo",)], []),
    ],
)
def test_any_text_parses_into_letters_and_digits(typed, phrases, excluded):
    query = parse_query(typed)
    assert (query.phrases, query.excluded) == (phrases, excluded)


def test_long_queries_are_cut():
    assert len(parse_query(" ".join(f"w{n}" for n in range(500))).phrases) == MAX_PIECES


def test_backend_expressions_quote_every_phrase():
    query = parse_query('or "not near" -and')
    assert fts5_match(query) == '("or" "not near") NOT "and"'
    assert websearch_text(query) == '"or" "not near" -"and"'
    assert websearch_text(query, excluding=False) == '"or" "not near"'


def test_highlight_escapes_everything_and_adds_only_marks():
    marked = highlight('<b>Drones</b> & "drones"', {"drones"})
    assert str(marked) == (
        "&lt;b&gt;<mark>Drones</mark>&lt;/b&gt; &amp; &#34;<mark>drones</mark>&#34;"
    )


def test_snippet_cuts_around_the_first_match():
    text = " ".join(f"w{n}" for n in range(100)) + " target " + " ".join("x" * 5 for _ in range(50))
    cut = str(snippet(text, {"target"}, length=12))
    assert cut.startswith("… w96") and "<mark>target</mark>" in cut and cut.endswith(" …")
