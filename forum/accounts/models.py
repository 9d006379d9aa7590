"""The account model and its roles."""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..database import UTCDateTime, one_of, utcnow
from ..extensions import db

ROLES = ("member", "moderator", "admin")
ROLE_LABELS = {"moderator": _l("Moderator"), "admin": _l("Admin")}
ROLE_TITLES = {"moderator": _l("Forum moderator"), "admin": _l("Forum administrator")}


class User(UserMixin, db.Model):
    """A person with an account; the role decides what they may moderate."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(one_of("role", ROLES), name="role"),)

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
    # The interface language the member chose ("" until they choose): pages and mail use it.
    locale: Mapped[str] = mapped_column(String(8), default="", server_default="")

    @property
    def password_fingerprint(self) -> str:
        """Changes whenever the password does: reset links and sessions are bound to it."""
        return hashlib.sha256(self.password_hash.encode()).hexdigest()[:20]

    def get_id(self) -> str:
        """Session identity; a changed password ends every other session and remember cookie."""
        return f"{self.id}:{self.password_fingerprint}"

    @property
    def role_label(self) -> str:
        """The badge text shown next to staff names, empty for members."""
        return str(ROLE_LABELS.get(self.role, ""))

    @property
    def role_title(self) -> str:
        """The badge's tooltip: the role spelled out."""
        return str(ROLE_TITLES.get(self.role, ""))
