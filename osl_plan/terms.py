"""Polish month ranges: the Month and Term values, and printing them the way documents set them.

Reading a term as people write it is :func:`osl_plan.term_parse.parse_term`. The days a term or
an event date writes („8 i 15 marca 2026”) are found and printed here, for both.
"""

from __future__ import annotations

import datetime as dt
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
    no two of them touching (so equal month sets have equal spans). ``assumed`` is True when
    the words do not name the months and they were assumed („w miarę potrzeb”: the whole year;
    „do 30 czerwca”: from January): documents then print the words as written.
    """

    text: str
    start: Month
    end: Month
    spans: tuple[Span, ...] = ()
    assumed: bool = False

    @property
    def ranges(self) -> tuple[Span, ...]:
        """Every range of the term, in order (one for most terms)."""
        return self.spans or ((self.start, self.end),)

    @property
    def days(self) -> tuple[DayRange, ...]:
        """The days (or ranges of days) the term names, in order, where it is printed with
        them: „8 i 15 marca 2026” has two; „marzec 2026” and „od 15.03.2026” none."""
        if not _names_days(self.text):
            return ()
        return tuple(part for parts in _term_days(self.text, self.ranges) for part in parts)

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
        text names: "8 marca 2025", "15–16 maja 2025", "15.05 – 30.06.2025", "8 i 15 marca
        2025"; several ranges joined by ", ": "Styczeń – czerwiec 2025, wrzesień – grudzień
        2025"; words whose months were assumed as written: "W miarę potrzeb"."""
        if self.assumed:
            return _as_written(self.text, nbsp)
        return _printed(self.text, self.ranges, nbsp)

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
        return Term(text, move(self.start), move(self.end), spans, self.assumed)


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
def _printed(text: str, ranges: tuple[Span, ...], nbsp: bool) -> str:
    layout = _term_days(text, ranges) if _names_days(text) else ((),) * len(ranges)
    if all(layout):  # days only: „8 i 15 marca 2026”, „8 marca i 11 listopada 2026”
        return _days_text(tuple(part for parts in layout for part in parts), nbsp)
    first, *rest = (
        _days_text(days, nbsp) if days else format_range(start, end, nbsp=nbsp)
        for (start, end), days in zip(ranges, layout, strict=True)
    )
    return ", ".join([first, *(text[0].lower() + text[1:] for text in rest)])


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


# One or two digits that are not part of a year: a day, or a month written as a number.
_SHORT_NUMBER = re.compile(r"(?<!\d)\d{1,2}(?!\d)")


def _names_days(text: str) -> bool:
    """Whether a number other than a year is written (nearly every term: months and a year)."""
    return _SHORT_NUMBER.search(text) is not None


# --- days: a term or an event date that names days -------------------------------------------

#: One day or a range of days, first and last included.
DayRange = tuple[dt.date, dt.date]
#: A day written in a text: where it stands (start, end), and its year, month and day.
WrittenDay = tuple[int, int, int, int, int]

# Polish letters folded one for one, so that places found in the folded text are places in the
# text: „września” and „wrzesnia” are both read.
_FOLD = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
_GENITIVE_FOLDED = tuple(name.translate(_FOLD) for name in MONTHS_GENITIVE)
_GENITIVE_WORDS = "|".join(_GENITIVE_FOLDED)
_ISO = r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"
_NUMERIC = r"(?<![\d.])(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?(?![\d])"
# "15-16.06", "15-16.06.2025": the first day, whose month (and year) follow the second.
_NUMERIC_FIRST = r"(?<![\d.])(\d{1,2})\s*[-‐‑–—]\s*(?=\d{1,2}\.(\d{1,2})(?:\.(\d{4}))?(?!\d))"
_WORDS = (
    rf"(?i)(?<!\d)(\d{{1,2}})(?:\s*[-‐‑–—]\s*(\d{{1,2}}))?\s+({_GENITIVE_WORDS})(?:\s+(\d{{4}}))?"
)
# "8 i 15 marca", "5, 12 i 19 czerwca", "od 8 do 15 marca": a day whose month is written after
# the next day.
_NEXT_DAY = r"(?:\s*[-‐‑–—,]\s*|\s+(?:i|oraz|do)\s+)\d{1,2}"
_BARE_DAY = rf"(?i)(?<![\d.])(\d{{1,2}})(?=(?:{_NEXT_DAY})+\s+({_GENITIVE_WORDS})(?:\s+(\d{{4}}))?)"
#: What stands between two days of one range: a dash, or „do” („od 15 do 20 czerwca”).
_RANGE_BETWEEN = r"(?i)\.?\s*(?:[-‐‑–—]|do)\s*"


def written_days(text: str, year: int) -> list[WrittenDay]:
    """Every day written in ``text``, in the order written; ``year`` where a day is written
    without one. A day that does not exist (31.06) is returned as written: the caller decides."""
    text = text.translate(_FOLD)
    found: dict[int, WrittenDay] = {}
    for m in re.finditer(_ISO, text):
        found[m.start()] = (m.start(), m.end(), int(m[1]), int(m[2]), int(m[3]))
    masked = re.sub(_ISO, lambda m: " " * len(m[0]), text)  # keeps where everything stands
    for m in re.finditer(_NUMERIC, masked):
        found.setdefault(m.start(), (m.start(), m.end(), int(m[3] or year), int(m[2]), int(m[1])))
    for m in re.finditer(_NUMERIC_FIRST, masked):  # "15-" of "15-16.06" ends before its dash
        found.setdefault(m.start(), (m.start(), m.end(1), int(m[3] or year), int(m[2]), int(m[1])))
    for m in re.finditer(_WORDS, masked):
        month, on = _GENITIVE_FOLDED.index(m[3].lower()) + 1, int(m[4] or year)
        if m[2]:  # „15–16 czerwca”: a range, its first day ends where the dash begins
            found.setdefault(m.start(1), (m.start(1), m.end(1), on, month, int(m[1])))
            found.setdefault(m.start(2), (m.start(2), m.end(), on, month, int(m[2])))
        else:
            found.setdefault(m.start(), (m.start(), m.end(), on, month, int(m[1])))
    for m in re.finditer(_BARE_DAY, masked):
        month, on = _GENITIVE_FOLDED.index(m[2].lower()) + 1, int(m[3] or year)
        found.setdefault(m.start(), (m.start(), m.end(), on, month, int(m[1])))
    return sorted(found.values())


