"""The debate over HTTP: motions, positions and the swing, sides, credits, sources, the map,
the summary and ordering."""

import re

import pytest
from sqlalchemy import func, select

from forum.debate.models import Credit, Position, PositionChange, SummaryRevision
from forum.extensions import db
from forum.models import Reply, SourceMark, Thread
from forum.threads.actions import post_reply, start_thread
from tests.helpers import post_form

JSON = {"Accept": "application/json"}


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def motion(member, tags):
    """A motion by alice."""
    return start_thread(member, "Live face scanning should be banned", "Ban it?", ["privacy"])


def position(client, thread, side):
    return post_form(client, f"/t/{thread.id}/position", {"side": side}, headers=JSON)


def test_new_thread_chooses_motion_or_discussion(client, auth, member, tags):
    auth.login("alice")
    data = {"title": "What should audits cover?", "body": "Open question.", "tags": "privacy"}
    post_form(client, "/new", {**data, "kind": "discussion"}, "/new")
    thread = db.session.scalar(select(Thread))
    assert thread.kind == "discussion"
    refused = post_form(client, "/new", {**data, "kind": "poll"}, "/new")
    assert refused.status_code == 400
    assert count(Thread) == 1


def test_discussions_have_no_positions_or_map(client, auth, member, tags):
    thread = start_thread(member, "An open question here", "Q", ["privacy"], kind="discussion")
    auth.login("alice")
    refused = position(client, thread, "for")
    assert refused.status_code == 400
    assert count(Position) == 0
    assert client.get(f"/t/{thread.id}/{thread.slug}/map").status_code == 400
    assert b"Where do you stand?" not in client.get(f"/t/{thread.id}/{thread.slug}").data


def test_first_position_is_before_and_changes_are_kept(client, auth, motion, other_member):
    auth.login("bob")
    position(client, motion, "for")
    position(client, motion, "for")  # the same again changes nothing
    position(client, motion, "against")
    position(client, motion, "")  # empty reads as undecided
    changes = db.session.scalars(select(PositionChange).order_by(PositionChange.id)).all()
    assert [(c.previous_side, c.side) for c in changes] == [
        (None, "for"),
        ("for", "against"),
        ("against", "undecided"),
    ]
    row = db.session.scalar(select(Position))
    assert (row.before_side, row.side) == ("for", "undecided")


def test_swing_table_and_sentence(client, auth, motion, make_user):
    for name, moves in [("ana", ["for", "against"]), ("ben", ["for", "against"]), ("cy", ["for"])]:
        make_user(name)
        auth.login(name)
        for side in moves:
            position(client, motion, side)
        auth.logout()
    page = client.get(f"/t/{motion.id}/{motion.slug}").get_data(as_text=True)
    assert "2 readers changed their position; 2 of them moved to Against." in page
    table = page[page.index('class="swing-table"') :]
    for_row = re.search(r"<tr><th scope=\"row\">For</th>(.*?)</tr>", table)[1]
    assert re.findall(r">(\d+)</td>", for_row) == ["1", "2", "0"]
    assert "data-undecided-count>0<" in page and "data-against-count>2<" in page


def test_visitors_see_tallies_but_every_action_asks_them_to_sign_in(client, motion, member):
    reply = post_reply(motion, member, "An argument", None, "support")
    assert b"The swing" in client.get(f"/t/{motion.id}/{motion.slug}").data
    assert client.get(f"/t/{motion.id}/{motion.slug}/map").status_code == 200
    for url in (
        f"/t/{motion.id}/position",
        f"/p/{reply.id}/vote",
        f"/p/{reply.id}/credit",
        f"/p/{reply.id}/needs-source",
    ):
        assert post_form(client, url, {"side": "for"}).status_code == 401, url
    assert count(Position) == 0 and count(Credit) == 0 and count(SourceMark) == 0


