"""Measure the thread page: SQL queries and response time for threads of 10, 100 and 500 replies."""

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_query_count import add_replies, queries_for  # noqa: E402

from config import TestingConfig  # noqa: E402
from forum import actions, create_app  # noqa: E402
from forum.extensions import db  # noqa: E402

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
            from forum.models import Tag

            db.session.add(Tag(slug="bench", name="Bench", description="Benchmark"))
            db.session.commit()
            alice = actions.register_user("alice", "a@example.org", "benchmark password")
            bob = actions.register_user("bob", "b@example.org", "benchmark password")
            threads = {}
            for size in SIZES:
                thread = actions.start_thread(alice, f"Thread of {size}", "Body", ["bench"])
                add_replies(thread, [alice, bob], size)
                threads[size] = f"/t/{thread.id}/{thread.slug}"
            client = app.test_client()
            print(f"{'replies':>8} {'queries':>8} {'median ms':>10} {'p95 ms':>8} {'KiB':>6}")
            for size, url in threads.items():
                queries = queries_for(client, url)
                body = client.get(url).data
                timings = []
                for _ in range(ROUNDS):
                    start = time.perf_counter()
                    client.get(url)
                    timings.append((time.perf_counter() - start) * 1000)
                timings.sort()
                p95 = timings[int(len(timings) * 0.95) - 1]
                print(
                    f"{size:>8} {queries:>8} {statistics.median(timings):>10.1f}"
                    f" {p95:>8.1f} {len(body) / 1024:>6.0f}"
                )


if __name__ == "__main__":
    main()
