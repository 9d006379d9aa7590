"""Moderation in real Chromium: report, queue, hide with a reason, lock, suspend, the public
log and what readers and the suspended member see; and axe on every moderation page."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageWatch
from tests.browser.helpers import log_in
from tests.browser.test_accessibility import serious_violations

PASSWORD = "a moderation passphrase"
MODERATOR = "dr_ines_vale"


def register(page, name: str) -> None:
    """Create an account through the form; it logs straight in."""
    page.goto("/register")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Email").fill(f"{name}@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text(f"Welcome to Counterpoint, {name}.")).to_be_visible()


def section(page, heading: str):
    """The part of a tools page under one h2."""
    return page.locator("section").filter(
        has=page.get_by_role("heading", level=2, name=heading, exact=True)
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_report_queue_hide_lock_suspend_and_log(make_context, base_url, forum, javascript):
    variant = "js" if javascript else "nojs"
    reporter_name, author_name = f"reporter_{variant}", f"heckler_{variant}"
    offending = f"Everyone on the other side is an idiot ({variant})."
    hide_reason = f"Insults instead of arguments ({variant})"
    lock_reason = f"The thread turned into a shouting match ({variant})"
    suspend_reason = f"Repeated insults after a warning ({variant})"
    pages = []

    def open_page():
        page = make_context(javascript=javascript).new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        pages.append((page, PageWatch(page, base_url)))
        return page

    # A member starts a thread; another member answers it with an insult.
    reporter = open_page()
    register(reporter, reporter_name)
    reporter.get_by_role("link", name="New thread").click()
    title = f"Should stadiums keep face scans after the final? ({variant})"
    reporter.get_by_label("Title").fill(title)
    reporter.get_by_label("Opening post").fill("Deleting the templates matters more than scanning.")
    reporter.get_by_label("Tags").fill("privacy")
    reporter.get_by_role("button", name="Start thread").click()
    expect(reporter.get_by_role("heading", level=1)).to_have_text(title)
    thread_url = reporter.url.split("#")[0]

    author = open_page()
    register(author, author_name)
    author.goto(thread_url)
    author.locator("form#reply textarea[name=body]").fill(offending)
    author.locator("form#reply").get_by_role("button", name="Post reply").click()
    expect(author.get_by_text(offending)).to_be_visible()

    # The first member reports it: Report link, a reason, a note, Send report.
    reporter.goto(thread_url)
    reply = reporter.locator("article.post", has_text=offending)
    reply.get_by_role("link", name="Report", exact=True).click()
    expect(reporter.get_by_role("heading", level=1)).to_have_text("Report to the moderators")
    reporter.get_by_label("Harassment").check()
    reporter.get_by_label("Note for the moderators (optional)").fill("Name-calling, no argument.")
    reporter.get_by_role("button", name="Send report").click()
    expect(reporter.get_by_text("Thank you. Moderators will look at it")).to_be_visible()
    reporter.goto("/reports")
    expect(reporter.locator("li.revision").first).to_contain_text("Waiting for a moderator.")

    # The moderator finds it in the queue and hides it with a reason.
    moderator = open_page()
    log_in(moderator, forum[2], MODERATOR)
    moderator.goto("/mod/queue")
    group = moderator.locator("section.revision", has_text=offending)
    expect(group.get_by_role("heading", level=2)).to_contain_text(
        f"1 report: a reply by {author_name}"
    )
    expect(group).to_contain_text(f"Harassment · {reporter_name}")
    expect(group).to_contain_text("Name-calling, no argument.")
    group.get_by_role("link", name="Act on this reply").click()
    expect(moderator.get_by_role("heading", level=1)).to_have_text("Moderate a reply")
    section(moderator, "Hide").get_by_label("Reason (public)").fill(hide_reason)
    moderator.get_by_role("button", name="Hide reply").click()
    expect(moderator.get_by_text("Hidden. Readers see your reason in its place.")).to_be_visible()
    expect(
        moderator.get_by_text(f"Hidden by moderators: {hide_reason}. Only the author")
    ).to_be_visible()
    moderator.goto("/mod/queue")
    expect(moderator.locator("section.revision", has_text=offending)).to_have_count(0)

    # Then locks the thread from the thread's own Moderate link.
    moderator.goto(thread_url)
    moderator.locator("article.thread .post-actions").get_by_role("link", name="Moderate").click()
    expect(moderator.get_by_role("heading", level=1)).to_have_text("Moderate a thread")
    section(moderator, "Lock").get_by_label("Reason (public)").fill(lock_reason)
    moderator.get_by_role("button", name="Lock thread").click()
    expect(moderator.get_by_text("Thread locked.")).to_be_visible()
    expect(moderator.get_by_text(f"Locked by moderators: {lock_reason}")).to_be_visible()

    # And suspends the author for a week, from the reply's tools to the member's.
    moderator.locator("article.post", has_text=offending).get_by_role(
        "link", name="Moderate", exact=True
    ).click()
    moderator.get_by_role("link", name=f"Moderate {author_name}").click()
    expect(moderator.get_by_role("heading", level=1)).to_have_text(f"Moderate {author_name}")
    until = (datetime.now(UTC) + timedelta(days=7)).date()
    suspend = section(moderator, "Suspend")
    suspend.get_by_label("Suspended until").fill(until.isoformat())
    suspend.get_by_label("Reason (public)").fill(suspend_reason)
    suspend.get_by_role("button", name="Suspend", exact=True).click()
    expect(moderator.get_by_text("Member suspended. Their sessions have ended.")).to_be_visible()
    expect(moderator.locator(".page-head")).to_contain_text("Suspended until")
    expect(moderator.locator(".page-head")).to_contain_text(suspend_reason)

    # Anyone, signed out, reads the three actions and their reasons in the public log.
    reader = open_page()
    reader.goto("/mod/log")
    for label, reason, target in [
        ("Hid", hide_reason, "removed content"),
        ("Locked", lock_reason, title),
        ("Suspended", suspend_reason, f"member {author_name}"),
    ]:
        row = reader.locator("li.revision", has_text=reason)
        expect(row).to_have_count(1)
        expect(row).to_contain_text(label)
        expect(row).to_contain_text(MODERATOR)
        expect(row).to_contain_text(target)
        expect(row).to_contain_text(f"Reason: {reason}")

    # The thread shows the reason in the reply's place and says it is locked.
    reader.goto(thread_url)
    expect(reader.get_by_text(f"Removed by moderators: {hide_reason}")).to_be_visible()
    expect(reader.get_by_text(f"Locked by moderators: {lock_reason}")).to_be_visible()
    expect(reader.get_by_text(offending)).to_have_count(0)

    # The reporter's reports page shows what the moderators decided.
    reporter.goto("/reports")
    expect(reporter.locator("li.revision").first).to_contain_text(
        f"Moderators acted (Hid): {hide_reason}"
    )
    # Nobody may reply to a locked thread, not even its author.
    reporter.goto(thread_url)
    expect(reporter.locator("form#reply")).to_have_count(0)

    # The suspension ended the author's session; signing in again, every page says why.
    author.goto("/")
    expect(author.get_by_role("link", name="Log in")).to_be_visible()
    author.get_by_role("link", name="Log in").click()
    author.get_by_label("Username or email").fill(author_name)
    author.get_by_label("Password").fill(PASSWORD)
    author.get_by_role("button", name="Log in").click()
    expect(author.get_by_text(f"Logged in as {author_name}.")).to_be_visible()
    notice = re.compile(rf"Your account is suspended until .+: {re.escape(suspend_reason)}")
    for url in ["/", thread_url, "/mod/log", "/settings", f"/u/{author_name}", "/appeals"]:
        author.goto(url)
        banner = author.locator("main > p.flash[role=note]").first
        expect(banner).to_have_text(re.compile(notice.pattern + r"\s*Appeal$"))
        expect(banner.get_by_role("link", name="Appeal")).to_have_attribute("href", "/appeals")
    # Its author still sees the hidden text, marked as hidden; the actions are appealable.
    author.goto(thread_url)
    expect(author.get_by_text(offending)).to_be_visible()
    expect(author.get_by_text(f"Hidden by moderators: {hide_reason}.")).to_be_visible()
    author.goto("/appeals")
    choices = author.locator("fieldset").get_by_role("radio")
    expect(choices).to_have_count(2)

    for _page, watch in pages:
        watch.assert_clean()


@pytest.fixture(scope="module")
def moderated(forum):
    """A thread with an open report on a reply and on the thread itself, a hidden reply and a
    suspension under appeal, and an admin; made once through the forum's own actions."""
    app = forum[1]
    with app.app_context():
        from forum.accounts.actions import register_user
        from forum.accounts.queries import user_by_username
        from forum.extensions import db
        from forum.moderation import actions, member_actions, report_actions
        from forum.threads.actions import post_reply, start_thread

        register_user("axe_admin", "axe_admin@example.org", PASSWORD, role="admin")
        author = register_user("axe_author", "axe_author@example.org", PASSWORD)
        moderator = user_by_username(MODERATOR)
        reporter = user_by_username("mira_okafor")
        opener = user_by_username("lt_renaud")
        thread = start_thread(opener, "Who audits the auditors of face scans?", "Go.", ["privacy"])
        parent = post_reply(thread, opener, "Independent auditors.", None, "support")
        reported = post_reply(thread, author, "Auditors are all crooks.", parent.id, "challenge")
        hidden = post_reply(thread, author, "Buy cheap watches here.", None, "support")
        report_actions.report_item(reporter, thread, reported, "harassment", "Calls people crooks.")
        report_actions.report_item(author, thread, None, "off-topic", "")
        hide = actions.hide_item(moderator, hidden, "Advertising")
        until = (datetime.now(UTC) + timedelta(days=7)).date()
        member_actions.suspend_member(moderator, author, until, "Advertising twice")
        report_actions.file_appeal(author, hide, "It was a joke about the topic.")
        ids = {"thread": thread.id, "reply": reported.id, "author": author.username}
        db.session.remove()
    return ids


