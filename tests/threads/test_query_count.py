"""The thread page costs a fixed number of SQL queries, however many replies it has."""

import random

import pytest

from forum.database import utcnow
from forum.extensions import db
from forum.markup import RENDERER_VERSION
from forum.models import Reply, Thread
from forum.querycount import counting_queries


def add_replies(thread: Thread, authors, how_many: int) -> None:
    """Insert a random reply tree quickly, bypassing the HTTP layer for speed."""
    rng = random.Random(how_many)
    posts: list[Reply] = []
    for number in range(how_many):
        parent = rng.choice(posts) if posts and rng.random() < 0.8 else None
        post = Reply(
            thread_id=thread.id,
            parent_id=parent.id if parent else None,
            author=authors[number % len(authors)],
            depth=parent.depth + 1 if parent else 1,
            body_source=f"reply {number}",
            body_html=f"<p>reply {number}</p>",
            render_version=RENDERER_VERSION,
            created_at=utcnow(),
        )
        db.session.add(post)
        db.session.flush()
        posts.append(post)
    thread.reply_count = how_many
    db.session.commit()


def queries_for(client, url: str) -> int:
    """How many SQL statements one GET of a page runs."""
    with counting_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    return len(statements)


@pytest.mark.parametrize("logged_in", [False, True])
def test_thread_page_query_count_is_constant(
    client, auth, make_thread, member, other_member, logged_in
):
    small, large = make_thread("Small thread here"), make_thread("Large thread here")
    add_replies(small, [member, other_member], 10)
    add_replies(large, [member, other_member], 500)
    if logged_in:
        auth.login("bob")
    small_count = queries_for(client, f"/t/{small.id}/{small.slug}")
    large_count = queries_for(client, f"/t/{large.id}/{large.slug}")
    assert small_count == large_count
    assert large_count <= 6
