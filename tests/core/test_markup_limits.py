"""Bounded rendering: Markdown that would expand past the limits is refused before the
sanitizer runs, with a message naming the limit, the text kept and nothing stored; every
pathological body of MAX_BODY characters is rendered or refused quickly."""

import lxml.html
import pytest
from sqlalchemy import func, select

from forum import markup
from forum.extensions import db
from forum.fields import MAX_BODY
from forum.markup import MarkupTooComplex, render_markdown
from forum.models import Reply, Thread
from scripts.bench_render import CASES
from tests.helpers import post_form

BIG_TABLE = "|a|b|\n|-|-|\n" + "|1|2|\n" * 240  # 241 rows with the header
DEEP_QUOTES = ">" * 12 + " deep"
DEEP_LISTS = "".join("  " * level + "- item\n" for level in range(12))
DEEP_ORDERED_LISTS = "".join("   " * level + "1. item\n" for level in range(12))
ORDINARY = (
    "## Why it matters\n\nCameras *change* how people **behave**; see "
    "[the study](https://example.org/study).\n\n- one\n- two\n\n> A quote.\n\n"
    "| side | votes |\n|---|---:|\n| for | 3 |\n| against | 4 |\n\n`code` and ~~struck~~.\n"
)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def refusal(source: str) -> MarkupTooComplex:
    with pytest.raises(MarkupTooComplex) as caught:
        render_markdown(source)
    return caught.value


def textarea_text(response) -> str:
    """What the re-shown form's body field holds: the member's text, kept."""
    page = lxml.html.document_fromstring(response.get_data(as_text=True))
    # A browser drops the newline that opens a textarea, as WTForms writes it.
    return page.xpath("//textarea[@name='body']")[0].text_content().removeprefix("\n")


@pytest.mark.parametrize(
    ("source", "limit", "allowed"),
    [
        (BIG_TABLE, "table_rows", markup.MAX_TABLE_ROWS),
        ("|" + "a|" * 40 + "\n|" + "-|" * 40 + "\n" + ("|" + "b|" * 40 + "\n") * 20, "table_cells",
         markup.MAX_TABLE_CELLS),
        ("|" + "a|" * 600 + "\n|" + "-|" * 600 + "\n", "table_cells", markup.MAX_TABLE_CELLS),
        ("|a|\n|-|\n|b|\n\n" * (markup.MAX_TABLES + 1), "tables", markup.MAX_TABLES),
        (DEEP_QUOTES, "depth", markup.MAX_DEPTH),
        (DEEP_LISTS, "depth", markup.MAX_DEPTH),
        (DEEP_ORDERED_LISTS, "depth", markup.MAX_DEPTH),
        ("- a\n" * (markup.MAX_LIST_ITEMS + 1), "list_items", markup.MAX_LIST_ITEMS),
        ("x\n" * (markup.MAX_LINES + 1), "lines", markup.MAX_LINES),
        ("*a* " * 1001, "formatting", markup.MAX_FORMATTING_CHARACTERS),
        ("[" * 2001, "formatting", markup.MAX_FORMATTING_CHARACTERS),
        ("a  \n" * 900, "elements", markup.MAX_ELEMENTS),
        ("[a](https://example.org) " * 151, "links", markup.MAX_LINKS),
        ('"' * 2001, "escaped", markup.MAX_ESCAPED_CHARACTERS),
    ],
)  # fmt: skip
def test_each_limit_is_named_with_the_count(app, source, limit, allowed):
    error = refusal(source)
    assert (error.limit, error.allowed) == (limit, allowed)
    assert error.found > allowed
    with app.test_request_context():
        assert f"{allowed:,}" in error.message and f"{error.found:,}" in error.message
        assert error.message.endswith("Your text is kept below.")


@pytest.mark.parametrize(
    ("source", "limit"),
    [
        ("|a|\n|-|\n|b|\n\n" * markup.MAX_TABLES, "tables"),
        ("|a|\n|-|\n" + "|b|\n" * (markup.MAX_TABLE_ROWS - 1), "table rows"),
        ("|" + "a|" * 10 + "\n|" + "-|" * 10 + "\n" + ("|" + "b|" * 10 + "\n") * 49, "table cells"),
        (">" * markup.MAX_DEPTH + " deep", "depth"),
        ("- a\n" * markup.MAX_LIST_ITEMS, "list items"),
        ("x\n" * (markup.MAX_LINES - 1) + "x", "lines"),
        ("!" * markup.MAX_FORMATTING_CHARACTERS, "formatting"),
        ("a  \n" * (markup.MAX_ELEMENTS - 1) + "a", "elements"),
        ("[a](https://example.org) " * markup.MAX_LINKS, "links"),
        ('"' * markup.MAX_ESCAPED_CHARACTERS, "escaped"),
        ("a" * (markup.MAX_RENDERED_SIZE - len("<p></p>\n")), "size"),
    ],
)  # fmt: skip
def test_a_text_exactly_at_each_limit_is_kept(source, limit):
    """Each limit is a maximum, not a bound never reached: at it, the text renders."""
    assert render_markdown(source)


