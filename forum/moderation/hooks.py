"""Moderation events other areas may follow (notifications, say), without importing upwards."""

from ..hooks import ActionHook

# Called with (action_row) for every logged action, before its commit.
action_logged = ActionHook("action_logged")
# Called with (reports, action_row) when open reports are closed, before the commit.
reports_resolved = ActionHook("reports_resolved")
