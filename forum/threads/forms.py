"""Thread and reply forms: field names, limits and the messages a person sees."""

import re

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError

from ..fields import MAX_BODY, NotBlank, body_field, strip
from .models import STANCES

TAG_SPLIT = re.compile(r"[\s,]+")
MAX_TAGS = 5
STANCE_LABELS = {"": "Neutral", "support": "Supports", "challenge": "Challenges"}


def parse_tag_slugs(text: str) -> list[str]:
    """Split 'a, b c' into ['a', 'b', 'c'], lower-cased, without repeats, in order."""
    seen: dict[str, None] = {}
    for part in TAG_SPLIT.split(text.strip().lower()):
        if part:
            seen.setdefault(part, None)
    return list(seen)


def reply_body_field() -> TextAreaField:
    """The text of a reply, as both the reply and the edit form ask for it."""
    return body_field(
        "Your reply", "Write something before posting.", "Replies are at most 20,000 characters."
    )


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

    body = reply_body_field()
    parent_id = HiddenField(
        validators=[Optional(), Regexp(r"^[0-9]{1,18}\Z", message="That reply does not exist.")]
    )
    stance = RadioField(
        "Stance",
        choices=[SelectChoice(value, STANCE_LABELS[value]) for value in ("", *STANCES)],
        default="",
        validate_choice=True,
    )


class EditReplyForm(FlaskForm):
    """Edit a reply's text."""

    body = reply_body_field()


class PreviewForm(FlaskForm):
    """Render Markdown for the preview pane."""

    body = TextAreaField(validators=[Length(max=MAX_BODY, message="Too long to preview.")])
