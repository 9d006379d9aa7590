"""Security headers: a strict same-origin Content Security Policy and friends."""

from flask import Flask, Response, g, request
from flask_babel import gettext as _

from .errors import BadInput
from .markup import CONTROL_CHARACTERS

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def screen_request() -> None:
    """Refuse uploads and control characters before any view sees the request."""
    if request.files:
        raise BadInput(_("The forum does not accept file uploads."))
    values = [request.path, *request.args.values(), *request.form.values()]
    if any(CONTROL_CHARACTERS.search(value) for value in values):
        raise BadInput(
            _(
                "The text you sent contains control characters (such as NUL), "
                "which the forum does not store. Remove them and try again."
            )
        )


def keeps_private_content() -> bool:
    """A signed-in member's page, or any page with a form (its CSRF token is per session).

    Neither may be stored by a browser or proxy cache, where the next user could read it.
    """
    if "csrf_token" in g:
        return True
    user = g.get("_login_user")  # only when this request loaded one: no query for assets
    return bool(user is not None and user.is_authenticated)


def register(app: Flask) -> None:
    """Screen every request for unstorable text and add the headers to every response."""
    app.before_request(screen_request)

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        if keeps_private_content():
            response.headers["Cache-Control"] = "no-store"
        return response
