"""CSRF, swept from the URL map: every rule that accepts POST, PUT, PATCH or DELETE refuses a
request without a token, or with another session's token, with a 400 and no change to any row.

The rules are read from `app.url_map` when the tests are collected, so a route added tomorrow is
swept tomorrow. A rule whose URL arguments this file cannot fill fails by name (it is never
skipped): teach FILLERS the new argument.
"""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from config import TestingConfig
from forum import create_app
from forum.accounts import actions as account_actions
from forum.extensions import csrf, db
from forum.following import mail as following_mail
from forum.following.models import Notification
from forum.models import Revision, User
from forum.moderation import actions as moderation
from forum.moderation import report_actions
from forum.threads.actions import edit_reply, post_reply, start_thread
from tests.helpers import PASSWORD, Auth, csrf_from

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
# Only the routes that serve files are left out: they answer GET and HEAD alone.
FILE_ENDPOINTS = {"static", "asset"}
# Exempt from CSRF on purpose, each with its reason. Anything else exempt fails the sweep.
KNOWN_EXEMPT = {
    # RFC 8058: a mail client's one-click POST has no session; the signed token is the proof,
    # so a forged or tampered token must still be a 400 that changes nothing.
    "mail.unsubscribe": "one-click unsubscribe from mail",
}
NEXT_WEEK = (datetime.now(UTC) + timedelta(days=7)).date().isoformat()
# Fields a form might read, so that a request that slipped past CSRF would change something.
FORM_FIELDS = {
    "body": "Sent from another site",
    "title": "A title sent from another site",
    "tags": "drones",
    "kind": "motion",
    "side": "for",
    "stance": "support",
    "parent_id": "",
    "level": "watching",
    "reason": "spam",
    "note": "forged",
    "theme": "dark",
    "language": "fr",
    "next": "/",
    "role": "moderator",
    "until": NEXT_WEEK,
    "seconds": "600",
    "granted": "1",
    "decision": "grant",
    "username": "forged_user",
    "email": "forged@example.org",
    "password": "a forged long password",
    "current_password": PASSWORD,
    "new_password": "a forged long password",
    "bio": "forged",
    "affiliation": "press",
    "organisation": "Forgers",
    "form": "profile",
    "name": "Forged",
    "slug": "forged",
    "description": "forged",
    "target": "privacy",
    "confirm": "1",
}


def swept_rules() -> list:
    """(rule, method, choices) for every state-changing rule, one per `any(...)` value."""
    app = create_app(TestingConfig)
    cases = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in FILE_ENDPOINTS:
            continue
        for method in sorted((rule.methods or set()) & STATE_CHANGING):
            fixed = {
                name: sorted(converter.items)
                for name, converter in rule._converters.items()
                if hasattr(converter, "items")
            }
            combos = [{}]
            for name, items in fixed.items():
                combos = [{**combo, name: item} for combo in combos for item in items]
            for combo in combos:
                label = " ".join([method, rule.rule, *(f"{k}={v}" for k, v in combo.items())])
                cases.append(pytest.param(rule.endpoint, rule.rule, method, combo, id=label))
    assert cases, "no state-changing rules found: the sweep would prove nothing"
    return cases


# Columns any request may touch (when a signed-in session was last seen): not a state change.
TOUCHED_BY_EVERY_REQUEST = {"user_sessions": {"last_seen_at"}}


def snapshot() -> dict:
    """Every row of every table, to prove a refused request changed nothing."""
    db.session.expire_all()
    tables = {}
    for table in db.metadata.sorted_tables:
        skipped = TOUCHED_BY_EVERY_REQUEST.get(table.name, set())
        columns = [column for column in table.columns if column.name not in skipped]
        query = select(*columns).order_by(*table.primary_key.columns)
        tables[table.name] = db.session.execute(query).all()
    return tables


def user(name: str) -> User:
    return db.session.scalar(select(User).where(User.username == name))


@pytest.fixture
def forum(make_user, tags):
    """A small forum with one of everything a URL can name, made with the app's own actions."""
    root = make_user("root", role="admin")
    alice, bob = make_user("alice"), make_user("bob")
    thread = start_thread(alice, "Should drones watch crowds?", "Opening argument.", ["drones"])
    reply = post_reply(thread, alice, "Drones deter crime.", None, "support")
    answer = post_reply(thread, bob, "Do they, though?", reply.id, "challenge")
    edit_reply(reply, "Drones deter crime, I think.")
    report_actions.report_item(bob, thread, db.session.get(type(reply), reply.id), "spam", "Advert")
    hidden = moderation.hide_item(root, db.session.get(type(answer), answer.id), "Off topic")
    appeal = report_actions.file_appeal(user("bob"), hidden, "It was on topic.")
    notification = db.session.scalar(select(Notification).order_by(Notification.id))
    revision = db.session.scalar(select(Revision).order_by(Revision.id))
    assert notification is not None and revision is not None
    alice = user("alice")
    reset = account_actions._reset_serializer().dumps(
        {"u": alice.id, "f": alice.password_fingerprint}
    )
    unsubscribe = urlsplit(following_mail.unsubscribe_url(alice.id, following_mail.EVERY_KIND))
    return SimpleNamespace(
        thread=thread.id,
        reply=reply.id,
        revision=revision.id,
        notification=notification.id,
        appeal=appeal.id,
        reset_token=reset,
        unsubscribe_token=unsubscribe.path.rsplit("/", 1)[1],
    )


