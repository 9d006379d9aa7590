"""In-app notifications: each kind, who is never notified, batching, preferences and pages."""

import re

import pytest
from sqlalchemy import select

from forum.extensions import db
from forum.following.models import Notification, NotificationPreference
from forum.moderation.actions import hide_item, lock_thread
from forum.moderation.report_actions import dismiss_reports, report_item
from forum.threads.actions import delete_reply, start_thread
from tests.helpers import post_form


def notes(user, kind=None):
    """A member's notifications (of one kind), oldest first."""
    query = select(Notification).where(Notification.user_id == user.id)
    if kind:
        query = query.where(Notification.kind == kind)
    return list(db.session.scalars(query.order_by(Notification.id)))


def texts(client):
    """The sentences on the notifications page."""
    page = client.get("/notifications").get_data(as_text=True)
    return re.findall(r'<p><a href="([^"]+)" data-notification>([^<]+)</a></p>', page)


@pytest.fixture
def carol(make_user):
    return make_user("carol")


def test_reply_to_my_thread_and_to_my_reply(thread, member, other_member, carol, answer):
    first = answer(thread, other_member)
    assert [n.kind for n in notes(member)] == ["reply"]
    answer(thread, carol, parent=first)
    assert [(n.kind, n.count) for n in notes(other_member)] == [("reply", 1)]


def test_mention_links_existing_members_only(thread, member, other_member, carol, answer):
    reply = answer(thread, other_member, body="As @carol and @nobody said, @CAROL knows.")
    assert [n.kind for n in notes(carol)] == ["mention"]
    assert '<a class="mention" href="/u/carol">@carol</a>' in reply.body_html
    assert '<a class="mention" href="/u/CAROL">@CAROL</a>' in reply.body_html
    assert "@nobody" in reply.body_html and "/u/nobody" not in reply.body_html


def test_mention_in_a_new_thread(tags, other_member, carol):
    thread = start_thread(carol, "Calling bob in", "What does @bob think? Not @carol.", ["drones"])
    assert [n.kind for n in notes(other_member)] == ["mention"]
    assert '<a class="mention" href="/u/bob">@bob</a>' in thread.body_html
    assert notes(carol) == []


def test_new_thread_in_a_watched_tag(client, auth, other_member, make_thread):
    auth.login("bob")
    post_form(client, "/tags/drones/follow", {"level": "watching"}, page="/")
    make_thread("Drones at night")
    make_thread("Privacy by default", tag_slugs=("privacy",))
    assert [(n.kind, n.thread.title) for n in notes(other_member)] == [
        ("new_thread", "Drones at night")
    ]


def test_following_a_tag_does_not_notify(client, auth, other_member, make_thread):
    auth.login("bob")
    post_form(client, "/tags/drones/follow", {"level": "following"}, page="/")
    make_thread("Drones at night")
    assert notes(other_member) == []


def test_replies_in_a_watched_thread_batch_while_unread(
    client, auth, thread, member, other_member, carol, answer
):
    auth.login("bob")
    post_form(client, f"/t/{thread.id}/follow", {"level": "watching"}, page="/")
    first = answer(thread, carol, body="One")
    answer(thread, carol, body="Two")
    answer(thread, carol, body="Three")
    [note] = notes(other_member)
    assert (note.kind, note.count, note.post_id) == ("watched_reply", 3, first.id)
    [(url, text)] = texts(client)
    assert "3 new replies in" in text and url.endswith(f"#p{first.id}")
    post_form(client, f"/notifications/{note.id}/read", page="/notifications")
    answer(thread, carol, body="Four")
    assert [n.count for n in notes(other_member)] == [3, 1]


def test_the_author_of_the_action_is_never_notified(thread, member, answer):
    answer(thread, member, body="Replying to myself, @alice")
    assert notes(member) == []


def test_muted_thread_or_tag_silences_everything(
    client, auth, make_thread, member, other_member, carol, answer
):
    first = make_thread("Muted thread")
    second = make_thread("Robots thread", tag_slugs=("robotics",))
    auth.login("alice")
    post_form(client, f"/t/{first.id}/follow", {"level": "muted"}, page="/")
    post_form(client, "/tags/robotics/follow", {"level": "muted"}, page="/")
    answer(first, other_member, body="Hey @alice")
    answer(second, carol, body="Hey @alice")
    assert notes(member) == []


