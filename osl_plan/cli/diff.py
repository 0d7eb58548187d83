"""``osl-plan diff``."""

from __future__ import annotations

import gc
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from osl_plan.cli._app import OslCommand, app, exit_with, reporting, write_stdout
from osl_plan.cli._options import (
    flag_option,
    format_option,
    no_warnings_option,
    output_option,
    value_option,
)
from osl_plan.cli._terminal import terminal_bytes
from osl_plan.cli._warnings import WarningSink, github_warnings, warning_printer
from osl_plan.errors import ExitCode, Problem, UsageError, shown_path
from osl_plan.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from osl_plan.diff.model import PlanDiff


class DiffFormat(StrEnum):
    text = "text"
    md = "md"
    json = "json"
    github = "github"
    docx = "docx"
    pdf = "pdf"


_FORMAT_HELP = N_(
    "text (people), md (PR comments, job summaries), json (programs), "
    "github (annotations on NEW), docx (NEW with tracked changes; needs -o), "
    "pdf (that document as PDF, changes marked; needs -o and LibreOffice)."
)
_OUTPUT_HELP = N_("Write to this file (atomically) instead of stdout.")
_EXIT_CODE_HELP = N_("Exit with 1 when the plans differ (as git diff --exit-code).")
_IGNORE_ORDER_HELP = N_("Do not report tasks that only moved.")
_REALISATION_HELP = N_(
    "Also compare what was recorded as done (realizacja) of matched tasks; reported in "
    "its own section (JSON: „realisation”; docx and pdf: „Realizacja zadań” after the "
    "signatures)."
)
_PLANS_DIR_HELP = N_(
    "Folder with plan_<year>.yaml for years given as OLD/NEW "
    "(default: the current folder, then plans/, then examples/)."
)
_YEARS_UNTRACKED_HELP = N_(
    "docx: a term or text that only moved with the plan's year („marzec 2025” → "
    "„marzec 2026”) is printed as NEW without a tracked change; rejecting all then keeps "
    "those years."
)
_GIT_DRIVER_HELP = N_("Run as git's external diff driver: takes git's 7 arguments, always exits 0.")


@app.command(
    cls=OslCommand,
    help=N_(
        "Compare two plans: tasks added, removed, changed, carried over to the new year, "
        "moved.\n\n"
        "Exit codes: 0 no differences (or without --exit-code), 1 differences with "
        "--exit-code, 2 a usage error or a plan that cannot be read."
    ),
)
def diff(
    plans: list[str] = typer.Argument(
        ..., metavar=N_("OLD NEW"), help=N_("Two plan files, or two years (plan_<year>.yaml).")
    ),
    fmt: DiffFormat = format_option(DiffFormat.text, help=_FORMAT_HELP),
    output: Path | None = output_option(_OUTPUT_HELP),
    exit_code: bool = flag_option("--exit-code", _EXIT_CODE_HELP),
    ignore_order: bool = flag_option("--ignore-order", _IGNORE_ORDER_HELP),
    realizacja: bool = flag_option("--realizacja", _REALISATION_HELP),
    plans_dir: Path | None = value_option(
        "--plans-dir", metavar=N_("FOLDER"), help=_PLANS_DIR_HELP
    ),
    years_untracked: bool = flag_option("--years-untracked", _YEARS_UNTRACKED_HELP),
    git_driver: bool = flag_option("--git-driver", _GIT_DRIVER_HELP),
    no_warnings: bool = no_warnings_option(),
) -> None:
    """``osl-plan diff``: the help is the ``help=`` text above."""
    if git_driver:
        _git_driver(plans)
        return
    with reporting():
        old, new = _two_plans(plans)
        # -f github: the plans' warnings are annotations among the others; else on stderr.
        found: list[Problem] = []
        github = fmt is DiffFormat.github
        sink = found.extend if github else warning_printer(enabled=not no_warnings)
        result = _compare(
            old, new, plans_dir, ignore_order=ignore_order, realisation=realizacja, on_warnings=sink
        )
        annotations = github_warnings(found, enabled=not no_warnings)
        _write(result, fmt, output, years_untracked=years_untracked, annotations=annotations)
    if exit_code and result.has_differences:
        exit_with(ExitCode.FAILURE)
    exit_with(ExitCode.OK)


