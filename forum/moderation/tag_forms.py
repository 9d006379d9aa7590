"""Forms for managing tags: a tag's slug, name and description, and merging one into another."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, Regexp

from ..fields import NotBlank, remove_invisible_controls, strip
from .forms import reason_field

# Slugs are the tag's address (/tags/<slug>) and what members type on /new.
SLUG_PATTERN = r"^[a-z0-9-]{2,40}\Z"
SLUG_RULE = _l("Slugs are 2 to 40 lower-case letters, digits and hyphens.")


def slug_field(label, missing, description) -> StringField:
    """A tag's slug: 2 to 40 lower-case letters, digits and hyphens."""
    return StringField(
        label,
        filters=[remove_invisible_controls, strip],
        validators=[InputRequired(missing), Regexp(SLUG_PATTERN, message=SLUG_RULE)],
        description=description,
    )


class TagForm(FlaskForm):
    """Create a tag, or change one's slug, name and description."""

    slug = slug_field(
        _l("Slug"),
        _l("Give the tag a slug."),
        _l("The tag's address and what members type: lower-case letters, digits and hyphens."),
    )
    name = StringField(
        _l("Name"),
        filters=[remove_invisible_controls, strip],
        validators=[
            InputRequired(_l("Give the tag a name.")),
            NotBlank(_l("Give the tag a name.")),
            Length(1, 60, _l("Names are at most 60 characters.")),
        ],
    )
    description = TextAreaField(
        _l("Description"),
        filters=[remove_invisible_controls, strip],
        validators=[
            Optional(),
            Length(max=300, message=_l("Descriptions are at most 300 characters.")),
        ],
        description=_l("Optional: shown on the tag list and the tag's page."),
    )
    reason = reason_field()


class MergeTagForm(FlaskForm):
    """Merge one tag into another, which stays."""

    into = slug_field(
        _l("Merge into"),
        _l("Give the slug of the tag that stays."),
        _l(
            "The slug of the tag that stays. Its threads and followers move there and this "
            "tag's address leads there. This cannot be undone."
        ),
    )
    reason = reason_field()


def for_tag(form: FlaskForm, tag, kind: str) -> FlaskForm:
    """Give a form's fields ids of their own: the page shows an edit and a merge form per tag."""
    for field in form:
        field.id = f"{kind}-{tag.id}-{field.name}"
    return form
