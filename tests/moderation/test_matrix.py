"""Who may do what: every moderation action × every kind of reader, with the exact answer,
and the database left untouched by every refusal."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from forum.debate.actions import set_position
from forum.debate.models import Credit, Position, Vote
from forum.extensions import db
from forum.models import Appeal, ModerationAction, Reply, Report, Revision, Thread, User
from forum.moderation import actions, member_actions, report_actions
from forum.threads.actions import edit_reply, post_reply, start_thread
from tests.helpers import Auth, csrf_from, post_form

ACTORS = ("visitor", "member", "author", "suspended", "moderator", "participant", "admin")
LOGINS = {
    "member": "bob",
    "author": "alice",
    "suspended": "sam",
    "moderator": "mod_carol",
    "participant": "mod_pat",
    "admin": "root",
}
NEXT_WEEK = (datetime.now(UTC) + timedelta(days=7)).date()

# One row per action; one column per reader, in the order of ACTORS.
# 401: a visitor's POST is sent to log in, keeping its text; 403: not allowed;
# 400: refused with a reason on the form (reporting your own writing); 302: done.
MATRIX = {
    #                    visitor member author suspended moderator participant admin
    "report thread":    "401     302    400    403       302       302         302",
    "report reply":     "401     302    400    403       302       302         302",
    "lock":             "401     403    403    403       302       302         302",
    "unlock":           "401     403    403    403       302       302         302",
    "pin":              "401     403    403    403       302       302         302",
    "unpin":            "401     403    403    403       302       302         302",
    "hide thread":      "401     403    403    403       302       302         302",
    "restore thread":   "401     403    403    403       302       302         302",
    "hide reply":       "401     403    403    403       302       302         302",
    "restore reply":    "401     403    403    403       302       302         302",
    "redact":           "401     403    403    403       302       302         302",
    "retitle":          "401     403    403    403       302       302         302",
    "retag":            "401     403    403    403       302       302         302",
    "split":            "401     403    403    403       302       302         302",
    "slow mode":        "401     403    403    403       302       302         302",
    "suspend":          "401     403    403    403       302       302         302",
    "ban":              "401     403    403    403       302       302         302",
    "lift":             "401     403    403    403       302       302         302",
    "trust":            "401     403    403    403       302       302         302",
    "dismiss":          "401     403    403    403       302       302         302",
    "decide appeal":    "401     403    403    403       302       302         302",
    "role":             "401     403    403    403       403       403         302",
    "reply":            "401     302    302    403       302       302         302",
    "edit reply":       "401     403    302    403       403       403         403",
    "vote":             "401     302    403    403       302       302         302",
    "position":         "401     302    302    403       302       302         302",
    "credit":           "401     302    403    403       302       302         302",
}  # fmt: skip

# GET pages of the moderator and admin areas: visitors are sent to log in (302).
PAGES = {
    #                    visitor member author suspended moderator participant admin
    "/mod/queue":       "302     403    403    403       200       200         200",
    "/mod/t/{thread}":  "302     403    403    403       200       200         200",
    "/mod/p/{reply}":   "302     403    403    403       200       200         200",
    "/mod/u/bob":       "302     403    403    403       200       200         200",
    "/mod/appeals":     "302     403    403    403       200       200         200",
    "/admin/users":     "302     403    403    403       403       403         200",
}  # fmt: skip


def expected(table: dict, name: str, actor: str) -> int:
    return int(table[name].split()[ACTORS.index(actor)])


def snapshot() -> dict:
    """Every row of every table, to prove a refusal changed nothing."""
    db.session.expire_all()
    return {
        table.name: db.session.execute(table.select().order_by(*table.primary_key.columns)).all()
        for table in db.metadata.sorted_tables
    }


def count(model, **where) -> int:
    query = select(func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return db.session.scalar(query)


def logged(action: str):
    """The newest log row for an action, if any."""
    return db.session.scalar(
        select(ModerationAction)
        .where(ModerationAction.action == action)
        .order_by(ModerationAction.id.desc())
    )


@pytest.fixture
def world(make_user, tags):
    """A motion by alice with her reply (edited once) and mod_pat's answer under it;
    sam is suspended, mod_zed is a moderator outside the table."""
    alice, sam = make_user("alice"), make_user("sam")
    make_user("bob")
    make_user("mod_carol", role="moderator")
    pat = make_user("mod_pat", role="moderator")
    make_user("root", role="admin")
    zed = make_user("mod_zed", role="moderator")
    make_user("dave")
    make_user("zoe")
    thread = start_thread(alice, "Should drones watch crowds?", "Opening argument.", ["drones"])
    reply = post_reply(thread, alice, "Drones deter crime.", None, "support")
    post_reply(thread, pat, "Do they, though?", reply.id, "challenge")
    post_reply(thread, sam, "An early word from sam.", None, "challenge")
    edit_reply(reply, "Drones deter crime, and 555-0100 is my number.")
    revision = db.session.scalar(select(Revision).where(Revision.post_id == reply.id))
    member_actions.suspend_member(zed, sam, NEXT_WEEK, "Spam")
    return SimpleNamespace(
        thread=thread.id, reply=reply.id, revision=revision.id, zed=zed, alice=alice
    )


def actor_user(actor: str) -> User | None:
    name = LOGINS.get(actor)
    return db.session.scalar(select(User).where(User.username == name)) if name else None


def thread_of(w) -> Thread:
    return db.session.get(Thread, w.thread)


def reply_of(w) -> Reply:
    return db.session.get(Reply, w.reply)


def user(name: str) -> User:
    return db.session.scalar(select(User).where(User.username == name))


@dataclass
class Action:
    """How to send one action, what must hold first, and how to see it was done."""

    url: str
    data: dict = field(default_factory=dict)
    prepare: object = None  # (world, actor's User or None) -> {name: value} for the url
    done: object = None  # (world, actor's User) -> bool
    log: str = ""  # the log row a moderator's success adds
    on_content: bool = True  # the log row names a thread or reply (participant can be true)


def lock_first(w, _):
    actions.lock_thread(w.zed, thread_of(w), "Heated")


def pin_first(w, _):
    actions.pin_thread(w.zed, thread_of(w), "Important")


def hide_thread_first(w, _):
    actions.hide_item(w.zed, thread_of(w), "Off-topic")


def hide_reply_first(w, _):
    actions.hide_item(w.zed, reply_of(w), "Doxxing")


def suspend_zoe_first(w, _):
    member_actions.suspend_member(w.zed, user("zoe"), NEXT_WEEK, "Rude")


def report_first(w, _):
    report_actions.report_item(user("dave"), thread_of(w), None, "spam", "Advert")


def appeal_first(w, _):
    hid = actions.hide_item(w.zed, reply_of(w), "Doxxing")
    return {"appeal": report_actions.file_appeal(w.alice, hid, "It is my own number.").id}


def change_mind_first(w, reader):
    """Credits need a change of position after the reply was written."""
    if reader is not None:
        set_position(reader, thread_of(w), "for")
        set_position(reader, thread_of(w), "against")


def new_log(action):
    return lambda w, who: logged(action) is not None and logged(action).moderator_id == who.id


ACTIONS = {
    "report thread": Action(
        "/t/{thread}/report",
        {"reason": "spam", "note": "An advert"},
        done=lambda w, who: count(Report, reporter_id=who.id, item_key=f"t{w.thread}") == 1,
    ),
    "report reply": Action(
        "/p/{reply}/report",
        {"reason": "harassment", "note": "A phone number"},
        done=lambda w, who: count(Report, reporter_id=who.id, item_key=f"p{w.reply}") == 1,
    ),
    "lock": Action(
        "/mod/t/{thread}/lock",
        {"reason": "Heated"},
        done=lambda w, who: thread_of(w).is_locked,
        log="lock",
    ),
    "unlock": Action(
        "/mod/t/{thread}/unlock",
        {"reason": "Calm again"},
        lock_first,
        lambda w, who: not thread_of(w).is_locked,
        "unlock",
    ),
    "pin": Action(
        "/mod/t/{thread}/pin",
        {"reason": "Important"},
        done=lambda w, who: thread_of(w).is_pinned,
        log="pin",
    ),
    "unpin": Action(
        "/mod/t/{thread}/unpin",
        {"reason": "Done"},
        pin_first,
        lambda w, who: not thread_of(w).is_pinned,
        "unpin",
    ),
    "hide thread": Action(
        "/mod/t/{thread}/hide",
        {"reason": "Off-topic"},
        done=lambda w, who: thread_of(w).is_hidden,
        log="hide",
    ),
    "restore thread": Action(
        "/mod/t/{thread}/restore",
        {"reason": "On reflection"},
        hide_thread_first,
        lambda w, who: not thread_of(w).is_hidden,
        "restore",
    ),
    "hide reply": Action(
        "/mod/p/{reply}/hide",
        {"reason": "Doxxing"},
        done=lambda w, who: reply_of(w).is_hidden,
        log="hide",
    ),
    "restore reply": Action(
        "/mod/p/{reply}/restore",
        {"reason": "Number removed"},
        hide_reply_first,
        lambda w, who: not reply_of(w).is_hidden,
        "restore",
    ),
    "redact": Action(
        "/mod/revisions/{revision}/redact",
        {"reason": "Phone number"},
        done=lambda w, who: db.session.get(Revision, w.revision).is_redacted,
        log="redact",
    ),
    "retitle": Action(
        "/mod/t/{thread}/retitle",
        {"title": "Should drones watch stadium crowds?", "reason": "Clearer"},
        done=lambda w, who: thread_of(w).title == "Should drones watch stadium crowds?",
        log="retitle",
    ),
    "retag": Action(
        "/mod/t/{thread}/retag",
        {"tags": "privacy ethics", "reason": "Better fit"},
        done=lambda w, who: thread_of(w).tag_text == "ethics privacy",
        log="retag",
    ),
    "split": Action(
        "/mod/p/{reply}/split",
        {"title": "Do drones deter crime?", "reason": "A debate of its own"},
        done=lambda w, who: count(Thread, split_from_id=w.thread) == 1,
        log="split",
    ),
    "slow mode": Action(
        "/mod/t/{thread}/slow-mode",
        {"minutes": "15", "reason": "Too fast"},
        done=lambda w, who: thread_of(w).slow_mode_seconds == 900,
        log="slow_mode",
    ),
    "suspend": Action(
        "/mod/u/bob/suspend",
        {"until": NEXT_WEEK.isoformat(), "reason": "Insults"},
        done=lambda w, who: user("bob").is_suspended,
        log="suspend",
        on_content=False,
    ),
    "ban": Action(
        "/mod/u/bob/ban",
        {"reason": "Spam"},
        done=lambda w, who: user("bob").banned_at is not None,
        log="ban",
        on_content=False,
    ),
    "lift": Action(
        "/mod/u/zoe/lift",
        {"reason": "Served"},
        suspend_zoe_first,
        lambda w, who: not user("zoe").is_restricted,
        "lift",
        on_content=False,
    ),
    "trust": Action(
        "/mod/u/bob/trust",
        {"reason": "Long-standing"},
        done=lambda w, who: user("bob").trusted,
        log="trust",
        on_content=False,
    ),
    "dismiss": Action(
        "/mod/queue/t{thread}/dismiss",
        {"reason": "Not spam"},
        report_first,
        lambda w, who: count(Report, resolution="dismissed") == 1,
        "dismiss",
    ),
    "decide appeal": Action(
        "/mod/appeals/{appeal}",
        {"outcome": "denied", "reason": "It stays hidden"},
        appeal_first,
        lambda w, who: db.session.scalar(select(Appeal)).outcome == "denied",
        "appeal_denied",
    ),
    "role": Action(
        "/admin/users/bob/role",
        {"role": "moderator", "reason": "Volunteered"},
        done=lambda w, who: user("bob").role == "moderator",
        log="role",
        on_content=False,
    ),
    "reply": Action(
        "/t/{thread}/reply",
        {"body": "One more argument", "stance": ""},
        done=lambda w, who: count(Reply, author_id=who.id, body_source="One more argument") == 1,
    ),
    "edit reply": Action(
        "/p/{reply}/edit",
        {"body": "Drones deter crime.", "sources": ""},
        done=lambda w, who: reply_of(w).body_source == "Drones deter crime.",
    ),
    "vote": Action(
        "/p/{reply}/vote",
        done=lambda w, who: count(Vote, user_id=who.id, post_id=w.reply) == 1,
    ),
    "position": Action(
        "/t/{thread}/position",
        {"side": "for"},
        done=lambda w, who: count(Position, user_id=who.id, thread_id=w.thread) == 1,
    ),
    "credit": Action(
        "/p/{reply}/credit",
        prepare=change_mind_first,
        done=lambda w, who: count(Credit, user_id=who.id, post_id=w.reply) == 1,
    ),
}


def send(client, actor: str, url: str, data: dict):
    """Sign in as the actor, then send the form with a token from a page, as a browser does."""
    if actor != "visitor":
        assert Auth(client).login(LOGINS[actor]).status_code == 302
    token = csrf_from(client.get("/" if actor != "visitor" else "/login").data)
    before = snapshot()
    answer = client.post(url, data={"csrf_token": token, **data})
    return answer, before


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", MATRIX)
def test_authorization_matrix(client, world, name, actor):
    action = ACTIONS[name]
    who = actor_user(actor)
    extra = (action.prepare(world, who) if action.prepare else None) or {}
    url = action.url.format(**vars(world), **extra)
    answer, before = send(client, actor, url, action.data)

    assert answer.status_code == expected(MATRIX, name, actor), answer.data[:2000]
    if answer.status_code != 302:
        assert snapshot() == before, "a refused request changed the database"
        if answer.status_code == 401:
            assert b"Log in" in answer.data
        return
    db.session.expire_all()
    assert action.done(world, who)
    if action.log:
        row = logged(action.log)
        assert row.moderator_id == who.id
        assert row.participant is (actor == "participant" and action.on_content)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("page", PAGES)
def test_moderation_pages_matrix(client, world, page, actor):
    if actor != "visitor":
        Auth(client).login(LOGINS[actor])
    answer = client.get(page.format(**vars(world)))
    assert answer.status_code == expected(PAGES, page, actor)
    if answer.status_code == 302:
        assert answer.headers["Location"].startswith("/login")


def test_participating_moderator_is_told_on_the_tools_pages(client, world):
    Auth(client).login("mod_pat")
    for page in (f"/mod/t/{world.thread}", f"/mod/p/{world.reply}"):
        assert b"You took part in this thread" in client.get(page).data
    Auth(client).logout()
    Auth(client).login("mod_carol")
    assert b"You took part in this thread" not in client.get(f"/mod/t/{world.thread}").data


def test_moderator_may_hide_an_admins_reply(client, world):
    admin_reply = post_reply(thread_of(world), user("root"), "Admins err too.", None, "")
    Auth(client).login("mod_carol")
    answer = post_form(client, f"/mod/p/{admin_reply.id}/hide", {"reason": "Off-topic"})
    assert answer.status_code == 302
    db.session.expire_all()
    assert db.session.get(Reply, admin_reply.id).is_hidden


SANCTIONS = {
    "suspend": {"until": NEXT_WEEK.isoformat(), "reason": "Rude"},
    "ban": {"reason": "Rude"},
}


@pytest.mark.parametrize("target", ["mod_zed", "root"])
@pytest.mark.parametrize("sanction", SANCTIONS)
def test_moderator_cannot_sanction_staff(client, world, sanction, target):
    Auth(client).login("mod_carol")
    token = csrf_from(client.get("/").data)
    before = snapshot()
    answer = client.post(
        f"/mod/u/{target}/{sanction}", data={"csrf_token": token, **SANCTIONS[sanction]}
    )
    assert answer.status_code == 400
    assert b"Only an admin can act on a moderator" in answer.data
    assert snapshot() == before


def test_moderator_cannot_lift_a_sanctioned_moderator(client, world):
    member_actions.suspend_member(user("root"), user("mod_zed"), NEXT_WEEK, "Overreach")
    Auth(client).login("mod_carol")
    token = csrf_from(client.get("/").data)
    before = snapshot()
    answer = client.post("/mod/u/mod_zed/lift", data={"csrf_token": token, "reason": "Mate"})
    assert answer.status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize("sanction", SANCTIONS)
def test_admin_may_sanction_a_moderator(client, world, sanction):
    Auth(client).login("root")
    answer = post_form(client, f"/mod/u/mod_zed/{sanction}", SANCTIONS[sanction])
    assert answer.status_code == 302
    db.session.expire_all()
    assert user("mod_zed").is_restricted


def test_nobody_sanctions_themselves(client, world):
    Auth(client).login("root")
    token = csrf_from(client.get("/").data)
    before = snapshot()
    answer = client.post("/mod/u/root/ban", data={"csrf_token": token, "reason": "Oops"})
    assert answer.status_code == 400
    assert snapshot() == before


def test_admin_changes_roles_and_cannot_change_their_own(client, world):
    Auth(client).login("root")
    assert post_form(client, "/admin/users/mod_zed/role", {"role": "member", "reason": "Left"})
    db.session.expire_all()
    assert user("mod_zed").role == "member"
    assert logged("role").detail == "moderator → member"
    before = snapshot()
    post_form(client, "/admin/users/root/role", {"role": "member", "reason": "Tired"})
    assert snapshot() == before


def test_the_moderator_who_acted_cannot_decide_the_appeal(client, world):
    extra = appeal_first(world, None)
    Auth(client).login("mod_zed")
    token = csrf_from(client.get("/").data)
    before = snapshot()
    answer = client.post(
        f"/mod/appeals/{extra['appeal']}",
        data={"csrf_token": token, "outcome": "granted", "reason": "Fine"},
    )
    assert answer.status_code == 403
    assert snapshot() == before


SUSPENDED_WRITES = {
    "start a thread": ("/new", {"title": "A new thread", "body": "Text", "tags": "drones"}),
    "edit own reply": ("/p/{own}/edit", {"body": "Changed", "sources": ""}),
    "delete own reply": ("/p/{own}/delete", {}),
    "report": ("/p/{reply}/report", {"reason": "spam"}),
    "needs a source": ("/p/{reply}/needs-source", {}),
    "summary": ("/t/{thread}/summary", {"body": "A summary"}),
}


@pytest.mark.parametrize("name", SUSPENDED_WRITES)
def test_suspended_member_takes_no_part(client, world, name):
    own = db.session.scalar(select(Reply.id).where(Reply.author_id == user("sam").id))
    url, data = SUSPENDED_WRITES[name]
    answer, before = send(client, "suspended", url.format(own=own, **vars(world)), data)
    assert answer.status_code == 403
    assert b"Your account is suspended until" in answer.data
    assert snapshot() == before


def test_suspended_member_may_still_appeal(client, world):
    Auth(client).login("sam")
    suspension = logged("suspend")
    answer = post_form(
        client, "/appeals", {"action_id": str(suspension.id), "text": "I was hacked."}
    )
    assert answer.status_code == 302
    assert count(Appeal, action_id=suspension.id) == 1


def test_member_cannot_appeal_someone_elses_action(client, world):
    Auth(client).login("bob")
    token = csrf_from(client.get("/appeals").data)
    before = snapshot()
    answer = client.post(
        "/appeals",
        data={"csrf_token": token, "action_id": str(logged("suspend").id), "text": "Please"},
    )
    assert answer.status_code == 400
    assert snapshot() == before


# Sessions ----------------------------------------------------------------------------------


def test_suspension_ends_a_session_opened_before_it(app, client, world):
    Auth(client).login("bob")
    token = csrf_from(client.get("/").data)
    assert client.get("/settings").status_code == 200
    member_actions.suspend_member(world.zed, user("bob"), NEXT_WEEK, "Insults")
    # The very next request, a reply with the form drawn before, is not taken as bob's.
    answer = client.post(
        f"/t/{world.thread}/reply", data={"csrf_token": token, "body": "Sneaking in"}
    )
    # A server ends the session (401, text kept); the test app keeps the last request's user
    # in `g` until the conftest clears it, so here the guard may see bob suspended (403).
    assert answer.status_code in (401, 403) and b"Sneaking in" in answer.data
    assert count(Reply, author_id=user("bob").id) == 0
    assert client.get("/settings").status_code == 302
    # Signing in again works, and the member is told why they cannot take part.
    Auth(client).login("bob")
    assert b"Your account is suspended until" in client.get("/").data
    assert send_reply_as_is(client, world).status_code == 403


def send_reply_as_is(client, w):
    return post_form(client, f"/t/{w.thread}/reply", {"body": "Let me in", "stance": ""})


# Flask-Login 0.6.3 sets the remember-me cookie with datetime.utcnow().
REMEMBER_WARNING = "ignore:datetime.datetime.utcnow:DeprecationWarning"


@pytest.mark.filterwarnings(REMEMBER_WARNING)
def test_suspension_ends_the_remember_me_cookie(app, client, world):
    answer = post_form(
        client,
        "/login",
        {"username": "bob", "password": "correct horse battery", "remember": "y"},
        page="/login",
    )
    assert answer.status_code == 302
    assert client.get_cookie("remember_token") is not None
    client.delete_cookie("session")
    assert client.get("/settings").status_code == 200  # the cookie alone signs bob in
    member_actions.suspend_member(world.zed, user("bob"), NEXT_WEEK, "Insults")
    client.delete_cookie("session")
    assert client.get("/settings").status_code == 302


@pytest.mark.filterwarnings(REMEMBER_WARNING)
def test_a_ban_ends_the_session_and_the_cookie(app, client, world):
    post_form(
        client,
        "/login",
        {"username": "bob", "password": "correct horse battery", "remember": "y"},
        page="/login",
    )
    member_actions.ban_member(world.zed, user("bob"), "Spam")
    assert client.get("/settings").status_code == 302
    client.delete_cookie("session")
    assert client.get("/settings").status_code == 302
