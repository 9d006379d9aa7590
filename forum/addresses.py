"""Client addresses, never stored: a keyed hash whose random key changes every UTC day.

Throttles and the security log need to tell one client from another for a while, not to
know who it is. Each day gets a fresh random key, kept in the database so every worker
agrees on it, and keys older than KEY_DAYS are deleted, after which nobody (the operators
included) can link a digest back to an address.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta

from flask import g, has_request_context, request
from sqlalchemy import String, delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db

KEY_DAYS = 7
_keys_by_day: dict[str, bytes] = {}


class AddressKey(db.Model):
    """The random key that hashes client addresses on one UTC day."""

    __tablename__ = "address_keys"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    key: Mapped[str] = mapped_column(String(64))


def day_key(day: str) -> bytes:
    """The key for a UTC day ("2026-12-02"), created on first use by whichever worker is first."""
    if day in _keys_by_day:
        return _keys_by_day[day]
    table = AddressKey.__table__
    # A connection of its own: the request's transaction is never committed or rolled back here.
    with db.engine.begin() as connection:
        key = connection.scalar(select(table.c.key).where(table.c.day == day))
    if key is None:
        try:
            with db.engine.begin() as connection:
                oldest_kept = (datetime.now(UTC) - timedelta(days=KEY_DAYS)).date().isoformat()
                connection.execute(delete(table).where(table.c.day < oldest_kept))
                key = secrets.token_hex(32)
                connection.execute(insert(table).values(day=day, key=key))
        except IntegrityError:  # another worker created today's key first
            with db.engine.begin() as connection:
                key = connection.scalar(select(table.c.key).where(table.c.day == day))
    _keys_by_day.clear()  # yesterday's key is no longer needed in memory
    _keys_by_day[day] = bytes.fromhex(key)
    return _keys_by_day[day]


def address_digest(address: str) -> str:
    """Today's keyed hash of a client address: stable for a day, meaningless after a week."""
    key = day_key(datetime.now(UTC).date().isoformat())
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def client_digest() -> str:
    """The keyed hash of the current request's client address ("" outside a request)."""
    if not has_request_context():
        return ""
    if "client_digest" not in g:
        g.client_digest = address_digest(request.remote_addr or "unknown")
    return g.client_digest
