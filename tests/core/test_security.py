"""Security baseline: headers, cookies, configuration and error pages."""

from urllib.parse import urlencode

import pytest

from config import ProductionConfig
from forum import create_app
from tests.helpers import PASSWORD, post_form


def test_strict_headers_on_every_page(client, auth, thread, member):
    """Every kind of answer: pages, redirects, JSON, feeds, assets, errors, signed in or not."""
    from forum.threads.actions import post_reply

    reply = post_reply(thread, member, "A reply", None, "")
    page = client.get("/").data.decode()
    css = page.split('rel="stylesheet" href="')[1].split('"')[0]
    urls = [
        "/",
        "/tags",
        "/tags/drones",
        f"/t/{thread.id}/{thread.slug}",
        f"/t/{thread.id}",  # a redirect
        f"/p/{reply.id}",
        f"/t/{thread.id}/since/0",  # JSON
        "/u/alice",
        "/search?q=drones",
        "/feed.atom",
        "/login",
        "/register",
        "/reset-password",
        css,
        "/nowhere",  # 404
        "/preview",  # 405
        "/?after=bad",  # 400
    ]
    answers = [(url, client.get(url)) for url in urls]
    auth.login("alice")
    answers += [(url, client.get(url)) for url in ("/", "/settings", f"/p/{reply.id}/edit")]
    answers.append(("POST /logout", post_form(client, "/logout")))
    for url, response in answers:
        csp = response.headers.get("Content-Security-Policy", "")
        assert "default-src 'self'" in csp and "script-src 'self'" in csp, url
        assert "unsafe-inline" not in csp, url
        assert response.headers.get("X-Content-Type-Options") == "nosniff", url
        assert response.headers.get("X-Frame-Options") == "DENY", url
        assert response.headers.get("Referrer-Policy") == "same-origin", url


def test_session_cookie_is_httponly_and_lax(client, auth, member):
    response = auth.login("alice")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_refuses_missing_or_weak_secret(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(ProductionConfig)
    monkeypatch.setenv("SECRET_KEY", "too-short")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(ProductionConfig)


def test_production_needs_https_public_url(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    with pytest.raises(RuntimeError, match="PUBLIC_URL"):
        create_app(ProductionConfig)


def test_production_marks_cookies_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("PUBLIC_URL", "https://forum.example")

    class Config(ProductionConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'p.db'}"

    app = create_app(Config)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SECRET_KEY"] == "x" * 40


def test_unknown_forum_env_is_refused(monkeypatch):
    from config import config_from_env

    monkeypatch.setenv("FORUM_ENV", "staging")
    with pytest.raises(RuntimeError, match="FORUM_ENV"):
        config_from_env()


@pytest.mark.parametrize(("url", "code"), [("/nowhere", 404), ("/t/x", 404), ("/?after=bad", 400)])
def test_error_pages_are_styled(client, url, code):
    response = client.get(url)
    assert response.status_code == code
    assert b"Skip to content" in response.data and b"<h1>" in response.data


def test_wrong_method_is_405_page(client):
    response = client.get("/preview")
    assert response.status_code == 405
    assert b"Method not allowed" in response.data


def test_server_error_is_styled_500(app, client):
    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom")
    assert response.status_code == 500
    assert b"Something went wrong" in response.data


def test_static_files_are_versioned_and_cached(client):
    page = client.get("/").data.decode()
    css = page.split('rel="stylesheet" href="')[1].split('"')[0]
    assert css.startswith("/assets/")
    with client.get(css) as response:
        assert response.status_code == 200
        assert "max-age=31536000" in response.headers["Cache-Control"]
    stale = css.replace(css.split("/")[2], "000000000000")
    with client.get(stale) as response:
        assert response.status_code == 200
        assert "max-age=31536000" not in response.headers.get("Cache-Control", "")
    assert client.get("/assets/x/../../config.py").status_code == 404


def test_css_and_js_fit_the_page_budget():
    from pathlib import Path

    static = Path(__file__).resolve().parent.parent / "static"
    total = sum(p.stat().st_size for p in [*static.glob("css/*.css"), *static.glob("js/*.js")])
    assert total <= 51_200


def test_logout_needs_csrf(client, auth, member):
    auth.login("alice")
    assert client.post("/logout").status_code == 400
    assert b"Log out" in client.get("/").data
    assert post_form(client, "/logout").status_code == 302


def test_sqlite_runs_in_wal_with_foreign_keys(app):
    from sqlalchemy import text

    from forum.extensions import db

    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas only apply to the embedded database")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


@pytest.mark.parametrize("target", ["/\r\nSet-Cookie: x=1", "/t/1\n", "/\tevil"])
def test_control_characters_in_next_lead_home_after_login(client, auth, member, target):
    answer = post_form(
        client,
        "/login?" + urlencode({"next": target}),
        {"username": "alice", "password": PASSWORD},
        page="/login",
    )
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/"
    assert "Set-Cookie: x" not in str(answer.headers)
