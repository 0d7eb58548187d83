"""The plan as the official DOCX: title, year, introduction, chapters, tasks, schedule, signatures.

Two layers, so the ``diff --format docx`` redline reuses the same layout:

* :class:`DocxBuilder` holds the package around the body (styles, numbering, page setup, the EU
  strip: set up with python-docx once per process, see :mod:`osl_plan.render.docx_package`) and a
  body made of XML strings (or iterables of them, consumed lazily). Its
  :meth:`DocxBuilder.to_bytes` streams the body straight into ``word/document.xml``, so 100,000
  rows never exist as an lxml tree.
* Pure string builders for each part of the body: :func:`title_xml`, :func:`chapters_xml`,
  :func:`task_cells`, :func:`task_row_xml`, :func:`tasks_table`, :func:`harmonogram_xml`,
  :func:`signatures_xml`. Each that writes plan text takes ``run``, a
  :data:`~osl_plan.render.docx_xml.RunWriter`, to mark runs as inserted or deleted.

A redline builds ``DocxBuilder(new_plan, options)``, adds :func:`title_xml` and its own rows made
with :func:`task_cells` (``run=`` an inserted/deleted run writer) and :func:`task_row_xml`
(``mark=`` ``<w:ins …/>`` for a whole new row), and calls :meth:`DocxBuilder.to_bytes`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from osl_plan.funding import resolve_strip
from osl_plan.model import Plan, Task
from osl_plan.render import RenderOptions
from osl_plan.render.common import (
    TABLE_HEADERS,
    SignatureLines,
    document_title,
    schedule,
    signatures,
    term_text,
    tie_short_words,
    year_line,
)
from osl_plan.render.docx_package import assemble, num_xml, skeleton_for
from osl_plan.render.docx_props import core_xml, custom_xml
from osl_plan.render.docx_setup import StyleIds
from osl_plan.render.docx_xml import (
    TABLE_END,
    RunWriter,
    TableLook,
    cell_xml,
    paragraph_xml,
    picture_run_xml,
    plain_run,
    row_xml,
    run_xml,
    split_widths,
    table_start,
)

#: ZADANIE | ADRESACI | TERMINY as shares of the text width.
TASK_COLUMNS = (0.54, 0.21, 0.25)
TASKS_CAPTION = "Zadania planu: zadanie, adresaci i terminy planowanych działań"
SCHEDULE_HEADING = "Harmonogram"
SCHEDULE_NOTE = "Znak X i zacieniowanie oznaczają miesiące, w których zadanie jest realizowane."
SCHEDULE_FILL = "BFBFBF"
HEADER_FILL = "F2F2F2"
SCHEDULE_MARK = "X"
LIST_END_SPACING = 120  # twips after a list in a chapter


class DocxBuilder:
    """A DOCX under construction: the package set up for ``plan``, the body added piece by piece.

    ``ids`` are the style ids to use (a reference document may name styles its own way) and
    ``width`` the text width in twips. The styled package around the body is prepared once per
    process for each base document and strip (:func:`~osl_plan.render.docx_package.skeleton_for`).
    Raises UnreadableFile (reference document, strip image).
    """

    def __init__(self, plan: Plan, options: RenderOptions, *, title: str | None = None) -> None:
        strip = resolve_strip(plan, options.base_dir)
        self.plan = plan
        #: The document's title in its properties (default: the plan's title and year).
        self.title = title or f"{plan.tytul} – {plan.rok} rok"
        self._media: list[tuple[str, str, bytes]] = []
        self.skeleton = skeleton_for(options.reference_doc, strip, options.strip_position)
        self.ids: StyleIds = self.skeleton.ids
        self.width = self.skeleton.width
        self._body: list[str | Iterable[str]] = []
        self._nums: list[str] = []
        self._landscape = False

    def add(self, xml: str | Iterable[str]) -> None:
        """Append body XML: a string, or an iterable of strings consumed only when saving."""
        self._body.append(xml)

    def numbered_list(self, start: int) -> int:
        """A new numbered list (its own numbering restarting at ``start``); returns its numId."""
        num_id = self.skeleton.first_num + len(self._nums)
        self._nums.append(num_xml(num_id, self.skeleton.numbers_abstract, start))
        return num_id

    def landscape_section(self) -> int:
        """End the page-setup section here; what follows is landscape. Returns its text width."""
        if self.skeleton.section_break:
            self._landscape = True
            self.add(self.skeleton.section_break)
        return self.skeleton.landscape_width if self._landscape else self.width

    def to_bytes(self) -> bytes:
        """The finished DOCX. The body is streamed into ``word/document.xml`` in order."""
        return assemble(
            self.skeleton,
            self._chunks(),
            nums=self._nums,
            core=core_xml(self.plan, self.title),
            custom=custom_xml(self.plan),
            landscape=self._landscape,
            media=self._media,
        )

    def picture(self, png: bytes, size: tuple[int, int], alt: str) -> str:
        """A run showing ``png`` at ``size`` (twips) with ``alt`` text; the image is packaged."""
        number = len(self._media) + 1
        rel_id = f"rIdOslPicture{number}"
        self._media.append((rel_id, f"word/media/osl-picture{number}.png", png))
        # Drawing ids are unique in the document; the strip's picture (if any) takes a low one.
        return picture_run_xml(rel_id, 1000 + number, size, alt)

    def _chunks(self) -> Iterator[str]:
        for part in self._body:
            if isinstance(part, str):
                yield part
            else:
                yield from part


# --- the body, as strings ----------------------------------------------------------------


def _runs(runs: Iterable[tuple[str, bool, bool]], run: RunWriter) -> str:
    """Formatted runs; plain ones go through ``run`` (the redline hook), bold/italic are kept."""
    parts = []
    for text, bold, italic in runs:
        typeset = tie_short_words(text)
        parts.append(run_xml(typeset, bold=bold, italic=italic) if bold or italic else run(typeset))
    return "".join(parts)


def title_xml(plan: Plan, ids: StyleIds, *, run: RunWriter = plain_run) -> str:
    """Title (a real heading), the year line, and the introduction's paragraphs."""
    parts = [
        paragraph_xml(run(tie_short_words(document_title(plan))), style=ids.title),
        paragraph_xml(run(tie_short_words(year_line(plan))), style=ids.year),
    ]
    parts.extend(paragraph_xml(run(tie_short_words(p))) for p in plan.wstep_paragraphs)
    return "".join(parts)


