"""CLI commands: seed the forum, create users, re-render stored Markdown."""

import sys

import click
from flask import Flask
from werkzeug.datastructures import MultiDict

from . import actions, queries
from .models import ROLES


def read_password(prompt: str = "Password") -> str:
    """Read a password from standard input when piped, or prompt for it twice otherwise."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt(prompt, hide_input=True, confirmation_prompt=True)


def register(app: Flask) -> None:
    """Attach the forum's commands to the flask CLI."""

    @app.cli.command("seed")
    def seed_command() -> None:
        """Load the Milipol 2023 report and its debates into an empty forum."""
        from .seed import seed_forum

        if not queries.is_empty():
            click.echo("The forum already has content; nothing seeded.")
            return
        passwords = seed_forum()
        click.echo("Seeded the forum. Demo accounts (passwords shown once):")
        for username, password in passwords.items():
            click.echo(f"  {username:<24} {password}")

    @app.cli.command("rerender")
    @click.option("--all", "everything", is_flag=True, help="Re-render every post, not just stale.")
    def rerender_command(everything: bool) -> None:
        """Re-render stored Markdown made by an older renderer."""
        click.echo(f"Re-rendered {actions.rerender_all(everything)} posts.")

    users = click.Group("users", help="Manage accounts.")
    app.cli.add_command(users)

    @users.command("create")
    @click.argument("username")
    @click.option("--email", required=True)
    @click.option("--role", type=click.Choice(ROLES), default="member", show_default=True)
    def create_user(username: str, email: str, role: str) -> None:
        """Create an account; the password is read from standard input or prompted."""
        from .forms import RegisterForm

        password = read_password()
        fields = {"username": username, "email": email, "password": password}
        form = RegisterForm(formdata=MultiDict(fields), meta={"csrf": False})
        if not form.validate():
            for field_errors in form.errors.values():
                for message in field_errors:
                    click.echo(f"Error: {message}", err=True)
            raise SystemExit(1)
        try:
            user = actions.register_user(username, email, password, role)
        except actions.ActionError as error:
            click.echo(f"Error: {error.message}", err=True)
            raise SystemExit(1) from None
        click.echo(f"Created {user.role} {user.username}.")
