"""The command line: parse arguments, call the library, print, exit. One module per command.

A command's module is imported only when that command is used (see ``cli/_commands.py``).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

import typer

from osl_plan.cli._app import app, fail, internal_error
from osl_plan.cli._stdout import StdoutFailed, flush_stdout, guard_stdout
from osl_plan.cli._terminal import degrade_unprintable
from osl_plan.errors import ExitCode

__all__ = ["app", "main", "run"]


def main() -> None:
    """Entry point of the ``osl-plan`` script."""
    # pydantic looks for plugins by scanning every installed package's metadata the first time a
    # model is built; osl-plan uses none. A command-line program may decide this for its own
    # process (the library never does); a value set by the user is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    guard_stdout()
    degrade_unprintable()
    run()


def run(args: Sequence[str] | None = None) -> NoReturn:
    """Run the command ``args`` (the process's arguments by default) and exit with its code.

    This is :func:`main` once standard output is guarded; the tests call it in their own
    process, with standard streams of their own.
    """
    try:
        try:
            _command()(args=args, prog_name="osl-plan")
        finally:
            flush_stdout()
    except StdoutFailed as error:  # the output cannot be written: a full disk, a closed pipe
        _exit(fail, error)
    except Exception as error:  # a bug, not something the user did: say so without a traceback
        if os.environ.get("OSL_PLAN_DEBUG"):
            raise
        _exit(internal_error, error)
    sys.exit(ExitCode.OK)  # the application exits by itself; this is for a type checker


@functools.cache
def _command() -> typer.core.TyperGroup:
    """The application as a click command, built once per process: typer builds a command for
    every command module imported so far, and a process running several commands (the tests
    run many in theirs) would otherwise build them all again for each. What typer's ``app()``
    adds around it is its traceback hook, which this application turns off."""
    command = typer.main.get_command(app)
    assert isinstance(command, typer.core.TyperGroup)
    return command


def _exit(report: Callable[[Any], NoReturn], error: Exception) -> NoReturn:
    """Report ``error`` as :mod:`osl_plan.cli._app` does, outside the application: exit."""
    try:
        report(error)
    except typer.Exit as done:
        sys.exit(done.exit_code)