def chapters_xml(plan: Plan, builder: DocxBuilder, *, run: RunWriter = plain_run) -> str:
    """The extra chapters: a heading each, then paragraphs and lists from simple Markdown."""
    from osl_plan.render.richtext import parse_blocks

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


def task_cells(
    task: Task, ids: StyleIds, *, keep_terms: bool, run: RunWriter = plain_run
) -> tuple[str, str, str]:
    """The three cells' paragraphs: the task with its sub-items as bullets, addressees, term."""
    text = ids.table_text
    task_cell = paragraph_xml(run(tie_short_words(task.zadanie)), style=text) + "".join(
        paragraph_xml(run(tie_short_words(item)), style=ids.bullet, num_id=ids.bullet_num)
        for item in task.dzialania
    )
    # No addressees: the cell holds one paragraph with no text (a cell cannot be without one).
    addressees = "".join(
        paragraph_xml(run(tie_short_words(who)), style=text) for who in task.adresaci
    ) or paragraph_xml("", style=text)
    term = paragraph_xml(run(tie_short_words(term_text(task, keep_terms=keep_terms))), style=text)
    return task_cell, addressees, term


def task_row_xml(cells: Sequence[str], widths: Sequence[int], *, mark: str = "") -> str:
    """One table row from the cells' paragraph XML; ``mark`` tracks the whole row (w:ins/w:del)."""
    return row_xml((cell_xml(c, w) for c, w in zip(cells, widths, strict=True)), mark=mark)


def task_widths(builder: DocxBuilder) -> tuple[int, ...]:
    """Column widths of the task table in twips."""
    return split_widths(builder.width, TASK_COLUMNS)


def table_head_xml(headers: Sequence[str], widths: Sequence[int], ids: StyleIds) -> str:
    """A header row (repeats on every page) with the given column titles."""
    cells = (
        cell_xml(
            paragraph_xml(run_xml(h), style=ids.table_heading), w, fill=HEADER_FILL, center=True
        )
        for h, w in zip(headers, widths, strict=True)
    )
    return row_xml(cells, header=True)


