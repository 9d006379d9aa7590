"""Reads of the privacy area: everything held about one member, and the page of facts."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import config as login_config
from limits import parse_many
from sqlalchemy import or_, select

from ..accounts.models import AffiliationChange, User, UserSession
from ..accounts.profiles import PREFERENCE_COOKIE_AGE
from ..addresses import KEY_DAYS
from ..debate.models import Credit, Position, PositionChange, SummaryRevision, Vote
from ..extensions import db
from ..following.models import (
    FollowSettings,
    Notification,
    NotificationPreference,
    ThreadFollow,
    ThreadRead,
)
from ..following.queries import HIDDEN_TAGS_COOKIE
from ..following.views import COOKIE_AGE as HIDDEN_TAGS_AGE
from ..i18n import LANGUAGE_COOKIE
from ..moderation.models import Appeal, ModerationAction, Report
from ..tags.models import Tag, TagFollow
from ..threads.models import Reply, Revision, SourceMark, Thread
from ..web import THEME_COOKIE

# A deleted member's name stays reserved this long, so nobody can take it and pass as them.
NAME_HOLD = timedelta(days=90)


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _rows(model, *where, order=None) -> list:
    query = select(model).where(*where)
    return list(db.session.scalars(query.order_by(*(order or model.__table__.primary_key))))


def _revisions(column, item_id: int) -> list[dict]:
    """Earlier versions of one thread or reply, oldest first (redacted ones without text)."""
    return [
        {
            "title": revision.title,
            "body": "" if revision.is_redacted else revision.body_source,
            "created_at": _when(revision.created_at),
            "redacted": revision.is_redacted,
        }
        for revision in _rows(Revision, column == item_id, order=[Revision.id])
    ]


def _profile(user: User) -> dict:
    history = _rows(AffiliationChange, AffiliationChange.user_id == user.id)
    return {
        "username": user.username,
        "email": user.email,
        "role": user.role,
        "bio": user.bio,
        "affiliation": user.affiliation,
        "organisation": user.organisation,
        "language": user.locale,
        "created_at": _when(user.created_at),
        "trusted": user.trusted,
        # Whether it is on, never its secret or recovery codes.
        "two_factor": bool(user.totp_secret),
        "suspended_until": _when(user.suspended_until),
        "banned_at": _when(user.banned_at),
        "sanction_reason": user.sanction_reason,
        "affiliation_history": [
            {
                "affiliation": change.affiliation,
                "organisation": change.organisation,
                "created_at": _when(change.created_at),
            }
            for change in history
        ],
    }


def _threads(user: User) -> list[dict]:
    return [
        {
            "id": thread.id,
            "kind": thread.kind,
            "title": thread.title,
            "body": thread.body_source,
            "tags": [tag.slug for tag in thread.tags],
            "created_at": _when(thread.created_at),
            "edited_at": _when(thread.edited_at),
            "hidden_at": _when(thread.hidden_at),
            "revisions": _revisions(Revision.thread_id, thread.id),
        }
        for thread in _rows(Thread, Thread.author_id == user.id)
    ]


def _replies(user: User) -> list[dict]:
    return [
        {
            "id": reply.id,
            "thread_id": reply.thread_id,
            "parent_id": reply.parent_id,
            "stance": reply.stance,
            "side": reply.side,
            "body": reply.body_source,
            "sources": reply.source_list,
            "created_at": _when(reply.created_at),
            "edited_at": _when(reply.edited_at),
            "deleted_at": _when(reply.deleted_at),
            "hidden_at": _when(reply.hidden_at),
            "revisions": _revisions(Revision.post_id, reply.id),
        }
        for reply in _rows(Reply, Reply.author_id == user.id)
    ]


def _debate(user: User) -> dict:
    mine = Position.user_id == user.id
    return {
        "positions": [
            {
                "thread_id": position.thread_id,
                "side": position.side,
                "first_side": position.before_side,
                "updated_at": _when(position.updated_at),
            }
            for position in _rows(Position, mine)
        ],
        "position_history": [
            {
                "thread_id": change.thread_id,
                "previous_side": change.previous_side,
                "side": change.side,
                "created_at": _when(change.created_at),
            }
            for change in _rows(PositionChange, PositionChange.user_id == user.id)
        ],
        "votes": [
            {"reply_id": vote.post_id, "created_at": _when(vote.created_at)}
            for vote in _rows(Vote, Vote.user_id == user.id)
        ],
        "credits": [
            {"reply_id": credit.post_id, "created_at": _when(credit.created_at)}
            for credit in _rows(Credit, Credit.user_id == user.id)
        ],
        "needs_source_marks": [
            {"reply_id": mark.post_id, "created_at": _when(mark.created_at)}
            for mark in _rows(SourceMark, SourceMark.user_id == user.id)
        ],
        "summary_versions": [
            {
                "thread_id": revision.thread_id,
                "body": revision.body_source,
                "created_at": _when(revision.created_at),
            }
            for revision in _rows(SummaryRevision, SummaryRevision.editor_id == user.id)
        ],
    }


def _moderation(user: User) -> dict:
    return {
        "reports_filed": [
            {
                "thread_id": report.thread_id,
                "reply_id": report.post_id,
                "reason": report.reason,
                "note": report.note,
                "created_at": _when(report.created_at),
                "resolved_at": _when(report.resolved_at),
                "resolution": report.resolution,
            }
            for report in _rows(Report, Report.reporter_id == user.id)
        ],
        "appeals": [
            {
                "action_id": appeal.action_id,
                "text": appeal.text,
                "created_at": _when(appeal.created_at),
                "outcome": appeal.outcome,
            }
            for appeal in _rows(Appeal, Appeal.appellant_id == user.id)
        ],
        # The public log's lines about the member or by them (a moderator's own actions).
        "moderation_log": [
            {
                "action": action.action,
                "by_you": action.moderator_id == user.id,
                "thread_id": action.thread_id,
                "reply_id": action.post_id,
                "reason": action.reason,
                "created_at": _when(action.created_at),
            }
            for action in _rows(
                ModerationAction,
                or_(
                    ModerationAction.target_user_id == user.id,
                    ModerationAction.moderator_id == user.id,
                ),
            )
        ],
    }


def _following(user: User) -> dict:
    settings = db.session.get(FollowSettings, user.id)
    tag_follows = db.session.execute(
        select(Tag.slug, TagFollow.level, TagFollow.created_at)
        .join(Tag, Tag.id == TagFollow.tag_id)
        .where(TagFollow.user_id == user.id)
        .order_by(Tag.slug)
    )
    return {
        "settings": {
            "watch_own": settings.watch_own if settings else None,
            "daily_digest": settings.daily_digest if settings else None,
        },
        "notification_preferences": {
            row.kind: row.delivery
            for row in _rows(NotificationPreference, NotificationPreference.user_id == user.id)
        },
        "thread_follows": [
            {"thread_id": row.thread_id, "level": row.level, "created_at": _when(row.created_at)}
            for row in _rows(ThreadFollow, ThreadFollow.user_id == user.id)
        ],
        "tag_follows": [
            {"tag": slug, "level": level, "created_at": _when(created_at)}
            for slug, level, created_at in tag_follows
        ],
        "read_marks": [
            {
                "thread_id": row.thread_id,
                "last_read_reply_id": row.last_read_post_id,
                "read_at": _when(row.read_at),
            }
            for row in _rows(ThreadRead, ThreadRead.user_id == user.id)
        ],
        # Who caused a notification is left out: that is the other member's activity.
        "notifications": [
            {
                "kind": row.kind,
                "thread_id": row.thread_id,
                "reply_id": row.post_id,
                "count": row.count,
                "created_at": _when(row.created_at),
                "read_at": _when(row.read_at),
                "emailed_at": _when(row.emailed_at),
            }
            for row in _rows(Notification, Notification.user_id == user.id)
        ],
    }


def _sessions(user: User) -> list[dict]:
    """Where the member is signed in: when, last use and browser family, never a token."""
    return [
        {
            "started_at": _when(record.created_at),
            "last_used_at": _when(record.last_seen_at),
            "browser": record.browser,
            "kept_logged_in": record.remember,
        }
        for record in _rows(UserSession, UserSession.user_id == user.id)
    ]


def member_export(user: User) -> dict:
    """Everything the forum holds about one member, as plain data for a JSON download."""
    return {
        "format": "counterpoint-export-1",
        "profile": _profile(user),
        "threads": _threads(user),
        "replies": _replies(user),
        "sessions": _sessions(user),
        **_debate(user),
        **_moderation(user),
        **_following(user),
    }


def _days(seconds: float) -> int:
    return round(seconds / 86_400)


PERIODS = {
    "second": _l("a second"),
    "minute": _l("a minute"),
    "hour": _l("an hour"),
    "day": _l("a day"),
    "month": _l("a month"),
    "year": _l("a year"),
}
# The request limits the page lists, by their setting, in the order shown.
LIMITS = {
    "RATELIMIT_REGISTER": _l("New accounts from one address"),
    "RATELIMIT_LOGIN_FAILURES_PER_CLIENT": _l("Failed logins from one address"),
    "RATELIMIT_RESET_PER_CLIENT": _l("Password reset mails asked from one address"),
    "RATELIMIT_RESET_PER_ACCOUNT": _l("Password reset mails to one account"),
    "RATELIMIT_POSTING": _l("Threads, replies and edits by one member"),
    "RATELIMIT_PREVIEW": _l("Previews by one member"),
    "RATELIMIT_REPORTING": _l("Reports by one member"),
    "RATELIMIT_VOTING": _l("Votes, credits and positions by one member"),
}


def limit_in_words(setting: str) -> str:
    """A limit such as "10 per minute;120 per hour" in the reader's language ("10 a minute")."""
    return ", ".join(
        f"{item.amount} {PERIODS[item.GRANULARITY.name]}"
        if item.multiples == 1
        else f"{item.amount} / {item.multiples} {item.GRANULARITY.name}"
        for item in parse_many(setting)
    )