def test_reply_sides_follow_the_chain(motion, member, other_member):
    top_for = post_reply(motion, member, "For it", None, "support")
    against_that = post_reply(motion, other_member, "No", top_for.id, "challenge")
    for_again = post_reply(motion, member, "Yes", against_that.id, "challenge")
    backing = post_reply(motion, other_member, "Agreed", against_that.id, "support")
    question = post_reply(motion, member, "Which law?", top_for.id, "clarify")
    under_question = post_reply(motion, other_member, "This one", question.id, "support")
    neutral = post_reply(motion, member, "Hmm", None, "")
    sides = [
        r.side
        for r in (top_for, against_that, for_again, backing, question, under_question, neutral)
    ]
    assert sides == ["for", "against", "for", "against", None, None, None]


def test_header_counts_arguments_and_replies_show_their_relation(
    client, motion, member, other_member
):
    top = post_reply(motion, member, "For it", None, "support")
    post_reply(motion, other_member, "No", top.id, "challenge")
    post_reply(motion, other_member, "Also no", None, "challenge")
    page = client.get(f"/t/{motion.id}/{motion.slug}").get_data(as_text=True)
    assert "1 argument for · 2 against" in page
    assert f'challenges <a href="#p{top.id}">alice</a>' in page


def test_title_is_fixed_once_a_position_exists(client, auth, motion, other_member):
    auth.login("bob")
    position(client, motion, "for")
    auth.logout()
    auth.login("alice")
    data = {"title": "A different motion", "body": "Ban it?", "tags": "privacy", "kind": "motion"}
    refused = post_form(client, f"/t/{motion.id}/edit", data, f"/t/{motion.id}/edit")
    assert refused.status_code == 400
    assert "wording can no longer change" in refused.get_data(as_text=True)
    db.session.refresh(motion)
    assert motion.title == "Live face scanning should be banned"
    body_only = {**data, "title": motion.title, "body": "Ban it, in public spaces?"}
    assert post_form(client, f"/t/{motion.id}/edit", body_only, "/").status_code == 302


def test_credit_needs_a_real_change_of_position(client, auth, motion, member, other_member):
    reply = post_reply(motion, member, "Persuasive", None, "challenge")
    auth.login("bob")
    url = f"/p/{reply.id}/credit"
    assert post_form(client, url).status_code == 403  # no position at all
    position(client, motion, "for")
    assert post_form(client, url).status_code == 403  # a first position is not a change
    assert count(Credit) == 0
    position(client, motion, "against")
    body = post_form(client, url, headers=JSON).get_json()
    assert body == {"credited": True, "count": 1, "count_text": "changed 1 mind"}
    page = client.get(f"/t/{motion.id}/{motion.slug}").get_data(as_text=True)
    assert "changed 1 mind" in page
    withdrawn = post_form(client, url, headers=JSON).get_json()
    assert withdrawn["credited"] is False and withdrawn["count"] == 0
    assert count(Credit) == 0
    assert post_form(client, f"/p/{reply.id}/credit").status_code == 302
    assert "changed 1 mind" in client.get("/u/alice").get_data(as_text=True)


def test_credits_refuse_own_deleted_and_missing_replies(client, auth, motion, member, other_member):
    mine = post_reply(motion, other_member, "Mine", None, "support")
    gone = post_reply(motion, member, "Gone", None, "support")
    from forum.threads.actions import delete_reply

    delete_reply(gone)
    auth.login("bob")
    position(client, motion, "for")
    position(client, motion, "against")
    assert post_form(client, f"/p/{mine.id}/credit").status_code == 403
    assert post_form(client, f"/p/{gone.id}/credit").status_code == 403
    assert post_form(client, "/p/99999/credit").status_code == 404
    assert count(Credit) == 0


