"""Styled error pages for every status a reader can meet."""

import time
from urllib.parse import urlsplit

from flask import Flask, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter import RateLimitExceeded
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import BadRequest, Forbidden, Gone, HTTPException, InternalServerError

from .extensions import db, limiter, login_manager
from .markup import CONTROL_CHARACTERS
from .securitylog import log_event

# Text a person may have typed at length: shown back on an error page so it is never lost.
KEPT_FIELDS = (("title", _l("Title")), ("body", _l("Text")), ("bio", _l("Bio")))

TITLES = {
    400: (_l("Bad request"), _l("The request could not be understood. Nothing was changed.")),
    401: (
        _l("Log in to continue"),
        _l("Your session has ended. Log in again, then send your text."),
    ),
    403: (_l("Not allowed"), _l("You do not have permission to do that.")),
    404: (
        _l("Not found"),
        _l("There is nothing at this address. It may have been moved or never existed."),
    ),
    405: (_l("Method not allowed"), _l("That address does not accept this kind of request.")),
    410: (_l("Removed"), _l("Moderators removed what was here.")),
    413: (_l("Too large"), _l("What you sent is larger than the forum accepts.")),
    429: (_l("Slow down"), _l("Too many requests. Please wait a moment and try again.")),
    500: (
        _l("Something went wrong"),
        _l("An error on our side stopped this page. It has been logged."),
    ),
}


class BadInput(BadRequest):
    """A 400 whose description is written for the reader and shown on the page."""


class NotAllowed(Forbidden):
    """A 403 whose description says the reader why, shown on the page."""


class Removed(Gone):
    """A 410 for content moderators removed, with their public reason on the page."""


class ActionError(Exception):
    """A request the forum refuses, with the form field it concerns and a reader's message.

    `status` is the HTTP answer (400 bad input, 403 not allowed, 429 too soon); a 429 says
    in `retry_after` how many seconds to wait.
    """

    def __init__(self, field: str, message: str, *, status: int = 400, retry_after: int = 0):
        super().__init__(message)
        self.field = field
        self.message = message
        self.status = status
        self.retry_after = retry_after

    @property
    def headers(self) -> dict[str, str]:
        """Response headers for the refusal: Retry-After when the member must wait."""
        return {"Retry-After": str(self.retry_after)} if self.retry_after else {}


def render_error(code: int, detail: str | None = None):
    """Render the styled page for an HTTP error code."""
    title, message = TITLES.get(code, (_l("Error"), _l("Something went wrong.")))
    unsent = unsent_text(code)
    signed_out = not current_user.is_authenticated
    return render_template(
        "errors/error.html",
        code=code,
        title=title,
        message=detail or message,
        unsent=unsent,
        # Signed out with a refused form: signing in leads back to the page it was on.
        login_url=url_for("auth.login", next=return_path())
        if signed_out and (code == 401 or unsent)
        else None,
    ), code


def return_path() -> str | None:
    """The page to come back to after signing in: for a refused form, the page it was on.

    Only a page of this site (the login view also checks `next` again).
    """
    if request.method == "GET":
        return request.full_path if request.query_string else request.path
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc != request.host or not referrer.path.startswith("/"):
        return None
    return referrer.path + (f"?{referrer.query}" if referrer.query else "")


def unsent_text(code: int) -> list[tuple[str, str]]:
    """Longer text a refused POST carried, so the page can hand it back to its author."""
    if request.method != "POST" or code == 413:
        return []
    if request.files:
        return []
    return [
        (label, CONTROL_CHARACTERS.sub("", request.form[name]))
        for name, label in KEPT_FIELDS
        if request.form.get(name, "").strip()
    ]


def login_required_response():
    """Send a reader to log in; a POST (say, a reply after the session ended) keeps its text."""
    if request.method == "POST":
        return render_error(401)
    flash(_("Log in to continue."), "info")
    target = request.full_path if request.query_string else request.path
    return redirect(url_for("auth.login", next=target))


def register(app: Flask) -> None:
    """Route HTTP errors, CSRF failures, logged-out posts and crashes to the styled page."""
    login_manager.unauthorized_handler(login_required_response)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        log_event("csrf_failure", endpoint=request.endpoint)
        return render_error(
            400, _("Your form expired or was sent from elsewhere. Reload the page and try again.")
        )

    @app.errorhandler(RateLimitExceeded)
    def rate_limited(error: RateLimitExceeded):
        log_event("rate_limited", endpoint=request.endpoint, limit=str(error.limit.limit))
        breached = limiter.current_limit
        seconds = max(1, int(breached.reset_at - time.time())) if breached else 60
        page, code = render_error(
            429,
            _(
                "You are doing that too often. Wait %(seconds)d seconds and try again.",
                seconds=seconds,
            ),
        )
        return page, code, {"Retry-After": str(seconds)}

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        if error.code == 403:
            log_event("forbidden", endpoint=request.endpoint)
        description = (
            error.description if isinstance(error, (BadInput, NotAllowed, Removed)) else None
        )
        return render_error(error.code, description)

    @app.errorhandler(InternalServerError)
    def server_error(error):
        db.session.rollback()  # so the error page itself can still load the reader
        app.logger.error("Server error on %s %s", request.method, request.path)
        return render_error(500)