def tasks_table(
    plan: Plan, builder: DocxBuilder, *, keep_terms: bool, rows: Iterable[str] | None = None
) -> Iterator[str]:
    """The task table, lazily: opening and header row, one string per task (or ``rows``), end."""
    ids, widths = builder.ids, task_widths(builder)
    yield table_start(widths, TableLook(caption=TASKS_CAPTION)) + table_head_xml(
        TABLE_HEADERS, widths, ids
    )
    if rows is None:
        rows = (
            task_row_xml(task_cells(t, ids, keep_terms=keep_terms), widths) for t in plan.zadania
        )
    yield from rows
    yield TABLE_END


def harmonogram_xml(plan: Plan, builder: DocxBuilder, width: int | None = None) -> Iterator[str]:
    """The schedule grid: heading, a note on the marker, tasks × months with shaded X cells.

    ``width`` is the text width of the section it is in (landscape: see :func:`render_docx`).
    """
    ids, grid = builder.ids, schedule(plan)
    width = width or builder.width
    months = len(grid.months)
    # Wide enough for "paź" in bold table text on one line; the rest goes to the task names.
    month_width = min(620, max(440, int(width * 0.5) // months))
    widths = (width - month_width * months, *([month_width] * months))
    yield paragraph_xml(run_xml(SCHEDULE_HEADING), style=ids.heading)
    yield paragraph_xml(run_xml(tie_short_words(SCHEDULE_NOTE)), keep_next=True)
    look = TableLook(caption="Harmonogram zadań", description=SCHEDULE_NOTE, padding=57)
    yield table_start(widths, look) + table_head_xml(("Zadanie", *grid.headers), widths, ids)
    on = cell_xml(
        paragraph_xml(run_xml(SCHEDULE_MARK), style=ids.table_text, align="center"),
        month_width,
        fill=SCHEDULE_FILL,
        center=True,
    )
    off = cell_xml(paragraph_xml("", style=ids.table_text), month_width)
    for task, row in zip(plan.zadania, grid.rows, strict=True):
        name = paragraph_xml(run_xml(tie_short_words(task.zadanie)), style=ids.table_text)
        yield row_xml([cell_xml(name, widths[0]), *(on if m else off for m in row)])
    yield TABLE_END


def _signature_side(lines: SignatureLines, *, indent: int, first: bool) -> list[str]:
    """One side's lines; all but the very last keep with the next, so the block stays together."""
    texts = [f"{lines.label}: {lines.person}"]
    if lines.position:
        texts.append(lines.position)
    texts.append(f"Data: {lines.date}")
    parts = []
    for i, text in enumerate(texts):
        before = (720 if first else 480) if i == 0 else (240 if text.startswith("Data:") else 0)
        ppr = f'<w:keepNext/><w:spacing w:before="{before}" w:after="0"/>'
        if indent:
            ppr += f'<w:ind w:left="{indent}"/>'
        if not first and i == len(texts) - 1:
            ppr = ppr.replace("<w:keepNext/>", "")
        parts.append(f"<w:p><w:pPr>{ppr}</w:pPr>{run_xml(tie_short_words(text))}</w:p>")
    return parts


def signatures_xml(plan: Plan, builder: DocxBuilder) -> str:
    """Drafted by (left), then approved by (right, lower): read in that order, no layout table."""
    drafted, approved = signatures(plan)
    indent = int(builder.width * 0.55)
    return "".join(
        _signature_side(drafted, indent=0, first=True)
        + _signature_side(approved, indent=indent, first=False)
    )


def render_docx(plan: Plan, options: RenderOptions) -> bytes:
    """The plan as the official DOCX. Raises UnreadableFile (reference document, strip image)."""
    builder = DocxBuilder(plan, options)
    builder.add(title_xml(plan, builder.ids))
    builder.add(chapters_xml(plan, builder))
    builder.add(tasks_table(plan, builder, keep_terms=options.keep_terms))
    builder.add(signatures_xml(plan, builder))
    if options.harmonogram:
        # An annex after the signed plan, on landscape pages: twelve month columns fit
        # beside the task names. The section inherits the footer, so the strip stays.
        builder.add(harmonogram_xml(plan, builder, builder.landscape_section()))
    return builder.to_bytes()
