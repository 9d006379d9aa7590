"""Sessions end on the server: copied cookies stop working after logout and its relatives."""

from datetime import timedelta

from sqlalchemy import select, update

from forum.accounts.models import UserSession
from forum.database import utcnow
from forum.extensions import db
from tests.helpers import PASSWORD, csrf_from, outbox_messages, post_form

CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


def log_in(client, username="alice", remember=False):
    """Sign in through the form, as a browser would."""
    data = {"username": username, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    response = post_form(client, "/login", data, page="/login")
    assert response.status_code == 302, response.data
    return response


def signed_in(client) -> bool:
    """Whether the client's cookies still open the settings page."""
    return client.get("/settings").status_code == 200


def copy_of(app, client, *names):
    """A second browser holding copies of these cookies of the first."""
    thief = app.test_client()
    for name in names:
        cookie = client.get_cookie(name)
        assert cookie is not None, f"no {name} cookie to copy"
        thief.set_cookie(name, cookie.value)
    return thief


def test_a_session_cookie_copied_before_logout_stops_working(app, client, member):
    log_in(client)
    thief = copy_of(app, client, "session")
    assert signed_in(thief)
    post_form(client, "/logout")
    assert not signed_in(client)
    assert not signed_in(thief)


def test_a_remember_me_cookie_copied_before_logout_stops_working(app, client, member):
    log_in(client, remember=True)
    thief = copy_of(app, client, "remember_token")
    assert signed_in(thief)  # the remember-me cookie alone signs in
    post_form(client, "/logout")
    late_thief = copy_of(app, thief, "remember_token")
    late_thief.set_cookie("session", "")
    assert not signed_in(late_thief)


def test_remember_me_lasts_at_most_thirty_days(app, client, member):
    response = log_in(client, remember=True)
    cookie = next(
        header for header in response.headers.getlist("Set-Cookie") if "remember_token" in header
    )
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    expires = client.get_cookie("remember_token").expires
    assert expires is not None
    assert timedelta(days=29) < expires - utcnow() <= timedelta(days=30, minutes=1)


def test_logging_in_starts_a_new_session(app, client, member):
    client.get("/login")
    before = client.get_cookie("session").value
    log_in(client)
    assert client.get_cookie("session").value != before
    first = db.session.scalars(select(UserSession.token_hash)).all()
    post_form(client, "/logout")
    log_in(client)
    second = db.session.scalars(select(UserSession.token_hash)).all()
    assert len(first) == len(second) == 1 and first != second


def test_only_a_hash_of_the_token_is_stored(app, client, member):
    log_in(client)
    (record,) = db.session.scalars(select(UserSession)).all()
    assert record.token_hash not in client.get_cookie("session").value
    assert record.token_hash not in client.get("/settings").get_data(as_text=True)


def test_log_out_of_all_other_sessions_keeps_this_one(app, member):
    laptop, phone = app.test_client(), app.test_client()
    log_in(laptop)
    log_in(phone)
    response = post_form(laptop, "/settings/sessions/end-others", page="/settings")
    assert response.status_code == 302
    assert signed_in(laptop)
    assert not signed_in(phone)


def test_log_out_everywhere_ends_every_session(app, member):
    laptop, phone = app.test_client(), app.test_client()
    log_in(laptop, remember=True)
    log_in(phone)
    assert post_form(phone, "/logout/everywhere", page="/settings").status_code == 302
    assert not signed_in(phone)
    assert not signed_in(laptop)
    assert db.session.scalars(select(UserSession)).all() == []


def test_a_password_reset_ends_every_session(app, client, member):
    phone = app.test_client()
    log_in(phone, remember=True)
    post_form(client, "/reset-password", {"email": "alice@example.org"}, "/reset-password")
    (message,) = outbox_messages(app)
    link = message.get_content().split("http://localhost", 1)[1].split()[0]
    client.get(link)
    page = "/reset-password/new"
    assert post_form(client, page, {"password": "a brand new secret"}, page).status_code == 302
    assert not signed_in(phone)


def test_a_suspension_ends_the_members_sessions(app, client, member, moderator):
    phone = app.test_client()
    log_in(phone)
    log_in(client, "mod_carol")
    response = post_form(
        client,
        "/mod/u/alice/suspend",
        {"until": (utcnow() + timedelta(days=3)).date().isoformat(), "reason": "Spam."},
        page="/mod/u/alice",
    )
    assert response.status_code == 302, response.data
    assert (
        db.session.scalars(select(UserSession).where(UserSession.user_id == member.id)).all() == []
    )
    assert b"Log out" not in phone.get("/").data


def test_an_idle_session_ends(app, client, member):
    log_in(client)
    idle = timedelta(minutes=app.config["SESSION_IDLE_MINUTES"], seconds=5)
    db.session.execute(update(UserSession).values(last_seen_at=utcnow() - idle))
    db.session.commit()
    assert not signed_in(client)


def test_a_session_ends_at_its_absolute_lifetime_however_busy(app, client, member):
    log_in(client)
    age = timedelta(hours=app.config["SESSION_MAX_HOURS"], seconds=5)
    db.session.execute(update(UserSession).values(created_at=utcnow() - age))
    db.session.commit()
    assert not signed_in(client)


def test_a_used_session_stays_alive_and_records_its_last_use(app, client, member):
    log_in(client)
    earlier = utcnow() - timedelta(minutes=app.config["SESSION_IDLE_MINUTES"] - 1)
    db.session.execute(update(UserSession).values(last_seen_at=earlier))
    db.session.commit()
    assert signed_in(client)
    db.session.expire_all()
    (record,) = db.session.scalars(select(UserSession)).all()
    assert utcnow() - record.last_seen_at < timedelta(minutes=1)


def test_settings_list_sessions_by_browser_family_without_tokens(app, member):
    phone = app.test_client()
    phone.environ_base["HTTP_USER_AGENT"] = CHROME
    log_in(phone)
    laptop = app.test_client()
    log_in(laptop)
    page = laptop.get("/settings").get_data(as_text=True)
    assert "Chrome" in page and "131.0" not in page
    assert "this device" in page
    assert csrf_from(page.encode())  # the page's forms work


def test_login_form_token_is_single_use(client, member):
    token = csrf_from(client.get("/login").data)
    wrong = {"csrf_token": token, "username": "alice", "password": "not the password"}
    assert client.post("/login", data=wrong).status_code == 400
    replay = {"csrf_token": token, "username": "alice", "password": PASSWORD}
    response = client.post("/login", data=replay)
    assert response.status_code == 400
    assert b"Your form expired" in response.data
    assert not signed_in(client)
