"""The security log: one JSON line per event, with nothing in it that identifies a client.

Each line has the UTC time, the event, the member's id (or null), the request's id and a
keyed hash of the client's address. Never a password, token, email address or cookie:
callers pass only the fields below, and member text is JSON-escaped, so a newline in it
cannot start a forged line.
"""

from __future__ import annotations

import json
import logging
import secrets
from datetime import UTC, datetime

from flask import Flask, Response, g, has_request_context
from flask_login import current_user
from sqlalchemy import event as sqlalchemy_event

from .addresses import client_digest
from .extensions import db

logger = logging.getLogger("forum.security")

# Lines written with log_event_on_commit wait here, in the session, until its commit.
PENDING = "security_log_pending"

EVENTS = frozenset(
    {
        "login_success",
        "login_failure",
        "login_throttled",
        "logout",
        "logout_everywhere",
        "sessions_ended",
        "password_change",
        "password_reset_request",
        "password_reset",
        "email_change_request",
        "email_change",
        "csrf_failure",
        "forbidden",
        "rate_limited",
        "role_change",
        "moderator_action",
        "account_deleted",
        "two_factor_enabled",
        "two_factor_disabled",
        "recovery_codes_replaced",
    }
)


def request_id() -> str:
    """An id for the current request, shared by its log lines and its X-Request-Id header."""
    if not has_request_context():
        return ""
    if "request_id" not in g:
        g.request_id = secrets.token_hex(8)
    return g.request_id


def _signed_in_id() -> int | None:
    if not has_request_context() or not current_user or not current_user.is_authenticated:
        return None
    return current_user.id


def _entry(event: str, user_id: int | None, details: dict) -> str:
    if event not in EVENTS:
        raise ValueError(f"unknown security event {event!r}")
    entry = {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "event": event,
        "user_id": user_id if user_id is not None else _signed_in_id(),
        "request_id": request_id(),
        "client": client_digest(),
        **details,
    }
    # ensure_ascii also escapes bidi and other invisible characters a reader could be fooled by.
    return json.dumps(entry, ensure_ascii=True, sort_keys=True)


def log_event(event: str, user_id: int | None = None, **details: str | int | None) -> None:
    """Write one security event; `user_id` defaults to the signed-in member."""
    logger.info(_entry(event, user_id, details))


def log_event_on_commit(
    event: str, user_id: int | None = None, **details: str | int | None
) -> None:
    """Write one security event when the current transaction commits, and none if it rolls
    back, so the log never records a change that did not happen."""
    db.session.info.setdefault(PENDING, []).append(_entry(event, user_id, details))


def _write_pending(session) -> None:
    for line in session.info.pop(PENDING, []):
        logger.info(line)


def _drop_pending(session) -> None:
    session.info.pop(PENDING, None)


def register(app: Flask) -> None:
    """Send the security log to standard error (unless configured) and tag each response."""
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    # One listener pair for the shared session, however many apps a process creates.
    if not sqlalchemy_event.contains(db.session, "after_commit", _write_pending):
        sqlalchemy_event.listen(db.session, "after_commit", _write_pending)
        sqlalchemy_event.listen(db.session, "after_rollback", _drop_pending)

    @app.after_request
    def add_request_id(response: Response) -> Response:
        if "request_id" in g:
            response.headers["X-Request-Id"] = g.request_id
        return response
