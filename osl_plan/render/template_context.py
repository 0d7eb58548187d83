"""What templates see: the plan as template variables (listed in the README), the signature
blocks and the funding strip as the Markdown and HTML templates (the report's too) read them."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from osl_plan.columns import TableColumn, cell_items, table_columns, task_groups, term_text
from osl_plan.errors import UnreadableFile, os_reason
from osl_plan.funding import resolve_strip
from osl_plan.i18n import _, with_hint
from osl_plan.model import Plan, Task
from osl_plan.polish import tie_short_words as tie
from osl_plan.render.column_widths import TEXT_SIZE, CellMeasure, measure_columns
from osl_plan.render.front_page import document_title, front_lines, logo_alt, year_line
from osl_plan.render.options import RenderOptions
from osl_plan.render.schedule import schedule
from osl_plan.render.signature_lines import SignatureLines, signatures
from osl_plan.richtext import Block, Inline, parse_blocks
from osl_plan.terms import MONTHS_NOMINATIVE

if TYPE_CHECKING:
    from osl_plan.render.html_reuse import HtmlReuse


def plan_context(
    plan: Plan, options: RenderOptions, *, embed_image: bool, reuse: HtmlReuse | None = None
) -> dict[str, Any]:
    """The template variables (listed in the README). Raises UnreadableFile (strip image).
    ``reuse``: the tasks' values and cell measures of the last rendering, taken for the tasks
    that did not change (:mod:`osl_plan.render.html_reuse`)."""
    columns = table_columns(plan)
    cells = reuse.cells.get if reuse is not None else None
    widths, text_size, table_em = _html_widths(
        plan, columns, keep_terms=options.keep_terms, cells=cells
    )
    # Each task's values once: the groups hold the same ones (a group's numbers are the tasks').
    tasks = _tasks(plan, options, columns, reuse)
    return {
        "plan": plan.model_dump(mode="json"),  # plain data: templates come from anywhere
        "title": tie(document_title(plan)),
        "year_line": year_line(plan),
        "institution": tie(plan.jednostka or ""),
        "page_title": " – ".join(filter(None, [f"{plan.tytul} {plan.rok}", plan.jednostka])),
        "intro": [tie(p) for p in plan.wstep_paragraphs],
        "sections": [
            {"title": tie(s.tytul), "blocks": _tied_blocks(parse_blocks(s.tresc))}
            for s in plan.sekcje
        ],
        "front": {"zalacznik": "", "jednostka": "", **front_lines(plan)},
        "logo": _logo(plan, options, embed_image=embed_image),
        "goals": _goals(plan),
        "caption": f"Zadania na {plan.rok} rok",
        "headers": [c.heading for c in columns],
        "table_size": text_size,
        "table_em": table_em,
        "columns": [
            {"key": c.key, "heading": c.heading, "width": round(w / 100, 1)}
            for c, w in zip(columns, widths, strict=True)
        ],
        "tasks": tasks,
        "groups": [
            {
                "heading": tie(g.heading) if g.heading else None,
                "tasks": [tasks[number - 1] for number, _same in g.tasks],
            }
            for g in task_groups(plan)
        ],
        "strip": strip_context(plan, options, embed_image=embed_image),
        "signatures": [signature_context(side) for side in signatures(plan)],
        "schedule": _schedule(plan) if options.harmonogram else None,
    }


#: The page's text width for the table (A4 portrait, 18 mm margins) in twips, and its text size.
_HTML_WIDTH = 9864
_HTML_SIZE = 10.5
_HTML_SMALLEST = 7.5


def _tasks(
    plan: Plan, options: RenderOptions, columns: tuple[TableColumn, ...], reuse: HtmlReuse | None
) -> list[dict[str, Any]]:
    """Each task's template values; with ``reuse``, by what they are made from."""
    if reuse is None:
        return [_task(plan, n, task, options, columns) for n, task in enumerate(plan.zadania, 1)]
    # What a task's values are made from: the goal's text comes from the plan (``cel``).
    goals = plan.cele if any(column.key == "cel" for column in columns) else None
    return [
        reuse.tasks.get(
            (n, task, options.keep_terms, columns, goals),
            partial(_task, plan, n, task, options, columns),
        )
        for n, task in enumerate(plan.zadania, 1)
    ]


