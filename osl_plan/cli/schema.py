"""``osl-plan schema``."""

from __future__ import annotations

from pathlib import Path

import typer

from osl_plan.cli._app import app, reporting


@app.command()
def schema(
    output: str = typer.Option("-", "--output", "-o", help="Write to this file; - for stdout."),
) -> None:
    """Print the JSON Schema of the plan format (for editors with yaml-language-server)."""
    from osl_plan.output import check_target, write_atomic
    from osl_plan.schema import schema_text

    text = schema_text()
    if output == "-":
        typer.echo(text, nl=False)
        return
    with reporting():
        target = Path(output)
        check_target(target, inputs=[])
        write_atomic(target, text.encode("utf-8"))
