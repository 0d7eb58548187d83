"""Where the plan stands in a given month: what runs now, what starts next, what is overdue.

:func:`plan_status` makes one :class:`PlanStatus` value; :mod:`osl_plan.plan_status_out` writes it
as a table, JSON or GitHub annotations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from osl_plan.load import LoadedPlan
from osl_plan.model import Task
from osl_plan.model.task_status import Status
from osl_plan.terms import Month
from osl_plan.typed_terms import typed_month


@dataclass(frozen=True, slots=True)
class TaskState:
    """One task as the status lists it."""

    number: int
    task: Task
    #: 1-based line of the task in the plan file, when known.
    line: int | None

    @property
    def status(self) -> Status | None:
        """The recorded status, or None when nothing is recorded."""
        return None if self.task.realizacja is None else self.task.realizacja.status


@dataclass(frozen=True, slots=True)
class PlanStatus:
    """The plan seen from one month."""

    file: str
    month: Month
    #: Tasks whose term includes the month (one of its ranges, for a term of several).
    running: tuple[TaskState, ...]
    #: Tasks whose term (or one of its ranges) starts in the next month.
    starting: tuple[TaskState, ...]
    #: Tasks whose term has ended before the month with no outcome recorded (nothing, or only
    #: „w trakcie”).
    overdue: tuple[TaskState, ...]

    @property
    def next_month(self) -> Month:
        """The month after :attr:`month`."""
        return Month.from_index(self.month.index + 1)


def parse_month(text: str, year: int | None = None) -> Month:
    """``2025-03``, ``03.2025``, ``marzec 2025``, or ``marzec`` in ``year``. Raises UsageError."""
    return typed_month(text, option="--na", year=year)


def this_month(today: dt.date | None = None) -> Month:
    """The current month (``today`` for tests)."""
    today = today or dt.date.today()
    return Month(today.year, today.month)


def plan_status(loaded: LoadedPlan, month: Month) -> PlanStatus:
    """Sort the plan's tasks by where they stand in ``month``."""
    following = Month.from_index(month.index + 1)
    running, starting, overdue = [], [], []
    lines = loaded.task_lines
    for index, task in enumerate(loaded.plan.zadania):
        state = TaskState(index + 1, task, lines[index] if index < len(lines) else None)
        term = task.termin
        if term.covers(month):
            running.append(state)
        if term.begins(following):
            starting.append(state)
        if term.end < month and state.status in (None, Status.ONGOING):
            overdue.append(state)
    return PlanStatus(loaded.source, month, tuple(running), tuple(starting), tuple(overdue))
