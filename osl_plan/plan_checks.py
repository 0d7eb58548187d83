"""Rules across a plan's fields, checked on the plain data the YAML holds (not on a valid Plan).

Working on the plain data means a plan that is invalid elsewhere („rok: dwa tysiące”) still has
its other problems reported in the same run: ids used twice, a strip image that is missing, a
term just after the year (a warning). Each problem is an :class:`Issue` with its stable code.
What the recorded realisation says (:func:`check_realisation`) is checked on the valid Plan.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from osl_plan.i18n import _
from osl_plan.model.event_date import GRACE_MONTHS, EventDate
from osl_plan.term_parse import parse_term
from osl_plan.terms import Month, TermError, format_range

if TYPE_CHECKING:
    from osl_plan.model import Plan

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem at a place in the data, before it is located in the file."""

    path: Path_
    message: str
    hint: str
    code: str
    #: Point at the key rather than its value.
    at_key: bool = False
    severity: Literal["error", "warning"] = "error"


def check_data(raw: dict[str, Any], year: int | None, *, base_dir: Path | None) -> list[Issue]:
    """Ids used twice, terms just after the year, the strip image. Raises nothing."""
    issues: list[Issue] = []
    tasks = raw.get("zadania")
    if isinstance(tasks, list):
        issues += _duplicate_ids(tasks)
        if year is not None:
            issues += _terms_after_year(tasks, year)
            issues += _assumed_months(tasks, year)
    funding = raw.get("finansowanie")
    if isinstance(funding, dict) and isinstance(funding.get("obraz"), str) and base_dir:
        issues += _image_issues(base_dir / funding["obraz"], funding["obraz"])
    return issues


def _duplicate_ids(tasks: list[Any]) -> list[Issue]:
    issues = []
    seen: dict[str, int] = {}
    for index, task in enumerate(tasks):
        written = task.get("id") if isinstance(task, dict) else None
        if not isinstance(written, str):
            continue
        if written in seen:
            issues.append(
                Issue(
                    ("zadania", index, "id"),
                    _("the id „{id}” is already used by zadania[{number}]").format(
                        id=written, number=seen[written] + 1
                    ),
                    _("give every task its own id, or remove this one"),
                    "duplicate-id",
                )
            )
        seen.setdefault(written, index)
    return issues


def _terms_after_year(tasks: list[Any], year: int) -> list[Issue]:
    """A term wholly in the first quarter of the next year: a warning (the yearly report)."""
    issues = []
    for index, task in enumerate(tasks):
        written = task.get("termin") if isinstance(task, dict) else None
        if isinstance(written, str) and str(year) in written:
            continue  # the plan's year written in the term: it is not after the year
        if isinstance(written, dt.date):
            written = written.isoformat()
        if not isinstance(written, str | int) or isinstance(written, bool):
            continue
        try:
            term = parse_term(str(written), default_year=year)
        except TermError:
            continue  # reported by the model
        if term.overlaps_year(year) or not term.just_after_year(year):
            continue
        issues.append(
            Issue(
                ("zadania", index, "termin"),
                _(
                    "„{term}” lies after the plan's year {year}, in the first quarter of {next}"
                ).format(term=term.text, year=year, next=year + 1),
                _(
                    "right for what follows the year, such as the yearly report; if the task "
                    "belongs to {year}, write „{fixed}”"
                ).format(year=year, fixed=term.shifted(-1).text),
                "term-after-year",
                severity="warning",
            )
        )
    return issues


def _assumed_months(tasks: list[Any], year: int) -> list[Issue]:
    """A term whose words name no months („w miarę potrzeb”, „do 30 czerwca”): a warning naming
    the months assumed, which status, the report and the harmonogram count (documents print the
    words)."""
    issues = []
    for index, task in enumerate(tasks):
        written = task.get("termin") if isinstance(task, dict) else None
        if not isinstance(written, str):
            continue
        try:
            term = parse_term(written, default_year=year)
        except TermError:
            continue  # reported by the model
        if not term.assumed:
            continue
        months = ", ".join(format_range(s, e, nbsp=False).lower() for s, e in term.ranges)
        issues.append(
            Issue(
                ("zadania", index, "termin"),
                _("„{term}” does not say exactly which months: {months} assumed").format(
                    term=term.text, months=months
                ),
                _(
                    "documents print the words as written; status, the report and the "
                    "harmonogram count these months; to be exact, write the months, e.g. "
                    "„{months}”"
                ).format(months=months),
                "term-months-assumed",
                severity="warning",
            )
        )
    return issues


def _image_issues(path: Path, written: str) -> list[Issue]:
    from osl_plan.image import ImageProblem, read_image

    where: Path_ = ("finansowanie", "obraz")
    try:
        read_image(path, written)
    except FileNotFoundError:
        return [
            Issue(
                where,
                _("the strip image „{file}” does not exist").format(file=written),
                _(
                    "put the image file next to the plan file, or correct the name "
                    "(the path is relative to the plan file)"
                ),
                "image-missing",
            )
        ]
    except ImageProblem as problem:
        return [Issue(where, problem.message, problem.hint, problem.code)]
    return []


def check_realisation(plan: Plan) -> list[Issue]:
    """Warnings: events dated outside the plan's year and the January after it."""
    issues: list[Issue] = []
    first = dt.date(plan.rok, 1, 1)
    last_month = Month.from_index(Month(plan.rok, 12).index + GRACE_MONTHS)
    limit = dt.date(
        last_month.year,
        last_month.month,
        calendar.monthrange(last_month.year, last_month.month)[1],
    )
    for index, task in enumerate(plan.zadania):
        done = task.realizacja
        if done is None:
            continue
        path = ("zadania", index, "realizacja")
        for number, event in enumerate(done.wydarzenia):
            if event.data.last > limit or event.data.first < first:
                issues.append(_outside_issue((*path, "wydarzenia", number, "data"), event.data,
                                             plan.rok, limit))  # fmt: skip
    return issues


def _outside_issue(path: Path_, date: EventDate, rok: int, limit: dt.date) -> Issue:
    return Issue(
        path,
        _("„{date}” is outside the plan's year {rok}").format(date=date.text, rok=rok),
        _("check the date; events of {rok} may be recorded until {limit:%d.%m.%Y}").format(
            rok=rok, limit=limit
        ),
        "event-outside-year",
        severity="warning",
    )