def day_ranges(text: str, days: list[tuple[int, int, dt.date]]) -> tuple[DayRange, ...]:
    """The days (placed in ``text``) joined into ranges where a dash or „do” stands between two
    of them; sorted, each once."""
    parts: list[DayRange] = []
    after = -1
    for begin, end, day in days:
        if parts and after >= 0 and re.compile(_RANGE_BETWEEN).fullmatch(text, after, begin):
            first, last = parts[-1]
            parts[-1] = (min(first, day), max(last, day))
        else:
            parts.append((day, day))
        after = end
    return tuple(sorted(set(parts)))


def format_separate_days(parts: tuple[DayRange, ...], *, nbsp: bool = True) -> str:
    """Separate days as written separately: „15 i 20 czerwca 2023”, „5, 12 i 19 czerwca 2023”,
    „15–16 i 20 czerwca 2023”, „28 czerwca i 3 lipca 2023”; a month (a year) is named once for
    the days next to each other in it."""
    space = NBSP if nbsp else " "
    texts = []
    for n, (first, last) in enumerate(parts):
        if first == last:
            text = str(first.day)
        elif (first.year, first.month) == (last.year, last.month):
            text = f"{first.day}{EN_DASH}{last.day}"
        else:
            year = "" if first.year == last.year else f" {first.year}"
            month = MONTHS_GENITIVE[first.month - 1]
            text = f"{first.day}{space}{month}{year}{space}{EN_DASH} {last.day}"
        after = parts[n + 1][0] if n + 1 < len(parts) else None
        if after is None or (after.year, after.month) != (last.year, last.month):
            text += f"{space}{MONTHS_GENITIVE[last.month - 1]}"
        if after is None or after.year != last.year:
            text += f" {last.year}"
        texts.append(text)
    return f"{', '.join(texts[:-1])} i{space}{texts[-1]}"  # „i” ends no line


def _month_of(day: dt.date) -> Month:
    return Month(day.year, day.month)


@functools.lru_cache(maxsize=4096)
def _term_days(text: str, ranges: tuple[Span, ...]) -> tuple[tuple[DayRange, ...], ...]:
    """For each range of a term, the days its text names in it when they bound it (a day in its
    first month opens it and a day in its last month closes it), else ()."""
    placed = []
    for begin, end, year, month, day in written_days(text, ranges[-1][1].year):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue  # the term grammar has already said what is wrong with such a day
        if any(start <= _month_of(date) <= last for start, last in ranges):
            placed.append((begin, end, date))
    parts = day_ranges(text, placed) if placed else ()
    layout = []
    for start, last in ranges:
        inside = tuple(p for p in parts if start <= _month_of(p[0]) and _month_of(p[1]) <= last)
        bounded = (
            inside
            and _month_of(inside[0][0]) == start
            and _month_of(max(p[1] for p in inside)) == last
        )
        layout.append(inside if bounded else ())
    return tuple(layout)


def _days_text(parts: tuple[DayRange, ...], nbsp: bool) -> str:
    if len(parts) > 1:
        return format_separate_days(parts, nbsp=nbsp)
    ((first, last),) = parts
    return format_days(first.day, _month_of(first), last.day, _month_of(last), nbsp=nbsp)


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


# --- as written: a term whose months were assumed ------------------------------------------

_DIGIT_DASH = r"(?<=\d)[-‐‑–—](?=\d)"
_SPACED_DASH = r"\s+[-‐‑–—]\s*|\s*[-‐‑–—]\s+"
_YEAR_R = r"(?<=\d{4})\s*r\.?(?=\s|$|,)"
_ONE_LETTER = r"(?<![\w\-])([aiouwzAIOUWZ]) (?=\S)"


@functools.lru_cache(maxsize=1024)
def _as_written(text: str, nbsp: bool) -> str:
    """The organiser's words with the typography of the documents: single spaces, a spaced en
    dash where it is spaced (none between numbers), „2026 r.”, a capital first letter."""
    text = " ".join(text.replace(NBSP, " ").split()).strip(" „”“\"'«»")
    text = re.sub(_SPACED_DASH, f" {EN_DASH} ", re.sub(_DIGIT_DASH, EN_DASH, text))
    text = re.sub(_YEAR_R, " r.", text)
    if nbsp:
        text = re.sub(_ONE_LETTER, lambda m: m[1] + NBSP, text).replace(" r.", f"{NBSP}r.")
    return text[:1].upper() + text[1:]


__all__ = [
    "EN_DASH",
    "MONTHS_GENITIVE",
    "MONTHS_NOMINATIVE",
    "NBSP",
    "DayRange",
    "Month",
    "Span",
    "Term",
    "TermError",
    "day_ranges",
    "example_year",
    "format_days",
    "format_range",
    "format_separate_days",
    "shift_years_in_text",
    "written_days",
]
