"""Validation of many files at once: one :class:`FileReport` per file, and the exit code of all
(the writers are :mod:`osl_plan.validate_out`)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from osl_plan.errors import ExitCode, OslPlanError, PlanError, Problem, shown_path
from osl_plan.load import load


@dataclass(frozen=True, slots=True)
class FileReport:
    """The outcome of validating one file."""

    file: str
    problems: tuple[Problem, ...] = ()
    tasks: int = 0
    #: Set when the file could not be read at all (exit code 2).
    unreadable: str | None = None
    exit_code: ExitCode = field(default=ExitCode.OK)

    @property
    def valid(self) -> bool:
        """True when the file is a valid plan."""
        return self.exit_code == ExitCode.OK


def validate_file(path: str | Path, *, strict: bool = False) -> FileReport:
    """Validate one plan file; never raises for anything in the file.

    Warnings leave the file valid; with ``strict`` they are errors (and make it invalid).
    """
    name = shown_path(path) if str(path) != "-" else "<stdin>"
    try:
        loaded = load(path)
    except PlanError as error:
        problems = tuple(_strict(p) for p in error.problems) if strict else tuple(error.problems)
        return FileReport(name, problems, exit_code=error.exit_code)
    except OslPlanError as error:
        return FileReport(name, unreadable=str(error), exit_code=error.exit_code)
    tasks = len(loaded.plan.zadania)
    if strict and loaded.warnings:
        problems = tuple(_strict(p) for p in loaded.warnings)
        return FileReport(name, problems, tasks=tasks, exit_code=ExitCode.FAILURE)
    return FileReport(name, loaded.warnings, tasks=tasks)


def _strict(problem: Problem) -> Problem:
    return replace(problem, severity="error")


def overall_exit_code(reports: list[FileReport]) -> ExitCode:
    """2 if any file was unreadable, else 1 if any was invalid, else 0."""
    return max((r.exit_code for r in reports), default=ExitCode.OK)
