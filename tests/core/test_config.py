"""Configuration is read when the app is built, and nothing leaks between apps or engines."""

from sqlalchemy import create_engine, text

from config import DevelopmentConfig, TestingConfig
from forum import create_app


def test_testing_config_ignores_the_developers_shell(monkeypatch):
    monkeypatch.setenv("MAIL_SERVER", "smtp.leaked.example")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@leaked.example/db")
    app = create_app(TestingConfig)
    assert app.config["MAIL_SERVER"] == ""
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite://"


def test_environment_is_read_when_the_app_is_built(monkeypatch, tmp_path):
    database = f"sqlite:///{tmp_path / 'late.db'}"
    monkeypatch.setenv("DATABASE_URL", database)
    monkeypatch.setenv("MAIL_SERVER", "smtp.example.org")
    monkeypatch.setenv("MAIL_PORT", "2525")
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    app = create_app(DevelopmentConfig)
    assert app.config["SQLALCHEMY_DATABASE_URI"] == database
    assert app.config["MAIL_SERVER"] == "smtp.example.org"
    assert app.config["MAIL_PORT"] == 2525
    monkeypatch.setenv("MAIL_SERVER", "smtp.changed.example")
    assert create_app(DevelopmentConfig).config["MAIL_SERVER"] == "smtp.changed.example"


def test_sqlite_pragmas_stay_on_the_apps_own_engine(app, tmp_path):
    other = create_engine(f"sqlite:///{tmp_path / 'other.db'}")
    with other.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 0
        assert connection.execute(text("PRAGMA journal_mode")).scalar() != "wal"
    other.dispose()
