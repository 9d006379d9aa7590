"""Names that could pass for someone else: confusable usernames, reserved names, staff words.

Two usernames collide when they are the same ignoring case or when their confusable skeletons
are equal, as typed or in lower case (name_skeletons). The skeleton follows Unicode TR39
(section 4, "Confusable Detection"): the name in NFKC, each character replaced by the
prototype of its look-alike class, then case-folded.
The table below is the part of TR39's confusables.txt that matters for names:

- capital I, digit 1 and | are drawn like a small l (TR39: I, 1, | -> l);
- digit 0 is drawn like O (TR39: 0 -> O), and o and O differ only in size, so case-folding
  puts 0, O and o together;
- m reads as "rn", w as "vv" and d as "cl" (TR39's multi-letter prototypes: m -> rn, ...);
- Cyrillic and Greek letters drawn like Latin ones map to them (а -> a, ο -> o, ...);
- _ and - are both a short stroke between words and a doubled one reads as a longer one, so a
  run of them is one separator ("dr-ines-vale" passes for "dr_ines_vale"). They are not
  dropped: "drinesvale" looks different.

The mapping is applied before case-folding, because the forum shows names as typed: capital I
next to the lower-case name "dr_ines_vale" is what makes "dr_ines_vaIe" a look-alike.
Zero-width and direction characters are removed first (they draw nothing).

Reserved names (RESERVED_NAMES) are compared by skeleton too, more loosely (i joins the l
class and digits read as the letters they stand for), so "Adm1n" is refused like "admin"; a
name with a staff word as one of its parts ("admin_jane", "mod-team") is refused as well.
Only members are held to them: an operator creating a staff account may name it "admin".
"""

from __future__ import annotations

import re
import unicodedata

from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..fields import remove_invisible_controls

# Names a member could use to pass for the forum, its staff or its machinery.
RESERVED_NAMES = (
    "admin",
    "administrator",
    "administrateur",
    "sysadmin",
    "sysop",
    "moderator",
    "moderateur",
    "moderation",
    "mod",
    "mods",
    "modo",
    "staff",
    "system",
    "root",
    "superuser",
    "counterpoint",
    "support",
    "security",
    "securite",
    "help",
    "helpdesk",
    "official",
    "officiel",
    "team",
    "equipe",
    "owner",
    "deleted",
    "deleted_user",
    "anonymous",
    "anonyme",
    "guest",
    "nobody",
    "null",
    "none",
    "undefined",
    "everyone",
    "here",
    "all",
    "bot",
    "noreply",
    "no-reply",
    "postmaster",
    "webmaster",
    "abuse",
    "info",
    "contact",
    "api",
    "www",
    "mail",
    "you",
    "me",
)
# Words that claim a staff role: a username with one of them as a part is refused too, and an
# organisation or other display text containing one is refused (English and French).
STAFF_WORDS = (
    "admin",
    "administrator",
    "administrateur",
    "administratrice",
    "sysadmin",
    "moderator",
    "moderateur",
    "moderatrice",
    "mod",
    "modo",
    "staff",
    "official",
    "officiel",
    "officielle",
    "counterpoint",
    "equipe",
)
# Phrases (after folding) that claim to speak for the forum without a staff word of their own.
STAFF_PHRASES = ("forum team", "site team", "support team", "trust and safety")

# TR39 prototypes for single characters, applied before case-folding.
_PROTOTYPES = {
    "I": "l",
    "1": "l",
    "|": "l",
    "ǀ": "l",
    "Ι": "l",  # Greek capital iota
    "І": "l",  # Cyrillic capital byelorussian-ukrainian i
    "ӏ": "l",  # Cyrillic palochka
    "0": "O",
    "m": "rn",
    "w": "vv",
    "d": "cl",
    "-": "_",
    "‐": "_",
    "‑": "_",
    "‒": "_",
    "–": "_",
    "—": "_",
    "―": "_",
    # Cyrillic look-alikes of Latin letters.
    "а": "a",
    "в": "b",
    "е": "e",
    "ё": "e",
    "і": "i",
    "ј": "j",
    "к": "k",
    "м": "rn",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "ѕ": "s",
    "ԁ": "cl",
    "ԛ": "q",
    "ԝ": "vv",
    "ɡ": "g",
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "Х": "X",
    # Greek look-alikes of Latin letters.
    "α": "a",
    "ο": "o",
    "ν": "v",
    "ι": "i",
    "κ": "k",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
}
_TABLE = str.maketrans(_PROTOTYPES)
_SEPARATORS = re.compile(r"_+")

