"""Languages: choosing English or French, the translated pages, the switch and the catalogue."""

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask_babel import refresh

from forum.extensions import db
from forum.i18n import exact_time, js_messages, relative_time
from forum.threads import actions
from scripts.check_translations import (
    catalogue_problems,
    unmarked_python_text,
    unmarked_template_text,
)
from tests.helpers import Auth, csrf_from, outbox_messages, post_form

TRANSLATIONS = Path(__file__).resolve().parents[2] / "forum" / "translations"
FRENCH_PO = TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.po"
NBSP, NNBSP = "\u00a0", "\u202f"


def french_catalogue():
    with FRENCH_PO.open("rb") as source:
        return read_po(source)


def html_lang(page: bytes) -> str:
    return re.search(rb'<html lang="([^"]+)"', page)[1].decode()


def page_messages(page: bytes) -> dict:
    block = re.search(rb'<script type="application/json" id="messages">(.*?)</script>', page, re.S)
    return json.loads(block[1])


def test_home_page_follows_accept_language(client, thread):
    french = client.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}).data
    assert html_lang(french) == "fr"
    text = french.decode()
    assert "Derniers débats" in text
    assert "0 réponse<" in text  # French counts zero in the singular
    assert "Aller au contenu" in text
    assert "Latest debates" not in text
    assert "Should drones watch crowds?" in text  # member content is never translated
    english = client.get("/", headers={"Accept-Language": "de, en;q=0.5"}).data
    assert html_lang(english) == "en"
    assert b"Latest debates" in english
    assert b"0 replies<" in english


def test_unsupported_or_missing_language_falls_back_to_english(client, tags):
    assert html_lang(client.get("/", headers={"Accept-Language": "de-DE"}).data) == "en"
    assert html_lang(client.get("/").data) == "en"


def test_thread_page_in_french_with_plural_forms(client, thread, make_user):
    bob = make_user("bob")
    first = actions.post_reply(thread, bob, "First point.", None, "support")
    client.set_cookie("lang", "fr")
    page = client.get(thread_url(thread), follow_redirects=True).data
    assert html_lang(page) == "fr"
    text = page.decode()
    assert f"Quelle est votre position{NNBSP}?" in text
    assert ">1 réponse<" in text
    assert "Appuie" in text
    assert "il y a" in text or "à l’instant" in text
    actions.post_reply(thread, bob, "Second point.", first.id, "challenge")
    text = client.get(thread_url(thread), follow_redirects=True).data.decode()
    assert ">2 réponses<" in text
    assert "conteste <a" in text
    client.set_cookie("lang", "en")
    text = client.get(thread_url(thread), follow_redirects=True).data.decode()
    assert ">2 replies<" in text
    assert "Where do you stand?" in text


def thread_url(thread) -> str:
    return f"/t/{thread.id}"


def test_cookie_wins_over_accept_language(client, tags):
    client.set_cookie("lang", "en")
    page = client.get("/", headers={"Accept-Language": "fr"}).data
    assert html_lang(page) == "en"
    client.set_cookie("lang", "xx")  # a cookie naming no language of ours is ignored
    assert html_lang(client.get("/", headers={"Accept-Language": "fr"}).data) == "fr"


