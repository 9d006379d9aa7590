"""What makes a new password too weak to accept (ASVS 5.0 V6.2).

A password is taken exactly as typed: any characters, spaces and Unicode included, no
composition rules, no trimming or normalising. It is refused when it is shorter than
MIN_LENGTH, longer than MAX_LENGTH, among the most common passwords (data/common-passwords.txt),
a short pattern or a common password repeated, one character repeated, a run of consecutive
characters or of a keyboard row, or the member's username or email address.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l

MIN_LENGTH = 12
MAX_LENGTH = 200
COMMON_PASSWORDS_PATH = Path(__file__).resolve().parent / "data" / "common-passwords.txt"
# The keyboards the forum's members use (QWERTY, AZERTY, QWERTZ) row after row, and the digit
# row alone: "qwertyuiopas" or "890123456789" typed along them is as guessable as "123456789012".
KEYBOARD_ROWS = (
    "1234567890",
    "1234567890qwertyuiopasdfghjklzxcvbnm",
    "1234567890azertyuiopqsdfghjklmwxcvbn",
    "1234567890qwertzuiopasdfghjklyxcvbnm",
)
# Digits, punctuation and spaces around a common word ("password2024!") add almost nothing.
_PADDING = re.compile(r"^[\d\W_]*(.*?)[\d\W_]*$", re.DOTALL)
SHORT_PATTERN = 4

LENGTH = _l("Passwords are 12 to 200 characters.")
COMMON = _l("That password is one of the most common ones; choose another.")
PATTERN = _l("That password is a simple pattern or sequence; choose another.")
IS_USERNAME = _l("Your password must not be your username.")
IS_EMAIL = _l("Your password must not be your email address.")


@cache
def common_passwords() -> frozenset[str]:
    """The common-password list, lower-cased, read once per process."""
    with COMMON_PASSWORDS_PATH.open(encoding="utf-8") as lines:
        return frozenset(
            line.rstrip("\n") for line in lines if line.strip() and not line.startswith("#")
        )


def _is_common(text: str) -> bool:
    return text.lower() in common_passwords()


def _repeated_unit(text: str) -> str | None:
    """The shortest piece the text repeats at least twice ("abcabc" -> "abc"), or None."""
    length = len(text)
    for size in range(1, length // 2 + 1):
        if length % size == 0 and text[:size] * (length // size) == text:
            return text[:size]
    return None


def _is_run(text: str) -> bool:
    """Consecutive characters going up or down by one code point: "abcdef", "987654"."""
    if len(text) < 3:
        return False
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:], strict=False)}
    return steps in ({1}, {-1})


def _along_keyboard(text: str) -> bool:
    """Typed along the keyboard's rows, either way, from any key ("qwertyuiopas", "0987654321")."""
    lowered = text.lower()
    for row in KEYBOARD_ROWS:
        for line in (row, row[::-1]):
            # The row written out often enough to hold the password from any start.
            track = line * (len(lowered) // len(line) + 2)
            if len(lowered) >= 4 and lowered in track:
                return True
    return False


def is_simple_pattern(password: str) -> bool:
    """One character repeated, a run, a keyboard row, or a short or common piece repeated."""
    lowered = password.lower()
    unit = _repeated_unit(lowered)
    if unit is not None and (
        len(unit) <= SHORT_PATTERN or _is_common(unit) or _is_run(unit) or _along_keyboard(unit)
    ):
        return True
    return _is_run(lowered) or _along_keyboard(lowered)


def password_problem(password: str, username: str = "", email: str = "") -> str | None:
    """Why this new password is refused, in the member's language, or None if it is fine."""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        return str(LENGTH)
    lowered = password.lower()
    if username and lowered == username.strip().lower():
        return str(IS_USERNAME)
    if email and lowered == email.strip().lower():
        return str(IS_EMAIL)
    core = _PADDING.match(lowered)[1]
    if _is_common(lowered) or (core and _is_common(core)):
        return str(COMMON)
    if is_simple_pattern(password) or (core and len(core) >= 4 and is_simple_pattern(core)):
        return str(PATTERN)
    return None
