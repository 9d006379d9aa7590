"""Moderation: reports, actions on content and people, slow mode, appeals and the public log."""
