"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py wsgi:app`.

Every value can be overridden from the environment (GUNICORN_BIND, WEB_CONCURRENCY,
GUNICORN_TIMEOUT) or the command line.
"""

import multiprocessing
import os
import re

from gunicorn.glogging import Logger

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# The usual (2 x cores) + 1 sync workers; each holds one database connection at a time.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# A request line or header larger than this is refused before Flask sees it.
limit_request_line = 8190
accesslog = "-"
errorlog = "-"
loglevel = "info"
# No client address in the access log: time, request, status, size, duration.
access_log_format = '%(t)s "%(m)s %(U)s%(q)s %(H)s" %(s)s %(B)s %(M)sms'

SECRET_PATHS = re.compile(r"(/reset-password/|/settings/email/confirm/)(?!new\b)[^/?\s]+")


class PrivateLogger(Logger):
    """Access log without IP addresses; reset and email-confirmation tokens become '…'."""

    def atoms(self, resp, req, environ, request_time):
        """The usual log fields, with secrets in the path and query removed."""
        values = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "q"):
            if key in values:
                values[key] = SECRET_PATHS.sub(r"\1…", values[key])
        values["h"] = "-"
        return values


logger_class = PrivateLogger


def worker_abort(worker):
    """A worker killed for taking too long (SIGABRT): say so loudly, with its pid."""
    worker.log.critical("Worker %s aborted after the %ss timeout", worker.pid, timeout)


def child_exit(server, worker):
    """Every worker exit is logged; one that was not asked for means a crash or a kill."""
    server.log.warning("Worker %s exited", worker.pid)
