"""Measure search on a large forum: 100,000 replies, typical queries, median and p95 times.

Run from the project's root: `python -m scripts.bench_search` (SQLite, a temporary file).
With SEARCH_BENCH_DATABASE_URL (or TEST_DATABASE_URL) set to a PostgreSQL database that
may be emptied, it measures PostgreSQL too. `--replies N` changes the size.
"""

import argparse
import os
import random
import statistics
import tempfile
import time

from sqlalchemy import insert, text

from config import TestingConfig
from forum import create_app
from forum.accounts.models import User
from forum.database import utcnow
from forum.extensions import db
from forum.markup import RENDERER_VERSION
from forum.search.queries import search
from forum.tags.models import Tag, thread_tags
from forum.threads.models import Reply, Thread

ROUNDS = 30
BATCH = 5_000
# Common words, so results are many; rarer ones, so results are few (like real queries).
COMMON = [
    "the",
    "surveillance",
    "cameras",
    "police",
    "data",
    "privacy",
    "public",
    "should",
    "people",
    "would",
]
TOPICS = [
    "facial",
    "recognition",
    "drones",
    "crowd",
    "protest",
    "border",
    "airport",
    "biometric",
    "database",
    "encryption",
    "warrant",
    "court",
    "retention",
    "license",
    "plate",
    "reader",
    "stadium",
    "station",
    "algorithm",
    "bias",
    "consent",
    "vidéo",
    "sécurité",
    "données",
    "caméras",
    "reconnaissance",
    "faciale",
]
FILLER = [f"word{n}" for n in range(5_000)]
QUERIES = [
    "surveillance",
    "facial recognition",
    '"license plate"',
    "drones protest",
    "privacy -police",
    "biometric tag:privacy",
    "caméras vidéo",
    "word4321",
    "surveillance author:member3",
]


def sentence(rng: random.Random, words: int = 40) -> str:
    """A reply-sized text with a Zipf-like mix of common, topical and rare words."""
    picks = []
    for _ in range(words):
        roll = rng.random()
        pool = COMMON if roll < 0.35 else TOPICS if roll < 0.6 else FILLER
        picks.append(rng.choice(pool))
    return " ".join(picks).capitalize() + "."


def build(replies: int, threads: int = 2_000, members: int = 50) -> None:
    """Fill the database fast with bulk inserts (the search index follows by itself)."""
    rng = random.Random(42)
    now = utcnow()
    db.session.add(Tag(slug="privacy", name="Privacy", description=""))
    db.session.add_all(
        User(
            username=f"member{n}",
            username_key=f"member{n}",
            email=f"member{n}@example.org",
            password_hash="x",
        )
        for n in range(members)
    )
    db.session.flush()
    db.session.execute(
        insert(Thread),
        [
            {
                "title": sentence(rng, 8)[:200],
                "slug": f"thread-{n}",
                "author_id": 1 + n % members,
                "body_source": sentence(rng, 80),
                "body_html": "",
                "render_version": RENDERER_VERSION,
                "created_at": now,
                "last_activity_at": now,
                "kind": "motion" if n % 2 else "discussion",
            }
            for n in range(threads)
        ],
    )
    db.session.execute(
        insert(thread_tags), [{"thread_id": n, "tag_id": 1} for n in range(1, threads + 1, 3)]
    )
    for start in range(0, replies, BATCH):
        db.session.execute(
            insert(Reply),
            [
                {
                    "thread_id": 1 + n % threads,
                    "author_id": 1 + n % members,
                    "depth": 1,
                    "body_source": sentence(rng),
                    "body_html": "",
                    "render_version": RENDERER_VERSION,
                    "created_at": now,
                }
                for n in range(start, min(start + BATCH, replies))
            ],
        )
    db.session.commit()
    # A live database has its statistics; a bulk load has to ask for them.
    db.session.execute(text("ANALYZE"))
    db.session.commit()


def measure(label: str, url: str, replies: int) -> None:
    """Build the forum in the database at `url`, then time each query."""

    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = url

    app = create_app(Config)
    with app.app_context():
        db.drop_all()
        db.create_all()
        started = time.perf_counter()
        build(replies)
        print(f"\n{label}: {replies:,} replies built in {time.perf_counter() - started:.0f} s")
        print(f"{'query':<30} {'hits':>5} {'median ms':>10} {'p95 ms':>8}")
        medians = []
        for query in QUERIES:
            for sort in ("relevance", "newest"):
                hits = len(search(query, sort).hits)
                timings = []
                for _ in range(ROUNDS):
                    start = time.perf_counter()
                    search(query, sort)
                    timings.append((time.perf_counter() - start) * 1000)
                    db.session.rollback()
                timings.sort()
                medians.append(statistics.median(timings))
                name = query if sort == "relevance" else f"{query} (newest)"
                print(
                    f"{name:<30} {hits:>5} {statistics.median(timings):>10.1f}"
                    f" {timings[int(len(timings) * 0.95) - 1]:>8.1f}"
                )
        print(f"median of the medians: {statistics.median(medians):.1f} ms")
        if url.startswith("postgresql"):
            db.drop_all()
        db.session.remove()
        db.engine.dispose()


def main() -> None:
    """Measure SQLite, and PostgreSQL when a database URL is given."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--replies", type=int, default=100_000)
    replies = parser.parse_args().replies
    with tempfile.TemporaryDirectory() as folder:
        measure("SQLite (FTS5)", f"sqlite:///{folder}/bench.db", replies)
    url = os.environ.get("SEARCH_BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if url:
        measure("PostgreSQL (tsvector)", url, replies)


if __name__ == "__main__":
    main()
