"""Polish month ranges: the Month and Term values, and printing them the way documents set them.

Reading a term as people write it is :func:`osl_plan.term_parse.parse_term`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from osl_plan.i18n import _

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
        self.hint = hint or _(
            "write a month or a range, e.g. „marzec {year}”, „styczeń – czerwiec {year}”, "
            "„I kwartał {year}”, „cały rok {year}”"
        ).format(year=example_year(year))


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


#: A range of months, first and last included.
Span = tuple[Month, Month]


@dataclass(frozen=True, slots=True)
class Term:
    """A term as written, with the months it means: one range, or several ranges in order.

    ``start`` and ``end`` are the first and the last month of the whole term; ``spans`` lists the
    ranges when there are several („styczeń – czerwiec, wrzesień – grudzień 2025”), sorted, with
    no two of them touching (so equal month sets have equal spans).
    """

    text: str
    start: Month
    end: Month
    spans: tuple[Span, ...] = ()

    @property
    def ranges(self) -> tuple[Span, ...]:
        """Every range of the term, in order (one for most terms)."""
        return self.spans or ((self.start, self.end),)

    def months(self) -> Iterator[Month]:
        """Every month of the term, in order."""
        for start, end in self.ranges:
            for index in range(start.index, end.index + 1):
                yield Month.from_index(index)

    def covers(self, month: Month) -> bool:
        """Whether ``month`` is one of the term's months."""
        return any(start <= month <= end for start, end in self.ranges)

    def printed(self, *, nbsp: bool = True) -> str:
        """The term as documents set it: "Czerwiec – październik 2023" (ranges joined by ", ")."""
        first, *rest = (format_range(start, end, nbsp=nbsp) for start, end in self.ranges)
        return ", ".join([first, *(text[0].lower() + text[1:] for text in rest)])

    def overlaps_year(self, year: int) -> bool:
        """Whether any month of the term falls in ``year``."""
        if not self.spans:  # nearly every term: one range
            return self.start.year <= year <= self.end.year
        return any(start.year <= year <= end.year for start, end in self.spans)

    def just_after_year(self, year: int) -> bool:
        """Whether the whole term falls in the first quarter of the next year (a yearly report)."""
        return Month(year + 1, 1) <= self.start and self.end <= Month(year + 1, 3)

    def shifted(self, years: int) -> Term:
        """The same term ``years`` later; years written in the text move too."""
        written = {year for start, end in self.ranges for year in (start.year, end.year)}
        text = shift_years_in_text(self.text, years, written)

        def move(month: Month) -> Month:
            return Month(month.year + years, month.month)

        spans = tuple((move(start), move(end)) for start, end in self.spans)
        return Term(text, move(self.start), move(self.end), spans)


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

__all__ = [
    "EN_DASH",
    "MONTHS_GENITIVE",
    "MONTHS_NOMINATIVE",
    "NBSP",
    "Month",
    "Span",
    "Term",
    "TermError",
    "example_year",
    "format_range",
    "shift_years_in_text",
]
