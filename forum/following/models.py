"""Models of the following area: follow levels, read positions, settings and notifications."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..database import UTCDateTime, one_of, utcnow
from ..extensions import db
from ..moderation.models import ModerationAction
from ..tags.models import FOLLOW_LEVELS
from ..threads.models import Reply, Thread

# Watching notifies on everything new, following fills the feed, muted hides.
LEVELS = FOLLOW_LEVELS
FEED_LEVELS = ("watching", "following")
KINDS = ("reply", "mention", "new_thread", "watched_reply", "report", "moderation")
# Kinds that batch: several replies in one thread while unread become one notification.
BATCHED_KINDS = ("reply", "watched_reply")
DELIVERIES = ("app", "email", "off")


class ThreadFollow(db.Model):
    """A member's follow level for one thread (no row: normal)."""

    __tablename__ = "thread_follows"
    __table_args__ = (CheckConstraint(one_of("level", LEVELS), name="level"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    level: Mapped[str] = mapped_column(String(10), default="following")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ThreadRead(db.Model):
    """How far a member has read a thread: the highest reply id they were shown."""

    __tablename__ = "thread_reads"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    last_read_post_id: Mapped[int] = mapped_column(Integer, default=0)
    read_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FollowSettings(db.Model):
    """A member's following settings (no row: the defaults)."""

    __tablename__ = "follow_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    # Starting or replying to a thread watches it.
    watch_own: Mapped[bool] = mapped_column(Boolean, default=True)
    # Mail notifications gathered into one message a day instead of one each.
    daily_digest: Mapped[bool] = mapped_column(Boolean, default=False)


class NotificationPreference(db.Model):
    """How a member wants one kind of notification: in the forum, by mail too, or not at all."""

    __tablename__ = "notification_preferences"
    __table_args__ = (
        CheckConstraint(one_of("kind", KINDS), name="kind"),
        CheckConstraint(one_of("delivery", DELIVERIES), name="delivery"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    delivery: Mapped[str] = mapped_column(String(8), default="app")


class Notification(db.Model):
    """Something a member should know about, shown in the forum (and mailed, if they asked)."""

    __tablename__ = "notifications"
    __table_args__ = (
        CheckConstraint(one_of("kind", KINDS), name="kind"),
        Index("ix_notifications_user_unread", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The moderation log row behind a "report" or "moderation" notification.
    action_id: Mapped[int | None] = mapped_column(ForeignKey("moderation_actions.id"))
    # How many replies a batched notification stands for.
    count: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # For the mail side: when it was mailed, and the day's digest it belongs to.
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    digest_day: Mapped[date | None] = mapped_column(Date)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    thread: Mapped[Thread | None] = relationship()
    reply: Mapped[Reply | None] = relationship()
    action: Mapped[ModerationAction | None] = relationship()

    @property
    def is_unread(self) -> bool:
        """Not yet marked as read."""
        return self.read_at is None
