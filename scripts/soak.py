"""Soak test: a forum of production shape, served by gunicorn, under a bounded mixed load.

    python -m scripts.soak [--seconds 90] [--database-url URL] [--workers 2] [--clients 8]
    python -m scripts.soak --self-test    # proves that a worker killed mid-run fails the soak

It builds 50 members, 200 threads and 4,980 replies of about 400 characters of Markdown
(one thread of 1,000 replies, at most twelve levels deep) through the forum's own actions,
serves them with gunicorn (gunicorn.conf.py, more than one worker) on 127.0.0.1, and sends
home, thread, big-thread, continue-page, tag, profile, signed-in and posting requests until
the time or the request budget runs out. It fails (exit 1) if any worker dies by a signal or
is restarted, any response is a 5xx, or any connection is dropped.
"""

import argparse
import http.client
import http.cookiejar
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import event, select, text

from config import TestingConfig
from forum import create_app
from forum.extensions import db
from forum.models import Reply
from scripts.forumdata import add_reply_tree, make_members, make_tag, make_thread

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "benchmark password"
MAX_REQUESTS = 200_000
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
WORKER_TROUBLE = re.compile(r"was sent SIG\w+|WORKER TIMEOUT|aborted after|Fatal Python error")
BOOTED = re.compile(r"Booting worker with pid: (\d+)")


@dataclass
class Forum:
    """The addresses the load is spread over."""

    small_threads: list[str]
    big_thread: str
    continue_pages: list[str]
    tags: list[str]
    profiles: list[str]
    reply_targets: list[int]


@dataclass
class Tally:
    """What the clients saw, shared between their threads."""

    statuses: Counter = field(default_factory=Counter)
    timings: dict = field(default_factory=lambda: defaultdict(list))
    dropped: list = field(default_factory=list)
    server_errors: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, status: int, seconds: float, url: str) -> None:
        """Count one answer."""
        with self.lock:
            self.statuses[status] += 1
            self.timings[kind].append(seconds)
            if status >= 500:
                self.server_errors.append(f"{status} {url}")

    def drop(self, url: str, error: Exception) -> None:
        """Count a connection that failed or was cut."""
        with self.lock:
            self.dropped.append(f"{url}: {error!r}")

    @property
    def total(self) -> int:
        """Requests answered so far."""
        return sum(self.statuses.values())


def build_forum(database_url: str, threads: int = 200, big_replies: int = 1000) -> Forum:
    """Create the forum of the issue's shape (or a smaller one); returns the URLs to load."""

    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = database_url

    app = create_app(Config)
    with app.app_context():
        # Building only: commits need not reach the disk; the served forum is unaffected.
        event.listen(db.engine, "connect", skip_disk_flushes)
        db.engine.dispose()
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        db.create_all()
        make_tag()
        members = make_members(50, PASSWORD)
        big = make_thread(members[0], "A thousand replies on live facial recognition", 0, members)
        add_reply_tree(big, members, big_replies, max_depth=12, seed=7)
        small = []
        for number in range(threads - 1):
            thread = make_thread(members[number % 50], f"Debate number {number}", 0, members)
            add_reply_tree(thread, members, 20, max_depth=8, seed=number + 1)
            small.append(thread)
        continue_roots = db.session.scalars(
            select(Reply.id).where(Reply.thread_id == big.id, Reply.depth == 6)
        ).all()
        forum = Forum(
            small_threads=[f"/t/{thread.id}/{thread.slug}" for thread in small],
            big_thread=f"/t/{big.id}/{big.slug}",
            continue_pages=[f"/p/{reply_id}" for reply_id in continue_roots],
            tags=["/tags", "/tags/bench"],
            profiles=[f"/u/member{number}" for number in range(50)],
            reply_targets=[thread.id for thread in small],
        )
        db.session.remove()
        db.engine.dispose()
    return forum


