"""The NEW plan as the official DOCX, with the changes from OLD as tracked changes.

The layout is :mod:`osl_plan.render.docx`'s (its builder, styles, cells and rows); this module only
chooses, run by run, whether text is plain, inserted (``w:ins``) or deleted (``w:del``), and marks
whole rows of added and removed tasks in ``w:trPr``. Accepting every change gives the text of the
NEW document, rejecting every change the text of the OLD one; a moved task is deleted at its
old place and inserted at the new one.

Chapters (sekcje) are aligned paragraph by paragraph and edited word by word; names, positions
and dates in the signature block are tracked; so are the marks of a text strip (no image) in the
footer or header. A plan with specific goals has its tasks under the goals' headings
(:mod:`osl_plan.diff.redline_groups`); with ``--realizacja`` the changed records follow the plan
(:mod:`osl_plan.diff.redline_realisation`). Not tracked: a strip image, a strip NEW does not
have, the table's columns (NEW's) and formatting-only changes (a word made bold) in chapters.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections import defaultdict
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from pathlib import Path

from osl_plan.columns import cell_items, grouped, table_columns
from osl_plan.diff.model import PlanDiff
from osl_plan.diff.plan_fields import shifted_equal
from osl_plan.diff.redline_groups import grouped_tables
from osl_plan.diff.redline_parts import chapters_redline, goals_redline, signatures_redline
from osl_plan.diff.redline_realisation import realisation_redline
from osl_plan.diff.redline_strip import strip_redline
from osl_plan.diff.words import word_diff
from osl_plan.funding import resolve_strip
from osl_plan.model import Plan, Task
from osl_plan.polish import tie_short_words
from osl_plan.polish import tie_short_words as tie
from osl_plan.render import RenderOptions
from osl_plan.render.docx import (
    chapters_xml,
    front_paragraph,
    task_row_xml,
    task_widths,
    tasks_table,
)
from osl_plan.render.docx_builder import DocxBuilder
from osl_plan.render.docx_setup import StyleIds
from osl_plan.render.docx_xml import (
    change_attrs,
    deleted_run_xml,
    inserted_run_xml,
    paragraph_xml,
    plain_run,
)
from osl_plan.render.front_page import document_title, front_lines, year_line

AUTHOR = "osl-plan diff"


class _Marks:
    """Run writers and marks for tracked changes, numbered in document order."""

    def __init__(self, author: str, date: str) -> None:
        self._ids = itertools.count(1)
        self.author, self.date = author, date

    def attrs(self) -> str:
        return change_attrs(next(self._ids), self.author, self.date)

    def ins(self, text: str) -> str:
        return inserted_run_xml(text, self.attrs()) if text else ""

    def delete(self, text: str) -> str:
        return deleted_run_xml(text, self.attrs()) if text else ""

    def mark(self, kind: str) -> str:
        return f"<w:{kind} {self.attrs()}/>"

    def runs(self, old: str, new: str) -> str:
        """Runs turning ``old`` into ``new`` word by word."""
        if old == new:
            return plain_run(new) if new else ""
        out = []
        for segment in word_diff(old, new):
            if segment.op == "equal":
                out.append(plain_run(segment.text))
            elif segment.op == "insert":
                out.append(self.ins(segment.text))
            else:
                out.append(self.delete(segment.text))
        return "".join(out)


def _date() -> str:
    """Now, or SOURCE_DATE_EPOCH for reproducible documents, as Word writes it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _paragraphs(
    old: Sequence[str],
    new: Sequence[str],
    marks: _Marks,
    *,
    style: str | None = None,
    num_id: int | None = None,
) -> str:
    """Paragraph lists aligned: equal or edited in place, inserted or deleted whole."""

    def para(runs: str, mark: str = "") -> str:
        return paragraph_xml(runs, style=style, num_id=num_id, mark=mark)

    out = []
    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        common = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        if tag == "equal":
            out += [para(marks.runs(t, t)) for t in new[j1:j2]]
            continue
        out += [para(marks.runs(old[i1 + k], new[j1 + k])) for k in range(common)]
        out += [para(marks.delete(t), marks.mark("del")) for t in old[i1 + common : i2]]
        out += [para(marks.ins(t), marks.mark("ins")) for t in new[j1 + common : j2]]
    return "".join(out)


