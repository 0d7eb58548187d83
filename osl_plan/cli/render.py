"""``osl-plan render``."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from osl_plan.cli._app import OslCommand, app, reporting, write_stdout
from osl_plan.cli._options import (
    StripPlace,
    flag_option,
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
from osl_plan.errors import shown_path
from osl_plan.i18n import N_, _


class RenderFormat(StrEnum):
    docx = "docx"
    md = "md"
    html = "html"
    pdf = "pdf"
    odt = "odt"


_FORMAT_HELP = N_("Output format: docx, md, html, pdf or odt.")
_OUTPUT_HELP = N_(
    "Output file (one plan), folder (several plans), or - for stdout. "
    "Default: <plan name>.<format> in the current folder."
)
_KEEP_TERMS_HELP = N_("Print terms as written instead of normalised.")
_HARMONOGRAM_HELP = N_("Add a schedule grid (tasks × months) as an annex after the signatures.")


@app.command(
    cls=OslCommand,
    help=N_(
        "Render plans as the official document: DOCX, PDF, ODT, HTML or Markdown.\n\n"
        "Files are written atomically: a failed render leaves existing outputs untouched."
    ),
)
def render(
    plans: list[str] = plans_argument(),
    fmt: RenderFormat = format_option(RenderFormat.docx, help=_FORMAT_HELP),
    output: str | None = output_option(_OUTPUT_HELP, metavar=N_("PATH")),
    keep_terms: bool = flag_option("--keep-terms", _KEEP_TERMS_HELP),
    strip: StripPlace = strip_option(StripPlace.footer),
    harmonogram: bool = flag_option("--harmonogram", _HARMONOGRAM_HELP),
    reference_doc: Path | None = reference_doc_option(),
    template_dir: Path | None = template_dir_option(),
    jobs: int = jobs_option(),
    no_warnings: bool = no_warnings_option(),
) -> None:
    """``osl-plan render``: the help is the ``help=`` text above."""
    from osl_plan.batch import plan_jobs, render_many, render_one
    from osl_plan.documents import DocumentRecipe
    from osl_plan.render import RenderOptions

    with reporting():
        options = RenderOptions(
            keep_terms=keep_terms,
            strip_position=strip.value,
            harmonogram=harmonogram,
            reference_doc=reference_doc,
            template_dir=template_dir,
        )
        recipe = DocumentRecipe(kind="plan", options=options)
        warn = warning_printer(enabled=not no_warnings)
        jobs_list = plan_jobs(plans, fmt.value, output, stdout_is_tty=sys.stdout.isatty())
        if len(jobs_list) == 1 and jobs_list[0].target is None:
            write_stdout(render_one(jobs_list[0], recipe, warn))
            return
        results = render_many(
            jobs_list, recipe, workers=jobs, progress=sys.stderr.isatty(), on_warnings=warn
        )
        for job in results:
            typer.echo(_("Wrote {file}").format(file=shown_path(job.target or "-")), err=True)
