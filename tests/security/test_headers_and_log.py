"""Response headers, cookies in production, the security log and addresses never stored."""

import json
import logging
from datetime import timedelta

import pytest
from sqlalchemy import inspect, select, text

from config import ProductionConfig
from forum import addresses, create_app
from forum.accounts.actions import register_user
from forum.addresses import AddressKey, address_digest
from forum.database import utcnow
from forum.extensions import db
from forum.moderation.actions import log_action
from forum.securitylog import log_event
from tests.helpers import PASSWORD, csrf_from, outbox_messages, post_form

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")


def assert_security_headers(response):
    """The strict headers every response carries, errors included."""
    for name in SECURITY_HEADERS:
        assert name in response.headers, name
    policy = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_headers_on_ok_not_found_and_bad_requests(client):
    for url, status in (("/", 200), ("/nowhere", 404), ("/t/99999999999", 404)):
        response = client.get(url)
        assert response.status_code == status
        assert_security_headers(response)
    refused = client.post("/login", data={"username": "x", "password": "y"})
    assert refused.status_code == 400  # no CSRF token
    assert_security_headers(refused)


def test_headers_on_a_server_error(app, client):
    @app.get("/crash-for-test")
    def crash():
        raise RuntimeError("boom")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/crash-for-test")
    assert response.status_code == 500
    assert b"boom" not in response.data and b"Traceback" not in response.data
    assert_security_headers(response)


def test_headers_on_a_rate_limited_answer(limited_app):
    register_user("carol", "carol@example.org", PASSWORD)
    client = limited_app.test_client()
    post_form(client, "/login", {"username": "carol", "password": PASSWORD}, "/login")
    for _attempt in range(2):
        post_form(client, "/preview", {"body": "hi"}, "/new")
    response = post_form(client, "/preview", {"body": "hi"}, "/new")
    assert response.status_code == 429
    assert_security_headers(response)
    assert response.headers["Cache-Control"] == "no-store"


def test_signed_in_and_form_pages_are_never_stored(client, auth, member):
    assert client.get("/login").headers["Cache-Control"] == "no-store"  # a form page
    auth.login("alice")
    for url in ("/", "/settings", "/u/alice"):
        assert client.get(url).headers["Cache-Control"] == "no-store", url


def test_assets_stay_cacheable(client):
    page = client.get("/").get_data(as_text=True)
    stylesheet = page.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    response = client.get(stylesheet)
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert "max-age=31536000" in response.headers["Cache-Control"]


@pytest.fixture
def production_app(tmp_path, app):
    """The production configuration, on this test's database (the app fixture made it)."""

    class Production(ProductionConfig):
        READS_ENVIRONMENT = False
        SECRET_KEY = "a-production-secret-of-more-than-32-characters"  # noqa: S105
        PUBLIC_URL = "https://forum.example"
        SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
        MAIL_OUTBOX = str(tmp_path / "outbox")

    production = create_app(Production)
    yield production
    with production.app_context():
        db.engine.dispose()  # its own engine: close its connections, not leave them to the GC


def test_production_cookies_use_the_host_prefix_and_hsts_covers_subdomains(production_app):
    with production_app.app_context():
        register_user("carol", "carol@example.org", PASSWORD)
        client, https = production_app.test_client(), "https://localhost"
        page = client.get("/login", base_url=https)
        assert page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        data = {"username": "carol", "password": PASSWORD, "remember": "y"}
        data["csrf_token"] = csrf_from(page.data)
        # Over https, Flask-WTF also checks that the form came from this site.
        referer = {"Referer": "https://localhost/login"}
        response = client.post("/login", data=data, base_url=https, headers=referer)
        assert response.status_code == 302
        cookies = response.headers.getlist("Set-Cookie")
        for name in ("__Host-session=", "__Host-remember="):
            (cookie,) = [header for header in cookies if header.startswith(name)]
            assert "Secure" in cookie and "HttpOnly" in cookie and "Path=/" in cookie
            assert "Domain" not in cookie
        assert client.get("/settings", base_url=https).status_code == 200
        db.session.remove()


def security_lines(caplog) -> list[dict]:
    """The security log's entries, parsed."""
    return [
        json.loads(record.getMessage())
        for record in caplog.records
        if record.name == "forum.security"
    ]


@pytest.fixture
def security_log(caplog):
    """Capture the security log (Alembic's log setup may have disabled it in this process)."""
    logging.getLogger("forum.security").disabled = False
    caplog.set_level(logging.INFO, logger="forum.security")
    return caplog


