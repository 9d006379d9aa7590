"""CLI commands of the search area."""

from flask import Flask


def register(app: Flask) -> None:
    """Add this area's commands to the app's CLI."""
