"""``osl-plan import``."""

from __future__ import annotations

from pathlib import Path

import typer

from osl_plan.cli._app import OslCommand, app, reporting, write_stdout
from osl_plan.cli._options import overwrite_option
from osl_plan.errors import shown_path
from osl_plan.i18n import N_, _, ngettext


@app.command(
    "import",
    cls=OslCommand,
    help=N_(
        "Bring an existing plan in: read a DOCX (Word, LibreOffice, PDF conversion) or "
        "Markdown.\n\n"
        "The YAML says in comments what was inferred; what could not be placed is "
        "reported here. Exit codes: 0 imported, 1 the file holds no plan (no task table), "
        "2 the file cannot be read or the output file exists (add --overwrite to replace it)."
    ),
)
def import_(
    document: Path = typer.Argument(
        ...,
        metavar=N_("DOCUMENT"),
        help=N_("The plan as a Word (.docx) or Markdown (.md) file."),
    ),
    output: str | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar=N_("FILE"),
        help=N_("Output file, or - for stdout. Default: <name>.yaml in the current folder."),
    ),
    overwrite: bool = overwrite_option(),
) -> None:
    """``osl-plan import``: the help is the ``help=`` text above."""
    from osl_plan.importer import import_file
    from osl_plan.output import check_target, write_atomic
    from osl_plan.schema import schema_ref_for
    from osl_plan.yamlout import dump_plan

    with reporting():
        target = None if output == "-" else Path(output or f"{document.stem}.yaml")
        if target is not None:
            check_target(target, inputs=[document], overwrite=overwrite)
        imported = import_file(document)
        schema = schema_ref_for(target.parent if target else Path.cwd())
        text = dump_plan(imported.plan, header=imported.header, notes=imported.notes, schema=schema)
        for warning in imported.warnings:
            typer.echo(_("Warning: {message}").format(message=warning), err=True)
        if target is None:
            write_stdout(text.encode("utf-8"))
            return
        write_atomic(target, text.encode("utf-8"), overwrite=overwrite)
        notes = sum(len(lines) for lines in imported.notes.values())
        tasks = len(imported.plan.zadania)
        summary = ngettext(
            "Wrote {file}: {tasks}, {count} comment on what was inferred — review it, "
            "then run `osl-plan validate`",
            "Wrote {file}: {tasks}, {count} comments on what was inferred — review them, "
            "then run `osl-plan validate`",
            notes,
        )
        tasks_text = ngettext("{count} task", "{count} tasks", tasks).format(count=tasks)
        typer.echo(summary.format(file=shown_path(target), tasks=tasks_text, count=notes), err=True)