def _html_widths(
    plan: Plan,
    columns: Sequence[TableColumn],
    *,
    keep_terms: bool,
    cells: Callable[[Hashable, Callable[[], CellMeasure]], CellMeasure] | None = None,
) -> tuple[tuple[int, ...], float | None, float | None]:
    """Column widths in hundredths of a per cent; for a table whose words do not fit across the
    page at the usual size (many columns), the smaller text size (points) that fits them on
    paper and how many ems its words need side by side (the screen sizes its text by the
    window's width from it), else None and None."""
    measure = measure_columns(plan, columns, keep_terms=keep_terms, cells=cells)
    if measure.fits(_HTML_WIDTH):
        return measure.widths(10_000), None, None
    needed = sum(max(w, h) for w, h in zip(measure.words, measure.heads, strict=True)) * 20
    size = max(_HTML_SMALLEST, round(_HTML_SIZE * _HTML_WIDTH / needed, 1))
    total = int(needed) + 1
    widths = tuple(round(w * 10_000 / total) for w in measure.widths(total))
    # In ems of the measured size, with the browser's padding (1 em a column) a little wider.
    ems = round(needed / 20 / TEXT_SIZE * 1.04 + 0.25 * len(columns), 1)
    return widths, size, ems


def _task(
    plan: Plan, number: int, task: Task, options: RenderOptions, columns: Sequence[TableColumn]
) -> dict[str, Any]:
    keep = options.keep_terms
    return {
        "number": number,
        "id": task.id,
        "zadanie": tie(task.zadanie),
        "dzialania": [tie(d) for d in task.dzialania],
        "adresaci": [tie(a) for a in task.adresaci],
        "termin": term_text(task, keep_terms=keep),
        "cells": {
            c.key: cell_items(plan, task, number, c.key, keep_terms=keep)
            for c in columns
            if c.key != "zadanie"
        },
    }


def _goals(plan: Plan) -> dict[str, Any] | None:
    if plan.cele is None:
        return None
    return {
        "main": tie(plan.cele.glowny or ""),
        "specific": [tie(g.tresc) for g in plan.cele.szczegolowe],
    }


def _logo(plan: Plan, options: RenderOptions, *, embed_image: bool) -> dict[str, str] | None:
    if plan.logo is None:
        return None
    written = plan.logo.obraz
    path = (options.base_dir or Path(".")) / written
    return {"image": _data_uri(path) if embed_image else written, "alt": logo_alt(plan)}


def _tied_blocks(blocks: list[Block]) -> list[Block]:
    """Blocks with one-letter words bound to the next word, also across a change of formatting."""
    # A sentinel after each run lets a trailing "i " tie to the next run's first word.
    return [
        Block(
            b.kind,
            tuple(
                tuple(Inline(tie(r.text + "\x00")[:-1], r.bold, r.italic) for r in it)
                for it in b.items
            ),
            b.start,
        )
        for b in blocks
    ]


def signature_context(side: SignatureLines) -> dict[str, str]:
    """One signature block as the templates read it (the report's templates too)."""
    return {
        "label": side.label,
        "person": tie(side.person),
        "position": tie(side.position),
        "date": side.date,
    }


def strip_context(
    plan: Plan, options: RenderOptions, *, embed_image: bool
) -> dict[str, Any] | None:
    """The funding strip as the templates read it; None without one. Raises UnreadableFile."""
    strip = resolve_strip(plan, options.base_dir)
    if strip is None:
        return None
    written = plan.finansowanie.obraz if plan.finansowanie else None
    return {
        "marks": list(strip.marks),
        "alt": strip.alt_text,
        "image": _data_uri(strip.image) if embed_image and strip.image else written,
        "top": options.strip_position in ("header", "first-page"),
    }


def _data_uri(path: Path) -> str:
    """The image as a ``data:`` URI, so the page needs no other file. Raises UnreadableFile."""
    import base64

    from osl_plan.image import ImageProblem, read_image

    try:
        image = read_image(path)
    except FileNotFoundError as error:
        raise UnreadableFile(
            path,
            _("cannot read the image ({reason}) — check finansowanie.obraz or logo").format(
                reason=os_reason(error)
            ),
        ) from None
    except ImageProblem as problem:
        raise UnreadableFile(path, with_hint(problem.message, problem.hint)) from None
    return f"data:{image.mime};base64,{base64.b64encode(image.data).decode('ascii')}"


def _schedule(plan: Plan) -> dict[str, Any]:

    grid = schedule(plan)
    return {
        "caption": f"Harmonogram realizacji zadań w {plan.rok} roku",
        "headers": list(grid.headers),
        "months": [f"{MONTHS_NOMINATIVE[m.month - 1]} {m.year}" for m in grid.months],
        "rows": [
            {
                "number": n,
                "label": tie(_short(task.zadanie)),
                "cells": list(zip(cells, days, strict=True)),
            }
            for n, (task, cells, days) in enumerate(
                zip(plan.zadania, grid.rows, grid.days, strict=True), 1
            )
        ],
        "days": any(map(any, grid.days)),
    }


def _short(text: str, limit: int = 60) -> str:
    """A task's text cut at a word boundary, for the schedule's row labels."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    # A one-letter word (a, i, o, u, w, z) must not be the last before the ellipsis.
    words = cut.split(" ")
    if len(words) > 1 and len(words[-1]) == 1:
        cut = " ".join(words[:-1]).rstrip(" ,;:–-")
    return cut + "…"
