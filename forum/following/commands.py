"""CLI commands of the following area."""

from flask import Flask


def register(app: Flask) -> None:
    """Add this area's commands to the app's CLI."""
