"""Helpers that act like a person in a browser: tokens from pages, forms sent with them."""

import email
import re
from email import policy
from pathlib import Path

PASSWORD = "correct horse battery"
CSRF_PATTERN = re.compile(rb'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_from(html: bytes) -> str:
    """The CSRF token in a page, as a browser would submit it."""
    match = CSRF_PATTERN.search(html)
    assert match, "page has no CSRF token"
    return match[1].decode()


def post_form(client, url: str, data: dict | None = None, page: str = "/", **kwargs):
    """Load a page like a browser, then submit a form with its CSRF token."""
    token = csrf_from(client.get(page).data)
    return client.post(url, data={"csrf_token": token, **(data or {})}, **kwargs)


class Auth:
    """Logs the test client in and out through the real forms."""

    def __init__(self, client):
        self.client = client

    def login(self, username: str, password: str = PASSWORD):
        return post_form(
            self.client, "/login", {"username": username, "password": password}, page="/login"
        )

    def logout(self):
        return post_form(self.client, "/logout")


def outbox_messages(app) -> list[email.message.EmailMessage]:
    """Every mail the forum wrote to its outbox folder, oldest first."""
    folder = Path(app.config["MAIL_OUTBOX"])
    files = sorted(folder.glob("*.eml")) if folder.exists() else []
    return [email.message_from_bytes(path.read_bytes(), policy=policy.default) for path in files]


def empty_redis(url: str):
    """A connection to an emptied Redis database; skipped (or failed under
    FORUM_REQUIRE_REDIS) where Redis is not reachable. Empty it again with flushdb after use."""
    import os

    import pytest
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisDown

    connection = Redis.from_url(url)
    try:
        connection.ping()
    except RedisDown:
        if os.environ.get("FORUM_REQUIRE_REDIS"):
            pytest.fail(f"FORUM_REQUIRE_REDIS is set but Redis is not reachable at {url}")
        pytest.skip(f"Redis is not reachable at {url} (set FORUM_REQUIRE_REDIS to insist)")
    connection.flushdb()
    return connection
