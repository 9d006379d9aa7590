"""Form pieces every area's forms share: trimming, not-blank checks and the Markdown body."""

import re

from flask_babel import format_number
from flask_babel import gettext as _
from wtforms import TextAreaField
from wtforms.validators import InputRequired, ValidationError

from .markup import MarkupTooComplex, check_markdown

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


# Characters that draw nothing but reorder or hide text: the bidirectional embeddings, overrides
# and isolates (U+202A-202E, U+2066-2069), the direction marks (U+200E, U+200F, U+061C), and
# the zero-width space, joiners, word joiner and byte-order mark (U+200B-200D, U+2060, U+FEFF).
# A right-to-left override makes "gnp.exe" read as "exe.png"; a zero-width space makes two
# names that look the same differ. Member text keeps none of them.
INVISIBLE_CONTROLS = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff]"
)


def remove_invisible_controls(value):
    """Drop direction overrides, isolates, marks and zero-width characters from member text."""
    return INVISIBLE_CONTROLS.sub("", value) if isinstance(value, str) else value


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


def within_markup_limits(form, field) -> None:
    """Refuses Markdown that would expand past the renderer's limits, naming the limit."""
    if field.data and len(field.data) <= MAX_BODY:
        try:
            check_markdown(field.data)
        except MarkupTooComplex as error:
            raise ValidationError(error.message) from error


def body_field(label: str, missing: str, too_long: str, **kwargs) -> TextAreaField:
    """A Markdown text area of 1 to 20,000 characters that is not just spaces."""
    return TextAreaField(
        label,
        filters=[single_line_breaks, remove_invisible_controls],
        validators=[
            InputRequired(missing),
            NotBlank(missing),
            AtMost(MAX_BODY, too_long),
            within_markup_limits,
        ],
        **kwargs,
    )