LOOKS_LIKE = _l("That username looks too much like an existing one (%(name)s); choose another.")
TAKEN = _l("That username is taken.")
RESERVED = _l("That username is reserved; choose another.")
STAFF_CLAIM = _l(
    "Leave out staff words such as moderator, admin or official, and badge symbols: "
    "they would pass for a forum badge."
)


def name_skeleton(name: str) -> str:
    """The name as it looks: two names with the same skeleton can pass for each other."""
    text = unicodedata.normalize("NFKC", remove_invisible_controls(name))
    text = text.translate(_TABLE).casefold()
    # Case-folding can make a letter the table maps ("M" -> "m"), so map once more.
    text = unicodedata.normalize("NFKC", text.translate(_TABLE))
    return _SEPARATORS.sub("_", text)


def name_skeletons(name: str) -> set[str]:
    """The name's skeletons as typed and in lower case, and its case-folded self.

    Names are unique ignoring case, so a look-alike of the lower-case form is one too:
    "MIRA_OKAF0R" is "mira_okaf0r", which passes for "mira_okafor".
    """
    folded = name.casefold()
    return {f"={folded}", name_skeleton(name), name_skeleton(folded)}


def names_collide(name: str, other: str) -> bool:
    """True when one name could pass for the other: equal ignoring case, or look-alikes."""
    return not name_skeletons(name).isdisjoint(name_skeletons(other))


def existing_names() -> list[str]:
    """Every name a new account must not pass for: the usernames in use.

    Names held back after an account is deleted belong here too, once they are kept.
    """
    from .models import User

    return list(db.session.scalars(db.select(User.username)))


def username_collides(name: str) -> str | None:
    """The existing name this one could pass for, or None when it is distinct from all."""
    skeletons = name_skeletons(name)
    for other in existing_names():
        if not skeletons.isdisjoint(name_skeletons(other)):
            return other
    return None


# Reserved names are held to a looser likeness than other members' names: a digit standing for
# a letter ("adm1n", "r00t", "m0d3rator") is enough, since nobody needs such a name.
_LEET = str.maketrans({"i": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g"})


def _reserved_skeleton(name: str) -> str:
    return name_skeleton(name).translate(_LEET)


_RESERVED_SKELETONS = frozenset(_reserved_skeleton(name) for name in RESERVED_NAMES)
_STAFF_SKELETONS = frozenset(_reserved_skeleton(word) for word in STAFF_WORDS)


def is_reserved(name: str) -> bool:
    """A reserved name, a look-alike of one, or a name with a staff word as one of its parts."""
    skeleton = _reserved_skeleton(name)
    if skeleton.strip("_") in _RESERVED_SKELETONS:
        return True
    return any(part in _STAFF_SKELETONS for part in skeleton.split("_"))


def username_problem(name: str, staff: bool = False) -> str | None:
    """Why this new username is refused, or None; staff accounts may take reserved names."""
    if not staff and is_reserved(name):
        return str(RESERVED)
    other = username_collides(name)
    if other is None:
        return None
    if other.casefold() == name.casefold():
        return str(TAKEN)
    return str(LOOKS_LIKE) % {"name": other}


def _fold_text(text: str) -> str:
    """Display text without accents, case or look-alike digits, for finding staff words."""
    text = unicodedata.normalize("NFKD", remove_invisible_controls(text))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.translate(str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s"}))
    return text.casefold()


def is_badge_symbol(char: str) -> bool:
    """Symbols that can pass for a badge or check mark: ◆ ★ ✓ 🛡 and the like.

    Unicode's other and modifier symbols (So, Sk: shapes, dingbats, emoji), private-use
    characters (a font may draw anything there) and the asterisk, a text star.
    """
    return unicodedata.category(char) in ("So", "Sk", "Co") or char == "*"


def claims_staff(text: str) -> bool:
    """Display text that carries a staff word, a staff phrase or a badge-like symbol."""
    if any(is_badge_symbol(char) for char in unicodedata.normalize("NFKC", text)):
        return True
    folded = _fold_text(text)
    words = re.findall(r"[^\W\d_]+", folded)
    if any(word in STAFF_WORDS or word.rstrip("s") in STAFF_WORDS for word in words):
        return True
    joined = " ".join(words)
    return any(f" {phrase} " in f" {joined} " for phrase in STAFF_PHRASES)
