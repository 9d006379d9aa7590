"""Two-factor sign-in: TOTP codes from an authenticator app, and single-use recovery codes."""

from __future__ import annotations

import hashlib
import secrets

import pyotp
from flask import current_app, flash, redirect, url_for
from flask_babel import gettext as _
from sqlalchemy import delete, select
from werkzeug.security import check_password_hash

from ..database import utcnow
from ..errors import ActionError
from ..extensions import db
from . import throttle
from .models import RecoveryCode, User

ISSUER = "Counterpoint"
RECOVERY_CODES = 10
# A code from the step before or after is accepted too: phones' clocks drift.
CLOCK_DRIFT_STEPS = 1


def new_secret() -> str:
    """A fresh random TOTP secret, in the base32 an authenticator app expects."""
    return pyotp.random_base32()


def setup_uri(user: User, secret: str) -> str:
    """The otpauth:// address an authenticator app reads to add the account."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=ISSUER)


def _code_hash(code: str) -> str:
    return hashlib.sha256(normalised(code).encode()).hexdigest()


def normalised(code: str) -> str:
    """A code as typed, without spaces or dashes, lower-cased."""
    return "".join(code.split()).replace("-", "").lower()


def accepted_step(secret: str, code: str, last_step: int) -> int | None:
    """The time step a TOTP code belongs to, if it is valid now and newer than the last used."""
    code = normalised(code)
    if not (code.isascii() and code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = totp.timecode(utcnow())
    for step in range(now - CLOCK_DRIFT_STEPS, now + CLOCK_DRIFT_STEPS + 1):
        if step > last_step and secrets.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _new_recovery_codes(user: User) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [
        "-".join(secrets.token_hex(5)[i : i + 5] for i in (0, 5)) for _n in range(RECOVERY_CODES)
    ]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_code_hash(code)) for code in codes)
    return codes


def enable(user: User, secret: str, code: str, current_password: str) -> list[str]:
    """Turn two-factor sign-in on once a code proves the app holds the secret; the codes."""
    if not check_password_hash(user.password_hash, current_password):
        raise ActionError("current_password", _("That is not your current password."))
    step = accepted_step(secret, code, 0)
    if step is None:
        raise ActionError(
            "code", _("That code is not right. Check your phone's clock and try again.")
        )
    user.totp_secret, user.totp_last_step = secret, step
    codes = _new_recovery_codes(user)
    db.session.commit()
    return codes


def disable(user: User, current_password: str) -> None:
    """Turn two-factor sign-in off, with the current password."""
    if not check_password_hash(user.password_hash, current_password):
        raise ActionError("current_password", _("That is not your current password."))
    user.totp_secret, user.totp_last_step = "", 0
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.commit()


def regenerate_recovery_codes(user: User, current_password: str) -> list[str]:
    """Replace every recovery code with new ones (the old stop working)."""
    if not check_password_hash(user.password_hash, current_password):
        raise ActionError("current_password", _("That is not your current password."))
    codes = _new_recovery_codes(user)
    db.session.commit()
    return codes


def unused_recovery_codes(user: User) -> int:
    """How many recovery codes the member has left."""
    rows = db.session.scalars(
        select(RecoveryCode.id).where(
            RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
        )
    )
    return len(rows.all())


def _second_factor_key(user: User) -> str:
    return throttle.throttle_key(f"second-factor:{user.id}", None)


def verify_second_factor(user: User, code: str) -> None:
    """Accept a TOTP code (once) or an unused recovery code, else refuse; guesses are throttled."""
    key = _second_factor_key(user)
    throttle.refuse_if_throttled(key, field="code")
    step = accepted_step(user.totp_secret, code, user.totp_last_step)
    if step is not None:
        user.totp_last_step = step
        throttle.clear_failures(key)
        db.session.commit()
        return
    recovery = db.session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _code_hash(code),
            RecoveryCode.used_at.is_(None),
        )
    )
    if recovery is not None:
        recovery.used_at = utcnow()
        throttle.clear_failures(key)
        db.session.commit()
        return
    throttle.record_failure(key)
    raise ActionError("code", _("That code is not right."))


def must_set_up(user: User) -> bool:
    """Staff without two-factor sign-in, where the forum requires it of them."""
    required = current_app.config["REQUIRE_2FA_FOR_STAFF"]
    return bool(required and user.is_staff and not user.has_two_factor)


def setup_redirect():
    """Send staff to set up two-factor sign-in before they use the staff tools."""
    flash(_("Moderators and admins must turn on two-factor sign-in first."), "info")
    return redirect(url_for("auth.two_factor"))
