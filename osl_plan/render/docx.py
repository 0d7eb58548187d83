"""The plan as the official DOCX: title, year, introduction, chapters, tasks, schedule, signatures.

Two layers, so the ``diff --format docx`` redline reuses the same layout:

* :class:`~osl_plan.render.docx_builder.DocxBuilder` holds the package around the body (a
  skeleton set up once) and streams the body into ``word/document.xml``.
* Pure string builders for each part of the body: :func:`title_xml`, :func:`chapters_xml`,
  :func:`goals_xml`, :func:`task_cells`, :func:`task_row_xml`, :func:`tasks_table` (which ends
  with the signature row of :mod:`osl_plan.render.docx_signatures`), :func:`harmonogram_xml`.
  Each that writes plan text takes ``run``, a
  :data:`~osl_plan.render.docx_xml.RunWriter`, to mark runs as inserted or deleted.

A redline builds ``DocxBuilder(new_plan, options)``, adds :func:`title_xml` and its own rows made
with :func:`task_cells` (``run=`` an inserted/deleted run writer) and :func:`task_row_xml`
(``mark=`` ``<w:ins …/>`` for a whole new row), and calls :meth:`DocxBuilder.to_bytes`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from osl_plan.columns import TableColumn, cell_items, table_columns, task_groups
from osl_plan.model import Plan, Task
from osl_plan.polish import tie_short_words
from osl_plan.render.column_widths import SAFETY, TEXT_SIZE
from osl_plan.render.docx_builder import DocxBuilder
from osl_plan.render.docx_setup import StyleIds
from osl_plan.render.docx_signatures import signature_row, signature_sides
from osl_plan.render.docx_xml import (
    TABLE_END,
    RunWriter,
    TableLook,
    cell_xml,
    paragraph_xml,
    plain_run,
    row_xml,
    run_xml,
    table_start,
)
from osl_plan.render.front_page import document_title, front_lines, year_line
from osl_plan.render.options import RenderOptions
from osl_plan.render.schedule import schedule
from osl_plan.render.textwidth import text_points

TASKS_CAPTION = "Zadania planu: zadanie, adresaci i terminy planowanych działań"
SCHEDULE_HEADING = "Harmonogram"
SCHEDULE_NOTE = "Znak X i zacieniowanie oznaczają miesiące, w których zadanie jest realizowane."
SCHEDULE_FILL = "BFBFBF"
HEADER_FILL = "F2F2F2"
SCHEDULE_MARK = "X"
SCHEDULE_PADDING = 57  # twips each side of a month's cell
SCHEDULE_DAYS_NOTE = "Liczby w kratce to dni miesiąca, które podaje termin zadania."
LIST_END_SPACING = 120  # twips after a list in a chapter
GOALS_HEADING = "Cele"
MAIN_GOAL = "Cel główny"
SPECIFIC_GOALS = "Cele szczegółowe"
# --- the body, as strings ----------------------------------------------------------------


def _runs(runs: Iterable[tuple[str, bool, bool]], run: RunWriter) -> str:
    """Formatted runs; plain ones go through ``run`` (the redline hook), bold/italic are kept."""
    parts = []
    for text, bold, italic in runs:
        typeset = tie_short_words(text)
        parts.append(run_xml(typeset, bold=bold, italic=italic) if bold or italic else run(typeset))
    return "".join(parts)


def front_paragraph(key: str, runs: str, *, mark: str = "") -> str:
    """A line above the title: the framing line (right), the unit's name (centred)."""
    if key == "zalacznik":
        return paragraph_xml(runs, align="right", spacing_after=360, mark=mark)
    return paragraph_xml(runs, align="center", spacing_after=240, mark=mark)


def title_xml(plan: Plan, ids: StyleIds, *, run: RunWriter = plain_run, logo: str = "") -> str:
    """The framing line, the logo and the unit's name, the title (a real heading), the year line,
    and the introduction's paragraphs."""
    front = front_lines(plan)
    parts = []
    if "zalacznik" in front:
        parts.append(front_paragraph("zalacznik", run(tie_short_words(front["zalacznik"]))))
    if logo:
        parts.append(logo)
    if "jednostka" in front:
        parts.append(front_paragraph("jednostka", run(tie_short_words(front["jednostka"]))))
    parts += [
        paragraph_xml(run(tie_short_words(document_title(plan))), style=ids.title),
        paragraph_xml(run(tie_short_words(year_line(plan))), style=ids.year),
    ]
    parts.extend(paragraph_xml(run(tie_short_words(p))) for p in plan.wstep_paragraphs)
    return "".join(parts)


