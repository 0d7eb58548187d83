"""``osl-plan lista``: attendance lists for a task's event, or for every task of a month."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from osl_plan.cli._app import app, reporting, write_stdout
from osl_plan.i18n import _, ngettext


class ListaFormat(StrEnum):
    docx = "docx"
    pdf = "pdf"


class StripPlace(StrEnum):
    footer = "footer"
    header = "header"


@app.command()
def lista(
    plan: str = typer.Argument(..., metavar="PLAN", help=_("The plan file; - reads stdin.")),
    zadanie: str | None = typer.Option(
        None, "--zadanie", "-z", help=_("The task: its id, or its number in the plan's table.")
    ),
    data: str | None = typer.Option(
        None,
        "--data",
        "-d",
        help=_(
            "The day of the event, e.g. 12.03.2025 (default: the task's own day, if it has one)."
        ),
    ),
    miesiac: str | None = typer.Option(
        None,
        "--miesiac",
        "-m",
        help=_(
            "A month, e.g. 2025-03: one list for every task running then, each on its own page."
        ),
    ),
    miejsce: str | None = typer.Option(
        None, "--miejsce", help=_("The place (default: the task's „miejsce” in the plan).")
    ),
    wiersze: int | None = typer.Option(
        None,
        "--wiersze",
        min=1,
        max=1000,
        help=_("Numbered rows per list (default: as many as fill one page)."),
    ),
    klauzula: Path | None = typer.Option(
        None,
        "--klauzula",
        help=_("A text file with the personal-data clause (default: lista.klauzula of the plan)."),
    ),
    fmt: ListaFormat = typer.Option(ListaFormat.docx, "--format", "-f", help=_("Output format.")),
    output: str | None = typer.Option(
        None,
        "--output",
        "-o",
        help=_("Output file, or - for stdout. Default: lista_<plan name>.<format>."),
    ),
    strip: StripPlace = typer.Option(
        StripPlace.footer, "--strip", help=_("Where the EU funding strip goes on every page.")
    ),
    reference_doc: Path | None = typer.Option(
        None, "--reference-doc", help=_("Take styles, fonts and page setup from this DOCX.")
    ),
) -> None:
    """Make attendance lists (listy obecności) for the plan's events, with the EU strip.

    Files are written atomically: a failed run leaves existing outputs untouched.
    """
    from osl_plan.lista import make_lista_file

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
        )
        if result.target is None:
            write_stdout(result.data)
        else:
            typer.echo(
                ngettext(
                    "Wrote {file} ({count} attendance list)",
                    "Wrote {file} ({count} attendance lists)",
                    result.sheets,
                ).format(file=result.target, count=result.sheets),
                err=True,
            )
