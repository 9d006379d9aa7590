"""Thread and reply forms: field names, limits and the messages a person sees."""

import re
import secrets
from urllib.parse import urlsplit

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError

from ..fields import (
    MAX_BODY,
    NotBlank,
    body_field,
    remove_invisible_controls,
    single_line_breaks,
    strip,
)
from .models import KINDS, STANCES

TAG_SPLIT = re.compile(r"[\s,]+")
MAX_TAGS = 5
STANCE_LABELS = {
    "": _l("Neutral"),
    "support": _l("Supports"),
    "challenge": _l("Challenges"),
    "clarify": _l("Clarifies"),
}
KIND_LABELS = {
    "motion": _l("A motion: a proposition to argue for or against"),
    "discussion": _l("A discussion: an open question"),
}
MAX_SOURCES = 5
SUBMISSION_KEY_BYTES = 24


def parse_sources(text: str) -> list[str]:
    """One link per line, blank lines dropped, repeats removed, in order."""
    seen: dict[str, None] = {}
    for line in (text or "").splitlines():
        if line.strip():
            seen.setdefault(line.strip(), None)
    return list(seen)


def validate_sources(form, field) -> None:
    """At most five sources, each an absolute http or https link."""
    sources = parse_sources(field.data)
    if len(sources) > MAX_SOURCES:
        raise ValidationError(_("List at most %(count)d sources.", count=MAX_SOURCES))
    for source in sources:
        try:
            parts = urlsplit(source)
        except ValueError:
            parts = urlsplit("")
        if parts.scheme not in ("http", "https") or not parts.netloc or len(source) > 500:
            raise ValidationError(
                _("Sources must be http or https links: %(source)s", source=source[:80])
            )


def sources_field() -> TextAreaField:
    """Up to five source links, one per line."""
    return TextAreaField(
        _l("Sources"),
        filters=[single_line_breaks, remove_invisible_controls],
        validators=[Optional(), validate_sources],
        description=_l("Optional: up to 5 links (http or https), one per line."),
    )


def parse_tag_slugs(text: str) -> list[str]:
    """Split 'a, b c' into ['a', 'b', 'c'], lower-cased, without repeats, in order."""
    seen: dict[str, None] = {}
    for part in TAG_SPLIT.split(text.strip().lower()):
        if part:
            seen.setdefault(part, None)
    return list(seen)


def submission_key_field() -> HiddenField:
    """A single-use key made when the form is drawn: the server accepts each key once."""
    return HiddenField(
        default=lambda: secrets.token_urlsafe(SUBMISSION_KEY_BYTES),
        validators=[Optional(), Regexp(r"^[A-Za-z0-9_-]{16,43}\Z", message=_l("Reload the page."))],
    )


def reply_body_field() -> TextAreaField:
    """The text of a reply, as both the reply and the edit form ask for it."""
    return body_field(
        _l("Your reply"),
        _l("Write something before posting."),
        _l("Replies are at most 20,000 characters."),
    )


class ThreadForm(FlaskForm):
    """Start or edit a thread."""

    title = StringField(
        _l("Title"),
        filters=[remove_invisible_controls, strip],
        validators=[
            InputRequired(_l("Give your thread a title.")),
            NotBlank(_l("Give your thread a title.")),
            Length(5, 200, _l("Titles are 5 to 200 characters.")),
        ],
        description=_l("State the motion neutrally, so both sides can argue it."),
    )
    body = body_field(
        _l("Opening post"),
        _l("Write the opening post."),
        _l("Posts are at most 20,000 characters."),
        description=_l("Markdown: **bold**, _italic_, [links](https://…), lists and > quotes."),
    )
    tags = StringField(
        _l("Tags"),
        validators=[InputRequired(_l("Add at least one tag."))],
        description=_l("1 to 5 tags, separated by spaces or commas, from the tag list."),
    )
    kind = RadioField(
        _l("Kind"),
        choices=[SelectChoice(value, KIND_LABELS[value]) for value in KINDS],
        default="motion",
        validate_choice=True,
    )
    submission_key = submission_key_field()

    def validate_tags(self, field) -> None:
        """Check the count here; whether each tag exists is checked against the database."""
        slugs = parse_tag_slugs(field.data or "")
        if not slugs:
            raise ValidationError(_l("Add at least one tag."))
        if len(slugs) > MAX_TAGS:
            raise ValidationError(_("Use at most %(count)d tags.", count=MAX_TAGS))


class ReplyForm(FlaskForm):
    """Reply to a thread or to a reply in it."""

    body = reply_body_field()
    parent_id = HiddenField(
        validators=[Optional(), Regexp(r"^[0-9]{1,18}\Z", message=_l("That reply does not exist."))]
    )
    stance = RadioField(
        _l("Stance"),
        choices=[SelectChoice(value, STANCE_LABELS[value]) for value in ("", *STANCES)],
        default="",
        validate_choice=True,
    )
    sources = sources_field()
    submission_key = submission_key_field()


class EditReplyForm(FlaskForm):
    """Edit a reply's text and sources."""

    body = reply_body_field()
    sources = sources_field()


class PreviewForm(FlaskForm):
    """Render Markdown for the preview pane."""

    body = TextAreaField(
        filters=[single_line_breaks, remove_invisible_controls],
        validators=[Length(max=MAX_BODY, message=_l("Too long to preview."))],
    )
