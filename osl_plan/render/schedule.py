"""The schedule grid (harmonogram) as data: one column per month, one row per task, and the days a
task's term names in each month."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from osl_plan.model import Plan
from osl_plan.terms import EN_DASH, MONTHS_NOMINATIVE, DayRange, Month


@dataclass(frozen=True, slots=True)
class Schedule:
    """The schedule grid: one column per month, one row per task, True where the task runs."""

    months: tuple[Month, ...]
    rows: tuple[tuple[bool, ...], ...]
    #: Beside ``rows``: the days a task's term names in a month („8, 15”), "" where it names
    #: none there or fills the month.
    days: tuple[tuple[str, ...], ...] = ()

    @property
    def headers(self) -> tuple[str, ...]:
        """Short month labels; the year is added where the grid spans more than one."""
        years = {m.year for m in self.months}
        return tuple(
            MONTHS_NOMINATIVE[m.month - 1][:3] + (f" {m.year}" if len(years) > 1 else "")
            for m in self.months
        )


def schedule(plan: Plan) -> Schedule:
    """The plan's year month by month, widened to cover terms that run into the next year."""
    first = min([Month(plan.rok, 1), *(t.termin.start for t in plan.zadania)])
    last = max([Month(plan.rok, 12), *(t.termin.end for t in plan.zadania)])
    months = tuple(Month.from_index(i) for i in range(first.index, last.index + 1))
    rows = tuple(tuple(t.termin.covers(m) for m in months) for t in plan.zadania)
    days = tuple(
        tuple(
            days_in_month(t.termin.days, m) if on else "" for m, on in zip(months, row, strict=True)
        )
        for t, row in zip(plan.zadania, rows, strict=True)
    )
    return Schedule(months, rows, days)


def days_in_month(days: tuple[DayRange, ...], month: Month) -> str:
    """The days in ``month`` as a schedule cell shows them: „8, 15”, „15–16”, „28–30”; ""
    when none of the days falls in it or they fill it (a month marked as a whole)."""
    first = dt.date(month.year, month.month, 1)
    last = dt.date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])
    texts = []
    for day_from, day_to in days:
        start, end = max(day_from, first), min(day_to, last)
        if start > end:
            continue
        if (start, end) == (first, last):
            return ""
        texts.append(str(start.day) if start == end else f"{start.day}{EN_DASH}{end.day}")
    return ", ".join(texts)
