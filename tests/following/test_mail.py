"""Notification mail: sent per the member's choice and never twice, the daily digest once a day,
one-click unsubscribe without signing in, and the recipient's language."""

import re

import pytest
from babel.messages.pofile import read_po
from sqlalchemy import select

from forum.extensions import db
from forum.following.mail import mail_when_wanted, send_notification_mail
from forum.following.models import FollowSettings, Notification
from forum.following.queries import deliveries_for
from forum.i18n import TRANSLATIONS
from forum.moderation.actions import hide_item
from tests.helpers import Auth, outbox_messages, post_form

DAY = "2026-03-02"


def choose(app, username: str, digest: bool = False, **deliveries: str) -> None:
    """Save notification settings through the settings form, as the member would."""
    browser = app.test_client()
    Auth(browser).login(username)
    data = {"watch_own": "y", **deliveries}
    if digest:
        data["daily_digest"] = "y"
    response = post_form(browser, "/settings/following", data, "/settings")
    assert response.status_code == 302


def reply_as(app, username: str, thread, body: str = "I disagree.", parent_id=""):
    """Post a reply through the thread page's form, as the member would."""
    browser = app.test_client()
    Auth(browser).login(username)
    page = f"/t/{thread.id}/{thread.slug}"
    data = {"body": body, "parent_id": parent_id, "stance": "challenge"}
    response = post_form(browser, f"/t/{thread.id}/reply", data, page=page)
    assert response.status_code == 302, response.data


def notifications_of(user) -> list[Notification]:
    db.session.expire_all()
    query = select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    return list(db.session.scalars(query))


def run_mail_jobs(user) -> None:
    """What the job queued for each new notification does (a no-op once it has run)."""
    for notification in notifications_of(user):
        send_notification_mail(notification.id)


def mails_to(app, user) -> list:
    return [message for message in outbox_messages(app) if message["To"] == user.email]


def unsubscribe_link(message) -> str:
    return re.fullmatch(r"<http://localhost(/unsubscribe/\S+)>", message["List-Unsubscribe"])[1]


def test_a_member_who_chose_email_gets_one_mail_with_the_link(app, thread, member, other_member):
    choose(app, "alice", delivery_reply="email")
    reply_as(app, "bob", thread)
    run_mail_jobs(member)

    (message,) = mails_to(app, member)
    assert "bob replied to you in “Should drones watch crowds?”" in message["Subject"]
    body = message.get_content()
    (notification,) = notifications_of(member)
    assert f"http://localhost/p/{notification.post_id}#p{notification.post_id}" in body
    assert notification.emailed_at is not None
    assert message["Content-Language"] == "en"


def test_a_notification_is_never_mailed_twice(app, thread, member, other_member):
    choose(app, "alice", delivery_reply="email")
    reply_as(app, "bob", thread)
    (notification,) = notifications_of(member)
    for _ in range(3):
        send_notification_mail(notification.id)
    mail_when_wanted(notification)  # the hook again: the job it queues finds it already sent
    # A second reply batches into the same notification: still one mail.
    reply_as(app, "bob", thread, body="And again.")
    run_mail_jobs(member)
    assert len(mails_to(app, member)) == 1


def test_an_in_app_preference_sends_no_mail(app, make_thread, member, other_member):
    theirs = make_thread("Is encryption a right?", author=other_member)
    choose(app, "bob", delivery_reply="app", delivery_mention="email")
    reply_as(app, "alice", theirs, body="Yes.")
    (notification,) = notifications_of(other_member)
    mail_when_wanted(notification)
    run_mail_jobs(other_member)
    assert mails_to(app, other_member) == []


def test_the_hook_queues_mail_only_for_those_who_chose_it(app, thread, member, make_user):
    make_user("bob")
    make_user("carol")
    choose(app, "alice", delivery_reply="email")
    choose(app, "carol", delivery_watched_reply="app")
    browser = app.test_client()
    Auth(browser).login("carol")
    page = f"/t/{thread.id}/{thread.slug}"
    post_form(browser, f"/t/{thread.id}/follow", {"level": "watching"}, page)
    reply_as(app, "bob", thread)
    created = list(db.session.scalars(select(Notification).order_by(Notification.id)))
    assert sorted(item.kind for item in created) == ["reply", "watched_reply"]
    mail_when_wanted(*created)  # outside a request the jobs run at once
    assert [message["To"] for message in outbox_messages(app)] == ["alice@example.org"]


def test_no_mail_about_a_reply_hidden_before_it_went_out(
    app, thread, member, other_member, moderator
):
    # The mail is still waiting in the queue when moderators hide the reply: posted while
    # alice took notifications in the forum, then she switches to mail before the job runs.
    reply_as(app, "bob", thread, body="Something nasty.")
    choose(app, "alice", delivery_reply="email")
    (notification,) = notifications_of(member)
    hide_item(moderator, notification.reply, "Abuse")
    send_notification_mail(notification.id)
    assert mails_to(app, member) == []


