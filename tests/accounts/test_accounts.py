"""Accounts: registering, logging in and out, settings and password reset, over HTTP."""

import re

import pytest
from sqlalchemy import func, select

from forum.accounts import actions
from forum.extensions import db
from forum.models import User
from forum.threads.actions import post_reply
from tests.helpers import CSRF_PATTERN, PASSWORD, csrf_from, outbox_messages, post_form


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def register(client, follow_redirects=False, **fields):
    data = {"username": "dana", "email": "dana@example.org", "password": PASSWORD} | fields
    return post_form(client, "/register", data, page="/register", follow_redirects=follow_redirects)


def test_register_logs_in_and_shows_username(client, app):
    response = register(client, follow_redirects=True)
    assert response.status_code == 200
    assert b"Welcome to Counterpoint, dana" in response.data
    user = db.session.scalar(select(User))
    assert user.username == "dana"
    assert user.password_hash.startswith("scrypt:")
    assert PASSWORD not in user.password_hash


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"username": "ab"}, b"Usernames are 3 to 30 characters."),
        ({"username": "x" * 31}, b"Usernames are 3 to 30 characters."),
        ({"username": "has space"}, b"Use only letters, digits, _ and -."),
        ({"username": "<script>"}, b"Use only letters, digits, _ and -."),
        ({"username": ""}, b"Choose a username."),
        ({"email": "not-an-email"}, b"Enter a valid email address."),
        ({"email": ""}, b"Enter your email address."),
        ({"password": "short"}, b"Passwords are 12 to 200 characters."),
        ({"username": "longusername1", "password": "LongUsername1"}, b"must not be your username"),
    ],
)
def test_register_rejects_bad_input_and_keeps_text(client, app, fields, message):
    response = register(client, **fields)
    assert response.status_code == 400
    assert message in response.data
    assert user_count() == 0
    if fields.get("email"):
        assert fields["email"].encode() in response.data  # what the user typed is kept


def test_register_rejects_taken_username_in_any_case(client, member):
    response = register(client, username="ALICE")
    assert response.status_code == 400
    assert b"That username is taken." in response.data
    assert user_count() == 1


def test_register_rejects_taken_email_in_any_case(client, member):
    response = register(client, email="Alice@Example.org")
    assert response.status_code == 400
    assert b"An account with that email already exists." in response.data


def test_register_without_csrf_token_changes_nothing(client, app):
    response = client.post(
        "/register", data={"username": "dana", "email": "d@example.org", "password": PASSWORD}
    )
    assert response.status_code == 400
    assert b"Reload the page" in response.data
    assert user_count() == 0


def test_register_with_wrong_csrf_token_changes_nothing(client, app):
    client.get("/register")
    response = client.post(
        "/register",
        data={"csrf_token": "forged", "username": "dana", "email": "d@x.org", "password": PASSWORD},
    )
    assert response.status_code == 400
    assert user_count() == 0


@pytest.mark.parametrize("login", ["alice", "ALICE", "alice@example.org"])
def test_login_by_username_or_email(client, auth, member, login):
    response = auth.login(login)
    assert response.status_code == 302
    page = client.get("/").data
    assert b"Log out" in page and b'href="/u/alice"' in page


@pytest.mark.parametrize(
    ("login", "password"), [("alice", "wrong password!"), ("nobody", PASSWORD)]
)
def test_wrong_credentials_get_one_message(client, auth, member, login, password):
    response = auth.login(login, password)
    assert response.status_code == 400
    assert b"That username or password is not right." in response.data
    assert b"Log out" not in response.data


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_login_ignores_next_to_other_hosts(client, member, target):
    response = post_form(
        client, f"/login?next={target}", {"username": "alice", "password": PASSWORD}, "/login"
    )
    assert response.headers["Location"] == "/"


def test_login_follows_local_next(client, member):
    response = post_form(
        client, "/login?next=/tags", {"username": "alice", "password": PASSWORD}, page="/login"
    )
    assert response.headers["Location"] == "/tags"


def test_logout_needs_post(client, auth, member):
    auth.login("alice")
    assert client.get("/logout").status_code == 405
    auth.logout()
    assert b"Log out" not in client.get("/").data


def test_profile_shows_bio_join_date_threads_and_replies(client, auth, thread, member):

    post_reply(thread, member, "A reply of mine", None, "")
    actions.update_profile(member, "I research <b>drones</b>.", "press", "Attended Milipol 2023")
    page = client.get("/u/alice").data
    assert b"I research &lt;b&gt;drones&lt;/b&gt;." in page
    assert b"Attended Milipol 2023" in page
    assert b"Joined" in page
    assert thread.title.encode() in page
    assert b"A reply of mine" in page
    assert client.get("/u/nobody").status_code == 404


def test_settings_requires_login(client):
    response = client.get("/settings")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_settings_change_bio(client, auth, member):
    auth.login("alice")
    response = post_form(
        client,
        "/settings",
        {"form": "profile", "bio": "Hello", "affiliation": "press", "organisation": "Le Monde"},
        "/settings",
    )
    assert response.status_code == 302
    db.session.refresh(member)
    assert (member.bio, member.affiliation, member.organisation) == ("Hello", "press", "Le Monde")


