"""The feed, the notifications page and the thread page with unread marks cost a fixed number
of SQL queries, however many items they show."""

import pytest

from forum.extensions import db
from forum.querycount import counting_queries
from tests.helpers import post_form
from tests.threads.test_query_count import add_replies


def queries_for(client, url: str) -> int:
    """How many SQL statements one GET runs, starting from a fresh session like a server."""
    db.session.expire_all()
    with counting_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(statements)


def fill(make_thread, answer, author, replier, threads: int) -> list:
    """Threads under #drones, each with a reply by someone else (so each notifies its author)."""
    made = []
    for number in range(threads):
        thread = make_thread(f"Drone debate number {number}", author=author)
        answer(thread, replier, body=f"Answer {number} to @{author.username}")
        made.append(thread)
    return made


@pytest.mark.parametrize("threads", [2, 12])
def test_feed_and_notifications_cost_the_same_for_few_or_many(
    client, auth, app, make_thread, make_user, member, other_member, answer, threads
):
    small_reader, large_reader = make_user("few"), make_user("many")
    # Each reader gets threads of their own, read or not, in a tag they follow.
    fill(make_thread, answer, small_reader, other_member, 2)
    many = fill(make_thread, answer, large_reader, other_member, threads)
    counts = {}
    for reader in ("few", "many"):
        auth.login(reader)
        post_form(client, "/tags/drones/follow", {"level": "following"}, page="/")
        client.get(f"/t/{many[0].id}/{many[0].slug}")
        counts[reader] = (queries_for(client, "/feed"), queries_for(client, "/notifications"))
        auth.logout()
    assert counts["few"] == counts["many"]
    feed, notifications = counts["many"]
    assert feed <= 8 and notifications <= 6


def test_thread_page_with_unread_marks_costs_the_same(
    client, auth, make_thread, member, other_member
):
    small, large = make_thread("Small thread here"), make_thread("Large thread here")
    add_replies(small, [member], 5)
    add_replies(large, [member], 5)
    auth.login("bob")
    client.get(f"/t/{small.id}/{small.slug}")
    client.get(f"/t/{large.id}/{large.slug}")
    add_replies(small, [member], 3)
    add_replies(large, [member], 300)
    small_count = queries_for(client, f"/t/{small.id}/{small.slug}")
    large_count = queries_for(client, f"/t/{large.id}/{large.slug}")
    assert small_count == large_count
    page = client.get(f"/t/{large.id}/{large.slug}").get_data(as_text=True)
    assert 'class="reply new"' not in page  # read now


def test_listings_with_unread_counts_cost_the_same(client, auth, make_thread, make_user, answer):
    replier = make_user("replier")
    auth.login("replier")
    counts = []
    for total in (2, 12):
        for number in range(total - len(counts) * 2):
            answer(make_thread(f"Listing thread {total}-{number}"), replier)
        counts.append((queries_for(client, "/"), queries_for(client, "/tags/drones")))
    assert counts[0] == counts[1]
