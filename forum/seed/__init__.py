"""The forum's first content: the Milipol 2023 report and the debates drawn from it."""

import re
import secrets
from datetime import timedelta
from pathlib import Path

import click
from flask import Flask
from flask_babel import gettext as _
from werkzeug.security import generate_password_hash

from ..accounts.models import AffiliationChange, User
from ..database import utcnow
from ..extensions import db
from ..moderation.actions import pin_thread
from ..tags.models import Tag
from ..tags.queries import tag_count
from ..threads.actions import slugify
from ..threads.models import Reply, Thread, argument_side
from ..threads.queries import thread_count
from .content import ACCOUNTS, TAGS, THREADS
from .debate import add_living_debate

# Shipped inside the package: nothing at run time reads outside the repository.
REPORT_PATH = Path(__file__).resolve().parent / "milipol-2023.txt"
REPORT_ACCOUNT = {
    "username": "milipol-2023-report",
    "role": "member",
    "bio": "The report from Milipol 2023 in Paris that this forum was started from.",
    "affiliation": "press",
    "organisation": "Milipol 2023 report",
}
REPORT_TITLE = "Milipol 2023 in Paris: what was on show, and what it means for privacy"
HEADING = re.compile(r"^([A-Z][^.!?]{2,80}):$")


def report_markdown(text: str) -> str:
    """Turn the plain-text report into Markdown, keeping its headings as headings."""
    lines = []
    for line in text.strip().splitlines():
        match = HEADING.match(line.strip())
        lines.append(f"## {match[1]}" if match else line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def _read_report() -> str:
    """The report's text, as shipped with the app."""
    return REPORT_PATH.read_text(encoding="utf-8")


def _make_user(account: dict, joined) -> tuple[User, str]:
    password = secrets.token_urlsafe(12)
    user = User(
        username=account["username"],
        username_key=account["username"].lower(),
        email=f"{account['username'].lower()}@counterpoint.invalid",
        password_hash=generate_password_hash(password),
        role=account["role"],
        bio=account["bio"],
        affiliation=account["affiliation"],
        organisation=account["organisation"],
        created_at=joined,
    )
    db.session.add(user)
    db.session.flush()
    db.session.add(
        AffiliationChange(
            user_id=user.id,
            affiliation=user.affiliation,
            organisation=user.organisation,
            created_at=joined,
        )
    )
    return user, password


def _add_replies(thread: Thread, replies: list, parent: Reply | None, users, clock) -> int:
    """Add a nested list of seed replies; returns how many were added."""
    added = 0
    for item in replies:
        moment = next(clock)
        post = Reply(
            thread=thread,
            parent_id=parent.id if parent else None,
            author=users[item["author"]],
            depth=(parent.depth + 1) if parent else 1,
            stance=item.get("stance"),
            side=argument_side(item.get("stance"), parent and parent.side, parent is None),
            created_at=moment,
        )
        post.set_body(item["body"])
        db.session.add(post)
        db.session.flush()
        thread.last_activity_at = moment
        added += 1 + _add_replies(thread, item.get("replies", []), post, users, clock)
    return added


def _clock(start, step: timedelta):
    """Successive timestamps, so seeded replies read in a believable order."""
    moment = start
    while True:
        moment += step
        yield moment


def seed_forum() -> dict[str, str]:
    """Create the tags, demo accounts, report thread and debates; returns the passwords."""
    now = utcnow()
    start = now - timedelta(days=len(THREADS) + 2)
    tags = {slug: Tag(slug=slug, name=name, description=desc) for slug, name, desc in TAGS}
    db.session.add_all(tags.values())
    users, passwords = {}, {}
    for account in [REPORT_ACCOUNT, *ACCOUNTS]:
        users[account["username"]], passwords[account["username"]] = _make_user(account, start)
    body = report_markdown(_read_report())
    report = Thread(
        title=REPORT_TITLE,
        slug="milipol-2023-in-paris-what-was-on-show-and-what-it-means-for-privacy",
        author=users[REPORT_ACCOUNT["username"]],
        created_at=start,
        last_activity_at=start,
        reply_count=0,
        kind="discussion",
        tags=[tags["milipol-2023"]],
    )
    report.set_body(body)
    db.session.add(report)
    for number, spec in enumerate(THREADS, start=1):
        opened = start + timedelta(days=number, hours=number)
        thread = Thread(
            title=spec["title"],
            slug=slugify(spec["title"]),
            author=users[spec["author"]],
            created_at=opened,
            last_activity_at=opened,
            tags=[tags[slug] for slug in spec["tags"]],
        )
        thread.set_body(spec["body"])
        db.session.add(thread)
        db.session.flush()
        thread.reply_count = _add_replies(
            thread, spec["replies"], None, users, _clock(opened, timedelta(minutes=47))
        )
        add_living_debate(thread, number, list(users.values())[1:], opened)
    db.session.commit()
    moderator = next(user for user in users.values() if user.role == "moderator")
    pin_thread(moderator, report, "The report this forum started from: read it first.")
    return passwords


def is_empty() -> bool:
    """True when the forum has no threads and no tags yet (a fresh database to seed)."""
    return thread_count() == 0 and tag_count() == 0


def register(app: Flask) -> None:
    """Attach `flask seed` to the app's CLI."""

    @app.cli.command("seed")
    def seed_command() -> None:
        """Load the Milipol 2023 report and its debates into an empty forum."""
        if not is_empty():
            click.echo(_("The forum already has content; nothing seeded."))
            return
        passwords = seed_forum()
        click.echo(_("Seeded the forum. Demo accounts (passwords shown once):"))
        for username, password in passwords.items():
            click.echo(f"  {username:<24} {password}")
