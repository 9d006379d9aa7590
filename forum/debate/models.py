"""Positions and how they changed, convincing votes, credits, source marks and summaries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..database import MarkdownBody, UTCDateTime, one_of, utcnow
from ..extensions import db

SIDES = ("for", "against", "undecided")


class Vote(db.Model):
    """One member finding one reply convincing."""

    __tablename__ = "votes"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Position(db.Model):
    """Where one member stands on a motion now, and where they stood first (their before)."""

    __tablename__ = "positions"
    __table_args__ = (
        CheckConstraint(one_of("side", SIDES), name="side"),
        CheckConstraint(one_of("before_side", SIDES), name="before_side"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"), primary_key=True, index=True)
    side: Mapped[str] = mapped_column(String(10))
    before_side: Mapped[str] = mapped_column(String(10))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PositionChange(db.Model):
    """One recorded position: the first (no previous side) or a change from one side to another."""

    __tablename__ = "position_changes"
    __table_args__ = (
        Index("ix_position_changes_reader", "thread_id", "user_id", "id"),
        CheckConstraint(one_of("side", SIDES), name="side"),
        CheckConstraint(
            f"previous_side IS NULL OR {one_of('previous_side', SIDES)}", name="previous_side"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"))
    previous_side: Mapped[str | None] = mapped_column(String(10))
    side: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_change(self) -> bool:
        """A real change of mind, not the first position recorded."""
        return self.previous_side is not None and self.previous_side != self.side


class Credit(db.Model):
    """A reader crediting a reply with changing their mind, within one change of position."""

    __tablename__ = "credits"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), primary_key=True, index=True)
    change_id: Mapped[int] = mapped_column(ForeignKey("position_changes.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Summary(MarkdownBody, db.Model):
    """The state of the debate on a motion: strongest points on each side, what is disputed."""

    __tablename__ = "summaries"

    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"), primary_key=True)
    editor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    editor: Mapped[User] = relationship()


class SummaryRevision(db.Model):
    """One saved version of a summary: who wrote it and when."""

    __tablename__ = "summary_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"), index=True)
    editor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body_source: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    editor: Mapped[User] = relationship()
