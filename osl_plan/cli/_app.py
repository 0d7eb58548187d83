"""The typer application and the one place that turns errors into messages and exit codes."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, MutableMapping
from typing import Any, NoReturn

import typer
from typer import _click

from osl_plan import __version__
from osl_plan.cli import _completion
from osl_plan.cli._commands import LazyGroup
from osl_plan.cli._help import OslCommand
from osl_plan.errors import BatchInterrupted, ExitCode, OslPlanError
from osl_plan.i18n import N_, _

__all__ = ["OslCommand", "app", "exit_with", "fail", "internal_error", "reporting", "write_stdout"]


class _Application(LazyGroup):
    """The application; a shell's name may follow its completion options."""

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _completion.take_shell_name(ctx, args))

    def _main_shell_completion(
        self, ctx_args: MutableMapping[str, Any], prog_name: str, complete_var: str | None = None
    ) -> None:
        # typer registers its completion classes only along with its own options.
        from typer._completion_classes import completion_init

        completion_init()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)


# Help texts are English msgids, translated when the help is shown (osl_plan/cli/_help.py).
app = typer.Typer(
    name="osl-plan",
    cls=_Application,
    add_completion=False,
    help=N_(
        "Keep a plan organizowania społeczności lokalnej as YAML: validate it, render the "
        "official documents (DOCX, PDF, HTML, Markdown), compare yearly revisions."
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
_Application.application = app


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
    # typer's own completion options speak only English (add_completion=False above).
    install_completion: bool = typer.Option(
        False,
        "--install-completion",
        callback=_completion.install_callback,
        is_eager=True,
        expose_value=False,
        metavar=N_("SHELL"),
        help=_completion.INSTALL_HELP,
    ),
    show_completion: bool = typer.Option(
        False,
        "--show-completion",
        callback=_completion.show_callback,
        is_eager=True,
        expose_value=False,
        metavar=N_("SHELL"),
        help=_completion.SHOW_HELP,
    ),
) -> None:
    """Keep a plan organizowania społeczności lokalnej as YAML."""


def fail(error: OslPlanError) -> NoReturn:
    """Print an error's lines to stderr and exit with its code."""
    for line in error.lines():
        typer.echo(_("Error: {message}").format(message=line), err=True)
    raise typer.Exit(int(error.exit_code))


def internal_error(error: Exception) -> NoReturn:
    """Say that ``error`` is a bug in osl-plan (no traceback) and exit with INTERNAL_ERROR."""
    message = _(
        "osl-plan: internal error ({kind}: {error}). This is a bug; please report it with "
        "the file that caused it (set OSL_PLAN_DEBUG=1 to see the details)."
    )
    typer.echo(message.format(kind=type(error).__name__, error=error), err=True)
    raise typer.Exit(int(ExitCode.INTERNAL_ERROR))


@contextlib.contextmanager
def reporting() -> Iterator[None]:
    """Turn the library's errors into one message each and the documented exit code."""
    try:
        yield
    except OslPlanError as error:
        fail(error)
    except BatchInterrupted as stopped:  # a batch says which of its outputs were finished
        for line in stopped.lines():
            typer.echo(line, err=True)
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except KeyboardInterrupt:
        typer.echo(_("Interrupted; no output was changed."), err=True)
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def write_stdout(data: bytes) -> None:
    """Write bytes to stdout (text formats, or binary when stdout is not a terminal)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def exit_with(code: ExitCode) -> NoReturn:
    """Exit with one of the documented codes."""
    raise typer.Exit(int(code))
