"""``osl-plan validate``."""

from __future__ import annotations

from enum import StrEnum

import typer

from osl_plan.cli._app import app, exit_with


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    plans: list[str] = typer.Argument(..., metavar="PLAN", help="Plan files; - reads stdin."),
    fmt: ValidateFormat = typer.Option(
        ValidateFormat.text,
        "--format",
        "-f",
        help="text (for people), json (for programs), github (annotations in GitHub Actions).",
    ),
    strict: bool = typer.Option(
        False, "--strict", help="Treat warnings as errors: a plan with warnings is invalid."
    ),
) -> None:
    """Check plan files and report every problem with file:line:column and how to fix it.

    Warnings (text that YAML reads differently from what was meant, a term just after the year)
    are shown but leave a plan valid, unless --strict is given.

    Exit codes: 0 all valid, 1 some invalid, 2 a file could not be read.
    """
    from osl_plan import validate as v

    reports = [v.validate_file(plan, strict=strict) for plan in plans]
    if fmt is ValidateFormat.json:
        typer.echo(v.format_json(reports))
    elif fmt is ValidateFormat.github:
        for line in v.format_github(reports):
            typer.echo(line)
    else:
        out, err = v.format_text(reports)
        for line in out:
            typer.echo(line)
        for line in err:
            typer.echo(line, err=True)
    exit_with(v.overall_exit_code(reports))