def skip_disk_flushes(dbapi_connection, connection_record) -> None:
    """Speed up thousands of small commits while building (never used by the server)."""
    cursor = dbapi_connection.cursor()
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor.execute("PRAGMA synchronous=OFF")
    else:
        cursor.execute("SET synchronous_commit TO OFF")
    cursor.close()


def free_port() -> int:
    """A TCP port nothing listens on, on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(database_url: str, folder: Path, workers: int):
    """Serve the forum with the production gunicorn settings; returns (process, url, log)."""
    port = free_port()
    log_path = folder / "gunicorn.log"
    environment = {
        **os.environ,
        "FORUM_ENV": "development",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "soak-" + "x" * 40,
        "MAIL_OUTBOX": str(folder / "outbox"),
        "MAIL_SERVER": "",
        # The load posts as members created minutes ago: the new-member limits would refuse them.
        "NEW_MEMBER_HOURS": "0",
        "NEW_MEMBER_REPLIES": "0",
        # A load test is not abuse: the request limits would answer most of it with 429s.
        "RATELIMIT_ENABLED": "false",
        "PYTHONFAULTHANDLER": "1",
    }
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "wsgi:app"]
    log = log_path.open("w")
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/", timeout=5) as response:
                if response.status == 200:
                    return process, url, log_path
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit(f"gunicorn did not start; see {log_path}:\n{log_path.read_text()}")


class Client:
    """One simulated reader (or member) with its own cookies."""

    def __init__(self, base: str, forum: Forum, tally: Tally, rng: random.Random):
        self.base, self.forum, self.tally, self.rng = base, forum, tally, rng
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def fetch(self, kind: str, path: str, form: dict | None = None) -> str:
        """GET (or POST a form to) a path and record the answer; returns the page text."""
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, data=data, timeout=60) as response:
                body = response.read().decode()
                status = response.status
        except urllib.error.HTTPError as error:
            body, status = error.read().decode(errors="replace"), error.code
        except (OSError, http.client.HTTPException) as error:
            self.tally.drop(path, error)
            return ""
        self.tally.record(kind, status, time.perf_counter() - started, path)
        return body

    def log_in(self, username: str) -> None:
        """Sign in through the real form."""
        page = self.fetch("login", "/login")
        token = CSRF.search(page)
        if token:
            form = {"csrf_token": token[1], "username": username, "password": PASSWORD}
            self.fetch("login", "/login", form)

    def reply(self) -> None:
        """Post a short reply to a small thread, with the token from its page."""
        thread = self.rng.choice(self.forum.small_threads)
        page = self.fetch("small thread", thread)
        token = CSRF.search(page)
        if token:
            thread_id = thread.split("/")[2]
            form = {"csrf_token": token[1], "body": "Soak reply: *still* here.", "parent_id": ""}
            self.fetch("post reply", f"/t/{thread_id}/reply", form)

    def one_request(self, warmed_up: bool, member: bool) -> None:
        """Pick and send one request; the big thread joins in once the warm-up is over."""
        roll = self.rng.random()
        forum = self.forum
        if member and roll < 0.05:
            self.reply()
        elif member and roll < 0.15:
            self.fetch("signed-in page", self.rng.choice(["/settings", "/new"]))
        elif warmed_up and roll < 0.30:
            self.fetch("big thread", forum.big_thread)
        elif warmed_up and roll < 0.40:
            self.fetch("continue page", self.rng.choice(forum.continue_pages))
        elif roll < 0.65:
            self.fetch("home", "/")
        elif roll < 0.90:
            self.fetch("small thread", self.rng.choice(forum.small_threads))
        else:
            self.fetch("tags and profiles", self.rng.choice(forum.tags + forum.profiles))


def run_load(base: str, forum: Forum, seconds: float, clients: int, on_tick=None) -> Tally:
    """Send the mixed load from `clients` threads until the time or request budget is spent."""
    tally = Tally()
    start = time.monotonic()
    deadline = start + seconds
    warm_up_until = start + seconds * 0.5

    def work(number: int) -> None:
        client = Client(base, forum, tally, random.Random(number))
        member = number % 4 == 0
        if member:
            client.log_in(f"member{number}")
        while time.monotonic() < deadline and tally.total < MAX_REQUESTS:
            client.one_request(time.monotonic() >= warm_up_until, member)

    threads = [threading.Thread(target=work, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        time.sleep(1)
        if on_tick:
            on_tick(time.monotonic() - start)
    return tally


def worker_pids(process: subprocess.Popen) -> list[int]:
    """The pids of the gunicorn master's children."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def stop(process: subprocess.Popen) -> int:
    """Stop gunicorn gracefully (SIGTERM), then for good; returns its exit code."""
    process.terminate()
    try:
        return process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()


