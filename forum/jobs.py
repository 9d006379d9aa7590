"""Work done off the request path: an RQ queue on Redis when REDIS_URL is set, else after the
response, in the same process.

A job is a top-level function of an importable module taking plain arguments (ids and strings,
never ORM objects): on Redis it is named and pickled, and either way it runs later, in an app
context of its own, against what the database holds then.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, after_this_request, current_app, g, has_request_context
from flask.testing import FlaskClient
from redis import Redis
from redis.exceptions import ConnectionError as RedisDown
from rq import Queue, SimpleWorker
from sqlalchemy import event
from sqlalchemy.orm import Session

from .extensions import db

QUEUE_NAME = "counterpoint"


def enqueue(function: Callable, *args) -> None:
    """Run `function(*args)` off the request path: on the Redis queue, or after the response.

    Inside a request the job waits for the view's answer, so whatever the view commits is there
    for it to read. Outside one (the CLI) it is queued, or run, at once: call it after the commit.
    """
    if function.__qualname__ != function.__name__ or function.__module__ == "__main__":
        raise ValueError(f"{function!r} is not an importable top-level function")
    if not has_request_context():
        session = db.session()
        if session.in_transaction():
            # Queued by an action outside a request (the CLI, a job): the rows it needs exist
            # only once that action commits, so wait for the commit (and drop it on rollback).
            session.info.setdefault("pending_jobs", []).append((function, args))
            return
        _dispatch(current_app._get_current_object(), [(function, args)])
        return
    if "pending_jobs" not in g:
        g.pending_jobs = []
        after_this_request(_run_after_response)
    g.pending_jobs.append((function, args))


def _dispatch_after_commit(session) -> None:
    jobs = session.info.pop("pending_jobs", None)
    if jobs:
        _dispatch(current_app._get_current_object(), jobs)


def _forget_on_rollback(session, *args) -> None:
    session.info.pop("pending_jobs", None)


def _run_after_response(response):
    app = current_app._get_current_object()
    jobs = g.pop("pending_jobs")
    if app.config["REDIS_URL"]:
        _dispatch(app, jobs)
    else:
        # Closing the response is the server saying the last byte went out.
        response.call_on_close(lambda: _run_here(app, jobs))
    return response


def _dispatch(app: Flask, jobs: list) -> None:
    if not app.config["REDIS_URL"]:
        _run_here(app, jobs)
        return
    try:
        target = queue(app)
        for function, args in jobs:
            target.enqueue(function, *args)
    except (OSError, RedisDown):
        # Redis is down: the work still has to happen, so do it here rather than lose it.
        app.logger.exception("Could not queue %d job(s) on Redis; running them here", len(jobs))
        _run_here(app, jobs)


def _run_here(app: Flask, jobs: list) -> None:
    for function, args in jobs:
        # A fresh app context gives each job its own session, as a worker would.
        with app.app_context():
            try:
                function(*args)
            except Exception:
                # The answer has gone; a failed job must not take the next one down with it.
                app.logger.exception("Job %s%r failed", function.__qualname__, args)


def queue(app: Flask | None = None):
    """The app's RQ queue on the Redis named by REDIS_URL."""
    app = app or current_app
    # A Redis that is unreachable must not hold a request for long; no read timeout, since the
    # worker blocks on a read while it waits for jobs.
    connection = Redis.from_url(app.config["REDIS_URL"], socket_connect_timeout=5)
    return Queue(QUEUE_NAME, connection=connection)


def worker(app: Flask):
    """An RQ worker for the app's queue that runs each job inside an app context of `app`."""

    class AppWorker(SimpleWorker):
        """Runs jobs in this process (no fork), each in a fresh app context."""

        def execute_job(self, job, queue):
            with app.app_context():
                return super().execute_job(job, queue)

    target = queue(app)
    return AppWorker([target], connection=target.connection)


class ClosingClient(FlaskClient):
    """A test client that reads and closes each response, as a server does after sending it."""

    def open(self, *args, buffered: bool = True, **kwargs):
        """Send a request; the body is read whole and the response closed, like a server."""
        return super().open(*args, buffered=buffered, **kwargs)


def register(app: Flask) -> None:
    """Run jobs queued outside a request once their transaction commits; in tests, close
    every response so work queued for after the response runs."""
    if not event.contains(Session, "after_commit", _dispatch_after_commit):
        event.listen(Session, "after_commit", _dispatch_after_commit)
        event.listen(Session, "after_soft_rollback", _forget_on_rollback)
    if app.testing:
        app.test_client_class = ClosingClient
