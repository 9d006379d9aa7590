"""Impersonation: look-alike and reserved usernames, staff claims, hidden direction characters."""

import re

import pytest
from sqlalchemy import func, select

from forum.accounts.names import is_reserved, name_skeleton, names_collide
from forum.extensions import db
from forum.fields import remove_invisible_controls
from forum.models import Reply, Thread, User
from forum.seed import REPORT_ACCOUNT
from forum.seed.content import ACCOUNTS
from tests.helpers import PASSWORD, post_form

RLO, LRI, PDI, ZWSP, ZWJ, BOM = "\u202e", "\u2066", "\u2069", "\u200b", "\u200d", "\ufeff"
KEY_PATTERN = re.compile(rb'name="submission_key"[^>]*value="([^"]+)"')


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def register(client, username, email=None):
    email = email or f"{username.lower()}@example.net"
    data = {"username": username, "email": email, "password": PASSWORD}
    return post_form(client, "/register", data, page="/register")


@pytest.mark.parametrize(
    ("existing", "newcomer"),
    [
        ("dr_ines_vale", "dr_ines_vaIe"),  # capital I for l: the issue's case
        ("dr_ines_vale", "dr_ines_va1e"),  # digit 1 for l
        ("dr_ines_vale", "DR_INES_VALE"),  # the same name in other case
        ("dr_ines_vale", "dr-ines-vale"),  # hyphens for underscores
        ("dr_ines_vale", "dr__ines_vale"),  # a doubled separator
        ("mira_okafor", "rnira_okafor"),  # rn for m
        ("mira_okafor", "mira_0kafor"),  # zero for o
        ("mira_okafor", "MIRA_OKAF0R"),
        ("will_b", "vvill_b"),  # vv for w
        ("clara", "dara"),  # cl for d, in the other direction
    ],
)
def test_a_look_alike_of_an_existing_name_is_refused(client, make_user, existing, newcomer):
    make_user(existing)
    response = register(client, newcomer)
    assert response.status_code == 400
    html = response.data.decode()
    assert (
        f"That username looks too much like an existing one ({existing}); choose another." in html
        or "That username is taken." in html
    )
    assert user_count() == 1


def test_the_issue_case_says_which_name_it_looks_like(client, make_user):
    make_user("dr_ines_vale", role="moderator")
    response = register(client, "dr_ines_vaIe")
    assert response.status_code == 400
    assert b"looks too much like an existing one (dr_ines_vale)" in response.data
    assert db.session.scalar(select(User).where(User.username == "dr_ines_vaIe")) is None


@pytest.mark.parametrize("newcomer", ["dr_ines_valerie", "dr_ines_vane", "drinesvale", "ines"])
def test_names_that_only_share_letters_are_accepted(client, make_user, newcomer):
    make_user("dr_ines_vale")
    assert register(client, newcomer).status_code == 302
    assert user_count() == 2


def test_the_skeleton_folds_only_look_alikes():
    assert name_skeleton("dr_ines_vaIe") == name_skeleton("dr_ines_vale")
    assert name_skeleton("0O") == name_skeleton("oo")
    assert name_skeleton("I1|l") == name_skeleton("llll")
    assert name_skeleton("rn") == name_skeleton("m")
    # Cyrillic а and о, full-width letters and a zero-width space draw like the Latin name.
    assert names_collide("dr_inеs_vаle", "dr_ines_vale")
    assert names_collide("ｄｒ_ines_vale", "dr_ines_vale")
    assert names_collide(f"dr_ines{ZWSP}_vale", "dr_ines_vale")
    assert not names_collide("dr_ines_vale", "dr_ines_vane")
    assert not names_collide("voter0", "voter1")


@pytest.mark.parametrize(
    "name",
    [
        "admin",
        "Admin",
        "Adm1n",
        "ADMINISTRATOR",
        "moderator",
        "moderat0r",
        "staff",
        "system",
        "r00t",
        "counterpoint",
        "support",
        "deleted",
        "anonymous",
        "mod_jane",
        "jane-admin",
        "official_news",
    ],
)
def test_reserved_names_and_staff_words_are_refused(client, name):
    response = register(client, name)
    assert response.status_code == 400
    assert b"That username is reserved; choose another." in response.data
    assert user_count() == 0


@pytest.mark.parametrize("name", ["modern_jane", "staffordshire", "rootless_cosmo", "admiral"])
def test_names_that_merely_contain_a_staff_word_are_accepted(client, name):
    assert register(client, name).status_code == 302
    assert user_count() == 1


