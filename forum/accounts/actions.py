"""Writes about accounts: each performs one person's intention as one transaction."""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash

from ..database import commit_or_refuse
from ..errors import ActionError
from ..extensions import db
from ..jobs import enqueue
from ..mail import public_url, send_mail
from . import queries
from .models import AFFILIATIONS, MAX_ORGANISATION, ROLES, AffiliationChange, User

# Checked against when no account matches, so a wrong username costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")
RESET_SALT = "password-reset"


def register_user(username: str, email: str, password: str, role: str = "member") -> User:
    """Create an account after checking the username and email are free."""
    if role not in ROLES:
        raise ActionError("role", _("Role must be one of %(roles)s.", roles=", ".join(ROLES)))
    email = email.strip().lower()
    if queries.user_by_username(username):
        raise ActionError("username", _("That username is taken."))
    if queries.user_by_email(email):
        raise ActionError("email", _("An account with that email already exists."))
    user = User(
        username=username,
        username_key=username.lower(),
        email=email,
        password_hash=generate_password_hash(password),
        role=role,
    )
    db.session.add(user)
    commit_or_refuse("username", _("That username or email is taken."))
    return user


def authenticate(login: str, password: str) -> User | None:
    """The user these credentials belong to, or None; takes the same time either way."""
    user = queries.user_by_login(login)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


def update_profile(user: User, bio: str, affiliation: str, organisation: str) -> None:
    """Change the bio and affiliation; a changed affiliation is kept in its history."""
    if affiliation not in AFFILIATIONS:
        raise ActionError("affiliation", _("Choose an affiliation from the list."))
    organisation = organisation.strip()
    if len(organisation) > MAX_ORGANISATION:
        raise ActionError(
            "organisation", _("Keep the organisation name to 80 characters or fewer.")
        )
    user.bio = bio.strip()
    if (affiliation, organisation) != (user.affiliation, user.organisation):
        user.affiliation, user.organisation = affiliation, organisation
        db.session.add(
            AffiliationChange(user_id=user.id, affiliation=affiliation, organisation=organisation)
        )
    db.session.commit()


def set_language(user: User, code: str) -> None:
    """Remember the member's interface language ("" follows the browser again)."""
    if user.locale != code:
        user.locale = code
        db.session.commit()


def _require_password(user: User, password: str) -> None:
    if not check_password_hash(user.password_hash, password):
        raise ActionError("current_password", _("That is not your current password."))


def change_email(user: User, new_email: str, current_password: str) -> None:
    """Change the email address, proving it is the owner with the current password."""
    _require_password(user, current_password)
    new_email = new_email.strip().lower()
    existing = queries.user_by_email(new_email)
    if existing and existing.id != user.id:
        raise ActionError("email", _("An account with that email already exists."))
    user.email = new_email
    commit_or_refuse("email", _("An account with that email already exists."))


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change the password, proving it is the owner with the current one."""
    _require_password(user, current_password)
    _set_password(user, new_password, field="new_password")
    db.session.commit()


def _set_password(user: User, password: str, field: str) -> None:
    if password.lower() == user.username.lower():
        raise ActionError(field, _("Your password must not be your username."))
    user.password_hash = generate_password_hash(password)


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def request_password_reset(email: str) -> None:
    """Have a reset link mailed if the address belongs to an account; silent either way."""
    # The request only queues: looking the address up and sending happen in the job, so the
    # answer costs the same whether or not the address has an account.
    enqueue(send_reset_mail, email, str(get_locale() or "en"))


def send_reset_mail(email: str, language: str) -> None:
    """Job: mail a reset link to the account with this address, if there is one."""
    user = queries.user_by_email(email)
    if user is None:
        return
    token = _reset_serializer().dumps({"u": user.id, "f": user.password_fingerprint})
    link = public_url("auth.reset_password", token=token)
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
    # The mail speaks the recipient's language: their own choice, else the page they asked from.
    with force_locale(user.locale or language):
        subject = _("Reset your Counterpoint password")
        body = _(
            "Hello %(name)s,\n\n"
            "Someone asked to reset the password of your Counterpoint account.\n"
            "To choose a new password, open this link within %(minutes)d minutes:\n\n"
            "%(link)s\n\n"
            "The link works once. If you did not ask for this, ignore this message;\n"
            "your password stays as it is.\n",
            name=user.username,
            minutes=minutes,
            link=link,
        )
    send_mail(user.email, subject, body)


def user_for_reset_token(token: str) -> User | None:
    """The account a reset link is for, or None if it is forged, expired or used."""
    try:
        data = _reset_serializer().loads(
            token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"]
        )
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = queries.user_by_id(data["u"])
    if user is None or data.get("f") != user.password_fingerprint:
        return None
    return user


def reset_password(user: User, new_password: str) -> None:
    """Set a new password from a reset link; the link stops working."""
    _set_password(user, new_password, field="password")
    db.session.commit()
