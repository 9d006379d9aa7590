"""Reads about accounts."""

from __future__ import annotations

from sqlalchemy import Select, select

from ..extensions import db
from .models import AffiliationChange, User


def user_by_login(login: str) -> User | None:
    """Find a user by username (any case) or email."""
    login = login.strip().lower()
    column = User.email if "@" in login else User.username_key
    return db.session.scalar(select(User).where(column == login))


def user_named(username: str) -> Select:
    """The user with this username, in any case (a statement for db.one_or_404 and friends)."""
    return select(User).where(User.username_key == username.lower())


def user_by_username(username: str) -> User | None:
    """Find a user by username, ignoring case."""
    return db.session.scalar(user_named(username))


def user_by_email(email: str) -> User | None:
    """Find a user by email address, ignoring case."""
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def user_by_id(user_id: int) -> User | None:
    """Find a user by id."""
    return db.session.get(User, user_id)


def affiliation_history(user: User) -> list[AffiliationChange]:
    """The member's declared affiliations, newest first."""
    return list(
        db.session.scalars(
            select(AffiliationChange)
            .where(AffiliationChange.user_id == user.id)
            .order_by(AffiliationChange.created_at.desc(), AffiliationChange.id.desc())
        )
    )
