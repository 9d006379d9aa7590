"""Judge a `make mutate` run: every mutant in scope is caught, or allow-listed with a reason.

mutmut mutates whole files; SCOPE names the functions whose silent mistakes are security or
data-loss bugs (the markup door, the permission predicates and the moderation guard, reset
tokens and sessions, the listing cursor). Two uses:

    python -m scripts.check_mutants --scope     # the patterns, one a line, for `mutmut run`
    mutmut results --all true | python -m scripts.check_mutants
    python -m scripts.check_mutants run.txt rerun.txt    # saved reports of a run and re-runs

The second reads mutmut's results, prints the in-scope mutants that were not killed (as
`mutmut results` does) and a table per module, and exits 1 when a mutant survived that
tests/mutation-allow-list.txt does not list, when a run was incomplete, or when a scope
pattern matched no mutant (a function was renamed: update SCOPE).
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from fnmatch import fnmatchcase
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOW_LIST = ROOT / "tests" / "mutation-allow-list.txt"

# mutmut names a mutant module.x_function__mutmut_N, or module.xǁClassǁmethod__mutmut_N.
SCOPE = [
    # The markup door: Markdown in, sanitized HTML out.
    "forum.markup.*",
    # The listing cursor.
    "forum.pagination.*",
    # Permission predicates (properties are decorated, so mutmut cannot reach them).
    "forum.threads.models.x_is_signed_in__mutmut_*",
    "forum.threads.models.x_takes_part__mutmut_*",
    "forum.threads.models.x_is_staff__mutmut_*",
    "forum.threads.models.xǁ*ǁcan_*__mutmut_*",
    # Posting rules: where a reply may land at all (locked and hidden threads), and the gate
    # every reply passes. The rate limits (slow mode, new-member limits) are abuse controls, not
    # security or data-loss rules, and left out: each of their mutants runs the posting suite.
    "forum.threads.rules.x_check_open__mutmut_*",
    "forum.threads.rules.x_check_reply__mutmut_*",
    # The moderation blueprint's guard.
    "forum.moderation.views.x_moderators_only__mutmut_*",
    # Password reset tokens and the password they set.
    "forum.accounts.actions.x_*reset*__mutmut_*",
    "forum.accounts.actions.x__set_password__mutmut_*",
    # Sessions: the loader that accepts or refuses a session cookie, and when one expires.
    "forum.accounts.sessions.x_load_user__mutmut_*",
    "forum.accounts.sessions.x_is_expired__mutmut_*",
    "forum.accounts.sessions.x_session_limits__mutmut_*",
]

CAUGHT = {"killed", "timeout", "segfault", "caught by type check"}
NEEDS_REASON = {"survived", "no tests"}
RESULT_LINE = re.compile(r"^\s*(?P<name>\S+__mutmut_\d+): (?P<status>.+?)\s*$")


def in_scope(name: str) -> bool:
    return any(fnmatchcase(name, pattern) for pattern in SCOPE)


def module_of(name: str) -> str:
    """forum.threads.models.xǁThreadǁcan_edit__mutmut_3 -> forum.threads.models."""
    return re.split(r"\.x[_ǁ]", name, maxsplit=1)[0]


def read_allow_list(path: Path = ALLOW_LIST) -> dict[str, str]:
    """Mutant name -> reason; a line is `name  reason`, `#` starts a comment line."""
    allowed = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, reason = line.partition(" ")
        if not reason.strip():
            raise SystemExit(f"{path.name}:{number}: {name} has no reason")
        allowed[name] = reason.strip()
    return allowed


def parse_results(text: str) -> dict[str, str]:
    """Mutant name -> status, from one `mutmut results --all true` report."""
    results = {}
    for line in text.splitlines():
        match = RESULT_LINE.match(line)
        if match:
            results[match["name"]] = match["status"]
    return results


def merge_reports(reports: list[dict[str, str]]) -> dict[str, str]:
    """One result from a run and later re-runs of some of its mutants, oldest report first.

    The last report names the mutants that exist now (an edited function is mutated anew); for
    each, the latest verdict counts, and "not checked" never replaces one (a re-run of some
    mutants reports the others as not checked).
    """
    merged = dict(reports[-1])
    for name in merged:
        for report in reports:
            if report.get(name, "not checked") != "not checked":
                merged[name] = report[name]
    return merged


def check(results: dict[str, str], allowed: dict[str, str]) -> int:
    scoped = {name: status for name, status in results.items() if in_scope(name)}
    problems = []
    for pattern in SCOPE:
        if not any(fnmatchcase(name, pattern) for name in scoped):
            problems.append(f"scope pattern {pattern} matched no mutant: update SCOPE")

    table: dict[str, Counter] = defaultdict(Counter)
    print("Mutants in scope that were not killed:")
    for name, status in sorted(scoped.items()):
        module = module_of(name)
        table[module]["total"] += 1
        if status in CAUGHT:
            table[module]["killed"] += 1
            continue
        if status in NEEDS_REASON and name in allowed:
            table[module]["allow-listed"] += 1
            print(f"    {name}: {status} (allow-listed: {allowed[name]})")
        elif status in NEEDS_REASON:
            table[module]["survived"] += 1
            print(f"    {name}: {status}")
            problems.append(f"{name} {status}: kill it with a test, or allow-list it with a reason")
        else:
            table[module]["incomplete"] += 1
            print(f"    {name}: {status}")

    stale = sorted(name for name in allowed if scoped.get(name) not in NEEDS_REASON)
    for name in stale:
        print(f"note: allow-listed {name} is {scoped.get(name, 'gone')}; drop the entry")

    print()
    columns = ("total", "killed", "allow-listed", "survived", "incomplete")
    print(f"{'module':<28}" + "".join(f"{c:>14}" for c in columns))
    for module in sorted(table):
        print(f"{module:<28}" + "".join(f"{table[module][c]:>14}" for c in columns))
    totals = sum(table.values(), Counter())
    print(f"{'all':<28}" + "".join(f"{totals[c]:>14}" for c in columns))

    if totals["incomplete"]:
        problems.append(
            f"{totals['incomplete']} mutants were not checked to the end (not checked, "
            "suspicious or interrupted): run `make mutate` again"
        )
    if problems:
        print()
        print("\n".join(problems))
        return 1
    print("\nNo surviving mutant outside the allow-list.")
    return 0


def main(argv: list[str]) -> int:
    if argv == ["--scope"]:
        print("\n".join(SCOPE))
        return 0
    if any(argument.startswith("-") for argument in argv):
        print(__doc__)
        return 2
    if argv:
        reports = [parse_results(Path(path).read_text(encoding="utf-8")) for path in argv]
        return check(merge_reports(reports), read_allow_list())
    return check(parse_results(sys.stdin.read()), read_allow_list())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
