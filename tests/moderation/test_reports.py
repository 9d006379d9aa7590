"""Reports and the queue, pins, splits and the public log with its feed."""

import re
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from sqlalchemy import func, select, update

from forum.extensions import db
from forum.models import ModerationAction, Reply, Report, Thread
from forum.moderation.actions import hide_item, lock_thread, pin_thread, unlock_thread
from forum.moderation.report_actions import dismiss_reports, report_item
from forum.threads.actions import post_reply
from tests.helpers import post_form

THREAD_LINK = re.compile(r'class="thread-title"><a href="/t/(\d+)/')


def open_reports() -> int:
    return db.session.scalar(
        select(func.count()).select_from(Report).where(Report.resolved_at.is_(None))
    )


# Reports -----------------------------------------------------------------------------------


def test_own_writing_cannot_be_reported(client, auth, thread, member):
    reply = post_reply(thread, member, "My own argument", None, "")
    auth.login("alice")
    for url in (f"/t/{thread.id}/report", f"/p/{reply.id}/report"):
        answer = post_form(client, url, {"reason": "spam"})
        assert answer.status_code == 400
        assert b"You cannot report your own writing." in answer.data
    assert db.session.query(Report).count() == 0


def test_one_open_report_per_member_per_item(client, auth, thread, other_member, moderator):
    auth.login("bob")
    assert post_form(client, f"/t/{thread.id}/report", {"reason": "spam"}).status_code == 302
    again = post_form(client, f"/t/{thread.id}/report", {"reason": "other", "note": "Again"})
    assert again.status_code == 400
    assert b"You already reported this" in again.data
    assert db.session.query(Report).count() == 1
    # Once resolved, the item can be reported again.
    dismiss_reports(moderator, f"t{thread.id}", "Not spam")
    assert post_form(client, f"/t/{thread.id}/report", {"reason": "spam"}).status_code == 302
    assert db.session.query(Report).count() == 2 and open_reports() == 1


@pytest.mark.parametrize(
    "data",
    [{"reason": "rude"}, {"reason": ""}, {"reason": "spam", "note": "x" * 501}],
    ids=["unknown reason", "no reason", "long note"],
)
def test_malformed_reports_are_refused(client, auth, thread, other_member, data):
    auth.login("bob")
    assert post_form(client, f"/t/{thread.id}/report", data).status_code == 400
    assert db.session.query(Report).count() == 0


def test_scripts_get_json(client, auth, thread, other_member):
    auth.login("bob")
    answer = post_form(
        client, f"/t/{thread.id}/report", {"reason": "spam"}, headers={"Accept": "application/json"}
    )
    assert answer.get_json()["reported"] is True
    again = post_form(
        client, f"/t/{thread.id}/report", {"reason": "spam"}, headers={"Accept": "application/json"}
    )
    assert again.status_code == 400 and again.get_json()["reported"] is False


def test_my_reports_show_the_outcome(client, auth, thread, member, other_member, moderator):
    first = post_reply(thread, member, "First argument", None, "")
    second = post_reply(thread, member, "Second argument", None, "")
    auth.login("bob")
    for reply in (first, second):
        post_form(client, f"/p/{reply.id}/report", {"reason": "spam"})
    post_form(client, f"/t/{thread.id}/report", {"reason": "off-topic"})
    waiting = client.get("/reports").data
    assert waiting.count(b"Waiting for a moderator.") == 3

    hide_item(moderator, first, "Advertising")
    dismiss_reports(moderator, f"p{second.id}", "Just an opinion")
    page = client.get("/reports").data.decode()
    assert "Moderators acted (Hid): Advertising" in page
    assert "Dismissed: Just an opinion" in page
    assert page.count("Waiting for a moderator.") == 1


def test_queue_groups_by_item_most_reported_first(
    client, auth, thread, member, make_user, moderator
):
    parent = post_reply(thread, member, "The parent argument", None, "")
    child = post_reply(thread, member, "A much reported answer", parent.id, "challenge")
    report_item(make_user("r0"), thread, None, "spam", "")
    for name, note in (("r1", "Insults"), ("r2", "Rude"), ("r3", "")):
        report_item(make_user(name), thread, child, "harassment", note)
    auth.login("mod_carol")
    page = client.get("/mod/queue").data.decode()
    assert page.index("3 reports") < page.index("1 report:")
    assert "Insults" in page and "Rude" in page and "Harassment" in page
    # Context: the thread, and the reply it answers.
    assert "The parent argument" in page and thread.title in page
    assert "A much reported answer" in page
    # Acting on the item closes its reports and empties its group.
    hide_item(moderator, child, "Insults")
    page = client.get("/mod/queue").data.decode()
    assert "A much reported answer" not in page and "1 report:" in page


