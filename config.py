"""Configuration classes, chosen by FORUM_ENV; the environment is read when the app is built."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"

FALSE_WORDS = ("", "0", "false", "no", "off")


def switch(text: str) -> bool:
    """An on/off environment value: "false", "0", "no" and "off" mean off."""
    return text.lower() not in FALSE_WORDS


# Environment variables and the settings they fill, each with how to read its text.
ENVIRONMENT = {
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "SECRET_KEY": ("SECRET_KEY", str),
    "PUBLIC_URL": ("PUBLIC_URL", str),
    "MAIL_SERVER": ("MAIL_SERVER", str),
    "MAIL_PORT": ("MAIL_PORT", int),
    "MAIL_USERNAME": ("MAIL_USERNAME", str),
    "MAIL_PASSWORD": ("MAIL_PASSWORD", str),
    "MAIL_USE_TLS": ("MAIL_USE_TLS", lambda text: text == "1"),
    "MAIL_SENDER": ("MAIL_SENDER", str),
    "MAIL_OUTBOX": ("MAIL_OUTBOX", str),
    "REDIS_URL": ("REDIS_URL", str),
    "NEW_MEMBER_HOURS": ("NEW_MEMBER_HOURS", int),
    "NEW_MEMBER_REPLIES": ("NEW_MEMBER_REPLIES", int),
    # Flask-Limiter's own switch and store: "false" turns request limits off (load tests).
    "RATELIMIT_ENABLED": ("RATELIMIT_ENABLED", switch),
    "RATELIMIT_STORAGE_URI": ("RATELIMIT_STORAGE_URI", str),
    "REQUIRE_2FA_FOR_STAFF": (
        "REQUIRE_2FA_FOR_STAFF",
        lambda text: text.lower() not in FALSE_WORDS,
    ),
}


def instance_secret_key() -> str:
    """A random key kept in instance/, so development sessions survive restarts unguessably."""
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        INSTANCE_DIR.mkdir(exist_ok=True)
        # Created private from the start, never briefly readable by others.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()


class Config:
    """Settings shared by every environment, with safe development defaults."""

    SECRET_KEY = ""
    SQLALCHEMY_DATABASE_URI = f"sqlite:///{INSTANCE_DIR / 'forum.db'}"
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    # Sessions live on the server (accounts.sessions): idle and absolute limits, in minutes,
    # hours and days; "keep me logged in" lasts at most REMEMBER_DAYS.
    SESSION_IDLE_MINUTES = 240
    SESSION_MAX_HOURS = 24
    REMEMBER_IDLE_DAYS = 14
    REMEMBER_DAYS = 30
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    # Failed sign-ins an account may have before it waits (a minute, doubling after each).
    LOGIN_FAILURES_ALLOWED = 5
    # Request limits (Flask-Limiter syntax), per member when signed in, else per client.
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = False
    RATELIMIT_LOGIN_FAILURES_PER_CLIENT = "50 per minute"
    RATELIMIT_REGISTER = "30 per hour"
    RATELIMIT_RESET_PER_CLIENT = "10 per hour"
    RATELIMIT_RESET_PER_ACCOUNT = "3 per hour"
    RATELIMIT_POSTING = "10 per minute;120 per hour"
    RATELIMIT_PREVIEW = "30 per minute"
    RATELIMIT_REPORTING = "10 per minute;60 per day"
    RATELIMIT_VOTING = "60 per minute"
    EMAIL_CHANGE_MAX_AGE = 86400
    # Moderators and admins must turn on two-factor sign-in before using the staff tools.
    REQUIRE_2FA_FOR_STAFF = False
    WTF_CSRF_TIME_LIMIT = None  # a token lives as long as the session; a long draft stays postable
    # Versioned asset URLs (/assets/<digest>/...) are cached for a year; plain /static/ is not.
    ASSET_MAX_AGE = 31_536_000
    MAX_CONTENT_LENGTH = 512 * 1024
    MAIL_SERVER = ""
    MAIL_PORT = 587
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    MAIL_USE_TLS = True
    MAIL_SENDER = "Counterpoint <no-reply@counterpoint.invalid>"
    MAIL_OUTBOX = str(INSTANCE_DIR / "outbox")
    # Mail and other jobs go to an RQ queue here (run `flask worker`); empty: sent in-process
    # after the response.
    REDIS_URL = ""
    # Links in mail are built from this, never from the request's Host header.
    PUBLIC_URL = "http://127.0.0.1:5000"
    PASSWORD_RESET_MAX_AGE = 3600
    THREADS_PER_PAGE = 30
    # New members (younger than this many hours, or with fewer replies than this) are limited
    # in links and replies an hour until a moderator marks them trusted; 0 and 0 turn it off.
    NEW_MEMBER_HOURS = 24
    NEW_MEMBER_REPLIES = 3
    NEW_MEMBER_LINKS = 1
    NEW_MEMBER_REPLIES_PER_HOUR = 5
    # Automatic cooling: this many reports on one branch within the window turn on slow mode
    # there (one reply per member every COOLING_INTERVAL_SECONDS) for COOLING_MINUTES.
    COOLING_REPORTS = 3
    COOLING_WINDOW_MINUTES = 30
    COOLING_MINUTES = 60
    COOLING_INTERVAL_SECONDS = 600
    TESTING = False
    READS_ENVIRONMENT = True

    @classmethod
    def settings(cls) -> dict:
        """This class's settings, overlaid with the environment as it is now, then checked."""
        values = {name: getattr(cls, name) for name in dir(cls) if name.isupper()}
        if cls.READS_ENVIRONMENT:
            for variable, (name, parse) in ENVIRONMENT.items():
                text = os.environ.get(variable, "")
                if text:
                    values[name] = parse(text)
        cls.check(values)
        return values

    @classmethod
    def check(cls, values: dict) -> None:
        """Fill in or refuse settings; each environment says what it needs."""


