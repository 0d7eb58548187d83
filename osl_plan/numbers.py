"""The one reader of whole numbers people write: ASCII digits only, with a stated bound.

``"²".isdigit()`` is true and ``int("٣")`` is 3: Python's idea of a digit is wider than a
plan's. A number of participants, a task's number or a goal's number is read here, as ASCII
digits 0–9, never more than :data:`MAX_DIGITS` of them (so no text is ever converted into a huge
integer), and checked against the bound of what it counts.
"""

from __future__ import annotations

#: Participants of one event: a stadium holds fewer. A larger count is a typing mistake.
MAX_PARTICIPANTS = 100_000
#: Numbered rows on one attendance list (lista --wiersze), and on all the lists of one run.
MAX_ROWS = 1_000
MAX_TOTAL_ROWS = 100_000
#: No number a plan or an option holds needs more digits.
MAX_DIGITS = 9


class NotANumber(ValueError):
    """The text is not a whole number in ASCII digits."""


class TooLarge(ValueError):
    """The number is larger than its bound."""


def whole_number(value: object, *, maximum: int) -> int:
    """A whole number from 0 to ``maximum``: an int, a float like 3.0, or text of ASCII digits
    (spaces around allowed). Raises NotANumber or TooLarge."""
    if isinstance(value, bool):
        raise NotANumber(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise NotANumber(value)
        if not 0 <= value <= maximum:
            raise TooLarge(value) if value > 0 else NotANumber(value)
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if not text or not text.isascii() or not text.isdigit():
            raise NotANumber(value)
        if len(text.lstrip("0")) > MAX_DIGITS:
            raise TooLarge(value)
        value = int(text)
    if not isinstance(value, int):
        raise NotANumber(value)
    if value < 0:
        raise NotANumber(value)
    if value > maximum:
        raise TooLarge(value)
    return value
