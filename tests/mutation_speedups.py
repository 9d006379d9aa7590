"""A pytest plugin `make mutate` loads (pyproject [tool.mutmut] pytest_add_cli_args): cheaper
password hashes, so the tests run against each mutant spend their time on the code under test.

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
