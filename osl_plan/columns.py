"""The task table every format shares, the reader's as well as the writer's: which columns, their
headings, the cells' texts and the groups under the plan's goals (the widths chosen from the content
are :mod:`osl_plan.render.column_widths`).

The default is the seed's three columns ZADANIE | ADRESACI | TERMINY PLANOWANYCH DZIAŁAŃ, with a
column added for every other task field some task fills in (so nothing written is left out);
``kolumny`` in the plan chooses the columns, their order and their headings.
"""

from __future__ import annotations

from dataclasses import dataclass

from osl_plan.model import COLUMN_KEYS, Plan, Task, goal_index
from osl_plan.polish import tie_short_words

HEADINGS = {
    "lp": "Lp.",
    "zadanie": "ZADANIE",
    "cel": "CEL",
    "adresaci": "ADRESACI",
    "termin": "TERMINY PLANOWANYCH DZIAŁAŃ",
    "partnerzy": "PARTNERZY",
    "realizatorzy": "REALIZATORZY",
    "miejsce": "MIEJSCE",
    "odpowiedzialny": "ODPOWIEDZIALNY",
    "rezultaty": "REZULTATY",
    "koszt": "KOSZT",
    "zrodlo_finansowania": "ŹRÓDŁO FINANSOWANIA",
}
DEFAULT_COLUMNS = ("zadanie", "adresaci", "termin")
#: Fields held as lists: more than one item prints as a list in every format.
LIST_FIELDS = frozenset({"adresaci", "partnerzy", "realizatorzy", "rezultaty"})
OTHER_TASKS = "Pozostałe zadania"


@dataclass(frozen=True, slots=True)
class TableColumn:
    """One printed column: the task field it shows and its heading."""

    key: str
    heading: str


@dataclass(frozen=True, slots=True)
class TaskGroup:
    """Tasks under one specific goal (``heading``), or all tasks when the plan has no goals."""

    heading: str | None
    tasks: tuple[tuple[int, Task], ...]  # (1-based position in the plan, task)


def table_columns(plan: Plan) -> tuple[TableColumn, ...]:
    """The columns to print, in order, with their headings."""
    if plan.kolumny is not None:
        return tuple(TableColumn(c.pole, c.naglowek or HEADINGS[c.pole]) for c in plan.kolumny)
    used = set(DEFAULT_COLUMNS)
    for task in plan.zadania:
        used.update(key for key in COLUMN_KEYS if key not in used and _filled(task, key))
    if grouped(plan):
        used.discard("cel")  # the groups' headings say it
    return tuple(TableColumn(key, HEADINGS[key]) for key in COLUMN_KEYS if key in used)


def _filled(task: Task, key: str) -> bool:
    value = getattr(task, key)
    return bool(value) if key != "termin" else True


def grouped(plan: Plan) -> bool:
    """Whether the table is grouped under the plan's specific goals."""
    return bool(plan.cele and plan.cele.szczegolowe and any(t.cel for t in plan.zadania))


def goal_heading(number: int, text: str) -> str:
    """The heading over a goal's tasks: "Cel szczegółowy 2. Integracja mieszkańców"."""
    return f"Cel szczegółowy {number}. {text}"


def task_groups(plan: Plan) -> tuple[TaskGroup, ...]:
    """The tasks grouped under the specific goals, in the goals' order; the rest last."""
    numbered = tuple(enumerate(plan.zadania, 1))
    if not grouped(plan) or plan.cele is None:
        return (TaskGroup(None, numbered),)
    keys = plan.cele.keys
    buckets: list[list[tuple[int, Task]]] = [[] for _ in keys]
    rest: list[tuple[int, Task]] = []
    for number, task in numbered:
        index = goal_index(keys, task.cel) if task.cel else None
        (rest if index is None else buckets[index]).append((number, task))
    groups = [
        TaskGroup(goal_heading(n, goal.tresc), tuple(bucket))
        for n, (goal, bucket) in enumerate(zip(plan.cele.szczegolowe, buckets, strict=True), 1)
        if bucket
    ]
    if rest:
        groups.append(TaskGroup(OTHER_TASKS, tuple(rest)))
    return tuple(groups)


def cell_items(plan: Plan, task: Task, number: int, key: str, *, keep_terms: bool) -> list[str]:
    """The texts of one cell (not ``zadanie``, which has its sub-items): typeset, one per item."""
    if key == "lp":
        return [task.lp or f"{number}."]
    if key == "termin":
        return [tie_short_words(term_text(task, keep_terms=keep_terms))]
    if key == "cel":
        return [tie_short_words(goal_text(plan, task.cel))] if task.cel else []
    value = getattr(task, key)
    if key in LIST_FIELDS:
        return [tie_short_words(v) for v in value]
    return [tie_short_words(value)] if value else []


def goal_text(plan: Plan, cel: str) -> str:
    """A task's ``cel`` as printed: the goal it names, or the text as written."""
    if plan.cele and plan.cele.szczegolowe:
        index = goal_index(plan.cele.keys, cel)
        if index is not None:
            return f"{index + 1}. {plan.cele.szczegolowe[index].tresc}"
    return cel


def term_text(task: Task, *, keep_terms: bool) -> str:
    """The term as printed: normalised ("Czerwiec – październik 2023") unless kept as written."""
    return task.termin.text if keep_terms else task.termin.printed(nbsp=True)


def task_heading(task: Task) -> str:
    """The task's text where its sub-items (``dzialania``) are left out (report, lista, status):
    without the colon that introduced them („…działania CUS:” → „…działania CUS”)."""
    text = task.zadanie.rstrip()
    if task.dzialania and text.endswith(":"):
        return text[:-1].rstrip()
    return text
