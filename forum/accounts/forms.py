"""Account forms: field names, limits and the messages a person sees."""

from flask_babel import lazy_gettext as _l
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

from ..fields import AtMost, single_line_breaks, strip
from .models import AFFILIATION_LABELS, AFFILIATIONS, MAX_ORGANISATION

USERNAME_PATTERN = r"^[A-Za-z0-9_-]+\Z"


def new_password_field(label: str, missing: str) -> PasswordField:
    """A field for choosing a password, with the forum's length rule."""
    return PasswordField(
        label,
        validators=[
            InputRequired(missing),
            Length(12, 200, _l("Passwords are 12 to 200 characters.")),
        ],
        description=_l("At least 12 characters. A short sentence works well."),
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
        filters=[strip],
        validators=[
            InputRequired(_l("Choose a username.")),
            Length(3, 30, _l("Usernames are 3 to 30 characters.")),
            Regexp(USERNAME_PATTERN, message=_l("Use only letters, digits, _ and -.")),
        ],
    )
    email = email_field(_l("Email"), _l("Enter your email address."))
    password = new_password_field(_l("Password"), _l("Choose a password."))

    def validate_password(self, field) -> None:
        """A password equal to the username is the first one an attacker tries."""
        if self.username.data and field.data.lower() == self.username.data.lower():
            raise ValidationError(_l("Your password must not be your username."))


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
        filters=[single_line_breaks],
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
        filters=[strip],
        validators=[
            Length(
                max=MAX_ORGANISATION,
                message=_l("Keep the organisation name to 80 characters or fewer."),
            )
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
