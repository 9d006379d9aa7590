"""A pytest plugin `make mutate` loads (pyproject [tool.mutmut] pytest_add_cli_args): cheaper
password hashes, and the most pointed tests first, so the tests run against each mutant spend
their time on the code under test and a caught mutant is caught early (mutmut stops at the
first failure).

Every test account is hashed with scrypt's default cost (about half a second on a busy
machine), and the authorization matrix makes eight of them per test. Here scrypt runs with
n=1024 instead of 2**15: the hash is still scrypt, still salted and still checked by werkzeug,
only cheaper. `make test` never loads this plugin.
"""

import werkzeug.security

_hash_internal = werkzeug.security._hash_internal


def _cheap_hash_internal(method: str, salt: str, password: str):
    if method == "scrypt":
        method = "scrypt:1024:8:1"
    return _hash_internal(method, salt, password)


werkzeug.security._hash_internal = _cheap_hash_internal


# Tests written against these modules' behaviour, fastest to fail; the broad sweeps (the
# authorization matrix, the CSRF sweep, the XSS corpus) come last.
FIRST = (
    "tests/core/test_mutation_kills.py",
    "tests/core/test_units.py",
    "tests/core/test_markup_limits.py",
    "tests/core/test_mentions.py",
    "tests/security/test_sessions.py",
    "tests/accounts/test_passwords.py",
)
LAST = (
    "tests/core/test_xss.py",
    "tests/core/test_csrf_sweep.py",
    "tests/moderation/test_matrix.py",
)


def _rank(item) -> int:
    path = item.nodeid.split("::")[0]
    if path in FIRST:
        return FIRST.index(path)
    if path in LAST:
        return len(FIRST) + 1 + LAST.index(path)
    return len(FIRST)


def pytest_collection_modifyitems(items) -> None:
    """Run the pointed tests first and the broad sweeps last (a stable sort keeps the rest)."""
    items.sort(key=_rank)
