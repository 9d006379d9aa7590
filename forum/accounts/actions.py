"""Writes about accounts: each performs one person's intention as one transaction."""

from __future__ import annotations

import hashlib
import time

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
from ..securitylog import log_event
from . import queries, throttle
from .models import AFFILIATIONS, MAX_ORGANISATION, ROLES, AffiliationChange, User
from .names import username_problem
from .passwords import password_problem
from .sessions import end_all_sessions

# Checked against when no account matches, so a wrong username costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")
RESET_SALT = "password-reset"
# The code must follow the password within this many seconds.
SECOND_FACTOR_SECONDS = 300
EMAIL_CHANGE_SALT = "email-change"


def register_user(username: str, email: str, password: str, role: str = "member") -> User:
    """Create an account after checking the username and email are free."""
    if role not in ROLES:
        raise ActionError("role", _("Role must be one of %(roles)s.", roles=", ".join(ROLES)))
    email = email.strip().lower()
    # Taken, reserved (for members) or a look-alike of a name in use: see names.py.
    if problem := username_problem(username, staff=role != "member"):
        raise ActionError("username", problem)
    if queries.user_by_email(email):
        raise ActionError("email", _("An account with that email already exists."))
    if problem := password_problem(password, username, email):
        raise ActionError("password", problem)
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


def sign_in(login: str, password: str) -> User | None:
    """The account these credentials open, or None; refused (429) while the account must wait.

    Known and unknown names are counted and answered alike, so failures reveal nothing.
    """
    user = queries.user_by_login(login)
    key = throttle.throttle_key(login, user)
    throttle.refuse_if_throttled(key)
    password_hash = user.password_hash if user is not None else _DUMMY_HASH
    if user is None or not check_password_hash(password_hash, password):
        throttle.record_failure(key)
        log_event("login_failure", user_id=user.id if user is not None else None)
        return None
    throttle.clear_failures(key)
    db.session.commit()
    return user


def user_awaiting_second_factor(pending: dict) -> User | None:
    """The member whose password was right moments ago and who now owes a code, if any."""
    started = pending.get("at")
    user_id = pending.get("user")
    if not isinstance(started, int) or not isinstance(user_id, int):
        return None
    if time.time() - started > SECOND_FACTOR_SECONDS:
        return None
    user = queries.user_by_id(user_id)
    return user if user is not None and user.is_active and user.has_two_factor else None


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


def request_email_change(user: User, new_email: str, current_password: str) -> None:
    """Ask to move the account to a new address: a link goes there, a notice to the old one.

    Nothing changes until the link is opened, so a mistyped or stolen-session change
    cannot take the account away from its owner.
    """
    _require_password(user, current_password)
    new_email = new_email.strip().lower()
    if new_email == user.email:
        raise ActionError("email", _("That is already your email address."))
    existing = queries.user_by_email(new_email)
    if existing and existing.id != user.id:
        raise ActionError("email", _("An account with that email already exists."))
    enqueue(send_email_change_mails, user.id, new_email, str(get_locale() or "en"))


def _email_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=EMAIL_CHANGE_SALT)


def _address_fingerprint(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()[:16]


def send_email_change_mails(user_id: int, new_email: str, language: str) -> None:
    """Job: mail the confirmation link to the new address and a notice to the current one."""
    user = queries.user_by_id(user_id)
    if user is None:
        return
    token = _email_serializer().dumps(
        {"u": user.id, "e": new_email, "o": _address_fingerprint(user.email)}
    )
    link = public_url("auth.confirm_email_link", token=token)
    hours = current_app.config["EMAIL_CHANGE_MAX_AGE"] // 3600
    with force_locale(user.locale or language):
        confirm_subject = _("Confirm your new Counterpoint email address")
        confirm_body = _(
            "Hello %(name)s,\n\n"
            "You asked to use this address for your Counterpoint account.\n"
            "To confirm, open this link within %(hours)d hours:\n\n"
            "%(link)s\n\n"
            "If you did not ask for this, ignore this message; nothing changes.\n",
            name=user.username,
            hours=hours,
            link=link,
        )
        notice_subject = _("Your Counterpoint email address is about to change")
        notice_body = _(
            "Hello %(name)s,\n\n"
            "Someone signed in to your Counterpoint account asked to change its email\n"
            "address to %(new_email)s. The change happens only when the link sent there\n"
            "is opened.\n\n"
            "If this was not you, change your password now and log out of all other\n"
            "sessions from your settings.\n",
            name=user.username,
            new_email=new_email,
        )
    send_mail(new_email, confirm_subject, confirm_body)
    send_mail(user.email, notice_subject, notice_body)


def _signed_link(serializer: URLSafeTimedSerializer, token: str, max_age: int):
    """The account a mailed link names and the link's data, or None if forged or expired."""
    try:
        data = serializer.loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = queries.user_by_id(data["u"])
    return None if user is None else (user, data)


def email_change_for_token(token: str) -> tuple[User, str] | None:
    """The account and new address a confirmation link is for, or None when it is stale."""
    max_age = current_app.config["EMAIL_CHANGE_MAX_AGE"]
    found = _signed_link(_email_serializer(), token, max_age)
    # Bound to the address it would replace: once any change happened, older links stop.
    if found is None or found[1].get("o") != _address_fingerprint(found[0].email):
        return None
    return found[0], str(found[1].get("e", ""))


def confirm_email_change(user: User, new_email: str) -> None:
    """Move the account to the confirmed address, unless another account took it meanwhile."""
    existing = queries.user_by_email(new_email)
    if existing and existing.id != user.id:
        raise ActionError("email", _("An account with that email already exists."))
    user.email = new_email
    commit_or_refuse("email", _("An account with that email already exists."))


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change the password, proving it is the owner with the current one; other sessions end."""
    _require_password(user, current_password)
    _set_password(user, new_password, field="new_password")
    end_all_sessions(user, keep_current=True)
    db.session.commit()


def _set_password(user: User, password: str, field: str) -> None:
    if problem := password_problem(password, user.username, user.email):
        raise ActionError(field, problem)
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
    link = public_url("auth.reset_password_link", token=token)
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
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE"]
    found = _signed_link(_reset_serializer(), token, max_age)
    if found is None or found[1].get("f") != found[0].password_fingerprint:
        return None
    return found[0]


def reset_password(user: User, new_password: str) -> None:
    """Set a new password from a reset link; the link, every session and any wait end."""
    _set_password(user, new_password, field="password")
    end_all_sessions(user)
    throttle.clear_failures(throttle.throttle_key(user.username, user))
    db.session.commit()
