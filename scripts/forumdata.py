"""Build forums of a given shape through the forum's own actions, for benchmarks and soaks."""

import random

from forum.accounts.actions import register_user
from forum.extensions import db
from forum.models import Tag
from forum.threads.actions import post_reply, start_thread

BODY = (
    "Live facial recognition at a stadium gate is a different question from a search of a "
    "**recorded** video after a crime: one scans everyone, the other looks for someone. "
    "Which safeguards would make the first acceptable, if any? See the Milipol notes and "
    "the [CNIL's guidance](https://www.cnil.fr/) before answering; _proportionality_ is the test."
)


def make_tag(slug: str = "bench") -> Tag:
    """One tag that every generated thread is filed under."""
    tag = Tag(slug=slug, name=slug.title(), description="Generated for measurements.")
    db.session.add(tag)
    db.session.commit()
    return tag


def make_members(count: int, password: str = "benchmark password") -> list:
    """Register `count` members named member0, member1, …"""
    return [
        register_user(f"member{number}", f"member{number}@example.org", password)
        for number in range(count)
    ]


def add_reply_tree(thread, authors, how_many: int, max_depth: int = 12, seed: int = 0) -> list:
    """Add `how_many` replies in a random tree at most `max_depth` deep; returns their ids."""
    rng = random.Random(seed or how_many)
    # (id, depth) pairs: reading attributes of committed (expired) rows would query each time.
    placed: list[tuple[int, int]] = []
    for number in range(how_many):
        candidates = [(id_, depth) for id_, depth in placed[-200:] if depth < max_depth]
        parent = rng.choice(candidates) if candidates and rng.random() < 0.8 else None
        author = authors[number % len(authors)]
        stance = rng.choice(["", "support", "challenge"])
        parent_id = parent[0] if parent else None
        reply = post_reply(thread, author, f"{BODY} ({number})", parent_id, stance)
        placed.append((reply.id, parent[1] + 1 if parent else 1))
    return [id_ for id_, _ in placed]


def make_thread(author, title: str, replies: int, authors, tag_slug: str = "bench"):
    """Start a thread and give it a reply tree; returns the thread."""
    thread = start_thread(author, title, BODY, [tag_slug])
    add_reply_tree(thread, authors, replies)
    return thread
