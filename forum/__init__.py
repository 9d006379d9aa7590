"""Counterpoint: a debate forum on security versus privacy."""

import sys
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from werkzeug.routing import IntegerConverter

from . import jobs
from .extensions import babel, csrf, db, limiter, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent


class IdConverter(IntegerConverter):
    """A row id in a URL: ASCII digits that fit the database's integer, else a 404."""

    regex = r"[0-9]+"

    def __init__(self, url_map):
        super().__init__(url_map, min=0, max=2**31 - 1)


def create_app(config_class) -> Flask:
    """Build a configured app: the only way the forum is ever constructed."""
    if sys.version_info < (3, 12):  # noqa: UP036 - the guard is the point: refuse 3.11
        raise RuntimeError(
            "Counterpoint needs Python 3.12 or newer: CPython 3.11 corrupts memory when "
            "SQLAlchemy sessions close under load (see docs/python-3.11-crash.md)."
        )
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    # The environment is read here, when the app is built, never when config.py is imported.
    app.config.update(config_class.settings())
    app.url_map.converters["id"] = IdConverter
    Path(app.instance_path).mkdir(exist_ok=True)
    register_extensions(app)
    register_blueprints(app)
    register_template_helpers(app)
    register_errorhandlers(app)
    register_security(app)
    register_commands(app)
    jobs.register(app)
    return app


def register_extensions(app: Flask) -> None:
    """Bind the unbound extensions to this app."""
    from . import addresses, models  # noqa: F401 - every model registered before the engine is used
    from .accounts.sessions import load_user
    from .i18n import select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    babel.init_app(
        app,
        default_locale="en",
        default_translation_directories=str(ROOT / "forum" / "translations"),
        locale_selector=select_locale,
    )
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", configure_sqlite)


def configure_sqlite(dbapi_connection, connection_record) -> None:
    """Turn on WAL, foreign keys and a busy timeout for each of the app's SQLite connections."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def register_blueprints(app: Flask) -> None:
    """Attach one blueprint per area of the forum."""
    from .accounts import profiles
    from .accounts import settings_views as _settings_routes  # noqa: F401 - adds /settings to auth
    from .accounts import views as accounts
    from .debate import views as debate
    from .following import feed_views as feeds
    from .following import mail_views as mail
    from .following import views as following
    from .moderation import admin, public
    from .moderation import tags as _tag_routes  # noqa: F401 - adds /mod/tags to moderation
    from .moderation import views as moderation
    from .privacy import views as privacy
    from .search import views as search
    from .tags import views as tags
    from .threads import views as threads

    areas = (accounts, profiles, threads, tags, debate, public, moderation, admin)
    for module in (*areas, following, feeds, mail, search, privacy):
        app.register_blueprint(module.bp)


def register_template_helpers(app: Flask) -> None:
    """Expose view helpers (asset URLs, theme, time formatting) to templates."""
    from . import i18n, web

    web.register(app)
    i18n.register(app)


def register_errorhandlers(app: Flask) -> None:
    """Serve styled pages for client and server errors."""
    from .errors import register

    register(app)


def register_security(app: Flask) -> None:
    """Send strict security headers on every response."""
    from . import securitylog
    from .security import register

    register(app)
    securitylog.register(app)


def register_commands(app: Flask) -> None:
    """Add the CLI commands: rerender, users and seed."""
    from . import commands, seed
    from .accounts import commands as account_commands
    from .following import commands as following_commands
    from .moderation import commands as moderation_commands
    from .privacy import commands as privacy_commands
    from .search import commands as search_commands

    areas = (account_commands, moderation_commands, following_commands, search_commands)
    areas += (privacy_commands,)
    for module in (commands, *areas, seed):
        module.register(app)
