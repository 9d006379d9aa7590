"""Tests written to kill mutants `make mutate` found alive: each pins a behaviour a silent change
to the markup door, the permission predicates, the moderation guard, reset tokens, sessions or
the listing cursor would break, driven through HTTP where a reader would meet it."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select

from forum.accounts.actions import _reset_serializer, user_for_reset_token
from forum.accounts.models import UserSession
from forum.accounts.sessions import is_expired, load_user, session_limits, start_session
from forum.database import utcnow
from forum.errors import ActionError
from forum.extensions import db
from forum.markup import render_markdown
from forum.models import Thread
from forum.moderation.actions import hide_item, lock_thread, set_slow_mode, unlock_thread
from forum.moderation.member_actions import suspend_member
from forum.pagination import BadCursor, decode_cursor, encode_cursor, keyset_page
from forum.threads.actions import post_reply, start_thread
from forum.threads.rules import too_soon
from tests.helpers import PASSWORD, outbox_messages, post_form

NEXT_LINK = re.compile(r'rel="next" href="/\?after=([^"]+)"')
TITLE = re.compile(r"Listed thread (\d+)")


def read_pages(client) -> list[list[int]]:
    """Follow the home page's "older" links to the end: the thread numbers on each page."""
    pages, url = [], "/"
    while url:
        html = client.get(url).get_data(as_text=True)
        pages.append([int(number) for number in TITLE.findall(html)])
        following = NEXT_LINK.search(html)
        url = f"/?after={following[1]}" if following else None
        assert len(pages) < 10, "the pages never end"
    return pages


def test_pages_hold_every_thread_once_in_order_even_when_times_tie(client, app, make_thread):
    """Newest first, ties broken by id: no thread repeated, none skipped, at any boundary."""
    app.config["THREADS_PER_PAGE"] = 3
    threads = [make_thread(f"Listed thread {number}") for number in range(8)]
    start = datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)
    # Threads 2 to 6 share one moment, so a page boundary falls inside the tie.
    moments = [start - timedelta(hours=2), start - timedelta(hours=1)] + [start] * 5
    moments.append(start + timedelta(microseconds=1))
    for thread, moment in zip(threads, moments, strict=True):
        thread.last_activity_at = moment
    db.session.commit()
    assert read_pages(client) == [[7, 6, 5], [4, 3, 2], [1, 0]]


def test_an_old_thread_brought_to_the_top_is_listed_once(client, app, make_thread):
    """A newer thread can have a smaller id than the cursor's: the id breaks ties only."""
    app.config["THREADS_PER_PAGE"] = 2
    threads = [make_thread(f"Listed thread {number}") for number in range(4)]
    start = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)
    for hours, thread in zip((9, 1, 2, 3), threads, strict=True):
        thread.last_activity_at = start + timedelta(hours=hours)
    db.session.commit()
    assert read_pages(client) == [[0, 3], [2, 1]]


def test_a_full_last_page_has_no_older_link(client, app, make_thread):
    app.config["THREADS_PER_PAGE"] = 3
    for number in range(6):
        make_thread(f"Listed thread {number}")
    assert read_pages(client) == [[5, 4, 3], [2, 1, 0]]


def test_a_cursor_round_trips_to_the_microsecond():
    moment = datetime(2026, 3, 1, 12, 0, 0, 654321, tzinfo=UTC)
    cursor = encode_cursor(moment, 42)
    assert cursor == f"{int(moment.timestamp())}654321.42"
    assert decode_cursor(cursor) == (moment, 42)


@pytest.mark.parametrize("cursor", ["", "12.", ".12", "1 .2", "1.2x", "x1.2", "1e5.2"])
def test_anything_but_digits_dot_digits_is_refused(cursor):
    with pytest.raises(BadCursor):
        decode_cursor(cursor)


def test_a_cursor_past_the_calendar_is_refused():
    with pytest.raises(BadCursor):
        decode_cursor("99999999999999999999.1")


