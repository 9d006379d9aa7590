"""Write-side functions: each performs one user intention as one transaction."""

from __future__ import annotations

import re

from flask import current_app, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from . import queries
from .extensions import db
from .mail import send_mail
from .markup import RENDERER_VERSION, render_markdown
from .models import ROLES, Position, Post, Revision, Tag, TagFollow, Thread, User, Vote, utcnow

# Checked against when no account matches, so a wrong username costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")
RESET_SALT = "password-reset"


class ActionError(Exception):
    """A request the forum refuses, with the form field it concerns and a reader's message."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def slugify(title: str) -> str:
    """A short URL-friendly version of a title."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:80].rstrip("-") or "thread"


def _commit(field: str, message: str) -> None:
    """Commit, turning a lost uniqueness race into the same message a slower check gives."""
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise ActionError(field, message) from error


# Accounts


def register_user(username: str, email: str, password: str, role: str = "member") -> User:
    """Create an account after checking the username and email are free."""
    if role not in ROLES:
        raise ActionError("role", f"Role must be one of {', '.join(ROLES)}.")
    email = email.strip().lower()
    if queries.user_by_username(username):
        raise ActionError("username", "That username is taken.")
    if queries.user_by_email(email):
        raise ActionError("email", "An account with that email already exists.")
    user = User(
        username=username,
        username_key=username.lower(),
        email=email,
        password_hash=generate_password_hash(password),
        role=role,
    )
    db.session.add(user)
    _commit("username", "That username or email is taken.")
    return user


def authenticate(login: str, password: str) -> User | None:
    """The user these credentials belong to, or None; takes the same time either way."""
    user = queries.user_by_login(login)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


def update_profile(user: User, bio: str, affiliation: str) -> None:
    """Change the public bio and affiliation."""
    user.bio = bio.strip()
    user.affiliation = affiliation.strip()
    db.session.commit()


def _require_password(user: User, password: str) -> None:
    if not check_password_hash(user.password_hash, password):
        raise ActionError("current_password", "That is not your current password.")


def change_email(user: User, new_email: str, current_password: str) -> None:
    """Change the email address, proving it is the owner with the current password."""
    _require_password(user, current_password)
    new_email = new_email.strip().lower()
    existing = queries.user_by_email(new_email)
    if existing and existing.id != user.id:
        raise ActionError("email", "An account with that email already exists.")
    user.email = new_email
    _commit("email", "An account with that email already exists.")


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change the password, proving it is the owner with the current one."""
    _require_password(user, current_password)
    _set_password(user, new_password, field="new_password")
    db.session.commit()


def _set_password(user: User, password: str, field: str) -> None:
    if password.lower() == user.username.lower():
        raise ActionError(field, "Your password must not be your username.")
    user.password_hash = generate_password_hash(password)


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def request_password_reset(email: str) -> None:
    """Mail a reset link if the address belongs to an account; silent either way."""
    user = queries.user_by_email(email)
    if user is None:
        return
    token = _reset_serializer().dumps({"u": user.id, "f": user.password_fingerprint})
    link = current_app.config["PUBLIC_URL"].rstrip("/") + url_for(
        "auth.reset_password", token=token
    )
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
    try:
        _send_reset_mail(user, link, minutes)
    except OSError:
        # Saying so would tell a stranger the address has an account; the log tells us.
        current_app.logger.exception("Could not send the password reset mail")


def _send_reset_mail(user: User, link: str, minutes: int) -> None:
    send_mail(
        user.email,
        "Reset your Counterpoint password",
        f"Hello {user.username},\n\n"
        f"Someone asked to reset the password of your Counterpoint account.\n"
        f"To choose a new password, open this link within {minutes} minutes:\n\n{link}\n\n"
        "The link works once. If you did not ask for this, ignore this message;\n"
        "your password stays as it is.\n",
    )


def user_for_reset_token(token: str) -> User | None:
    """The account a reset link is for, or None if it is forged, expired or used."""
    try:
        data = _reset_serializer().loads(
            token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"]
        )
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = db.session.get(User, data["u"])
    if user is None or data.get("f") != user.password_fingerprint:
        return None
    return user


def reset_password(user: User, new_password: str) -> None:
    """Set a new password from a reset link; the link stops working."""
    _set_password(user, new_password, field="password")
    db.session.commit()


# Threads and replies


def _resolve_tags(slugs: list[str]) -> list[Tag]:
    tags = queries.tags_by_slugs(slugs)
    unknown = sorted(set(slugs) - {tag.slug for tag in tags})
    if unknown:
        raise ActionError(
            "tags", f"Unknown tag: {', '.join(unknown)}. Pick tags from the tag list."
        )
    return sorted(tags, key=lambda tag: slugs.index(tag.slug))


def start_thread(author: User, title: str, body: str, tag_slugs: list[str]) -> Thread:
    """Open a new thread under existing tags."""
    tags = _resolve_tags(tag_slugs)
    now = utcnow()
    thread = Thread(
        title=title.strip(),
        slug=slugify(title),
        author=author,
        body_source=body,
        body_html=render_markdown(body),
        render_version=RENDERER_VERSION,
        created_at=now,
        last_activity_at=now,
        tags=tags,
    )
    db.session.add(thread)
    db.session.commit()
    return thread


def edit_thread(thread: Thread, title: str, body: str, tag_slugs: list[str]) -> None:
    """Change a thread's title, body and tags, keeping the old version as a revision."""
    tags = _resolve_tags(tag_slugs)
    title = title.strip()
    unchanged_tags = {tag.id for tag in tags} == {tag.id for tag in thread.tags}
    if title == thread.title and body == thread.body_source and unchanged_tags:
        return
    db.session.add(
        Revision(
            thread_id=thread.id,
            title=thread.title,
            tag_text=thread.tag_text,
            body_source=thread.body_source,
        )
    )
    thread.title = title
    thread.slug = slugify(title)
    thread.body_source = body
    thread.body_html = render_markdown(body)
    thread.render_version = RENDERER_VERSION
    thread.tags = tags
    thread.edited_at = utcnow()
    db.session.commit()


