"""The account model and its roles."""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..database import UTCDateTime, one_of, utcnow
from ..extensions import db

ROLES = ("member", "moderator", "admin")
ROLE_LABELS = {"moderator": _l("Moderator"), "admin": _l("Admin")}
ROLE_NAMES = {"member": _l("Member"), "moderator": _l("Moderator"), "admin": _l("Admin")}
ROLE_TITLES = {"moderator": _l("Forum moderator"), "admin": _l("Forum administrator")}
# Who a member speaks for, declared on their profile and shown beside their name.
AFFILIATIONS = (
    "not_stated",
    "industry",
    "government",
    "civil_society",
    "academia",
    "press",
    "individual",
)
AFFILIATION_LABELS = {
    "not_stated": _l("Not stated"),
    "industry": _l("Vendor or industry"),
    "government": _l("Government or law enforcement"),
    "civil_society": _l("Civil society or NGO"),
    "academia": _l("Academia"),
    "press": _l("Press"),
    "individual": _l("Private individual"),
}
MAX_ORGANISATION = 80
DELETED_NAME = _l("deleted member")


def affiliation_text(affiliation: str, organisation: str) -> str:
    """The kind's label and the organisation, e.g. "Academia · University of X"."""
    label = str(AFFILIATION_LABELS[affiliation]) if affiliation != "not_stated" else ""
    return " · ".join(part for part in (label, organisation) if part)


class User(UserMixin, db.Model):
    """A person with an account; the role decides what they may moderate."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(one_of("role", ROLES), name="role"),
        CheckConstraint(one_of("affiliation", AFFILIATIONS), name="affiliation"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(30))
    # Lower-cased copy so uniqueness and look-ups ignore case on every backend.
    username_key: Mapped[str] = mapped_column(String(30), unique=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="member")
    bio: Mapped[str] = mapped_column(Text, default="")
    # The kind of affiliation (one of AFFILIATIONS) and the organisation named, if any.
    affiliation: Mapped[str] = mapped_column(
        String(20), default="not_stated", server_default="not_stated"
    )
    organisation: Mapped[str] = mapped_column(String(MAX_ORGANISATION), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The interface language the member chose ("" until they choose): pages and mail use it.
    locale: Mapped[str] = mapped_column(String(8), default="", server_default="")
    # Moderation: a suspension ends at a time, a ban does not; the reason is shown to the member.
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    banned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sanction_reason: Mapped[str] = mapped_column(String(500), default="", server_default="")
    # Marked by a moderator: the new-member limits no longer apply.
    trusted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Two-factor sign-in: the TOTP secret ("" when off) and the last time step accepted, so
    # a code seen over someone's shoulder cannot be used a second time.
    totp_secret: Mapped[str] = mapped_column(String(32), default="", server_default="")
    totp_last_step: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Set when the member deleted their account: the row stays (their replies point at it)
    # with everything personal scrubbed, and the name is held back until name_held_until.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    name_held_until: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def password_fingerprint(self) -> str:
        """Changes whenever the password does: reset links and sessions are bound to it."""
        return hashlib.sha256(self.password_hash.encode()).hexdigest()[:20]

    # The session this request came with (see accounts.sessions); not a column.
    current_session_id = None
    _session_token = ""

    def attach_session(self, record: UserSession, token: str) -> None:
        """Tie this object to the session it was loaded through, for get_id and logout."""
        self.current_session_id = record.id
        self._session_token = token

    def get_id(self) -> str:
        """Session identity: the member and their session's token, checked on every request."""
        return f"{self.id}:{self._session_token}"

    @property
    def has_two_factor(self) -> bool:
        """Signing in needs a code from an authenticator app (or a recovery code)."""
        return bool(self.totp_secret)

    @property
    def is_active(self) -> bool:
        """Banned members and deleted accounts cannot sign in (Flask-Login refuses them)."""
        return self.banned_at is None and self.deleted_at is None

    @property
    def is_deleted(self) -> bool:
        """The member deleted their account; what they wrote may remain."""
        return self.deleted_at is not None

    @property
    def display_name(self) -> str:
        """The name shown beside what they wrote: "deleted member" once the account is gone."""
        return str(DELETED_NAME) if self.is_deleted else self.username

    @property
    def is_staff(self) -> bool:
        """Moderators and admins curate content."""
        return self.role in ("moderator", "admin")

    @property
    def is_admin(self) -> bool:
        """Only admins change roles and act on other staff."""
        return self.role == "admin"

    @property
    def is_suspended(self) -> bool:
        """A member suspended until a time still to come."""
        return self.suspended_until is not None and self.suspended_until > utcnow()

    @property
    def is_restricted(self) -> bool:
        """Suspended or banned: may read, may not take part."""
        return self.is_suspended or self.banned_at is not None

    @property
    def role_label(self) -> str:
        """The badge text shown next to staff names, empty for members."""
        return str(ROLE_LABELS.get(self.role, ""))

    @property
    def role_name(self) -> str:
        """The role in words, members included."""
        return str(ROLE_NAMES[self.role])

    @property
    def role_title(self) -> str:
        """The badge's tooltip: the role spelled out."""
        return str(ROLE_TITLES.get(self.role, ""))

    @property
    def affiliation_label(self) -> str:
        """The kind of affiliation in words, empty when not stated."""
        return "" if self.affiliation == "not_stated" else str(AFFILIATION_LABELS[self.affiliation])

    @property
    def affiliation_display(self) -> str:
        """The kind and organisation as one line, e.g. "Academia · University of X"."""
        return affiliation_text(self.affiliation, self.organisation)


class AffiliationChange(db.Model):
    """One declared affiliation, kept with its date so a profile shows how it changed."""

    __tablename__ = "affiliation_changes"
    __table_args__ = (CheckConstraint(one_of("affiliation", AFFILIATIONS), name="affiliation"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    affiliation: Mapped[str] = mapped_column(String(20))
    organisation: Mapped[str] = mapped_column(String(MAX_ORGANISATION), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def label(self) -> str:
        """The kind in words ("Not stated" included, since a history row may clear it)."""
        return str(AFFILIATION_LABELS[self.affiliation])


class UserSession(db.Model):
    """One signed-in browser: the server's record that makes its cookie valid.

    The cookie carries a random token; only its hash is stored, so a copy of the database
    cannot be used to sign in. Deleting the row ends the session wherever the cookie is.
    """

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Kept for "keep me logged in": such a session lives longer and survives the browser closing.
    remember: Mapped[bool] = mapped_column(Boolean, default=False)
    # The browser family only ("Firefox"), so a member can recognise their devices.
    browser: Mapped[str] = mapped_column(String(40), default="")


class LoginThrottle(db.Model):
    """Failed sign-ins against one account name, counted where every worker sees them."""

    __tablename__ = "login_throttles"

    # A hash of the account (or of the unknown name typed), never the name itself.
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RecoveryCode(db.Model):
    """A single-use code that signs in when the authenticator is lost; only its hash is kept."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