def axe_problems(page, pages: list[tuple[str, str]]) -> dict:
    """Serious or critical axe findings on each page, by name; one h1 on each."""
    problems = {}
    for name, url in pages:
        response = page.goto(url)
        assert response.status == 200, name
        assert page.locator("h1").count() == 1, name
        found = serious_violations(page)
        if found:
            problems[name] = found
    return problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_moderation_pages_pass_axe(make_context, base_url, forum, moderated, scheme):
    thread, reply, author = moderated["thread"], moderated["reply"], moderated["author"]
    problems = {}

    page = make_context(color_scheme=scheme).new_page()
    watch = PageWatch(page, base_url)
    log_in(page, forum[2], MODERATOR)
    page.goto("/mod/queue")
    expect(page.get_by_role("link", name="Act on this reply").first).to_be_visible()
    problems |= axe_problems(
        page,
        [
            ("queue", "/mod/queue"),
            ("thread tools", f"/mod/t/{thread}"),
            ("reply tools", f"/mod/p/{reply}"),
            ("member tools", f"/mod/u/{author}"),
            ("appeals to decide", "/mod/appeals"),
            ("log", "/mod/log"),
        ],
    )
    watch.assert_clean()

    page = make_context(color_scheme=scheme).new_page()
    watch = PageWatch(page, base_url, allow_error_documents=True)
    log_in(page, forum[2], "mira_okafor")
    problems |= axe_problems(
        page,
        [
            ("own reports", "/reports"),
            ("report a thread", f"/t/{thread}/report"),
            ("report a reply", f"/p/{reply}/report"),
            ("appeals, none", "/appeals"),
        ],
    )
    # A report sent without a reason comes back with the error tied to the form.
    page.goto(f"/p/{reply}/report")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose a reason.")
    expect(page.get_by_role("group", name="What is wrong with it?")).to_contain_text(
        "Choose a reason."
    )
    found = serious_violations(page)
    if found:
        problems["report with errors"] = found
    watch.assert_clean()

    page = make_context(color_scheme=scheme).new_page()
    watch = PageWatch(page, base_url)
    log_in(page, {author: PASSWORD}, author)
    expect(page.get_by_text(re.compile("Your account is suspended until"))).to_be_visible()
    problems |= axe_problems(page, [("appeals, suspended", "/appeals")])
    watch.assert_clean()

    page = make_context(color_scheme=scheme).new_page()
    watch = PageWatch(page, base_url)
    log_in(page, {"axe_admin": PASSWORD}, "axe_admin")
    problems |= axe_problems(
        page,
        [
            ("roles", "/admin/users"),
            ("appeals, deciding", "/mod/appeals"),
            ("member tools, admin", f"/mod/u/{MODERATOR}"),
        ],
    )
    watch.assert_clean()
    assert problems == {}


def test_moderation_pages_fit_the_narrowest_phone(make_context, forum, moderated):
    thread, reply, author = moderated["thread"], moderated["reply"], moderated["author"]
    page = make_context(viewport={"width": 360, "height": 740}).new_page()
    log_in(page, {"axe_admin": PASSWORD}, "axe_admin")
    wide = {}
    for url in [
        "/mod/queue",
        f"/mod/t/{thread}",
        f"/mod/p/{reply}",
        f"/mod/u/{author}",
        "/mod/appeals",
        "/mod/log",
        f"/t/{thread}/report",
        "/reports",
        "/appeals",
        "/admin/users",
    ]:
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[url] = width
    assert wide == {}
