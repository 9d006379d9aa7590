"""Debate forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice

from .models import SIDES

SIDE_LABELS = {"for": _l("For"), "against": _l("Against"), "": _l("Undecided")}


class PositionForm(FlaskForm):
    """Take a side on a thread's motion, or clear it."""

    side = RadioField(
        _l("Your position"),
        choices=[SelectChoice(value, SIDE_LABELS[value]) for value in (*SIDES, "")],
        validate_choice=True,
    )
