"""The judge of `make mutate` runs: it passes only when every mutant in scope was caught or is
allow-listed, and it reads a run joined with a later re-run of some of its mutants."""

from scripts.check_mutants import SCOPE, check, in_scope, merge_reports, parse_results

IN_SCOPE = "forum.pagination.x_decode_cursor__mutmut_{}"
OUT_OF_SCOPE = "forum.threads.models.xǁThreadǁtitle_text__mutmut_1"


def report(*lines: str) -> str:
    """Text shaped like `mutmut results --all true`."""
    return "\n".join(f"    {line}" for line in lines)


def every_pattern_matched(results: dict[str, str]) -> dict[str, str]:
    """Add one killed mutant per scope pattern, so only the mutants under test decide."""
    return {pattern.replace("*", "x") + "__mutmut_1": "killed" for pattern in SCOPE} | results


def test_the_scope_is_the_listed_functions_only():
    assert in_scope(IN_SCOPE.format(3))
    assert not in_scope(OUT_OF_SCOPE)


def test_a_survivor_fails_the_run_unless_allow_listed(capsys):
    results = every_pattern_matched({IN_SCOPE.format(3): "survived", OUT_OF_SCOPE: "survived"})
    assert check(results, {}) == 1
    assert f"{IN_SCOPE.format(3)} survived: kill it" in capsys.readouterr().out
    assert check(results, {IN_SCOPE.format(3): "equivalent"}) == 0


def test_a_mutant_left_unchecked_fails_the_run():
    assert check(every_pattern_matched({IN_SCOPE.format(3): "not checked"}), {}) == 1


def test_a_renamed_function_fails_the_run(capsys):
    assert check({IN_SCOPE.format(3): "killed"}, {}) == 1
    assert "matched no mutant" in capsys.readouterr().out


def test_a_rerun_replaces_verdicts_but_not_checked_keeps_them():
    first = parse_results(
        report(f"{IN_SCOPE.format(1)}: killed", f"{IN_SCOPE.format(2)}: survived")
    )
    rerun = parse_results(
        report(f"{IN_SCOPE.format(1)}: not checked", f"{IN_SCOPE.format(2)}: killed")
    )
    assert merge_reports([first, rerun]) == {
        IN_SCOPE.format(1): "killed",
        IN_SCOPE.format(2): "killed",
    }


def test_the_last_report_names_the_mutants_that_exist():
    """A function edited between runs is mutated anew: its old mutants are gone."""
    first = {IN_SCOPE.format(1): "killed", IN_SCOPE.format(9): "not checked"}
    rerun = {IN_SCOPE.format(1): "not checked", IN_SCOPE.format(2): "survived"}
    assert merge_reports([first, rerun]) == {
        IN_SCOPE.format(1): "killed",
        IN_SCOPE.format(2): "survived",
    }