def test_dismissing_from_the_queue_needs_a_reason(client, auth, thread, other_member, moderator):
    report_item(other_member, thread, None, "spam", "")
    auth.login("mod_carol")
    post_form(client, f"/mod/queue/t{thread.id}/dismiss", {"reason": ""}, page="/mod/queue")
    assert open_reports() == 1
    answer = post_form(
        client, f"/mod/queue/t{thread.id}/dismiss", {"reason": "Fine"}, page="/mod/queue"
    )
    assert answer.status_code == 302 and open_reports() == 0
    row = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "dismiss"))
    assert row.reason == "Fine" and row.moderator_id == moderator.id


# Pins --------------------------------------------------------------------------------------


def split_listing(html: str) -> tuple[list[int], list[int]]:
    """Thread ids in the Pinned block and in the page's own list."""
    pinned, _, rest = html.partition('<section aria-label="Pinned">')
    block, _, rest = rest.partition("</section>") if _ else ("", "", pinned)
    return [int(i) for i in THREAD_LINK.findall(block)], [int(i) for i in THREAD_LINK.findall(rest)]


@pytest.mark.parametrize("listing", ["/", "/tags/drones"])
def test_pinned_thread_sits_above_page_one_and_is_not_counted(
    client, make_thread, moderator, listing
):
    threads = [make_thread(f"Thread number {number:02d}") for number in range(32)]
    oldest = threads[0]
    pin_thread(moderator, oldest, "Read this first")
    pinned, listed = split_listing(client.get(listing).data.decode())
    assert pinned == [oldest.id]
    assert len(listed) == 30 and oldest.id not in listed
    next_page = re.search(r'rel="next" href="([^"]+)"', client.get(listing).data.decode())[1]
    pinned, listed = split_listing(client.get(next_page.replace("&amp;", "&")).data.decode())
    assert pinned == []
    assert len(listed) == 1 and oldest.id not in listed  # 31 unpinned threads in all


# Split -------------------------------------------------------------------------------------


def test_split_moves_the_subtree_and_leaves_a_note(
    client, auth, thread, member, other_member, moderator
):
    keep = post_reply(thread, member, "Stays here", None, "support")
    root = post_reply(thread, other_member, "A side topic", None, "challenge")
    child = post_reply(thread, member, "More on the side topic", root.id, "support")
    post_reply(thread, other_member, "Deeper still", child.id, "clarify")
    thread_id, root_id, keep_id = thread.id, root.id, keep.id
    assert thread.reply_count == 4

    auth.login("mod_carol")
    answer = post_form(
        client,
        f"/mod/p/{root_id}/split",
        {"title": "The side topic", "reason": "A debate of its own"},
        page=f"/mod/p/{root_id}",
    )
    assert answer.status_code == 302
    db.session.expire_all()
    old = db.session.get(Thread, thread_id)
    new = db.session.scalar(select(Thread).where(Thread.split_from_id == thread_id))
    assert answer.headers["Location"].startswith(f"/t/{new.id}")
    assert new.kind == "discussion" and new.author_id == other_member.id
    moved = db.session.scalars(select(Reply).where(Reply.thread_id == new.id)).all()
    assert {reply.body_source for reply in moved} == {
        "A side topic",
        "More on the side topic",
        "Deeper still",
    }
    assert db.session.get(Reply, root_id).parent_id is None
    assert sorted(reply.depth for reply in moved) == [1, 2, 3]
    # Counts add up: 1 argument stays, 3 moved, the note is not counted.
    assert old.reply_count == 1 and new.reply_count == 3
    # The new thread links back; the note in the old place links to it.
    new_page = client.get(f"/t/{new.id}/{new.slug}").data.decode()
    assert f'href="/t/{thread_id}"' in new_page and "Split from an earlier thread" in new_page
    assert "A side topic" in new_page
    old_page = client.get(f"/t/{thread_id}/{old.slug}").data.decode()
    assert "Moved by moderators to a new thread" in old_page
    assert f"/t/{new.id}/{new.slug}" in old_page
    assert "Stays here" in old_page and "More on the side topic" not in old_page
    assert db.session.get(Reply, keep_id).thread_id == thread_id
    row = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "split"))
    assert row.detail == f"→ #{new.id}" and row.participant is False


