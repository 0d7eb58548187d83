"""Column widths of the task table chosen from its content: each column at least as wide as its
longest word, the rest shared by how much text it holds."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

from osl_plan.columns import TableColumn, cell_items
from osl_plan.model import Plan, Task
from osl_plan.polish import tie_short_words
from osl_plan.render.textwidth import text_points

# Widths: the table's text size, cell padding (both sides) and the room a bullet takes.
TEXT_SIZE = 11.0
PADDING_PT = 8.5
BULLET_PT = 14.2  # the List Bullet indent (284 twips)
SAFETY = 1.03  # rounding in the layout engines and a little air
#: The table's text sizes to try, largest first, when its words do not fit at TEXT_SIZE.
SMALLER_SIZES = (10.5, 10.0, 9.5, 9.0, 8.5, 8.0)


_BREAKS = re.compile(r"[ \t\n]+")  # not the no-break space: „z niepełnosprawnościami” is one


def _longest_word(texts: Iterable[str], *, bold: bool = False) -> float:
    # Plans repeat their words: each distinct word is measured once.
    words: set[str] = set()
    for text in texts:
        words.update(_BREAKS.split(text))
    return max((text_points(w, TEXT_SIZE, bold=bold) for w in words), default=0.0)


def _column_texts(plan: Plan, key: str, *, keep_terms: bool) -> list[list[str]]:
    """Per task, the column's texts as printed (sub-items included for ``zadanie``)."""
    return [
        _cell_texts(plan, number, task, key, keep_terms=keep_terms)
        for number, task in enumerate(plan.zadania, 1)
    ]


def _cell_texts(plan: Plan, number: int, task: Task, key: str, *, keep_terms: bool) -> list[str]:
    """A task's texts in the column as printed (sub-items included for ``zadanie``)."""
    if key == "zadanie":
        return [tie_short_words(task.zadanie), *map(tie_short_words, task.dzialania)]
    return cell_items(plan, task, number, key, keep_terms=keep_terms)


@dataclass(frozen=True, slots=True)
class CellMeasure:
    """One task's cell of a column: its widest word as a plain paragraph and as a list's item
    (0 without either), whether it has list items, and how many characters it holds."""

    plain: float
    items: float
    listed: bool
    chars: int


def _cell_measure(texts: list[str], key: str) -> CellMeasure:
    if key == "zadanie":  # the task's text, then its sub-items (a bulleted list)
        plain, items = texts[:1], texts[1:]
    else:
        plain, items = (texts, []) if len(texts) == 1 else ([], texts)
    return CellMeasure(
        _longest_word(plain), _longest_word(items), bool(items), sum(len(t) for t in texts)
    )


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
    plan: Plan,
    columns: Sequence[TableColumn],
    *,
    keep_terms: bool = False,
    cells: Callable[[Hashable, Callable[[], CellMeasure]], CellMeasure] | None = None,
) -> ColumnMeasure:
    """How wide each column's words and heading are, and how much text it holds.

    ``cells``: where each task's cell measure is remembered by all it is made from (``cells(key,
    make)`` gives the one kept for ``key`` or what ``make()`` gives): a program measuring the
    same plan again and again (the editor's preview) measures only the tasks that changed. The
    measures are the same either way; without it, each distinct word is measured once."""
    words, heads, share, fixed = [], [], [], []
    for column in columns:
        if cells is None:
            texts = _column_texts(plan, column.key, keep_terms=keep_terms)
            word, indent = _column_word(texts, column.key)
            chars = _share(texts)
        else:
            word, indent, chars = _remembered(plan, column.key, keep_terms=keep_terms, cells=cells)
        words.append((word + indent) * SAFETY + PADDING_PT)
        fixed.append(indent * SAFETY + PADDING_PT)
        heads.append(_heading_word(column.heading))
        share.append(chars)
    return ColumnMeasure(tuple(words), tuple(heads), tuple(share), tuple(fixed))


def _remembered(
    plan: Plan,
    key: str,
    *,
    keep_terms: bool,
    cells: Callable[[Hashable, Callable[[], CellMeasure]], CellMeasure],
) -> tuple[float, float, float]:
    """A column's widest word, its indent and its characters, from its cells' measures (what
    :func:`_column_word` and :func:`_share` give for the column's texts)."""
    measured = [
        _measure(plan, n, task, key, keep_terms=keep_terms, cells=cells)
        for n, task in enumerate(plan.zadania, 1)
    ]
    listed = [m.items for m in measured if m.listed]
    plain = max((m.plain for m in measured), default=0.0)
    as_items = (max(listed), BULLET_PT) if listed else (0.0, 0.0)
    word, indent = max((plain, 0.0), as_items, key=sum)
    return word, indent, float(sum(m.chars for m in measured))


def _measure(
    plan: Plan,
    number: int,
    task: Task,
    key: str,
    *,
    keep_terms: bool,
    cells: Callable[[Hashable, Callable[[], CellMeasure]], CellMeasure],
) -> CellMeasure:
    def make() -> CellMeasure:
        return _cell_measure(_cell_texts(plan, number, task, key, keep_terms=keep_terms), key)

    # What the cell is made from: the goal's text comes from the plan for the ``cel`` column.
    return cells((key, number, task, keep_terms, plan.cele if key == "cel" else None), make)


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
