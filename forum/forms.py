"""Form definitions: field names, limits and the messages a person sees."""

import re

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length, Optional, Regexp, ValidationError

USERNAME_PATTERN = r"^[A-Za-z0-9_-]+\Z"
TAG_SPLIT = re.compile(r"[\s,]+")
MAX_TAGS = 5


def parse_tag_slugs(text: str) -> list[str]:
    """Split 'a, b c' into ['a', 'b', 'c'], lower-cased, without repeats, in order."""
    seen: dict[str, None] = {}
    for part in TAG_SPLIT.split(text.strip().lower()):
        if part:
            seen.setdefault(part, None)
    return list(seen)


def strip(value):
    """Trim surrounding spaces, so '   ' counts as empty and limits count what is kept."""
    return value.strip() if isinstance(value, str) else value


class NotBlank:
    """Refuses text that is only spaces: to a reader it is empty."""

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field) -> None:
        if field.data is not None and not field.data.strip():
            raise ValidationError(self.message)


def body_field(label: str, missing: str, too_long: str, **kwargs) -> TextAreaField:
    """A Markdown text area of 1 to 20,000 characters that is not just spaces."""
    return TextAreaField(
        label,
        validators=[InputRequired(missing), NotBlank(missing), Length(1, 20_000, too_long)],
        **kwargs,
    )


def new_password_field(label: str, missing: str) -> PasswordField:
    """A field for choosing a password, with the forum's length rule."""
    return PasswordField(
        label,
        validators=[InputRequired(missing), Length(12, 200, "Passwords are 12 to 200 characters.")],
        description="At least 12 characters. A short sentence works well.",
    )


def email_field(label: str, missing: str) -> EmailField:
    """A field for an email address, checked for shape only (no DNS look-ups)."""
    return EmailField(
        label,
        validators=[
            InputRequired(missing),
            Length(max=254, message="That email address is too long."),
            Email("Enter a valid email address.", check_deliverability=False),
        ],
    )


class RegisterForm(FlaskForm):
    """Create an account."""

    username = StringField(
        "Username",
        filters=[strip],
        validators=[
            InputRequired("Choose a username."),
            Length(3, 30, "Usernames are 3 to 30 characters."),
            Regexp(USERNAME_PATTERN, message="Use only letters, digits, _ and -."),
        ],
    )
    email = email_field("Email", "Enter your email address.")
    password = new_password_field("Password", "Choose a password.")

    def validate_password(self, field) -> None:
        """A password equal to the username is the first one an attacker tries."""
        if self.username.data and field.data.lower() == self.username.data.lower():
            raise ValidationError("Your password must not be your username.")


class LoginForm(FlaskForm):
    """Log in with a username or email and a password."""

    username = StringField(
        "Username or email", validators=[InputRequired("Enter your username or email.")]
    )
    password = PasswordField("Password", validators=[InputRequired("Enter your password.")])
    remember = BooleanField("Keep me logged in on this device")


class ProfileForm(FlaskForm):
    """Change the public profile."""

    bio = TextAreaField(
        "Bio", validators=[Length(max=1000, message="Keep your bio under 1,000 characters.")]
    )
    affiliation = StringField(
        "Affiliation",
        validators=[Length(max=40, message="Keep your affiliation under 40 characters.")],
        description="Optional, shown beside your name: for example 'Attended Milipol 2023'.",
    )


class EmailForm(FlaskForm):
    """Change the email address; needs the current password."""

    email = email_field("New email", "Enter your new email address.")
    current_password = PasswordField(
        "Current password",
        id="email-current-password",
        validators=[InputRequired("Enter your current password.")],
    )


class PasswordForm(FlaskForm):
    """Change the password; needs the current one."""

    current_password = PasswordField(
        "Current password", validators=[InputRequired("Enter your current password.")]
    )
    new_password = new_password_field("New password", "Choose a new password.")


class ResetRequestForm(FlaskForm):
    """Ask for a password reset link."""

    email = email_field("Email", "Enter the email address of your account.")


class ResetPasswordForm(FlaskForm):
    """Choose a new password from a reset link."""

    password = new_password_field("New password", "Choose a new password.")


class ThreadForm(FlaskForm):
    """Start or edit a thread."""

    title = StringField(
        "Title",
        filters=[strip],
        validators=[
            InputRequired("Give your thread a title."),
            NotBlank("Give your thread a title."),
            Length(5, 200, "Titles are 5 to 200 characters."),
        ],
        description="State the motion neutrally, so both sides can argue it.",
    )
    body = body_field(
        "Opening post",
        "Write the opening post.",
        "Posts are at most 20,000 characters.",
        description="Markdown: **bold**, _italic_, [links](https://…), lists and > quotes.",
    )
    tags = StringField(
        "Tags",
        validators=[InputRequired("Add at least one tag.")],
        description="1 to 5 tags, separated by spaces or commas, from the tag list.",
    )

    def validate_tags(self, field) -> None:
        """Check the count here; whether each tag exists is checked against the database."""
        slugs = parse_tag_slugs(field.data or "")
        if not slugs:
            raise ValidationError("Add at least one tag.")
        if len(slugs) > MAX_TAGS:
            raise ValidationError(f"Use at most {MAX_TAGS} tags.")


class ReplyForm(FlaskForm):
    """Reply to a thread or to a reply in it."""

    body = body_field(
        "Your reply", "Write something before posting.", "Replies are at most 20,000 characters."
    )
    parent_id = HiddenField(
        validators=[Optional(), Regexp(r"^[0-9]{1,18}\Z", message="That reply does not exist.")]
    )
    stance = RadioField(
        "Stance",
        choices=[
            SelectChoice("", "Neutral"),
            SelectChoice("support", "Supports"),
            SelectChoice("challenge", "Challenges"),
        ],
        default="",
        validate_choice=True,
    )


class EditReplyForm(FlaskForm):
    """Edit a reply's text."""

    body = body_field(
        "Your reply", "Write something before posting.", "Replies are at most 20,000 characters."
    )


class PreviewForm(FlaskForm):
    """Render Markdown for the preview pane."""

    body = TextAreaField(validators=[Length(max=20_000, message="Too long to preview.")])


class PositionForm(FlaskForm):
    """Take a side on a thread's motion, or clear it."""

    side = RadioField(
        "Your position",
        choices=[
            SelectChoice("for", "For"),
            SelectChoice("against", "Against"),
            SelectChoice("", "Undecided"),
        ],
        validate_choice=True,
    )
