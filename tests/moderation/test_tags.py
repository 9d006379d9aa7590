"""Moderators manage tags at /mod/tags; members pick from them with suggestions on /new."""

import re

import pytest
from sqlalchemy import func, select

from forum.extensions import db
from forum.models import ModerationAction, Tag, TagAlias, TagFollow, Thread, thread_tags
from forum.moderation import tag_actions
from tests.helpers import post_form

REASON = "Keeping the tag list tidy"


def manage(client, url: str, data: dict):
    """Send one of the forms on /mod/tags, as a moderator's browser would."""
    return post_form(client, url, data, page="/mod/tags")


def tag_slugs() -> list[str]:
    return sorted(db.session.scalars(select(Tag.slug)))


def logged(action: str) -> list[ModerationAction]:
    return list(
        db.session.scalars(select(ModerationAction).where(ModerationAction.action == action))
    )


def tags_of(thread: Thread) -> list[str]:
    db.session.expire_all()
    return sorted(tag.slug for tag in db.session.get(Thread, thread.id).tags)


@pytest.fixture
def as_moderator(auth, moderator, tags):
    auth.login("mod_carol")
    return moderator


@pytest.fixture
def as_member(auth, member, tags):
    auth.login("alice")
    return member


# Who may -----------------------------------------------------------------------------------


FORMS = [
    ("/mod/tags", {"slug": "biometrics", "name": "Biometrics", "reason": REASON}),
    ("/mod/tags/drones", {"slug": "uav", "name": "UAV", "reason": REASON}),
    ("/mod/tags/drones/merge", {"into": "robotics", "reason": REASON}),
]


@pytest.mark.parametrize(("url", "data"), FORMS)
def test_visitors_are_sent_to_log_in_and_nothing_changes(client, tags, url, data):
    assert client.get("/mod/tags").status_code == 302
    assert post_form(client, url, data).status_code == 401
    assert tag_slugs() == sorted(tag.slug for tag in tags)
    assert db.session.scalar(select(func.count()).select_from(ModerationAction)) == 0


@pytest.mark.parametrize(("url", "data"), FORMS)
def test_members_are_refused_and_nothing_changes(client, as_member, tags, url, data):
    assert client.get("/mod/tags").status_code == 403
    assert post_form(client, url, data).status_code == 403
    assert tag_slugs() == sorted(tag.slug for tag in tags)
    assert db.session.scalar(select(func.count()).select_from(TagAlias)) == 0
    assert db.session.scalar(select(func.count()).select_from(ModerationAction)) == 0


# The page ----------------------------------------------------------------------------------


def test_page_lists_tags_with_counts_and_labelled_forms(client, as_moderator, make_thread):
    make_thread(tag_slugs=("drones", "ai"))
    response = client.get("/mod/tags")
    assert response.status_code == 200
    page = response.data.decode()
    assert page.count("<h1") == 1
    assert "#drones" in page and "1 thread<" in page and "0 threads<" in page
    # One create form, then an edit and a merge form for each of the six tags.
    assert page.count('name="csrf_token"') >= 13
    assert page.count('name="reason"') == 13
    ids = re.findall(r'<(?:input|textarea)[^>]* id="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "every field has an id of its own"
    for field_id in ids:
        assert f'<label for="{field_id}">' in page
    assert '<datalist id="tag-options">' in page


# Creating ----------------------------------------------------------------------------------


def test_moderator_creates_a_tag_and_the_log_says_why(client, as_moderator):
    data = {
        "slug": "biometrics",
        "name": "Biometrics",
        "description": "Fingerprints, faces, gait.",
        "reason": "Three threads asked for it",
    }
    response = manage(client, "/mod/tags", data)
    assert response.status_code == 302
    assert response.headers["Location"] == "/mod/tags#tag-biometrics"
    tag = db.session.scalar(select(Tag).where(Tag.slug == "biometrics"))
    assert (tag.name, tag.description) == ("Biometrics", "Fingerprints, faces, gait.")
    [row] = logged("tag_create")
    assert (row.moderator_id, row.reason, row.detail) == (
        as_moderator.id,
        "Three threads asked for it",
        "#biometrics",
    )
    assert client.get("/tags/biometrics").status_code == 200
    log = client.get("/mod/log").data.decode()
    assert "Created a tag" in log and "#biometrics" in log and "Three threads asked for it" in log


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"slug": "Biometrics"}, "Slugs are 2 to 40 lower-case letters, digits and hyphens."),
        ({"slug": "b"}, "Slugs are 2 to 40 lower-case letters, digits and hyphens."),
        ({"slug": "b" * 41}, "Slugs are 2 to 40 lower-case letters, digits and hyphens."),
        ({"slug": "face id"}, "Slugs are 2 to 40 lower-case letters, digits and hyphens."),
        ({"slug": "visage-é"}, "Slugs are 2 to 40 lower-case letters, digits and hyphens."),
        ({"slug": ""}, "Give the tag a slug."),
        ({"slug": "drones"}, "There is already a tag #drones. Choose another slug."),
        ({"name": "   "}, "Give the tag a name."),
        ({"name": "n" * 61}, "Names are at most 60 characters."),
        ({"description": "d" * 301}, "Descriptions are at most 300 characters."),
        ({"reason": ""}, "Give a reason: it is shown publicly with the action."),
        ({"reason": "   "}, "Give a reason: it is shown publicly with the action."),
    ],
)
def test_create_refuses_bad_input_and_changes_nothing(client, as_moderator, tags, fields, message):
    data = {"slug": "biometrics", "name": "Biometrics", "reason": REASON} | fields
    response = manage(client, "/mod/tags", data)
    assert response.status_code == 400
    assert message in response.data.decode()
    assert tag_slugs() == sorted(tag.slug for tag in tags)
    assert logged("tag_create") == []


