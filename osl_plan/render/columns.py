"""The task table every format shares: which columns, their headings, the cells' texts, the groups
under the plan's goals, and column widths chosen from the content.

The default is the seed's three columns ZADANIE | ADRESACI | TERMINY PLANOWANYCH DZIAŁAŃ, with a
column added for every other task field some task fills in (so nothing written is left out);
``kolumny`` in the plan chooses the columns, their order and their headings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from osl_plan.model import COLUMN_KEYS, Plan, Task, goal_index
from osl_plan.render.common import term_text, tie_short_words
from osl_plan.render.textwidth import text_points

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

# Widths: the table's text size, cell padding (both sides) and the room a bullet takes.
TEXT_SIZE = 11.0
PADDING_PT = 8.5
BULLET_PT = 14.2  # the List Bullet indent (284 twips)
SAFETY = 1.03  # rounding in the layout engines and a little air
#: The table's text sizes to try, largest first, when its words do not fit at TEXT_SIZE.
SMALLER_SIZES = (10.5, 10.0, 9.5, 9.0, 8.5, 8.0)


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


# --- widths ------------------------------------------------------------------------------------


_BREAKS = re.compile(r"[ \t\n]+")  # not the no-break space: „z niepełnosprawnościami” is one


def _longest_word(texts: Iterable[str], *, bold: bool = False) -> float:
    # Plans repeat their words: each distinct word is measured once.
    words: set[str] = set()
    for text in texts:
        words.update(_BREAKS.split(text))
    return max((text_points(w, TEXT_SIZE, bold=bold) for w in words), default=0.0)


def _column_texts(plan: Plan, key: str, *, keep_terms: bool) -> list[list[str]]:
    """Per task, the column's texts as printed (sub-items included for ``zadanie``)."""
    out = []
    for number, task in enumerate(plan.zadania, 1):
        if key == "zadanie":
            out.append([tie_short_words(task.zadanie), *map(tie_short_words, task.dzialania)])
        else:
            out.append(cell_items(plan, task, number, key, keep_terms=keep_terms))
    return out


@dataclass(frozen=True, slots=True)
class ColumnMeasure:
    """Per column, in points: its widest word and its heading's (both with padding), and how
    much text it holds (in characters: what matters is each column's share); ``fixed`` is the
    part of each word's width that does not grow with the text (padding, a list's indent), and
    ``size`` the text size measured at."""

    words: tuple[float, ...]
    heads: tuple[float, ...]
    share: tuple[float, ...]
    fixed: tuple[float, ...]
    size: float = TEXT_SIZE

    def fits(self, total: int) -> bool:
        """Whether every column's words and heading fit across ``total`` twips."""
        return sum(max(w, h) for w, h in zip(self.words, self.heads, strict=True)) <= total / 20

    def at_size(self, size: float) -> ColumnMeasure:
        """The same columns with their text set in ``size`` points."""
        scale = size / self.size
        words = tuple((w - f) * scale + f for w, f in zip(self.words, self.fixed, strict=True))
        heads = tuple((h - PADDING_PT) * scale + PADDING_PT for h in self.heads)
        return ColumnMeasure(words, heads, self.share, self.fixed, size)

    def size_to_fit(self, total: int) -> float:
        """The largest text size (down to the smallest of SMALLER_SIZES) at which the words and
        headings fit across ``total`` twips; failing that, at which the words alone do."""
        sizes = (self.size, *(s for s in SMALLER_SIZES if s < self.size))
        for size in sizes:
            if self.at_size(size).fits(total):
                return size
        for size in sizes:
            if sum(self.at_size(size).words) <= total / 20:
                return size
        return sizes[-1]

    def widths(self, total: int) -> tuple[int, ...]:
        """Widths in twips adding up to ``total``: each column at least as wide as its longest
        word (heading included, in bold); the rest shared by how much text each column holds.

        When the words and headings cannot all fit, the words of the tasks come first and what is
        left goes to the headings (a heading then wraps inside a word rather than a task's text).
        """
        total_pt, words, heads = total / 20, self.words, self.heads
        least = [max(w, h) for w, h in zip(words, heads, strict=True)]
        if sum(least) <= total_pt:
            weight = sum(self.share) or 1.0
            spare = total_pt - sum(least)
            widths_pt = [w + spare * s / weight for w, s in zip(least, self.share, strict=True)]
        elif sum(words) <= total_pt:
            deficit = [max(h - w, 0.0) for w, h in zip(words, heads, strict=True)]
            spare = total_pt - sum(words)
            widths_pt = [w + spare * d / sum(deficit) for w, d in zip(words, deficit, strict=True)]
        else:  # cannot fit: every column gets its share of what there is
            widths_pt = [total_pt * w / sum(words) for w in words]
        widths = [int(w * 20) for w in widths_pt]
        widths[widths.index(max(widths))] += total - sum(widths)
        return tuple(widths)


def measure_columns(
    plan: Plan, columns: Sequence[TableColumn], *, keep_terms: bool = False
) -> ColumnMeasure:
    """How wide each column's words and heading are, and how much text it holds."""
    words, heads, share, fixed = [], [], [], []
    for column in columns:
        cells = _column_texts(plan, column.key, keep_terms=keep_terms)
        word, indent = _column_word(cells, column.key)
        words.append((word + indent) * SAFETY + PADDING_PT)
        fixed.append(indent * SAFETY + PADDING_PT)
        heads.append(_heading_word(column.heading))
        share.append(_share(cells))
    return ColumnMeasure(tuple(words), tuple(heads), tuple(share), tuple(fixed))


def measure_plain_columns(
    columns: Sequence[Sequence[Sequence[str]]], headings: Sequence[str]
) -> ColumnMeasure:
    """Another table's columns measured the same way: per column its cells, each cell its
    paragraphs (set as plain paragraphs, no bullets), and its heading. A soft hyphen in a
    heading is where it may break (the part before it is measured with its hyphen)."""
    words = [_longest_word(t for cell in cells for t in cell) * SAFETY + PADDING_PT
             for cells in columns]  # fmt: skip
    heads = [_heading_word(h) for h in headings]
    share = [_share(cells) for cells in columns]
    if not any(share):  # no rows: the headings share the width
        share = [float(len(h)) for h in headings]
    return ColumnMeasure(tuple(words), tuple(heads), tuple(share), (PADDING_PT,) * len(words))


def _heading_word(heading: str) -> float:
    return _longest_word([heading.replace("\u00ad", "- ")], bold=True) * SAFETY + PADDING_PT


def _share(cells: Sequence[Sequence[str]]) -> float:
    return float(sum(len(t) for cell in cells for t in cell))


def column_widths(
    plan: Plan, columns: Sequence[TableColumn], total: int, *, keep_terms: bool = False
) -> tuple[int, ...]:
    """:meth:`ColumnMeasure.widths` of the plan's columns across ``total`` twips."""
    return measure_columns(plan, columns, keep_terms=keep_terms).widths(total)


def _column_word(cells: list[list[str]], key: str) -> tuple[float, float]:
    """The widest unbreakable word of a column and the indent it sits at (a list item's)."""
    if key == "zadanie":  # the task's text, then its sub-items (a bulleted list)
        plain = _longest_word(cell[0] for cell in cells if cell)
        items = [t for cell in cells for t in cell[1:]]
    else:
        plain = _longest_word(cell[0] for cell in cells if len(cell) == 1)
        items = [t for cell in cells if len(cell) > 1 for t in cell]
    listed = (_longest_word(items), BULLET_PT) if items else (0.0, 0.0)
    return max((plain, 0.0), listed, key=sum)
