"""``osl-plan validate``."""

from __future__ import annotations

from enum import StrEnum

import typer

from osl_plan.cli._app import OslCommand, app, exit_with, write_stdout
from osl_plan.i18n import N_


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command(
    cls=OslCommand,
    help=N_(
        "Check plan files and report every problem with file:line:column and how to fix "
        "it.\n\n"
        "Exit codes: 0 all valid, 1 some invalid, 2 a file could not be read."
    ),
)
def validate(
    plans: list[str] = typer.Argument(
        ..., metavar=N_("PLAN"), help=N_("Plan files; - reads stdin.")
    ),
    fmt: ValidateFormat = typer.Option(
        ValidateFormat.text,
        "--format",
        "-f",
        metavar=N_("FORMAT"),
        help=N_("text (for people), json (for programs), github (annotations in GitHub Actions)."),
    ),
    strict: bool = typer.Option(
        False,
        "--strict",
        help=N_(
            "Treat warnings as errors: a plan with warnings is invalid. Warnings (text that YAML "
            "reads differently from what was meant, a term just after the year) are otherwise "
            "shown and leave a plan valid."
        ),
    ),
) -> None:
    """``osl-plan validate``: the help is the ``help=`` text above."""
    from osl_plan import validate as v
    from osl_plan import validate_out as out

    reports = [v.validate_file(plan, strict=strict) for plan in plans]
    if fmt is ValidateFormat.json:
        # JSON is UTF-8 whatever the terminal's encoding (a program reads it).
        write_stdout((out.format_json(reports) + "\n").encode("utf-8"))
    elif fmt is ValidateFormat.github:
        for line in out.format_github(reports):
            typer.echo(line)
    else:
        lines, err = out.format_text(reports)
        for line in lines:
            typer.echo(line)
        for line in err:
            typer.echo(line, err=True)
    exit_with(v.overall_exit_code(reports))
