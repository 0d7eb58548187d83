"""Next year's draft from this year's plan: years moved, ids kept, signature dates cleared."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from osl_plan.errors import UsageError
from osl_plan.explain import format_path
from osl_plan.i18n import _, ngettext
from osl_plan.model import Plan, Task
from osl_plan.terms import shift_years_in_text


@dataclass(frozen=True, slots=True)
class CarriedPlan:
    """The new draft, and what was changed on the way, for the comment at its top."""

    plan: Plan
    #: Plain lines: what was carried over and what the reader must check.
    summary: tuple[str, ...]


def plan_years(plan: Plan) -> set[int]:
    """The plan's own years: ``rok`` and every year its terms touch."""
    years = {plan.rok}
    for task in plan.zadania:
        years.update(month.year for month in task.termin.months())
    return years


def carry_forward(plan: Plan, year: int, *, source: str = "") -> CarriedPlan:
    """The plan moved to ``year``. Raises UsageError when the year is out of range or the same."""
    if not 2000 <= year <= 2100:
        raise UsageError(
            _("the year {year} is out of range — give a year from 2000 to 2100").format(year=year)
        )
    gap = year - plan.rok
    if gap == 0:
        raise UsageError(
            _("the plan is already for {year} — give the next year, e.g. {next}").format(
                year=year, next=year + 1
            )
        )
    years = plan_years(plan)
    moved: list[str] = []

    def move(text: str, path: tuple[str | int, ...]) -> str:
        new = shift_years_in_text(text, gap, years)
        if new != text:
            moved.append(format_path(path))
        return new

    data = plan.model_dump(mode="json", exclude_none=True)
    data["rok"] = year
    data["tytul"] = move(plan.tytul, ("tytul",))
    if plan.wstep:
        data["wstep"] = move(plan.wstep, ("wstep",))
    for index, section in enumerate(plan.sekcje):
        data["sekcje"][index]["tresc"] = move(section.tresc, ("sekcje", index, "tresc"))
    data["zadania"] = [_task(task, index, gap, move) for index, task in enumerate(plan.zadania)]
    for side in ("opracowal", "zatwierdzil"):
        data["podpisy"][side].pop("data", None)
    new_plan = _validated(data, year)
    summary = _summary(plan, year, gap, moved, source)
    return CarriedPlan(new_plan, summary)


def _task(task: Task, index: int, gap: int, move: Any) -> dict[str, Any]:
    path = ("zadania", index)
    # What was done belongs to the year that ended: the new year starts with none of it.
    data: dict[str, Any] = task.model_dump(mode="json", exclude_none=True, exclude={"realizacja"})
    data["zadanie"] = move(task.zadanie, (*path, "zadanie"))
    data["dzialania"] = [
        move(text, (*path, "dzialania", number)) for number, text in enumerate(task.dzialania)
    ]
    data["termin"] = leap_day_moved(task.termin.shifted(gap).text)
    return data


# 29 February written as a date, with its year: "29.02.2025", "2025-02-29", "29 lutego 2025";
# in a list of days the year may come after the last day: "29 lutego i 7 marca 2025",
# "29.02, 7.03.2025" (the lookahead finds it; only "29" is replaced).
_LATER_YEAR = r"(?=(?:\D|(?<!\d)\d{1,2}(?!\d))*?(\d{4}))"
_LEAP_DAYS = (
    re.compile(r"\b(29)(\.0?2\.)(\d{4})\b"),
    re.compile(r"\b(\d{4})(-0?2-)(29)\b"),
    re.compile(r"\b(29)(\s+lut\w*\s+)(\d{4})\b", re.IGNORECASE),
    re.compile(rf"\b(29)(\s+lut\w*)(?!\s+\d{{4}}){_LATER_YEAR}", re.IGNORECASE),
    re.compile(rf"\b(29)(\.0?2)(?![.\d]){_LATER_YEAR}"),
)


def leap_day_moved(text: str) -> str:
    """29 February of a year that has none (moved from a leap year) becomes 28 February."""

    def fix(m: re.Match[str]) -> str:
        day_first = m.group(1) == "29"
        year = int(m.group(3) if day_first else m.group(1))
        if calendar.isleap(year):
            return m.group(0)
        return m.group(0).replace("29", "28", 1) if day_first else m.group(0)[:-2] + "28"

    for pattern in _LEAP_DAYS:
        text = pattern.sub(fix, text)
    return text


def _validated(data: dict[str, Any], year: int) -> Plan:
    try:
        return Plan.model_validate(data, context={"rok": year})
    except ValidationError as error:  # a term that cannot move (e.g. beyond 2199)
        first = error.errors(include_url=False)[0]
        where = format_path(tuple(first["loc"]))
        message = _("the plan cannot be moved to {year}: {field}: {problem}").format(
            year=year, field=where, problem=first["msg"]
        )
        raise UsageError(message) from None


def _summary(plan: Plan, year: int, gap: int, moved: list[str], source: str) -> tuple[str, ...]:
    if source:
        first = _("Draft for {year}, carried over from the {old} plan ({source}) by osl-plan new.")
    else:
        first = _("Draft for {year}, carried over from the {old} plan by osl-plan new.")
    moved_by = (
        ngettext(
            "Moved {gap} year on: rok, and the term of every task ({tasks}).",
            "Moved {gap} years on: rok, and the term of every task ({tasks}).",
            gap,
        )
        if gap > 0
        else ngettext(
            "Moved {gap} year back: rok, and the term of every task ({tasks}).",
            "Moved {gap} years back: rok, and the term of every task ({tasks}).",
            -gap,
        )
    )
    lines = [
        first.format(year=year, old=plan.rok, source=source),
        moved_by.format(gap=abs(gap), tasks=len(plan.zadania)),
    ]
    if moved:
        lines.append(_("Year mentions moved in: {fields}.").format(fields=", ".join(moved)))
    lines.append(_("Kept: ids, tasks, addressees, sub-items, chapters, funding, signature names."))
    lines.append(_("Cleared: signature dates. Review every task and term before approval."))
    if plan.zalacznik:
        lines.append(
            _(
                "Kept as it was: the framing line (zalacznik); "
                "write the new ordinance's number and date."
            )
        )
    return tuple(lines)
