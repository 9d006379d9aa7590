"""Measure the thread page: SQL queries and response time for threads of 10, 100 and 500 replies.

Run as a module from the project's root: `python -m scripts.bench` (or `make bench`).
"""

import statistics
import tempfile
import time

from config import TestingConfig
from forum import create_app
from forum.extensions import db
from forum.querycount import counting_queries
from scripts.forumdata import make_members, make_tag, make_thread

SIZES = (10, 100, 500)
ROUNDS = 30


def main() -> None:
    """Print queries per request and median/95th-percentile times for each thread size."""
    with tempfile.TemporaryDirectory() as folder:

        class Config(TestingConfig):
            SQLALCHEMY_DATABASE_URI = f"sqlite:///{folder}/bench.db"

        app = create_app(Config)
        with app.app_context():
            db.create_all()
            make_tag()
            authors = make_members(2)
            threads = {}
            for size in SIZES:
                thread = make_thread(authors[0], f"Thread of {size}", size, authors)
                threads[size] = f"/t/{thread.id}/{thread.slug}"
            client = app.test_client()
            print(f"{'replies':>8} {'queries':>8} {'median ms':>10} {'p95 ms':>8} {'KiB':>6}")
            for size, url in threads.items():
                with counting_queries() as statements:
                    body = client.get(url).data
                timings = []
                for _ in range(ROUNDS):
                    start = time.perf_counter()
                    client.get(url)
                    timings.append((time.perf_counter() - start) * 1000)
                timings.sort()
                p95 = timings[int(len(timings) * 0.95) - 1]
                print(
                    f"{size:>8} {len(statements):>8} {statistics.median(timings):>10.1f}"
                    f" {p95:>8.1f} {len(body) / 1024:>6.0f}"
                )


if __name__ == "__main__":
    main()