def test_switch_sets_cookie_and_redirects_back(client, tags):
    token = csrf_from(client.get("/tags").data)
    response = client.post(
        "/language", data={"csrf_token": token, "language": "fr", "next": "/tags?"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/tags"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("lang=fr;")
    assert "Max-Age=31536000" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    page = client.get("/tags").data
    assert html_lang(page) == "fr"
    assert b'value="fr" lang="fr" aria-pressed="true">Fran\xc3\xa7ais<' in page


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil"])
def test_switch_never_redirects_off_site(client, tags, target):
    token = csrf_from(client.get("/").data)
    response = client.post(
        "/language", data={"csrf_token": token, "language": "fr", "next": target}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_switch_with_unknown_language_forgets_the_choice(client, tags):
    client.set_cookie("lang", "fr")
    token = csrf_from(client.get("/").data)
    response = client.post("/language", data={"csrf_token": token, "language": "de", "next": "/"})
    assert response.status_code == 302
    assert response.headers["Set-Cookie"].startswith("lang=;")
    assert html_lang(client.get("/").data) == "en"


def test_switch_needs_csrf_token(client, tags):
    assert client.post("/language", data={"language": "fr"}).status_code == 400


def test_switch_answers_scripts_with_json(client, tags):
    token = csrf_from(client.get("/").data)
    response = client.post(
        "/language",
        data={"csrf_token": token, "language": "fr"},
        headers={"Accept": "application/json"},
    )
    assert response.get_json() == {"language": "fr"}


def test_members_language_is_saved_on_their_profile(app, client, auth, member):
    auth.login("alice")
    token = csrf_from(client.get("/").data)
    client.post("/language", data={"csrf_token": token, "language": "fr", "next": "/"})
    db.session.refresh(member)
    assert member.locale == "fr"
    # Another device, with an English browser and no cookie: the profile's choice wins.
    other_device = app.test_client()
    Auth(other_device).login("alice")
    page = other_device.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="fr"' in page


def test_choosing_no_language_forgets_it(client, auth, member):
    auth.login("alice")
    post_form(client, "/language", {"language": "fr", "next": "/"})
    response = post_form(client, "/language", {"language": "", "next": "/"})
    assert "lang=;" in response.headers["Set-Cookie"]
    db.session.refresh(member)
    assert member.locale == ""
    assert '<html lang="en"' in client.get("/").get_data(as_text=True)


def test_reset_mail_is_in_the_recipients_language(app, client, member):
    member.locale = "fr"
    db.session.commit()
    post_form(client, "/reset-password", {"email": member.email}, "/reset-password")
    (message,) = outbox_messages(app)
    assert message["Subject"] == "Réinitialiser votre mot de passe Counterpoint"
    assert "Bonjour alice" in message.get_content()


def test_relative_and_exact_times_in_both_languages(app):
    now = datetime(2025, 3, 12, 14, 3, tzinfo=UTC)
    cases = {
        "en": ["just now", "1 minute ago", "3 hours ago", "3 days ago", "1 Jan 2025"],
        "fr": [
            "à l’instant",
            "il y a 1 minute",
            "il y a 3 heures",
            "il y a 3 jours",
            "1 janv. 2025",
        ],
    }
    moments = [
        now - timedelta(seconds=10),
        now - timedelta(seconds=60),
        now - timedelta(hours=3),
        now - timedelta(days=3),
        datetime(2025, 1, 1, tzinfo=UTC),
    ]
    for language, expected in cases.items():
        with app.test_request_context(headers={"Accept-Language": language}):
            refresh()
            assert [relative_time(moment, now) for moment in moments] == expected
            assert "2025" in exact_time(now)
            assert "14:03 UTC" in exact_time(now)
            assert exact_time(now).endswith("UTC")
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        refresh()
        assert exact_time(now) == "12 mars 2025, 14:03 UTC"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        refresh()
        assert exact_time(now) == "12 March 2025, 14:03 UTC"


def test_scripts_get_their_strings_in_the_page_language(client, thread):
    english = page_messages(client.get("/").data)
    french = page_messages(client.get("/", headers={"Accept-Language": "fr"}).data)
    assert english["locale"] == "en" and french["locale"] == "fr"
    assert english.keys() == french.keys()
    assert english["newReplies"] == {"one": "{count} new reply", "other": "{count} new replies"}
    assert french["newReplies"] == {
        "one": "{count} nouvelle réponse",
        "other": "{count} nouvelles réponses",
    }
    assert french["justNow"] == "à l’instant"
    assert french["replyingTo"] == "En réponse à {name}"
    assert len(french["shortcuts"]) == 6
    for key, value in english.items():
        if key != "locale" and key != "shortcuts":
            assert french[key] != value, key


def test_js_messages_outside_french_are_english(app):
    with app.test_request_context():
        refresh()
        assert js_messages()["close"] == "Close"


def test_script_strings_live_in_the_catalogue_only():
    """No English sentence is left inside the scripts: they all come from i18n.js."""
    scripts = Path(__file__).resolve().parent.parent / "static" / "js"
    for script in scripts.glob("*.js"):
        code = "\n".join(
            line for line in script.read_text().splitlines() if not line.lstrip().startswith("//")
        )
        for literal in re.findall(r'"([^"\n]*)"|`([^`\n]*)`', code):
            text = "".join(literal)
            assert not re.search(r"[A-Z][a-z]+ [a-z]+", text), f"{script.name}: {text!r}"


def test_french_catalogue_is_complete_and_typographically_french():
    catalogue = french_catalogue()
    assert catalogue.plural_forms == "nplurals=2; plural=(n > 1);"
    messages = [message for message in catalogue if message.id]
    assert messages
    for message in messages:
        assert not message.fuzzy, message.id
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        assert len(strings) == len(ids) and all(strings), message.id
        for msgid, msgstr in zip(ids, strings, strict=True):
            assert placeholders(msgid) == placeholders(msgstr), msgid
            assert not re.search(r"[ \w][:;?!](\s|$|<)", strip_markup(msgstr)), msgstr
            assert not re.search(r"[^\u00a0\u202f][;?!]", strip_markup(msgstr)), msgstr
            assert "'" not in strip_markup(msgstr) and '"' not in strip_markup(msgstr), msgstr
            assert "“" not in msgstr and "”" not in msgstr, msgstr
            assert msgstr.count("«") == msgstr.count(f"«{NBSP}"), msgstr
            assert msgstr.count("»") == msgstr.count(f"{NBSP}»"), msgstr


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\(\w+\)[sd]|\{\w+\}", text))


def strip_markup(text: str) -> str:
    """The prose of a message: no tags, attributes or <kbd>?</kbd> keys."""
    return re.sub(r"<kbd>.*?</kbd>|<[^>]+>", "", text)


def test_checker_finds_unmarked_template_text(tmp_path):
    template = tmp_path / "page.html"
    template.write_text(
        '<h1>{{ _("Marked") }}</h1><p title="Not marked">Plain words</p>'
        "{% trans %}Inside a block{% endtrans %}<button>{{ _('Fine') }}</button>"
    )
    assert unmarked_template_text(template) == ["Not marked", "Plain words"]


def test_checker_finds_unmarked_python_text(tmp_path):
    module = tmp_path / "views.py"
    module.write_text(
        'flash("Saved.", "success")\n'
        'flash(_("Saved."), "success")\n'
        'raise ActionError("email", f"Taken: {email}")\n'
        'click.echo(f"  {name:<24} {password}")\n'
    )
    assert unmarked_python_text(module) == ["line 1: 'Saved.'", "line 3: f'Taken: {email}'"]


def test_every_marked_string_is_translated_into_french():
    assert catalogue_problems() == []


def test_pages_tell_caches_they_vary_by_language(client, thread):
    for url in ("/", f"/t/{thread.id}", "/tags", "/nowhere"):
        vary = client.get(url).headers.get("Vary", "")
        assert "Accept-Language" in vary and "Cookie" in vary, url
    with client.get("/static/css/forum.css") as asset:
        assert "Accept-Language" not in asset.headers.get("Vary", "")
