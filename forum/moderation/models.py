"""The public moderation log, members' reports and their appeals."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..database import UTCDateTime, one_of, utcnow
from ..extensions import db
from ..threads.models import Reply, Thread

# Every kind of moderator or system action the log records, with its name in the log.
ACTION_LABELS = {
    "lock": _l("Locked"),
    "unlock": _l("Unlocked"),
    "pin": _l("Pinned"),
    "unpin": _l("Unpinned"),
    "hide": _l("Hid"),
    "restore": _l("Restored"),
    "redact": _l("Redacted a version"),
    "retitle": _l("Retitled"),
    "retag": _l("Retagged"),
    "split": _l("Split"),
    "slow_mode": _l("Slow mode on"),
    "slow_mode_off": _l("Slow mode off"),
    "cooling": _l("Automatic cooling"),
    "suspend": _l("Suspended"),
    "ban": _l("Banned"),
    "lift": _l("Lifted a suspension or ban"),
    "trust": _l("Marked trusted"),
    "untrust": _l("Removed trusted mark"),
    "role": _l("Changed role"),
    "dismiss": _l("Dismissed reports"),
    "appeal_granted": _l("Granted an appeal"),
    "appeal_denied": _l("Denied an appeal"),
    "tag_create": _l("Created a tag"),
    "tag_edit": _l("Edited a tag"),
    "tag_merge": _l("Merged tags"),
}
ACTIONS = tuple(ACTION_LABELS)
# Actions a member may appeal: they take away their content or their voice.
APPEALABLE = ("hide", "suspend", "ban")

REPORT_REASONS = ("spam", "harassment", "off-topic", "misinformation", "other")
REPORT_REASON_LABELS = {
    "spam": _l("Spam"),
    "harassment": _l("Harassment"),
    "off-topic": _l("Off-topic"),
    "misinformation": _l("Misinformation"),
    "other": _l("Other"),
}
RESOLUTIONS = ("dismissed", "acted")
OUTCOMES = ("granted", "denied")


class ModerationAction(db.Model):
    """One line of the public log: who did what to which item or member, when and why."""

    __tablename__ = "moderation_actions"
    __table_args__ = (
        Index("ix_moderation_actions_time", "created_at", "id"),
        CheckConstraint(one_of("action", ACTIONS), name="action"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # None for the forum's own automatic actions (cooling).
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(20), index=True)
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("threads.id"), index=True)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"), index=True)
    target_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    reason: Mapped[str] = mapped_column(String(500), default="")
    # What changed, in a few words: "until 9 Dec 2026", "old title: …", "member → moderator".
    detail: Mapped[str] = mapped_column(String(300), default="")
    # The moderator had taken part in the thread (wrote it, replied, or holds a position).
    participant: Mapped[bool] = mapped_column(Boolean, default=False)

    moderator: Mapped[User | None] = relationship(foreign_keys=[moderator_id])
    target_user: Mapped[User | None] = relationship(foreign_keys=[target_user_id])
    thread: Mapped[Thread | None] = relationship()
    reply: Mapped[Reply | None] = relationship()

    @property
    def label(self) -> str:
        """The action in words."""
        return str(ACTION_LABELS[self.action])

    @property
    def is_system(self) -> bool:
        """Taken by the forum itself, not by a person."""
        return self.moderator_id is None


class Report(db.Model):
    """A member asking moderators to look at a thread or a reply."""

    __tablename__ = "reports"
    __table_args__ = (
        CheckConstraint(one_of("reason", REPORT_REASONS), name="reason"),
        CheckConstraint(
            f"resolution IS NULL OR {one_of('resolution', RESOLUTIONS)}", name="resolution"
        ),
        # One open report per member per item; a resolved one can be followed by a new one.
        Index(
            "uq_reports_open",
            "reporter_id",
            "item_key",
            unique=True,
            sqlite_where=text("resolved_at IS NULL"),
            postgresql_where=text("resolved_at IS NULL"),
        ),
        Index("ix_reports_open_items", "resolved_at", "item_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"), index=True)
    # None when the thread itself is reported.
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"), index=True)
    # "t<id>" or "p<id>": one value per item, so the open-report rule is one unique index.
    item_key: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution: Mapped[str | None] = mapped_column(String(12))
    resolution_reason: Mapped[str] = mapped_column(String(500), default="")
    resolver_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action_id: Mapped[int | None] = mapped_column(ForeignKey("moderation_actions.id"))

    reporter: Mapped[User] = relationship(foreign_keys=[reporter_id])
    thread: Mapped[Thread] = relationship()
    reply: Mapped[Reply | None] = relationship()
    action: Mapped[ModerationAction | None] = relationship()

    @property
    def reason_label(self) -> str:
        """The reason in words."""
        return str(REPORT_REASON_LABELS[self.reason])


class Appeal(db.Model):
    """A member asking another moderator to reconsider one action taken against them."""

    __tablename__ = "appeals"
    __table_args__ = (
        CheckConstraint(f"outcome IS NULL OR {one_of('outcome', OUTCOMES)}", name="outcome"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # One appeal per action.
    action_id: Mapped[int] = mapped_column(ForeignKey("moderation_actions.id"), unique=True)
    appellant_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    text: Mapped[str] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decider_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    outcome: Mapped[str | None] = mapped_column(String(10))
    decision_reason: Mapped[str] = mapped_column(String(500), default="")

    action: Mapped[ModerationAction] = relationship()
    appellant: Mapped[User] = relationship(foreign_keys=[appellant_id])
    decider: Mapped[User | None] = relationship(foreign_keys=[decider_id])

    def can_decide(self, user) -> bool:
        """Another moderator or an admin decides, never the one who acted."""
        return (
            self.decided_at is None
            and user.is_authenticated
            and user.is_staff
            and user.id != self.action.moderator_id
        )
