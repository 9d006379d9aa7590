"""CLI commands of the following area: the mail worker and the daily digest."""

from datetime import UTC, date, datetime

import click
from flask import Flask, current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from .. import jobs
from .mail import send_digests


def register(app: Flask) -> None:
    """Add this area's commands to the app's CLI."""

    @app.cli.command("worker")
    @click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
    def worker_command(burst: bool) -> None:
        """Send queued mail and run other jobs from the Redis queue (needs REDIS_URL)."""
        if not current_app.config["REDIS_URL"]:
            raise click.ClickException(
                _("Set REDIS_URL to use a worker; without it, jobs run in the web process.")
            )
        jobs.worker(current_app._get_current_object()).work(burst=burst)

    @app.cli.command("digest")
    @click.option(
        "--day",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="The day to send for (YYYY-MM-DD, UTC); today by default.",
    )
    def digest_command(day: datetime | None) -> None:
        """Send the daily notification digests (run it once a day, from cron)."""
        chosen: date = day.date() if day else datetime.now(UTC).date()
        count = send_digests(chosen)
        click.echo(ngettext("Sent %(num)d digest.", "Sent %(num)d digests.", count))