def _two_plans(plans: list[str]) -> tuple[str, str]:
    """OLD and NEW. Raises UsageError for any other number of plans."""
    if len(plans) != 2:
        raise UsageError(
            ngettext(
                "diff takes two plans, OLD and NEW, not {count}",
                "diff takes two plans, OLD and NEW, not {count}",
                len(plans),
            ).format(count=len(plans))
        )
    return plans[0], plans[1]


def _compare(
    old: str,
    new: str,
    plans_dir: Path | None,
    *,
    ignore_order: bool,
    realisation: bool,
    on_warnings: WarningSink,
) -> PlanDiff:
    from osl_plan.diff.compare import diff_loaded
    from osl_plan.diff.files import load_pair

    loaded = load_pair(old, new, plans_dir)
    for plan in loaded:
        on_warnings(plan.warnings)
    # Both plans live until the command ends: the garbage collector need not walk their objects
    # again each time the comparison's own objects trigger a full collection.
    gc.freeze()
    return diff_loaded(loaded[0], loaded[1], ignore_order=ignore_order, realisation=realisation)


def _color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _width() -> int | None:
    """The terminal's columns when stdout is one; piped output is not wrapped (grep, CI logs)."""
    if not sys.stdout.isatty():
        return None
    import shutil

    return shutil.get_terminal_size().columns


def _write(
    result: PlanDiff,
    fmt: DiffFormat,
    output: Path | None,
    *,
    years_untracked: bool = False,
    annotations: list[str] | None = None,
) -> None:
    from osl_plan.output import check_target, write_atomic

    if fmt in (DiffFormat.docx, DiffFormat.pdf):
        if output is None or str(output) == "-":
            message = _("{format} output needs a file: add -o redline.{extension}")
            raise UsageError(message.format(format=fmt.value, extension=fmt.value))
        from osl_plan.documents import RedlineDocument, render_document

        redline = RedlineDocument(diff=result, years_untracked=years_untracked)
        data = render_document(redline, fmt.value)
    else:
        to_terminal = output is None or str(output) == "-"
        width = _width() if to_terminal else None
        text = _text(result, fmt, color=to_terminal and _color(), width=width)
        prefix = "".join(line + "\n" for line in annotations or [])
        # Files and JSON are UTF-8; text for a terminal is in its encoding, degraded if need be.
        human = to_terminal and fmt is not DiffFormat.json
        data = terminal_bytes(prefix + text) if human else (prefix + text).encode("utf-8")
    if output is None or str(output) == "-":
        write_stdout(data)
        return
    check_target(output, inputs=[Path(result.old_file), Path(result.new_file)])
    write_atomic(output, data)
    typer.echo(_("Wrote {file}").format(file=shown_path(output)), err=True)


def _text(result: PlanDiff, fmt: DiffFormat, *, color: bool, width: int | None) -> str:
    if fmt is DiffFormat.md:
        from osl_plan.diff.markdown_out import format_markdown

        return format_markdown(result)
    if fmt is DiffFormat.json:
        from osl_plan.diff.json_out import format_json

        return format_json(result)
    if fmt is DiffFormat.github:
        from osl_plan.diff.github_out import format_github

        return format_github(result)
    from osl_plan.diff.text_out import format_text

    return format_text(result, color=color, width=width)


def _git_driver(args: list[str]) -> None:
    """git calls ``osl-plan diff --git-driver`` with its arguments; it must always exit 0."""
    from osl_plan.diff.gitdriver import git_driver_answer

    write_stdout(terminal_bytes(git_driver_answer(args, color=_color())))
    exit_with(ExitCode.OK)
