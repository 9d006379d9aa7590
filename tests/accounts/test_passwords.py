"""New passwords: length, common and patterned passwords refused, any other text taken as typed."""

import re

import pytest
from sqlalchemy import func, select

from forum.accounts import passwords
from forum.accounts.passwords import common_passwords, password_problem
from forum.extensions import db
from forum.models import User
from tests.helpers import PASSWORD, outbox_messages, post_form

COMMON = b"That password is one of the most common ones; choose another."
PATTERN = b"That password is a simple pattern or sequence; choose another."
# 128 characters: spaces inside and around, accents, other scripts and an emoji.
LONG = (
    " Ünïcödé passphrase ☕ with spaces, «guillemets», 日本語 and ανθρώπινη γλώσσα 🦜 — "
    "kept exactly as typed, nothing trimmed or changed "
)
assert len(LONG) == 128


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def register(client, password, **fields):
    data = {"username": "dana", "email": "dana@example.org", "password": password} | fields
    return post_form(client, "/register", data, page="/register")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("123456789012", PATTERN),
        ("passwordpassword", PATTERN),
        ("aaaaaaaaaaaa", PATTERN),
        ("abcdefghijkl", PATTERN),
        ("abcabcabcabc", PATTERN),
        ("qwertyuiopas", PATTERN),
        ("azertyuiopqs", PATTERN),
        ("210987654321", PATTERN),
        ("            ", PATTERN),
        ("leavemealone", COMMON),
        ("LeaveMeAlone", COMMON),
        ("sunshine2024!", COMMON),
        ("dana@example.org", b"Your password must not be your email address."),
        ("Dana@Example.org", b"Your password must not be your email address."),
        ("short", b"Passwords are 12 to 200 characters."),
        ("x" * 12 + "y" * 189, b"Passwords are 12 to 200 characters."),
    ],
)
def test_weak_passwords_are_refused_at_registration(client, password, message):
    response = register(client, password)
    assert response.status_code == 400
    assert message in response.data
    assert user_count() == 0


def test_a_password_equal_to_the_username_is_refused(client):
    response = register(client, "dana_the_great", username="Dana_the_Great")
    assert response.status_code == 400
    assert b"Your password must not be your username." in response.data


def test_a_long_unicode_password_is_taken_exactly_as_typed(client, auth):
    assert register(client, LONG).status_code == 302
    auth.logout()
    assert auth.login("dana", LONG).status_code == 302
    auth.logout()
    for variant in (LONG.strip(), LONG + " ", LONG[:-1], LONG.upper(), LONG.replace("é", "e")):
        assert auth.login("dana", variant).status_code == 400


def test_the_settings_form_refuses_a_weak_new_password(client, auth, member):
    auth.login("alice")
    for weak, message in (("passwordpassword", PATTERN), ("alice@example.org", b"email")):
        data = {"form": "password", "current_password": PASSWORD, "new_password": weak}
        response = post_form(client, "/settings", data, "/settings")
        assert response.status_code == 400
        assert message in response.data
    auth.logout()
    assert auth.login("alice").status_code == 302


def test_the_reset_form_refuses_a_weak_new_password(client, app, auth, member):
    post_form(client, "/reset-password", {"email": "alice@example.org"}, "/reset-password")
    body = outbox_messages(app)[0].get_payload(decode=True).decode()
    link = re.search(r"http://localhost(/reset-password/\S+)", body)[1]
    landing = client.get(link)
    page = landing.location if landing.status_code == 302 else link
    for weak, message in (("1qaz2wsx3edc", COMMON), ("alice@example.org", b"email")):
        response = post_form(client, page, {"password": weak}, page=page)
        assert response.status_code == 400
        assert message in response.data
    assert auth.login("alice").status_code == 302


def test_the_action_checks_passwords_too(make_user):
    from forum.errors import ActionError

    with pytest.raises(ActionError) as refused:
        make_user("erin", password="123456789012")
    assert refused.value.field == "password"
    assert user_count() == 0


def test_the_common_list_is_shipped_large_and_read_once():
    assert len(common_passwords()) >= 10_000
    assert common_passwords() is common_passwords()
    assert {"123456", "password", "qwerty", "leavemealone"} <= common_passwords()
    assert passwords.COMMON_PASSWORDS_PATH.is_relative_to(passwords.Path(passwords.__file__).parent)


@pytest.mark.parametrize(
    "password",
    [PASSWORD, "Tr0ub4dor&3 horse", "ñandú sobre la mesa", "my dog ate 3 tacos"],
)
def test_ordinary_passphrases_are_accepted(password):
    assert password_problem(password, "dana", "dana@example.org") is None