def test_security_events_are_logged_without_secrets_or_addresses(
    app, client, auth, member, moderator, thread, security_log
):
    auth.login("alice", "a wrong password")
    auth.login("alice")
    post_form(
        client,
        "/settings/password",
        {"current_password": PASSWORD, "new_password": "another long secret"},
        "/settings",
    )
    client.get("/mod/queue")  # a member at a moderator page: 403
    client.post("/settings/profile", data={"bio": "no token"})  # CSRF failure
    auth.logout()
    auth.login("mod_carol")
    post_form(client, f"/mod/t/{thread.id}/lock", {"reason": "Cooling off."}, "/")
    entries = security_lines(security_log)
    events = [entry["event"] for entry in entries]
    for expected in (
        "login_failure",
        "login_success",
        "password_change",
        "forbidden",
        "csrf_failure",
        "logout",
        "moderator_action",
    ):
        assert expected in events, (expected, events)
    raw = "\n".join(record.getMessage() for record in security_log.records)
    for secret in (PASSWORD, "a wrong password", "another long secret", "alice@example.org"):
        assert secret not in raw
    assert "127.0.0.1" not in raw
    for entry in entries:
        assert {"time", "event", "user_id", "request_id", "client"} <= entry.keys()
        assert entry["time"].endswith("+00:00")
        assert len(entry["client"]) == 32
    failure = next(entry for entry in entries if entry["event"] == "login_failure")
    assert failure["user_id"] == member.id


def test_the_request_id_in_the_log_matches_the_response(client, member, security_log):
    response = post_form(client, "/login", {"username": "alice", "password": "wrong one"}, "/login")
    (entry,) = [e for e in security_lines(security_log) if e["event"] == "login_failure"]
    assert response.headers["X-Request-Id"] == entry["request_id"]


def test_member_text_cannot_forge_a_log_line(app, security_log):
    with app.test_request_context("/"):
        log_event("login_failure", detail='x"}\n{"event": "login_success", "user_id": 1}')
    (record,) = [r for r in security_log.records if r.name == "forum.security"]
    assert "\n" not in record.getMessage()
    assert json.loads(record.getMessage())["event"] == "login_failure"


def test_a_moderator_action_is_logged_only_once_it_is_committed(
    app, moderator, thread, security_log
):
    """A log line for an action that rolled back would record a change that never happened."""
    with app.test_request_context("/"):
        log_action(moderator, "lock", "Rolled back.", thread=thread)
        db.session.rollback()
        assert [e for e in security_lines(security_log) if e["event"] == "moderator_action"] == []
        log_action(moderator, "lock", "Kept.", thread=thread)
        assert [e for e in security_lines(security_log) if e["event"] == "moderator_action"] == []
        db.session.commit()
    (entry,) = [e for e in security_lines(security_log) if e["event"] == "moderator_action"]
    assert entry["action"] == "lock"
    assert entry["thread_id"] == thread.id
    assert entry["user_id"] == moderator.id


def test_unknown_events_are_refused(app):
    with pytest.raises(ValueError):
        log_event("password_was_hunter2")


def test_no_client_address_is_stored_anywhere_in_the_database(app, client, auth, member, thread):
    auth.login("alice", "a wrong password")
    auth.login("alice")
    post_form(client, f"/t/{thread.id}/reply", {"body": "Stored text."}, "/")
    inspector = inspect(db.engine)
    found = []
    for table in inspector.get_table_names():
        rows = db.session.execute(text(f'SELECT * FROM "{table}"')).all()  # noqa: S608
        found += [table for row in rows if "127.0.0.1" in " ".join(map(str, row))]
    assert found == []


def test_address_keys_rotate_daily_and_old_ones_are_deleted(app):
    old_day = (utcnow() - timedelta(days=10)).date().isoformat()
    db.session.add(AddressKey(day=old_day, key="00" * 32))
    db.session.commit()
    addresses._keys_by_day.clear()
    today = address_digest("192.0.2.7")
    assert today == address_digest("192.0.2.7")
    assert "192.0.2.7" not in today
    days = db.session.scalars(select(AddressKey.day)).all()
    assert old_day not in days
    assert days == [utcnow().date().isoformat()]
    yesterday_key = addresses.day_key("2000-01-01")
    assert yesterday_key != addresses.day_key(utcnow().date().isoformat())


def test_throttling_resets_and_role_changes_are_logged(app, client, auth, member, make_user):
    make_user("root_admin", role="admin")
    security = logging.getLogger("forum.security")
    security.disabled = False
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    security.addHandler(handler)
    try:
        for _attempt in range(6):
            auth.login("alice", "a wrong password")
        post_form(client, "/reset-password", {"email": "alice@example.org"}, "/reset-password")
        link = outbox_messages(app)[0].get_content().split("http://localhost", 1)[1].split()[0]
        client.get(link)
        page = "/reset-password/new"
        post_form(client, page, {"password": "a brand new secret"}, page)
        auth.login("root_admin")
        role = {"role": "moderator", "reason": "Trusted for months."}
        post_form(client, "/admin/users/alice/role", role, "/admin/users")
    finally:
        security.removeHandler(handler)
    events = [json.loads(record.getMessage())["event"] for record in records]
    for expected in ("login_throttled", "password_reset_request", "password_reset", "role_change"):
        assert expected in events, (expected, events)


def test_rate_limited_requests_are_logged(limited_app, security_log):
    register_user("carol", "carol@example.org", PASSWORD)
    client = limited_app.test_client()
    post_form(client, "/login", {"username": "carol", "password": PASSWORD}, "/login")
    for _attempt in range(3):
        post_form(client, "/preview", {"body": "hi"}, "/new")
    limited = [e for e in security_lines(security_log) if e["event"] == "rate_limited"]
    assert len(limited) == 1 and limited[0]["endpoint"] == "threads.preview"
