"""``osl-plan render``."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from osl_plan.cli._app import app, reporting, write_stdout


class RenderFormat(StrEnum):
    docx = "docx"
    md = "md"
    html = "html"
    pdf = "pdf"


class StripPlace(StrEnum):
    footer = "footer"
    header = "header"
    first_page = "first-page"


@app.command()
def render(
    plans: list[str] = typer.Argument(..., metavar="PLAN", help="Plan files; - reads stdin."),
    fmt: RenderFormat = typer.Option(RenderFormat.docx, "--format", "-f", help="Output format."),
    output: str | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Output file (one plan), folder (several plans), or - for stdout. "
        "Default: <plan name>.<format> in the current folder.",
    ),
    keep_terms: bool = typer.Option(
        False, "--keep-terms", help="Print terms as written instead of normalised."
    ),
    strip: StripPlace = typer.Option(
        StripPlace.footer, "--strip", help="Where the EU funding strip goes."
    ),
    harmonogram: bool = typer.Option(
        False,
        "--harmonogram",
        help="Add a schedule grid (tasks × months) as an annex after the signatures.",
    ),
    reference_doc: Path | None = typer.Option(
        None, "--reference-doc", help="Take styles, fonts and page setup from this DOCX."
    ),
    template_dir: Path | None = typer.Option(
        None, "--template-dir", help="Use your own copies of the Markdown/HTML templates."
    ),
    jobs: int = typer.Option(
        0, "--jobs", "-j", help="Parallel workers for many plans (0: all cores)."
    ),
) -> None:
    """Render plans as the official document: DOCX, PDF, HTML or Markdown.

    Files are written atomically: a failed render leaves existing outputs untouched.
    """
    from osl_plan.batch import plan_jobs, render_many, render_one
    from osl_plan.render import RenderOptions

    with reporting():
        options = RenderOptions(
            keep_terms=keep_terms,
            strip_position=strip.value,
            harmonogram=harmonogram,
            reference_doc=reference_doc,
            template_dir=template_dir,
        )
        jobs_list = plan_jobs(plans, fmt.value, output, stdout_is_tty=sys.stdout.isatty())
        if len(jobs_list) == 1 and jobs_list[0].target is None:
            write_stdout(render_one(jobs_list[0], options))
            return
        results = render_many(jobs_list, options, workers=jobs, progress=sys.stderr.isatty())
        for job in results:
            typer.echo(f"Wrote {job.target}", err=True)
