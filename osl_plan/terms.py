"""Polish month ranges: the Month and Term values, and printing them the way documents set them.

Reading a term as people write it is :func:`osl_plan.term_parse.parse_term`.
"""

from __future__ import annotations

import functools
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
        """Whether the task runs in ``month``: one of the term's months.

        This (with :meth:`months` and :meth:`begins`) is the one answer every command gives:
        a term of several ranges („luty 2026, lipiec – sierpień 2026”) runs in its ranges only,
        not in the months between them.
        """
        return any(start <= month <= end for start, end in self.ranges)

    def begins(self, month: Month) -> bool:
        """Whether one of the term's ranges starts in ``month`` (the task starts, or starts
        again after a break, then)."""
        return any(start == month for start, _end in self.ranges)

    def months_between(self, first: Month, last: Month) -> Iterator[Month]:
        """The term's months from ``first`` to ``last`` (both included), in order."""
        for start, end in self.ranges:
            for index in range(max(start.index, first.index), min(end.index, last.index) + 1):
                yield Month.from_index(index)

    def printed(self, *, nbsp: bool = True) -> str:
        """The term as documents set it: "Czerwiec – październik 2023", or with the days the
        text names: "8 marca 2025", "15–16 maja 2025", "15.05 – 30.06.2025"; several ranges joined
        by ", ": "Styczeń – czerwiec 2025, wrzesień – grudzień 2025"."""
        if self.spans:
            first, *rest = (format_range(start, end, nbsp=nbsp) for start, end in self.spans)
            return ", ".join([first, *(text[0].lower() + text[1:] for text in rest)])
        return _printed(self.text, self.start, self.end, nbsp)

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


# Plans repeat a few hundred distinct terms over thousands of tasks: each is printed once.
@functools.lru_cache(maxsize=4096)
def _printed(text: str, start: Month, end: Month, nbsp: bool) -> str:
    days = written_days(text, start, end)
    if days is not None:
        return format_days(*days, nbsp=nbsp)
    return format_range(start, end, nbsp=nbsp)


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

# --- days: printing a term that names days with its days --------------------------------------

_GENITIVE_FOLDED = {
    name.translate(str.maketrans("ąćęłńóśźż", "acelnoszz")): n
    for n, name in enumerate(MONTHS_GENITIVE, 1)
}
# A day as written: "15.05.2025", "15.05" (year after the other side), "2025-05-15", and
# "15 maja" or "15–16 maja" (a range of days in one month); "15-16.05" is handled first. Compiled
# by ``re`` on first use (only documents print days; validating a plan does not need it).
_DAY_NUMBER_RANGE = r"(?<![\d.])(\d{1,2})\s*[-‐‑–—]\s*(\d{1,2})\.(\d{1,2})(?!\d)(?!\.\d{1,2}(?!\d))"
_WRITTEN_DAY = (
    r"(?<![\d.])(\d{1,2})\.(\d{1,2})(?![\d])(?!\.\d{1,2}(?!\d))"
    r"|(?<!\d)(?:19|20|21)\d\d-(\d{1,2})-(\d{1,2})(?!\d)"
    r"|(?<![\d.])(\d{1,2})(?:\s*[-‐‑–—]\s*(\d{1,2}))?\s+([^\W\d_]+)"
)


def written_days(text: str, start: Month, end: Month) -> tuple[int, Month, int, Month] | None:
    """The first and last day the term's text names, when it names a day on both of its sides.

    Only terms that are exactly a day or a range of days: "od 15.03.2025" (to December) or
    "15 maja – czerwiec 2025" print as months.
    """
    days: list[tuple[int, int]] = []
    if m := re.search(_DAY_NUMBER_RANGE, text):  # "15-16.06": both days of one month
        days = [(int(m[1]), int(m[3])), (int(m[2]), int(m[3]))]
        text = text[: m.start()] + text[m.end() :]
    for m in re.finditer(_WRITTEN_DAY, text.lower()):
        if m[1]:
            days.append((int(m[1]), int(m[2])))
        elif m[3]:
            days.append((int(m[4]), int(m[3])))
        else:
            month = _GENITIVE_FOLDED.get(m[7].translate(str.maketrans("ąćęłńóśźż", "acelnoszz")))
            if month is None:
                continue
            days.append((int(m[5]), month))
            if m[6]:
                days.append((int(m[6]), month))
    if not days or len(days) > 2 or (len(days) == 1 and start != end):
        return None
    (first, first_month), (last, last_month) = days[0], days[-1]
    if (first_month, last_month) != (start.month, end.month):
        return None
    if start == end and last < first:
        return None
    return first, start, last, end


def format_days(first: int, start: Month, last: int, end: Month, *, nbsp: bool = True) -> str:
    """Days as Polish documents set them: "8 marca 2025", "15–16 maja 2025",
    "15.05 – 30.06.2025", "15.12.2025 – 10.01.2026"."""
    space = NBSP if nbsp else " "
    if start == end:
        days = str(first) if first == last else f"{first}{EN_DASH}{last}"
        return f"{days}{space}{start.genitive}{space}{start.year}"
    dash = f"{space}{EN_DASH} "
    if start.year == end.year:
        return f"{first:02d}.{start.month:02d}{dash}{last:02d}.{end.month:02d}.{end.year}"
    return f"{first:02d}.{start.month:02d}.{start.year}{dash}{last:02d}.{end.month:02d}.{end.year}"


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
    "format_days",
    "format_range",
    "shift_years_in_text",
    "written_days",
]
