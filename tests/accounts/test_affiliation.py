"""Affiliation: a kind from a fixed list and an organisation, shown by names, kept with dates."""

import re

from flask_migrate import upgrade
from sqlalchemy import func, select, text

from forum.extensions import db
from forum.models import AffiliationChange, User
from tests.helpers import post_form

GHENT = "University of Ghent"


def save_profile(client, **fields):
    """Send the profile form as the settings page would, with the member's own values."""
    data = {"bio": "", "affiliation": "not_stated", "organisation": ""} | fields
    return post_form(client, "/settings/profile", data, "/settings")


def history_count(user) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(AffiliationChange)
        .where(AffiliationChange.user_id == user.id)
    )


def bylines(html: str, username: str) -> list[str]:
    """Every byline (name and badges) for this member on a page."""
    return re.findall(
        rf'<span class="byline"><a class="user" href="/u/{username}">.*?</span>\s*</span>',
        html,
        re.DOTALL,
    )


def test_member_chooses_a_kind_and_an_organisation(client, auth, member):
    auth.login("alice")
    response = save_profile(client, affiliation="academia", organisation=f"  {GHENT}  ")
    assert response.status_code == 302
    db.session.refresh(member)
    assert (member.affiliation, member.organisation) == ("academia", GHENT)
    assert member.affiliation_display == f"Academia · {GHENT}"
    profile = client.get("/u/alice").data.decode()
    assert re.search(rf'class="badge badge-affiliation">.*Academia.*{GHENT}</span>', profile)
    settings = client.get("/settings").data.decode()
    assert '<option selected value="academia">' in settings
    assert f'value="{GHENT}"' in settings


def test_every_kind_in_the_list_is_offered_and_accepted(client, auth, member):
    auth.login("alice")
    settings = client.get("/settings").data.decode()
    labels = {
        "not_stated": "Not stated",
        "industry": "Vendor or industry",
        "government": "Government or law enforcement",
        "civil_society": "Civil society or NGO",
        "academia": "Academia",
        "press": "Press",
        "individual": "Private individual",
    }
    for kind, label in labels.items():
        assert re.search(rf'<option[^>]*value="{kind}">{label}</option>', settings)
        assert save_profile(client, affiliation=kind).status_code == 302
        db.session.refresh(member)
        assert member.affiliation == kind
        assert member.affiliation_label == ("" if kind == "not_stated" else label)


def test_affiliation_is_shown_next_to_the_name_on_threads_and_replies(
    client, auth, member, other_member, thread
):
    auth.login("alice")
    save_profile(client, affiliation="industry", organisation="Acme Vision")
    auth.logout()
    auth.login("bob")
    save_profile(client, affiliation="press")
    reply = post_form(
        client, f"/t/{thread.id}/reply", {"body": "Who sells this?", "parent_id": ""}, "/"
    )
    assert reply.status_code == 302
    auth.logout()

    page = client.get(f"/t/{thread.id}/{thread.slug}").data.decode()
    alice = bylines(page, "alice")
    assert alice, "the thread's author has a byline"
    assert all("Vendor or industry" in line and "Acme Vision" in line for line in alice)
    (bob,) = bylines(page, "bob")
    assert "Press" in bob
    assert '<span aria-hidden="true"> · </span>' not in bob  # no organisation, no separator
    # Not colour alone: the badge says in words that this is an affiliation.
    assert '<span class="visually-hidden">Affiliation: </span>' in bob


def test_not_stated_shows_no_badge_and_an_organisation_alone_shows_by_itself(
    client, auth, member, thread
):
    page = client.get(f"/t/{thread.id}/{thread.slug}").data.decode()
    assert "badge-affiliation" not in page
    assert "Affiliation history" not in client.get("/u/alice").data.decode()
    auth.login("alice")
    save_profile(client, organisation="Amnesty")
    page = client.get(f"/t/{thread.id}/{thread.slug}").data.decode()
    (line, *_) = bylines(page, "alice")
    assert re.search(
        r'<span class="badge badge-affiliation"><span class="visually-hidden">Affiliation: </span>'
        r'<span class="organisation">Amnesty</span></span>',
        line,
    )
    assert "Not stated" not in line


