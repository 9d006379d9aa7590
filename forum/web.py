"""Template helpers: cache-busted asset URLs, the reader's theme and friendly times."""

import hashlib
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from flask import Flask, current_app, request, url_for

from .markup import safe_html

THEMES = ("auto", "light", "dark")
THEME_COOKIE = "theme"


@cache
def _file_digest(path: str) -> str:
    """Hash a static file once per process; the hash names its version."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def asset_url(filename: str) -> str:
    """URL of a static file with a content hash, so it can be cached for a year."""
    path = Path(current_app.static_folder) / filename
    return url_for("static", filename=filename, v=_file_digest(str(path)))


def current_theme() -> str:
    """The theme the reader picked, remembered in a cookie; 'auto' follows the system."""
    theme = request.cookies.get(THEME_COOKIE, "auto")
    return theme if theme in THEMES else "auto"


def relative_time(moment: datetime, now: datetime | None = None) -> str:
    """Describe a moment as a person would: 'just now', '3 hours ago', '12 Mar 2024'."""
    now = now or datetime.now(UTC)
    seconds = int((now - moment).total_seconds())
    if seconds < 45:
        return "just now"
    for size, unit in ((86_400 * 30, None), (86_400, "day"), (3_600, "hour"), (60, "minute")):
        if seconds >= size:
            if unit is None:
                return moment.strftime("%-d %b %Y")
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'} ago"
    return "just now"


def exact_time(moment: datetime) -> str:
    """A full, unambiguous timestamp for tooltips."""
    return moment.strftime("%-d %B %Y, %H:%M UTC")


def register(app: Flask) -> None:
    """Make the helpers available in every template."""
    app.jinja_env.globals.update(asset_url=asset_url, current_theme=current_theme)
    app.jinja_env.filters.update(relative_time=relative_time, exact_time=exact_time, html=safe_html)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
