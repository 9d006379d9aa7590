"""Throttling: failed logins per account (in the database), request limits per member or client."""

import os
import re

import pytest
from sqlalchemy import func, select

from config import TestingConfig
from forum.accounts.actions import register_user
from forum.extensions import db
from forum.models import Reply, Report, Thread, User, Vote
from forum.threads.actions import post_reply, start_thread
from tests.helpers import CSRF_PATTERN, PASSWORD, empty_redis, outbox_messages, post_form

REDIS_URL = os.environ.get("FORUM_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


def try_login(client, username, password="not the password"):  # noqa: S107
    """One sign-in attempt through the form."""
    data = {"username": username, "password": password}
    return post_form(client, "/login", data, page="/login")


def comparable(response, typed: str) -> tuple:
    """What a person or script sees of a refusal, less the one-time token and the name typed."""
    page = CSRF_PATTERN.sub(b"", response.data).replace(typed.encode(), b"NAME")
    return response.status_code, response.headers.get("Retry-After"), page


def test_five_failures_make_the_account_wait_even_for_the_right_password(client, member):
    for _attempt in range(5):
        assert try_login(client, "alice").status_code == 400
    response = try_login(client, "alice", PASSWORD)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) in range(55, 61)
    assert b"Too many failed attempts for this account" in response.data
    assert b"Log out" not in client.get("/").data


def test_waits_grow_after_each_further_failure(app, client, member):
    from forum.accounts.models import LoginThrottle
    from forum.database import utcnow

    for _attempt in range(5):
        try_login(client, "alice")
    row = db.session.scalars(select(LoginThrottle)).one()
    row.blocked_until = utcnow()  # the first wait is over
    db.session.commit()
    try_login(client, "alice")
    response = try_login(client, "alice")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 60


def test_the_throttle_counts_the_account_whichever_name_is_typed(client, member):
    for login in ("alice", "ALICE", "alice@example.org", "Alice", "alice "):
        try_login(client, login)
    assert try_login(client, "alice@example.org", PASSWORD).status_code == 429


def test_known_and_unknown_accounts_get_the_same_answers(app, member):
    known, unknown = app.test_client(), app.test_client()
    for _attempt in range(7):
        assert comparable(try_login(known, "alice"), "alice") == comparable(
            try_login(unknown, "nobody"), "nobody"
        )


def test_other_accounts_are_not_slowed_by_one_accounts_throttle(client, member, other_member):
    for _attempt in range(5):
        try_login(client, "alice")
    assert try_login(client, "bob", PASSWORD).status_code == 302


def test_a_throttled_owner_can_still_reset_and_sign_in(app, client, member):
    for _attempt in range(6):
        try_login(client, "alice")
    response = post_form(
        client, "/reset-password", {"email": "alice@example.org"}, "/reset-password"
    )
    assert response.status_code == 200
    link = re.search(
        r"http://localhost(/reset-password/\S+)", outbox_messages(app)[0].get_content()
    )
    client.get(link[1])
    page = "/reset-password/new"
    assert post_form(client, page, {"password": "a fresh long secret"}, page).status_code == 302
    assert try_login(client, "alice", "a fresh long secret").status_code == 302


def test_a_success_clears_the_count(client, member):
    for _attempt in range(4):
        try_login(client, "alice")
    assert try_login(client, "alice", PASSWORD).status_code == 302
    post_form(client, "/logout")
    for _attempt in range(4):
        try_login(client, "alice")
    assert try_login(client, "alice", PASSWORD).status_code == 302


def test_the_login_throttle_stays_on_when_request_limits_are_off(app, client, member):
    assert app.config["RATELIMIT_ENABLED"] is False  # the suite's default
    for _attempt in range(5):
        try_login(client, "alice")
    assert try_login(client, "alice", PASSWORD).status_code == 429


