"""Two-factor sign-in with TOTP codes and single-use recovery codes."""

import re
import time

import pyotp
from sqlalchemy import select

from forum.accounts.models import User
from forum.extensions import db
from tests.helpers import PASSWORD, post_form

SECRET_PATTERN = re.compile(r'<code class="secret">([A-Z2-7]+)</code>')
RECOVERY_PATTERN = re.compile(r"<li><code>([0-9a-f]{5}-[0-9a-f]{5})</code></li>")
USED_CODES: dict[str, str] = {}


def turn_on(client, auth, username="alice") -> tuple[str, list[str]]:
    """Sign in, set up an authenticator with the page's key, and return it with the codes
    (the code that turned it on is kept in USED_CODES)."""
    auth.login(username)
    page = client.get("/settings/two-factor").get_data(as_text=True)
    secret = SECRET_PATTERN.search(page)[1]
    code = pyotp.TOTP(secret).now()
    USED_CODES[secret] = code
    data = {"code": code, "current_password": PASSWORD}
    response = post_form(client, "/settings/two-factor/enable", data, "/settings/two-factor")
    assert response.status_code == 200, response.data
    codes = RECOVERY_PATTERN.findall(response.get_data(as_text=True))
    auth.logout()
    return secret, codes


def signed_in(client) -> bool:
    """Whether the client can open its settings."""
    return client.get("/settings").status_code == 200


def send_code(client, code):
    """Answer the second step of signing in."""
    return post_form(client, "/login/code", {"code": code}, "/login/code")


def test_turning_it_on_needs_a_working_code_and_the_password(client, auth, member):
    auth.login("alice")
    page = client.get("/settings/two-factor").get_data(as_text=True)
    secret = SECRET_PATTERN.search(page)[1]
    assert "otpauth://totp/Counterpoint:alice?secret=" in page
    wrong = {"code": "000000", "current_password": PASSWORD}
    response = post_form(client, "/settings/two-factor/enable", wrong, "/settings/two-factor")
    assert response.status_code == 400
    assert b"That code is not right" in response.data
    bad_password = {"code": pyotp.TOTP(secret).now(), "current_password": "not my password"}
    response = post_form(
        client, "/settings/two-factor/enable", bad_password, "/settings/two-factor"
    )
    assert response.status_code == 400
    db.session.refresh(member)
    assert not member.has_two_factor


def test_signing_in_then_needs_the_code(client, auth, member):
    secret, codes = turn_on(client, auth)
    assert len(codes) == 10 and len(set(codes)) == 10
    response = auth.login("alice")
    assert response.headers["Location"] == "/login/code"
    assert not signed_in(client)  # the password alone does not sign in
    assert send_code(client, "123456").status_code == 400
    assert not signed_in(client)
    # The next step's code: the current one was spent turning two-factor sign-in on.
    assert send_code(client, pyotp.TOTP(secret).at(time.time() + 30)).status_code == 302
    assert signed_in(client)


def test_a_code_works_only_once(client, auth, member):
    secret, _codes = turn_on(client, auth)
    # The code that turned it on was used: the very same code cannot sign in afterwards
    # (the exact code, not "now()": the clock may have moved to the next step meanwhile).
    auth.login("alice")
    response = send_code(client, USED_CODES[secret])
    assert response.status_code == 400
    assert not signed_in(client)


def test_recovery_codes_sign_in_once_each(client, auth, member):
    _secret, codes = turn_on(client, auth)
    auth.login("alice")
    assert send_code(client, codes[0].upper()).status_code == 302  # typed in any case
    auth.logout()
    auth.login("alice")
    assert send_code(client, codes[0]).status_code == 400
    assert send_code(client, codes[1]).status_code == 302


def test_guessing_codes_is_throttled(client, auth, member):
    secret, _codes = turn_on(client, auth)
    auth.login("alice")
    for _attempt in range(5):
        assert send_code(client, "000000").status_code == 400
    # The sixth answer is a refusal, even with a right code.
    response = send_code(client, pyotp.TOTP(secret).at(time.time() + 30))
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert not signed_in(client)


def test_the_code_must_follow_the_password_soon(client, auth, member):
    secret, _codes = turn_on(client, auth)
    auth.login("alice")
    with client.session_transaction() as session:
        pending = session["second_factor"]
        session["second_factor"] = {**pending, "at": pending["at"] - 301}
    code = pyotp.TOTP(secret).at(time.time() + 30)
    response = post_form(client, "/login/code", {"code": code}, "/")
    assert response.headers["Location"] == "/login"
    assert not signed_in(client)


def test_the_code_page_without_a_password_first_sends_to_login(client, member):
    assert client.get("/login/code").headers["Location"] == "/login"


def test_turning_it_off_needs_the_password(client, auth, member):
    secret, _codes = turn_on(client, auth)
    auth.login("alice")
    send_code(client, pyotp.TOTP(secret).at(time.time() + 30))
    refused = post_form(
        client, "/settings/two-factor/disable", {"current_password": "wrong"}, "/settings"
    )
    assert refused.status_code == 400
    db.session.refresh(member)
    assert member.has_two_factor
    post_form(client, "/settings/two-factor/disable", {"current_password": PASSWORD}, "/settings")
    db.session.refresh(member)
    assert not member.has_two_factor


def test_new_recovery_codes_replace_the_old(client, auth, member):
    secret, old_codes = turn_on(client, auth)
    auth.login("alice")
    send_code(client, pyotp.TOTP(secret).at(time.time() + 30))
    response = post_form(
        client,
        "/settings/two-factor/recovery-codes",
        {"current_password": PASSWORD},
        "/settings/two-factor",
    )
    new_codes = RECOVERY_PATTERN.findall(response.get_data(as_text=True))
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    auth.logout()
    auth.login("alice")
    assert send_code(client, old_codes[0]).status_code == 400
    assert send_code(client, new_codes[0]).status_code == 302


def test_staff_must_turn_it_on_when_the_forum_requires_it(app, client, auth, moderator):
    auth.login("mod_carol")
    assert client.get("/mod/queue").status_code == 200
    app.config["REQUIRE_2FA_FOR_STAFF"] = True
    response = client.get("/mod/queue")
    assert response.status_code == 302
    assert response.headers["Location"] == "/settings/two-factor"
    auth.logout()
    secret, _codes = turn_on(client, auth, "mod_carol")
    auth.login("mod_carol")
    send_code(client, pyotp.TOTP(secret).at(time.time() + 30))
    assert client.get("/mod/queue").status_code == 200


def test_members_are_not_asked_for_it(app, client, auth, member):
    app.config["REQUIRE_2FA_FOR_STAFF"] = True
    assert auth.login("alice").headers["Location"] == "/"
    user = db.session.scalar(select(User).where(User.username_key == "alice"))
    assert not user.has_two_factor
