"""Polish month ranges: the Month and Term values, and printing them the way documents set them.

Reading a term as people write it is in ``osl_plan.term_parse``; import ``parse_term`` from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

MONTHS_NOMINATIVE = (
    "styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec",
    "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień",
)  # fmt: skip
MONTHS_GENITIVE = (
    "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
    "lipca", "sierpnia", "września", "października", "listopada", "grudnia",
)  # fmt: skip
NBSP = "\u00a0"
EN_DASH = "–"


class TermError(ValueError):
    """A term that cannot be read as a month range."""

    def __init__(self, message: str, hint: str = "", *, year: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint or (
            f"write a month or a range, e.g. „marzec {example_year(year)}”, "
            f"„styczeń – czerwiec {example_year(year)}”, „I kwartał {example_year(year)}”, "
            f"„cały rok {example_year(year)}”"
        )


def example_year(year: int | None) -> int:
    """The year to show in an example: the plan's year when it is known."""
    return 2023 if year is None else year


@dataclass(frozen=True, order=True, slots=True)
class Month:
    """One calendar month."""

    year: int
    month: int

    @property
    def index(self) -> int:
        """Months since year 0, for arithmetic."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> Month:
        """The month ``index`` months after January of year 0."""
        return cls(index // 12, index % 12 + 1)

    @property
    def name(self) -> str:
        """Nominative, lower-case: "październik"."""
        return MONTHS_NOMINATIVE[self.month - 1]

    @property
    def genitive(self) -> str:
        """Genitive, lower-case: "października"."""
        return MONTHS_GENITIVE[self.month - 1]


@dataclass(frozen=True, slots=True)
class Term:
    """A term as written, with the month range it means."""

    text: str
    start: Month
    end: Month

    def months(self) -> Iterator[Month]:
        """Every month of the range, in order."""
        for index in range(self.start.index, self.end.index + 1):
            yield Month.from_index(index)

    def printed(self, *, nbsp: bool = True) -> str:
        """The range as documents set it: "Czerwiec – październik 2023"."""
        return format_range(self.start, self.end, nbsp=nbsp)

    def overlaps_year(self, year: int) -> bool:
        """Whether any month of the range falls in ``year``."""
        return self.start.year <= year <= self.end.year

    def shifted(self, years: int) -> Term:
        """The same term ``years`` later; years written in the text move too."""
        text = shift_years_in_text(self.text, years, {self.start.year, self.end.year})
        return Term(
            text,
            Month(self.start.year + years, self.start.month),
            Month(self.end.year + years, self.end.month),
        )


def shift_years_in_text(text: str, years: int, which: set[int] | None = None) -> str:
    """Move four-digit years (1900–2199) in ``text`` by ``years`` (only those in ``which``)."""

    def move(match: re.Match[str]) -> str:
        year = int(match.group(0))
        if which is not None and year not in which:
            return match.group(0)
        return str(year + years)

    return _ANY_YEAR.sub(move, text)


def format_range(start: Month, end: Month, *, nbsp: bool = True) -> str:
    """Print a month range with a capital first letter and a spaced en dash."""
    dash = f"{NBSP if nbsp else ' '}{EN_DASH} "
    if start == end:
        text = f"{start.name} {start.year}"
    elif start.year == end.year:
        text = f"{start.name}{dash}{end.name} {end.year}"
    else:
        text = f"{start.name} {start.year}{dash}{end.name} {end.year}"
    return text[0].upper() + text[1:]


_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20|21)\d\d(?!\d)")

# The grammar needs the types above, so it is imported after them (a module, not a name, so that
# importing osl_plan.term_parse first works too).
from osl_plan import term_parse as _grammar  # noqa: E402


def parse_term(text: str, *, default_year: int | None = None) -> Term:
    """Parse a term as written; ``default_year`` fills in a missing year. Raises TermError."""
    return _grammar.parse(str(text), default_year)


__all__ = [
    "EN_DASH",
    "MONTHS_GENITIVE",
    "MONTHS_NOMINATIVE",
    "NBSP",
    "Month",
    "Term",
    "TermError",
    "format_range",
    "parse_term",
    "shift_years_in_text",
]
