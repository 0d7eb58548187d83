"""A plan's text checked by the library, as `validate` checks a file, for the pages to show."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from osl_plan.errors import PlanError, Problem
from osl_plan.i18n import _
from osl_plan.load import LoadedPlan, loads
from osl_plan.model import plan_year
from osl_plan.term_parse import parse_term
from osl_plan.terms import TermError


@dataclass(frozen=True, slots=True)
class Checked:
    """The plan when it is valid, and every problem (errors and warnings) of its text."""

    loaded: LoadedPlan | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")


def check(text: str, name: str, folder: Path) -> Checked:
    """The same checks and messages as ``osl-plan validate``."""
    try:
        loaded = loads(text, name, base_dir=folder)
    except PlanError as error:
        return Checked(None, tuple(error.problems))
    return Checked(loaded, loaded.warnings)


def term_meaning(text: str, rok: object) -> str:
    """The months a term is read as („= Marzec – czerwiec 2026”), or empty when it is not one."""
    if not text.strip():
        return ""
    year = plan_year(rok)
    try:
        term = parse_term(text, default_year=year if isinstance(year, int) else None)
    except TermError:
        return ""
    return _("= {months}").format(months=term.printed(nbsp=False))
