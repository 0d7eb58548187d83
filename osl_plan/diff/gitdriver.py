"""``osl-plan diff`` as git's external diff driver (``diff.<name>.command``)."""

from __future__ import annotations

from osl_plan.diff.match import diff_loaded
from osl_plan.diff.text import describe_side, format_text
from osl_plan.errors import PlanError
from osl_plan.i18n import _

NULL = "/dev/null"


def git_diff_text(path: str, old_file: str, new_file: str, *, color: bool = False) -> str:
    """The text git shows for ``path``; an added or removed plan is one line.

    Raises UnreadableFile or PlanError for an added or removed plan that cannot be read.
    """
    from dataclasses import replace

    from osl_plan.load import load

    header = f"osl-plan diff a/{path} b/{path}\n"
    if NULL in (old_file, new_file):
        side, line = (
            (new_file, _("new plan: {plan}"))
            if old_file == NULL
            else (old_file, _("deleted plan: {plan}"))
        )
        plan = load(side).plan
        return header + line.format(plan=describe_side(path, plan.rok, len(plan.zadania))) + "\n"
    try:
        result = diff_loaded(load(old_file), load(new_file))
    except PlanError as error:
        lines = "".join(f"  {line}\n" for line in error.lines())
        return header + _("cannot compare:") + "\n" + lines
    # git's temporary file names mean nothing to a reader: show the path in the repository.
    result = replace(result, old_file=f"a/{path}", new_file=f"b/{path}")
    return header + format_text(result, color=color)
