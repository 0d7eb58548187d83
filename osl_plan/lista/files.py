"""``osl-plan lista`` as a library call: read the plan and the clause, pick the sheets, make the
document (:func:`osl_plan.documents.render_document`) and write it atomically."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from osl_plan.errors import Problem, UsageError
from osl_plan.i18n import _, ngettext
from osl_plan.i18n import number as grouped
from osl_plan.lista.clause import clause
from osl_plan.lista.sheets import Sheet, _day_option, days_outside_term, sheets_for
from osl_plan.numbers import MAX_TOTAL_ROWS
from osl_plan.render import RenderOptions, StripPosition

if TYPE_CHECKING:
    from osl_plan.lista.docx import ListaOptions

__all__ = ["MAX_CLAUSE_BYTES", "ListaResult", "make_lista_file"]

#: The clause file is a short text; a larger file is a mistake (a wrong file given).
MAX_CLAUSE_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class ListaResult:
    """What ``make_lista_file`` made: the bytes, where they went (None: stdout), how many sheets."""

    data: bytes
    target: Path | None
    sheets: int


def _target(plan: str, fmt: str, output: str | None, *, stdout_is_tty: bool) -> Path | None:
    if output == "-" or (output is None and plan == "-"):
        if stdout_is_tty:
            raise UsageError(
                _("{format} is binary; write it to a file with -o FILE.{extension}").format(
                    format=fmt.upper(), extension=fmt
                )
            )
        return None
    if output is not None:
        return Path(output)
    return Path(f"lista_{Path(plan).stem}.{fmt}")


def _clause_text(path: Path | None) -> str | None:
    if path is None:
        return None
    from osl_plan.load import decode, read_file

    text = decode(read_file(path, limit=MAX_CLAUSE_BYTES, kind=_("a text file")), str(path))
    if len(text.encode("utf-8")) > MAX_CLAUSE_BYTES:
        raise UsageError(
            _("{file}: a clause longer than 64 KB is not a clause — check the file").format(
                file=path
            )
        )
    if not text.strip():
        raise UsageError(
            _("{file}: the clause file is empty — write the clause's text in it").format(file=path)
        )
    from osl_plan.errors import shown_path
    from osl_plan.textgate import outside_text

    return outside_text(text, shown_path(path), multiline=True)


def _check_rows(sheets: list[Sheet], options: ListaOptions) -> None:
    """Refuse a run of more rows than :data:`MAX_TOTAL_ROWS`, before anything is laid out."""
    from osl_plan.lista.docx import rows_per_page

    total = sum(options.rows or rows_per_page(s.task.zadanie, options.clause) for s in sheets)
    if total > MAX_TOTAL_ROWS:
        raise UsageError(
            ngettext(
                "{count} list of these rows has {total} rows; one run makes at most {limit} — "
                "choose fewer rows (--wiersze) or fewer lists (--zadanie)",
                "{count} lists of these rows have {total} rows; one run makes at most {limit} — "
                "choose fewer rows (--wiersze) or fewer lists (--zadanie)",
                len(sheets),
            ).format(count=len(sheets), total=grouped(total), limit=grouped(MAX_TOTAL_ROWS))
        )


def make_lista_file(
    plan_path: str,
    *,
    fmt: str,
    output: str | None,
    zadanie: str | None,
    data: str | None,
    miesiac: str | None,
    miejsce: str | None,
    wiersze: int | None,
    klauzula: Path | None,
    strip_position: StripPosition,
    reference_doc: Path | None,
    stdout_is_tty: bool,
    on_warnings: Callable[[tuple[Problem, ...]], None] | None = None,
) -> ListaResult:
    """Load the plan, pick the sheets, lay them out and write them atomically.

    The plan's warnings go to ``on_warnings`` as soon as it is read. Nothing is written when
    anything fails. Raises OslPlanError.
    """
    from osl_plan.documents import ListaDocument, render_document
    from osl_plan.lista.docx import ListaOptions
    from osl_plan.load import load
    from osl_plan.output import check_target, remember_input, write_atomic

    target = _target(plan_path, fmt, output, stdout_is_tty=stdout_is_tty)
    for source in (klauzula, reference_doc):
        if source is not None:
            remember_input(source)
    if target is not None:
        check_target(target, inputs=[] if plan_path == "-" else [Path(plan_path)])
    loaded = load(plan_path)
    if on_warnings is not None and loaded.warnings:
        on_warnings(loaded.warnings)
    sheets = sheets_for(loaded.plan, zadanie=zadanie, data=data, miesiac=miesiac, miejsce=miejsce)
    if on_warnings is not None and data is not None:
        outside = days_outside_term(loaded, sheets, _day_option(data, loaded.plan.rok))
        if outside:
            on_warnings(outside)
    base_dir = None if plan_path == "-" else Path(plan_path).parent
    options = ListaOptions(
        rows=wiersze,
        clause=clause(loaded.plan, _clause_text(klauzula)),
        render=RenderOptions(
            strip_position=strip_position, reference_doc=reference_doc, base_dir=base_dir
        ),
    )
    _check_rows(sheets, options)
    document = render_document(ListaDocument(plan=loaded.plan, sheets=sheets, options=options), fmt)
    if target is not None:
        write_atomic(target, document)
    return ListaResult(document, target, len(sheets))
