"""Debate forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from ..fields import body_field
from .models import SIDES

SIDE_LABELS = {"for": _l("For"), "against": _l("Against"), "undecided": _l("Undecided")}


def empty_is_undecided(value):
    """An empty side (the old "Undecided" button) means undecided."""
    return value or "undecided"


def present(form, field) -> None:
    """The side must be sent, even if empty: a missing field is not a choice of "undecided"."""
    if not field.raw_data:
        raise StopValidation(_l("Choose for, against or undecided."))


class PositionForm(FlaskForm):
    """Take a side on a motion, or become undecided."""

    side = RadioField(
        _l("Your position"),
        choices=[SelectChoice(value, SIDE_LABELS[value]) for value in SIDES],
        filters=[empty_is_undecided],
        validators=[present],
        validate_choice=True,
    )


class SummaryForm(FlaskForm):
    """Write the state of the debate."""

    body = body_field(
        _l("State of the debate"),
        _l("Write the summary."),
        _l("Summaries are at most 20,000 characters."),
        description=_l("The strongest points on each side, and what is still disputed. Markdown."),
    )
