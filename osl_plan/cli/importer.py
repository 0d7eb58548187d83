"""``osl-plan import``."""

from __future__ import annotations

from pathlib import Path

import typer

from osl_plan.cli._app import app, reporting, write_stdout


@app.command("import")
def import_(
    document: Path = typer.Argument(
        ..., metavar="PLAN.docx|PLAN.md", help="The plan as a Word (.docx) or Markdown (.md) file."
    ),
    output: str | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Output file, or - for stdout. Default: <name>.yaml in the current folder.",
    ),
) -> None:
    """Bring an existing plan in: read a DOCX (Word, LibreOffice, PDF conversion) or Markdown.

    The YAML says in comments what was inferred; what could not be placed is reported here.
    Exit codes: 0 imported, 1 the file holds no plan (no task table), 2 the file cannot be read.
    """
    from osl_plan.importer import import_file
    from osl_plan.output import check_target, write_atomic
    from osl_plan.schema import schema_ref_for
    from osl_plan.yamlout import dump_plan

    with reporting():
        target = None if output == "-" else Path(output or f"{document.stem}.yaml")
        if target is not None:
            check_target(target, inputs=[document])
        imported = import_file(document)
        schema = schema_ref_for(target.parent if target else Path.cwd())
        text = dump_plan(imported.plan, header=imported.header, notes=imported.notes, schema=schema)
        for warning in imported.warnings:
            typer.echo(f"Warning: {warning}", err=True)
        if target is None:
            write_stdout(text.encode("utf-8"))
            return
        write_atomic(target, text.encode("utf-8"))
        notes = sum(len(lines) for lines in imported.notes.values())
        tasks = len(imported.plan.zadania)
        typer.echo(
            f"Wrote {target}: {tasks} task{'s' * (tasks != 1)}, {notes} comment"
            f"{'s' * (notes != 1)} on what was inferred — review them, then run"
            " `osl-plan validate`",
            err=True,
        )
