"""The expected yearly drift of a plan's text: years move with the plan, editions count up.

"Wakacje 2022" in the 2022 plan is "Wakacje 2023" in the 2023 plan, and "II Igrzyska" become
"III Igrzyska". :func:`shift_text` moves a text by a number of years; it is exactly invertible
(it refuses, returning None, whenever a number would leave its range), so shifting the old side
forward and the new side back find the same pairs.
"""

from __future__ import annotations

import re

_YEAR = re.compile(r"(?<!\d)(?:19|20|21)\d\d(?!\d)")
# An edition is an upper-case roman numeral or "12." before a word; "I kwartał", "II półrocze"
# are parts of a year, not editions.
_ROMAN_EDITION = re.compile(
    r"(?<![\w.\-])([IVXL]+)(?=\s+(?!kwarta|kw\.|półrocz|polrocz)\w)", re.IGNORECASE
)
_ARABIC_EDITION = re.compile(r"(?<![\w.,])(\d{1,2})\.(?=\s+[^\W\d])")
MAX_EDITION = 49


def to_roman(number: int) -> str:
    """1–49 in upper-case roman numerals."""
    tens = ("", "X", "XX", "XXX", "XL")[number // 10]
    ones = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[number % 10]
    return tens + ones


_ROMAN_NUMBERS = {to_roman(n): n for n in range(1, MAX_EDITION + 1)}


class _Refused(Exception):
    """A number would leave the range where shifting is invertible."""


def shift_text(text: str, years: int, *, editions: bool) -> str | None:
    """``text`` as it would read ``years`` later; None when a number would leave its range."""
    if years == 0:
        return text
    try:
        text = _YEAR.sub(lambda m: _shift_year(m.group(0), years), text)
        if editions:
            text = _ROMAN_EDITION.sub(lambda m: _shift_roman(m.group(1), years), text)
            text = _ARABIC_EDITION.sub(lambda m: _shift_arabic(m.group(1), years), text)
    except _Refused:
        return None
    return text


def _shift_year(text: str, years: int) -> str:
    moved = int(text) + years
    if not 1900 <= moved <= 2199:
        raise _Refused
    return str(moved)


def _shift_roman(text: str, years: int) -> str:
    number = _ROMAN_NUMBERS.get(text)
    if number is None:  # lower case "i", or not a numeral at all: a word, left alone
        return text
    moved = number + years
    if not 1 <= moved <= MAX_EDITION:
        raise _Refused
    return to_roman(moved)


def _shift_arabic(text: str, years: int) -> str:
    moved = int(text) + years
    if not 1 <= moved <= MAX_EDITION or text != str(int(text)):
        raise _Refused
    return f"{moved}."


def shifted_variants(text: str, years: int) -> tuple[str, ...]:
    """The readings of ``text`` moved by ``years``: years only, then years and editions."""
    variants: list[str] = []
    for editions in (False, True):
        moved = shift_text(text, years, editions=editions)
        if moved is not None and moved not in variants:
            variants.append(moved)
    return tuple(variants)
