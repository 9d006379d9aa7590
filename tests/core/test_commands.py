"""CLI commands: seeding, creating users and re-rendering."""

from sqlalchemy import func, select

from forum.extensions import db
from forum.markup import RENDERER_VERSION
from forum.models import Reply, Tag, Thread, User


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_seed_builds_report_and_debates_once(runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    assert "milipol-2023-report" in result.output
    threads = count(Thread)
    assert threads >= 7
    report = db.session.scalar(select(Thread).order_by(Thread.id))
    assert [tag.slug for tag in report.tags] == ["milipol-2023"]
    assert report.author.username == "milipol-2023-report"
    assert "<h3>A Global Hub for Security Innovations</h3>" in report.body_html
    assert "## Networking and Knowledge Exchange" in report.body_source
    assert count(User.__table__) >= 6
    assert db.session.scalar(select(func.count()).where(User.role == "moderator")) == 1
    for thread in db.session.scalars(select(Thread).where(Thread.id != report.id)):
        assert 4 <= thread.reply_count <= 10
        assert thread.tags
    slugs = set(db.session.scalars(select(Tag.slug)))
    assert {"privacy", "surveillance", "facial-recognition", "drones", "ai"} <= slugs

    again = runner.invoke(args=["seed"])
    assert "nothing seeded" in again.output
    assert count(Thread) == threads


def test_seed_passwords_are_random_and_work(runner, client, auth):
    first = runner.invoke(args=["seed"]).output
    line = next(line for line in first.splitlines() if "mira_okafor" in line)
    password = line.split()[-1]
    assert len(password) >= 12
    assert auth.login("mira_okafor", password).status_code == 302


def test_seeded_forum_pages_render(runner, client):
    runner.invoke(args=["seed"])
    home = client.get("/")
    assert home.status_code == 200
    assert b"Milipol 2023" in home.data
    for thread in db.session.scalars(select(Thread)):
        response = client.get(f"/t/{thread.id}/{thread.slug}")
        assert response.status_code == 200
    deep = db.session.scalar(select(Reply).where(Reply.depth >= 7))
    assert deep is not None, "the seed should exercise continue-this-thread"


def test_users_create_reads_password_from_stdin(runner, client, auth):
    result = runner.invoke(
        args=["users", "create", "Erin", "--email", "erin@example.org", "--role", "moderator"],
        input="a long enough password\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.username == "Erin"))
    assert user.role == "moderator"
    assert auth.login("erin", "a long enough password").status_code == 302


def test_users_create_rejects_bad_input(runner, member):
    short = runner.invoke(args=["users", "create", "frank", "--email", "f@x.org"], input="short\n")
    assert short.exit_code == 1
    assert "Passwords are 12 to 200 characters." in short.output
    taken = runner.invoke(
        args=["users", "create", "alice", "--email", "a2@x.org"], input="long enough secret\n"
    )
    assert taken.exit_code == 1
    assert "That username is taken." in taken.output
    assert count(User) == 1


def test_rerender_refreshes_stale_posts(runner, thread):
    thread.render_version = 0
    thread.body_html = "stale"
    db.session.commit()
    result = runner.invoke(args=["rerender"])
    assert "Re-rendered 1 post." in result.output
    db.session.refresh(thread)
    assert thread.render_version == RENDERER_VERSION
    assert "<strong>argument</strong>" in thread.body_html


def test_seed_makes_a_living_debate(runner):
    from forum.debate.models import Credit, Position, SummaryRevision
    from forum.models import SourceMark

    assert runner.invoke(args=["seed"]).exit_code == 0
    motions = db.session.scalars(select(Thread).where(Thread.kind == "motion")).all()
    assert len(motions) == 7
    assert db.session.scalar(select(Thread.kind).where(Thread.id == 1)) == "discussion"
    for motion in motions:

        def on(model, motion=motion):
            query = select(func.count()).select_from(model)
            if hasattr(model, "thread_id"):
                return db.session.scalar(query.where(model.thread_id == motion.id))
            return db.session.scalar(
                query.join(Reply, Reply.id == model.post_id).where(Reply.thread_id == motion.id)
            )

        moved = (
            select(func.count())
            .select_from(Position)
            .where(Position.thread_id == motion.id, Position.before_side != Position.side)
        )
        assert db.session.scalar(moved) > 0
        assert on(Credit) >= 1 and on(SourceMark) >= 1 and on(SummaryRevision) == 2
        sourced = (
            select(func.count())
            .select_from(Reply)
            .where(Reply.thread_id == motion.id, Reply.sources != "")
        )
        assert db.session.scalar(sourced) >= 1


def test_users_role_changes_a_role_and_logs_it_publicly(runner, client, member):
    from forum.models import ModerationAction

    result = runner.invoke(args=["users", "role", "alice", "moderator", "--reason", "Elected."])
    assert result.exit_code == 0, result.output
    assert "alice is now moderator." in result.output
    db.session.expire_all()
    assert db.session.get(User, member.id).role == "moderator"
    logged = db.session.scalars(select(ModerationAction)).all()
    assert [(row.action, row.moderator_id, row.target_user_id) for row in logged] == [
        ("role", None, member.id)
    ]
    assert (logged[0].detail, logged[0].reason) == ("member → moderator", "Elected.")
    assert b"Elected." in client.get("/mod/log").data


def test_users_role_refuses_without_changing_anything(runner, member):
    from forum.models import ModerationAction

    same = runner.invoke(args=["users", "role", "alice", "member"])
    assert same.exit_code == 1
    assert "already has that role" in same.output
    nobody = runner.invoke(args=["users", "role", "nobody", "moderator"])
    assert nobody.exit_code == 1
    assert "No such user." in nobody.output
    unknown = runner.invoke(args=["users", "role", "alice", "overlord"])
    assert unknown.exit_code == 2
    db.session.expire_all()
    assert db.session.get(User, member.id).role == "member"
    assert count(ModerationAction) == 0