def test_the_environment_switch_turns_request_limits_off(monkeypatch):
    class Deployed(TestingConfig):
        READS_ENVIRONMENT = True

    monkeypatch.setenv("RATELIMIT_ENABLED", "false")
    assert Deployed.settings()["RATELIMIT_ENABLED"] is False
    monkeypatch.setenv("RATELIMIT_ENABLED", "true")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/3")
    settings = Deployed.settings()
    assert settings["RATELIMIT_ENABLED"] is True
    assert settings["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/3"


# Request limits (small ones, from the limited_app fixture).


def member_client(app, username="alice"):
    """A client signed in as a new member."""
    if db.session.scalar(select(User).where(User.username_key == username)) is None:
        register_user(username, f"{username}@example.org", PASSWORD)
    client = app.test_client()
    assert (
        post_form(
            client, "/login", {"username": username, "password": PASSWORD}, "/login"
        ).status_code
        == 302
    )
    return client


def assert_refused_with_wait(response):
    """A clear 429 page that says how long to wait."""
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert b"You are doing that too often" in response.data


def test_failed_logins_are_limited_per_client_across_accounts(limited_app):
    for name in ("carol", "dave", "erin"):
        register_user(name, f"{name}@example.org", PASSWORD)
    client = limited_app.test_client()
    for name in ("carol", "dave", "erin"):
        assert try_login(client, name).status_code == 400
    assert_refused_with_wait(try_login(client, "frank", PASSWORD))


def test_successful_logins_do_not_count_against_the_client(limited_app):
    register_user("carol", "carol@example.org", PASSWORD)
    client = limited_app.test_client()
    for _attempt in range(4):
        assert try_login(client, "carol", PASSWORD).status_code == 302
        post_form(client, "/logout")


def test_registration_is_limited_per_client(limited_app):
    client = limited_app.test_client()
    for name in ("first_one", "second_one"):
        data = {"username": name, "email": f"{name}@example.org", "password": PASSWORD}
        assert post_form(client, "/register", data, "/register").status_code == 302
        post_form(client, "/logout")
    data = {"username": "third_one", "email": "third@example.org", "password": PASSWORD}
    assert_refused_with_wait(post_form(client, "/register", data, "/register"))
    assert db.session.scalar(select(func.count()).select_from(User)) == 2


def test_reset_mails_are_limited_per_account_and_per_client(limited_app):
    register_user("carol", "carol@example.org", PASSWORD)
    client = limited_app.test_client()
    ask = lambda email: post_form(client, "/reset-password", {"email": email}, "/reset-password")  # noqa: E731
    assert ask("carol@example.org").status_code == 200
    assert ask("carol@example.org").status_code == 200
    assert_refused_with_wait(ask("carol@example.org"))  # per account
    assert len(outbox_messages(limited_app)) == 2
    assert ask("other@example.org").status_code == 200
    assert_refused_with_wait(ask("third@example.org"))  # per client: 3 an hour


def test_posting_is_limited_per_member_and_the_text_is_kept(limited_app):
    client = member_client(limited_app)
    author = db.session.scalar(select(User))
    thread = start_thread(author, "Should drones watch crowds?", "Opening.", [])
    for number in range(2):
        response = post_form(client, f"/t/{thread.id}/reply", {"body": f"Reply {number}"}, "/")
        assert response.status_code == 302
    kept = "A third, carefully argued reply that must not be lost."
    response = post_form(client, f"/t/{thread.id}/reply", {"body": kept}, "/")
    assert_refused_with_wait(response)
    assert kept.encode() in response.data
    assert db.session.scalar(select(func.count()).select_from(Reply)) == 2
    # Another member is counted separately.
    other = member_client(limited_app, "bob")
    response = post_form(other, f"/t/{thread.id}/reply", {"body": "Mine"}, "/")
    assert response.status_code == 302


def test_previews_are_limited_per_member(limited_app):
    client = member_client(limited_app)
    for _attempt in range(2):
        assert post_form(client, "/preview", {"body": "*hi*"}, "/new").status_code == 200
    response = post_form(client, "/preview", {"body": "*kept text*"}, "/new")
    assert_refused_with_wait(response)
    assert b"*kept text*" in response.data


def test_reports_are_limited_per_member(limited_app):
    author = member_client(limited_app, "bob")
    bob = db.session.scalar(select(User).where(User.username_key == "bob"))
    thread = start_thread(bob, "Should drones watch crowds?", "Opening.", [])
    first = post_reply(thread, bob, "One", None, "")
    second = post_reply(thread, bob, "Two", None, "")
    assert author is not None
    client = member_client(limited_app)
    data = {"reason": "spam", "note": "Selling things."}
    assert (
        post_form(client, f"/p/{first.id}/report", data, f"/p/{first.id}/report").status_code == 302
    )
    assert_refused_with_wait(
        post_form(client, f"/p/{second.id}/report", data, f"/p/{second.id}/report")
    )
    assert db.session.scalar(select(func.count()).select_from(Report)) == 1


def test_votes_are_limited_per_member(limited_app):
    member_client(limited_app, "bob")
    bob = db.session.scalar(select(User).where(User.username_key == "bob"))
    thread = start_thread(bob, "Should drones watch crowds?", "Opening.", [])
    replies = [post_reply(thread, bob, f"Point {n}", None, "") for n in range(3)]
    client = member_client(limited_app)
    for reply in replies[:2]:
        assert post_form(client, f"/p/{reply.id}/vote", page="/").status_code == 302
    assert_refused_with_wait(post_form(client, f"/p/{replies[2].id}/vote", page="/"))
    assert db.session.scalar(select(func.count()).select_from(Vote)) == 2
    assert db.session.scalar(select(func.count()).select_from(Thread)) == 1


@pytest.fixture
def redis_storage():
    """The machine's Redis, database 14, emptied before and after."""
    connection = empty_redis(REDIS_URL)
    yield connection
    connection.flushdb()
    connection.close()


def test_limits_are_shared_through_redis_between_app_instances(app_with, redis_storage):
    settings = {
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "RATELIMIT_PREVIEW": "2 per minute",
    }
    first = app_with(**settings)
    client = member_client(first)
    assert post_form(client, "/preview", {"body": "one"}, "/new").status_code == 200
    assert post_form(client, "/preview", {"body": "two"}, "/new").status_code == 200
    assert redis_storage.keys("*")  # the counts live in Redis, not in the process
    assert_refused_with_wait(post_form(client, "/preview", {"body": "three"}, "/new"))
    # No raw client address in the store's keys: only the keyed hash or the member's id.
    assert not any(b"127.0.0.1" in key for key in redis_storage.keys("*"))
