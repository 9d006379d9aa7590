"""Keyset pagination: pages that stay stable while new rows arrive, addressed by ?after=."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Select, and_, or_

from .extensions import db

CURSOR_PATTERN = re.compile(r"([0-9]{1,20})\.([0-9]{1,18})")


class BadCursor(ValueError):
    """A page cursor that was not made by this forum."""


@dataclass
class KeysetPage:
    """One page of rows plus the cursor of the next page, if any."""

    items: list
    next_cursor: str | None


def encode_cursor(moment: datetime, row_id: int) -> str:
    """A cursor pointing just after the row with this time and id."""
    micros = int(moment.timestamp() * 1_000_000)
    return f"{micros}.{row_id}"


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """Parse a cursor back into (time, id); BadCursor if it is not one of ours."""
    match = CURSOR_PATTERN.fullmatch(cursor)
    if not match:
        raise BadCursor(cursor)
    try:
        moment = datetime.fromtimestamp(int(match[1]) / 1_000_000, UTC)
    except (OverflowError, OSError, ValueError) as error:
        raise BadCursor(cursor) from error
    return moment, int(match[2])


def keyset_page(query: Select, time_column, id_column, cursor: str | None, limit: int):
    """Run a query newest first, one page after `cursor`, ties broken by id."""
    query = query.order_by(time_column.desc(), id_column.desc()).limit(limit + 1)
    if cursor:
        moment, row_id = decode_cursor(cursor)
        query = query.where(
            or_(time_column < moment, and_(time_column == moment, id_column < row_id))
        )
    rows = list(db.session.scalars(query).unique())
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor(getattr(last, time_column.key), getattr(last, id_column.key))
    return KeysetPage(rows[:limit], next_cursor)
