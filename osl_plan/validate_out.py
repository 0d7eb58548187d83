"""The reports of :mod:`osl_plan.validate` as text, JSON and GitHub annotations, and a problem as a
warning line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from osl_plan.errors import Problem
from osl_plan.i18n import _, ngettext, with_hint

if TYPE_CHECKING:
    from osl_plan.validate import FileReport


def format_text(reports: list[FileReport]) -> tuple[list[str], list[str]]:
    """Lines for stdout (valid files) and stderr (problems)."""
    out: list[str] = []
    err: list[str] = []
    for report in reports:
        if report.valid:
            out.append(
                ngettext(
                    "{file}: valid ({count} task)", "{file}: valid ({count} tasks)", report.tasks
                ).format(file=report.file, count=report.tasks)
            )
            err.extend(warning_lines(report.problems))
        elif report.unreadable:
            err.append(_("Error: {message}").format(message=report.unreadable))
        else:
            err.extend(_line(problem) for problem in report.problems)
            count = len(report.problems)
            summary = ngettext("{file}: {count} problem", "{file}: {count} problems", count)
            err.append(summary.format(file=report.file, count=count))
    return out, err


def _line(problem: Problem) -> str:
    if problem.severity == "warning":
        return warning_line(problem)
    return problem.format()


def warning_line(problem: Problem) -> str:
    """A warning as text: „Warning: file:line:column: field: what — how to fix it”."""
    return _("Warning: {problem}").format(problem=problem.format())


def warning_lines(problems: Iterable[Problem]) -> list[str]:
    """The text lines of the warnings among ``problems``, as every command prints them."""
    return [warning_line(p) for p in problems if p.severity == "warning"]


def format_json(reports: list[FileReport]) -> str:
    """One JSON document: {"valid": bool, "files": [{file, valid, tasks, problems: […]}]}."""
    import json  # only this report format needs it; not imported at start-up

    files = []
    for report in reports:
        problems = [
            {
                "code": p.code,
                "severity": p.severity,
                "line": p.line,
                "column": p.column,
                "field": p.field,
                "message": p.message,
                "hint": p.hint,
            }
            for p in report.problems
        ]
        if report.unreadable:
            problems.append(
                {
                    "code": "unreadable-file",
                    "severity": "error",
                    "line": None,
                    "column": None,
                    "field": "",
                    "message": report.unreadable,
                    "hint": "",
                }
            )
        files.append(
            {
                "file": report.file,
                "valid": report.valid,
                "tasks": report.tasks,
                "problems": problems,
            }
        )
    document = {"valid": all(r.valid for r in reports), "files": files}
    return json.dumps(document, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(reports: list[FileReport]) -> list[str]:
    """GitHub Actions workflow commands: one ``::error`` (or ``::warning``) per problem."""
    lines = []
    for report in reports:
        if report.unreadable:
            lines.append(
                f"::error file={_escape_property(report.file)}::{_escape_data(report.unreadable)}"
            )
        lines.extend(annotation(report.file, p) for p in report.problems)
    return lines


def github_warnings(problems: Iterable[Problem]) -> list[str]:
    """The warnings among ``problems`` as ``::warning`` annotations, each on its own file."""
    return [annotation(p.file, p) for p in problems if p.severity == "warning"]


def annotation(file: str, p: Problem) -> str:
    """One problem as a GitHub Actions workflow command (``::error`` or ``::warning``)."""
    where = f"file={_escape_property(file)}"
    if p.line is not None:
        where += f",line={p.line}"
        if p.column is not None:
            where += f",col={p.column}"
    title = f"osl-plan {p.code}" if p.code else "osl-plan"  # the code: stable for programs
    title += f": {p.field}" if p.field else ""
    message = with_hint(p.message, p.hint) if p.hint else p.message
    command = "warning" if p.severity == "warning" else "error"
    return f"::{command} {where},title={_escape_property(title)}::{_escape_data(message)}"
