"""The plan's warnings, shown by every command that reads a plan, as ``validate`` shows them.

A warning leaves the plan valid and the exit code 0. It is written to stderr, located
(„Warning: file:line:column: field: …”), once per plan, so that stdout stays the command's own
output (a document, JSON). ``--no-warnings`` leaves them out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import typer

from osl_plan.errors import Problem

#: Called with the warnings of each plan a command has read.
WarningSink = Callable[[Iterable[Problem]], None]


def warning_printer(*, enabled: bool = True) -> WarningSink:
    """A sink that prints each plan's warnings to stderr once (a plan read twice: once)."""
    shown: set[Problem] = set()

    def show(problems: Iterable[Problem]) -> None:
        if not enabled:
            return
        from osl_plan.validate_out import warning_lines

        fresh = [p for p in problems if p not in shown]
        shown.update(fresh)
        for line in warning_lines(fresh):
            typer.echo(line, err=True)

    return show


def github_warnings(problems: Iterable[Problem], *, enabled: bool = True) -> list[str]:
    """The warnings as ``::warning`` annotations for ``-f github`` (GitHub reads them from
    the log as it reads the command's other annotations); each plan's once."""
    if not enabled:
        return []
    from osl_plan.validate_out import github_warnings as annotations

    return list(dict.fromkeys(annotations(problems)))