def test_no_notification_about_hidden_or_deleted_replies(
    client, auth, thread, member, other_member, moderator, answer
):
    hidden = answer(thread, other_member, body="Rude")
    deleted = answer(thread, other_member, body="Oops")
    auth.login("alice")
    assert len(texts(client)) == 1  # the two replies batched into one
    hide_item(moderator, hidden, "Rude")
    delete_reply(deleted)
    assert texts(client) == []
    assert client.get("/notifications/count").get_json() == {"count": 0}


def test_no_notification_about_a_hidden_thread(
    client, auth, make_thread, moderator, other_member, answer
):
    auth.login("bob")
    post_form(client, "/tags/drones/follow", {"level": "watching"}, page="/")
    thread = make_thread("Soon hidden")
    hide_item(moderator, thread, "Off topic")
    assert texts(client) == []


def test_moderator_action_on_my_content(client, auth, thread, member, moderator):
    lock_thread(moderator, thread, "Cooling down")
    assert [(n.kind, n.action.action) for n in notes(member)] == [("moderation", "lock")]
    auth.login("alice")
    [(url, text)] = texts(client)
    assert "Moderators acted on your writing" in text and "Locked" in text


def test_outcome_of_my_report(client, auth, thread, member, other_member, moderator, answer):
    reply = answer(thread, member, body="Questionable")
    report_item(other_member, thread, reply, "spam", "")
    dismiss_reports(moderator, f"p{reply.id}", "Not spam")
    assert [n.kind for n in notes(other_member, "report")] == ["report"]
    assert notes(moderator) == []


def test_reports_acted_on_notify_the_reporter(thread, member, other_member, moderator, answer):
    reply = answer(thread, member, body="Spam spam")
    report_item(other_member, thread, reply, "spam", "")
    hide_item(moderator, reply, "Spam")
    assert [n.action.action for n in notes(other_member, "report")] == ["hide"]
    assert [n.kind for n in notes(member, "moderation")] == ["moderation"]


def test_preferences_are_stored_and_off_means_off(
    client, auth, thread, member, other_member, answer
):
    auth.login("alice")
    data = {
        "watch_own": "y",
        "daily_digest": "y",
        "delivery_reply": "off",
        "delivery_mention": "email",
    }
    for kind in ("new_thread", "watched_reply", "report", "moderation"):
        data[f"delivery_{kind}"] = "app"
    assert post_form(client, "/settings/following", data, page="/settings").status_code == 302
    stored = dict(
        db.session.execute(
            select(NotificationPreference.kind, NotificationPreference.delivery).where(
                NotificationPreference.user_id == member.id
            )
        ).all()
    )
    assert stored["reply"] == "off" and stored["mention"] == "email"
    page = client.get("/settings").get_data(as_text=True)
    assert '<option selected value="off">' in page or '<option value="off" selected>' in page
    assert 'id="daily_digest" name="daily_digest" type="checkbox" value="y"' in page
    answer(thread, other_member, body="A reply alice will not hear about")
    answer(thread, other_member, body="But @alice hears this one", parent=None)
    assert [n.kind for n in notes(member)] == ["mention"]


def test_bad_preference_is_refused(client, auth, member):
    auth.login("alice")
    response = post_form(
        client, "/settings/following", {"delivery_reply": "pigeon"}, page="/settings"
    )
    assert response.status_code == 400


def test_notifications_page_mark_read_and_nav_count(
    client, auth, thread, member, other_member, carol, answer
):
    answer(thread, other_member, body="First answer")
    answer(thread, carol, body="@alice look")
    auth.login("alice")
    page = client.get("/").get_data(as_text=True)
    assert re.search(r"data-notification-count>2<", page)
    rows = texts(client)
    assert [text for _, text in rows][0].startswith("carol mentioned you")
    assert client.get("/notifications/count").get_json() == {"count": 2}
    mention = notes(member, "mention")[0]
    post_form(client, f"/notifications/{mention.id}/read", page="/notifications")
    assert client.get("/notifications/count").get_json() == {"count": 1}
    post_form(client, "/notifications/read-all", page="/notifications")
    assert client.get("/notifications/count").get_json() == {"count": 0}
    assert "data-notification-count hidden>0<" in client.get("/").get_data(as_text=True)


def test_one_cannot_read_anothers_notification(client, auth, thread, member, other_member, answer):
    answer(thread, other_member)
    [note] = notes(member)
    auth.login("bob")
    response = post_form(client, f"/notifications/{note.id}/read", page="/")
    assert response.status_code == 400
    assert notes(member)[0].read_at is None


def test_visitors_see_no_notification_links(client, thread):
    page = client.get("/").get_data(as_text=True)
    assert "/notifications" not in page
    assert client.get("/notifications").status_code == 302
    assert client.get("/notifications/count").status_code in (302, 401)
