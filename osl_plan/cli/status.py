"""``osl-plan status``."""

from __future__ import annotations

import os
import sys
from enum import StrEnum

import typer

from osl_plan.cli._app import OslCommand, app, exit_with, reporting, write_stdout
from osl_plan.cli._options import no_warnings_option
from osl_plan.cli._warnings import github_warnings, warning_printer
from osl_plan.errors import ExitCode
from osl_plan.i18n import N_


class StatusFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command(
    cls=OslCommand,
    help=N_(
        "Show where a plan stands in a month: what runs, what starts next month, what is "
        "overdue: its term has ended and nothing is recorded, or only the status „w trakcie” "
        "(a task still „w trakcie” after its term counts as overdue).\n\n"
        "Exit codes: 0 done (also when something is overdue, unless --exit-code), 1 something is "
        "overdue with --exit-code, or the plan is invalid; 2 a usage error or unreadable file."
    ),
)
def status(
    plan: str = typer.Argument(..., metavar=N_("PLAN"), help=N_("Plan file; - reads stdin.")),
    na: str | None = typer.Option(
        None,
        "--na",
        metavar=N_("MONTH"),
        help=N_(
            "The month to look from: „marzec” (in the plan's year), „marzec 2025” or 2025-03 "
            "(default: this month)."
        ),
    ),
    fmt: StatusFormat = typer.Option(
        StatusFormat.text,
        "--format",
        "-f",
        metavar=N_("FORMAT"),
        help=N_(
            "text (a table for people), json (programs), github (annotations in GitHub Actions)."
        ),
    ),
    exit_code: bool = typer.Option(
        False, "--exit-code", help=N_("Exit with 1 when a task is overdue (a monthly CI reminder).")
    ),
    no_warnings: bool = no_warnings_option(),
) -> None:
    from osl_plan import plan_status_out
    from osl_plan.load import load
    from osl_plan.plan_status import parse_month, plan_status, this_month

    with reporting():
        loaded = load(plan)
        month = parse_month(na, loaded.plan.rok) if na is not None else this_month()
        report = plan_status(loaded, month)
    # -f github: the plan's warnings are annotations among the others; else on stderr.
    if fmt is StatusFormat.github:
        for line in github_warnings(loaded.warnings, enabled=not no_warnings):
            typer.echo(line)
        typer.echo(plan_status_out.format_github(report), nl=False)
        exit_with(ExitCode.FAILURE if exit_code and report.overdue else ExitCode.OK)
    warning_printer(enabled=not no_warnings)(loaded.warnings)
    if fmt is StatusFormat.json:
        write_stdout(plan_status_out.format_json(report).encode("utf-8"))  # UTF-8 for programs
    elif sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        plan_status_out.print_rich(report)
    else:
        typer.echo(plan_status_out.format_plain(report), nl=False)
    if exit_code and report.overdue:
        exit_with(ExitCode.FAILURE)
