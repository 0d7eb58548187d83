"""Attendance lists as DOCX: one page per sheet, built with render's DOCX builder.

Each page carries everything a signed list needs on its own: the unit, the heading „Lista
obecności”, the task, the date and place, the numbered rows (each at least :data:`ROW_HEIGHT` tall,
room to sign by hand; the header row repeats) and the personal-data clause; the EU strip sits in
every page's footer (or header) exactly as in the plan. Rows beyond one page continue on a new page
that repeats the heading and the clause, so no page is without them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from osl_plan.columns import task_heading
from osl_plan.lista.sheets import Sheet
from osl_plan.model import Plan
from osl_plan.polish import tie_short_words
from osl_plan.render import RenderOptions
from osl_plan.render.docx import table_head_xml
from osl_plan.render.docx_builder import DocxBuilder
from osl_plan.render.docx_xml import (
    TABLE_END,
    TableLook,
    cell_xml,
    escape,
    paragraph_xml,
    row_xml,
    run_xml,
    split_widths,
    table_start,
)

HEADING = "Lista obecności"
COLUMNS = ("Lp.", "Imię i nazwisko", "Miejscowość / instytucja", "Podpis")
COLUMN_SHARES = (0.08, 0.36, 0.32, 0.24)
CAPTION = "Lista obecności: liczba porządkowa, imię i nazwisko, miejscowość lub instytucja, podpis"
#: 10 mm in twips: comfortably above the 9 mm a handwritten signature needs.
ROW_HEIGHT = 567
#: Rows an A4 page holds with a one-line task name and no clause, above a strip image.
_PAGE_ROWS = 19
#: Characters in a line of the bold task name and of the 8 pt clause (A4, 2 cm margins).
_NAME_LINE, _CLAUSE_LINE = 70, 125
BLANK = "……………………………"


@dataclass(frozen=True, slots=True)
class ListaOptions:
    """How to lay out the lists: rows per sheet (None: fill one page) and the clause."""

    rows: int | None
    clause: str
    render: RenderOptions


def _page_break_heading(text: str, style: str, *, new_page: bool) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' + ("<w:pageBreakBefore/>" if new_page else "")
    return f"<w:p><w:pPr>{ppr}</w:pPr>{run_xml(text)}</w:p>"


def _head(plan: Plan, sheet: Sheet, builder: DocxBuilder, *, new_page: bool) -> str:
    """Unit, heading, task, date and place: the lines above the table."""
    ids = builder.ids
    parts = []
    unit = plan.jednostka or plan.gmina
    if unit:
        ppr = "<w:pageBreakBefore/>" if new_page else ""
        parts.append(
            f'<w:p><w:pPr>{ppr}<w:jc w:val="center"/></w:pPr>{run_xml(tie_short_words(unit))}</w:p>'
        )
        new_page = False
    parts.append(_page_break_heading(HEADING, ids.title, new_page=new_page))
    parts.append(
        paragraph_xml(
            run_xml("Zadanie: ")
            + run_xml(tie_short_words(f"{sheet.number}. {task_heading(sheet.task)}"), bold=True),
            keep_next=True,
        )
    )
    parts.append(
        paragraph_xml(
            run_xml(f"Data: {sheet.date or BLANK}")
            + run_xml(f"    Miejsce: {tie_short_words(sheet.place) if sheet.place else BLANK}"),
            keep_next=True,
            spacing_after=160,
        )
    )
    return "".join(parts)


def _rows(first: int, count: int, widths: Sequence[int], builder: DocxBuilder) -> Iterator[str]:
    style = builder.ids.table_text
    empty = [cell_xml(paragraph_xml("", style=style), w) for w in widths[1:]]
    for number in range(first, first + count):
        lp = cell_xml(
            paragraph_xml(run_xml(f"{number}."), style=style, align="center"),
            widths[0],
            center=True,
        )
        yield row_xml([lp, *empty], height=ROW_HEIGHT)


def _clause_xml(text: str) -> str:
    size = '<w:sz w:val="16"/><w:szCs w:val="16"/>'  # 8 pt: a footnote-sized clause
    return (
        '<w:p><w:pPr><w:spacing w:before="160" w:after="0"/><w:jc w:val="both"/></w:pPr>'
        f'<w:r><w:rPr>{size}</w:rPr><w:t xml:space="preserve">'
        f"{escape(tie_short_words(text))}</w:t></w:r></w:p>"
    )


def rows_per_page(task_name: str, clause: str) -> int:
    """Rows that fill one page: fewer when the task name or the clause takes more lines.

    The estimate errs towards space left over: a list that runs onto a second page loses the
    clause from the first (tests check real pages through LibreOffice).
    """
    name_lines = -(-len(task_name) // _NAME_LINE)
    clause_rows = -(-len(clause) * 10 // (_CLAUSE_LINE * 28))  # about 2.8 clause lines a row
    return max(5, _PAGE_ROWS - name_lines - clause_rows)


def pages(total_rows: int, per_page: int) -> list[tuple[int, int]]:
    """(first row number, rows) of each page of one sheet."""
    result, first = [], 1
    while first <= total_rows:
        count = min(per_page, total_rows - first + 1)
        result.append((first, count))
        first += count
    return result


def render_lista_docx(plan: Plan, sheets: Sequence[Sheet], options: ListaOptions) -> bytes:
    """The attendance lists as one DOCX, each sheet on its own page(s).

    Raises UnreadableFile (reference document, strip image).
    """
    title = f"{HEADING} – {task_heading(sheets[0].task)}" if len(sheets) == 1 else HEADING
    builder = DocxBuilder(plan, options.render, title=title)
    widths = split_widths(builder.width, COLUMN_SHARES)
    look = TableLook(caption=CAPTION)
    new_page = False
    for sheet in sheets:
        per_page = rows_per_page(task_heading(sheet.task), options.clause)
        for first, count in pages(options.rows or per_page, per_page):
            builder.add(_head(plan, sheet, builder, new_page=new_page))
            builder.add(table_start(widths, look) + table_head_xml(COLUMNS, widths, builder.ids))
            builder.add(_rows(first, count, widths, builder))
            builder.add(TABLE_END + _clause_xml(options.clause))
            new_page = True
    return builder.to_bytes()
