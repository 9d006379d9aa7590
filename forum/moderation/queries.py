"""Moderation reads: the queue, the public log, members' reports and appeals."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..extensions import db
from ..pagination import KeysetPage, keyset_page
from ..threads.models import Reply, Revision, Thread
from .models import APPEALABLE, Appeal, ModerationAction, Report


@dataclass
class ReportGroup:
    """The open reports on one item, for the queue."""

    key: str
    thread: Thread
    reply: Reply | None
    parent: Reply | None
    reports: list[Report] = field(default_factory=list)


def report_queue() -> list[ReportGroup]:
    """Open reports grouped by item, most-reported first, then the oldest report first."""
    reports = db.session.scalars(
        select(Report)
        .options(
            joinedload(Report.reporter),
            joinedload(Report.thread).joinedload(Thread.author),
            joinedload(Report.reply).joinedload(Reply.author),
        )
        .where(Report.resolved_at.is_(None))
        .order_by(Report.created_at, Report.id)
    )
    groups: dict[str, ReportGroup] = {}
    for report in reports:
        if report.item_key not in groups:
            groups[report.item_key] = ReportGroup(
                report.item_key, report.thread, report.reply, None
            )
        groups[report.item_key].reports.append(report)
    parent_ids = {group.reply.parent_id for group in groups.values() if group.reply}
    parents = {
        reply.id: reply
        for reply in db.session.scalars(
            select(Reply).options(joinedload(Reply.author)).where(Reply.id.in_(parent_ids))
        )
    }
    for group in groups.values():
        if group.reply is not None:
            group.parent = parents.get(group.reply.parent_id)
    return sorted(groups.values(), key=lambda group: -len(group.reports))


def open_report_count() -> int:
    """How many items wait in the queue."""
    return db.session.scalar(
        select(db.func.count(db.distinct(Report.item_key))).where(Report.resolved_at.is_(None))
    )


def reports_by(user: User) -> list[Report]:
    """A member's own reports and their outcomes, newest first."""
    return list(
        db.session.scalars(
            select(Report)
            .options(joinedload(Report.thread), joinedload(Report.reply))
            .where(Report.reporter_id == user.id)
            .order_by(Report.created_at.desc(), Report.id.desc())
            .limit(200)
        )
    )


@dataclass
class LogFilter:
    """What the public log is narrowed to: an action, a moderator's name, a day."""

    action: str = ""
    moderator: str = ""
    day: date | None = None

    @property
    def args(self) -> dict:
        """The filter as query-string arguments, for the next page's link."""
        values = {
            "action": self.action,
            "moderator": self.moderator,
            "date": self.day.isoformat() if self.day else "",
        }
        return {name: value for name, value in values.items() if value}


def log_statement(chosen: LogFilter) -> Select:
    """The log's rows under a filter, with the people and items each names."""
    query = select(ModerationAction).options(
        joinedload(ModerationAction.moderator),
        joinedload(ModerationAction.target_user),
        joinedload(ModerationAction.thread),
        joinedload(ModerationAction.reply),
    )
    if chosen.action:
        query = query.where(ModerationAction.action == chosen.action)
    if chosen.moderator:
        moderator = select(User.id).where(User.username_key == chosen.moderator.lower())
        query = query.where(ModerationAction.moderator_id.in_(moderator))
    if chosen.day:
        start = datetime.combine(chosen.day, time(0, 0), tzinfo=UTC)
        query = query.where(
            ModerationAction.created_at >= start,
            ModerationAction.created_at < start + timedelta(days=1),
        )
    return query


def moderation_log(chosen: LogFilter, cursor: str | None, limit: int) -> KeysetPage:
    """One keyset page of the public log, newest first."""
    return keyset_page(
        log_statement(chosen), ModerationAction.created_at, ModerationAction.id, cursor, limit
    )


def latest_actions(limit: int = 50) -> list[ModerationAction]:
    """The newest log rows, for the Atom feed."""
    return moderation_log(LogFilter(), None, limit).items


def moderators() -> list[User]:
    """Everyone who has acted, for the log's filter."""
    acted = select(ModerationAction.moderator_id).distinct()
    return list(db.session.scalars(select(User).where(User.id.in_(acted)).order_by(User.username)))


def actions_on_member(member: User) -> list[ModerationAction]:
    """What moderators did to a member or their writing, newest first."""
    return list(
        db.session.scalars(
            log_statement(LogFilter())
            .where(ModerationAction.target_user_id == member.id)
            .order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())
            .limit(100)
        )
    )


def appealable_actions(member: User) -> list[ModerationAction]:
    """Actions against the member that they have not appealed yet."""
    appealed = set(db.session.scalars(select(Appeal.action_id)))
    return [
        action
        for action in actions_on_member(member)
        if action.action in APPEALABLE and action.id not in appealed
    ]


def appeals_by(member: User) -> list[Appeal]:
    """A member's appeals and their outcomes, newest first."""
    return list(
        db.session.scalars(
            select(Appeal)
            .options(joinedload(Appeal.action))
            .where(Appeal.appellant_id == member.id)
            .order_by(Appeal.created_at.desc())
        )
    )


def open_appeals() -> list[Appeal]:
    """Appeals waiting for a decision, oldest first."""
    return list(
        db.session.scalars(
            select(Appeal)
            .options(joinedload(Appeal.action), joinedload(Appeal.appellant))
            .where(Appeal.decided_at.is_(None))
            .order_by(Appeal.created_at)
        )
    )


def revision_or_404(revision_id: int) -> Revision:
    """One earlier version, or a 404."""
    return db.get_or_404(Revision, revision_id)


def action_or_none(action_id: int) -> ModerationAction | None:
    """One log row by id."""
    return db.session.get(ModerationAction, action_id)


def staff_and_members(limit: int = 500) -> list[User]:
    """Accounts for the admin page: staff first, then members by name."""
    return list(
        db.session.scalars(
            select(User).order_by((User.role == "member").asc(), User.username_key).limit(limit)
        )
    )