def test_an_operator_may_give_a_staff_account_a_reserved_name(make_user):
    assert make_user("admin", role="admin").username == "admin"


def test_the_seed_accounts_pass_the_name_rules():
    names = [account["username"] for account in ACCOUNTS] + [REPORT_ACCOUNT["username"]]
    assert not [name for name in names if is_reserved(name)]
    pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :] if names_collide(a, b)]
    assert pairs == []


def save_profile(client, **fields):
    data = {"bio": "", "affiliation": "not_stated", "organisation": ""} | fields
    return post_form(client, "/settings/profile", data, "/settings")


STAFF_CLAIM = b"Leave out staff words such as moderator, admin or official, and badge symbols"


@pytest.mark.parametrize(
    "organisation",
    [
        "◆ Moderator",
        "Moderator",
        "Forum moderators",
        "Counterpoint staff",
        "m0derator",
        "Modérateur du forum",
        "Équipe Counterpoint",
        "Official",
        "✓ Verified",
        "★ University of Ghent",
        "🛡 Trust",
        "Forum team",
    ],
)
def test_an_organisation_that_passes_for_a_staff_badge_is_refused(
    client, auth, member, organisation
):
    auth.login("alice")
    response = save_profile(client, affiliation="academia", organisation=organisation)
    assert response.status_code == 400
    assert STAFF_CLAIM in response.data
    db.session.refresh(member)
    assert member.organisation == ""


@pytest.mark.parametrize(
    "organisation",
    ["University of Ghent", "Security-industry engineer", "Université de Gand", "Modern Art Trust"],
)
def test_ordinary_organisations_are_accepted(client, auth, member, organisation):
    auth.login("alice")
    assert save_profile(client, organisation=organisation).status_code == 302
    db.session.refresh(member)
    assert member.organisation == organisation


def test_the_filter_removes_every_direction_and_zero_width_character():
    hidden = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    hidden += "\u200b\u200c\u200d\u2060\ufeff"
    assert remove_invisible_controls(f"a{hidden}b") == "ab"
    assert remove_invisible_controls("Ärger über Ω — שלום") == "Ärger über Ω — שלום"


def new_thread(client, title, body="Should they?"):
    html = client.get("/new").data
    token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', html)[1].decode()
    data = {
        "csrf_token": token,
        "submission_key": KEY_PATTERN.search(html)[1].decode(),
        "title": title,
        "body": body,
        "tags": "drones",
        "kind": "motion",
    }
    return client.post("/new", data=data)


def test_a_right_to_left_override_in_a_title_is_removed(client, auth, member, tags):
    auth.login("alice")
    response = new_thread(client, f"Report {RLO}gnp.exe", body=f"See {LRI}the file{PDI}{ZWJ}.")
    assert response.status_code == 302
    thread = db.session.scalar(select(Thread))
    assert thread.title == "Report gnp.exe"
    page = client.get(response.location, follow_redirects=True).data.decode()
    assert RLO not in page and LRI not in page and ZWJ not in page
    assert "Report gnp.exe" in page


def test_hidden_characters_are_removed_from_replies_bios_and_organisations(
    client, auth, member, thread
):
    auth.login("alice")
    save_profile(client, bio=f"Hello{ZWSP}{RLO} world", organisation=f"{BOM}University{ZWSP}")
    db.session.refresh(member)
    assert (member.bio, member.organisation) == ("Hello world", "University")
    html = client.get(f"/t/{thread.id}", follow_redirects=True).data
    token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', html)[1].decode()
    key = KEY_PATTERN.search(html)
    data = {"csrf_token": token, "body": f"I {RLO}agree", "stance": ""}
    if key:
        data["submission_key"] = key[1].decode()
    assert client.post(f"/t/{thread.id}/reply", data=data).status_code == 302
    assert db.session.scalar(select(Reply.body_source)) == "I agree"


def test_names_and_titles_beside_other_text_are_isolated(client, auth, member, thread):
    page = client.get(f"/t/{thread.id}", follow_redirects=True).data.decode()
    assert '<a class="user" href="/u/alice"><bdi>alice</bdi></a>' in page
    auth.login("alice")
    # A reply that is refused comes back on a page titled "Reply to “<title>”".
    refused = post_form(client, f"/t/{thread.id}/reply", {"body": " ", "stance": ""})
    assert f"<bdi>{thread.title}</bdi>" in refused.data.decode()
    listing = client.get("/").data.decode()
    assert "by <bdi>alice</bdi>" in listing
