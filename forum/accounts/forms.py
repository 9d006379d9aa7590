"""Account forms: field names, limits and the messages a person sees."""

from flask import has_request_context
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length, Regexp, ValidationError

from ..fields import AtMost, remove_invisible_controls, single_line_breaks, strip
from .models import AFFILIATION_LABELS, AFFILIATIONS, MAX_ORGANISATION
from .names import STAFF_CLAIM, claims_staff
from .passwords import password_problem

USERNAME_PATTERN = r"^[A-Za-z0-9_-]+\Z"


def strong_password(form, field) -> None:
    """Refuses a weak new password (see passwords.py), taken exactly as typed.

    The username and email compared with are the form's own when it has them (registration),
    else the signed-in member's; a reset link's account is checked again by the action.
    """
    if hasattr(form, "username"):
        username, email = form.username.data, form.email.data
    elif has_request_context() and current_user.is_authenticated:
        username, email = current_user.username, current_user.email
    else:
        username = email = ""
    problem = password_problem(field.data or "", username or "", email or "")
    if problem:
        raise ValidationError(problem)


def no_staff_claim(form, field) -> None:
    """Refuses display text that could pass for a staff badge: staff words, badge symbols."""
    if field.data and claims_staff(field.data):
        raise ValidationError(STAFF_CLAIM)


def new_password_field(label: str, missing: str) -> PasswordField:
    """A field for choosing a password: 12 to 200 of any characters, not a common one."""
    return PasswordField(
        label,
        validators=[InputRequired(missing), strong_password],
        description=_l(
            "At least 12 characters; any characters, spaces included. A short sentence works well."
        ),
    )


def email_field(label: str, missing: str) -> EmailField:
    """A field for an email address, checked for shape only (no DNS look-ups)."""
    return EmailField(
        label,
        validators=[
            InputRequired(missing),
            Length(max=254, message=_l("That email address is too long.")),
            Email(_l("Enter a valid email address."), check_deliverability=False),
        ],
    )


class RegisterForm(FlaskForm):
    """Create an account."""

    username = StringField(
        _l("Username"),
        filters=[remove_invisible_controls, strip],
        validators=[
            InputRequired(_l("Choose a username.")),
            Length(3, 30, _l("Usernames are 3 to 30 characters.")),
            Regexp(USERNAME_PATTERN, message=_l("Use only letters, digits, _ and -.")),
        ],
    )
    email = email_field(_l("Email"), _l("Enter your email address."))
    password = new_password_field(_l("Password"), _l("Choose a password."))


class LoginForm(FlaskForm):
    """Log in with a username or email and a password."""

    username = StringField(
        _l("Username or email"), validators=[InputRequired(_l("Enter your username or email."))]
    )
    password = PasswordField(_l("Password"), validators=[InputRequired(_l("Enter your password."))])
    remember = BooleanField(_l("Keep me logged in on this device"))


class ProfileForm(FlaskForm):
    """Change the public profile."""

    bio = TextAreaField(
        _l("Bio"),
        filters=[single_line_breaks, remove_invisible_controls],
        validators=[AtMost(1000, _l("Keep your bio under 1,000 characters."))],
    )
    affiliation = SelectField(
        _l("Affiliation"),
        choices=[SelectChoice(value, AFFILIATION_LABELS[value]) for value in AFFILIATIONS],
        default="not_stated",
        validate_choice=True,
        description=_l("Shown beside your name, so readers know who is speaking."),
    )
    organisation = StringField(
        _l("Organisation"),
        filters=[remove_invisible_controls, strip],
        validators=[
            Length(
                max=MAX_ORGANISATION,
                message=_l("Keep the organisation name to 80 characters or fewer."),
            ),
            no_staff_claim,
        ],
        description=_l("Optional: for example 'University of Ghent'."),
    )


class EmailForm(FlaskForm):
    """Change the email address; needs the current password."""

    email = email_field(_l("New email"), _l("Enter your new email address."))
    current_password = PasswordField(
        _l("Current password"),
        id="email-current-password",
        validators=[InputRequired(_l("Enter your current password."))],
    )


class PasswordForm(FlaskForm):
    """Change the password; needs the current one."""

    current_password = PasswordField(
        _l("Current password"), validators=[InputRequired(_l("Enter your current password."))]
    )
    new_password = new_password_field(_l("New password"), _l("Choose a new password."))


class ResetRequestForm(FlaskForm):
    """Ask for a password reset link."""

    email = email_field(_l("Email"), _l("Enter the email address of your account."))


class ResetPasswordForm(FlaskForm):
    """Choose a new password from a reset link."""

    password = new_password_field(_l("New password"), _l("Choose a new password."))


class ConfirmForm(FlaskForm):
    """A button that confirms what the page describes (the CSRF token is its only field)."""


def code_field() -> StringField:
    """A field for a six-digit code from an authenticator app, or a recovery code."""
    return StringField(
        _l("Code"),
        filters=[strip],
        validators=[
            InputRequired(_l("Enter the code.")),
            Length(max=20, message=_l("That code is too long.")),
        ],
        description=_l("The six digits your authenticator app shows, or a recovery code."),
    )


class SecondFactorForm(FlaskForm):
    """The second step of signing in."""

    code = code_field()


class EnableTwoFactorForm(FlaskForm):
    """Turn on two-factor sign-in: a code proves the app was set up."""

    code = code_field()
    current_password = PasswordField(
        _l("Current password"),
        id="two-factor-password",
        validators=[InputRequired(_l("Enter your current password."))],
    )


class PasswordCheckForm(FlaskForm):
    """Confirm a sensitive change with the current password."""

    current_password = PasswordField(
        _l("Current password"),
        id="confirm-password",
        validators=[InputRequired(_l("Enter your current password."))],
    )
