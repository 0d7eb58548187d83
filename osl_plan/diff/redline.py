"""The NEW plan as the official DOCX, with the changes from OLD as tracked changes.

The layout is :mod:`osl_plan.render.docx`'s (its builder, styles, cells and rows); this module only
chooses, run by run, whether text is plain, inserted (``w:ins``) or deleted (``w:del``), and marks
whole rows of added and removed tasks in ``w:trPr``. Accepting every change gives the text of the
NEW document, rejecting every change the text of the OLD one; a moved task is deleted at its
old place and inserted at the new one.

Chapters (sekcje) are aligned paragraph by paragraph and edited word by word; names, positions
and dates in the signature block are tracked; so are the marks of a text strip (no image) in the
footer or header. Not tracked: a strip image, a strip NEW does not have, and formatting-only
changes (a word made bold) in chapters.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from osl_plan.diff.model import PlanDiff
from osl_plan.diff.words import word_diff
from osl_plan.model import Task
from osl_plan.render import RenderOptions

if TYPE_CHECKING:
    from osl_plan.render.docx_setup import StyleIds

AUTHOR = "osl-plan diff"


class _Marks:
    """Run writers and marks for tracked changes, numbered in document order."""

    def __init__(self, author: str, date: str) -> None:
        self._ids = itertools.count(1)
        self.author, self.date = author, date

    def attrs(self) -> str:
        from osl_plan.render.docx_xml import change_attrs

        return change_attrs(next(self._ids), self.author, self.date)

    def ins(self, text: str) -> str:
        from osl_plan.render.docx_xml import inserted_run_xml

        return inserted_run_xml(text, self.attrs()) if text else ""

    def delete(self, text: str) -> str:
        from osl_plan.render.docx_xml import deleted_run_xml

        return deleted_run_xml(text, self.attrs()) if text else ""

    def mark(self, kind: str) -> str:
        return f"<w:{kind} {self.attrs()}/>"

    def runs(self, old: str, new: str) -> str:
        """Runs turning ``old`` into ``new`` word by word."""
        from osl_plan.render.docx_xml import plain_run

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
    from difflib import SequenceMatcher

    from osl_plan.render.docx_xml import paragraph_xml

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


def _cells(old: Task | None, new: Task | None, ids: StyleIds, marks: _Marks) -> tuple[str, ...]:
    from osl_plan.render.common import term_text, tie_short_words

    def texts(task: Task | None) -> tuple[list[str], list[str], list[str], list[str]]:
        if task is None:
            return [], [], [], []
        tie = tie_short_words
        return (
            [tie(task.zadanie)],
            [tie(item) for item in task.dzialania],
            [tie(who) for who in task.adresaci],
            [tie(term_text(task, keep_terms=False))],
        )

    (zo, do, ao, to), (zn, dn, an, tn) = texts(old), texts(new)
    text = ids.table_text
    task_cell = _paragraphs(zo, zn, marks, style=text) + _paragraphs(
        do,
        dn,
        marks,
        style=ids.bullet,
        num_id=ids.bullet_num,
    )
    who = (
        _paragraphs(ao, an, marks, style=text)
        or f'<w:p><w:pPr><w:pStyle w:val="{text}"/></w:pPr></w:p>'
    )
    return task_cell, who, _paragraphs(to, tn, marks, style=text)


def _rows(diff: PlanDiff, ids: StyleIds, widths: Sequence[int], marks: _Marks) -> Iterator[str]:
    from osl_plan.render.docx import task_row_xml

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
                cells = _cells(diff.old.zadania[old_of[j]], diff.new.zadania[j], ids, marks)
                yield task_row_xml(cells, widths)
            else:
                cells = _cells(None, diff.new.zadania[j], ids, marks)
                yield task_row_xml(cells, widths, mark=marks.mark("ins"))
        for i in after.get(j, ()):
            cells = _cells(diff.old.zadania[i], None, ids, marks)
            yield task_row_xml(cells, widths, mark=marks.mark("del"))


def render_redline(diff: PlanDiff, *, author: str = AUTHOR) -> bytes:
    """NEW as the official DOCX with OLD → NEW as tracked changes. Raises UnreadableFile."""
    from osl_plan.diff.redline_parts import chapters_redline, signatures_redline, strip_redline
    from osl_plan.funding import resolve_strip
    from osl_plan.render.common import document_title, tie_short_words, year_line
    from osl_plan.render.docx import DocxBuilder, chapters_xml, task_widths, tasks_table
    from osl_plan.render.docx_xml import paragraph_xml

    base = Path(diff.new_file).parent if diff.new_file else None
    builder = DocxBuilder(diff.new, RenderOptions(base_dir=base))
    ids, marks = builder.ids, _Marks(author, _date())
    old, new = diff.old, diff.new
    builder.add(
        paragraph_xml(marks.runs(document_title(old), document_title(new)), style=ids.title)
        + paragraph_xml(marks.runs(year_line(old), year_line(new)), style=ids.year)
        + _paragraphs(
            [tie_short_words(p) for p in old.wstep_paragraphs],
            [tie_short_words(p) for p in new.wstep_paragraphs],
            marks,
        )
    )
    if old.sekcje == new.sekcje:
        builder.add(chapters_xml(new, builder))
    else:
        builder.add(chapters_redline(old, new, builder, marks))
    widths = task_widths(builder)
    rows = _rows(diff, ids, widths, marks)
    builder.add(tasks_table(new, builder, keep_terms=False, rows=rows))
    builder.add(signatures_redline(old, new, builder, marks))
    docx = builder.to_bytes()
    strips = [resolve_strip(plan, base) for plan in (old, new)]
    old_marks, new_marks = (s.marks if s and s.image is None else () for s in strips)
    if new_marks and old_marks != new_marks:
        docx = strip_redline(docx, old_marks, new_marks, marks)
    return docx