def test_a_slug_taken_during_the_request_gets_the_same_refusal(client, as_moderator, monkeypatch):
    # Another moderator takes the slug between the check and the commit: the unique index
    # has the last word, and the moderator sees the same message, not a server error.
    monkeypatch.setattr(tag_actions, "_check_slug_free", lambda slug: None)
    response = manage(client, "/mod/tags", {"slug": "drones", "name": "Drones", "reason": REASON})
    assert response.status_code == 400
    assert "There is already a tag #drones." in response.data.decode()
    assert logged("tag_create") == []
    response = manage(client, "/mod/tags/ai", {"slug": "privacy", "name": "AI", "reason": REASON})
    assert response.status_code == 400
    assert "There is already a tag #privacy." in response.data.decode()
    assert logged("tag_edit") == []
    assert db.session.scalar(select(func.count()).select_from(TagAlias)) == 0


# Renaming and describing --------------------------------------------------------------------


def test_renamed_slug_redirects_for_good(client, as_moderator, make_thread):
    thread = make_thread(tag_slugs=("drones",))
    data = {
        "slug": "uav",
        "name": "Uncrewed aircraft",
        "description": "Unmanned aircraft.",
        "reason": "The field says uncrewed",
    }
    response = manage(client, "/mod/tags/drones", data)
    assert response.status_code == 302
    assert response.headers["Location"] == "/mod/tags#tag-uav"
    assert "drones" not in tag_slugs() and "uav" in tag_slugs()
    assert tags_of(thread) == ["uav"]
    for old in ("/tags/drones", "/tags/DRONES"):
        moved = client.get(old)
        assert moved.status_code == 301
        assert moved.headers["Location"] == "/tags/uav"
    assert client.get("/tags/uav").status_code == 200
    [row] = logged("tag_edit")
    assert row.detail == "#drones → #uav; Drones → Uncrewed aircraft"
    assert row.reason == "The field says uncrewed"


def test_renaming_back_frees_the_old_slug(client, as_moderator, tags):
    manage(client, "/mod/tags/drones", {"slug": "uav", "name": "Drones", "reason": REASON})
    response = manage(
        client, "/mod/tags/uav", {"slug": "drones", "name": "Drones", "reason": REASON}
    )
    assert response.status_code == 302
    assert client.get("/tags/drones").status_code == 200
    assert client.get("/tags/uav").headers["Location"] == "/tags/drones"
    assert db.session.scalar(select(TagAlias.slug)) == "uav"


