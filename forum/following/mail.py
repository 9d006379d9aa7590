"""Notification mail: one message per notification, the daily digest, one-click unsubscribe.

Mail is sent at most once: a notification is claimed (its `emailed_at` or `digest_day` set) and
the claim committed before the message goes out, so a crash between the two loses that mail
rather than sending it twice; a send that fails with an error gives the claim back.
"""

from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import exists, or_, select, update
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..database import utcnow
from ..extensions import db
from ..jobs import enqueue
from ..mail import public_url, send_mail
from .messages import notification_text
from .models import KINDS, FollowSettings, Notification, NotificationPreference
from .queries import deliveries_for, settings_for, visible_notifications

UNSUBSCRIBE_SALT = "unsubscribe"
# A mail's unsubscribe link keeps working long after the mail arrived.
UNSUBSCRIBE_MAX_AGE = 400 * 86_400
# The kind named by a digest's unsubscribe link: every notification mail.
EVERY_KIND = "all"
DIGEST_LIMIT = 50


def mail_when_wanted(*notifications: Notification) -> None:
    """Queue a mail for each new notification whose recipient wants its kind mailed one by one.

    Call it with the notifications just added, inside the transaction that creates them: one
    query however many there are, and the jobs run once that transaction is committed.
    """
    wanted = _mailed_one_by_one({item.user_id for item in notifications})
    chosen = [item for item in notifications if (item.user_id, item.kind) in wanted]
    if not chosen:
        return
    db.session.flush()  # the jobs need the ids
    for item in chosen:
        enqueue(send_notification_mail, item.id)


def _mailed_one_by_one(user_ids: set[int]) -> set[tuple[int, str]]:
    """(member, kind) pairs mailed as they happen: email chosen, and no daily digest."""
    if not user_ids:
        return set()
    rows = db.session.execute(
        select(NotificationPreference.user_id, NotificationPreference.kind)
        .outerjoin(FollowSettings, FollowSettings.user_id == NotificationPreference.user_id)
        .where(
            NotificationPreference.user_id.in_(user_ids),
            NotificationPreference.delivery == "email",
            or_(FollowSettings.daily_digest.is_(None), FollowSettings.daily_digest.is_(False)),
        )
    )
    return {(user_id, kind) for user_id, kind in rows}


def wants_each_mail(user: User, kind: str) -> bool:
    """True when the member chose mail for this kind and has not asked for a daily digest."""
    return deliveries_for(user)[kind] == "email" and not settings_for(user).daily_digest


def send_notification_mail(notification_id: int) -> None:
    """Job: mail one notification to its recipient, if they still want it; never twice."""
    found = db.session.scalar(
        visible_notifications()
        .where(Notification.id == notification_id)
        .options(joinedload(Notification.user))
    )
    if found is None or found.read_at is not None or not wants_each_mail(found.user, found.kind):
        return
    claimed = db.session.execute(
        update(Notification)
        .where(
            Notification.id == notification_id,
            Notification.emailed_at.is_(None),
            Notification.digest_day.is_(None),
        )
        .values(emailed_at=utcnow())
    ).rowcount
    db.session.commit()
    if not claimed:
        return
    try:
        _send(found.user, found.kind, [found])
    except Exception:
        _release(Notification.emailed_at, [notification_id])
        raise


def send_digests(day: date) -> int:
    """Send the day's digest to each member who asked for one; returns how many were sent.

    A member gets at most one digest a day, holding their unread notifications of the kinds
    they chose to get by mail that no mail has carried yet.
    """
    members = db.session.scalars(
        select(FollowSettings.user_id).where(FollowSettings.daily_digest.is_(True))
    ).all()
    sent = 0
    for user_id in members:
        sent += _send_digest(user_id, day)
    return sent


def _send_digest(user_id: int, day: date) -> int:
    # Locking the member's settings row serialises two digest runs for the same member.
    db.session.execute(
        update(FollowSettings)
        .where(FollowSettings.user_id == user_id)
        .values(daily_digest=FollowSettings.daily_digest)
    )
    ids = _digest_ids(user_id, day)
    if ids:
        db.session.execute(
            update(Notification).where(Notification.id.in_(ids)).values(digest_day=day)
        )
    db.session.commit()
    if not ids:
        return 0
    items = db.session.scalars(
        select(Notification)
        .where(Notification.id.in_(ids))
        .order_by(Notification.created_at, Notification.id)
    ).all()
    try:
        _send(items[0].user, EVERY_KIND, items)
    except Exception:
        _release(Notification.digest_day, ids)
        raise
    return 1


