"""Template helpers: cache-busted asset URLs, the reader's theme and friendly times."""

import hashlib
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from flask import Flask, current_app, request, send_from_directory, url_for

from .markup import safe_html

THEMES = ("auto", "light", "dark")
THEME_COOKIE = "theme"


@cache
def static_digest(folder: str) -> str:
    """One hash over every static file, computed once per process: it names this release.

    Scripts import each other by relative URL, so the version lives in the path,
    where those relative imports inherit it, rather than in a query string.
    """
    digest = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def asset_url(filename: str) -> str:
    """URL of a static file under the release's digest, so it can be cached for a year."""
    version = static_digest(current_app.static_folder)
    return url_for("asset", version=version, filename=filename)


def serve_asset(version: str, filename: str):
    """Serve a versioned static file, cached for a year when the version is current.

    A page from before a deploy may still ask for an old version: it gets today's file,
    uncached, rather than a broken page.
    """
    current = version == static_digest(current_app.static_folder)
    max_age = current_app.config["ASSET_MAX_AGE"] if current else 0
    return send_from_directory(current_app.static_folder, filename, max_age=max_age)


def wants_json() -> bool:
    """True for the small scripts that ask for JSON instead of a page."""
    return request.accept_mimetypes.best == "application/json"


def show_action_error(form, error) -> None:
    """Attach an action's refusal (an ActionError) to the form field it concerns."""
    field = getattr(form, error.field, None)
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


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
    """Make the helpers available in every template and serve versioned assets."""
    app.add_url_rule("/assets/<version>/<path:filename>", "asset", serve_asset)
    app.jinja_env.globals.update(asset_url=asset_url, current_theme=current_theme)
    app.jinja_env.filters.update(relative_time=relative_time, exact_time=exact_time, html=safe_html)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
