"""The sprawozdanie as DOCX, made by the plan's own DOCX builder (styles, strip, signatures).

Body: title, period, unit; the summary in words and numbers; the chart with its figures in a
table; each task's events (its name kept on the page of its first event); then, on landscape
pages, the table of tasks (its header row repeats on every page, no row splits) ending with the
signatures as the plan has them: „Opracował” left and „Zatwierdził” right in a borderless last
row, kept on the page of the last task.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from osl_plan.model import Plan
from osl_plan.render import RenderOptions
from osl_plan.render.column_widths import measure_plain_columns
from osl_plan.render.docx import keep_with_next, table_head_xml
from osl_plan.render.docx_builder import DocxBuilder
from osl_plan.render.docx_signatures import signature_row, signature_sides
from osl_plan.render.docx_xml import (
    TABLE_END,
    TableLook,
    cell_xml,
    paragraph_xml,
    row_xml,
    run_xml,
    split_widths,
    table_start,
)
from osl_plan.report.chart import SIZE, alt_text, chart
from osl_plan.report.content import NONE, TABLE_HEADERS, Report, Row
from osl_plan.report.sections import (
    EVENTS_HEADING,
    EVENTS_INTRO,
    MONTH_HEADERS,
    TASKS_CAPTION,
    list_sections,
    plan_for_signatures,
)

MONTH_COLUMNS = (0.31, 0.23, 0.23, 0.23)
TWIPS_PER_INCH = 1440
#: The headers as set in the narrow columns: „uczestników” may break only where it hyphenates.
HEADERS = tuple(h.replace("uczestników", "uczest\u00adników") for h in TABLE_HEADERS)


def _text(text: str, style: str, **kwargs: object) -> str:
    return paragraph_xml(run_xml(text), style=style, **kwargs)  # type: ignore[arg-type]


def _cell(lines: Iterable[str], width: int, style: str, *, align: str | None = None) -> str:
    paragraphs = "".join([paragraph_xml(run_xml(line), style=style, align=align) for line in lines])
    return cell_xml(paragraphs or paragraph_xml("", style=style), width)


#: The cells' alignments: Lp. and the number of participants right, the rest left.
ALIGNS = ("right", None, None, None, None, "right", None, None)


def _row_texts(row: Row) -> tuple[Sequence[str], ...]:
    """The paragraphs of each of a row's eight cells."""
    figures = str(row.participants) if row.participants is not None else NONE
    return (
        [row.number],
        [row.zadanie],
        [row.planned],
        row.actual_lines,
        [row.status],
        [figures],
        row.partner_lines or [NONE],
        row.notes or [NONE],
    )


def column_widths(report: Report, width: int) -> tuple[int, ...]:
    """The table's widths from its content, as the plan's table has them: every column at least
    as wide as its longest word (so no word breaks inside), the rest shared by how much text each
    column holds; at :func:`column_layout`'s text size."""
    return column_layout(report, width)[0]


def column_layout(report: Report, width: int) -> tuple[tuple[int, ...], float]:
    """The table's widths and its text size: the usual one, or the largest smaller one at which
    its words fit (as the plan's table chooses them)."""
    rows = [_row_texts(row) for row in report.rows]
    columns = [[texts[i] for texts in rows] for i in range(len(HEADERS))]
    measure = measure_plain_columns(columns, HEADERS)
    size = measure.size_to_fit(width)
    return measure.at_size(size).widths(width), size


def _tasks_table(report: Report, builder: DocxBuilder, width: int) -> Iterator[str]:
    """The table of tasks, its last row the signatures (as the plan's table ends), which the last
    task row keeps with: LibreOffice and Word keep rows of one table together."""
    ids = builder.ids
    widths, size = column_layout(report, width)
    builder.table_size = size
    yield table_start(widths, TableLook(caption=TASKS_CAPTION, padding=57))
    yield from builder.table_rows([table_head_xml(HEADERS, widths, ids)])
    rows = [
        row_xml(
            [
                _cell(texts, w, ids.table_text, align=align)
                for texts, w, align in zip(_row_texts(row), widths, ALIGNS, strict=True)
            ]
        )
        for row in report.rows
    ]
    if rows:
        rows[-1] = keep_with_next(rows[-1])
    yield from builder.table_rows(rows)
    yield signature_row(_signature_sides(report.plan), widths)
    yield TABLE_END


def _signature_sides(plan: Plan) -> tuple[str, str]:
    """The plan's signature sides (labels from ``podpisy.<side>.etykieta``), dates left blank."""
    return signature_sides(plan_for_signatures(plan))


def _months_table(report: Report, builder: DocxBuilder, caption: str) -> str:
    ids = builder.ids
    widths = split_widths(builder.width, MONTH_COLUMNS)
    parts = [table_start(widths, TableLook(caption=caption)), table_head_xml(MONTH_HEADERS,
             widths, ids)]  # fmt: skip
    for m in report.months:
        values = (m.label, str(m.planned), str(m.events), str(m.participants))
        cells = [
            _cell([value], width, ids.table_text, align=None if i == 0 else "right")
            for i, (value, width) in enumerate(zip(values, widths, strict=True))
        ]
        parts.append(row_xml(cells))
    parts.append(TABLE_END)
    return "".join(parts)


def _chart_xml(report: Report, builder: DocxBuilder) -> str:
    width = min(builder.width, int(SIZE[0] * TWIPS_PER_INCH))
    height = int(width * SIZE[1] / SIZE[0])
    run = builder.picture(chart(report.months, "png"), (width, height), alt_text(report.months))
    return paragraph_xml(run, align="center", keep_next=True)


def _events_xml(report: Report, builder: DocxBuilder) -> Iterator[str]:
    """Each task's events: the task's name as a heading, kept on the page of its first event
    (keepNext, also set on the paragraph: a reference document's heading may lack it), then one
    bulleted paragraph per event, none split across pages."""
    ids = builder.ids
    yield _text(EVENTS_HEADING, ids.heading, keep_next=True)
    yield _text(EVENTS_INTRO, "")
    for task in report.task_events:
        yield paragraph_xml(
            run_xml(task.heading), style=ids.subheading, keep_next=True, keep_lines=True
        )
        for event in task.events:
            yield paragraph_xml(
                run_xml(event), style=ids.bullet, num_id=ids.bullet_num, keep_lines=True
            )


def render_report_docx(report: Report, options: RenderOptions) -> bytes:
    """The report as DOCX. Raises UnreadableFile (reference document, strip image)."""
    plan = report.plan
    builder = DocxBuilder(plan, options, title=report.doc_title)
    ids = builder.ids
    builder.add(_text(report.title.upper(), ids.title))
    builder.add(_text(report.period_line, ids.year))
    if plan.jednostka:
        builder.add(_text(plan.jednostka, ids.year))
    for section in list_sections(report):
        builder.add(_text(section.heading, ids.heading, keep_next=True))
        builder.add("".join(_text(p, "") for p in section.paragraphs))
        builder.add(
            "".join(
                paragraph_xml(run_xml(item), style=ids.bullet, num_id=ids.bullet_num)
                for item in section.items
            )
        )
        if section.chart:
            if report.events:
                builder.add(_chart_xml(report, builder))
            builder.add(_months_table(report, builder, section.chart))
    if report.task_events:
        builder.add("".join(_events_xml(report, builder)))
    # Eight columns need the width of a landscape page; the signatures end the table there.
    width = builder.landscape_section()
    builder.add(_text("Realizacja zadań", ids.heading, keep_next=True))
    builder.add(_tasks_table(report, builder, width))
    return builder.to_bytes()
