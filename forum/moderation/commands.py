"""`flask users role NAME ROLE`: grant or revoke the moderator role from the command line."""

import click
from flask import Flask
from flask_babel import gettext as _

from ..accounts.models import ROLES
from ..accounts.queries import user_by_username
from ..errors import ActionError
from ..extensions import db
from .member_actions import set_role_from_console


def register(app: Flask) -> None:
    """Add `role` to the `users` group the accounts area created."""
    users = app.cli.commands["users"]

    @users.command("role")
    @click.argument("username")
    @click.argument("role", type=click.Choice(ROLES))
    @click.option("--reason", default="", help="Shown in the public moderation log.")
    def change_role(username: str, role: str, reason: str) -> None:
        """Give an account a role (member, moderator or admin); logged publicly."""
        member = user_by_username(username)
        if member is None:
            click.echo(_("Error: %(message)s", message=_("No such user.")), err=True)
            raise SystemExit(1)
        try:
            set_role_from_console(member, role, reason or _("Changed from the server console."))
        except ActionError as error:
            db.session.rollback()
            click.echo(_("Error: %(message)s", message=error.message), err=True)
            raise SystemExit(1) from None
        click.echo(_("%(name)s is now %(role)s.", name=member.username, role=role))
