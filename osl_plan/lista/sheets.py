"""The attendance lists asked for: one task on one day, or every task running in a month; and the
warnings for a day outside a task's term."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from osl_plan.errors import Problem, UsageError
from osl_plan.i18n import _
from osl_plan.model import Plan, Task
from osl_plan.polish import format_day, parse_day
from osl_plan.terms import Month
from osl_plan.typed_terms import typed_month

if TYPE_CHECKING:
    from osl_plan.load import LoadedPlan

#: --data may be this many years before or after the plan's year (a task over a school year).
DAY_YEARS_AROUND = 1


@dataclass(frozen=True, slots=True)
class Sheet:
    """One attendance list: the task (and its number in the plan's table), the day and the place."""

    number: int
    task: Task
    #: The day as printed („12 marca 2025 r.”), or a blank line to fill in by hand.
    date: str
    place: str


def find_task(plan: Plan, which: str) -> tuple[int, Task]:
    """The task with id ``which``, or at number ``which`` of the table. Raises UsageError."""
    for number, task in enumerate(plan.zadania, 1):
        if task.id is not None and task.id == which:
            return number, task
    from osl_plan.numbers import NotANumber, whole_number
    from osl_plan.polish import short

    given: int | None
    try:
        given = whole_number(which, maximum=len(plan.zadania))
    except NotANumber:
        given = None
    except ValueError:  # too large
        given = 0
    if given is not None:
        if given >= 1:
            return given, plan.zadania[given - 1]
        raise UsageError(
            _("--zadanie {number}: the plan has tasks 1 to {count} — give a number in that range")
            .format(number=short(which.strip()), count=len(plan.zadania))
        )  # fmt: skip
    raise UsageError(
        _("--zadanie „{value}”: no task has this id — give a task's id or its number in the table")
        .format(value=short(which))
    )  # fmt: skip


def task_day(task: Task) -> dt.date | None:
    """The task's own day when its term is a single day („08.03.2025”)."""
    return parse_day(task.termin.text)


def sheets_for(
    plan: Plan,
    *,
    zadanie: str | None = None,
    data: str | None = None,
    miesiac: str | None = None,
    miejsce: str | None = None,
) -> list[Sheet]:
    """The sheets asked for: one task (and a day), or every task running in a month.

    Raises UsageError when the choice is missing, contradictory or names nothing in the plan.
    """
    if (zadanie is None) == (miesiac is None):
        raise UsageError(
            _("choose the task with --zadanie ID (or its number) or a month with --miesiac YYYY-MM")
        )
    if miesiac is not None:
        return _month_sheets(plan, miesiac, data, miejsce)
    assert zadanie is not None
    number, task = find_task(plan, zadanie)
    day = _day_option(data, plan.rok) if data is not None else task_day(task)
    return [Sheet(number, task, format_day(day) if day else "", _place(task, miejsce))]


def _day_option(text: str, year: int) -> dt.date:
    day = parse_day(text)
    if day is None:
        raise UsageError(
            _("--data „{value}” is not a date — write it as 12.03.{year} or {year}-03-12").format(
                value=text, year=year
            )
        )
    if abs(day.year - year) > DAY_YEARS_AROUND:
        raise UsageError(
            _("--data {value}: the plan is for {year} — give a day of {first}–{last}").format(
                value=text, year=year, first=year - DAY_YEARS_AROUND, last=year + DAY_YEARS_AROUND
            )
        )
    return day


def _month_sheets(plan: Plan, text: str, data: str | None, miejsce: str | None) -> list[Sheet]:
    month = typed_month(text, option="--miesiac", year=plan.rok)
    day = _day_option(data, plan.rok) if data is not None else None
    if day is not None and (day.year, day.month) != (month.year, month.month):
        raise UsageError(
            _("--data {day} is not in the month given by --miesiac {month}").format(
                day=data, month=text
            )
        )
    sheets = []
    for number, task in enumerate(plan.zadania, 1):
        if task.termin.covers(month):
            own = day or task_day(task)
            sheets.append(
                Sheet(number, task, format_day(own) if own else "", _place(task, miejsce))
            )
    if not sheets:
        raise UsageError(
            _("no task of the plan runs in {month} — choose another month or a task").format(
                month=f"{month.name} {month.year}"
            )
        )
    return sheets


def outside_term(task: Task, day: dt.date) -> bool:
    """Whether ``day`` lies outside the task's term: its days where it names days („8 i 15
    marca”), else its months."""
    days = task.termin.days
    if days:
        return not any(first <= day <= last for first, last in days)
    return not task.termin.covers(Month(day.year, day.month))


def days_outside_term(loaded: LoadedPlan, sheets: list[Sheet], day: dt.date) -> tuple[Problem, ...]:
    """Warnings for a ``--data`` outside a sheet's task's term: the list is still made (an event
    may be held off its planned term), but the organiser should know."""
    from osl_plan.explain import format_path

    return tuple(
        Problem(
            _("--data {day} is outside the term of task {number} („{term}”)").format(
                day=f"{day:%d.%m.%Y}", number=sheet.number, term=sheet.task.termin.text
            ),
            format_path(("zadania", sheet.number - 1, "termin")),
            _(
                "the list is made for this day; if the event is held within the term, "
                "correct the date"
            ),
            loaded.source,
            loaded.task_lines[sheet.number - 1] if sheet.number <= len(loaded.task_lines) else None,
            code="lista-date-outside-term",
            severity="warning",
        )
        for sheet in sheets
        if outside_term(sheet.task, day)
    )


def _place(task: Task, given: str | None) -> str:
    if given is not None:
        from osl_plan.textgate import outside_text

        return outside_text(given, "--miejsce")
    return (task.miejsce or "").strip()