def test_convincing_across_sides(client, auth, motion, member, make_user):
    bridge = post_reply(motion, member, "A bridge", None, "support")
    rally = post_reply(motion, member, "A rally", None, "support")
    for name, side in [("f1", "for"), ("f2", "for"), ("a1", "against"), ("a2", "against")]:
        make_user(name)
        auth.login(name)
        position(client, motion, side)
        post_form(client, f"/p/{bridge.id}/vote")
        if side == "for":
            post_form(client, f"/p/{rally.id}/vote")
        auth.logout()
    page = client.get(f"/t/{motion.id}/{motion.slug}").get_data(as_text=True)
    assert page.count("Convincing across sides") == 1
    assert (
        page.index(f'id="post-{bridge.id}"')
        < page.index("Convincing across sides")
        < page.index(f'id="post-{rally.id}"')
    )
    map_page = client.get(f"/t/{motion.id}/{motion.slug}/map").get_data(as_text=True)
    assert map_page.index("A bridge") < map_page.index("A rally")


def test_map_puts_arguments_in_for_and_against_columns(client, motion, member, other_member):
    pro = post_reply(motion, member, "The case for", None, "support")
    post_reply(motion, other_member, "The case against", None, "challenge")
    post_reply(motion, other_member, "A challenge to the case for", pro.id, "challenge")
    page = client.get(f"/t/{motion.id}/{motion.slug}/map").get_data(as_text=True)
    for_column = page[page.index('id="map-for"') : page.index('id="map-against"')]
    against_column = page[page.index('id="map-against"') :]
    assert "The case for" in for_column and "A challenge to the case for" in for_column
    assert "The case against" in against_column and "The case for" not in against_column
    old = client.get(f"/t/{motion.id}/wrong-slug/map")
    assert old.status_code == 302


def test_sources_are_listed_and_validated(client, auth, motion, member):
    auth.login("alice")
    page = f"/t/{motion.id}/{motion.slug}"
    ok = {
        "body": "Sourced",
        "parent_id": "",
        "stance": "support",
        "sources": "https://example.org/a\nhttp://example.org/b",
    }
    assert post_form(client, f"/t/{motion.id}/reply", ok, page).status_code == 302
    shown = client.get(page).get_data(as_text=True)
    assert '<a href="https://example.org/a" rel="nofollow ugc noopener">' in shown
    for bad in (
        "javascript:alert(1)",
        "ftp://example.org/x",
        "\n".join(f"https://example.org/{n}" for n in range(6)),
    ):
        refused = post_form(client, f"/t/{motion.id}/reply", {**ok, "sources": bad}, page)
        assert refused.status_code == 400, bad
    assert count(Reply) == 1


def test_needs_a_source_marks_and_adding_a_source_clears_them(
    client, auth, motion, member, other_member
):
    reply = post_reply(motion, member, "A bold claim", None, "support")
    auth.login("bob")
    body = post_form(client, f"/p/{reply.id}/needs-source", headers=JSON).get_json()
    assert body == {"marked": True, "count": 1}
    auth.logout()
    auth.login("alice")
    assert post_form(client, f"/p/{reply.id}/needs-source").status_code == 403  # own reply
    edit = {"body": "A bold claim", "sources": "https://example.org/proof"}
    post_form(client, f"/p/{reply.id}/edit", edit, f"/p/{reply.id}/edit")
    db.session.refresh(reply)
    assert reply.needs_source_count == 0 and count(SourceMark) == 0


def test_summary_is_kept_with_its_revisions(client, auth, motion, member, other_member, moderator):
    auth.login("bob")
    assert post_form(client, f"/t/{motion.id}/summary", {"body": "Mine"}, "/").status_code == 403
    auth.logout()
    auth.login("alice")
    page = f"/t/{motion.id}/summary"
    post_form(client, page, {"body": "**First** summary"}, page)
    auth.logout()
    auth.login("mod_carol")
    post_form(client, page, {"body": "Second summary"}, page)
    shown = client.get(f"/t/{motion.id}/{motion.slug}").get_data(as_text=True)
    assert "Second summary" in shown and "Updated by <bdi>mod_carol</bdi>" in shown
    history = client.get(f"/t/{motion.id}/summary/history").get_data(as_text=True)
    assert history.index("Second summary") < history.index("**First** summary")
    assert "alice" in history and "mod_carol" in history
    assert count(SummaryRevision) == 2
    assert post_form(client, page, {"body": "   "}, page).status_code == 400
    assert count(SummaryRevision) == 2


