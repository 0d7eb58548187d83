"""The command line: parse arguments, call the library, print, exit. One module per command."""

from __future__ import annotations

import os
import sys

from osl_plan.cli import diff, importer, new, render, schema, validate  # noqa: F401  (each registers its command)
from osl_plan.cli._app import app

__all__ = ["app", "main"]

#: Exit code for a bug in osl-plan itself (never for anything in the user's files).
INTERNAL_ERROR = 3


def main() -> None:
    """Entry point of the ``osl-plan`` script."""
    try:
        app(prog_name="osl-plan")
    except Exception as error:  # a bug, not something the user did: say so without a traceback
        if os.environ.get("OSL_PLAN_DEBUG"):
            raise
        print(
            f"osl-plan: internal error ({type(error).__name__}: {error}). "
            "This is a bug; please report it with the file that caused it "
            "(set OSL_PLAN_DEBUG=1 to see the details).",
            file=sys.stderr,
        )
        sys.exit(INTERNAL_ERROR)
