"""Mass assignment and object-level authorization: forms change only what they name."""

import runpy
from pathlib import Path

from sqlalchemy import select

from forum.extensions import db
from forum.models import Reply, User
from forum.threads.actions import post_reply
from tests.helpers import PASSWORD, post_form

ROOT = Path(__file__).resolve().parents[2]
PRIVILEGED = {
    "role": "admin",
    "trusted": "y",
    "totp_secret": "JBSWY3DPEHPK3PXP",
    "banned_at": "",
    "id": "1",
}


def test_registration_ignores_fields_it_does_not_offer(client):
    data = {"username": "mallory", "email": "mallory@example.org", "password": PASSWORD}
    assert post_form(client, "/register", {**data, **PRIVILEGED}, "/register").status_code == 302
    user = db.session.scalar(select(User).where(User.username_key == "mallory"))
    assert (user.role, user.trusted, user.totp_secret) == ("member", False, "")


def test_profile_settings_change_only_the_profile(client, auth, member):
    auth.login("alice")
    data = {"bio": "Hello", "affiliation": "press", "organisation": "Daily", **PRIVILEGED}
    data |= {"email": "taken@example.org", "username": "root", "password_hash": "x"}
    assert post_form(client, "/settings/profile", data, "/settings").status_code == 302
    db.session.refresh(member)
    assert member.bio == "Hello"
    assert (member.role, member.trusted, member.username) == ("member", False, "alice")
    assert member.email == "alice@example.org"
    assert member.totp_secret == ""


def test_a_member_cannot_edit_or_delete_anothers_reply(client, auth, thread, member, other_member):
    reply = post_reply(thread, other_member, "Bob's point.", None, "")
    auth.login("alice")
    edit = post_form(client, f"/p/{reply.id}/edit", {"body": "Alice was here"}, "/")
    delete = post_form(client, f"/p/{reply.id}/delete", {}, "/")
    assert (edit.status_code, delete.status_code) == (403, 403)
    db.session.expire_all()
    stored = db.session.get(Reply, reply.id)
    assert stored.body_source == "Bob's point." and stored.deleted_at is None


def test_settings_show_only_the_members_own_address(client, auth, member, other_member):
    auth.login("alice")
    page = client.get("/settings").get_data(as_text=True)
    assert "alice@example.org" in page and "bob@example.org" not in page


def test_the_access_log_blanks_tokens_in_addresses():
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    blank = settings["SECRET_PATHS"].sub
    assert blank(r"\1…", "/reset-password/eyJ1Ijo.abc") == "/reset-password/…"
    assert blank(r"\1…", "/settings/email/confirm/eyJ1.x?y=1") == "/settings/email/confirm/…?y=1"
    assert blank(r"\1…", "/reset-password/new") == "/reset-password/new"
    assert "%(h)s" not in settings["access_log_format"]
