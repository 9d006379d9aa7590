"""Fail when interface text is not marked for translation or French lacks a translation.

Run as `python -m scripts.check_translations` (part of `make lint`). Three checks:
- templates: every visible text node and text attribute is inside `_()`, `ngettext()` or
  `{% trans %}` (or is a proper name listed below);
- Python: strings handed to flash, form fields, validators, refusals, mail and the CLI are
  wrapped in gettext;
- the French catalogue has every message the code marks, none empty, none fuzzy.
"""

import ast
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "forum" / "translations"
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
TRANS_BLOCK = re.compile(r"\{%-?\s*trans\b.*?\{%-?\s*endtrans\s*-?%\}", re.DOTALL)
# Blocks that fill in class names, not text.
CLASS_BLOCK = re.compile(r"\{%\s*block main_class\s*%\}.*?\{%\s*endblock\s*%\}", re.DOTALL)
LETTERS = re.compile(r"[^\W\d_]{2,}")
# Names that read the same in every language.
PROPER_NAMES = {"Counterpoint", "OP", "English", "Français", "UTC", "Milipol"}
TEXT_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "content", "value", "label"}
# Calls whose string arguments a person reads, and the positions that are not text
# (a field name, a flash category, a pattern, a choice's value).
VISIBLE_CALLS = {
    "flash": {1},
    "ActionError": {0},
    "commit_or_refuse": {0},
    "BadInput": set(),
    "NotAllowed": set(),
    "ValidationError": set(),
    "echo": set(),
    "StringField": set(),
    "PasswordField": set(),
    "TextAreaField": set(),
    "EmailField": set(),
    "BooleanField": set(),
    "RadioField": set(),
    "SelectChoice": {0},
    "InputRequired": set(),
    "NotBlank": set(),
    "Length": set(),
    "Email": set(),
    "Regexp": {0},
    "send_mail": {0},
}
VISIBLE_KEYWORDS = {"message", "description", "label", "heading", "help"}


class TemplateText(HTMLParser):
    """Collects text and text attributes that a reader would see untranslated."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        attributes = dict(attrs)
        for name, value in attrs:
            if name not in TEXT_ATTRIBUTES or not value:
                continue
            if name == "value" and (tag != "input" or attributes.get("type") != "submit"):
                continue
            if name == "content" and attributes.get("name") != "description":
                continue
            self.note(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.note(data)

    def note(self, text: str) -> None:
        words = [word for word in LETTERS.findall(text) if word not in PROPER_NAMES]
        if words:
            self.found.append(" ".join(text.split()))


def unmarked_template_text(path: Path) -> list[str]:
    """Visible text in a template that is not inside a translation call or block."""
    source = CLASS_BLOCK.sub(" ", TRANS_BLOCK.sub(" ", path.read_text(encoding="utf-8")))
    parser = TemplateText()
    parser.feed(JINJA.sub(" ", source))
    parser.close()
    return parser.found


def call_name(node: ast.Call) -> str:
    """The called function's last name: `click.echo` and `echo` are both 'echo'."""
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def is_text(node: ast.AST) -> bool:
    """A literal or f-string a person would read (it has words in it)."""
    if isinstance(node, ast.JoinedStr):
        return any(is_text(part) for part in node.values)
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and bool(LETTERS.search(node.value))
    )


def unmarked_python_text(path: Path) -> list[str]:
    """Literal strings passed straight to something a person reads."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or call_name(node) not in VISIBLE_CALLS:
            continue
        skipped = VISIBLE_CALLS[call_name(node)]
        arguments = [arg for index, arg in enumerate(node.args) if index not in skipped]
        arguments += [kw.value for kw in node.keywords if kw.arg in VISIBLE_KEYWORDS]
        found += [f"line {arg.lineno}: {ast.unparse(arg)}" for arg in arguments if is_text(arg)]
    return found


def catalogue_problems() -> list[str]:
    """Messages the code marks that a catalogue lacks, leaves empty or marks fuzzy."""
    method_map = [("forum/**.py", "python"), ("templates/**.html", "jinja2")]
    options = {"templates/**.html": {"trim_blocks": "true", "lstrip_blocks": "true"}}
    keywords = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None}
    keywords |= {"ngettext": (1, 2)}
    marked = {
        message[2] if isinstance(message[2], str) else message[2][0]
        for message in extract_from_dir(ROOT, method_map, options, keywords)
    }
    problems = []
    for po_path in sorted(CATALOGUES.glob("*/LC_MESSAGES/messages.po")):
        language = po_path.parts[-3]
        with po_path.open("rb") as handle:
            catalogue = read_po(handle)
        for message_id in sorted(marked):
            entry = catalogue.get(message_id)
            strings = entry.string if entry else ""
            strings = strings if isinstance(strings, tuple) else (strings,)
            if entry is None:
                problems.append(f"{language}: missing {message_id!r} (run make translations)")
            elif entry.fuzzy or not all(strings):
                problems.append(f"{language}: untranslated or fuzzy {message_id!r}")
    return problems


def main() -> int:
    """Print every problem and return 1 if there is any."""
    problems = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        problems += [f"{path.relative_to(ROOT)}: {t!r}" for t in unmarked_template_text(path)]
    for path in sorted((ROOT / "forum").rglob("*.py")):
        problems += [f"{path.relative_to(ROOT)}: {t}" for t in unmarked_python_text(path)]
    problems += catalogue_problems()
    for problem in problems:
        print(problem)
    print(f"Translations: {len(problems)} problem(s).")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
