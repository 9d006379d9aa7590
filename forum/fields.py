"""Form pieces every area's forms share: trimming, not-blank checks and the Markdown body."""

from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

MAX_BODY = 20_000


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
        validators=[InputRequired(missing), NotBlank(missing), Length(1, MAX_BODY, too_long)],
        **kwargs,
    )
