"""Text for a terminal that cannot show every character: degrade, never crash.

A Polish legacy terminal speaks ISO-8859-2; on Windows, output redirected to a file uses the ANSI
code page (cp1250), which lacks „→”. Whatever the encoding of standard output and standard error,
a character it lacks is written as its nearest ASCII equivalent („ → ", – → -, → → ->, ł → l),
a file name's byte that is not UTF-8 as ``\\xb3``, and anything else as ``?``. Files osl-plan
writes are always UTF-8; this concerns only what is printed.
"""

from __future__ import annotations

import codecs
import sys
import unicodedata

ERRORS = "osl-plan-degrade"
_EQUIVALENTS = {
    "„": '"', "”": '"', "“": '"', "«": '"', "»": '"', "‚": "'", "‘": "'", "’": "'",
    "–": "-", "—": "-", "−": "-", "‐": "-", "…": "...", "→": "->", "←": "<-", "•": "*",
    "·": "*", "×": "x", "≥": ">=", "≤": "<=", "≠": "!=", "\u00a0": " ", "\u202f": " ",
    "ł": "l", "Ł": "L", "§": "par.", "²": "2", "³": "3", "°": "o",
}  # fmt: skip


def _equivalent(character: str) -> str:
    if character in _EQUIVALENTS:
        return _EQUIVALENTS[character]
    if "\udc80" <= character <= "\udcff":  # a byte of a file name that is not UTF-8
        return f"\\x{ord(character) - 0xDC00:02x}"
    letters = "".join(
        c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c)
    )
    return letters if letters.isascii() and letters else "?"


def _degrade(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(_equivalent(c) for c in text), error.end


def degrade_unprintable() -> None:
    """Standard output and error write what their encoding lacks as ASCII equivalents."""
    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, _degrade)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=ERRORS)


def terminal_bytes(text: str) -> bytes:
    """Text to write to standard output's bytes, in its encoding, degraded where it must be."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        return text.encode(encoding, ERRORS)
    except LookupError:  # no such codec, or the handler is not registered (library use)
        return text.encode("utf-8", "backslashreplace")
