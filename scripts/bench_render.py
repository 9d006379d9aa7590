"""Measure the worst bodies a member can send: how long rendering takes, accepted or refused.

Run from the project's root: `python -m scripts.bench_render`. For each pathological shape
(tables, nested lists and quotes, runs of emphasis, brackets and backticks, links, entities…)
it finds the largest body of that shape the limits in forum/markup.py accept (at most
MAX_BODY characters) and times rendering it; then it times refusing the same shape at full
size. `--rounds N` changes how many runs each median is taken over; `--check` exits 1 when an
accepted body's median passes --budget milliseconds (default 100).
"""

import argparse
import statistics
import sys
import time

from forum.fields import MAX_BODY
from forum.markup import MarkupTooComplex, _bounded_html, render_markdown

PROSE = (
    "Cameras in public space change how people behave, and the question is whether that "
    "change is worth what we give up. "
)


def repeat(unit: str, count: int, head: str = "") -> str:
    return head + unit * count


def nested_list(depth: int) -> str:
    return "".join("  " * level + "- item\n" for level in range(depth))


def nested_quotes(depth: int) -> str:
    return ">" * depth + " quoted\n"


def list_then_quote(depth: int) -> str:
    return "".join("  " * level + "- > item\n" for level in range(depth))


def table(columns: int):
    head = "|" + "h|" * columns + "\n|" + "-|" * columns + "\n"
    return lambda rows: head + ("|" + "a|" * columns + "\n") * rows


def realistic(count: int) -> str:
    block = (
        f"## A point\n\n{PROSE}*emphasis* and **strength**, a [link](https://example.org/a?b=c)"
        f" and `code`.\n\n- one\n- two\n\n> {PROSE}\n\n"
    )
    return block * count


# name -> function from a count to a body; the count grows until the body is refused or full.
CASES = {
    "plain prose": lambda n: PROSE * n,
    "realistic long post": realistic,
    "table, 1 column": table(1),
    "table, 5 columns": table(5),
    "table, 20 columns": table(20),
    "table, one wide row": lambda n: "|" + "a|" * n + "\n|" + "-|" * n + "\n",
    "tables, many small": lambda n: ("|a|b|\n|-|-|\n|c|d|\n\n") * n,
    "nested lists": nested_list,
    "nested quotes": nested_quotes,
    "lists in quotes": list_then_quote,
    "nested lists, repeated": lambda n: nested_list(8) * n,
    "list items": lambda n: "- a\n" * n,
    "empty list items": lambda n: "-\n" * n,
    "numbered items": lambda n: "1. a\n" * n,
    "headings": lambda n: "#\n" * n,
    "rules": lambda n: "---\n\n" * n,
    "hard breaks": lambda n: "a  \n" * n,
    "short lines": lambda n: "a\n" * n,
    "emphasis *a*": lambda n: "*a* " * n,
    "strong **a**": lambda n: "**a** " * n,
    "emphasis _a_": lambda n: "_a_ " * n,
    "unclosed *a": lambda n: "*a " * n,
    "run of *": lambda n: "*" * n,
    "run of _": lambda n: "_" * n,
    "run of [": lambda n: "[" * n,
    "run of ]": lambda n: "]" * n,
    "brackets [a]": lambda n: "[a]" * n,
    "link starts [a](": lambda n: "[a](" * n,
    "image starts ![a](": lambda n: "![a](" * n,
    "backticks `a`": lambda n: "`a` " * n,
    "run of `": lambda n: "`" * n,
    "links": lambda n: "[a](https://example.org/) " * n,
    "bare addresses": lambda n: "https://example.org/x " * n,
    "autolinks <…>": lambda n: "<https://example.org> " * n,
    "dotted words": lambda n: "a.b " * n,
    "entities &amp;": lambda n: "&amp;" * n,
    "numeric entities": lambda n: "&#65;" * n,
    "run of <": lambda n: "<" * n,
    'run of "': lambda n: '"' * n,
    "escapes \\*": lambda n: "\\*" * n,
    "code block of < &": lambda n: "```\n" + "a < b && c > d\n" * n + "```\n",
    "typed tags <b>": lambda n: "<b>x</b> " * n,
    # Several limits approached at once, each unit costly in both parsers.
    "mixed: links, emphasis": lambda n: '[a](https://example.org/) *b* `c` "d" e.f\n' * n,
    "mixed: list of marks": lambda n: '- **a** _b_ [c](https://example.org/) "&"\n' * n,
    "mixed: table of marks": lambda n: "|h|h|h|\n|-|-|-|\n" + "|*a*|`b`|[c](https://e.org)|\n" * n,
    "mixed: quoted headings": lambda n: "> ## *a* `b`\n>\n" * n,
}