class _Cells:
    """Each row's cells for the table's columns, OLD → NEW tracked."""

    def __init__(self, diff: PlanDiff, ids: StyleIds, marks: _Marks, *, quiet_years: bool) -> None:
        self.diff, self.ids, self.marks = diff, ids, marks
        self.columns = table_columns(diff.new)
        self.years = diff.year_shift if quiet_years else 0

    def _lists(self, old: list[str], new: list[str]) -> list[str]:
        """``old`` as ``new`` when the lists differ only by years moved with the plan."""
        same = len(old) == len(new) and all(
            self._texts(a, b) == (b, b) for a, b in zip(old, new, strict=True)
        )
        return new if self.years and same else old

    def _texts(self, old: str, new: str) -> tuple[str, str]:
        """``old`` as ``new`` when only the year moved with the plan (--years-untracked)."""
        if self.years and old and new and shifted_equal(old, new, self.years):
            return new, new
        return old, new

    def row(self, old: int | None, new: int | None) -> tuple[str, ...]:
        diff, ids, marks = self.diff, self.ids, self.marks
        o = diff.old.zadania[old] if old is not None else None
        n = diff.new.zadania[new] if new is not None else None
        cells = []
        for column in self.columns:
            if column.key == "zadanie":
                zo, zn = self._texts(tie(o.zadanie) if o else "", tie(n.zadanie) if n else "")
                dn = [tie(d) for d in n.dzialania] if n else []
                do = self._lists([tie(d) for d in o.dzialania], dn) if o else []
                cells.append(
                    _paragraphs([zo] if o else [], [zn] if n else [], marks, style=ids.table_text)
                    + _paragraphs(do, dn, marks, style=ids.bullet, num_id=ids.bullet_num)
                )
                continue
            before = after = []
            if o is not None and old is not None:
                before = cell_items(diff.old, o, old + 1, column.key, keep_terms=False)
            if n is not None and new is not None:
                after = cell_items(diff.new, n, new + 1, column.key, keep_terms=False)
            if column.key == "termin" and o and n and self._same_months(o, n):
                before = after
            elif o and n:
                before = self._lists(before, after)
            listed = len(after if n else before) > 1
            style, num = (ids.bullet, ids.bullet_num) if listed else (ids.table_text, None)
            cells.append(
                _paragraphs(before, after, marks, style=style, num_id=num)
                or f'<w:p><w:pPr><w:pStyle w:val="{ids.table_text}"/></w:pPr></w:p>'
            )
        return tuple(cells)

    def _same_months(self, old: Task, new: Task) -> bool:
        """Whether NEW's term is OLD's moved by the plans' gap (only with --years-untracked)."""
        shifted = old.termin.shifted(self.years) if self.years else None
        return (
            shifted is not None
            and (shifted.start, shifted.end)
            == (
                new.termin.start,
                new.termin.end,
            )
            and shifted.printed() == new.termin.printed()
        )


def _rows(diff: PlanDiff, cells: _Cells, widths: Sequence[int], marks: _Marks) -> Iterator[str]:
    # A moved task is deleted at its old place and inserted at its new one (as Word's own move
    # tracking does), so rejecting every change restores OLD's order too. A removed task goes
    # just after the NEW row of the task that preceded it in OLD.
    kept = [p for p in diff.pairs if not p.moved]
    after: dict[int, list[int]] = defaultdict(list)
    new_of = {p.old: p.new for p in kept}
    anchor = -1
    for i in range(len(diff.old.zadania)):
        if i in new_of:
            anchor = new_of[i]
        else:
            after[anchor].append(i)
    old_of = {p.new: p.old for p in kept}
    for j in range(-1, len(diff.new.zadania)):
        if j >= 0:
            if j in old_of:
                yield task_row_xml(cells.row(old_of[j], j), widths)
            else:
                yield task_row_xml(cells.row(None, j), widths, mark=marks.mark("ins"))
        for i in after.get(j, ()):
            yield task_row_xml(cells.row(i, None), widths, mark=marks.mark("del"))