def privacy_facts() -> dict:
    """The numbers the privacy page states, read from the running configuration."""
    config = current_app.config
    remember = config.get("REMEMBER_COOKIE_DURATION", login_config.COOKIE_DURATION)
    if not isinstance(remember, timedelta):
        remember = timedelta(seconds=remember)
    # Server-side sessions, when configured, end sooner than the cookie would.
    if config.get("REMEMBER_DAYS"):
        remember = min(remember, timedelta(days=config["REMEMBER_DAYS"]))
    return {
        "session_cookie": config["SESSION_COOKIE_NAME"],
        "remember_cookie": config.get("REMEMBER_COOKIE_NAME", login_config.COOKIE_NAME),
        "remember_days": _days(remember.total_seconds()),
        "session_idle_minutes": config.get("SESSION_IDLE_MINUTES"),
        "session_max_hours": config.get("SESSION_MAX_HOURS"),
        "theme_cookie": THEME_COOKIE,
        "language_cookie": LANGUAGE_COOKIE,
        "preference_days": _days(PREFERENCE_COOKIE_AGE),
        "hidden_tags_cookie": HIDDEN_TAGS_COOKIE,
        "hidden_tags_days": _days(HIDDEN_TAGS_AGE),
        "reset_minutes": config["PASSWORD_RESET_MAX_AGE"] // 60,
        "name_hold_days": NAME_HOLD.days,
        "new_member_hours": config["NEW_MEMBER_HOURS"],
        "new_member_replies": config["NEW_MEMBER_REPLIES"],
        "new_member_links": config["NEW_MEMBER_LINKS"],
        "new_member_replies_per_hour": config["NEW_MEMBER_REPLIES_PER_HOUR"],
        "max_upload_kib": config["MAX_CONTENT_LENGTH"] // 1024,
        "address_key_days": KEY_DAYS,
        "login_failures_allowed": config["LOGIN_FAILURES_ALLOWED"],
        "limits_enabled": config["RATELIMIT_ENABLED"],
        "limits": [(label, limit_in_words(config[name])) for name, label in LIMITS.items()],
    }


def names_to_free(now: datetime) -> list[User]:
    """Deleted accounts whose name has been held long enough to be given back."""
    return _rows(User, User.name_held_until.is_not(None), User.name_held_until <= now)