# The summary of a motion: its author and the forum's moderators and admins, nobody else, and
# never on a discussion (which has no summary).
SUMMARY_WRITERS = [
    ("alice", 200),  # the author
    ("bob", 403),  # another member
    ("mod_carol", 200),
    ("root", 200),  # an admin
]


@pytest.mark.parametrize(("login", "code"), SUMMARY_WRITERS)
def test_who_may_write_a_motions_summary(client, auth, make_user, tags, login, code):
    alice = make_user("alice")
    make_user("bob"), make_user("mod_carol", role="moderator"), make_user("root", role="admin")
    motion = start_thread(alice, "Should drones watch crowds?", "Opening.", ["drones"])
    auth.login(login)
    assert client.get(f"/t/{motion.id}/summary").status_code == code


@pytest.mark.parametrize("login", ["alice", "mod_carol", "root"])
def test_nobody_summarizes_a_discussion(client, auth, make_user, tags, login):
    alice = make_user("alice")
    make_user("mod_carol", role="moderator"), make_user("root", role="admin")
    talk = start_thread(alice, "What counts as a crowd?", "Open.", ["drones"], kind="discussion")
    auth.login(login)
    assert client.get(f"/t/{talk.id}/summary").status_code == 403


# Posting rules (forum/threads/rules.py) --------------------------------------------------------

TWO_LINKS = "See [one](https://one.example) and [two](https://two.example)."


def send_reply(client, thread, body, parent=None):
    data = {"body": body, "stance": "", "parent_id": str(parent or "")}
    return post_form(client, f"/t/{thread.id}/reply", data)


@pytest.fixture
def new_member_rules(app):
    """The limits as production has them: new for 24 hours or until 3 replies."""
    app.config["NEW_MEMBER_HOURS"] = 24
    app.config["NEW_MEMBER_REPLIES"] = 3


def age_and_replies(user, thread, hours: int, replies: int):
    for number in range(replies):
        post_reply(thread, user, f"Earlier argument {number}", None, "")
    user.created_at = utcnow() - timedelta(hours=hours)
    db.session.commit()


@pytest.mark.parametrize(
    ("hours", "replies", "code"),
    [
        (25, 3, 302),  # old enough and three replies: no longer new
        (25, 2, 400),  # old enough, one reply short: still new
        (23, 3, 400),  # three replies, a day not yet passed: still new
        (25, 4, 302),
    ],
)
def test_a_member_stays_new_until_both_the_age_and_the_replies(
    client, auth, new_member_rules, thread, other_member, hours, replies, code
):
    age_and_replies(other_member, thread, hours, replies)
    auth.login("bob")
    assert send_reply(client, thread, TWO_LINKS).status_code == code


def test_the_age_rule_alone_and_the_reply_rule_alone(client, auth, app, thread, other_member):
    auth.login("bob")
    app.config.update(NEW_MEMBER_HOURS=24, NEW_MEMBER_REPLIES=0)
    assert send_reply(client, thread, TWO_LINKS).status_code == 400  # a minute-old account
    app.config.update(NEW_MEMBER_HOURS=0, NEW_MEMBER_REPLIES=1)
    assert send_reply(client, thread, TWO_LINKS).status_code == 400  # no reply yet
    assert send_reply(client, thread, "A first plain reply").status_code == 302
    assert send_reply(client, thread, TWO_LINKS).status_code == 302


def test_staff_are_never_new_members(client, auth, new_member_rules, thread, moderator):
    auth.login("mod_carol")
    assert send_reply(client, thread, TWO_LINKS).status_code == 302


def test_the_link_limit_counts_links_and_says_how_many(
    client, auth, app, new_member_rules, thread, other_member
):
    auth.login("bob")
    assert send_reply(client, thread, "Just [one](https://one.example).").status_code == 302
    app.config["NEW_MEMBER_LINKS"] = 2
    assert send_reply(client, thread, TWO_LINKS).status_code == 302
    refused = send_reply(client, thread, TWO_LINKS + " And [three](https://three.example).")
    assert refused.status_code == 400
    assert (
        "New members may include at most 2 links in a post. Remove the extra links, or put "
        "your references in the sources field." in refused.get_data(as_text=True)
    )