def test_settings_email_needs_current_password(client, auth, member):
    auth.login("alice")
    data = {"form": "email", "email": "new@example.org", "current_password": "wrong one!!"}
    response = post_form(client, "/settings", data, "/settings")
    assert response.status_code == 400
    assert b"That is not your current password." in response.data
    data["current_password"] = PASSWORD
    assert post_form(client, "/settings", data, "/settings").status_code == 302
    db.session.refresh(member)
    assert member.email == "alice@example.org"  # unchanged until the new address confirms
    confirmation, notice = outbox_messages(client.application)
    assert (confirmation["To"], notice["To"]) == ("new@example.org", "alice@example.org")
    assert "new@example.org" in notice.get_content()
    link = re.search(r"http://localhost(/settings/email/confirm/\S+)", confirmation.get_content())
    landing = client.get(link[1])
    assert landing.headers["Location"] == "/settings/email/confirm"  # token out of the URL
    confirm = post_form(client, "/settings/email/confirm", {}, "/settings/email/confirm")
    assert confirm.status_code == 302
    db.session.refresh(member)
    assert member.email == "new@example.org"
    # The link works once: the address it would replace is gone.
    client.get(link[1])
    assert client.get("/settings/email/confirm").status_code == 400


def test_settings_password_change(client, auth, member):
    auth.login("alice")
    data = {"form": "password", "current_password": PASSWORD, "new_password": "another long secret"}
    assert post_form(client, "/settings", data, "/settings").status_code == 302
    auth.logout()
    assert auth.login("alice").status_code == 400
    assert auth.login("alice", "another long secret").status_code == 302


def test_settings_rejects_unknown_form(client, auth, member):
    auth.login("alice")
    response = post_form(client, "/settings", {"form": "nope"}, "/settings")
    assert response.status_code == 400


def reset_link(message) -> str:
    body = message.get_payload(decode=True).decode()
    return re.search(r"http://localhost(/reset-password/\S+)", body)[1]


def test_password_reset_round_trip(client, app, auth, member):
    known = post_form(client, "/reset-password", {"email": "alice@example.org"}, "/reset-password")
    unknown = post_form(client, "/reset-password", {"email": "who@example.org"}, "/reset-password")
    assert known.status_code == unknown.status_code == 200
    # Identical pages, apart from the CSRF token, which is signed with the current time.
    assert CSRF_PATTERN.sub(b"", known.data) == CSRF_PATTERN.sub(b"", unknown.data)
    messages = outbox_messages(app)
    assert len(messages) == 1
    assert messages[0]["To"] == "alice@example.org"
    link = reset_link(messages[0])

    landing = client.get(link)
    assert landing.status_code == 302  # the token leaves the address on first use
    assert landing.headers["Location"] == "/reset-password/new"
    response = post_form(
        client,
        "/reset-password/new",
        {"password": "brand new password"},
        page="/reset-password/new",
    )
    assert response.status_code == 302
    assert auth.login("alice", "brand new password").status_code == 302
    auth.logout()
    # Single use: the same link no longer works once the password changed.
    assert client.get(link).status_code == 400


def test_password_reset_rejects_forged_and_expired_tokens(client, app, member):
    assert client.get("/reset-password/not-a-token").status_code == 400
    post_form(client, "/reset-password", {"email": "alice@example.org"}, "/reset-password")
    link = reset_link(outbox_messages(app)[0])
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    response = client.get(link)
    assert response.status_code == 400
    assert b"no longer works" in response.data


def test_password_reset_validates_new_password(client, app, member):
    post_form(client, "/reset-password", {"email": "alice@example.org"}, "/reset-password")
    client.get(reset_link(outbox_messages(app)[0]))
    page = "/reset-password/new"
    response = post_form(client, page, {"password": "short"}, page=page)
    assert response.status_code == 400
    assert b"Passwords are 12 to 200 characters." in response.data


def test_reset_link_ignores_the_request_host(client, app, member):
    evil = "http://attacker.example"
    token = csrf_from(client.get("/reset-password", base_url=evil).data)
    client.post(
        "/reset-password", data={"csrf_token": token, "email": "alice@example.org"}, base_url=evil
    )
    body = outbox_messages(app)[0].get_payload(decode=True).decode()
    assert "attacker.example" not in body
    assert "http://localhost/reset-password/" in body


def test_password_reset_ends_other_sessions(app, member):
    laptop, phone, stranger = app.test_client(), app.test_client(), app.test_client()
    for device in (laptop, phone):
        post_form(device, "/login", {"username": "alice", "password": PASSWORD}, "/login")
        assert b"Log out" in device.get("/").data
    # The reset flow itself: asked for from a signed-out browser, finished from the mailed link.
    post_form(stranger, "/reset-password", {"email": "alice@example.org"}, "/reset-password")
    link = reset_link(outbox_messages(app)[0])
    landing = stranger.get(link)
    form = landing.headers["Location"] if landing.status_code == 302 else link
    done = post_form(stranger, form, {"password": "a whole new secret"}, page=form)
    assert done.status_code == 302
    for device in (laptop, phone):
        assert b"Log out" not in device.get("/").data
        assert device.get("/settings").status_code == 302  # sent to log in again
    db.session.refresh(member)
    assert actions.authenticate("alice", "a whole new secret") is not None
    assert actions.authenticate("alice", PASSWORD) is None


@pytest.mark.parametrize(
    ("route", "data", "check"),
    [
        (
            "/settings/profile",
            {"bio": "Own route", "affiliation": "not_stated", "organisation": ""},
            "Own route",
        ),
        ("/settings/email", {"email": "new@example.org", "current_password": PASSWORD}, None),
    ],
)
def test_each_settings_form_has_its_own_route(client, auth, member, route, data, check):
    auth.login("alice")
    response = post_form(client, route, data, "/settings")
    assert response.status_code == 302
    page = client.get("/settings").data.decode()
    assert (check or data.get("email")) in page


def test_settings_route_shows_errors_of_the_form_that_was_sent(client, auth, member):
    auth.login("alice")
    response = post_form(
        client,
        "/settings/password",
        {"current_password": "wrong", "new_password": "x"},
        "/settings",
    )
    assert response.status_code == 400
    assert "Passwords are 12 to 200 characters." in response.get_data(as_text=True)
