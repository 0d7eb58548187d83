"""The typer application and the one place that turns errors into messages and exit codes."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import NoReturn

import typer

from osl_plan import __version__
from osl_plan.cli._commands import LazyGroup
from osl_plan.cli._help import OslCommand
from osl_plan.errors import ExitCode, OslPlanError
from osl_plan.i18n import N_, _

__all__ = ["OslCommand", "app", "exit_with", "fail", "reporting", "write_stdout"]

# Help texts are English msgids, translated when the help is shown (osl_plan/cli/_help.py).
app = typer.Typer(
    name="osl-plan",
    cls=LazyGroup,
    help=N_(
        "Keep a plan organizowania społeczności lokalnej as YAML: validate it, render the "
        "official documents (DOCX, PDF, HTML, Markdown), compare yearly revisions."
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"osl-plan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        callback=_version,
        is_eager=True,
        help=N_("Show the version and exit."),
    ),
) -> None:
    """Keep a plan organizowania społeczności lokalnej as YAML."""


def fail(error: OslPlanError) -> NoReturn:
    """Print an error's lines to stderr and exit with its code."""
    for line in error.lines():
        typer.echo(_("Error: {message}").format(message=line), err=True)
    raise typer.Exit(int(error.exit_code))


@contextlib.contextmanager
def reporting() -> Iterator[None]:
    """Turn the library's errors into one message each and the documented exit code."""
    try:
        yield
    except OslPlanError as error:
        fail(error)
    except KeyboardInterrupt:
        typer.echo(_("Interrupted; no output was changed."), err=True)
        raise typer.Exit(130) from None


def write_stdout(data: bytes) -> None:
    """Write bytes to stdout (text formats, or binary when stdout is not a terminal)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def exit_with(code: ExitCode) -> NoReturn:
    """Exit with one of the documented codes."""
    raise typer.Exit(int(code))