# How to fill each URL argument from the forum: by (endpoint, argument), else by argument.
FILLERS = {
    ("auth.reset_password", "token"): lambda f: f.reset_token,
    ("mail.unsubscribe", "token"): lambda f: f.unsubscribe_token,
    "thread_id": lambda f: f.thread,
    "reply_id": lambda f: f.reply,
    "revision_id": lambda f: f.revision,
    "notification_id": lambda f: f.notification,
    "appeal_id": lambda f: f.appeal,
    "key": lambda f: f"p{f.reply}",
    "username": lambda f: "alice",
    "slug": lambda f: "drones",
}


def url_for_rule(app, endpoint: str, rule: str, fixed: dict, forum) -> str:
    """The rule's URL with real ids; a loud failure naming the rule when an argument is new."""
    [matched] = [r for r in app.url_map.iter_rules() if r.rule == rule and r.endpoint == endpoint]
    values = dict(fixed)
    for name in sorted(matched.arguments - set(fixed)):
        filler = FILLERS.get((endpoint, name)) or FILLERS.get(name)
        if filler is None:
            pytest.fail(
                f"CSRF sweep cannot fill <{name}> in {rule} ({endpoint}): add it to FILLERS in "
                "tests/core/test_csrf_sweep.py with a real value from the `forum` fixture"
            )
        values[name] = filler(forum)
    with app.test_request_context():
        adapter = app.url_map.bind("localhost")
        return adapter.build(endpoint, values)


def is_exempt(app, endpoint: str) -> bool:
    view = app.view_functions[endpoint]
    blueprint = app.blueprints.get(endpoint.rpartition(".")[0])
    return (
        f"{view.__module__}.{view.__name__}" in csrf._exempt_views
        or blueprint in csrf._exempt_blueprints
    )


def test_the_sweep_enables_csrf(app):
    assert app.config["WTF_CSRF_ENABLED"] is True
    assert app.config["WTF_CSRF_CHECK_DEFAULT"] is True


@pytest.mark.parametrize(("endpoint", "rule", "method", "fixed"), swept_rules())
def test_state_changing_rule_refuses_a_missing_or_foreign_token(
    app, client, forum, endpoint, rule, method, fixed
):
    url = url_for_rule(app, endpoint, rule, fixed, forum)
    exempt = is_exempt(app, endpoint)
    if exempt:
        assert endpoint in KNOWN_EXEMPT, f"{rule} ({endpoint}) is exempt from CSRF"
        # Exempt routes rest on their signed token: a tampered one must change nothing.
        url = url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB")
    # The admin's own session, signed in through the form: the most a forged request could do.
    Auth(client).login("root")
    own_token = csrf_from(client.get("/settings").data)
    stranger = app.test_client()
    foreign_token = csrf_from(stranger.get("/login").data)
    assert foreign_token != own_token

    for label, data in (
        ("no token", dict(FORM_FIELDS)),
        ("another session's token", {**FORM_FIELDS, "csrf_token": foreign_token}),
        ("a token in the header", dict(FORM_FIELDS)),
    ):
        before = snapshot()
        headers = {"X-CSRFToken": foreign_token} if label == "a token in the header" else {}
        answer = client.open(url, method=method, data=data, headers=headers)
        assert answer.status_code == 400, f"{method} {url} with {label}: {answer.status_code}"
        assert snapshot() == before, f"{method} {url} with {label} changed the database"
        if not exempt:
            assert b"Your form expired or was sent from elsewhere" in answer.data, label

    # A GET never changes anything; an address no rule serves by GET answers 405.
    before = snapshot()
    answer = client.get(url)
    if "GET" not in app.url_map.bind("localhost").allowed_methods(urlsplit(url).path):
        assert answer.status_code == 405, f"GET {url}: {answer.status_code}"
    assert snapshot() == before, f"GET {url} changed the database"


def test_the_known_exemptions_are_still_routes(app):
    """An exemption for a route that no longer exists would hide a rename."""
    for endpoint in KNOWN_EXEMPT:
        assert endpoint in app.view_functions
        assert is_exempt(app, endpoint)
