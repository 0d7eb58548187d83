"""The redline's task table under the plan's specific goals, as the rendered plan groups it.

Each plan is read as the sequence the document shows: a goal's heading, its tasks, the next goal's
heading … (:func:`osl_plan.columns.task_groups`). Headings of the same goal and tasks of a
matched pair are the same item on both sides; the longest run of items that keep their order is
written once (changes inside tracked), every other item is deleted where OLD shows it and inserted
where NEW does. So a task moved to another goal is deleted under the old goal and inserted under
the new one, and a goal added, removed or renamed has its heading tracked.

Each heading starts a new table with its header row; a header row is tracked like the headings
before it (an inserted heading's table head is inserted), so accepting every change gives NEW's
headings, tables and rows, and rejecting every change OLD's.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from osl_plan.columns import grouped, table_columns, task_groups
from osl_plan.diff.model import PlanDiff
from osl_plan.diff.redline_parts import Marks
from osl_plan.model import Plan, goal_index
from osl_plan.polish import tie_short_words
from osl_plan.render.docx import (
    HEADER_FILL,
    TASKS_CAPTION,
    keep_with_next,
    table_head_xml,
    task_row_xml,
)
from osl_plan.render.docx_setup import StyleIds
from osl_plan.render.docx_signatures import signature_row
from osl_plan.render.docx_xml import (
    TABLE_END,
    TableLook,
    cell_xml,
    paragraph_xml,
    row_xml,
    sized,
    table_start,
)

#: The cells of one row from OLD's and NEW's task positions (None: the task is on one side only).
RowCells = Callable[[int | None, int | None], tuple[str, ...]]
Side = Literal["old", "new"]


@dataclass(frozen=True, slots=True)
class _Item:
    """A goal's heading or a task, as one plan's document shows it."""

    kind: Literal["heading", "task"]
    key: Hashable  # equal on both sides for the same goal or the same (matched) task
    index: int  # the task's 0-based position in its plan (tasks only)
    text: str = ""  # the heading as printed (headings only)


def goal_pairs(old: Plan, new: Plan) -> dict[int, int]:
    """Specific goals that are the same goal in both plans (OLD position → NEW position): the same
    id, else the same text, else a goal renamed in place (the differing goals in order, unless
    both have ids: two different ids are two goals)."""
    a = old.cele.szczegolowe if old.cele else ()
    b = new.cele.szczegolowe if new.cele else ()
    ids = {g.id: j for j, g in enumerate(b) if g.id}
    pairs = {i: ids[g.id] for i, g in enumerate(a) if g.id and g.id in ids}
    left_a = [i for i in range(len(a)) if i not in pairs]
    taken = set(pairs.values())
    left_b = [j for j in range(len(b)) if j not in taken]
    texts_a, texts_b = [a[i].tresc for i in left_a], [b[j].tresc for j in left_b]
    matcher = SequenceMatcher(None, texts_a, texts_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for i, j in zip(range(i1, i2), range(j1, j2), strict=False):
            both_named = a[left_a[i]].id and b[left_b[j]].id
            if tag == "equal" or (tag == "replace" and not both_named):
                pairs[left_a[i]] = left_b[j]
    return pairs


def _items(
    plan: Plan,
    goal_key: Callable[[int | None], Hashable],
    task_key: Callable[[int], Hashable],
) -> list[_Item]:
    """What the document shows, in order: each group's heading (if any), then its tasks."""
    keys = plan.cele.keys if plan.cele else []
    out: list[_Item] = []
    for group in task_groups(plan):
        if group.heading is not None:
            cel = group.tasks[0][1].cel
            goal = goal_index(keys, cel) if cel else None
            out.append(_Item("heading", goal_key(goal), -1, tie_short_words(group.heading)))
        out += [_Item("task", task_key(n - 1), n - 1) for n, _task in group.tasks]
    return out


def _sequences(diff: PlanDiff) -> tuple[list[_Item], list[_Item]]:
    goals = goal_pairs(diff.old, diff.new)
    old_goal = {j: i for i, j in goals.items()}
    old_task = {p.new: p.old for p in diff.pairs}
    paired_old = set(old_task.values())

    def old_goal_key(goal: int | None) -> Hashable:
        if goal is None:
            return ("rest",)
        return ("goal", goal) if goal in goals else ("old goal", goal)

    def new_goal_key(goal: int | None) -> Hashable:
        if goal is None:
            return ("rest",)
        return ("goal", old_goal[goal]) if goal in old_goal else ("new goal", goal)

    old = _items(
        diff.old, old_goal_key, lambda i: ("task", i) if i in paired_old else ("old task", i)
    )
    new = _items(
        diff.new,
        new_goal_key,
        lambda j: ("task", old_task[j]) if j in old_task else ("new task", j),
    )
    return old, new


