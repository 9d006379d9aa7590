"""A real forum served on 127.0.0.1 for the browser tests, screenshots and benchmarks."""

import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from werkzeug.serving import make_server

from config import TestingConfig
from forum import create_app
from forum.extensions import db

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def chromium_available() -> bool:
    """Whether the system Chromium the browser tests drive is installed."""
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


def launch_options() -> dict:
    """How Playwright starts the system Chromium (it never downloads a browser)."""
    return {"executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@contextmanager
def live_forum(folder: Path, database_url: str = "", seed: bool = True):
    """Serve a freshly seeded forum on a free loopback port; yields (base_url, app, passwords)."""

    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = database_url or f"sqlite:///{folder / 'forum.db'}"
        MAIL_OUTBOX = str(folder / "outbox")
        MAIL_SERVER = ""

    app = create_app(Config)
    passwords: dict[str, str] = {}
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        db.create_all()
        if seed:
            from forum.seed import seed_forum

            passwords = seed_forum()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", app, passwords
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            if db.engine.dialect.name == "postgresql":
                db.drop_all()
            db.engine.dispose()