def post_reply(thread: Thread, author: User, body: str, parent_id: int | None, stance: str) -> Post:
    """Add a reply under the thread or under one of its replies."""
    depth = 1
    if parent_id is not None:
        parent = db.session.get(Post, parent_id)
        if parent is None or parent.thread_id != thread.id:
            raise ActionError("parent_id", "The reply you are answering is not in this thread.")
        if parent.is_deleted:
            raise ActionError("parent_id", "The reply you are answering was deleted.")
        depth = parent.depth + 1
    now = utcnow()
    post = Post(
        thread_id=thread.id,
        parent_id=parent_id,
        author=author,
        depth=depth,
        stance=stance or None,
        body_source=body,
        body_html=render_markdown(body),
        render_version=RENDERER_VERSION,
        created_at=now,
    )
    db.session.add(post)
    db.session.execute(
        update(Thread)
        .where(Thread.id == thread.id)
        .values(reply_count=Thread.reply_count + 1, last_activity_at=now)
    )
    db.session.commit()
    return post


def edit_reply(post: Post, body: str) -> None:
    """Change a reply's text, keeping the old version as a revision."""
    if body == post.body_source:
        return
    db.session.add(Revision(post_id=post.id, body_source=post.body_source))
    post.body_source = body
    post.body_html = render_markdown(body)
    post.render_version = RENDERER_VERSION
    post.edited_at = utcnow()
    db.session.commit()


def delete_reply(post: Post) -> None:
    """Soft-delete a reply: its text and history go, a placeholder keeps its children in place."""
    db.session.execute(delete(Revision).where(Revision.post_id == post.id))
    post.deleted_at = utcnow()
    post.body_source = ""
    post.body_html = ""
    db.session.execute(
        update(Thread).where(Thread.id == post.thread_id).values(reply_count=Thread.reply_count - 1)
    )
    db.session.commit()


def _commit_unless_raced() -> bool:
    """Commit; False when a concurrent request by the same member already wrote the row."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def toggle_vote(user: User, post: Post) -> bool:
    """Mark or unmark a reply as convincing; returns whether it is now marked."""
    removed = db.session.execute(
        delete(Vote).where(Vote.user_id == user.id, Vote.post_id == post.id)
    ).rowcount
    if not removed:
        db.session.add(Vote(user_id=user.id, post_id=post.id))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()  # a concurrent click voted first; its vote stands
        return True
    # The count follows the rows actually removed or added, so double clicks cannot skew it.
    change = -removed if removed else 1
    db.session.execute(
        update(Post).where(Post.id == post.id).values(vote_count=Post.vote_count + change)
    )
    db.session.commit()
    db.session.refresh(post)
    return not removed


def set_position(user: User, thread: Thread, side: str) -> None:
    """Stand for or against a thread's motion, or clear the position with an empty side."""
    existing = db.session.get(Position, (user.id, thread.id))
    if not side:
        if existing:
            db.session.delete(existing)
    elif existing:
        existing.side = side
        existing.updated_at = utcnow()
    else:
        db.session.add(Position(user_id=user.id, thread_id=thread.id, side=side))
    _commit_unless_raced()


def toggle_tag_follow(user: User, tag: Tag) -> bool:
    """Follow or unfollow a tag; returns whether it is now followed."""
    removed = db.session.execute(
        delete(TagFollow).where(TagFollow.user_id == user.id, TagFollow.tag_id == tag.id)
    ).rowcount
    if not removed:
        db.session.add(TagFollow(user_id=user.id, tag_id=tag.id))
    _commit_unless_raced()
    return not removed


def rerender_all(everything: bool = False) -> int:
    """Re-render stored bodies made by an older renderer (or all of them); returns how many."""
    changed = 0
    for model in (Thread, Post):
        query = select(model)
        if not everything:
            query = query.where(model.render_version != RENDERER_VERSION)
        for item in db.session.scalars(query).all():
            item.body_html = render_markdown(item.body_source) if item.body_source else ""
            item.render_version = RENDERER_VERSION
            changed += 1
    db.session.commit()
    return changed
