"""Core CLI commands; each area adds its own (`users` in accounts, `seed` in seed)."""

import click
from flask import Flask
from flask_babel import ngettext

from .database import rerender_bodies


def register(app: Flask) -> None:
    """Attach the maintenance commands to the flask CLI."""

    @app.cli.command("rerender")
    @click.option("--all", "everything", is_flag=True, help="Re-render every post, not just stale.")
    def rerender_command(everything: bool) -> None:
        """Re-render stored Markdown made by an older renderer."""
        count = rerender_bodies(everything)
        click.echo(ngettext("Re-rendered %(num)d post.", "Re-rendered %(num)d posts.", count))
