"""Options that several commands share, declared once so their names and help stay the same."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import typer

from osl_plan.i18n import N_, _


def reference_doc_option() -> Any:
    """``--reference-doc FILE``: styles, fonts and page setup from the user's DOCX."""
    return typer.Option(
        None,
        "--reference-doc",
        metavar=N_("FILE"),
        help=N_("Take styles, fonts and page setup from this DOCX."),
    )


def template_dir_option() -> Any:
    """``--template-dir FOLDER``: the user's own copies of the Markdown/HTML templates."""
    return typer.Option(
        None,
        "--template-dir",
        metavar=N_("FOLDER"),
        help=N_("Use your own copies of the Markdown/HTML templates."),
    )


def jobs_option() -> Any:
    """``--jobs N``: parallel workers for many plans."""
    return typer.Option(
        0,
        "--jobs",
        "-j",
        metavar=N_("N"),
        help=N_("Parallel workers for many plans (0: all cores)."),
        callback=_not_negative,
    )


def _not_negative(value: int) -> int:
    if value < 0:
        raise typer.BadParameter(
            _("{value} is negative — give 0 (all cores) or more").format(value=value)
        )
    return value


def no_warnings_option() -> Any:
    """``--no-warnings``: the plan's warnings are not printed (for scripts)."""
    return typer.Option(
        False,
        "--no-warnings",
        help=N_(
            "Do not print the plan's warnings (text YAML reads differently from what was meant, "
            "a term after the year); `osl-plan validate` still lists them."
        ),
    )


def overwrite_option() -> Any:
    """``--overwrite``: replace an existing output file (``new``, ``import``)."""
    return typer.Option(
        False,
        "--overwrite",
        help=N_("Replace the output file if it exists (otherwise an existing file is refused)."),
    )


class StripPlace(StrEnum):
    """Where the EU funding strip goes on the plan's documents."""

    footer = "footer"
    header = "header"
    first_page = "first-page"


def strip_option(default: StrEnum) -> Any:
    """``--strip PLACE``: where the EU funding strip goes (the choices are the annotation's)."""
    return typer.Option(
        default,
        "--strip",
        metavar=N_("PLACE"),
        help=N_("Where the EU funding strip goes: footer, header or first-page."),
    )


def format_option(default: StrEnum, help: str = N_("Output format.")) -> Any:
    """``--format FORMAT`` / ``-f``: the output format (the choices are the annotation's)."""
    return typer.Option(default, "--format", "-f", metavar=N_("FORMAT"), help=help)


def output_option(help: str, metavar: str = N_("FILE")) -> Any:
    """``--output`` / ``-o``: where the output goes (``help`` says what may be given)."""
    return typer.Option(None, "--output", "-o", metavar=metavar, help=help)


def plans_argument() -> Any:
    """``PLAN…``: plan files; ``-`` reads stdin."""
    return typer.Argument(..., metavar=N_("PLAN"), help=N_("Plan files; - reads stdin."))


def value_option(*names: str, metavar: str, help: str) -> Any:
    """An option that takes a value and is None when not given (``--miejsce PLACE``)."""
    return typer.Option(None, *names, metavar=metavar, help=help)


def flag_option(name: str, help: str) -> Any:
    """An on/off option, off unless given (``--exit-code``)."""
    return typer.Option(False, name, help=help)