def render_redline(diff: PlanDiff, *, author: str = AUTHOR, years_untracked: bool = False) -> bytes:
    """NEW as the official DOCX with OLD → NEW as tracked changes. Raises UnreadableFile.

    When the realisation was compared (``diff --realizacja``), a „Realizacja zadań” section after
    the table shows the changed records (:mod:`osl_plan.diff.redline_realisation`).

    ``years_untracked``: a term, task text or sub-item that only moved with the plan's year
    („marzec 2025” → „marzec 2026”) is printed as NEW without a tracked change, so the real
    changes stand out; rejecting every change then gives OLD except those years.
    """
    base = Path(diff.new_file).parent if diff.new_file else None
    builder = DocxBuilder(diff.new, RenderOptions(base_dir=base))
    marks = _Marks(author, _date())
    old, new = diff.old, diff.new
    builder.add(_front_redline(old, new, builder.ids, marks))
    if old.sekcje == new.sekcje:
        builder.add(chapters_xml(new, builder))
    else:
        builder.add(chapters_redline(old, new, builder, marks))
    builder.add(goals_redline(old, new, builder, marks))
    builder.add(_tasks_redline(diff, builder, marks, years_untracked=years_untracked))
    builder.add(realisation_redline(diff, builder, marks))
    strips = [resolve_strip(plan, base) for plan in (old, new)]
    old_marks, new_marks = (s.marks if s and s.image is None else () for s in strips)
    if new_marks and old_marks != new_marks:
        strip_redline(builder, old_marks, new_marks, marks)
    return builder.to_bytes()


def _front_redline(old: Plan, new: Plan, ids: StyleIds, marks: _Marks) -> str:
    """The lines above the title, the title, the year and the introduction, tracked."""
    out = []
    front_old, front_new = front_lines(old), front_lines(new)
    for key in ("zalacznik", "jednostka"):
        before, after = (tie_short_words(f.get(key, "")) for f in (front_old, front_new))
        if before or after:
            kind = "ins" if not before else "del" if not after else ""
            mark = marks.mark(kind) if kind else ""
            out.append(front_paragraph(key, marks.runs(before, after), mark=mark))
    out += (
        paragraph_xml(marks.runs(document_title(old), document_title(new)), style=ids.title),
        paragraph_xml(marks.runs(year_line(old), year_line(new)), style=ids.year),
        _paragraphs(
            [tie_short_words(p) for p in old.wstep_paragraphs],
            [tie_short_words(p) for p in new.wstep_paragraphs],
            marks,
        ),
    )
    return "".join(out)


def _tasks_redline(
    diff: PlanDiff, builder: DocxBuilder, marks: _Marks, *, years_untracked: bool
) -> str | Iterator[str]:
    """The task table (or the goals' tables) with the signatures, OLD → NEW tracked."""
    ids = builder.ids
    width = builder.table_width()
    widths = task_widths(builder, width=width)
    cells = _Cells(diff, ids, marks, quiet_years=years_untracked)
    sides = signatures_redline(diff.old, diff.new, marks)
    if grouped(diff.old) or grouped(diff.new):
        return grouped_tables(
            diff, cells.row, widths, marks, ids=ids, signatures=sides, size=builder.sized_to
        )
    rows = _rows(diff, cells, widths, marks)
    return tasks_table(
        diff.new, builder, keep_terms=False, rows=rows, signatures=sides, width=width
    )
