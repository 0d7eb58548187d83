"""How the sprawozdanie counts a period: by date.

- An event counts in the period that contains its date (its first day); a period ending in
  December counts the January after it too (the year's last events are often held or accounted
  for then).
- A task is in a period's report when it is planned to run in the period (one of its term's
  months, :meth:`osl_plan.terms.Term.covers`) or has an event in it.

So the quarters and the half-years add up exactly to the year, event by event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from osl_plan.errors import UsageError
from osl_plan.i18n import _
from osl_plan.model import Event, Plan, Task
from osl_plan.model.event_date import GRACE_MONTHS
from osl_plan.terms import Month

#: The periods a sprawozdanie covers, as ``--okres`` names them (the one list of them).
Period = Literal["rok", "I-polrocze", "II-polrocze", "I-kwartal", "II-kwartal", "III-kwartal",
                 "IV-kwartal"]  # fmt: skip
PERIODS: tuple[Period, ...] = get_args(Period)
#: period -> (first month, last month, how the title names it, how a sentence names it)
PERIOD_WORDS: dict[Period, tuple[int, int, str, str]] = {
    "rok": (1, 12, "ZA ROK {rok}", "w {rok} roku"),
    "I-polrocze": (1, 6, "ZA I PÓŁROCZE {rok} ROKU", "w I półroczu {rok} roku"),
    "II-polrocze": (7, 12, "ZA II PÓŁROCZE {rok} ROKU", "w II półroczu {rok} roku"),
    "I-kwartal": (1, 3, "ZA I KWARTAŁ {rok} ROKU", "w I kwartale {rok} roku"),
    "II-kwartal": (4, 6, "ZA II KWARTAŁ {rok} ROKU", "w II kwartale {rok} roku"),
    "III-kwartal": (7, 9, "ZA III KWARTAŁ {rok} ROKU", "w III kwartale {rok} roku"),
    "IV-kwartal": (10, 12, "ZA IV KWARTAŁ {rok} ROKU", "w IV kwartale {rok} roku"),
}


def check_period(period: str) -> Period:
    """``period`` as one of :data:`PERIODS`. Raises UsageError when it is none of them."""
    for known in PERIODS:
        if period == known:
            return known
    raise UsageError(
        _("unknown period „{period}” — use one of: {choices}").format(
            period=period, choices=", ".join(PERIODS)
        )
    )


@dataclass(frozen=True, slots=True)
class MonthFigures:
    """One month: tasks planned to run in it, events held, their participants."""

    month: Month
    planned: int
    events: int
    participants: int

    @property
    def label(self) -> str:
        """„styczeń 2023”."""
        return f"{self.month.name} {self.month.year}"


@dataclass(frozen=True, slots=True)
class PeriodTasks:
    """The tasks a period's report has, with their „Lp.” and their events in the period."""

    start: Month
    end: Month
    #: The last month whose events count (``end``, or the January after a December).
    counted_end: Month
    #: (Lp., task, its events in the period by date), in the plan's order.
    tasks: tuple[tuple[str, Task, tuple[Event, ...]], ...]


def period_months(plan: Plan, period: Period) -> tuple[Month, Month]:
    """First and last month of the period in the plan's year."""
    first, last, _title, _words = PERIOD_WORDS[period]
    return Month(plan.rok, first), Month(plan.rok, last)


def lp_of(task: Task, number: int) -> str:
    """The task's „Lp.” as the plan prints it: its own ``lp``, or its place in the plan („3.”)."""
    return task.lp or f"{number}."


def period_tasks(plan: Plan, period: Period) -> PeriodTasks:
    """The period's tasks and events, counted by date (see the module's rules)."""
    start, end = period_months(plan, period)
    counted_end = Month.from_index(end.index + GRACE_MONTHS) if end.month == 12 else end
    chosen = []
    for number, task in enumerate(plan.zadania, 1):
        held = events_between(task, start, counted_end)
        if held or next(task.termin.months_between(start, end), None) is not None:
            chosen.append((lp_of(task, number), task, held))
    return PeriodTasks(start, end, counted_end, tuple(chosen))


def events_between(task: Task, start: Month, end: Month) -> tuple[Event, ...]:
    """The task's events whose date (its first day) falls in ``start`` … ``end``, by date."""
    if task.realizacja is None:
        return ()
    first, last = start.index, end.index
    held = [e for e in task.realizacja.wydarzenia if first <= e.data.start.index <= last]
    return tuple(sorted(held, key=lambda e: (e.data.first, e.data.last)))


def month_figures(plan: Plan, counted: PeriodTasks) -> tuple[MonthFigures, ...]:
    """Month by month: tasks planned to run (:meth:`Term.covers`, so a term of several ranges
    counts in its ranges only), events held and their participants, by the events' dates."""
    held: dict[Month, list[Event]] = {}
    for _number, _task, events in counted.tasks:
        for event in events:
            held.setdefault(event.data.start, []).append(event)
    last = max([counted.end, *(m for m in held if m <= counted.counted_end)])
    planned: dict[Month, int] = {}
    # Every task planned in a month of the period is one of the period's tasks; a January after
    # the year counts the plan's tasks there, as the year's report does, so the two agree.
    for task in plan.zadania:
        for month in task.termin.months_between(counted.start, last):
            planned[month] = planned.get(month, 0) + 1
    figures = []
    for index in range(counted.start.index, last.index + 1):
        month = Month.from_index(index)
        these = held.get(month, [])
        participants = sum(e.uczestnicy or 0 for e in these)
        figures.append(MonthFigures(month, planned.get(month, 0), len(these), participants))
    return tuple(figures)
