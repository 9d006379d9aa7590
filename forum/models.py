"""Database models: typed SQLAlchemy 2.0 mappings plus small permission predicates."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from flask_login import UserMixin
from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .extensions import db

ROLES = ("member", "moderator", "admin")
STANCES = ("support", "challenge")
SIDES = ("for", "against")


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime (called per row, never at import)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Stores naive UTC on every backend and always hands back aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


thread_tags = Table(
    "thread_tags",
    db.metadata,
    Column("thread_id", ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class User(UserMixin, db.Model):
    """A person with an account; the role decides what they may moderate."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('member', 'moderator', 'admin')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(30))
    # Lower-cased copy so uniqueness and look-ups ignore case on every backend.
    username_key: Mapped[str] = mapped_column(String(30), unique=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="member")
    bio: Mapped[str] = mapped_column(Text, default="")
    affiliation: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def password_fingerprint(self) -> str:
        """Changes whenever the password does: reset links and sessions are bound to it."""
        return hashlib.sha256(self.password_hash.encode()).hexdigest()[:20]

    def get_id(self) -> str:
        """Session identity; a changed password ends every other session and remember cookie."""
        return f"{self.id}:{self.password_fingerprint}"

    @property
    def is_moderator(self) -> bool:
        """Moderators and admins may curate discussions."""
        return self.role in ("moderator", "admin")

    @property
    def role_label(self) -> str:
        """The badge text shown next to staff names, empty for members."""
        return {"moderator": "Moderator", "admin": "Admin"}.get(self.role, "")


class Tag(db.Model):
    """A topic that threads are filed under and readers can follow."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(String(300), default="")


class Thread(db.Model):
    """A motion to debate: a title, an opening post, tags and a tree of replies."""

    __tablename__ = "threads"
    __table_args__ = (Index("ix_threads_activity", "last_activity_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(80))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    render_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reply_count: Mapped[int] = mapped_column(Integer, default=0)

    author: Mapped[User] = relationship()
    tags: Mapped[list[Tag]] = relationship(secondary=thread_tags, order_by=Tag.slug)

    def can_edit(self, user) -> bool:
        """Only the author may edit a thread's title, body and tags."""
        return bool(user and user.is_authenticated and user.id == self.author_id)

    @property
    def tag_text(self) -> str:
        """Tags as the space-separated text the edit form expects."""
        return " ".join(tag.slug for tag in self.tags)


class Post(db.Model):
    """A reply, nested under the thread (depth 1) or under another reply of it."""

    __tablename__ = "posts"
    __table_args__ = (
        CheckConstraint("stance IS NULL OR stance IN ('support', 'challenge')", name="stance"),
        CheckConstraint("depth >= 1", name="depth"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    depth: Mapped[int] = mapped_column(Integer)
    stance: Mapped[str | None] = mapped_column(String(10))
    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    render_version: Mapped[int] = mapped_column(Integer)
    vote_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    author: Mapped[User] = relationship()
    thread: Mapped[Thread] = relationship()

    @property
    def is_deleted(self) -> bool:
        """A deleted reply stays as a placeholder so its children keep their place."""
        return self.deleted_at is not None

    @property
    def author_name(self) -> str:
        """The name to show for the reply: nobody's once it is deleted."""
        return "[deleted]" if self.is_deleted else self.author.username

    def can_edit(self, user) -> bool:
        """Only the author may edit or delete a reply, and not once it is deleted."""
        return bool(
            user and user.is_authenticated and user.id == self.author_id and not self.is_deleted
        )

    def can_vote(self, user) -> bool:
        """Members vote for others' live replies, never their own."""
        return bool(
            user and user.is_authenticated and user.id != self.author_id and not self.is_deleted
        )


class Revision(db.Model):
    """An earlier version of a thread or a reply, kept when its author edits it."""

    __tablename__ = "revisions"
    __table_args__ = (
        CheckConstraint("(thread_id IS NULL) <> (post_id IS NULL)", name="one_target"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("threads.id"), index=True)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"), index=True)
    title: Mapped[str | None] = mapped_column(String(200))
    tag_text: Mapped[str | None] = mapped_column(String(300))
    body_source: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Vote(db.Model):
    """One member finding one reply convincing."""

    __tablename__ = "votes"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Position(db.Model):
    """Where one member stands on a thread's motion: for or against."""

    __tablename__ = "positions"
    __table_args__ = (CheckConstraint("side IN ('for', 'against')", name="side"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"), primary_key=True, index=True)
    side: Mapped[str] = mapped_column(String(10))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TagFollow(db.Model):
    """A reader following a tag, for their feed."""

    __tablename__ = "tag_follows"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
