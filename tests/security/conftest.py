"""Apps with request limits on, built like the suite's usual app but with settings of a test's."""

import pytest
from flask import g

from forum import create_app
from forum.extensions import db
from tests.conftest import make_config, reset_database


@pytest.fixture
def app_with(tmp_path):
    """Build an app with extra settings; its database is fresh and dropped afterwards."""
    contexts = []

    def build(**settings):
        config = type("Config", (make_config(tmp_path),), settings)
        app = create_app(config)

        @app.before_request
        def forget_previous_request():
            for name in list(vars(g)):
                delattr(g, name)

        context = app.app_context()
        context.push()
        contexts.append(context)
        reset_database()
        return app

    yield build
    for context in reversed(contexts):
        db.session.remove()
        if db.engine.dialect.name == "postgresql":
            db.drop_all()
        db.engine.dispose()
        context.pop()


@pytest.fixture
def limited_app(app_with):
    """An app whose request limits are on, in memory, and small enough to reach in a test."""
    return app_with(
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="memory://",
        RATELIMIT_REGISTER="2 per hour",
        RATELIMIT_LOGIN_FAILURES_PER_CLIENT="3 per minute",
        RATELIMIT_RESET_PER_CLIENT="3 per hour",
        RATELIMIT_RESET_PER_ACCOUNT="2 per hour",
        RATELIMIT_POSTING="2 per minute",
        RATELIMIT_PREVIEW="2 per minute",
        RATELIMIT_REPORTING="1 per minute",
        RATELIMIT_VOTING="2 per minute",
    )
