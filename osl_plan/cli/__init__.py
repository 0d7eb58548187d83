"""The command line: parse arguments, call the library, print, exit. One module per command.

A command's module is imported only when that command is used (see ``cli/_commands.py``).
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import typer

from osl_plan.cli._app import app, fail
from osl_plan.cli._stdout import StdoutFailed, flush_stdout, guard_stdout
from osl_plan.cli._terminal import degrade_unprintable
from osl_plan.errors import INTERNAL_ERROR
from osl_plan.i18n import _

__all__ = ["INTERNAL_ERROR", "app", "main"]


def main() -> None:
    """Entry point of the ``osl-plan`` script."""
    # pydantic looks for plugins by scanning every installed package's metadata the first time a
    # model is built; osl-plan uses none. A command-line program may decide this for its own
    # process (the library never does); a value set by the user is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    guard_stdout()
    degrade_unprintable()
    try:
        try:
            app(prog_name="osl-plan")
        finally:
            flush_stdout()
    except StdoutFailed as error:  # the output cannot be written: a full disk, a closed pipe
        _report(error)
    except Exception as error:  # a bug, not something the user did: say so without a traceback
        if os.environ.get("OSL_PLAN_DEBUG"):
            raise
        message = _(
            "osl-plan: internal error ({kind}: {error}). This is a bug; please report it with "
            "the file that caused it (set OSL_PLAN_DEBUG=1 to see the details)."
        )
        print(message.format(kind=type(error).__name__, error=error), file=sys.stderr)
        sys.exit(INTERNAL_ERROR)


def _report(error: StdoutFailed) -> NoReturn:
    try:
        fail(error)
    except typer.Exit as done:
        sys.exit(done.exit_code)