def test_changes_are_kept_with_their_dates_newest_first(client, auth, member):
    auth.login("alice")
    save_profile(client, affiliation="government", organisation="Police nationale")
    save_profile(client, affiliation="individual")
    assert history_count(member) == 2
    profile = client.get("/u/alice").data.decode()
    section = profile[profile.index("Affiliation history") :]
    rows = re.findall(r"<li>(.*?)</li>", section, re.DOTALL)
    assert len(rows) == 2
    assert rows[0].startswith("Private individual")
    assert rows[1].startswith('Government or law enforcement · <span class="organisation">')
    assert "Police nationale" in rows[1]
    for row in rows:
        assert re.search(r'Declared <time datetime="\d{4}-\d\d-\d\dT[^"]+" title="[^"]+">', row)


def test_clearing_the_affiliation_is_kept_in_the_history(client, auth, member):
    auth.login("alice")
    save_profile(client, affiliation="press", organisation="Le Monde")
    save_profile(client)
    db.session.refresh(member)
    assert (member.affiliation, member.organisation) == ("not_stated", "")
    profile = client.get("/u/alice").data.decode()
    section = profile[profile.index("Affiliation history") :]
    assert re.findall(r"<li>(.*?)\s*<span", section, re.DOTALL)[0] == "Not stated"


def test_saving_without_a_change_adds_no_history_row(client, auth, member):
    auth.login("alice")
    save_profile(client, affiliation="academia", organisation=GHENT)
    assert history_count(member) == 1
    save_profile(client, affiliation="academia", organisation=f" {GHENT} ", bio="New bio")
    assert history_count(member) == 1
    db.session.refresh(member)
    assert member.bio == "New bio"
    save_profile(client, affiliation="academia", organisation="KU Leuven", bio="New bio")
    assert history_count(member) == 2


def test_a_new_member_has_no_history_until_they_change_something(client, auth, member):
    auth.login("alice")
    assert save_profile(client, bio="Just a bio").status_code == 302
    assert history_count(member) == 0


def test_an_unknown_kind_is_refused_and_changes_nothing(client, auth, member):
    auth.login("alice")
    save_profile(client, affiliation="press", organisation="Le Monde", bio="Before")
    for kind in ("spy", "", "Press", "not_stated "):
        response = save_profile(client, affiliation=kind, organisation="Other", bio="After")
        assert response.status_code == 400
        assert "Not a valid choice" in response.data.decode()
    db.session.refresh(member)
    assert (member.affiliation, member.organisation, member.bio) == ("press", "Le Monde", "Before")
    assert history_count(member) == 1


def test_an_organisation_over_80_characters_is_refused(client, auth, member):
    auth.login("alice")
    response = save_profile(client, affiliation="academia", organisation="x" * 81)
    assert response.status_code == 400
    assert "Keep the organisation name to 80 characters or fewer." in response.data.decode()
    db.session.refresh(member)
    assert (member.affiliation, member.organisation) == ("not_stated", "")
    assert history_count(member) == 0
    assert save_profile(client, organisation="x" * 80).status_code == 302
    db.session.refresh(member)
    assert member.organisation == "x" * 80


def test_organisation_is_shown_as_text_not_markup(client, auth, member):
    auth.login("alice")
    save_profile(client, affiliation="press", organisation="<b>Daily</b>")
    profile = client.get("/u/alice").data.decode()
    assert "&lt;b&gt;Daily&lt;/b&gt;" in profile
    assert "<b>Daily</b>" not in profile


def test_the_profile_page_costs_the_same_queries_however_long_the_history(client, auth, member):
    from forum.querycount import counting_queries

    auth.login("alice")
    save_profile(client, affiliation="press")

    def queries() -> int:
        with counting_queries() as statements:
            assert client.get("/u/alice").status_code == 200
        return len(statements)

    short = queries()
    for number in range(10):
        save_profile(client, affiliation="press", organisation=f"Paper {number}")
    assert queries() == short


def test_migration_keeps_the_old_free_text_as_the_organisation(app):
    db.drop_all()
    db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
    db.session.commit()
    upgrade(revision="0003")
    db.session.execute(
        text(
            "INSERT INTO users (username, username_key, email, password_hash, role, bio,"
            " affiliation, created_at, locale) VALUES ('old_timer', 'old_timer', 'o@example.org',"
            " 'x', 'member', '', 'Attended Milipol 2023', CURRENT_TIMESTAMP, '')"
        )
    )
    db.session.commit()
    upgrade()
    user = db.session.scalar(select(User).where(User.username_key == "old_timer"))
    assert (user.organisation, user.affiliation) == ("Attended Milipol 2023", "not_stated")
    assert user.affiliation_display == "Attended Milipol 2023"
    db.session.commit()
    db.session.remove()
    db.drop_all()
    db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
    db.session.commit()
