"""Threads, their replies and the earlier versions kept when either is edited."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..database import MarkdownBody, UTCDateTime, one_of, utcnow
from ..extensions import db
from ..tags.models import Tag, thread_tags

STANCES = ("support", "challenge", "clarify")
# A motion is argued for and against; a discussion is an open question without sides.
KINDS = ("motion", "discussion")
ARGUMENT_SIDES = ("for", "against")


def argument_side(stance: str | None, parent_side: str | None, top_level: bool) -> str | None:
    """The side on the motion a reply argues: supporting keeps its parent's side, challenging
    takes the other one, and clarifying (or no stance) takes none."""
    if stance not in ("support", "challenge"):
        return None
    if top_level:
        return "for" if stance == "support" else "against"
    if parent_side is None:
        return None
    if stance == "support":
        return parent_side
    return "against" if parent_side == "for" else "for"


def is_signed_in(user) -> bool:
    """True for a member with a session, False for a visitor or no one."""
    return bool(user and user.is_authenticated)


def takes_part(user) -> bool:
    """A signed-in member who is not suspended or banned: may post, edit, vote and report."""
    return is_signed_in(user) and not user.is_restricted


def is_staff(user) -> bool:
    """A signed-in moderator or admin."""
    return is_signed_in(user) and user.is_staff


class Moderated:
    """What moderators can do to a thread or a reply: hide it, with a reason shown publicly."""

    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_reason: Mapped[str] = mapped_column(String(500), default="", server_default="")

    @property
    def is_hidden(self) -> bool:
        """Hidden by moderators: readers see the reason in its place."""
        return self.hidden_at is not None

    def can_see_text(self, user) -> bool:
        """Everyone sees live content; hidden content only its author and the moderators."""
        if not self.is_hidden:
            return True
        return is_staff(user) or (is_signed_in(user) and user.id == self.author_id)

    def can_see_history(self, user) -> bool:
        """Earlier versions are for the author and the moderators; others see "edited"."""
        return is_staff(user) or (is_signed_in(user) and user.id == self.author_id)


class Thread(Moderated, MarkdownBody, db.Model):
    """A motion to debate: a title, an opening post, tags and a tree of replies."""

    __tablename__ = "threads"
    __table_args__ = (
        Index("ix_threads_activity", "last_activity_at", "id"),
        CheckConstraint(one_of("kind", KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(80))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reply_count: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(12), default="motion", server_default="motion")
    # Set when the first reader takes a side: from then on the motion's wording is fixed.
    first_position_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Moderation: a lock stops new replies, a pin lifts the thread above its listings, and
    # slow mode sets a minimum interval between one member's replies; each with its reason.
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lock_reason: Mapped[str] = mapped_column(String(500), default="", server_default="")
    pinned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    slow_mode_seconds: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    slow_mode_reason: Mapped[str] = mapped_column(String(500), default="", server_default="")
    slow_mode_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The thread a side discussion was split from, linked from the new thread.
    split_from_id: Mapped[int | None] = mapped_column(ForeignKey("threads.id"))
    # The single-use key of the form that made it: a repeated send finds this thread instead
    # of making a second one.
    submission_key: Mapped[str | None] = mapped_column(String(43), unique=True)
    # Set when the author deleted the thread: its text is gone and cannot be edited back.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    slow_mode_by: Mapped[User | None] = relationship(foreign_keys=[slow_mode_by_id])
    tags: Mapped[list[Tag]] = relationship(secondary=thread_tags, order_by=Tag.slug)

    def can_edit(self, user) -> bool:
        """Only the author may edit a thread's title, body and tags, not while hidden or deleted."""
        return (
            takes_part(user)
            and user.id == self.author_id
            and not self.is_hidden
            and self.deleted_at is None
        )

    @property
    def is_locked(self) -> bool:
        """Locked by moderators: votes and positions go on, replies do not."""
        return self.locked_at is not None

    @property
    def is_pinned(self) -> bool:
        """Shown in the "Pinned" block above its listings' first page."""
        return self.pinned_at is not None

    def can_reply(self, user) -> bool:
        """Members may reply unless the thread is locked or hidden."""
        return takes_part(user) and not self.is_locked and not self.is_hidden

    @property
    def is_motion(self) -> bool:
        """Motions have positions, sides and an argument map; discussions do not."""
        return self.kind == "motion"

    def can_summarize(self, user) -> bool:
        """The author and the forum's moderators keep a motion's summary up to date."""
        if not (takes_part(user) and self.is_motion):
            return False
        return user.id == self.author_id or user.role in ("moderator", "admin")

    @property
    def title_locked(self) -> bool:
        """Once readers have taken sides, rewording the motion would change what they chose."""
        return self.is_motion and self.first_position_at is not None

    @property
    def tag_text(self) -> str:
        """Tags as the space-separated text the edit form expects."""
        return " ".join(tag.slug for tag in self.tags)


