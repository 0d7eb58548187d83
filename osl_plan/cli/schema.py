"""``osl-plan schema``."""

from __future__ import annotations

from pathlib import Path

import typer

from osl_plan.cli._app import OslCommand, app, reporting, write_stdout
from osl_plan.i18n import N_


@app.command(
    cls=OslCommand,
    help=N_("Print the JSON Schema of the plan format (for editors with yaml-language-server)."),
)
def schema(
    output: str = typer.Option(
        "-",
        "--output",
        "-o",
        metavar=N_("FILE"),
        help=N_("Write to this file; - for stdout."),
    ),
) -> None:
    """``osl-plan schema``: the help is the ``help=`` text above."""
    from osl_plan.output import check_target, write_atomic
    from osl_plan.schema import schema_text

    text = schema_text()
    if output == "-":
        write_stdout(text.encode("utf-8"))  # JSON: UTF-8 whatever the terminal's encoding
        return
    with reporting():
        target = Path(output)
        check_target(target, inputs=[])
        write_atomic(target, text.encode("utf-8"))