class DevelopmentConfig(Config):
    """Local development: the embedded SQLite database and the file outbox."""

    DEBUG = False

    @classmethod
    def check(cls, values: dict) -> None:
        """Without SECRET_KEY, use a random key kept in the instance folder."""
        if not values["SECRET_KEY"]:
            values["SECRET_KEY"] = instance_secret_key()


class TestingConfig(Config):
    """Test runs: nothing from the developer's shell leaks in; the suite picks the database."""

    TESTING = True
    READS_ENVIRONMENT = False
    PUBLIC_URL = "http://localhost"
    SECRET_KEY = "testing-secret-key"  # noqa: S105 - test runs only
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    # Most tests post freely; the moderation tests turn the new-member limits on, the
    # throttling tests the request limits.
    NEW_MEMBER_HOURS = 0
    NEW_MEMBER_REPLIES = 0
    RATELIMIT_ENABLED = False


class ProductionConfig(Config):
    """Production: refuses a missing or short secret and plain-http links; Secure cookies."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    # __Host- cookies are only accepted over https, for this exact host, on every path.
    SESSION_COOKIE_NAME = "__Host-session"
    REMEMBER_COOKIE_NAME = "__Host-remember"

    @classmethod
    def check(cls, values: dict) -> None:
        """Refuse to start with a missing or development secret key or a non-https address."""
        if len(values["SECRET_KEY"]) < 32:
            raise RuntimeError(
                "FORUM_ENV=production needs SECRET_KEY set to a random value of 32+ characters"
            )
        if not values["PUBLIC_URL"].startswith("https://"):
            raise RuntimeError("FORUM_ENV=production needs PUBLIC_URL, e.g. https://forum.example")


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_from_env() -> type[Config]:
    """Pick the config class named by FORUM_ENV (development by default)."""
    name = os.environ.get("FORUM_ENV", "development")
    if name not in CONFIGS:
        raise RuntimeError(f"FORUM_ENV must be one of {', '.join(CONFIGS)}, not {name!r}")
    return CONFIGS[name]