class Reply(Moderated, MarkdownBody, db.Model):
    """A reply, nested under the thread (depth 1) or under another reply of it."""

    __tablename__ = "posts"
    __table_args__ = (
        CheckConstraint(f"stance IS NULL OR {one_of('stance', STANCES)}", name="stance"),
        CheckConstraint(f"side IS NULL OR {one_of('side', ARGUMENT_SIDES)}", name="side"),
        CheckConstraint("depth >= 1", name="depth"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    depth: Mapped[int] = mapped_column(Integer)
    stance: Mapped[str | None] = mapped_column(String(10))
    # The side on the motion this reply argues, worked out once when it is written.
    side: Mapped[str | None] = mapped_column(String(8))
    vote_count: Mapped[int] = mapped_column(Integer, default=0)
    credit_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    needs_source_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Up to five http(s) links, one per line; shown under the reply, never fetched.
    sources: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Automatic cooling: after a burst of reports, slow mode on this reply's subtree alone.
    cooling_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cooling_seconds: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Set on the note left where a split-off subtree used to be: the thread it moved to.
    moved_to_id: Mapped[int | None] = mapped_column(ForeignKey("threads.id"))
    # The single-use key of the form that made it (see Thread.submission_key).
    submission_key: Mapped[str | None] = mapped_column(String(43), unique=True)

    author: Mapped[User] = relationship()
    thread: Mapped[Thread] = relationship(foreign_keys=[thread_id])
    moved_to: Mapped[Thread | None] = relationship(foreign_keys=[moved_to_id])

    @property
    def is_deleted(self) -> bool:
        """A deleted reply stays as a placeholder so its children keep their place."""
        return self.deleted_at is not None

    @property
    def source_list(self) -> list[str]:
        """The reply's source links, in the order given."""
        return [line for line in self.sources.splitlines() if line]

    @property
    def is_live(self) -> bool:
        """Neither deleted, nor hidden, nor the note a split left behind."""
        return not (self.is_deleted or self.is_hidden or self.moved_to_id)

    @property
    def author_name(self) -> str:
        """The name to show for the reply: nobody's once it is deleted or hidden."""
        return "[deleted]" if self.is_deleted or self.is_hidden else self.author.display_name

    def can_edit(self, user) -> bool:
        """Only the author may edit or delete a reply, and not once it is deleted or hidden."""
        return takes_part(user) and user.id == self.author_id and self.is_live

    def can_vote(self, user) -> bool:
        """Members find others' live replies convincing, never their own, nor in a thread
        moderators removed."""
        if not (takes_part(user) and user.id != self.author_id and self.is_live):
            return False
        return not self.thread.is_hidden

    @property
    def is_cooling(self) -> bool:
        """Automatic slow mode is on for this reply's subtree."""
        return self.cooling_until is not None and self.cooling_until > utcnow()


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
    # Who made the change when it was not the author (a moderator retitling or retagging).
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # A moderator can redact a version that exposed personal data; the reason stays.
    redacted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    redaction_reason: Mapped[str] = mapped_column(String(500), default="", server_default="")

    editor: Mapped[User | None] = relationship()

    @property
    def is_redacted(self) -> bool:
        """Its text was removed by a moderator."""
        return self.redacted_at is not None


class SourceMark(db.Model):
    """A reader marking a reply as asserting a fact that needs a source."""

    __tablename__ = "source_marks"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
