"""``osl-plan new``."""

from __future__ import annotations

from pathlib import Path

import typer

from osl_plan.cli._app import OslCommand, app, reporting, write_stdout
from osl_plan.cli._options import no_warnings_option, overwrite_option
from osl_plan.cli._warnings import warning_printer
from osl_plan.errors import shown_path
from osl_plan.i18n import N_, _


@app.command(
    cls=OslCommand,
    help=N_(
        "Start next year's plan from this year's (--from): rok and terms moved, ids kept, dates "
        "cleared; or start a blank plan for the year (--pusty), every field in it or described "
        "in a comment.\n\n"
        "Year mentions of the plan's own years in task names move too („Wakacje 2023” → "
        "„Wakacje 2024”); other years stay. A comment at the top lists what was carried "
        "over.\n\n"
        "An existing output file is not replaced unless --overwrite is given."
    ),
)
def new(
    year: int = typer.Argument(
        ..., metavar=N_("YEAR"), help=N_("The year of the new plan, e.g. 2024.")
    ),
    source: str | None = typer.Option(
        None, "--from", metavar=N_("PLAN"), help=N_("This year's plan (YAML) to carry forward.")
    ),
    blank: bool = typer.Option(
        False,
        "--pusty",
        help=N_("Write a blank plan for the year instead, with every field shown or described."),
    ),
    output: str | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar=N_("FILE"),
        help=N_("Output file, or - for stdout. Default: plan_<YEAR>.yaml in the current folder."),
    ),
    overwrite: bool = overwrite_option(),
    no_warnings: bool = no_warnings_option(),
) -> None:
    """``osl-plan new``: the help is the ``help=`` text above."""
    from osl_plan.blank import blank_plan
    from osl_plan.errors import UsageError
    from osl_plan.load import load
    from osl_plan.newyear import carry_forward
    from osl_plan.output import check_target
    from osl_plan.schema import schema_ref_for
    from osl_plan.yamlout import dump_plan

    with reporting():
        target = None if output == "-" else Path(output or f"plan_{year}.yaml")
        if blank == (source is not None):
            raise UsageError(
                _("give the plan to carry forward with --from PLAN, or --pusty for a blank plan")
            )
        inputs = [] if source in (None, "-") else [Path(source)]
        if target is not None:  # refused before anything is read
            check_target(target, inputs=inputs, overwrite=overwrite)
        if source is None:
            text = blank_plan(year, target.name if target else f"plan_{year}.yaml")
            write_text(text, target, overwrite=overwrite)
            return
        loaded = load(source)
        warning_printer(enabled=not no_warnings)(loaded.warnings)
        name = "<stdin>" if source == "-" else shown_path(Path(source).name)
        carried = carry_forward(loaded.plan, year, source=name)
        schema = schema_ref_for(target.parent if target else Path.cwd())
        text = dump_plan(carried.plan, header=carried.summary, schema=schema)
        write_text(text, target, overwrite=overwrite)


def write_text(text: str, target: Path | None, *, overwrite: bool = False) -> None:
    """The plan text to ``target`` (atomically), or to stdout when it is None."""
    from osl_plan.output import write_atomic

    if target is None:
        write_stdout(text.encode("utf-8"))
        return
    write_atomic(target, text.encode("utf-8"), overwrite=overwrite)
    typer.echo(_("Wrote {file}").format(file=shown_path(target)), err=True)
