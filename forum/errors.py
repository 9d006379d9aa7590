"""Styled error pages for every status a reader can meet."""

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError

from .extensions import db

TITLES = {
    400: ("Bad request", "The request could not be understood. Nothing was changed."),
    403: ("Not allowed", "You do not have permission to do that."),
    404: (
        "Not found",
        "There is nothing at this address. It may have been moved or never existed.",
    ),
    405: ("Method not allowed", "That address does not accept this kind of request."),
    413: ("Too large", "What you sent is larger than the forum accepts."),
    429: ("Slow down", "Too many requests. Please wait a moment and try again."),
    500: ("Something went wrong", "An error on our side stopped this page. It has been logged."),
}


class BadInput(BadRequest):
    """A 400 whose description is written for the reader and shown on the page."""


def render_error(code: int, detail: str | None = None):
    """Render the styled page for an HTTP error code."""
    title, message = TITLES.get(code, ("Error", "Something went wrong."))
    return render_template(
        "errors/error.html", code=code, title=title, message=detail or message
    ), code


def register(app: Flask) -> None:
    """Route HTTP errors, CSRF failures and crashes to the styled page."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(
            400, "Your form expired or was sent from elsewhere. Reload the page and try again."
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        description = error.description if isinstance(error, BadInput) else None
        return render_error(error.code, description)

    @app.errorhandler(InternalServerError)
    def server_error(error):
        db.session.rollback()  # so the error page itself can still load the reader
        app.logger.error("Server error on %s %s", request.method, request.path)
        return render_error(500)
