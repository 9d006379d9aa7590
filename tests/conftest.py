"""Fixtures: a fresh forum per test on SQLite or PostgreSQL, and helpers that act like a user."""

import os

import pytest
from flask import g
from sqlalchemy import text

from config import TestingConfig
from forum import create_app
from forum.accounts.actions import register_user
from forum.extensions import db
from forum.i18n import compile_catalogues
from forum.threads.actions import start_thread
from tests.helpers import PASSWORD, Auth

POSTGRES_URL = os.environ.get("FORUM_TEST_DATABASE_URL", "")


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues():
    """Compile the catalogues as `pybabel compile` does: .mo files are built, never committed."""
    compile_catalogues()


def pytest_report_header(config):
    """Say which database this run uses, so a log shows both backends ran."""
    return f"database: {'PostgreSQL' if POSTGRES_URL else 'SQLite'}"


def make_config(tmp_path):
    """A testing config pointing at this test's database and outbox."""

    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = POSTGRES_URL or f"sqlite:///{tmp_path / 'forum.db'}"
        MAIL_OUTBOX = str(tmp_path / "outbox")
        MAIL_SERVER = ""

    return Config


def reset_database() -> None:
    """Start from an empty schema; PostgreSQL keeps tables between tests, so drop them first."""
    if db.engine.dialect.name == "postgresql":
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
    db.create_all()


@pytest.fixture
def app(tmp_path):
    """A forum app with an empty database of its own."""
    app = create_app(make_config(tmp_path))

    @app.before_request
    def forget_previous_request():
        # Tests hold one app context open, so `g` would carry the last request's user and
        # CSRF token over; a real server starts every request with an empty `g`.
        for name in list(vars(g)):
            delattr(g, name)

    with app.app_context():
        reset_database()
        yield app
        db.session.remove()
        if db.engine.dialect.name == "postgresql":
            db.drop_all()
        db.engine.dispose()


@pytest.fixture
def client(app):
    """A browser-like client for the app."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A runner for the app's CLI commands."""
    return app.test_cli_runner()


@pytest.fixture
def auth(client):
    """Log in and out as a user would."""
    return Auth(client)


@pytest.fixture
def make_user(app):
    """Create accounts through the same action registration uses."""

    def make(username: str, role: str = "member", password: str = PASSWORD):
        return register_user(username, f"{username.lower()}@example.org", password, role)

    return make


@pytest.fixture
def member(make_user):
    """An ordinary member."""
    return make_user("alice")


@pytest.fixture
def other_member(make_user):
    """A second member, for permission checks."""
    return make_user("bob")


@pytest.fixture
def moderator(make_user):
    """A forum moderator."""
    return make_user("mod_carol", role="moderator")


@pytest.fixture
def tags(app):
    """A few tags threads can be filed under."""
    from forum.models import Tag

    made = [
        Tag(slug="privacy", name="Privacy", description="Personal data and who sees it."),
        Tag(slug="drones", name="Drones", description="Unmanned aircraft."),
        Tag(slug="ai", name="AI", description="Machine learning in security."),
        Tag(slug="ethics", name="Ethics", description="Right and wrong."),
        Tag(slug="robotics", name="Robotics", description="Robots."),
        Tag(slug="law-enforcement", name="Law enforcement", description="Police work."),
    ]
    db.session.add_all(made)
    db.session.commit()
    return made


@pytest.fixture
def make_thread(member, tags):
    """Start threads through the same action the /new form uses."""

    def make(title: str = "Should drones watch crowds?", author=None, tag_slugs=("drones",)):
        return start_thread(author or member, title, "Opening **argument**.", list(tag_slugs))

    return make


@pytest.fixture
def thread(make_thread):
    """One thread by the member."""
    return make_thread()