def accepted(body: str) -> bool:
    try:
        _bounded_html.__wrapped__(body)
    except MarkupTooComplex:
        return False
    return True


def largest_accepted(make) -> int:
    """The largest count whose body fits MAX_BODY and the limits (bodies grow with the count)."""
    low, high = 0, 1
    while len(make(high)) <= MAX_BODY and accepted(make(high)) and high < 100_000:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if len(make(middle)) <= MAX_BODY and accepted(make(middle)):
            low = middle
        else:
            high = middle
    return low


def largest_fitting(make) -> int:
    """The largest count whose body still fits MAX_BODY characters."""
    low, high = 0, 1
    while len(make(high)) <= MAX_BODY and high < 100_000:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if len(make(middle)) <= MAX_BODY else (low, middle)
    return low


def timed(body: str, rounds: int) -> tuple[float, int, str]:
    """Median CPU milliseconds over the rounds (no cache), output size, and the limit refused.

    CPU time, not wall time: on an idle machine they agree for this single-threaded work, and
    CPU time does not count other processes' turns on a busy one.
    """
    times, size, refused = [], 0, ""
    for _ in range(rounds):
        _bounded_html.cache_clear()
        start = time.process_time()
        try:
            size = len(render_markdown(body))
        except MarkupTooComplex as error:
            refused = error.limit
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times), size, refused


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--budget", type=float, default=100.0)
    parser.add_argument("--check", action="store_true")
    arguments = parser.parse_args()

    rows, worst = [], (0.0, "")
    for name, make in CASES.items():
        count = largest_accepted(make)
        body = make(count) if count else ""
        milliseconds, size, _ = timed(body, arguments.rounds) if body else (0.0, 0, "")
        worst = max(worst, (milliseconds, name))
        full = make(largest_fitting(make))
        refused_ms, _, refused = timed(full, arguments.rounds)
        rows.append((name, len(body), milliseconds, size, len(full), refused_ms, refused))

    print(f"Worst accepted body per shape (at most {MAX_BODY:,} characters), and the full-size")
    print(
        f"body of the same shape; median CPU time of {arguments.rounds} runs, sanitizer included.\n"
    )
    print(
        f"| {'case':<24} | {'accepted chars':>14} | {'render ms':>9} | {'HTML bytes':>10} "
        f"| {'full chars':>10} | {'full ms':>7} | {'full: refused by':<16} |"
    )
    print(f"|{'-' * 26}|{'-' * 15}:|{'-' * 10}:|{'-' * 11}:|{'-' * 11}:|{'-' * 8}:|{'-' * 18}|")
    for name, chars, milliseconds, size, full_chars, refused_ms, refused in rows:
        print(
            f"| {name:<24} | {chars:>14,} | {milliseconds:>9.1f} | {size:>10,} "
            f"| {full_chars:>10,} | {refused_ms:>7.1f} | {refused or 'accepted':<16} |"
        )
    print(f"\nSlowest accepted: {worst[1]}, {worst[0]:.1f} ms (budget {arguments.budget:.0f} ms).")
    return 1 if arguments.check and worst[0] > arguments.budget else 0


if __name__ == "__main__":
    sys.exit(main())
