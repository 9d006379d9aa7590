"""Tags, which threads carry them, and who follows them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from ..database import UTCDateTime, one_of, utcnow
from ..extensions import db

# How closely a reader follows a tag or a thread: watching notifies on everything new,
# following fills their feed, muted hides; "normal" is stored as no row at all.
FOLLOW_LEVELS = ("watching", "following", "normal", "muted")

thread_tags = Table(
    "thread_tags",
    db.metadata,
    Column("thread_id", ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(db.Model):
    """A topic that threads are filed under and readers can follow."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(String(300), default="")


class TagFollow(db.Model):
    """A reader's follow level for a tag: watching, following (their feed) or muted."""

    __tablename__ = "tag_follows"
    __table_args__ = (CheckConstraint(one_of("level", FOLLOW_LEVELS), name="level"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    level: Mapped[str] = mapped_column(String(10), default="following", server_default="following")


class TagAlias(db.Model):
    """A slug a tag used to have (renamed or merged away): its old address redirects here."""

    __tablename__ = "tag_aliases"

    slug: Mapped[str] = mapped_column(String(40), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), index=True)