def goals_xml(plan: Plan, builder: DocxBuilder) -> str:
    """The goals: „Cele” as a chapter, the main goal, the specific goals as a numbered list."""
    if plan.cele is None:
        return ""
    ids = builder.ids
    parts = [paragraph_xml(run_xml(GOALS_HEADING), style=ids.heading)]
    if plan.cele.glowny:
        parts.append(
            paragraph_xml(
                run_xml(f"{MAIN_GOAL}: ", bold=True) + run_xml(tie_short_words(plan.cele.glowny))
            )
        )
    if plan.cele.szczegolowe:
        parts.append(paragraph_xml(run_xml(f"{SPECIFIC_GOALS}:", bold=True), keep_next=True))
        num_id = builder.numbered_list(1)
        last = len(plan.cele.szczegolowe)
        for n, goal in enumerate(plan.cele.szczegolowe, 1):
            after = LIST_END_SPACING if n == last else None
            runs = run_xml(tie_short_words(goal.tresc))
            parts.append(
                paragraph_xml(runs, style=ids.numbered, num_id=num_id, spacing_after=after)
            )
    return "".join(parts)


def chapters_xml(plan: Plan, builder: DocxBuilder, *, run: RunWriter = plain_run) -> str:
    """The extra chapters: a heading each, then paragraphs and lists from simple Markdown."""
    from osl_plan.richtext import parse_blocks

    ids = builder.ids
    parts = []
    for section in plan.sekcje:
        parts.append(paragraph_xml(run(tie_short_words(section.tytul)), style=ids.heading))
        for block in parse_blocks(section.tresc):
            if block.kind == "paragraph":
                style, num_id = None, None
            elif block.kind == "bullets":
                style, num_id = ids.bullet, ids.bullet_num
            else:
                style, num_id = ids.numbered, builder.numbered_list(block.start)
            for i, item in enumerate(block.items, 1):
                runs = _runs(((r.text, r.bold, r.italic) for r in item), run)
                # List items sit close together; the last one leaves room like a paragraph.
                after = LIST_END_SPACING if style and i == len(block.items) else None
                parts.append(paragraph_xml(runs, style=style, num_id=num_id, spacing_after=after))
    return "".join(parts)


def list_cell(items: Sequence[str], ids: StyleIds, *, run: RunWriter = plain_run) -> str:
    """A cell's texts: one paragraph, or a bulleted list when there are several (so two groups of
    addressees read as two); an empty cell holds one paragraph with no text."""
    if len(items) > 1:
        return "".join(
            paragraph_xml(run(item), style=ids.bullet, num_id=ids.bullet_num) for item in items
        )
    return paragraph_xml(run(items[0]) if items else "", style=ids.table_text)


def task_cell(task: Task, ids: StyleIds, *, run: RunWriter = plain_run) -> str:
    """The task with its sub-items as bullets."""
    return paragraph_xml(run(tie_short_words(task.zadanie)), style=ids.table_text) + "".join(
        paragraph_xml(run(tie_short_words(item)), style=ids.bullet, num_id=ids.bullet_num)
        for item in task.dzialania
    )


def task_cells(
    plan: Plan,
    task: Task,
    number: int,
    columns: Sequence[TableColumn],
    ids: StyleIds,
    *,
    keep_terms: bool,
    run: RunWriter = plain_run,
) -> tuple[str, ...]:
    """The cells' paragraphs for ``columns``; ``number`` is the task's position (for „Lp.”)."""
    return tuple(
        task_cell(task, ids, run=run)
        if column.key == "zadanie"
        else list_cell(
            cell_items(plan, task, number, column.key, keep_terms=keep_terms), ids, run=run
        )
        for column in columns
    )


def task_row_xml(cells: Sequence[str], widths: Sequence[int], *, mark: str = "") -> str:
    """One table row from the cells' paragraph XML; ``mark`` tracks the whole row (w:ins/w:del)."""
    return row_xml((cell_xml(c, w) for c, w in zip(cells, widths, strict=True)), mark=mark)


def task_widths(
    builder: DocxBuilder, *, keep_terms: bool = False, width: int | None = None
) -> tuple[int, ...]:
    """Column widths of the task table in twips (``width`` in all), chosen from the plan's text."""
    return builder.measure(keep_terms=keep_terms).widths(width or builder.width)


def table_head_xml(
    headers: Sequence[str], widths: Sequence[int], ids: StyleIds, *, mark: str = ""
) -> str:
    """A header row (repeats on every page) with the given column titles; ``mark`` tracks the
    whole row (w:ins/w:del, the redline)."""
    cells = (
        cell_xml(
            paragraph_xml(run_xml(h), style=ids.table_heading), w, fill=HEADER_FILL, center=True
        )
        for h, w in zip(headers, widths, strict=True)
    )
    return row_xml(cells, header=True, mark=mark)


_PPR_START = re.compile(r'<w:p><w:pPr>((?:<w:pStyle w:val="[^"]*"/>)?)')
_BARE_P = re.compile(r"<w:p>(?!<w:pPr>)")


def keep_with_next(row: str) -> str:
    """The row with every paragraph kept with the next: the signatures never stand alone."""
    row = _PPR_START.sub(r"<w:p><w:pPr>\1<w:keepNext/>", row)
    return _BARE_P.sub("<w:p><w:pPr><w:keepNext/></w:pPr>", row)


def _kept_last(rows: Iterable[str]) -> Iterator[str]:
    """The rows, the last one kept with what follows (the signature block)."""
    previous: str | None = None
    for row in rows:
        if previous is not None:
            yield previous
        previous = row
    if previous is not None:
        yield keep_with_next(previous)


