"""Server-side sessions: a cookie is only good while its record exists and is fresh.

Logging out deletes the record, so a copied cookie stops working; a password change or
reset, "log out everywhere", a suspension or a ban delete several at once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app, request
from sqlalchemy import delete, select

from ..database import utcnow
from ..extensions import db
from .models import User, UserSession

# How often the last-use time is written: often enough to show, rarely enough to cost nothing.
TOUCH_INTERVAL = timedelta(minutes=1)
# Checked in this order: Edge and Opera also say "Chrome", Chrome also says "Safari".
BROWSER_FAMILIES = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
)


def token_hash(token: str) -> str:
    """What the database keeps of a session token: its SHA-256, never the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def browser_family(user_agent: str) -> str:
    """The browser's family name from a User-Agent header, nothing more precise."""
    for marker, family in BROWSER_FAMILIES:
        if marker in user_agent:
            return family
    return "Other"


def session_limits(remember: bool) -> tuple[timedelta, timedelta]:
    """The idle timeout and the absolute lifetime of a session, from the configuration."""
    config = current_app.config
    if remember:
        return timedelta(days=config["REMEMBER_IDLE_DAYS"]), timedelta(days=config["REMEMBER_DAYS"])
    return (
        timedelta(minutes=config["SESSION_IDLE_MINUTES"]),
        timedelta(hours=config["SESSION_MAX_HOURS"]),
    )


def is_expired(record: UserSession, now: datetime) -> bool:
    """Idle too long, or older than its lifetime."""
    idle, lifetime = session_limits(record.remember)
    return now - record.last_seen_at > idle or now - record.created_at > lifetime


def start_session(user: User, remember: bool) -> None:
    """Record a new session for this browser and tie the member object to its token."""
    token = secrets.token_urlsafe(32)
    record = UserSession(
        user_id=user.id,
        token_hash=token_hash(token),
        remember=remember,
        browser=browser_family(request.headers.get("User-Agent", "")),
    )
    db.session.add(record)
    db.session.commit()
    user.attach_session(record, token)


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader: the member behind a cookie, if its session is still valid."""
    user_id, _, token = session_id.partition(":")
    if not (user_id.isascii() and user_id.isdigit()) or len(user_id) > 10 or not token:
        return None
    # No autoflush: a change already made in this request must stay pending, so that the
    # check below sees it and the touch never commits it.
    with db.session.no_autoflush:
        record = db.session.scalar(
            select(UserSession).where(UserSession.token_hash == token_hash(token))
        )
        if record is None or record.user_id != int(user_id):
            return None
        user = db.session.get(User, record.user_id)
    now = utcnow()
    if user is None or not user.is_active or is_expired(record, now):
        return None
    # Written only with no change pending, so the touch never commits half of a request's work.
    pending = db.session.new or db.session.dirty or db.session.deleted
    if now - record.last_seen_at > TOUCH_INTERVAL and not pending:
        record.last_seen_at = now
        db.session.commit()
    user.attach_session(record, token)
    return user


def member_sessions(user: User) -> list[UserSession]:
    """The member's live sessions, most recently used first."""
    now = utcnow()
    records = db.session.scalars(
        select(UserSession)
        .where(UserSession.user_id == user.id)
        .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())
    )
    return [record for record in records if not is_expired(record, now)]


def end_session(user: User) -> None:
    """Delete the record of the member's current session (logging out)."""
    if user.current_session_id is not None:
        db.session.execute(delete(UserSession).where(UserSession.id == user.current_session_id))
        db.session.commit()


def end_all_sessions(user: User, keep_current: bool = False) -> int:
    """Delete the member's sessions (all, or all but this one) without committing; how many."""
    statement = delete(UserSession).where(UserSession.user_id == user.id)
    if keep_current and user.current_session_id is not None:
        statement = statement.where(UserSession.id != user.current_session_id)
    return db.session.execute(statement).rowcount


def end_other_sessions(user: User) -> int:
    """Log the member out everywhere but here; how many sessions ended."""
    ended = end_all_sessions(user, keep_current=True)
    db.session.commit()
    return ended


def end_every_session(user: User) -> int:
    """Log the member out everywhere, here included; how many sessions ended."""
    ended = end_all_sessions(user)
    db.session.commit()
    return ended


def purge_expired_sessions() -> int:
    """Delete sessions past their absolute lifetime (the longest kind); how many."""
    oldest = utcnow() - timedelta(days=current_app.config["REMEMBER_DAYS"])
    ended = db.session.execute(delete(UserSession).where(UserSession.created_at < oldest))
    db.session.commit()
    return ended.rowcount
