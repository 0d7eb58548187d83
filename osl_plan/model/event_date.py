"""When an event was held (realizacja: wydarzenia: data), read like a term (no I/O).

An event's date is written like a term (``termin``) and read by the same grammar; where days are
written („15 maja 2023”, „15-16.05.2023”) they are kept, so the report can say when exactly the
event was held.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pydantic_core import PydanticCustomError

from osl_plan.i18n import _
from osl_plan.term_parse import parse_term
from osl_plan.terms import (
    EN_DASH,
    MONTHS_GENITIVE,
    NBSP,
    Month,
    TermError,
    day_ranges,
    format_separate_days,
    written_days,
)

#: After the plan's year, events may still be recorded this many months (January: the year's
#: last events are often held or accounted for then); beyond that the date is probably a typo.
GRACE_MONTHS = 1


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event was held: the text written, and its first and last day.

    ``exact`` is False when only months were written („marzec 2023”): the days are then the
    first and the last of those months.
    """

    text: str
    first: dt.date
    last: dt.date
    exact: bool
    #: Separate days (or ranges of days) when the text names more than one („15 czerwca
    #: i 20 czerwca 2023”): (first, last) of each, in order; empty for one day or one range.
    parts: tuple[tuple[dt.date, dt.date], ...] = ()
    #: The months it began and ended in (kept: reports compare them for every event).
    start: Month = field(init=False, compare=False)
    end: Month = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", Month(self.first.year, self.first.month))
        object.__setattr__(self, "end", Month(self.last.year, self.last.month))

    def printed(self) -> str:
        """As documents set it: „5 marca 2023 r.”, „15–16 maja 2023 r.”, „marzec 2023”."""
        first, last = self.first, self.last
        if self.parts:
            return f"{format_separate_days(self.parts)}{NBSP}r."
        if not self.exact:
            text = self.start.name + (
                f" {first.year}" if self.start == self.end else _month_range(self)
            )
            return text
        if first == last:
            return f"{first.day}{NBSP}{MONTHS_GENITIVE[first.month - 1]} {first.year}{NBSP}r."
        if (first.year, first.month) == (last.year, last.month):
            month = MONTHS_GENITIVE[first.month - 1]
            return f"{first.day}{EN_DASH}{last.day}{NBSP}{month} {first.year}{NBSP}r."
        return f"{first:%d.%m.%Y}{NBSP}{EN_DASH} {last:%d.%m.%Y}{NBSP}r."


def _month_range(date: EventDate) -> str:
    start, end = date.start, date.end
    if start.year == end.year:
        return f"{NBSP}{EN_DASH} {end.name} {end.year}"
    return f" {start.year}{NBSP}{EN_DASH} {end.name} {end.year}"


def _days(text: str, year: int) -> list[tuple[int, int, dt.date]]:
    """Every day written in ``text`` (where it stands, and the day), in the order written;
    ``year`` where a day is written without one. Raises PydanticCustomError for 29 February
    of a year that has none."""
    days = []
    for begin, end, y, month, day in written_days(text, year):
        try:
            days.append((begin, end, dt.date(y, month, day)))
        except ValueError:
            if (month, day) == (2, 29):  # "29.02" without a year: a day terms let through
                raise PydanticCustomError(
                    "event_date",
                    "{message}",
                    {
                        "message": _("names 29 February, but {year} is not a leap year").format(
                            year=y
                        ),
                        "hint": _(
                            "February {year} has 28 days; check the day, e.g. „28.02.{year}”"
                        ).format(year=y),
                        "code": "event-date",
                    },
                ) from None
            continue  # the term grammar has already said what is wrong with such a day
    return days


def parse_event_date(value: Any, rok: int | None) -> EventDate:
    """An event's date as written: a day, days, or months. Raises PydanticCustomError."""
    if isinstance(value, EventDate):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return EventDate(value.isoformat(), value, value, True)
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _date_error(_("must be a date such as „15 maja {year}”"), rok, value="")
    text = str(value).strip()
    if len(text) > 200:
        raise _date_error(_("is too long for a date"), rok, value="")
    try:
        term = parse_term(text, default_year=rok)
    except TermError as error:
        raise PydanticCustomError(
            "event_date", "{message}", {"message": error.message, "hint": error.hint,
                                        "code": "event-date"},
        ) from None  # fmt: skip
    placed = [
        (begin, end, d)
        for begin, end, d in _days(text, term.end.year)
        if term.start <= Month(d.year, d.month) <= term.end
    ]
    if placed:
        parts = day_ranges(text, placed)
        first, last = min(p[0] for p in parts), max(p[1] for p in parts)
        return EventDate(text, first, last, True, parts if len(parts) > 1 else ())
    days_in_last = calendar.monthrange(term.end.year, term.end.month)[1]
    return EventDate(
        text,
        dt.date(term.start.year, term.start.month, 1),
        dt.date(term.end.year, term.end.month, days_in_last),
        False,
    )


def _date_error(message: str, rok: int | None, *, value: str) -> PydanticCustomError:
    year = 2023 if rok is None else rok
    return PydanticCustomError(
        "event_date",
        message.replace("{year}", str(year)),
        {
            "value": value,
            "hint": _("write the day, e.g. „15 maja {year}” or „15.05.{year}”, or the month, "
                      "e.g. „maj {year}”").format(year=year),
            "code": "event-date",
        },
    )  # fmt: skip
