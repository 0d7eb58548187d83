"""The one gate for text that reaches a document, whatever its source.

A plan's text fields, an option such as ``lista --miejsce``, a clause file and a user's template
all obey the same rules: control characters other than tab and newline cannot be stored in a DOCX
(XML 1.0) at all, and the invisible characters pasted from Word or a web page (soft hyphen, zero
width space, direction marks, a stray byte order mark) are removed. The model's text fields call
:func:`clean`; text from elsewhere goes through :func:`outside_text`, which says where the
character is in the option or file it came from.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from osl_plan.errors import UsageError, escape_controls
from osl_plan.i18n import _

# C1 controls (U+0080–U+009F, e.g. U+009B, a terminal's escape) are as invisible as C0 ones.
FORBIDDEN_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff"
# A non-breaking space is visible in the document's layout and is kept.
INVISIBLE_CHARS = "\u00ad\u200b\u200e\u200f\u2060\ufeff"
# One search finds both kinds, and the combining accents of decomposed letters (NFD), so text
# without any of them (nearly all of it) costs one scan. The patterns of each kind alone are
# compiled only for text that has one (a character class beyond Latin-1 is slow to compile,
# and every command start would pay for it).
SPECIAL = re.compile(f"[{FORBIDDEN_CHARS}{INVISIBLE_CHARS}\u0300-\u036f]")


class ForbiddenCharacter(ValueError):
    """Text holds a control character a document cannot store."""

    def __init__(self, character: str, position: int) -> None:
        self.code = f"{ord(character):04X}"
        #: 1-based, in the text after invisible characters were removed.
        self.position = position
        super().__init__(self.code)


@cache
def _forbidden() -> re.Pattern[str]:
    return re.compile(f"[{FORBIDDEN_CHARS}]")


@cache
def _invisible() -> re.Pattern[str]:
    return re.compile(f"[{INVISIBLE_CHARS}]")


def remove_invisible(value: str) -> str:
    return _invisible().sub("", value)


def clean(value: str) -> str:
    """Text without invisible characters, in NFC, CRLF folded, trimmed.
    Raises ForbiddenCharacter."""
    if SPECIAL.search(value) is None:
        return value.replace("\r\n", "\n").strip()
    # "ó" saved as "o" and a combining accent (NFD) is the letter "ó" (NFC), as typed.
    value = unicodedata.normalize("NFC", remove_invisible(value))
    if m := _forbidden().search(value):
        raise ForbiddenCharacter(m.group(), m.start() + 1)
    return value.replace("\r\n", "\n").strip()


def first_forbidden(value: str) -> tuple[int, str] | None:
    """The 0-based index and code (``001B``) of the first forbidden character, or None."""
    if SPECIAL.search(value) is None:
        return None
    m = _forbidden().search(value)
    return None if m is None else (m.start(), f"{ord(m.group()):04X}")


def outside_text(value: str, source: str, *, multiline: bool = False) -> str:
    """Text from an option or a file (``source`` names it), cleaned by the plan's rules.
    ``multiline`` places a character by line and column. Raises UsageError."""
    found = first_forbidden(value)
    if found is None:
        return clean(value)
    index, code = found
    hint = _("delete it; it is usually pasted in by accident and cannot be printed")
    if multiline:
        line = value.count("\n", 0, index) + 1
        column = index - (value.rfind("\n", 0, index) + 1) + 1
        source = f"{source}:{line}:{column}"
        message = _("contains an invisible control character (U+{code})").format(code=code)
    else:
        message = _(
            "contains an invisible control character (U+{code}) at character {position}"
        ).format(code=code, position=index + 1)
    raise UsageError(f"{escape_controls(source)}: {message} — {hint}")