def test_moderator_describes_a_tag_without_moving_it(client, as_moderator):
    data = {"slug": "ai", "name": "AI", "description": "Automated decisions.", "reason": REASON}
    assert manage(client, "/mod/tags/ai", data).status_code == 302
    tag = db.session.scalar(select(Tag).where(Tag.slug == "ai"))
    assert tag.description == "Automated decisions."
    assert db.session.scalar(select(func.count()).select_from(TagAlias)) == 0
    assert logged("tag_edit")[0].detail == "#ai"
    assert "Automated decisions." in client.get("/tags").data.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"slug": "privacy"}, "There is already a tag #privacy. Choose another slug."),
        ({"slug": "No Caps"}, "Slugs are 2 to 40 lower-case letters, digits and hyphens."),
        ({"reason": ""}, "Give a reason: it is shown publicly with the action."),
        ({}, "Nothing to change."),
    ],
)
def test_edit_refuses_and_changes_nothing(client, as_moderator, tags, fields, message):
    data = {"slug": "drones", "name": "Drones", "description": "Unmanned aircraft."}
    response = manage(client, "/mod/tags/drones", data | {"reason": REASON} | fields)
    assert response.status_code == 400
    page = response.data.decode()
    assert message in page
    assert "<details open>" in page, "the refused form is shown unfolded"
    tag = db.session.scalar(select(Tag).where(Tag.slug == "drones"))
    assert (tag.name, tag.description) == ("Drones", "Unmanned aircraft.")
    assert db.session.scalar(select(func.count()).select_from(TagAlias)) == 0
    assert logged("tag_edit") == []


def test_editing_an_unknown_tag_is_404(client, as_moderator):
    data = {"slug": "ghost", "name": "Ghost", "reason": REASON}
    assert manage(client, "/mod/tags/ghost", data).status_code == 404
    assert (
        manage(client, "/mod/tags/ghost/merge", {"into": "ai", "reason": REASON}).status_code == 404
    )


# Merging -----------------------------------------------------------------------------------


def test_merge_moves_threads_and_followers_without_duplicates(
    client, as_moderator, make_thread, member, other_member
):
    only_old = make_thread("Drones at borders", tag_slugs=("drones",))
    both = make_thread("Robot dogs with cameras", tag_slugs=("drones", "robotics"))
    only_new = make_thread("Bomb disposal robots", tag_slugs=("robotics",))
    db.session.add_all(
        [
            TagFollow(user_id=member.id, tag_id=tag_id("drones")),
            TagFollow(user_id=member.id, tag_id=tag_id("robotics")),
            TagFollow(user_id=other_member.id, tag_id=tag_id("drones")),
        ]
    )
    db.session.commit()
    response = manage(
        client, "/mod/tags/drones/merge", {"into": "robotics", "reason": "Same topic, two tags"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/mod/tags#tag-robotics"
    assert "drones" not in tag_slugs()
    for thread in (only_old, both, only_new):
        assert tags_of(thread) == ["robotics"]
    rows = db.session.scalar(
        select(func.count()).select_from(thread_tags).where(thread_tags.c.thread_id == both.id)
    )
    assert rows == 1
    robotics = tag_id("robotics")
    followers = db.session.execute(select(TagFollow.user_id, TagFollow.tag_id)).all()
    assert sorted(followers) == sorted([(member.id, robotics), (other_member.id, robotics)])
    moved = client.get("/tags/drones")
    assert moved.status_code == 301
    assert moved.headers["Location"] == "/tags/robotics"
    listing = client.get("/tags/robotics").data.decode()
    assert all(title in listing for title in ("Drones at borders", "Robot dogs", "Bomb disposal"))
    [row] = logged("tag_merge")
    assert row.detail == "#drones → #robotics; 2 threads moved"
    assert row.reason == "Same topic, two tags"
    log = client.get("/mod/log").data.decode()
    assert "Merged tags" in log and "#drones → #robotics" in log


def tag_id(slug: str) -> int:
    return db.session.scalar(select(Tag.id).where(Tag.slug == slug))


def test_merge_carries_the_old_tags_earlier_slugs_along(client, as_moderator, tags):
    manage(client, "/mod/tags/drones", {"slug": "uav", "name": "UAV", "reason": REASON})
    response = manage(client, "/mod/tags/uav/merge", {"into": "robotics", "reason": REASON})
    assert response.status_code == 302
    for old in ("/tags/drones", "/tags/uav"):
        assert client.get(old).headers["Location"] == "/tags/robotics"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"into": "ghost"}, "There is no tag #ghost."),
        ({"into": "drones"}, "Choose another tag to merge #drones into."),
        ({"into": ""}, "Give the slug of the tag that stays."),
        ({"reason": ""}, "Give a reason: it is shown publicly with the action."),
    ],
)
def test_merge_refuses_and_changes_nothing(
    client, as_moderator, make_thread, tags, fields, message
):
    thread = make_thread(tag_slugs=("drones",))
    response = manage(
        client, "/mod/tags/drones/merge", {"into": "robotics", "reason": REASON} | fields
    )
    assert response.status_code == 400
    assert message in response.data.decode()
    assert tag_slugs() == sorted(tag.slug for tag in tags)
    assert tags_of(thread) == ["drones"]
    assert logged("tag_merge") == []
    assert db.session.scalar(select(func.count()).select_from(TagAlias)) == 0


