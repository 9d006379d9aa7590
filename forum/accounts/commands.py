"""The `users` CLI group: create accounts from the command line."""

import sys

import click
from flask import Flask
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from ..errors import ActionError
from . import actions
from .forms import RegisterForm
from .models import ROLES


def read_password(prompt: str = "Password") -> str:
    """Read a password from standard input when piped, or prompt for it twice otherwise."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt(prompt, hide_input=True, confirmation_prompt=True)


def register(app: Flask) -> None:
    """Attach `flask users …` to the app's CLI."""
    users = click.Group("users", help="Manage accounts.")
    app.cli.add_command(users)

    @users.command("create")
    @click.argument("username")
    @click.option("--email", required=True)
    @click.option("--role", type=click.Choice(ROLES), default="member", show_default=True)
    def create_user(username: str, email: str, role: str) -> None:
        """Create an account; the password is read from standard input or prompted."""
        password = read_password()
        fields = {"username": username, "email": email, "password": password}
        form = RegisterForm(formdata=MultiDict(fields), meta={"csrf": False})
        if not form.validate():
            for field_errors in form.errors.values():
                for message in field_errors:
                    click.echo(_("Error: %(message)s", message=message), err=True)
            raise SystemExit(1)
        try:
            user = actions.register_user(username, email, password, role)
        except ActionError as error:
            click.echo(_("Error: %(message)s", message=error.message), err=True)
            raise SystemExit(1) from None
        click.echo(_("Created %(role)s %(name)s.", role=user.role, name=user.username))