def test_the_table_message_reads_as_the_issue_asks(app):
    with app.test_request_context():
        assert refusal(BIG_TABLE).message == (
            "Tables can have at most 100 rows; this one has 241. Your text is kept below."
        )


def test_text_in_code_blocks_is_not_counted_as_formatting():
    code = "```\n" + "x = a[i] * b[j] | c_d & e < f\n" * 300 + "```\n"
    assert "<pre><code>" in render_markdown(code)


def test_within_the_limits_renders_as_before():
    html = render_markdown(ORDINARY)
    for part in ("<h3>", "<em>", "<strong>", "<blockquote>", "<table>", "<code>", "<s>"):
        assert part in html
    assert render_markdown("|" + "a|" * 20 + "\n|" + "-|" * 20 + "\n").count("<th>") == 20
    assert render_markdown("- a\n" * markup.MAX_LIST_ITEMS).count("<li>") == markup.MAX_LIST_ITEMS


def test_the_largest_allowed_nesting_renders():
    nested = "".join("  " * level + "- item\n" for level in range(markup.MAX_DEPTH))
    assert render_markdown(nested).count("<ul>") == markup.MAX_DEPTH
    assert render_markdown(">" * markup.MAX_DEPTH + " x").count("<blockquote>") == markup.MAX_DEPTH


@pytest.mark.parametrize("name", list(CASES))
def test_every_pathological_body_is_rendered_small_or_refused(name):
    """scripts/bench_render.py's shapes at MAX_BODY characters either render into bounded
    HTML or are refused by a named limit. Time is the benchmark's job (README), not a test's:
    timed assertions flake on shared machines."""
    make = CASES[name]
    body = make(MAX_BODY)[:MAX_BODY]
    markup._bounded_html.cache_clear()
    try:
        html = render_markdown(body)
    except MarkupTooComplex as refusal:
        assert "at most" in str(refusal), name
    else:
        # Before the limits, a table this size stored 744 KB; linkified addresses may grow.
        assert len(html) < 100_000, (name, len(html))


def test_preview_refuses_with_the_message(client, auth, member):
    auth.login("alice")
    answer = post_form(client, "/preview", {"body": BIG_TABLE})
    assert answer.status_code == 400
    assert "Tables can have at most 100 rows; this one has 241." in answer.get_json()["error"]
    fine = post_form(client, "/preview", {"body": ORDINARY})
    assert fine.status_code == 200 and "<table>" in fine.get_json()["html"]


def test_new_thread_refuses_and_keeps_the_text(client, auth, member, tags):
    auth.login("alice")
    data = {"title": "Should drones watch crowds?", "body": DEEP_QUOTES, "tags": "drones"}
    answer = post_form(client, "/new", data, page="/new")
    assert answer.status_code == 400
    assert "nested at most 8 deep" in answer.get_data(as_text=True)
    assert textarea_text(answer) == DEEP_QUOTES
    assert count(Thread) == 0
    fine = post_form(client, "/new", {**data, "body": ORDINARY}, page="/new")
    assert fine.status_code == 302 and count(Thread) == 1


def test_reply_and_edit_refuse_and_keep_the_text(client, auth, member, thread):
    auth.login("alice")
    answer = post_form(client, f"/t/{thread.id}/reply", {"body": BIG_TABLE, "stance": ""})
    assert answer.status_code == 400
    assert "Tables can have at most 100 rows; this one has 241." in answer.get_data(as_text=True)
    assert textarea_text(answer) == BIG_TABLE
    assert count(Reply) == 0

    assert post_form(client, f"/t/{thread.id}/reply", {"body": ORDINARY}).status_code == 302
    reply = db.session.scalars(select(Reply)).one()
    edit = post_form(
        client, f"/p/{reply.id}/edit", {"body": DEEP_LISTS}, page=f"/p/{reply.id}/edit"
    )
    assert edit.status_code == 400
    assert "nested at most 8 deep" in edit.get_data(as_text=True)
    assert textarea_text(edit) == DEEP_LISTS
    db.session.expire_all()
    assert db.session.get(Reply, reply.id).body_source == ORDINARY


def test_an_action_refuses_what_the_form_did_not_check(app, member, thread):
    """Callers without a form (a moderator's split, seeding) meet the same refusal."""
    from forum.errors import ActionError
    from forum.threads.actions import post_reply

    with app.test_request_context(), pytest.raises(ActionError) as caught:
        post_reply(thread, member, BIG_TABLE, None, "")
    assert caught.value.field == "body"
    assert "at most 100 rows" in caught.value.message
    assert count(Reply) == 0