# The public log ----------------------------------------------------------------------------


def action_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'id="action-(\d+)"', html)]


@pytest.fixture
def busy_log(thread, moderator, make_user):
    """36 lock/unlock rows by two moderators; the first four dated 1 March 2026."""
    dan = make_user("mod_dan", role="moderator")
    for number in range(18):
        lock_thread(moderator if number % 2 else dan, thread, f"Lock {number}")
        unlock_thread(moderator, thread, f"Unlock {number}")
    early = select(ModerationAction.id).order_by(ModerationAction.id).limit(4).scalar_subquery()
    db.session.execute(
        update(ModerationAction)
        .where(ModerationAction.id.in_(early))
        .values(created_at=datetime(2026, 3, 1, 12, tzinfo=UTC))
    )
    db.session.commit()
    return dan


def test_log_pages_with_a_cursor(client, busy_log):
    first = client.get("/mod/log").data.decode()
    ids = action_ids(first)
    assert len(ids) == 30
    cursor = re.search(r'rel="next" href="([^"]+)"', first)[1].replace("&amp;", "&")
    second = action_ids(client.get(cursor).data.decode())
    assert len(second) == 6 and not set(ids) & set(second)
    assert len(set(ids) | set(second)) == 36
    assert client.get("/mod/log?after=nonsense").status_code == 400


def test_log_filters(client, busy_log, moderator):
    pins = client.get("/mod/log?action=unlock").data.decode()
    assert len(action_ids(pins)) == 18 and "Lock 1<" not in pins
    danny = client.get("/mod/log?moderator=MOD_DAN").data.decode()
    assert len(action_ids(danny)) == 9
    day = client.get("/mod/log?date=2026-03-01").data.decode()
    assert len(action_ids(day)) == 4
    both = client.get("/mod/log?date=2026-03-01&moderator=mod_dan&action=lock").data.decode()
    assert len(action_ids(both)) == 1
    assert client.get("/mod/log?date=2026-02-30").status_code == 400
    assert client.get("/mod/log?action=explode").status_code == 400
    assert len(action_ids(client.get("/mod/log?moderator=nobody").data.decode())) == 0


def test_filtered_log_keeps_its_filter_on_the_next_page(client, busy_log, moderator):
    for number in range(15):
        lock_thread(moderator, db.session.scalar(select(Thread)), f"More {number}")
        unlock_thread(moderator, db.session.scalar(select(Thread)), f"More {number}")
    first = client.get("/mod/log?action=unlock").data.decode()
    assert len(action_ids(first)) == 30
    cursor = re.search(r'rel="next" href="([^"]+)"', first)[1].replace("&amp;", "&")
    assert "action=unlock" in cursor
    assert len(action_ids(client.get(cursor).data.decode())) == 3


def test_log_feed_is_valid_atom(client, busy_log):
    answer = client.get("/mod/log.atom")
    assert answer.mimetype == "application/atom+xml"
    feed = feedparser.parse(answer.data)
    assert not feed.bozo and feed.version == "atom10"
    assert len(feed.entries) == 36
    assert feed.entries[0].title.startswith("mod_")
    assert "Reason: " in feed.entries[0].summary


def test_system_actions_are_named_in_the_feed(client, thread, member, make_user):
    hot = post_reply(thread, member, "A hot take", None, "")
    for name in ("r1", "r2", "r3"):
        report_item(make_user(name), thread, hot, "spam", "")
    feed = feedparser.parse(client.get("/mod/log.atom").data)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Counterpoint: Automatic cooling"]


def test_dates_in_the_feed_are_utc(client, busy_log):
    feed = feedparser.parse(client.get("/mod/log.atom").data)
    newest = datetime(*feed.entries[0].updated_parsed[:6], tzinfo=UTC)
    assert abs(newest - datetime.now(UTC)) < timedelta(minutes=5)
