"""Moderators act on members: suspend, ban, lift, trust, and (admins) change roles.

Each action and its public log row are one transaction; sanctions end the member's sessions.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from flask_babel import gettext as _

from ..accounts.models import ROLES, User
from ..accounts.sessions import end_all_sessions
from ..database import refusal_rolls_back, utcnow
from ..errors import ActionError
from ..extensions import db
from .actions import log_action
from .models import ModerationAction


def may_sanction(moderator, member: User) -> bool:
    """Moderators act on members; only admins act on moderators and admins; nobody on
    themselves."""
    if member.id == moderator.id:
        return False
    return moderator.is_admin or not member.is_staff


def _check_may_sanction(moderator, member: User) -> None:
    if not may_sanction(moderator, member):
        raise ActionError(
            "reason", _("Only an admin can act on a moderator or an admin, and not on themselves.")
        )


def suspension_end(day: date) -> datetime:
    """A suspension "until 9 December" ends at the start of that day, UTC."""
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


@refusal_rolls_back
def suspend_member(moderator, member: User, until: date, reason: str) -> ModerationAction:
    """Suspend a member until a date: they may read and sign in, not take part."""
    _check_may_sanction(moderator, member)
    ends = suspension_end(until)
    if ends <= utcnow():
        raise ActionError("until", _("Choose a date after today."))
    if ends > utcnow() + timedelta(days=3660):
        raise ActionError("until", _("Choose a date within ten years, or ban instead."))
    member.suspended_until, member.sanction_reason = ends, reason.strip()
    end_all_sessions(member)
    row = log_action(moderator, "suspend", reason, member=member, detail=until.isoformat())
    db.session.commit()
    return row


@refusal_rolls_back
def ban_member(moderator, member: User, reason: str) -> ModerationAction:
    """Ban a member for good: they cannot sign in, and the login page says why."""
    _check_may_sanction(moderator, member)
    if member.banned_at is not None:
        raise ActionError("reason", _("This member is already banned."))
    member.banned_at, member.sanction_reason = utcnow(), reason.strip()
    end_all_sessions(member)
    row = log_action(moderator, "ban", reason, member=member)
    db.session.commit()
    return row


@refusal_rolls_back
def lift_sanction(moderator, member: User, reason: str) -> ModerationAction:
    """End a member's suspension or ban."""
    _check_may_sanction(moderator, member)
    if not member.is_restricted:
        raise ActionError("reason", _("This member is not suspended or banned."))
    row = clear_sanction(moderator, member, reason)
    db.session.commit()
    return row


def clear_sanction(moderator, member: User, reason: str) -> ModerationAction:
    """End a suspension or ban and log it, in the caller's transaction (the caller commits)."""
    member.suspended_until, member.banned_at, member.sanction_reason = None, None, ""
    return log_action(moderator, "lift", reason, member=member)


@refusal_rolls_back
def set_trusted(moderator, member: User, trusted: bool, reason: str) -> ModerationAction:
    """Lift the new-member limits early (or put them back)."""
    if member.trusted == trusted:
        raise ActionError("reason", _("Nothing to change."))
    member.trusted = trusted
    row = log_action(moderator, "trust" if trusted else "untrust", reason, member=member)
    db.session.commit()
    return row


@refusal_rolls_back
def set_role(admin, member: User, role: str, reason: str) -> ModerationAction:
    """Grant or revoke the moderator role (admins only; admins keep their own role)."""
    if role not in ROLES:
        raise ActionError("role", _("Choose member, moderator or admin."))
    if not admin.is_admin:
        raise ActionError("role", _("Only admins change roles."))
    if member.id == admin.id:
        raise ActionError("role", _("You cannot change your own role."))
    return _change_role(admin, member, role, reason)


@refusal_rolls_back
def set_role_from_console(member: User, role: str, reason: str) -> ModerationAction:
    """The server's operator changes a role (`flask users role`); logged as a system action."""
    return _change_role(None, member, role, reason)


def _change_role(changed_by, member: User, role: str, reason: str) -> ModerationAction:
    """Give the member the role and log the change from the old one, in one commit."""
    if member.role == role:
        raise ActionError("role", _("This member already has that role."))
    old = member.role
    member.role = role
    row = log_action(changed_by, "role", reason, member=member, detail=f"{old} → {role}")
    db.session.commit()
    return row