def test_reply_order_best_newest_oldest(client, motion, member, other_member, make_user):
    first = post_reply(motion, member, "First and weak", None, "support")
    second = post_reply(motion, other_member, "Second and strong", None, "challenge")
    second.vote_count = 5
    db.session.commit()
    url = f"/t/{motion.id}/{motion.slug}"

    def order(query):
        page = client.get(url + query).get_data(as_text=True)
        return [int(n) for n in re.findall(r'data-depth="1" data-post-id="(\d+)"', page)]

    assert order("") == [second.id, first.id]  # best by default
    assert order("?sort=oldest") == [first.id, second.id]
    assert order("?sort=newest") == [second.id, first.id]
    assert order("?sort=nonsense") == [second.id, first.id]
    assert client.get(url + "?after=abc").status_code == 400


def test_position_and_stance_refuse_unknown_values(client, auth, motion, member):
    auth.login("alice")
    assert position(client, motion, "sideways").status_code == 400
    page = f"/t/{motion.id}/{motion.slug}"
    data = {"body": "Text", "parent_id": "", "stance": "shouting"}
    assert post_form(client, f"/t/{motion.id}/reply", data, page).status_code == 400
    assert count(Position) == 0 and count(Reply) == 0


@pytest.mark.parametrize(
    "query", ["?slug=x", "?thread_id=3", "?_external=1&_scheme=ftp", "?sort=a&sort=b"]
)
def test_odd_query_strings_on_a_wrong_slug_redirect_cleanly(client, motion, query):
    response = client.get(f"/t/{motion.id}/wrong{query}")
    assert response.status_code == 301
    assert response.headers["Location"].startswith(f"/t/{motion.id}/{motion.slug}")


def test_unknown_page_cursor_is_refused(client, motion, member):
    post_reply(motion, member, "Only one", None, "support")
    assert client.get(f"/t/{motion.id}/{motion.slug}?after=999999").status_code == 400


@pytest.mark.parametrize("source", ["https://[x/", "http://[::1/"])
def test_malformed_source_links_are_refused_not_crashed(client, auth, motion, member, source):
    auth.login("alice")
    page = f"/t/{motion.id}/{motion.slug}"
    data = {"body": "Text", "parent_id": "", "stance": "", "sources": source}
    assert post_form(client, f"/t/{motion.id}/reply", data, page).status_code == 400
    assert count(Reply) == 0


def test_a_missing_side_is_not_undecided(client, auth, motion, member):
    auth.login("alice")
    assert post_form(client, f"/t/{motion.id}/position", {}).status_code == 400
    assert count(Position) == 0


def test_changing_kind_recomputes_reply_sides(client, auth, member, other_member, tags):
    thread = start_thread(member, "Open question first", "Q", ["privacy"], kind="discussion")
    top = post_reply(thread, other_member, "Yes", None, "support")
    under = post_reply(thread, member, "No", top.id, "challenge")
    assert (top.side, under.side) == (None, None)
    auth.login("alice")
    data = {"title": thread.title, "body": "Q", "tags": "privacy", "kind": "motion"}
    assert post_form(client, f"/t/{thread.id}/edit", data, "/").status_code == 302
    db.session.refresh(top)
    db.session.refresh(under)
    assert (top.side, under.side) == ("for", "against")


def test_deleting_a_reply_drops_its_sources(motion, member):
    from forum.threads.actions import delete_reply

    reply = post_reply(motion, member, "Text", None, "", ["https://example.org/private"])
    delete_reply(reply)
    db.session.refresh(reply)
    assert reply.sources == ""


def test_credit_only_for_replies_that_were_there_before_the_change(
    client, auth, motion, member, other_member
):
    auth.login("bob")
    position(client, motion, "for")
    position(client, motion, "against")
    later = post_reply(motion, member, "Written after the change", None, "challenge")
    assert post_form(client, f"/p/{later.id}/credit").status_code == 403
    assert count(Credit) == 0
