"""Shared view helpers: forms with their status, JSON or HTML, safe redirects, listings, guards."""

import hashlib
import re
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, current_app, render_template, request, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from werkzeug.security import safe_join

from .errors import ActionError, BadInput, NotAllowed
from .extensions import db, login_manager
from .fields import MAX_BODY
from .markup import safe_html
from .pagination import BadCursor

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


CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
SHIPPED_TYPES = {".css": "text/css", ".js": "text/javascript"}


def compact_css(text: str) -> str:
    """The stylesheet without comments, indentation or blank lines (rules unchanged)."""
    lines = (line.strip() for line in CSS_COMMENT.sub("", text).splitlines())
    return "\n".join(line for line in lines if line)


def compact_js(text: str) -> str:
    """A module without whole-line comments, indentation or blank lines.

    Line breaks stay, so automatic semicolons work as written; comments that share a line
    with code are kept, which keeps this safe for strings and regular expressions.
    """
    kept, in_comment = [], False
    for line in (raw.strip() for raw in text.splitlines()):
        if in_comment or line.startswith("/*"):
            in_comment = "*/" not in line
        elif line and not line.startswith("//"):
            kept.append(line)
    return "\n".join(kept)


@cache
def shipped_text(folder: str, filename: str, version: str) -> bytes:
    """A stylesheet or script as shipped, made once per release (the version is the key)."""
    source = (Path(folder) / filename).read_text(encoding="utf-8")
    compact = compact_css if filename.endswith(".css") else compact_js
    return compact(source).encode()


def serve_asset(version: str, filename: str):
    """Serve a versioned static file, cached for a year when the version is current.

    Stylesheets and scripts go out without comments and indentation, so the source can
    explain itself without costing readers bytes. A page from before a deploy may still ask
    for an old version: it gets today's file, uncached, rather than a broken page.
    """
    folder = current_app.static_folder
    current = version == static_digest(folder)
    max_age = current_app.config["ASSET_MAX_AGE"] if current else 0
    suffix = Path(filename).suffix
    path = safe_join(folder, filename)
    if suffix not in SHIPPED_TYPES or path is None or not Path(path).is_file():
        return send_from_directory(folder, filename, max_age=max_age)
    response = current_app.response_class(
        shipped_text(folder, filename, static_digest(folder)), mimetype=SHIPPED_TYPES[suffix]
    )
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    response.set_etag(f"{static_digest(folder)}-{filename}")
    return response.make_conditional(request)


def wants_json() -> bool:
    """True for the small scripts that ask for JSON instead of a page."""
    return request.accept_mimetypes.best == "application/json"


def safe_next(target: str | None, fallback: str) -> str:
    """Follow a ?next= only to a path on this site, never to another host.

    Any control character (a CR or LF would split the Location header) means the fallback.
    """
    if target and any(ord(character) < 32 or ord(character) == 127 for character in target):
        return fallback
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and "\\" not in target:
            return target
    return fallback


def show_action_error(form, error: ActionError) -> None:
    """Attach an action's refusal to the form field it concerns."""
    field = getattr(form, error.field, None)
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def render_form(template: str, form, **context):
    """Render a page with a form: 400 when the form (or a sibling form) has errors."""
    forms = [form, *(value for value in context.values() if hasattr(value, "form_errors"))]
    failed = any(each.errors or each.form_errors for each in forms)
    return render_template(template, form=form, **context), 400 if failed else 200


def listing_page(template: str, fetch: Callable, **context):
    """Render a keyset-paged listing, reading the cursor from ?after=.

    `fetch(cursor, limit)` returns a KeysetPage; a cursor we did not make is a clear 400.
    """
    cursor = request.args.get("after", "") or None
    try:
        page = fetch(cursor, current_app.config["THREADS_PER_PAGE"])
    except BadCursor:
        raise BadInput(_("That page link is not valid. Start again from the first page.")) from None
    return render_template(template, page=page, **context)


def requires(model, predicate: str, *, param: str | None = None, message: str | None = None):
    """Guard a view: load `model` by its id from the URL, then check `model.predicate(user)`.

    Visitors are sent to log in (a POST keeps its text on a 401 page); members who fail the
    predicate get one 403. The view receives the loaded object, named after the model.
    """
    name = model.__name__.lower()
    param = param or f"{name}_id"

    def decorator(view):
        @wraps(view)
        def guarded(**kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            item = db.get_or_404(model, kwargs.pop(param))
            if not getattr(item, predicate)(current_user):
                raise NotAllowed(message)
            return view(**{name: item}, **kwargs)

        return guarded

    return decorator


def current_theme() -> str:
    """The theme the reader picked, remembered in a cookie; 'auto' follows the system."""
    theme = request.cookies.get(THEME_COOKIE, "auto")
    return theme if theme in THEMES else "auto"


def bdi(text) -> Markup:
    """A member's name or title isolated from the text around it (`{{ name|bdi }}`), so
    right-to-left letters in it cannot reorder the sentence it sits in."""
    return Markup("<bdi>%s</bdi>") % text


def register(app: Flask) -> None:
    """Make the helpers available in every template and serve versioned assets."""
    app.add_url_rule("/assets/<version>/<path:filename>", "asset", serve_asset)
    app.jinja_env.globals.update(
        asset_url=asset_url, current_theme=current_theme, max_body=MAX_BODY
    )
    app.jinja_env.filters.update(html=safe_html, bdi=bdi)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