def report(tally: Tally, log_text: str, workers: int, exit_code: int) -> list[str]:
    """Print the figures and return every reason the soak failed."""
    print(f"{tally.total} answers: {dict(sorted(tally.statuses.items()))}")
    print(f"{'request':>20} {'count':>7} {'median ms':>10} {'p95 ms':>8}")
    for kind, timings in sorted(tally.timings.items()):
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)] * 1000
        median = statistics.median(timings) * 1000
        print(f"{kind:>20} {len(timings):>7} {median:>10.1f} {p95:>8.1f}")
    failures = []
    trouble = sorted(set(WORKER_TROUBLE.findall(log_text)))
    if trouble:
        failures.append(f"workers died or hung: {trouble}")
    booted = len(BOOTED.findall(log_text))
    if booted > workers:
        failures.append(f"{booted - workers} worker(s) were restarted")
    if tally.server_errors:
        failures.append(f"{len(tally.server_errors)} 5xx answers, e.g. {tally.server_errors[:3]}")
    if tally.dropped:
        failures.append(f"{len(tally.dropped)} dropped connections, e.g. {tally.dropped[:3]}")
    if exit_code != 0:
        failures.append(f"gunicorn exited with {exit_code}")
    if tally.total == 0:
        failures.append("no request was answered")
    return failures


def soak(database_url: str, seconds: float, workers: int, clients: int, kill_at=None) -> list:
    """Build, serve, load and judge; returns the failures (empty when the soak passed).

    With `kill_at` (the self-test) the forum is small and a worker is killed at that second.
    """
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        database_url = database_url or f"sqlite:///{folder / 'soak.db'}"
        started = time.monotonic()
        forum = build_forum(database_url, 10, 100) if kill_at else build_forum(database_url)
        backend = database_url.split(":")[0]
        print(f"Built the forum in {time.monotonic() - started:.0f} s ({backend})")
        process, base, log_path = start_gunicorn(database_url, folder, workers)
        print(f"gunicorn pid {process.pid}, workers {worker_pids(process)}, at {base}")
        killed = []

        def on_tick(elapsed: float) -> None:
            if kill_at is not None and not killed and elapsed >= kill_at:
                victim = worker_pids(process)[0]
                os.kill(victim, signal.SIGSEGV)
                killed.append(victim)
                print(f"Self-test: sent SIGSEGV to worker {victim}")

        try:
            tally = run_load(base, forum, seconds, clients, on_tick)
        finally:
            exit_code = stop(process)
        return report(tally, log_path.read_text(), workers, exit_code)


def main() -> int:
    """Run the soak (or its self-test) and say whether it passed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("SOAK_SECONDS", 90)))
    parser.add_argument("--database-url", default=os.environ.get("SOAK_DATABASE_URL", ""))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--self-test", action="store_true", help="kill a worker; expect failure")
    arguments = parser.parse_args()
    if arguments.self_test:
        failures = soak(arguments.database_url, 12, arguments.workers, 4, kill_at=4)
        caught = any("died" in failure or "restarted" in failure for failure in failures)
        print("Self-test:", "the killed worker failed the soak" if caught else "NOT CAUGHT")
        return 0 if caught else 1
    failures = soak(arguments.database_url, arguments.seconds, arguments.workers, arguments.clients)
    for failure in failures:
        print("FAILED:", failure)
    print("Soak passed." if not failures else "Soak failed.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
