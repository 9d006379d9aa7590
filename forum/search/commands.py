"""CLI commands of the search area."""

import click
from flask import Flask
from flask.cli import AppGroup
from flask_babel import gettext as _

from .actions import rebuild_index

search_cli = AppGroup("search", help="Full-text search.")


@search_cli.command("reindex")
def reindex_command() -> None:
    """Rebuild the search index from every thread and reply."""
    rebuild_index()
    click.echo(_("Search index rebuilt."))


def register(app: Flask) -> None:
    """Add this area's commands to the app's CLI."""
    app.cli.add_command(search_cli)
