"""Compare two plans: ``diff_plans(old, new) -> PlanDiff``, pure; the tasks are matched by
:mod:`osl_plan.diff.match`, the plan-level fields by :mod:`osl_plan.diff.plan_fields`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from osl_plan.diff.match import classify_pair, match_tasks, moved_positions
from osl_plan.diff.model import PlanDiff
from osl_plan.diff.plan_fields import plan_fields
from osl_plan.model import Plan

if TYPE_CHECKING:
    from osl_plan.load import LoadedPlan


def diff_plans(old: Plan, new: Plan, *, ignore_order: bool = False) -> PlanDiff:
    """Compare two plans; pure and deterministic. Raises nothing for valid plans."""
    years = new.rok - old.rok
    links = match_tasks(old.zadania, new.zadania, years)
    links.sort(key=lambda link: link[1])
    moved = moved_positions([o for o, _, _ in links])
    pairs = tuple(
        classify_pair(old.zadania[o], new.zadania[n], (o, n, stage), years=years, moved=k in moved)
        for k, (o, n, stage) in enumerate(links)
    )
    matched_old = {o for o, _, _ in links}
    matched_new = {n for _, n, _ in links}
    return PlanDiff(
        old=old,
        new=new,
        pairs=pairs,
        added=tuple(i for i in range(len(new.zadania)) if i not in matched_new),
        removed=tuple(i for i in range(len(old.zadania)) if i not in matched_old),
        plan_fields=plan_fields(old, new, years),
        ignore_order=ignore_order,
    )


def diff_loaded(
    old: LoadedPlan, new: LoadedPlan, *, ignore_order: bool = False, realisation: bool = False
) -> PlanDiff:
    """Compare two loaded plans, keeping their file names and task lines. Raises nothing.

    With ``realisation`` the recorded realisation of matched tasks is compared too.
    """
    from dataclasses import replace

    result = diff_plans(old.plan, new.plan, ignore_order=ignore_order)
    if realisation:
        result = with_realisation(result)
    return replace(result, old_file=old.source, new_file=new.source, new_task_lines=new.task_lines)


def with_realisation(diff: PlanDiff) -> PlanDiff:
    """``diff`` with the changes to the realisation of its matched tasks."""
    from dataclasses import replace

    from osl_plan.diff.realisation_change import realisation_change

    changes = (
        realisation_change(p.old, p.new, diff.old_task(p).realizacja, diff.new_task(p).realizacja)
        for p in diff.pairs
    )
    return replace(diff, realisation=tuple(c for c in changes if c is not None))