def test_an_indented_table_counts_its_cells_as_the_same_table_unindented():
    """Up to three spaces may indent a table; its columns are read past the indentation."""
    table = "|" + "a|" * 10 + "\n|" + "-|" * 10 + "\n" + ("|" + "b|" * 10 + "\n") * 59
    flush = refusal(table)
    indented = refusal("".join(f"  {line}\n" for line in table.splitlines()))
    assert (flush.limit, flush.found) == ("table_cells", 600)
    assert (indented.limit, indented.found) == (flush.limit, flush.found)


@pytest.mark.parametrize(
    "source",
    [
        "|" + "-|" * 600 + "\n|a|b|\n|-|-|\n|c|d|\n",  # a paragraph of dashes, then the table
        "|a|b|\n|-|-|\n|" + "-|" * 600 + "\n|c|d|\n",  # a row of dashes inside the table
    ],
)
def test_a_small_table_next_to_a_line_of_dashes_and_bars_is_not_refused(source):
    """The early refusal of a very wide table looks at the table's own delimiter row only."""
    html = render_markdown(source)
    assert "<th>a</th>" in html and "<td>d</td>" in html


def test_a_table_exactly_as_wide_as_allowed_is_kept_and_one_column_more_is_refused():
    columns = markup.MAX_TABLE_CELLS
    widest = "|" + "a|" * columns + "\n|" + "-|" * columns + "\n"
    assert render_markdown(widest).count("<th>") == columns
    wider = "|" + "a|" * (columns + 1) + "\n|" + "-|" * (columns + 1) + "\n"
    assert (refusal(wider).limit, refusal(wider).found) == ("table_cells", columns + 1)


@pytest.mark.parametrize(
    "source",
    [
        "x|y\n" + "|b" * 600 + "|\n",  # many bars, but no delimiter row: a paragraph
        "a\n" + "|-" * 600 + "|\n",  # a delimiter row under a line with no bar: no table
        "|a|\n" + "|-" * 600 + "|X\n",  # a row of dashes with a letter: no delimiter row
    ],
)
def test_text_that_only_looks_like_a_wide_table_is_kept(source):
    assert render_markdown(source).startswith("<p>")


def test_a_table_right_under_a_paragraph_line_comes_once_after_it():
    """The bounded table rule answers "is this a table?" without parsing it twice."""
    html = render_markdown("text\n|a|b|\n|-|-|\n|c|d|\n")
    assert html.startswith("<p>text</p>\n<table>")
    assert html.count("<table>") == 1


def test_a_table_wider_than_half_the_cells_may_have_its_header_row_only():
    columns = markup.MAX_TABLE_CELLS // 2 + 50
    header = "|" + "a|" * columns + "\n|" + "-|" * columns + "\n"
    assert render_markdown(header).count("<th>") == columns
    error = refusal(header + "|" + "b|" * columns + "\n")
    assert (error.limit, error.found) == ("table_cells", 2 * columns)


def test_each_table_is_counted_on_its_own():
    table = "|" + "a|" * 10 + "\n|" + "-|" * 10 + "\n" + ("|" + "b|" * 10 + "\n") * 30
    assert render_markdown(table + "\n" + table).count("<table>") == 2


@pytest.mark.parametrize("after", ["", "no bar on this line\n", "\n|x|y|\n|1|2|\n", "\nmore\n"])
def test_a_refused_tables_rows_are_counted_to_its_end_only(after):
    """241 rows with the header, whatever follows the table."""
    error = refusal(BIG_TABLE + after)
    assert (error.limit, error.found) == ("table_rows", 241)


def test_a_table_of_exactly_the_most_rows_but_too_many_cells_is_refused_for_its_cells():
    rows = markup.MAX_TABLE_ROWS - 1  # and the header
    table = "|" + "a|" * 10 + "\n|" + "-|" * 10 + "\n" + ("|" + "b|" * 10 + "\n") * rows
    error = refusal(table)
    assert (error.limit, error.found) == ("table_cells", 10 * markup.MAX_TABLE_ROWS)


def test_depth_is_counted_down_again_when_a_quote_or_list_closes():
    siblings = "> a\n\n- b\n\n1. c\n\n" * 10
    assert render_markdown(siblings).count("<blockquote>") == 10
    error = refusal(siblings + DEEP_QUOTES)
    assert (error.limit, error.found) == ("depth", 12)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_lines_are_counted_alike_whatever_ends_them(newline):
    most = markup.MAX_LINES
    assert render_markdown(newline.join(["x"] * most))
    error = refusal(newline.join(["x"] * (most + 1)))
    assert (error.limit, error.found) == ("lines", most + 1)
