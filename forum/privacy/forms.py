"""Forms of the privacy area."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

TEXT_CHOICES = [
    SelectChoice(
        "keep", _l("Keep my replies, shown under “deleted member”, so discussions stay intact")
    ),
    SelectChoice(
        "remove",
        _l("Remove my text too, leaving placeholders so the replies to mine keep their place"),
    ),
]


class DeleteAccountForm(FlaskForm):
    """Delete the account: the current password, and what becomes of what was written."""

    text = RadioField(
        _l("What you wrote"),
        choices=TEXT_CHOICES,
        validate_choice=True,
        validators=[InputRequired(_l("Choose what becomes of what you wrote."))],
    )
    current_password = PasswordField(
        _l("Current password"), validators=[InputRequired(_l("Enter your current password."))]
    )


THREAD_CHOICES = [
    SelectChoice("keep", _l("Keep my replies in it")),
    SelectChoice("remove", _l("Remove my replies in it too, leaving placeholders")),
]


class DeleteThreadForm(FlaskForm):
    """Delete a thread: the current password, and what becomes of the author's replies in it."""

    text = RadioField(
        _l("Your replies in this thread"),
        choices=THREAD_CHOICES,
        validate_choice=True,
        validators=[InputRequired(_l("Choose what becomes of your replies."))],
    )
    current_password = PasswordField(
        _l("Current password"), validators=[InputRequired(_l("Enter your current password."))]
    )