# What members see on /new ------------------------------------------------------------------


def test_new_thread_and_edit_forms_suggest_existing_tags(client, as_member, make_thread):
    thread = make_thread()
    for url in ("/new", f"/t/{thread.id}/edit"):
        page = client.get(url).data.decode()
        assert re.search(r'<input[^>]*id="tags"[^>]*list="tag-options"', page), url
        assert '<datalist id="tag-options">' in page
        assert '<option value="drones">Drones</option>' in page
        assert '<option value="law-enforcement">Law enforcement</option>' in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("drone", "Unknown tag: drone. Did you mean: drones? Pick tags from the tag list."),
        ("robot", "Unknown tag: robot. Did you mean: robotics? Pick tags from the tag list."),
        (
            "law-enforcment",
            "Unknown tag: law-enforcment. Did you mean: law-enforcement? Pick tags",
        ),
        ("ghost", "Unknown tag: ghost. Pick tags from the tag list."),
    ],
)
def test_unknown_tag_names_the_closest_existing_ones(client, as_member, typed, message):
    data = {"title": "Drones over protests", "body": "Should they fly?", "tags": typed}
    response = post_form(client, "/new", data, page="/new")
    assert response.status_code == 400
    assert message in response.data.decode()
    assert db.session.scalar(select(func.count()).select_from(Thread)) == 0


def test_closest_tags_are_found_by_name_too(client, auth, as_moderator, member):
    data = {"slug": "biometrics", "name": "Face recognition", "reason": REASON}
    manage(client, "/mod/tags", data)
    auth.logout()
    auth.login("alice")
    data = {"title": "Cameras in stations", "body": "Who looks?", "tags": "face-recognition"}
    response = post_form(client, "/new", data, page="/new")
    assert response.status_code == 400
    assert "Did you mean: biometrics?" in response.data.decode()


def test_a_renamed_or_merged_slug_typed_on_new_still_works(client, auth, as_moderator, member):
    manage(client, "/mod/tags/drones", {"slug": "uav", "name": "UAV", "reason": REASON})
    manage(client, "/mod/tags/ethics/merge", {"into": "privacy", "reason": REASON})
    auth.logout()
    auth.login("alice")
    data = {
        "title": "Drones over protests",
        "body": "Should they fly?",
        "tags": "drones uav ethics",
    }
    response = post_form(client, "/new", data, page="/new")
    assert response.status_code == 302
    thread = db.session.scalar(select(Thread))
    assert tags_of(thread) == ["privacy", "uav"]


def test_following_by_an_old_slug_follows_the_tag(client, auth, as_moderator, member):
    manage(client, "/mod/tags/drones", {"slug": "uav", "name": "UAV", "reason": REASON})
    auth.logout()
    auth.login("alice")
    response = post_form(client, "/tags/drones/follow", page="/tags/uav")
    assert response.status_code == 302
    assert response.headers["Location"] == "/tags/uav"
    assert db.session.scalar(select(TagFollow.tag_id)) == tag_id("uav")


def test_the_page_and_the_suggestion_speak_french(client, auth, as_moderator, member):
    french = {"Accept-Language": "fr-FR,fr;q=0.9"}
    page = client.get("/mod/tags", headers=french).data.decode()
    assert "<h1>Gérer les étiquettes</h1>" in page and "Manage tags" not in page
    auth.logout()
    auth.login("alice")
    data = {"title": "Drones over protests", "body": "Should they fly?", "tags": "drone"}
    response = post_form(client, "/new", data, page="/new", headers=french)
    assert "Vouliez-vous dire\u00a0: drones\u202f?" in response.data.decode()