def digest_on(app, runner, day: str = DAY) -> str:
    result = runner.invoke(args=["digest", "--day", day])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_daily_digest_is_sent_once_a_day(app, runner, make_thread, member, other_member):
    first = make_thread("Should drones watch crowds?")
    second = make_thread("Is encryption a right?", tag_slugs=["privacy"])
    choose(app, "alice", digest=True, delivery_reply="email", delivery_mention="email")
    reply_as(app, "bob", first)
    reply_as(app, "bob", second, body="Ask @alice.")
    run_mail_jobs(member)  # the digest replaces one mail each
    assert mails_to(app, member) == []

    assert "Sent 1 digest." in digest_on(app, runner)
    (digest,) = mails_to(app, member)
    assert digest["Subject"] == "Your Counterpoint digest"
    body = digest.get_content()
    assert "bob replied to you in “Should drones watch crowds?”" in body
    assert "bob mentioned you in “Is encryption a right?”" in body

    assert "Sent 0 digests." in digest_on(app, runner)
    reply_as(app, "bob", first, body="Later the same day.")  # batches into the sent one
    third = make_thread("Who watches the watchers?", tag_slugs=["ethics"])
    reply_as(app, "bob", third, body="New today.")
    assert "Sent 0 digests." in digest_on(app, runner)  # one digest a day at most
    assert len(mails_to(app, member)) == 1

    assert "Sent 1 digest." in digest_on(app, runner, "2026-03-03")
    later = mails_to(app, member)[1].get_content()
    assert "Who watches the watchers?" in later
    assert "Is encryption a right?" not in later  # each notification in one digest only


def test_read_notifications_stay_out_of_the_digest(app, runner, thread, member, other_member):
    choose(app, "alice", digest=True, delivery_reply="email")
    reply_as(app, "bob", thread)
    browser = app.test_client()
    Auth(browser).login("alice")
    post_form(browser, "/notifications/read-all", page="/notifications")
    assert "Sent 0 digests." in digest_on(app, runner)


def test_every_mail_has_a_one_click_unsubscribe(app, client, thread, member, other_member):
    choose(app, "alice", delivery_reply="email", delivery_mention="email")
    reply_as(app, "bob", thread)
    run_mail_jobs(member)
    (message,) = mails_to(app, member)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = unsubscribe_link(message)
    assert link in message.get_content()

    # A visitor with no session: the page asks first and changes nothing.
    page = client.get(link)
    assert page.status_code == 200
    assert "Replies to my threads and replies" in page.get_data(as_text=True)
    assert deliveries_for(member)["reply"] == "email"

    # The mail client's one-click POST (RFC 8058): no session, no CSRF token.
    done = client.post(link, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert "You are unsubscribed" in done.get_data(as_text=True)
    db.session.expire_all()
    assert deliveries_for(member)["reply"] == "app"
    assert deliveries_for(member)["mention"] == "email"  # only the kind the mail was about

    reply_as(app, "bob", thread, body="@alice, again.")
    run_mail_jobs(member)
    mails = mails_to(app, member)
    assert len(mails) == 2  # the mention still mails; the outbox does not keep their order
    assert sum("replied to you" in mail["Subject"] for mail in mails) == 1


def test_the_digest_link_stops_all_notification_mail(app, runner, client, thread, member):
    from forum.accounts.actions import register_user

    register_user("bob", "bob@example.org", "correct horse battery")
    choose(app, "alice", digest=True, delivery_reply="email", delivery_mention="email")
    reply_as(app, "bob", thread)
    digest_on(app, runner)
    link = unsubscribe_link(mails_to(app, member)[0])
    assert client.post(link).status_code == 200
    db.session.expire_all()
    assert set(deliveries_for(member).values()) == {"app"}
    assert db.session.get(FollowSettings, member.id).daily_digest is False


@pytest.mark.parametrize("tamper", ["not-a-token", "forged", "expired"])
def test_bad_unsubscribe_links_get_a_clear_400(app, client, thread, member, other_member, tamper):
    choose(app, "alice", delivery_reply="email")
    reply_as(app, "bob", thread)
    run_mail_jobs(member)
    link = unsubscribe_link(mails_to(app, member)[0])
    if tamper == "not-a-token":
        link = "/unsubscribe/not-a-token"
    elif tamper == "forged":
        link = link[:-3] + ("aaa" if not link.endswith("aaa") else "bbb")
    else:
        app.config["UNSUBSCRIBE_MAX_AGE"] = -1
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 400
        assert "This unsubscribe link does not work" in response.get_data(as_text=True)
    db.session.expire_all()
    assert deliveries_for(member)["reply"] == "email"


def french_has(msgid: str) -> bool:
    with (TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as source:
        message = read_po(source).get(msgid)
    return message is not None and bool(message.string)


def test_mail_speaks_the_recipients_language(app, runner, thread, member, other_member):
    member.locale = "fr"
    db.session.commit()
    choose(app, "alice", delivery_reply="email")
    reply_as(app, "bob", thread)
    run_mail_jobs(member)
    (message,) = mails_to(app, member)
    assert message["Content-Language"] == "fr"
    if not french_has("Hello %(name)s,"):
        pytest.skip("the French mail strings (/tmp/fr/mail.json) are not in the catalogue yet")
    assert "Bonjour alice" in message.get_content()
    assert "Hello" not in message.get_content()


def test_a_moderation_decision_is_mailed_without_the_hidden_text(
    app, thread, member, other_member, moderator
):
    choose(app, "bob", delivery_moderation="email")
    reply_as(app, "bob", thread, body="A secret only moderators should now see.")
    (reply,) = [item.reply for item in notifications_of(member)]
    hide_item(moderator, reply, "Doxxing")
    run_mail_jobs(other_member)
    (message,) = mails_to(app, other_member)
    assert "Moderators acted on your writing" in message["Subject"]
    assert "A secret" not in message.get_content()