def _increasing(values: Sequence[int]) -> list[int]:
    """Positions of a longest strictly increasing subsequence of ``values`` (O(n log n))."""
    tails: list[int] = []  # tails[k]: the smallest last value of an increasing run of k + 1
    ends: list[int] = []  # the position of that value
    before = [-1] * len(values)
    for k, value in enumerate(values):
        at = bisect_left(tails, value)
        before[k] = ends[at - 1] if at else -1
        if at == len(tails):
            tails.append(value)
            ends.append(k)
        else:
            tails[at], ends[at] = value, k
    out, k = [], ends[-1] if ends else -1
    while k >= 0:
        out.append(k)
        k = before[k]
    return out[::-1]


Merged = tuple[_Item | None, _Item | None]


def merged_items(old: Sequence[_Item], new: Sequence[_Item]) -> list[Merged]:
    """Both sequences as one: kept items once (OLD, NEW), the others (OLD, None) or (None, NEW).

    Between two kept items, OLD's other items come first, then NEW's, each in its own order.
    """
    at_old = {item.key: k for k, item in enumerate(old)}
    candidates = [(at_old[item.key], j) for j, item in enumerate(new) if item.key in at_old]
    kept = [candidates[c] for c in _increasing([o for o, _ in candidates])]
    out: list[Merged] = []
    i = j = 0
    for o, n in [*kept, (len(old), len(new))]:
        out += [(item, None) for item in old[i:o]]
        out += [(None, item) for item in new[j:n]]
        if o < len(old):
            out.append((old[o], new[n]))
        i, j = o + 1, n + 1
    return out


def _sides(old: object | None, new: object | None) -> set[Side]:
    sides: set[Side] = set()
    if old is not None:
        sides.add("old")
    if new is not None:
        sides.add("new")
    return sides


def _mark(sides: set[Side], marks: Marks) -> str:
    """Nothing for what both sides have, else the whole thing tracked as deleted or inserted."""
    if sides == {"old"}:
        return marks.mark("del")
    if sides == {"new"}:
        return marks.mark("ins")
    return ""


def _heading(old: _Item | None, new: _Item | None, marks: Marks, ids: StyleIds) -> str:
    if old is not None and new is not None:
        runs = marks.runs(old.text, new.text)
    elif new is not None:
        runs = marks.ins(new.text)
    else:
        runs = marks.delete(old.text if old else "")
    return paragraph_xml(runs, style=ids.heading, mark=_mark(_sides(old, new), marks))


def _head(
    headers: Sequence[str], widths: Sequence[int], sides: set[Side], marks: Marks, ids: StyleIds
) -> str:
    """The table's header row as :func:`osl_plan.render.docx.table_head_xml` writes it; on one
    side only, the row, its paragraphs and their text tracked (LibreOffice removes a row on
    accepting or rejecting all only when its text goes too)."""
    mark = _mark(sides, marks)
    if not mark:
        return table_head_xml(headers, widths, ids)
    write = marks.delete if sides == {"old"} else marks.ins
    cells = (
        cell_xml(
            paragraph_xml(write(h), style=ids.table_heading, mark=_mark(sides, marks)),
            w,
            fill=HEADER_FILL,
            center=True,
        )
        for h, w in zip(headers, widths, strict=True)
    )
    return row_xml(cells, header=True, mark=mark)


def grouped_tables(
    diff: PlanDiff,
    row: RowCells,
    widths: Sequence[int],
    marks: Marks,
    *,
    ids: StyleIds,
    signatures: Sequence[str],
    size: float | None = None,
) -> Iterator[str]:
    """The task tables under the goals' headings, OLD → NEW tracked, lazily; the last table ends
    with the signature row (``signatures``: each side's paragraphs). The tables' text is set in
    ``size`` points (None: the usual size)."""

    def at_size(row: str) -> str:
        return row if size is None else sized(row, size)

    headers = [c.heading for c in table_columns(diff.new)]
    # A side shows a table head after each of its headings; a plan without goals shows one at
    # the start. ``starts``: the sides whose group started since the last table was opened.
    starts = _sides(
        None if grouped(diff.old) else diff.old, None if grouped(diff.new) else diff.new
    )
    opened, last = False, ""
    for old, new in merged_items(*_sequences(diff)):
        item = new if new is not None else old
        if item is not None and item.kind == "heading":
            if opened:
                yield last + TABLE_END
                opened, last = False, ""
            starts |= _sides(old, new)
            yield _heading(old, new, marks, ids)
            continue
        if not opened:
            look = TableLook(caption=TASKS_CAPTION)
            yield table_start(widths, look) + at_size(_head(headers, widths, starts, marks, ids))
            opened, starts = True, set()
        if last:
            yield last
        cells = row(old.index if old else None, new.index if new else None)
        last = at_size(task_row_xml(cells, widths, mark=_mark(_sides(old, new), marks)))
    if opened:
        closing = signature_row(signatures, widths) if signatures else ""
        yield (keep_with_next(last) if signatures else last) + closing + TABLE_END
