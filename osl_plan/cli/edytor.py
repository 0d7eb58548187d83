"""``osl-plan edytor``: the plan and its year in the browser."""

from __future__ import annotations

from pathlib import Path

import typer

from osl_plan.cli._app import OslCommand, app, reporting
from osl_plan.i18n import N_, _


@app.command(
    cls=OslCommand,
    help=N_(
        "Edit the plans of a folder in the browser: the form, its problems as you type, the "
        "document beside it, the year's realisation.\n\n"
        "Listens only on this computer (127.0.0.1) and prints the address with its secret; "
        "Ctrl+C stops it. Needs the optional extra: pip install 'osl-plan[edytor]'."
    ),
)
def edytor(
    folder: Path = typer.Argument(
        Path("."), metavar=N_("FOLDER"), help=N_("The folder of plans (default: this folder).")
    ),
    no_browser: bool = typer.Option(
        False,
        "--no-browser",
        "--bez-przegladarki",
        help=N_("Do not open the browser; only print the address."),
    ),
    port: int = typer.Option(
        0,
        "--port",
        metavar=N_("N"),
        min=0,
        max=65535,
        help=N_("The port (default: the same one for the same folder, or a free one)."),
    ),
) -> None:
    """``osl-plan edytor``: the help is the ``help=`` text above."""
    from osl_plan.errors import MissingProgram

    with reporting():
        try:
            from osl_plan.editor.server import AlreadyOpen, bind
        except ImportError:
            raise MissingProgram(
                _("the editor needs its optional extra: pip install 'osl-plan[edytor]'")
            ) from None
        try:
            editor = bind(folder, port)
        except AlreadyOpen as running:  # the shortcut clicked twice: open the one that runs
            typer.echo(
                _("The editor for {folder} is already running at:").format(folder=folder.resolve())
            )
            typer.echo(f"    {running.url}")
            if not no_browser:
                import webbrowser

                webbrowser.open(running.url)
            return
        typer.echo(_("The editor for {folder} is running at:").format(folder=folder.resolve()))
        typer.echo(f"    {editor.url}")
        typer.echo(_("Press Ctrl+C to stop it."))
        editor.serve(open_browser=not no_browser)
    typer.echo(_("The editor has stopped."))
