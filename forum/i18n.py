"""Languages: choosing the reader's language, and the locale-aware helpers templates use.

Only English and French for now. English is the source language: interface text is written
in English in templates and scripts, and French comes from forum/translations.
"""

from datetime import UTC, datetime
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, Response, has_request_context, request
from flask_babel import (
    format_date,
    format_datetime,
    format_number,
    format_timedelta,
    get_locale,
    gettext,
    lazy_gettext,
    ngettext,
)
from flask_babel.speaklater import LazyString
from flask_login import current_user

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "fr")
# Each language is named in itself, so a reader who cannot read the page still finds theirs.
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
LANGUAGE_COOKIE = "lang"
# Dates and numbers follow a region's customs: day-first British English, metropolitan French.
FORMAT_LOCALES = {"en": "en_GB", "fr": "fr_FR"}
JUST_NOW_SECONDS = 45
DATE_AFTER_DAYS = 30


def select_locale() -> str:
    """The reader's language: their saved choice, the switch's cookie, the browser, or English."""
    return FORMAT_LOCALES[chosen_language()]


def chosen_language() -> str:
    """The language code the reader gets, from their profile, cookie or browser."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    saved = getattr(current_user, "locale", "")
    if saved in LANGUAGES:
        return saved
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if cookie in LANGUAGES:
        return cookie
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def current_language() -> str:
    """The active language code ('en' or 'fr'), as used in <html lang>."""
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT_LANGUAGE


def relative_time(moment: datetime, now: datetime | None = None) -> str:
    """A moment as a person would say it: 'just now', '3 hours ago', or a date when old."""
    now = now or datetime.now(UTC)
    elapsed = now - moment
    seconds = elapsed.total_seconds()
    if seconds < JUST_NOW_SECONDS:
        return gettext("just now")
    if seconds >= DATE_AFTER_DAYS * 86_400:
        return format_date(moment, "medium")
    return format_timedelta(-elapsed, granularity="minute", threshold=1, add_direction=True)


def exact_time(moment: datetime) -> str:
    """A full, unambiguous timestamp for tooltips: the long date and a 24-hour time, in UTC."""
    locale = get_locale() or Locale.parse(DEFAULT_LANGUAGE)
    date = locale.date_formats["long"].pattern
    pattern = locale.datetime_formats["long"].format("HH:mm", date)
    return format_datetime(moment.astimezone(UTC), pattern + " 'UTC'", rebase=False)


def number(n) -> str:
    """A number written the local way (1,234 or 1 234)."""
    return format_number(n)


# Keyboard shortcuts shown in the help dialog (keys.js), in order.
SHORTCUTS = (
    ("j", lazy_gettext("Next reply")),
    ("k", lazy_gettext("Previous reply")),
    ("p", lazy_gettext("Go to the reply it answers")),
    ("r", lazy_gettext("Reply to the current reply")),
    ("Esc", lazy_gettext("Close the reply box; its text is kept")),
    ("?", lazy_gettext("Show or hide this help")),
)


def both_forms(message) -> dict[str, str]:
    """Both forms of a counted message for the scripts, which pick one with Intl.PluralRules.

    `message(n)` calls ngettext with literal strings (so extraction finds them) whose
    `{count}` placeholder the script fills. English and French both have two forms, which
    Intl.PluralRules calls "one" (1 in English; 0 and 1 in French) and "other".
    """
    return {"one": message(1), "other": message(2)}


def js_messages() -> dict:
    """Every string the page's scripts show, in the reader's language (see static/js/i18n.js)."""
    return {
        "locale": current_language(),
        "formatLocale": str(get_locale() or FORMAT_LOCALES[DEFAULT_LANGUAGE]).replace("_", "-"),
        "justNow": gettext("just now"),
        # keys.js: the keyboard shortcuts dialog
        "shortcutsTitle": gettext("Keyboard shortcuts"),
        "shortcuts": [[key, str(meaning)] for key, meaning in SHORTCUTS],
        "close": gettext("Close"),
        # live.js: replies posted since the page loaded
        "newRepliesShow": both_forms(
            lambda n: ngettext("{count} new reply: show", "{count} new replies: show", n)
        ),
        "newReplies": both_forms(lambda n: ngettext("{count} new reply", "{count} new replies", n)),
        # preview.js
        "preview": gettext("Preview"),
        "hidePreview": gettext("Hide preview"),
        "rendering": gettext("Rendering…"),
        "nothingToPreview": gettext("Nothing to preview yet."),
        "previewFailed": gettext("The preview could not be loaded. Your text is still here."),
        # reply.js: the in-place reply form
        "replyingTo": gettext("Replying to {name}"),
        "replyToReply": gettext("Your reply to this reply"),
        "cancel": gettext("Cancel"),
        # drafts.js: sending, and the characters left near the limit
        "sending": gettext("Sending…"),
        "charactersLeft": both_forms(
            lambda n: ngettext("{count} character left", "{count} characters left", n)
        ),
        "charactersOver": both_forms(
            lambda n: ngettext(
                "{count} character over the limit", "{count} characters over the limit", n
            )
        ),
    }


def compile_catalogues() -> list[Path]:
    """Compile every .po catalogue to the .mo file gettext reads, when it is missing or stale."""
    compiled = []
    for source in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        target = source.with_suffix(".mo")
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        with source.open("rb") as handle:
            catalogue = read_po(handle)
        with target.open("wb") as handle:
            write_mo(handle, catalogue)
        compiled.append(target)
    return compiled


def say_language_varies(response: Response) -> Response:
    """Pages and script answers depend on the language: tell caches which headers choose it."""
    if response.mimetype in ("text/html", "application/json"):
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
    return response


def register(app: Flask) -> None:
    """Add the language helpers to templates; call after web.register so these filters win."""
    app.jinja_env.globals.update(
        current_locale=LazyString(current_language),
        languages=LANGUAGE_NAMES,
        js_messages=js_messages,
    )
    app.jinja_env.filters.update(relative_time=relative_time, exact_time=exact_time, number=number)
    app.after_request(say_language_varies)
