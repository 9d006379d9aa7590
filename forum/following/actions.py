"""Writes of the following area: levels, read positions, settings, marking notifications read."""

from __future__ import annotations

from sqlalchemy import delete, update

from ..database import commit_unless_raced, utcnow
from ..extensions import db
from ..threads.models import Thread
from .models import (
    KINDS,
    FollowSettings,
    Notification,
    NotificationPreference,
    ThreadFollow,
    ThreadRead,
)


def _set_level(model, key: dict, level: str) -> None:
    """Replace a follow row with one at this level; "normal" is stored as no row."""
    conditions = [getattr(model, name) == value for name, value in key.items()]
    db.session.execute(delete(model).where(*conditions))
    if level != "normal":
        db.session.add(model(**key, level=level))


def set_thread_level(user, thread: Thread, level: str) -> None:
    """Watch, follow, leave normal or mute a thread."""
    _set_level(ThreadFollow, {"user_id": user.id, "thread_id": thread.id}, level)
    commit_unless_raced()


def mark_thread_read(user, thread_id: int, previous: int | None, last_post_id: int) -> None:
    """Remember the highest reply the member was shown: one upsert, none when nothing changed.

    Two tabs opening the thread at once may both insert; the unique key keeps one row and the
    loser's rollback is harmless.
    """
    if previous is not None and previous >= last_post_id:
        return
    if previous is None:
        db.session.add(
            ThreadRead(user_id=user.id, thread_id=thread_id, last_read_post_id=last_post_id)
        )
    else:
        db.session.execute(
            update(ThreadRead)
            .where(
                ThreadRead.user_id == user.id,
                ThreadRead.thread_id == thread_id,
                ThreadRead.last_read_post_id < last_post_id,
            )
            .values(last_read_post_id=last_post_id, read_at=utcnow())
        )
    commit_unless_raced()


def save_settings(user, watch_own: bool, daily_digest: bool, deliveries: dict[str, str]) -> None:
    """Store the member's following settings and per-kind notification delivery."""
    settings = db.session.get(FollowSettings, user.id)
    if settings is None:
        settings = FollowSettings(user_id=user.id)
        db.session.add(settings)
    settings.watch_own, settings.daily_digest = watch_own, daily_digest
    db.session.execute(
        delete(NotificationPreference).where(NotificationPreference.user_id == user.id)
    )
    for kind in KINDS:
        db.session.add(
            NotificationPreference(user_id=user.id, kind=kind, delivery=deliveries.get(kind, "app"))
        )
    commit_unless_raced()


def mark_notification_read(notification: Notification) -> None:
    """Mark one notification read."""
    if notification.read_at is None:
        notification.read_at = utcnow()
    db.session.commit()


def mark_all_read(user) -> None:
    """Mark every notification of the member read."""
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.commit()
