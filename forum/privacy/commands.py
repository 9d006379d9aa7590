"""CLI commands of the privacy area: giving back the names of deleted accounts."""

import click
from flask import Flask
from flask_babel import ngettext

from .actions import free_held_names


def register(app: Flask) -> None:
    """Add this area's commands to the app's CLI."""

    @app.cli.command("free-names")
    def free_names_command() -> None:
        """Give back names of accounts deleted longer ago than the hold (run it daily)."""
        count = free_held_names()
        click.echo(ngettext("Freed %(num)d name.", "Freed %(num)d names.", count))