def _digest_ids(user_id: int, day: date) -> list[int]:
    """The notifications the member's digest for `day` carries; none if one was sent that day."""
    user = db.session.get(User, user_id)
    kinds = [kind for kind, delivery in deliveries_for(user).items() if delivery == "email"]
    already = exists().where(Notification.user_id == user_id, Notification.digest_day == day)
    if not kinds or db.session.scalar(select(already)):
        return []
    query = (
        visible_notifications()
        .with_only_columns(Notification.id)
        .where(
            Notification.user_id == user_id,
            Notification.kind.in_(kinds),
            Notification.read_at.is_(None),
            Notification.emailed_at.is_(None),
            Notification.digest_day.is_(None),
        )
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(DIGEST_LIMIT)
    )
    return list(db.session.scalars(query))


def _release(column, ids: list[int]) -> None:
    """Give back a claim whose mail could not be sent, so a later run tries again."""
    db.session.rollback()
    db.session.execute(update(Notification).where(Notification.id.in_(ids)).values({column: None}))
    db.session.commit()


def _link(item: Notification) -> str:
    """Where the mail leads: the exact reply, the thread, or the public moderation log."""
    thread = item.thread
    if thread is None or thread.is_hidden and item.kind != "moderation":
        return public_url("conduct.log")
    if item.reply is not None and item.reply.is_live:
        return public_url("threads.permalink", reply_id=item.reply.id) + f"#p{item.reply.id}"
    return public_url("threads.show", thread_id=thread.id, slug=thread.slug)


def _send(user: User, kind: str, notifications: list[Notification]) -> None:
    """Write and send one mail in the member's language, with its one-click unsubscribe link."""
    link = unsubscribe_url(user.id, kind)
    with force_locale(user.locale or "en"):
        items = "\n\n".join(f"{notification_text(item)}\n{_link(item)}" for item in notifications)
        if kind == EVERY_KIND:
            subject = _("Your Counterpoint digest")
            intro = _("Here is what happened on Counterpoint since your last digest:")
            why = _("You get this daily digest because you asked for it in your settings.")
            stop = _("To stop all notification mail, open this link (no need to log in):")
        else:
            subject = _("Counterpoint: %(text)s", text=notification_text(notifications[0]))
            intro = _("Something happened on Counterpoint that you asked to hear about:")
            why = _("You get this mail because you asked for these notifications by email.")
            stop = _("To stop this kind of mail, open this link (no need to log in):")
        greeting = _("Hello %(name)s,", name=user.username)
    body = f"{greeting}\n\n{intro}\n\n{items}\n\n-- \n{why}\n{stop}\n{link}\n"
    headers = {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Content-Language": user.locale or "en",
    }
    # A title is one line, but a header must never carry a line break whatever the data.
    send_mail(user.email, " ".join(subject.split()), body, headers)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(user_id: int, kind: str) -> str:
    """The signed link that stops one kind of notification mail (or all of it) for a member."""
    token = _serializer().dumps({"u": user_id, "k": kind})
    return public_url("mail.unsubscribe", token=token)


def unsubscribe_target(token: str) -> tuple[User, str] | None:
    """The member and kind an unsubscribe link names, or None if it is forged or too old."""
    max_age = current_app.config.get("UNSUBSCRIBE_MAX_AGE", UNSUBSCRIBE_MAX_AGE)
    try:
        data = _serializer().loads(token, max_age=max_age)
    except BadSignature:  # SignatureExpired is a BadSignature
        return None
    if not isinstance(data, dict) or data.get("k") not in (*KINDS, EVERY_KIND):
        return None
    user = db.session.get(User, data["u"]) if isinstance(data.get("u"), int) else None
    return (user, data["k"]) if user is not None else None


def unsubscribe(user: User, kind: str) -> None:
    """Stop mailing the member this kind of notification (or any, and the digest); in-app stays."""
    kinds = KINDS if kind == EVERY_KIND else (kind,)
    chosen = deliveries_for(user)
    for name in kinds:
        if chosen[name] != "email":
            continue
        row = db.session.get(NotificationPreference, (user.id, name))
        if row is None:
            db.session.add(NotificationPreference(user_id=user.id, kind=name, delivery="app"))
        else:
            row.delivery = "app"
    if kind == EVERY_KIND:
        settings = db.session.get(FollowSettings, user.id)
        if settings is not None:
            settings.daily_digest = False
    db.session.commit()
