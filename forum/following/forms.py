"""Forms of the following area: a follow level, a guest's hidden tag, the settings section."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField
from wtforms.fields.choices import SelectChoice

from .models import DELIVERIES, KINDS, LEVELS

LEVEL_LABELS = {
    "watching": _l("Watching: notify me of everything new"),
    "following": _l("Following: in my feed"),
    "normal": _l("Normal"),
    "muted": _l("Muted: hide it"),
}
KIND_LABELS = {
    "reply": _l("Replies to my threads and replies"),
    "mention": _l("Mentions of my name"),
    "new_thread": _l("New threads in tags I watch"),
    "watched_reply": _l("Replies in threads I watch"),
    "report": _l("Outcomes of my reports"),
    "moderation": _l("Moderator actions on my writing"),
}
DELIVERY_LABELS = {
    "app": _l("In the forum"),
    "email": _l("In the forum and by email"),
    "off": _l("Off"),
}


class LevelForm(FlaskForm):
    """Watch, follow, leave normal or mute a thread or a tag."""

    level = SelectField(
        _l("Notifications"), choices=[SelectChoice(lv, LEVEL_LABELS[lv]) for lv in LEVELS]
    )


class HideTagForm(FlaskForm):
    """A visitor hides a tag's threads from their listings, or shows them again."""

    hidden = BooleanField(_l("Hide"))


class FollowingSettingsForm(FlaskForm):
    """Automatic watching, the daily digest and how each kind of notification arrives."""

    watch_own = BooleanField(_l("Watch threads I start or reply to"))
    daily_digest = BooleanField(_l("Gather email notifications into one message a day"))

    def deliveries(self) -> dict[str, str]:
        """The chosen delivery per kind."""
        return {kind: self[f"delivery_{kind}"].data for kind in KINDS}

    def delivery_fields(self) -> list:
        """The delivery fields, in kind order."""
        return [self[f"delivery_{kind}"] for kind in KINDS]


for _kind in KINDS:
    setattr(
        FollowingSettingsForm,
        f"delivery_{_kind}",
        SelectField(
            KIND_LABELS[_kind],
            choices=[SelectChoice(value, DELIVERY_LABELS[value]) for value in DELIVERIES],
            default="app",
        ),
    )