def tasks_table(
    plan: Plan,
    builder: DocxBuilder,
    *,
    keep_terms: bool,
    rows: Iterable[str] | None = None,
    signatures: Sequence[str] = (),
    width: int | None = None,
) -> Iterator[str]:
    """The task table, lazily: under a heading per specific goal when the plan has goals, each
    table's opening and header row, one string per task (or ``rows``: one table), its end. The
    last table ends with the signature row (``signatures``: each side's paragraphs), which its
    last task row keeps with."""
    ids, columns = builder.ids, table_columns(plan)
    widths = task_widths(builder, keep_terms=keep_terms, width=width)
    (head_row,) = builder.table_rows([table_head_xml([c.heading for c in columns], widths, ids)])
    head = table_start(widths, TableLook(caption=TASKS_CAPTION)) + head_row
    groups = task_groups(plan) if rows is None else ()
    closing = (signature_row(signatures, widths) if signatures else "") + TABLE_END
    if rows is not None:
        yield head
        rows = builder.table_rows(rows)
        yield from _kept_last(rows) if signatures else rows
        yield closing
    for n, group in enumerate(groups, 1):
        if group.heading:
            yield paragraph_xml(run_xml(tie_short_words(group.heading)), style=ids.heading)
        yield head
        cells = builder.table_rows(
            task_row_xml(task_cells(plan, t, k, columns, ids, keep_terms=keep_terms), widths)
            for k, t in group.tasks
        )
        last = n == len(groups)
        yield from (_kept_last(cells) if last and signatures else cells)
        yield closing if last else TABLE_END


def harmonogram_xml(plan: Plan, builder: DocxBuilder, width: int | None = None) -> Iterator[str]:
    """The schedule grid: heading, a note on the marker, tasks × months with shaded X cells.

    ``width`` is the text width of the section it is in (landscape: see :func:`render_docx`).
    """
    ids, grid = builder.ids, schedule(plan)
    width = width or builder.width
    months = len(grid.months)
    # Each month's heading on one line (in bold, with the cells' padding; "mar" is the widest of
    # the abbreviations); the rest goes to the task names.
    words = {word for header in grid.headers for word in header.split()}
    widest = max((text_points(w, TEXT_SIZE, bold=True) for w in words), default=0.0) * SAFETY
    month_width = max(int(widest * 20) + 2 * SCHEDULE_PADDING, min(620, width // 2 // months))
    month_width = min(month_width, (width - width // 5) // months)  # a fifth for the names
    widths = (width - month_width * months, *([month_width] * months))
    yield paragraph_xml(run_xml(SCHEDULE_HEADING), style=ids.heading)
    note = SCHEDULE_NOTE + (f" {SCHEDULE_DAYS_NOTE}" if any(map(any, grid.days)) else "")
    yield paragraph_xml(run_xml(tie_short_words(note)), keep_next=True)
    look = TableLook(caption="Harmonogram zadań", description=note, padding=SCHEDULE_PADDING)
    yield table_start(widths, look) + table_head_xml(("Zadanie", *grid.headers), widths, ids)
    on = cell_xml(
        paragraph_xml(run_xml(SCHEDULE_MARK), style=ids.table_text, align="center"),
        month_width,
        fill=SCHEDULE_FILL,
        center=True,
    )
    off = cell_xml(paragraph_xml("", style=ids.table_text), month_width)
    for task, row, days in zip(plan.zadania, grid.rows, grid.days, strict=True):
        name = paragraph_xml(run_xml(tie_short_words(task.zadanie)), style=ids.table_text)
        cells = (
            (_days_cell(text, month_width, ids.table_text) if text else on) if m else off
            for m, text in zip(row, days, strict=True)
        )
        yield row_xml([cell_xml(name, widths[0]), *cells])
    yield TABLE_END


def _days_cell(days: str, width: int, style: str) -> str:
    """A schedule cell shaded as a month of the task, holding the days the term names („8, 15”)."""
    text = paragraph_xml(run_xml(days), style=style, align="center")
    return cell_xml(text, width, fill=SCHEDULE_FILL, center=True)


def render_docx(plan: Plan, options: RenderOptions) -> bytes:
    """The plan as the official DOCX. Raises UnreadableFile (reference document, strip image)."""
    builder = DocxBuilder(plan, options)
    builder.add(title_xml(plan, builder.ids, logo=builder.logo_xml))
    builder.add(chapters_xml(plan, builder))
    builder.add(goals_xml(plan, builder))
    width = builder.table_width(keep_terms=options.keep_terms)  # landscape when columns need it
    sides = signature_sides(plan)
    builder.add(
        tasks_table(plan, builder, keep_terms=options.keep_terms, signatures=sides, width=width)
    )
    if options.harmonogram:
        # An annex after the signed plan, on landscape pages: twelve month columns fit
        # beside the task names. The section inherits the footer, so the strip stays.
        builder.add(harmonogram_xml(plan, builder, builder.landscape_section()))
    return builder.to_bytes()