def test_the_hourly_limit_waits_for_the_oldest_of_the_last_replies(
    client, auth, new_member_rules, thread, other_member
):
    now = utcnow()
    for minutes in (90, 50, 40, 30, 20, 10):
        reply = post_reply(thread, other_member, f"Written {minutes} minutes ago", None, "")
        reply.created_at = now - timedelta(minutes=minutes)
    db.session.commit()
    auth.login("bob")
    refused = send_reply(client, thread, "One more")
    assert refused.status_code == 429
    # The fifth most recent reply is 50 minutes old: ten minutes to wait.
    assert 590 <= int(refused.headers["Retry-After"]) <= 600
    text = refused.get_data(as_text=True)
    assert "New members may post 5 replies an hour. You can post again in 10 minutes." in text


def test_slow_mode_says_the_interval_and_the_exact_wait(
    client, auth, thread, other_member, moderator
):
    set_slow_mode(moderator, thread, 50 * 60, "Too heated")
    auth.login("bob")
    assert send_reply(client, thread, "My first word").status_code == 302
    refused = send_reply(client, thread, "My second word")
    assert refused.status_code == 429
    assert 2990 <= int(refused.headers["Retry-After"]) <= 3000
    assert (
        "This thread is in slow mode: one reply every 50 minutes. You can post again in "
        "50 minutes." in refused.get_data(as_text=True)
    )


def test_slow_mode_counts_from_the_members_latest_reply(
    client, auth, thread, other_member, moderator
):
    set_slow_mode(moderator, thread, 15 * 60, "Too heated")
    old = post_reply(thread, other_member, "Long ago", None, "")
    old.created_at = utcnow() - timedelta(minutes=16)
    db.session.commit()
    auth.login("bob")
    assert send_reply(client, thread, "Fifteen minutes later").status_code == 302
    assert send_reply(client, thread, "Too soon").status_code == 429


def test_a_wait_under_a_second_is_still_one_second():
    refusal = too_soon("body", "Wait.", timedelta(milliseconds=10))
    assert refusal.status == 429 and refusal.retry_after == 1
    refusal = too_soon("body", "Wait.", timedelta(seconds=61, milliseconds=1))
    assert refusal.retry_after == 62


def test_a_locked_or_removed_thread_says_why(client, auth, thread, other_member, moderator):
    auth.login("bob")
    lock_thread(moderator, thread, "Off topic now")
    refused = send_reply(client, thread, "Still here")
    assert refused.status_code == 403
    # Said under the text it refuses, whole: a message mangled at either end must not pass.
    assert field_error(refused, "body") == "Locked by moderators: Off topic now"
    unlock_thread(moderator, thread, "Open again")
    hide_item(moderator, thread, "Doxxing")
    assert thread.can_see_text(other_member) is False
    assert send_reply(client, thread, "Still here").status_code == 410  # gone, for readers
    with pytest.raises(ActionError) as refused:  # and refused by the rules, for any caller
        post_reply(thread, other_member, "Still here", None, "")
    assert refused.value.field == "body" and refused.value.status == 403
    assert refused.value.message == "This thread was removed by moderators."


def test_a_suspended_member_is_refused_by_the_posting_rules_for_any_caller(
    thread, other_member, moderator
):
    """The request guard refuses their forms; the rules refuse the action itself too."""
    suspend_member(moderator, other_member, date.today() + timedelta(days=7), "Spam")
    with pytest.raises(ActionError) as refused:
        post_reply(thread, other_member, "Still here", None, "")
    assert refused.value.field == "body" and refused.value.status == 403
    assert refused.value.message == "Your account is suspended."


# Who is offered the reply form (Thread.can_reply): the posting rules refuse the others anyway,
# but a visitor, a suspended member or anyone on a locked or removed thread must not be offered
# a form that can only fail.
REPLY_OFFER = 'data-reply-to="'


