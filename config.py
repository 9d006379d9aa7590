"""Configuration classes, chosen by FORUM_ENV and filled from the environment."""

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"


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

    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'forum.db'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    WTF_CSRF_TIME_LIMIT = None  # a token lives as long as the session; a long draft stays postable
    # Versioned asset URLs (/assets/<digest>/...) are cached for a year; plain /static/ is not.
    ASSET_MAX_AGE = 31_536_000
    MAX_CONTENT_LENGTH = 512 * 1024
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587") or 587)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "1") == "1"
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "Counterpoint <no-reply@counterpoint.invalid>")
    MAIL_OUTBOX = os.environ.get("MAIL_OUTBOX", str(INSTANCE_DIR / "outbox"))
    # Links in mail are built from this, never from the request's Host header.
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000")
    PASSWORD_RESET_MAX_AGE = 3600
    THREADS_PER_PAGE = 30
    TESTING = False


class DevelopmentConfig(Config):
    """Local development: the embedded SQLite database and the file outbox."""

    DEBUG = False

    @classmethod
    def check(cls) -> None:
        """Without SECRET_KEY, use a random key kept in the instance folder."""
        if not cls.SECRET_KEY:
            cls.SECRET_KEY = instance_secret_key()


class TestingConfig(Config):
    """Test runs: a database chosen by the test suite, no CSRF time limit surprises."""

    TESTING = True
    PUBLIC_URL = "http://localhost"
    SECRET_KEY = "testing-secret-key"  # noqa: S105 - test runs only
    SQLALCHEMY_DATABASE_URI = os.environ.get("FORUM_TEST_DATABASE_URL", "sqlite://")


class ProductionConfig(Config):
    """Production: refuses the development secret and marks cookies Secure."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True

    @classmethod
    def check(cls) -> None:
        """Refuse to start with a missing or development secret key."""
        key = os.environ.get("SECRET_KEY", "")
        if len(key) < 32:
            raise RuntimeError(
                "FORUM_ENV=production needs SECRET_KEY set to a random value of 32+ characters"
            )
        public_url = os.environ.get("PUBLIC_URL", "")
        if not public_url.startswith("https://"):
            raise RuntimeError("FORUM_ENV=production needs PUBLIC_URL, e.g. https://forum.example")
        cls.SECRET_KEY = key
        cls.PUBLIC_URL = public_url


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
