"""``osl-plan doktor``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from osl_plan.cli._app import OslCommand, app, exit_with
from osl_plan.errors import ExitCode
from osl_plan.i18n import N_


class DoctorFormat(StrEnum):
    text = "text"
    json = "json"


@app.command(
    cls=OslCommand,
    help=N_(
        "Check what works in this installation, each finding with its fix: osl-plan and "
        "Python, LibreOffice (found, and converting a test document now), the documents' fonts, "
        "the plans folder, the editor's port, the strip images.\n\n"
        "Exit codes: 0 everything needed works (warnings allowed), 1 something needed does not."
    ),
)
def doktor(
    folder: Path | None = typer.Option(
        None,
        "--folder",
        "-d",
        metavar=N_("FOLDER"),
        help=N_(
            "The plans folder (default: the one set at installation, else Documents/Plany OSL)."
        ),
    ),
    fmt: DoctorFormat = typer.Option(
        DoctorFormat.text,
        "--format",
        "-f",
        metavar=N_("FORMAT"),
        help=N_("text (for people) or json (programs)."),
    ),
) -> None:
    from osl_plan.doctor import diagnose
    from osl_plan.doctor.diagnosis_out import format_json, format_text
    from osl_plan.settings import default_plans_folder

    diagnosis = diagnose(folder if folder is not None else default_plans_folder())
    show = format_json if fmt is DoctorFormat.json else format_text
    typer.echo(show(diagnosis), nl=False)
    exit_with(ExitCode.OK if diagnosis.healthy else ExitCode.FAILURE)