@pytest.mark.parametrize(
    ("login", "state", "offered"),
    [
        (None, "open", False),
        ("bob", "open", True),
        ("sam", "open", False),  # suspended
        ("bob", "locked", False),
        ("mod_carol", "locked", False),
        ("alice", "hidden", False),  # the author still sees her removed thread
        ("mod_carol", "hidden", False),
    ],
)
def test_the_reply_form_is_offered_only_where_a_reply_can_land(
    client, auth, make_user, thread, member, moderator, login, state, offered
):
    make_user("bob")
    suspend_member(moderator, make_user("sam"), date.today() + timedelta(days=7), "Spam")
    post_reply(thread, member, "An argument to answer", None, "support")
    if state == "locked":
        lock_thread(moderator, thread, "Enough")
    elif state == "hidden":
        hide_item(moderator, thread, "Doxxing")
    if login:
        auth.login(login)
    page = client.get(f"/t/{thread.id}/{thread.slug}")
    assert page.status_code == 200
    assert (REPLY_OFFER in page.get_data(as_text=True)) is offered


# Password reset tokens (forum/accounts/actions.py) ---------------------------------------------


def reset_mail(app, client, email="alice@example.org", **headers):
    post_form(client, "/reset-password", {"email": email}, "/reset-password", headers=headers)
    return outbox_messages(app)


def test_the_reset_mail_names_the_member_the_link_and_its_lifetime(app, client, member):
    (message,) = reset_mail(app, client)
    assert message["Subject"] == "Reset your Counterpoint password"
    body = message.get_payload(decode=True).decode()
    link = re.search(r"http://localhost/reset-password/\S+", body)[0]
    assert body == (
        "Hello alice,\n\n"
        "Someone asked to reset the password of your Counterpoint account.\n"
        "To choose a new password, open this link within 60 minutes:\n\n"
        f"{link}\n\n"
        "The link works once. If you did not ask for this, ignore this message;\n"
        "your password stays as it is.\n"
    )


def reset_page(app, client, email: str) -> str:
    """Follow a reset mail's link: the page where the new password is chosen."""
    body = reset_mail(app, client, email)[-1].get_payload(decode=True).decode()
    landing = client.get(re.search(r"http://localhost(/reset-password/\S+)", body)[1])
    return landing.location


def field_error(response, field: str) -> str:
    """The refusal shown under one field of a form page."""
    found = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', response.text)
    return found[1] if found else ""


def test_a_new_password_may_be_neither_the_username_nor_the_address(app, client, auth, make_user):
    """Checked on both ways to set one, and said under the field that holds it."""
    make_user("wonderland_alice")
    refusals = (
        ("Wonderland_Alice", "Your password must not be your username."),
        ("wonderland_alice@example.org", "Your password must not be your email address."),
    )
    page = reset_page(app, client, "wonderland_alice@example.org")
    for password, message in refusals:
        refused = post_form(client, page, {"password": password}, page=page)
        assert refused.status_code == 400
        assert field_error(refused, "password") == message
    auth.login("wonderland_alice")
    for password, message in refusals:
        changed = {"current_password": PASSWORD, "new_password": password}
        refused = post_form(client, "/settings/password", changed, "/settings")
        assert refused.status_code == 400
        assert field_error(refused, "new_password") == message
    auth.logout()
    assert auth.login("wonderland_alice").status_code == 302


def test_the_reset_mail_speaks_the_members_language_else_the_askers(app, client, member):
    french = {"Accept-Language": "fr"}
    assert reset_mail(app, client, **french)[-1]["Subject"].startswith("Réinitialiser")
    member.locale = "en"
    db.session.commit()
    assert reset_mail(app, client, **french)[-1]["Subject"].startswith("Reset")


def test_a_reset_token_must_be_signed_for_resets(app, member):
    payload = {"u": member.id, "f": member.password_fingerprint}
    assert user_for_reset_token(_reset_serializer().dumps(payload)) == member
    for salt in (None, "email-change", "itsdangerous"):
        other = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=salt)
        assert user_for_reset_token(other.dumps(payload)) is None
    wrong_key = URLSafeTimedSerializer("another-key", salt="password-reset")
    assert user_for_reset_token(wrong_key.dumps(payload)) is None


