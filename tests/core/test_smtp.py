"""Mail goes out over SMTP when MAIL_SERVER is set (README): a real SMTP server on 127.0.0.1,
started here, receives the password-reset mail a member asks for through the form."""

import re
import socket
import time
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from flask import g

from forum import create_app
from forum.accounts.actions import register_user
from forum.extensions import db
from tests.conftest import make_config, reset_database
from tests.helpers import PASSWORD, post_form


class Inbox:
    """An aiosmtpd handler that keeps every envelope it is given."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1, stopped after the test whatever happens."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


@pytest.fixture
def smtp_app(tmp_path, smtp_server):
    """The forum built with MAIL_SERVER and MAIL_PORT pointing at the test's SMTP server."""
    controller, _inbox = smtp_server

    class Config(make_config(tmp_path)):
        MAIL_SERVER = controller.hostname
        MAIL_PORT = controller.port
        MAIL_USE_TLS = False
        MAIL_SENDER = "Counterpoint <no-reply@counterpoint.invalid>"

    app = create_app(Config)

    @app.before_request
    def forget_previous_request():
        for name in list(vars(g)):
            delattr(g, name)

    with app.app_context():
        reset_database()
        yield app
        db.session.remove()
        if db.engine.dialect.name == "postgresql":
            db.drop_all()
        db.engine.dispose()


def wait_for(inbox: Inbox, count: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while len(inbox.envelopes) < count and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_password_reset_arrives_by_smtp(smtp_app, smtp_server):
    _controller, inbox = smtp_server
    register_user("alice", "alice@example.org", PASSWORD)
    client = smtp_app.test_client()
    answer = post_form(client, "/reset-password", {"email": "alice@example.org"}, "/reset-password")
    assert answer.status_code == 200
    assert b"Check your email" in answer.data
    wait_for(inbox, 1)
    assert len(inbox.envelopes) == 1
    envelope = inbox.envelopes[0]
    assert envelope.rcpt_tos == ["alice@example.org"]
    assert envelope.mail_from == "no-reply@counterpoint.invalid"
    message = message_from_bytes(envelope.original_content, policy=policy.default)
    assert message["To"] == "alice@example.org"
    assert message["Subject"] == "Reset your Counterpoint password"
    body = message.get_content()
    link = re.search(r"http://localhost(/reset-password/\S+)", body)
    assert link, body
    # Nothing went to the file outbox, and the mailed link really resets the password.
    assert not Path(smtp_app.config["MAIL_OUTBOX"]).exists()
    landing = client.get(link[1])
    assert landing.status_code in (200, 302)
    form = landing.headers["Location"] if landing.status_code == 302 else link[1]
    done = post_form(client, form, {"password": "a new long password"}, page=form)
    assert done.status_code == 302


def test_an_unknown_address_sends_nothing(smtp_app, smtp_server):
    _controller, inbox = smtp_server
    client = smtp_app.test_client()
    answer = post_form(client, "/reset-password", {"email": "who@example.org"}, "/reset-password")
    assert answer.status_code == 200
    wait_for(inbox, 1, seconds=1)
    assert inbox.envelopes == []
