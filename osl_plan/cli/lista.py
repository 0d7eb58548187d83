"""``osl-plan lista``: attendance lists for a task's event, or for every task of a month."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from osl_plan.cli._app import OslCommand, app, reporting, write_stdout
from osl_plan.cli._options import (
    format_option,
    no_warnings_option,
    output_option,
    reference_doc_option,
    strip_option,
    value_option,
)
from osl_plan.cli._warnings import warning_printer
from osl_plan.errors import shown_path
from osl_plan.i18n import N_, ngettext
from osl_plan.numbers import MAX_ROWS


class ListaFormat(StrEnum):
    docx = "docx"
    pdf = "pdf"
    odt = "odt"


class ListaStripPlace(StrEnum):
    """An attendance list is one page: its strip goes in the footer or the header."""

    footer = "footer"
    header = "header"


def _rows_option() -> Any:
    return typer.Option(
        None,
        "--wiersze",
        metavar=N_("N"),
        min=1,
        max=MAX_ROWS,
        help=N_("Numbered rows per list (default: as many as fill one page)."),
    )


_TASK_HELP = N_("The task: its id, or its number in the plan's table.")
_DAY_HELP = N_(
    "The day of the event, e.g. 12.03.2025 (default: the task's own day, if it has one)."
)
_MONTH_HELP = N_(
    "A month, e.g. „marzec” (in the plan's year) or 2025-03: one list for every task "
    "running then, each on its own page."
)
_PLACE_HELP = N_("The place (default: the task's „miejsce” in the plan).")
_CLAUSE_HELP = N_(
    "A text file with the personal-data clause (default: lista.klauzula of the plan)."
)
_OUTPUT_HELP = N_("Output file, or - for stdout. Default: lista_<plan name>.<format>.")


@app.command(
    cls=OslCommand,
    help=N_(
        "Make attendance lists (listy obecności) for the plan's events, with the EU strip.\n\n"
        "Files are written atomically: a failed run leaves existing outputs untouched."
    ),
)
def lista(
    plan: str = typer.Argument(..., metavar=N_("PLAN"), help=N_("The plan file; - reads stdin.")),
    zadanie: str | None = value_option("--zadanie", "-z", metavar=N_("TASK"), help=_TASK_HELP),
    data: str | None = value_option("--data", "-d", metavar=N_("DATE"), help=_DAY_HELP),
    miesiac: str | None = value_option("--miesiac", "-m", metavar=N_("MONTH"), help=_MONTH_HELP),
    miejsce: str | None = value_option("--miejsce", metavar=N_("PLACE"), help=_PLACE_HELP),
    wiersze: int | None = _rows_option(),
    klauzula: Path | None = value_option("--klauzula", metavar=N_("FILE"), help=_CLAUSE_HELP),
    fmt: ListaFormat = format_option(ListaFormat.docx),
    output: str | None = output_option(_OUTPUT_HELP),
    strip: ListaStripPlace = strip_option(ListaStripPlace.footer),
    reference_doc: Path | None = reference_doc_option(),
    no_warnings: bool = no_warnings_option(),
) -> None:
    """``osl-plan lista``: the help is the ``help=`` text above."""
    from osl_plan.lista.files import make_lista_file

    with reporting():
        result = make_lista_file(
            plan,
            fmt=fmt.value,
            output=output,
            zadanie=zadanie,
            data=data,
            miesiac=miesiac,
            miejsce=miejsce,
            wiersze=wiersze,
            klauzula=klauzula,
            strip_position=strip.value,
            reference_doc=reference_doc,
            stdout_is_tty=sys.stdout.isatty(),
            on_warnings=warning_printer(enabled=not no_warnings),
        )
        if result.target is None:
            write_stdout(result.data)
            return
    sheets = ngettext(
        "Wrote {file} ({count} attendance list)",
        "Wrote {file} ({count} attendance lists)",
        result.sheets,
    )
    typer.echo(sheets.format(file=shown_path(result.target), count=result.sheets), err=True)
