"""Polish text helpers every side shares (no I/O): folding for comparison, typography, days as
documents write them, plural nouns, and values cut short enough to quote."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from osl_plan.terms import MONTHS_GENITIVE, NBSP

# Polish letters folded by a table: most text needs no Unicode decomposition at all.
_POLISH = str.maketrans("ąćęłńóśźż", "acelnoszz")

# A one-letter word a, i, o, u, w, z must not end a line: bind it to the next word.
_ONE_LETTER = re.compile(r"(?<![\w\-])([aiouwzAIOUWZ]) (?=\S)")


def fold(text: str) -> str:
    """Lower case without diacritics („Październik” → „pazdziernik”, „ł” → „l”, „é” → „e”), for
    matching words people spell differently."""
    text = text.lower()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFC", text).translate(_POLISH)
    if text.isascii():
        return text
    # Other accented letters ("é"): decompose and drop the accents.
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def tie_short_words(text: str) -> str:
    """Put a non-breaking space after the one-letter words a, i, o, u, w, z (either case)."""
    return _ONE_LETTER.sub(lambda m: m.group(1) + NBSP, text)


def format_date(value: dt.date) -> str:
    """A numeric Polish date: "05.01.2023 r."."""
    return f"{value:%d.%m.%Y} r."


def format_day(day: dt.date) -> str:
    """„12 marca 2025 r.” — the date as a Polish document sets it."""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} r."


def parse_day(text: str) -> dt.date | None:
    """A single day as people write it: 12.03.2025, 2025-03-12, „12 marca 2025” (r. allowed)."""
    value = re.sub(r"\s*(r\.?|roku)$", "", text.strip())
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif (m := re.fullmatch(r"(\d{1,2})\s+(\w+)\s+(\d{4})", value)) and (
        m[2].lower() in MONTHS_GENITIVE
    ):
        day, month, year = int(m[1]), MONTHS_GENITIVE.index(m[2].lower()) + 1, int(m[3])
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def plural(count: int, one: str, few: str, many: str) -> str:
    """``count`` with the Polish form of the noun: 1 zadanie, 2 zadania, 5 zadań, 22 zadania."""
    if count == 1:
        form = one
    elif count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        form = few
    else:
        form = many
    return f"{count}{NBSP}{form}"


def short(value: object, limit: int = 60) -> str:
    """A value short enough to quote in a one-line message: cut to ``limit`` characters, the
    last an ellipsis."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
