"""``osl-plan report``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from osl_plan.cli._app import OslCommand, app, reporting, write_stdout
from osl_plan.cli._options import (
    StripPlace,
    format_option,
    jobs_option,
    no_warnings_option,
    output_option,
    plans_argument,
    reference_doc_option,
    strip_option,
    template_dir_option,
)
from osl_plan.cli._warnings import warning_printer
from osl_plan.cli.render import RenderFormat
from osl_plan.errors import shown_path
from osl_plan.i18n import N_, _

#: Added to the plan's name for the default output: plan_2023_sprawozdanie.docx
SUFFIX = "_sprawozdanie"


_PERIOD_HELP = N_(
    "The period reported on: rok (the year), „I półrocze”, „II półrocze”, „I kwartał” … "
    "„IV kwartał”, written as people write them („pierwsze półrocze”, „2 kwartał”), with or "
    "without the plan's year („I półrocze 2026”)."
)


def _period_names(incomplete: str) -> list[str]:
    """What the shell completes ``--okres`` with: the report's names of its periods."""
    from osl_plan.report.periods import PERIODS

    return [name for name in PERIODS if name.casefold().startswith(incomplete.casefold())]


_OUTPUT_HELP = N_(
    "Output file (one plan), folder (several plans), or - for stdout. "
    "Default: <plan name>_sprawozdanie.<format> in the current folder."
)


@app.command(
    cls=OslCommand,
    help=N_(
        "Write the sprawozdanie: what was done of the plan in the year (or a half-year or a "
        "quarter), from the plan's realizacja blocks, as DOCX, PDF, ODT, HTML or Markdown.\n\n"
        "Files are written atomically: a failed run leaves existing outputs untouched."
    ),
)
def report(
    plans: list[str] = plans_argument(),
    fmt: RenderFormat = format_option(RenderFormat.docx),
    okres: str = typer.Option(
        "rok",
        "--okres",
        metavar=N_("PERIOD"),
        help=_PERIOD_HELP,
        autocompletion=_period_names,
    ),
    output: str | None = output_option(_OUTPUT_HELP, metavar=N_("PATH")),
    strip: StripPlace = strip_option(StripPlace.footer),
    reference_doc: Path | None = reference_doc_option(),
    template_dir: Path | None = template_dir_option(),
    jobs: int = jobs_option(),
    no_warnings: bool = no_warnings_option(),
) -> None:
    from dataclasses import replace

    from osl_plan.batch import plan_jobs, render_many, render_one
    from osl_plan.documents import DocumentRecipe
    from osl_plan.render import RenderOptions
    from osl_plan.typed_terms import typed_period_and_year

    with reporting():
        period, period_year = typed_period_and_year(okres)
        options = RenderOptions(
            strip_position=strip.value, reference_doc=reference_doc, template_dir=template_dir
        )
        recipe = DocumentRecipe(
            kind="report", options=options, period=period, period_year=period_year
        )
        warn = warning_printer(enabled=not no_warnings)
        jobs_list = plan_jobs(plans, fmt.value, output, stdout_is_tty=sys.stdout.isatty())
        if len(jobs_list) == 1 and jobs_list[0].target is None:
            write_stdout(render_one(jobs_list[0], recipe, warn))
            return
        if output is None or Path(output).is_dir():
            jobs_list = [
                replace(job, target=job.target.with_stem(job.target.stem + SUFFIX))
                for job in jobs_list
                if job.target is not None
            ]
        results = render_many(
            jobs_list, recipe, workers=jobs, progress=sys.stderr.isatty(), on_warnings=warn
        )
        for job in results:
            typer.echo(_("Wrote {file}").format(file=shown_path(job.target or "-")), err=True)
