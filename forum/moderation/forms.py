"""Moderation forms: every action carries a reason, shown publicly in the log."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError

from ..accounts.models import ROLE_NAMES, ROLES
from ..fields import AtMost, NotBlank, remove_invisible_controls, single_line_breaks, strip
from ..threads.forms import MAX_TAGS, parse_tag_slugs
from .models import REPORT_REASON_LABELS, REPORT_REASONS

MAX_REASON = 500
MAX_NOTE = 500
MAX_APPEAL = 1000
# Slow-mode intervals a moderator picks from, in minutes (0 turns it off).
SLOW_MODE_MINUTES = (0, 5, 15, 30, 60, 240, 1440)


def reason_field(label=None) -> StringField:
    """The public reason every moderation action needs: 1 to 500 characters."""
    missing = _l("Give a reason: it is shown publicly with the action.")
    return StringField(
        label or _l("Reason (public)"),
        filters=[remove_invisible_controls, strip],
        validators=[
            InputRequired(missing),
            NotBlank(missing),
            Length(1, MAX_REASON, _l("Reasons are at most 500 characters.")),
        ],
    )


class ReasonForm(FlaskForm):
    """Lock, pin, hide, restore, redact, trust, ban, lift, dismiss: a reason and nothing else."""

    reason = reason_field()


class SlowModeForm(FlaskForm):
    """Set slow mode on a thread."""

    minutes = SelectField(
        _l("Minimum time between one member's replies"),
        choices=[
            SelectChoice(str(value), _l("Off") if not value else _l("%(num)d min", num=value))
            for value in SLOW_MODE_MINUTES
        ],
        validate_choice=True,
    )
    reason = reason_field()


class RetitleForm(FlaskForm):
    """Give a thread a new title."""

    title = StringField(
        _l("New title"),
        filters=[remove_invisible_controls, strip],
        validators=[
            InputRequired(_l("Give the new title.")),
            NotBlank(_l("Give the new title.")),
            Length(5, 200, _l("Titles are 5 to 200 characters.")),
        ],
    )
    reason = reason_field()


class RetagForm(FlaskForm):
    """File a thread under other existing tags."""

    tags = StringField(_l("Tags"), validators=[InputRequired(_l("Add at least one tag."))])
    reason = reason_field()

    def validate_tags(self, field) -> None:
        """One to five tags; whether each exists is checked against the database."""
        slugs = parse_tag_slugs(field.data or "")
        if not slugs or len(slugs) > MAX_TAGS:
            raise ValidationError(_l("Use 1 to 5 tags."))


class SplitForm(FlaskForm):
    """Move a reply and its subtree into a new thread."""

    title = StringField(
        _l("Title of the new thread"),
        filters=[remove_invisible_controls, strip],
        validators=[
            InputRequired(_l("Give the new thread a title.")),
            NotBlank(_l("Give the new thread a title.")),
            Length(5, 200, _l("Titles are 5 to 200 characters.")),
        ],
    )
    reason = reason_field()


class SuspendForm(FlaskForm):
    """Suspend a member until a date."""

    until = DateField(
        _l("Suspended until (the start of this day, UTC)"),
        validators=[InputRequired(_l("Choose the date the suspension ends."))],
    )
    reason = reason_field()


class RoleForm(FlaskForm):
    """Grant or revoke the moderator role (admins only)."""

    role = SelectField(
        _l("Role"),
        choices=[SelectChoice(role, ROLE_NAMES[role]) for role in ROLES],
        validate_choice=True,
    )
    reason = reason_field()


class ReportForm(FlaskForm):
    """Report a thread or a reply to the moderators."""

    reason = RadioField(
        _l("What is wrong with it?"),
        choices=[SelectChoice(value, REPORT_REASON_LABELS[value]) for value in REPORT_REASONS],
        validators=[InputRequired(_l("Choose a reason."))],
        validate_choice=True,
    )
    note = TextAreaField(
        _l("Note for the moderators (optional)"),
        filters=[single_line_breaks, remove_invisible_controls, strip],
        validators=[Optional(), AtMost(MAX_NOTE, _l("Notes are at most 500 characters."))],
    )


class AppealForm(FlaskForm):
    """Appeal one action taken against the member."""

    action_id = StringField(
        validators=[InputRequired(_l("Choose the action to appeal.")), Regexp(r"^[0-9]{1,9}\Z")]
    )
    text = TextAreaField(
        _l("Why should it be reconsidered?"),
        filters=[single_line_breaks, remove_invisible_controls, strip],
        validators=[
            InputRequired(_l("Say why the action should be reconsidered.")),
            NotBlank(_l("Say why the action should be reconsidered.")),
            AtMost(MAX_APPEAL, _l("Appeals are at most 1,000 characters.")),
        ],
    )


class DecideForm(FlaskForm):
    """Grant or deny an appeal."""

    outcome = RadioField(
        _l("Decision"),
        choices=[
            SelectChoice("granted", _l("Grant: undo the action")),
            SelectChoice("denied", _l("Deny: the action stands")),
        ],
        validators=[InputRequired(_l("Choose a decision."))],
        validate_choice=True,
    )
    reason = reason_field()
