"""The thread page costs a fixed number of SQL queries, however many replies it has."""

import html
import random
import re

import pytest
from sqlalchemy import func, select

from forum.database import utcnow
from forum.debate.actions import save_summary, set_position
from forum.extensions import db
from forum.markup import RENDERER_VERSION
from forum.models import Credit, Reply, SourceMark, Thread, Vote
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
    # A real request starts with a fresh session: nothing read by the last one is reused.
    db.session.expire_all()
    with counting_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    return len(statements)


def add_debate(thread: Thread, voters) -> None:
    """Positions (some changed), votes, credits, source marks and a summary on a motion."""
    replies = list(db.session.scalars(select(Reply).where(Reply.thread_id == thread.id)))
    for voter in voters:
        set_position(voter, thread, "for")
        change = set_position(voter, thread, "against")
        for reply in replies:
            if reply.author_id != voter.id and reply.id % 2 == 0:
                db.session.add(Vote(user_id=voter.id, post_id=reply.id))
                reply.vote_count += 1
            if reply.author_id != voter.id and reply.id % 5 == 0:
                db.session.add(Credit(user_id=voter.id, post_id=reply.id, change_id=change.id))
                reply.credit_count += 1
                db.session.add(SourceMark(user_id=voter.id, post_id=reply.id))
                reply.needs_source_count += 1
                reply.sources = "https://example.org/a\nhttps://example.org/b"
    db.session.commit()
    save_summary(thread, voters[0], "The **state** of the debate.")


@pytest.mark.parametrize("logged_in", [False, True])
def test_thread_page_query_count_is_constant(
    client, auth, make_user, make_thread, member, other_member, logged_in
):
    voters = [make_user(f"voter{n}") for n in range(4)]
    small, large = make_thread("Small thread here"), make_thread("Large thread here")
    add_replies(small, [member, other_member], 10)
    add_replies(large, [member, other_member], 500)
    add_debate(small, voters)
    add_debate(large, voters)
    if logged_in:
        auth.login("voter1")
    for page in ("", "/map"):
        small_count = queries_for(client, f"/t/{small.id}/{small.slug}{page}")
        large_count = queries_for(client, f"/t/{large.id}/{large.slug}{page}")
        assert small_count == large_count, page
        # Signed in: the reader's follow level and read position, the navigation's unread
        # notifications, and on the thread page the one write of the read position.
        assert large_count <= (16 if logged_in else 8), page


def test_a_thousand_replies_open_on_a_page_of_fifty_arguments(client, make_thread, member):
    thread = make_thread("A very long debate")
    add_replies(thread, [member], 1000)
    top_level = db.session.scalar(
        select(func.count())
        .select_from(Reply)
        .where(Reply.thread_id == thread.id, Reply.parent_id.is_(None))
    )
    assert top_level > 50
    page = client.get(f"/t/{thread.id}/{thread.slug}?sort=oldest").get_data(as_text=True)
    assert page.count('data-depth="1"') == 50
    more = re.search(r'href="([^"]+after=\d+[^"]*)" rel="next"', page)
    assert more, "no link to the next page of arguments"
    second = client.get(html.unescape(more[1])).get_data(as_text=True)
    assert second.count('data-depth="1"') == min(50, top_level - 50)
    first_ids = set(re.findall(r'data-depth="1" data-post-id="(\d+)"', page))
    second_ids = set(re.findall(r'data-depth="1" data-post-id="(\d+)"', second))
    assert first_ids and second_ids and not first_ids & second_ids


@pytest.mark.parametrize("logged_in", [False, True])
def test_reading_writes_nothing(client, auth, make_user, make_thread, member, logged_in):
    voters = [make_user(f"voter{n}") for n in range(2)]
    thread = make_thread("A motion to read")
    add_replies(thread, [member], 20)
    add_debate(thread, voters)
    if logged_in:
        auth.login("voter1")
    for url in (
        "/",
        f"/t/{thread.id}/{thread.slug}",
        f"/t/{thread.id}/{thread.slug}/map",
        f"/t/{thread.id}/summary/history",
        "/u/alice",
        "/tags",
    ):
        with counting_queries() as statements:
            assert client.get(url).status_code == 200, url
        writes = [
            s
            for s in statements
            if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
            # A member's read position is the one write a GET may make (following area).
            and "thread_reads" not in s
        ]
        assert writes == [], url
