"""Form pieces every area's forms share: trimming, not-blank checks and the Markdown body."""

from flask_babel import format_number
from flask_babel import gettext as _
from wtforms import TextAreaField
from wtforms.validators import InputRequired, ValidationError

MAX_BODY = 20_000


def single_line_breaks(value):
    """Count a line break as one character, as the member sees it: browsers send CR LF."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


class AtMost:
    """Refuses text over a length, saying how long it is, so the member knows what to cut."""

    def __init__(self, limit: int, message: str):
        self.limit = limit
        self.message = message

    def __call__(self, form, field) -> None:
        length = len(field.data or "")
        if length > self.limit:
            counted = _("Yours has %(count)s.", count=format_number(length))
            raise ValidationError(f"{self.message} {counted}")


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
        filters=[single_line_breaks],
        validators=[InputRequired(missing), NotBlank(missing), AtMost(MAX_BODY, too_long)],
        **kwargs,
    )
