"""Jobs leave the request path: after the response in-process, or through RQ on a real Redis."""

import os
import re

import pytest

from forum import jobs
from forum.mail import send_mail
from tests.helpers import empty_redis, outbox_messages, post_form

# A database of its own on the machine's Redis, emptied by every test that uses it.
REDIS_URL = os.environ.get("FORUM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def mail_note(subject: str) -> None:
    """A job: write one mail to the outbox."""
    send_mail("someone@example.org", subject, "A job ran.")


def broken_job(subject: str) -> None:
    """A job that fails."""
    raise RuntimeError(subject)


@pytest.fixture
def logs(app, caplog):
    """What the app logged during the test."""
    # Alembic's logging setup (the migration tests) disables loggers that already exist.
    app.logger.disabled = False
    return caplog


def reset_link(message) -> str:
    return re.search(r"http://localhost(/reset-password/\S+)", message.get_content())[1]


def ask_for_reset(client, **kwargs):
    return post_form(
        client, "/reset-password", {"email": "alice@example.org"}, "/reset-password", **kwargs
    )


def test_reset_mail_is_sent_after_the_response_not_during_it(app, client, member):
    response = ask_for_reset(client, buffered=False)
    assert response.status_code == 200
    assert b"Check your email" in response.data
    assert outbox_messages(app) == []  # the answer is complete, nothing sent yet
    response.close()  # what a server does once the last byte went out
    (message,) = outbox_messages(app)
    assert message["To"] == "alice@example.org"


def test_unknown_address_queues_the_same_job_and_sends_nothing(app, client, member):
    response = post_form(client, "/reset-password", {"email": "who@example.org"}, "/reset-password")
    assert response.status_code == 200
    assert outbox_messages(app) == []


def test_outside_a_request_a_job_runs_at_once(app):
    jobs.enqueue(mail_note, "from the command line")
    assert [message["Subject"] for message in outbox_messages(app)] == ["from the command line"]


def test_a_failing_job_is_logged_and_the_next_one_still_runs(app, logs):
    jobs.enqueue(broken_job, "boom")
    jobs.enqueue(mail_note, "still sent")
    assert [message["Subject"] for message in outbox_messages(app)] == ["still sent"]
    assert "broken_job" in logs.text


def test_only_importable_functions_can_be_jobs(app):
    def nested():
        """Not importable by a worker."""

    with pytest.raises(ValueError, match="importable"):
        jobs.enqueue(nested)
    with pytest.raises(ValueError, match="importable"):
        jobs.enqueue(lambda: None)


def test_an_unreachable_redis_does_not_lose_the_mail(app, client, member, logs):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    assert ask_for_reset(client).status_code == 200
    assert len(outbox_messages(app)) == 1
    assert "running them here" in logs.text


def test_the_worker_command_needs_redis(runner):
    result = runner.invoke(args=["worker", "--burst"])
    assert result.exit_code != 0
    assert "REDIS_URL" in result.output


@pytest.fixture
def redis_queue(app):
    """The app pointed at an empty Redis database; skipped only where Redis may be absent."""
    connection = empty_redis(REDIS_URL)
    app.config["REDIS_URL"] = REDIS_URL
    yield jobs.queue(app)
    connection.flushdb()
    connection.close()


def test_reset_mail_goes_through_the_redis_queue_and_a_worker(app, client, auth, redis_queue):
    from forum.accounts.actions import register_user

    register_user("alice", "alice@example.org", "correct horse battery")
    assert ask_for_reset(client).status_code == 200
    assert outbox_messages(app) == []  # queued, not sent by the web process
    assert redis_queue.count == 1

    jobs.worker(app).work(burst=True)

    assert redis_queue.count == 0
    (message,) = outbox_messages(app)
    client.get(reset_link(message))  # the token moves into the session
    page = "/reset-password/new"
    response = post_form(client, page, {"password": "a brand new secret"}, page=page)
    assert response.status_code == 302
    assert auth.login("alice", "a brand new secret").status_code == 302


def test_flask_worker_burst_runs_queued_jobs(app, runner, redis_queue):
    jobs.enqueue(mail_note, "queued from the CLI")
    assert outbox_messages(app) == []
    result = runner.invoke(args=["worker", "--burst"])
    assert result.exit_code == 0, result.output
    assert [message["Subject"] for message in outbox_messages(app)] == ["queued from the CLI"]