@pytest.mark.parametrize(
    "payload",
    [
        ["not", "a", "dict"],
        {"f": "x"},
        {"u": "1"},  # the id as text
        {"u": 999},  # no such account
        {"u": None},
    ],
)
def test_a_reset_token_with_an_odd_payload_is_refused(member, payload):
    if isinstance(payload, dict) and payload.get("u") == "1":
        payload["f"] = member.password_fingerprint
    assert user_for_reset_token(_reset_serializer().dumps(payload)) is None


def test_a_reset_token_bound_to_an_older_password_is_refused(member):
    assert user_for_reset_token(_reset_serializer().dumps({"u": member.id})) is None
    stale = {"u": member.id, "f": member.password_fingerprint[::-1]}
    assert user_for_reset_token(_reset_serializer().dumps(stale)) is None


# The moderation area's guard (moderators_only in forum/moderation/views.py) --------------------


def test_the_moderation_guard_sends_visitors_to_log_in(client):
    answer = client.get("/mod/queue")
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/login?next=")


def test_the_moderation_guard_tells_members_why(client, auth, member):
    auth.login("alice")
    answer = client.get("/mod/queue")
    assert answer.status_code == 403
    assert '<p class="lede">Only moderators can do that.</p>' in answer.get_data(as_text=True)


def test_the_moderation_guard_lets_moderators_through_to_the_page(client, auth, moderator):
    auth.login("mod_carol")
    answer = client.get("/mod/queue")
    assert answer.status_code == 200
    assert "<h1" in answer.get_data(as_text=True)


@pytest.mark.parametrize(
    ("wait", "words"),
    [
        (timedelta(minutes=55), "in 55 minutes"),  # not "in 1 hour" a quarter of an hour early
        (timedelta(minutes=90), "in 2 hours"),
        (timedelta(seconds=30), "in 30 seconds"),
    ],
)
def test_the_wait_is_said_in_the_largest_whole_unit(app, wait, words):
    refusal = too_soon("body", "Wait.", wait)
    assert refusal.message == f"Wait. You can post again {words}."


def test_the_guard_sends_staff_without_two_factor_to_set_it_up(client, auth, app, moderator):
    app.config["REQUIRE_2FA_FOR_STAFF"] = True
    auth.login("mod_carol")
    answer = client.get("/mod/queue")
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/settings/two-factor"


def test_a_page_fetches_one_row_more_than_it_shows(app, make_thread, monkeypatch):
    """The extra row says whether an older page exists; the query never reads the whole table."""
    for number in range(5):
        make_thread(f"Listed thread {number}")
    fetched, sql, scalars = [], [], db.session.scalars

    def counting(query, *args, **kwargs):
        fetched.append(len(scalars(query, *args, **kwargs).unique().all()))
        sql.append(str(query))
        return scalars(query, *args, **kwargs)

    monkeypatch.setattr(db.session, "scalars", counting)
    page = keyset_page(select(Thread), Thread.last_activity_at, Thread.id, None, 2)
    assert len(page.items) == 2 and page.next_cursor
    assert fetched == [3]
    # Ties in time are broken by id in the database, as the cursor assumes (SQLite's index
    # happens to return them so anyway; PostgreSQL need not).
    assert "ORDER BY threads.last_activity_at DESC, threads.id DESC" in sql[0]


# The markup door (forum/markup.py) ------------------------------------------------------------

LINK_ATTRIBUTES = 'rel="nofollow ugc noopener"'


@pytest.mark.parametrize(
    ("source", "link"),
    [
        ("![a *pic*](https://x.org/p.png)", '<a href="https://x.org/p.png" {}>a <em>pic</em></a>'),
        ("![](https://x.org/p.png)", '<a href="https://x.org/p.png" {}>image</a>'),
        ("![a\nb](https://x.org/p.png)", '<a href="https://x.org/p.png" {}>a\nb</a>'),
        ("![x](https://x.org/it's.png)", '<a href="https://x.org/it&#x27;s.png" {}>x</a>'),
    ],
)
def test_an_image_becomes_a_link_to_it_named_by_its_description(source, link):
    """The forum loads nothing from elsewhere: the reader follows the link if they choose."""
    assert render_markdown(source) == f"<p>{link.format(LINK_ATTRIBUTES)}</p>\n"


