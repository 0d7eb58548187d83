"""The diff as JSON, with a stable, documented schema (see the README, `osl-plan diff`)."""

from __future__ import annotations

import json
from typing import Any

from osl_plan.diff.model import FieldChange, Pair, PlanDiff
from osl_plan.model import Task
from osl_plan.terms import Month

SCHEMA = "osl-plan-diff/1"


def _month(month: Month) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def _task(task: Task, index: int, line: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"index": index + 1}
    if line is not None:
        data["line"] = line
    data.update(
        id=task.id,
        zadanie=task.zadanie,
        dzialania=list(task.dzialania),
        adresaci=list(task.adresaci),
        termin=task.termin.text,
        # The first and the last month; a term of several ranges („II, IV kwartał”) has gaps
        # between them, so month_list names every month the term covers.
        months=[_month(task.termin.start), _month(task.termin.end)],
        month_list=[_month(month) for month in task.termin.months()],
    )
    if task.termin.days:  # „8 i 15 marca 2026”: the days, a range as an ISO interval
        data["days"] = [
            first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"
            for first, last in task.termin.days
        ]
    return data


def _field(change: FieldChange) -> dict[str, Any]:
    return {
        "field": change.field,
        "old": change.old,
        "new": change.new,
        "note": change.note,
        "diff": [{"op": s.op, "text": s.text} for s in change.segments],
    }


def _pair(pair: Pair, diff: PlanDiff) -> dict[str, Any]:
    return {
        "old": _task(diff.old_task(pair), pair.old),
        "new": _task(diff.new_task(pair), pair.new, diff.line_of(pair.new)),
        "match": pair.stage,
        "fields": [_field(change) for change in pair.fields],
    }


def as_data(diff: PlanDiff) -> dict[str, Any]:
    """The diff as plain data (dicts, lists, strings, numbers).

    ``realisation`` is there only when the realisation was compared (``diff --realizacja``).
    """
    data = _plan_data(diff)
    if diff.realisation is not None:
        from osl_plan.diff.realisation_change import as_data as change_data

        data["realisation"] = [change_data(change) for change in diff.realisation]
    return data


def _plan_data(diff: PlanDiff) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "old": {"file": diff.old_file, "rok": diff.old.rok, "tasks": len(diff.old.zadania)},
        "new": {"file": diff.new_file, "rok": diff.new.rok, "tasks": len(diff.new.zadania)},
        "year_shift": diff.year_shift,
        "differences": diff.has_differences,
        "plan": [_field(change) for change in diff.plan_fields],
        "added": [_task(diff.new.zadania[i], i, diff.line_of(i)) for i in diff.added],
        "removed": [_task(diff.old.zadania[i], i) for i in diff.removed],
        "changed": [_pair(pair, diff) for pair in diff.changed],
        "carried_over": [_pair(pair, diff) for pair in diff.carried_over],
        "moved": [
            {"old_index": p.old + 1, "new_index": p.new + 1, "zadanie": diff.new_task(p).zadanie}
            for p in diff.moved
        ],
        "unchanged": diff.unchanged,
    }


def format_json(diff: PlanDiff) -> str:
    """One JSON document, keys in a fixed order, UTF-8 text kept as is."""
    return json.dumps(as_data(diff), ensure_ascii=False, indent=2) + "\n"
