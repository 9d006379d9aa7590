"""Failed sign-ins, counted per account in the database so every worker sees the same count.

After LOGIN_FAILURES_ALLOWED failures an account waits a minute, and each further failure
doubles the wait (up to an hour). A name nobody has is counted exactly like a real one, so
the answers say nothing about which accounts exist. A successful reset clears the count:
nobody can lock an owner out for good.
"""

from __future__ import annotations

import hashlib
import math
from datetime import timedelta

from flask import current_app
from flask_babel import ngettext
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from ..database import utcnow
from ..errors import ActionError
from ..extensions import db
from .models import LoginThrottle, User

# Failures forgotten after this long without another.
QUIET_RESET = timedelta(hours=1)
MAX_WAIT = timedelta(hours=1)


def throttle_key(login: str, user: User | None) -> str:
    """The counter's key: the account when it exists (whatever name reached it), else the name."""
    text = f"user:{user.id}" if user is not None else f"name:{login.strip().lower()}"
    return hashlib.sha256(text.encode()).hexdigest()


def wait_after(failures: int) -> timedelta:
    """How long an account waits after this many consecutive failures (none below the limit)."""
    allowed = current_app.config["LOGIN_FAILURES_ALLOWED"]
    if failures < allowed:
        return timedelta(0)
    return min(timedelta(minutes=1) * 2 ** min(failures - allowed, 10), MAX_WAIT)


def refuse_if_throttled(key: str, field: str = "password") -> None:
    """Raise a 429 refusal while this account must wait; the password is not even checked."""
    row = db.session.get(LoginThrottle, key)
    now = utcnow()
    if row is None or row.blocked_until is None or row.blocked_until <= now:
        return
    seconds = math.ceil((row.blocked_until - now).total_seconds())
    minutes = math.ceil(seconds / 60)
    raise ActionError(
        field,
        ngettext(
            "Too many failed attempts for this account. Wait %(num)d minute and try again, "
            "or reset your password.",
            "Too many failed attempts for this account. Wait %(num)d minutes and try again, "
            "or reset your password.",
            minutes,
        ),
        status=429,
        retry_after=seconds,
    )


def record_failure(key: str) -> None:
    """Count one more failure for the account and start its wait when the limit is reached."""
    for _attempt in range(2):
        now = utcnow()
        row = db.session.get(LoginThrottle, key, with_for_update=True)
        if row is None:
            row = LoginThrottle(key=key, failures=0, last_failure_at=now)
            db.session.add(row)
        elif now - row.last_failure_at > QUIET_RESET:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        wait = wait_after(row.failures)
        row.blocked_until = now + wait if wait else None
        try:
            db.session.commit()
            return
        except IntegrityError:  # another worker counted this account's first failure
            db.session.rollback()


def clear_failures(key: str) -> None:
    """Forget an account's failures (after a successful sign-in or reset), without committing."""
    db.session.execute(delete(LoginThrottle).where(LoginThrottle.key == key))