# Sessions (forum/accounts/sessions.py) --------------------------------------------------------


def new_session(app, user, remember: bool = False) -> str:
    """Start a session as a sign-in would; the session id Flask-Login keeps in the cookie."""
    with app.test_request_context():
        start_session(user, remember)
    return user.get_id()


def arabic_indic(digits: str) -> str:
    """The same number in Arabic-Indic digits, which str.isdigit also accepts."""
    return "".join(chr(0x0660 + int(digit)) for digit in digits)


def test_the_loader_takes_only_a_plain_id_and_that_members_own_token(app, member, other_member):
    """The cookie is signed, but the loader still refuses anything not exactly its own shape."""
    user_id, token = new_session(app, member).split(":")
    with app.test_request_context():
        assert load_user(f"{user_id}:{token}") == member
        assert load_user(f"{user_id.zfill(10)}:{token}") == member  # ten digits is the most
        for refused in (
            f"{other_member.id}:{token}",
            f"{user_id}:{token}x",
            f"{user_id}:",
            user_id,
            f"x{user_id}:{token}",
            f"{arabic_indic(user_id)}:{token}",
            f"{user_id.zfill(11)}:{token}",
            f"{user_id.zfill(5000)}:{token}",
        ):
            assert load_user(refused) is None, refused


def test_a_loaded_member_gives_back_the_id_it_was_loaded_by(app, member):
    """Flask-Login's contract: get_id returns what the loader accepts, token included."""
    session_id = new_session(app, member)
    with app.test_request_context():
        loaded = load_user(session_id)
        assert loaded.get_id() == session_id
        assert load_user(loaded.get_id()) == member


def test_a_banned_members_session_no_longer_loads(app, member):
    session_id = new_session(app, member)
    member.banned_at = utcnow()
    db.session.commit()
    with app.test_request_context():
        assert load_user(session_id) is None


@pytest.mark.parametrize("remember", [False, True])
def test_a_session_lives_to_the_end_of_its_limits_and_no_further(app, remember):
    app.config.update(
        SESSION_IDLE_MINUTES=7, SESSION_MAX_HOURS=5, REMEMBER_IDLE_DAYS=3, REMEMBER_DAYS=11
    )
    idle, lifetime = session_limits(remember)
    if remember:
        assert (idle, lifetime) == (timedelta(days=3), timedelta(days=11))
    else:
        assert (idle, lifetime) == (timedelta(minutes=7), timedelta(hours=5))
    now, moment = utcnow(), timedelta(microseconds=1)
    at_the_limits = UserSession(
        remember=remember, created_at=now - lifetime, last_seen_at=now - idle
    )
    assert not is_expired(at_the_limits, now)
    idle_too_long = UserSession(remember=remember, created_at=now, last_seen_at=now - idle - moment)
    assert is_expired(idle_too_long, now)
    too_old = UserSession(remember=remember, created_at=now - lifetime - moment, last_seen_at=now)
    assert is_expired(too_old, now)


def test_the_last_use_is_written_at_most_once_a_minute_and_never_with_other_changes(app, member):
    session_id = new_session(app, member)
    record = db.session.scalar(select(UserSession))
    for ago, written in ((timedelta(seconds=50), False), (timedelta(seconds=70), True)):
        record.last_seen_at = before = utcnow() - ago
        db.session.commit()
        with app.test_request_context():
            assert load_user(session_id) == member
        db.session.expire_all()
        assert (record.last_seen_at != before) is written
    record.last_seen_at = before = utcnow() - timedelta(minutes=5)
    db.session.commit()
    member.bio = "Not saved by the loader."
    with app.test_request_context():
        assert load_user(session_id) == member
    db.session.rollback()
    assert record.last_seen_at == before
    assert member.bio == ""
