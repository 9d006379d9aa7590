"""Core CLI commands; each area adds its own (`users` in accounts, `seed` in seed)."""

import click
from flask import Flask

from .database import rerender_bodies


def register(app: Flask) -> None:
    """Attach the maintenance commands to the flask CLI."""

    @app.cli.command("rerender")
    @click.option("--all", "everything", is_flag=True, help="Re-render every post, not just stale.")
    def rerender_command(everything: bool) -> None:
        """Re-render stored Markdown made by an older renderer."""
        click.echo(f"Re-rendered {rerender_bodies(everything)} posts.")
